"""Whether a symptom the rules found is denied ("no numbness", "bladder's fine", "Cancer? Never"),
after NegEx (Chapman et al., J Biomed Inform 2001;34:301), and where a clause ends."""

from __future__ import annotations

import re

from .text import _sentence_end
from .words import _CANNOT_OR_HARD


# Negation, after NegEx (Chapman et al., J Biomed Inform 2001;34:301): a trigger before the symptom
# ("no", "never had", "I don't have any") or after it ("... is fine", "? none") denies it, within a
# few words and unless a terminator ("but", "however", a new sentence, ", and now") comes between.
# Pseudo-triggers look like negation and are not ("no longer", "not sure", "not only").
_PRE_NEGATION = re.compile(
    r"\b(?:no|not|never|without|none|nothing|nor|neither|zero|walang|wala|denies|denied|deny|negative for|free of|"
    r"absence of|ruled out|rule out|nothing like|not any|not a single|not one|no sign of|no signs of|"
    r"no trace of|lack of|not experiencing|not having|not had|have not|has not|had not|do not|does not|"
    r"did not|am not|is not|are not|was not|were not|have never|has never|had never)\b")
_PSEUDO_NEGATION = re.compile(
    r"\b(?:(?:can|could) not (?:\w+ ){1,5}?without\b|not complain\w* (?:about|of)|(?:can|could|will) not \w+|would not (?!say\b|call\b|describe\b)\w+|"
    r"no (?:real |proper |actual )?(?:control|feeling|sensation|urge|warning|strength|power)|"
    r"(?:do|does|did) not (?:get|have|feel) (?:the|any) (?:feeling|urge|sensation)|"
    r"(?:do|does|did) not (?:notice|realis\w*|realiz\w*|know when|seem to know)|"
    r"without (?:any |even |my |me )?(?:realis\w*|realiz\w*|notic\w*|know\w*|warning|feeling|meaning to|trying|dieting)|"
    r"(?:like|as if|as though) (?:\w+ ){0,3}?(?:nothing|no)\b|nothing doing|nothing (?:happens|happened|comes|came)|(?:do|does|did) not (?:even |seem to )?feel (?:it|a thing|anything)(?: happen\w*)?|(?:would |'d )?rather not(?: \w+)?|(?<!would )not (?:discuss|mention|say|talk|tell)\w*|(?:does|do|did|doing|done|changes|changed|achieves) nothing|no joy|no luck|no longer|not sure|not certain|no idea|not only|not just|no doubt|not necessarily|no matter|"
    r"not even sure|not improv\w*|no improvement|no better|not better|not getting|not going away|not go away|"
    r"not stop\w*|not eas\w*|not settl\w*|not help\w*|not able|not been able|never been able|not managed|"
    r"not feel\w*(?! (?:any|much) (?:numbness|tingl\w*|pins and needles|weakness|pain)\b)|not control\w*|not hold\w*|not carr\w*|not lift\w*|not obey\w*|not respond\w*|not cooperat\w*|"
    r"not walk\w*|not move|not get|not pee|not wee|not urinate|not go|not start|not empty|not tell|not notice|"
    r"not sleep|not support|not let up|not get comfortable|not have control|not have any control|nothing helps|"
    r"not (?:expect|think|know|want|mind|care|understand|believe|realis|realiz|suppose|imagine)\w*|"
    r"not (?:mine|my own|his own|her own|theirs|part of me)|"
    # an affirmation in negative words: "it's not like I can control it", "not a day goes by without",
    # "without my stick I can't walk", "no way is this normal"
    r"not (?:like|as if) (?:i|he|she|they) (?:can|could)(?! not)|not a (?:day|night|run) (?:goes|went) by without|"
    r"without (?:my|a|his|her|the) (?:stick|walking stick|cane|crutch\w*|frame|walker|zimmer|help|support|hand)|"
    r"no way (?:is|are|was|this|that|it is)\b(?: (?:this|that|it))?(?: is)? (?:normal|right|ok|okay|good|fine))\b")
_POST_NEGATION = re.compile(
    r"^\W*(?:(?:is|are|was|were|has been|have been|seems?|feels?|seem to be|looks?)\s+)?(?:all |both |totally |"
    r"completely |perfectly |totally )?(?:fine|normal|ok|okay|good|alright|all right|perfect|unaffected|unchanged|negative|"
    r"stable|absent|ruled out|excluded|not affected|not a problem|not an issue|no problems?|no issues?|working (?:fine|normally|normal|ok)|"
    r"as normal|none|nope|not really(?! (?:my|the|his|her|their|your|a|an|in|on)\b)|not at all|(?:no|never|nothing)(?=\s*(?:$|[.,;!?])))\b")
# The next sentence denies what the one before named: "I checked for a lump. There isn't one."
# Not when it says the symptom is new: "I didn't have that before."
_DENIED_NEXT = re.compile(r"^\W*(?:there (?:is|are|was|were) (?:not|no)\b(?! doubt)|none\b|not one\b|nope\b|"
                          r"i (?:have not|do not|am not|did not)(?=\W*(?:[,.;!]|$))|"
                          r"(?:they|it|he|she) (?:have not|has not|had not|are not|is not|did not|do not|does not|were not|was not)"
                          r"(?=\W*(?:[,.;!\u2013\u2014-]|$))|"
                          r"(?:thankfully |luckily |fortunately )?(?:that|this|it) (?:is|was) not (?:me|my case|the case|"
                          r"happening|something i have)\b|"
                          r"i (?:do not|did not|have not) (?:have |had |got )?(?:that|this|it|those|them|one|any|any of (?:that|those|them|these)|"
                          r"either of (?:those|them|these|the two)|anything (?:like|of) (?:that|this|those|these|the sort|the kind))"
                          r"\b(?! much| many| bad| often| badly)"
                          # "I didn't have that before": the symptom is new, not denied
                          r"(?![^.?!]{0,40}?\b(?:before|until|till|previously|in the past|last (?:week|month|year|time)|"
                          r"ago|earlier|back then|at first|to begin with|beforehand|prior)\b)"
                          r"|(?:thankfully|luckily|fortunately),? not\b)")
# The writer's answer to their own question about a symptom: "Is X a warning sign? I don't have it."
_DENIED_AFTER_ASKING = re.compile(
    r"^\W*(?:i (?:do not|did not|have not|have never|never|am not) (?:have |had |got |get |getting |having )?"
    r"(?:that|this|it|one|those|them|any(?:thing)?(?: of (?:that|those|them|these)| like (?:that|it))?|a fever|a temperature|"
    r"cancer|numbness)\b(?! much| many| bad| often| badly)"
    r"(?![^.?!]{0,40}?\b(?:before(?! (?:i|you|we) (?:start|begin|go|run|do|try))|until|till|previously|ago|earlier|at first)\b)"
    r"|i have nothing (?:like (?:that|it)|of the sort|of that)\b|mine (?:never|does not|is not|has not|has never)\b"
    r"|(?:just )?(?:curious|asking),? mine(?:'s| is) (?:fine|ok|okay|normal|good)\b|mine(?:'s| is) (?:fine|ok|okay|normal|good)\b"
    r"|(?:all|everything(?: is)?) (?:fine|good|ok|okay|normal|working) (?:in that department|down there|there)\b"
    r"|i (?:do not|did not) have any (?:issues|problems|trouble) (?:with (?:that|it))?\b)")
# Asked whether they had it, and said no: "my physio asked if I had any numbness ... and I said no".
_ASKED_IF = re.compile(r"\bask(?:s|ed)? (?:me )?(?:if|whether) (?:i|we|any)(?:'d| would| had)? ?(?:had|have|get|got|was|am|noticed)?\b|"
                       r"\bask(?:s|ed)? (?:me )?about\b|"
                       r"\b(?:asks?|asked) me\b[^.?!]{0,30}?\bany\b|\b(?:had a (?:good |proper |quick )?look|looked|felt|check|checked) for\b|"
                       r"\bwent through (?:all (?:of )?)?(?:the |a |their |his |her )?(?:whole |full |usual )?(?:list|checklist|questions)\b|"
                       r"\bchecked (?:me )?over\b")
_SAID_NO = re.compile(r"\b(?:(?:i said|i say|i answered|i answer|i told (?:him|her|them)|i tell (?:him|her|them)|i replied),? no|"
                      # the list asked about, closed by its verdict: "asked about peeing, numbness and my legs, all normal"
                      r"all (?:normal|fine|clear|ok|okay|good|negative)(?!\W+(?:\w+\W+){0,3}?(?:but|until|till|now|then|at the time|at first))|"
                      r"(?:there is|there was|there's) (?:nothing|nothin|none) there|found nothing|nothing there|(?:and )?honestly,? no\b|"
                      r"(?:checked|looked|felt)\b[^.?!]{0,20}?\b(?:no|nothing|none)\b|(?:the |my )?answers? (?:was|is|were) no|"
                      r"no to (?:both|all|each|either|everything)|(?:i am|i was|i'm) (?:fine|ok|okay|clear|good|normal) (?:on|with|for) (?:all|each|every one|everything|both)(?: of (?:them|those|these|it))?|(?:honestly |and )?no,? nothing (?:like that|of the sort|of that)|(?:i said |answered )?(?:none|neither)(?: of (?:them|those|these|it))?)\b")
# A list headed by its denial, the symptom one of its items: "Denies: leg pain, pins and needles,
# bladder problems, night pain, fever"; nothing but items and commas between the head and it.
_DENIED_LIST_HEAD = re.compile(r"\b(?:no|denies|denied|negative for|nil|none of|without)\s*:\s*(?:[\w' -]+,\s*)*(?:and |or )?[\w' -]{0,3}$")
# The writer saying, later in the sentence, that they have nothing of the kind.
_NOTHING_LIKE_IT = re.compile(r"\b(?:and|but)\W+(?:thankfully |luckily |fortunately )?i (?:have|get|have got|am having) "
                              r"(?:nothing|none|neither)(?: (?:like (?:that|it|this)|of (?:that|those|these|it|them)))?\b")
# A list of symptoms denied at its end, after a colon or a dash.
_LIST_DENIED = re.compile(r"[^.?!:;]{0,80}?[:\u2013\u2014-]\s*(?:none of (?:those|these|them|the above|that)|nope|nah|never|"
                          r"not me|no to (?:all|each|every)|all (?:fine|normal|good|clear)|none(?=\s*(?:[\u2013\u2014-]|$)))")
# After a denied symptom, what makes it new instead: "never had X before (this week)", "until this
# run"; not "before or after", "before or since", which deny both times, nor "before anyone asks".
_UNTIL_NOW = re.compile(r"\W*(?:\w+\W+){0,6}?(?:before|until|till|up until|up to)\b(?!\s*(?:or|and|,|nor)\b)"
                        r"(?!\s+(?:i|you|we) (?:start|begin|go|run|do|try|get)\b)"
                        r"(?!\s+(?:anyone|anybody|you|u|someone|somebody|people|they|the bot|it) (?:asks?|wonders?|panics?|worries|freaks? out|"
                        r"jumps? to conclusions|says? anything)\b)")
# The answer to a symptom asked about ("Cancer? Never had it.", "Numbness? No, none.").
# ("no cap" is slang for "no lie": it affirms)
_ANSWERED_NO = re.compile(r"^\W*(?:a\s*:\s*|answer\s*:\s*)?(?:no(?! cap\b)|nah|naw|never|none|nope|nothing|not really|not at all|"
                          r"not once)\b")
# A symptom that is an inability ("can not walk") is not denied by the manner after it ("... normal").
_INABILITY = re.compile(rf"\b(?:{_CANNOT_OR_HARD}|unable)\b")
_TERMINATOR = re.compile(
    r"[.;:!?\n]|\b(?:but|however|although|though|except|apart from|aside from|other than|yet|whereas|"
    r"besides|now|since|still|until|then|which|who|more like|more of|rather|instead)\b|\s[\u2013\u2014-]\s|,\s*(?=just\b)|\band (?=(?:i |he |she |we |they )?\w+ed\b)|,\s*(?=(?:i|my|mine|it|its|they|there|he|she|we|and|so|"
    r"plus|also|the|this|that)\b)")


NEGATION_WINDOW = 8  # words between a trigger and the symptom it denies


def _negated(text: str, start: int, end: int) -> bool:
    """Whether the symptom at ``text[start:end]`` is denied (NegEx-style, see above)."""

    scope_start = 0
    for sep in _TERMINATOR.finditer(text, 0, start + 40):  # past ``start``: a terminator may look ahead
        if sep.end() > start:
            break
        scope_start = sep.end()
    before = " ".join(text[scope_start:start].split())
    # A pseudo-trigger may run on into the symptom ("i can not | get the flow going") or begin
    # before the window ("can not take a proper breath without | a stab in my chest"): look for
    # them in the whole scope and the symptom together, then keep the window's words.
    joined = f"{before} {text[start:end]}"
    blanked = _PSEUDO_NEGATION.sub(lambda m: " " * len(m.group(0)), joined)[:len(before)]
    words = list(re.finditer(r"\S+", before))
    cleaned = blanked[words[-NEGATION_WINDOW].start() if len(words) >= NEGATION_WINDOW else 0:]
    if _PRE_NEGATION.search(cleaned):
        # "I've never had numbness in my groin before this week": never until now, so new
        return not _UNTIL_NOW.match(text, end, _sentence_end(text, end))
    after = text[end:end + 80]
    stop = _TERMINATOR.search(after)
    # A question answered at once ("numbness? none", "numbness: none") crosses its question mark
    # or colon; a colon otherwise ends a negation's reach ("I didn't have this before: my groin is numb").
    if stop and stop.group(0).strip() in ("?", ":", "-", "\u2013", "\u2014"):
        answer = _POST_NEGATION.match(after[stop.end():]) or _ANSWERED_NO.match(after[stop.end():])
        if answer and not _new_until_now(text, answer.group(0), end + stop.end() + answer.end()):
            return True
    sentence_start = max(text.rfind(c, 0, start) for c in ".!?\n") + 1
    if _DENIED_LIST_HEAD.search(text[sentence_start:start]):
        return True  # "Denies: leg pain, pins and needles, night pain, fever"; "No: fever, lumps, numbness"
    if _NOTHING_LIKE_IT.search(text, end, _sentence_end(text, end)):
        return True  # "losing control of your bowels is an emergency, and I have nothing like that"
    listed = _LIST_DENIED.match(text, end, _sentence_end(text, end))
    if listed and not _new_until_now(text, listed.group(0), listed.end()):
        return True  # "leg weakness, bladder problems, numbness: none of those"; not "... - never had this before"
    following = text[end:end + 200]  # the next sentence whole, however long this one runs on
    full_stop = re.search(r"[.!?]", following)
    if full_stop and full_stop.group(0) == "." and _DENIED_NEXT.match(following[full_stop.end():]):
        return True  # "I checked for a lump. There isn't one."
    if full_stop and full_stop.group(0) == "?" and _DENIED_AFTER_ASKING.match(following[full_stop.end():]):
        return True  # "Is numbness in the groin a warning sign? I don't have it."
    if full_stop:
        # one short sentence on: "Does cycling cause erection problems? I read that somewhere. I don't have
        # any issues."; "... gives you ED. True? All fine in that department."
        rest = text[end + full_stop.end():]
        second = re.search(r"[.!?]", rest)
        if second and len(rest[:second.start()].split()) <= 8 and _DENIED_AFTER_ASKING.match(rest[second.end():]):
            return True
    if _ASKED_IF.search(text, sentence_start, start) and (
            _SAID_NO.search(text, end, _sentence_end(text, _sentence_end(text, end) + 1))
            or (full_stop and _ANSWERED_NO.match(following[full_stop.end():]))):
        return True  # "my physio asked if I had any numbness and I said no"; "... pain at night? No, I sleep fine."
    if stop and after[stop.start()] == "?":
        return False  # "is chest pain normal with this?" asks; it does not deny
    near = _PSEUDO_NEGATION.sub(" ", after[:stop.start()] if stop else after)  # "no matter how" denies nothing
    # right after it: "bladder control is fine", "bowels all normal"
    if re.search(r"\b(?:not|never)\b", text[start:end]) and re.match(r"\W*(?:nothing|no|never|none)\W*$", near):
        return False  # "resting does not help nothing": a double negative stresses, it does not deny
    return not _INABILITY.search(text, start, end) and bool(_POST_NEGATION.match(near))


def _new_until_now(text: str, answer: str, at: int) -> bool:
    """Whether an answer ending in "never" at ``at`` goes on to make the symptom new: "leaking
    wee - never had this before" (not "numbness? never")."""
    return answer.rstrip().endswith("never") and bool(_UNTIL_NOW.match(text, at, _sentence_end(text, at)))


def _denied_last(matched: str) -> bool:
    """For a match that names the body part first and the symptom last ("pee normally, no leaks"),
    whether a negation stands right before the symptom. An inability at the end ("... i can not
    hold it") is the symptom, not its denial."""
    words = matched.split()
    if len(words) < 2:
        return False
    kept = _PSEUDO_NEGATION.sub(" ", " ".join(words[-7:])).split()
    if kept and kept[-1] == words[-1]:
        kept = kept[:-1]  # the symptom word itself
    return bool(_PRE_NEGATION.search(" ".join(kept[-3:])))


def _clause(text: str, match: re.Match[str]) -> tuple[int, int]:
    """The bounds of the clause ``match`` is in (between negation terminators: "but", ", and", ...)."""
    start = max((m.end() for m in _TERMINATOR.finditer(text, 0, match.start())), default=0)
    stop = _TERMINATOR.search(text, match.end())
    return start, stop.start() if stop else len(text)
