"""Question analysis: what kind of answer a question asks for, and what it is about.

Extractive question answering reads the question before it reads the passages (the classic
TREC QA pipeline): *how long* wants a duration, *how far* or *how wide* a measure, *where* a
place or position, *which* a choice among the options the question names, a yes/no question a
sentence that takes a position, *why* a reason, *how do I* a way of doing it, and a question for
the overall message ("bottom line?", "the takeaway?") the article's closing section. The rules below
are general English, not words of any one article; the answer-type patterns are what
``reader.py`` looks for in a candidate sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from .lexical import terms
from .thesaurus import adjective_words, thing_words

# Question kinds, most specific first: the first rule that matches the question sentence decides.
# Rules marked True must match within its first words ("when" opens a question; "... pain when
# running?" is not asking for a time).
_OPENING_WORDS = 6
_KINDS: tuple[tuple[str, re.Pattern[str], bool], ...] = tuple((kind, re.compile(rx), opening) for kind, rx, opening in (
    ("duration", r"\bhow long\b|\bhow many (?:seconds|secs|minutes|mins|hours|days|weeks|months|years)\b"
                 r"|\bfor how long\b|\bhow much time\b|\bduration\b", False),
    ("frequency", r"\bhow often\b|\bhow many times\b|\bhow frequently\b|\bhow regularly\b", False),
    ("measure", r"\bhow (?:far|wide|high|low|deep|big|heavy|close|narrow|much space)\b"
                r"|\bwhat (?:distance|width|height)\b", False),
    ("quantity", r"\bhow (?:many|much)\b", False),
    ("summary", r"\boverall\b|\bbottom line\b|\btake-?aways?\b|\bin (?:a )?(?:nutshell|short|summary|brief|a word)\b"
                r"|\bsum (?:it |this |that |everything )?up\b|\bsummar\w*|\btl;? ?dr\b|\b(?:main|key|overall|big) "
                r"(?:message|lesson|advice)s?\b|\b(?:big|bigger|whole) picture\b|\bgist\b"
                # Whether it is one thing or many ("is there one single cause?", "a mix of things?",
                # "should I look at other stuff too?"): what the article says as a whole.
                r"|\b(?:one|single|same|root) (?:single )?(?:cause|fix|reason|culprit|solution)\b"
                r"|\b(?:one thing or|any one thing|never one thing|just one thing)\b|\b(?:mix|combination) of\b"
                r"|\b(?:lots|lot|loads|load|bunch|number|variety) of (?:different )?(?:things|factors|causes|stuff)\b"
                r"|\b(?:many|multiple|different) (?:things|factors|causes)\b|\beverything together\b"
                r"|\bother (?:things|stuff|factors|causes)(?: too| as well)?\W*$", False),
    ("reason", r"\bwhy\b|\bhow come\b|\bwhat (?:is|'s|are) the (?:point|reasons?|benefits?|advantages?|purpose)\b"
               r"|\bwhat causes?\b|\b(?:any|a) (?:benefit|advantage|point)\b", True),
    ("place", r"\bwhere\b|\bwhat (?:position|stance)\b|\bwhich (?:position|way up|direction)\b", True),
    ("time", r"\bwhen\b|\bwhat time\b", True),
    ("person", r"\bwho\b|\bwhom\b", True),
    ("choice", r"\bwhich\b|\bwhat (?:kind|type|sort|style)s? of\b"
               r"|\bwhat (?:is|are) the best\b(?! (?:way|approach|method))", True),
    ("definition", r"\bwhat (?:is|are|does|do) (?:an? |the )?[\w\s-]{1,40}? (?:mean|means)\b|\bdefin\w*\b"
                   r"|\bmeaning of\b|^\s*what (?:is|are) (?:an? |the )?[\w-]+(?: [\w-]+)?\s*\??\s*$", False),
    ("manner", r"\bhow\b|\bwhat is the (?:best |right |correct )?way\b|\bin what way\b|\btips?\b", True),
    ("yesno", r"^\s*(?:(?:so|and|but|also|then|ok|okay|well|hi|hey|please|just|really|quick question)\W+){0,3}"
              r"(?:is|are|was|were|do|does|did|should|shall|can|could|will|would|must|may|might|has|have|had|am)\b"
              r"|\b(?:is|are) (?:it|that|this|there) (?:true|normal|ok|okay|bad|good|safe|common|any)\b", False),
))
_SENTENCE = re.compile(r"[^.?!]+[.?!]*")

# What a sentence that answers each kind looks like. General English cues, kept deliberately small.
_NUMBER = (r"(?:\d+(?:[.,]\d+)?|a few|few|several|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|"
           r"sixty|a couple of)")
ANSWER_TYPES: dict[str, re.Pattern[str]] = {kind: re.compile(rx, re.IGNORECASE) for kind, rx in {
    "duration": rf"\b{_NUMBER}\s*(?:-\s*{_NUMBER}\s*)?(?:seconds?|secs?|minutes?|mins?|hours?|days?|weeks?|months?|"
                r"years?)\b|\b(?:a |an )?(?:short|long|brief) (?:length of time|time|while|period)\b"
                r"|\bfor (?:a while|longer|as long)\b",
    "frequency": r"\b(?:once|twice|\w+ times?) (?:a|per|each|every)\b|\b(?:daily|weekly|every day|each day|regularly|"
                 r"each time|every time|always|often|constant)\b|\bevery (?:\w+ )?(?:day|week|run|session)\b",
    "measure": rf"\b{_NUMBER}\s*(?:mm|cm|centimetres?|centimeters?|metres?|meters?|m|km|kilometres?|kilometers?|"
               r"inch(?:es)?|"
               r"feet|foot|ft|yards?|miles?)\b|\b\w+ (?:width|length|height|distance) apart\b|\b(?:width|wide|apart|"
               r"height|distance|length)\b",
    "quantity": rf"\b{_NUMBER}\b",
    "reason": r"\b(?:because|since|as a result|due to|caused by|cause[sd]?|so that|in order to|leads? to|reduces?|"
              r"increases?"
              r"|helps?|prevents?|avoid\w*|by having|by \w+ing|this is why|which means|the reason)\b",
    "place": r"\b(?:on|at|in|under|behind|beside|against|between|to|from|towards?|onto|into|up|down|apart|forward|flat|"
             r"lying|standing|sitting|face (?:up|down))\s+(?:the|your|a|an|each|both|either|from|to)?\s*\w+"
             r"|\b(?:position|posture|in line|upright|face up|face down)\b",
    "time": r"\b(?:before|after|during|while|whilst|when|prior to|until|once|first|then|at the (?:start|end))\b",
    "person": r"\b(?:\w+ists?|doctors?|coach(?:es)?|trainers?|professionals?|experts?|stores?|shops?|chiropractors?|"
              r"specialists?|physicians?|nurses?|runners)\b",
    "choice": r"\b(?:choose|choosing|select|pick|opt for|prefer|recommended|best|ideal|suited|designed for|"
              r"type of|kind of|if you have)\b",
    "definition": r"\b(?:is|are|means?|refers? to|is said to be|is defined as|is known as|remains?|consists? of|"
                  r"involves?)\b",
    "manner": r"\b(?:by|using|use|with your|try|make sure|keep|bring|push|twist|hold|focus|practi[cs]e|consider|"
              r"maintain\w*|avoid|do one|start|stop|place|put|lie|stand)\b",
    "yesno": r"\b(?:not|no|never|should|must|need to|needs to|have to|has to|important|essential|key|effective|"
             r"recommended|necessary|more likely|less likely|better|worse|the case|true|false)\b",
}.items()}

# Words that frame a question rather than say what it is about.
FRAME_WORDS = frozenset("""
what whats which who whom whose when where why how is are was were be been being am do does did doing done
should shall can could will would must may might have has had having get gets got getting make makes made
i im ive me my mine myself you your yours we us our it its itself they them their this that these those
a an the and or but if then so also just really very quite much many more most some any anything something
thing things way ways good best better bad worse worst ok okay fine right correct proper properly normal
help helps helped helping need needs want wants know tell say said please thanks thank anyone someone
there here about for with without from into onto of on in at to by up down out over under again still
ever even only too enough lot lots bit kind sort type start started starting try trying tried use using
advice tip tips recommend recommended suggestion idea ideas question questions answer article articles
first second third fourth fifth last next previous one ones other others else another same st nd rd th number
everyone everybody anyone anybody everything someone somebody people person guys
though tho thx pls plz please lol ok yes yeah yep no nope hi hello hey cheers
kindly advise suggest suggestions recommendation recommendations sir madam dear
actually basically literally generally usually normally honestly seriously totally
after before during since until while whilst every always never sometimes often again already
""".split())

# Up to three words, a word that joins two options, up to four words.
_SIDES = r"\b((?:\w+[ -]){{0,2}}\w+) {} ((?:\w+[ -]){{0,3}}\w+)\b"
_OPTION = re.compile(_SIDES.format("or"))
_CHOICE = re.compile(_SIDES.format(r"(?:or|vs\.?|versus)"))
# What is not a choice between two things: a clause on either side of "or" ("... or is it a
# myth?", "or should I rest?"), a vague alternative ("no numbness or anything").
_CLAUSE_WORDS = frozenset("is are was were do does did can could should would will i you it we they he she there".split())
_VAGUE = frozenset("anything something everything nothing else whatever stuff".split())
_DETERMINERS = frozenset("a an the my your some".split())
_COMPARATIVES = frozenset("better worse more less".split())
_COUNTED = re.compile(r"\bhow (?:many|much) (?:more |extra |different )?([a-z]+)")
_LIST_CUES = re.compile(
    r"\b(?:stretches|exercises|ways|tips|steps|things|options|moves|list|examples|which (?:stretches|exercises)"
    r"|what (?:\w+ ){0,3}(?:can|should|could) i do"
    # Asking for every point of something: "a checklist", "what should I look for", "what else",
    # "the rest of it", "all the factors", "everything the article recommends".
    r"|check-?list|look (?:out )?for|features|factors|pointers|suggestions|recommendations|bullet points?"
    r"|what else|anything else|the rest|everything|all the \w+"
    # several things pointed back at: "which ones?", "what are they?", "name them"
    r"|which ones|what ones|(?:what|which) are they|(?:name|list) them)\b", re.IGNORECASE)
# Kinds that want one answer however many things they name; "are there any ..." still wants a list.
_ONE_ANSWER_KINDS = frozenset({"reason", "definition", "duration", "frequency", "measure", "quantity", "time"})
_ONE_THING = re.compile(r"\bthe (?:main|key|most important|biggest|number one|one|single|golden) "
                        r"(?:thing|point|rule|tip|idea|principle|factor|message)\b")
_ANY_OF = re.compile(r"\b(?:is|are) there\b|\b(?:any|some|other|more|good|best|few|couple)\b")
# "the second one", "and the third?", "the 2nd stretch", "step 3", "the last one": a reference to
# one item of a list (the article's, or the one just given). Not a time or a part of a run.
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
             "ninth": 9, "tenth": 10, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5, "6th": 6, "7th": 7, "8th": 8,
             "9th": 9, "10th": 10, "last": -1, "final": -1}
_NOT_AN_ITEM = frozenset("""time times day days week weeks month months year years minute minutes hour hours
session sessions run runs mile miles km k lap laps race races half place thing things sign signs symptom symptoms
person people""".split())
_ORDINAL_REF = re.compile(r"\b(?:the|that|this|your|ur)\s+(" + "|".join(_ORDINALS) + r")\b(?:\s+([a-z]+))?")
_NUMBERED_REF = re.compile(r"\b(?:number|no\.?|#|step|item|exercise|stretch|tip|point|option)\s*(\d{1,2})\b")
_CONTRACTIONS = (("’", "'"), ("can't", "can not"), ("won't", "will not"), ("n't", " not"), ("'s", " is"),
                 ("'re", " are"), ("'m", " am"), ("'ve", " have"), ("'ll", " will"), ("'d", " would"))


@dataclass(frozen=True)
class Question:
    """A question as the reader uses it."""

    text: str
    kind: str  # one of the keys of _KINDS, or "other"
    focus: frozenset[str]  # stems of the content words (frame words removed)
    options: tuple[frozenset[str], ...] = ()  # for "X or Y" questions: the stems of each option
    wants_list: bool = False
    ordinal: int | None = None  # "the second one" -> 2, "the last one" -> -1: one item of a list

    @property
    def answer_type(self) -> re.Pattern[str] | None:
        return ANSWER_TYPES.get(self.kind)


def normalise(text: str) -> str:
    text = text.lower()
    for short, full in _CONTRACTIONS:
        text = text.replace(short, full)
    return text


@lru_cache(maxsize=4096)
def analyse(text: str) -> Question:
    """The kind, focus words and options of one question (cached: follow-ups ask it again)."""
    norm = normalise(question_sentence(text))
    opening = " ".join(norm.split()[:_OPENING_WORDS])
    kind = next((k for k, rx, anchored in _KINDS if rx.search(opening if anchored else norm)), "other")
    if kind == "definition" and _LIST_CUES.search(norm):  # "what are the stretches?": name them, not define
        kind = "other"
    options: tuple[frozenset[str], ...] = ()
    match = _OPTION.search(norm)
    if match:
        left, right = (frozenset(terms(side)) for side in match.groups())
        sides = (left - right, right - left)  # what tells the options apart: "face up" / "face down"
        if all(sides):
            options = sides
            if kind in ("yesno", "other"):  # "should I lie face up or face down?" asks to choose
                kind = "choice"
    focus = focus_terms(norm) or focus_terms(text)  # the asking sentence's words, else the whole text's
    return Question(text, kind, focus, options, wants_list(kind, norm, text), ordinal(normalise(text)))


def choice(text: str) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """The two things the asking sentence offers a choice between, with "or", "vs" or "versus":
    "ice or heat on it?" gives ("ice",) and ("heat",), "the morning or the arvo?" ("morning",)
    and ("arvo",). The content words next to "or" on each side, up to two, determiners skipped.
    None when there is no choice between things: a clause on either side ("... or is it a
    myth?", "... or should I rest?"), a vague alternative ("no numbness or anything"), or no
    content word on a side."""
    match = _CHOICE.search(normalise(question_sentence(text)))
    if not match:
        return None
    left, right = match.group(1).split(), match.group(2).split()
    if left[-1] in _CLAUSE_WORDS or right[0] in _CLAUSE_WORDS or _VAGUE & {*left, *right}:
        return None
    before, after = _option_words(reversed(left))[::-1], _option_words(right)
    return (tuple(before), tuple(after)) if before and after else None


def comparison(text: str) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """The two things the asking sentence compares ("is the dead bug exercise better than
    crunches?" gives ("bug", "exercise") and ("crunches",)): the content words next to the
    comparative before "than", and next to "than" after it, up to two each; None when it compares
    nothing."""
    words = re.findall(r"[a-z]+", normalise(question_sentence(text)))
    if "than" not in words:
        return None
    than = words.index("than")
    comparative = next((i for i in range(than - 1, max(-1, than - 6), -1) if is_comparative(words[i])), None)
    if comparative is None:
        return None
    before, after = _option_words(reversed(words[:comparative]))[::-1], _option_words(words[than + 1:])
    return (tuple(before), tuple(after)) if before and after else None


def is_comparative(word: str) -> bool:
    """"better", "worse", "more", "less", or an adjective of WordNet's with "-er" ("gentler",
    "harder", "easier", "bigger"), not a word used mostly as a noun ("runner", "trainer")."""
    if word in _COMPARATIVES:
        return True
    if not word.endswith("er") or word in FRAME_WORDS or word in thing_words():
        return False
    adjectives = adjective_words()
    bases = (word[:-2], word[:-1], word[:-3] + "y" if word.endswith("ier") else "",
             word[:-3] if len(word) > 4 and word[-3] == word[-4] else "")
    return any(base in adjectives for base in bases if base)


def counted(text: str) -> str | None:
    """The word a "how many" or "how much" question counts ("how many miles a week?" gives
    "miles", "how many more reps?" "reps"), or None."""
    match = _COUNTED.search(normalise(question_sentence(text)))
    return match.group(1) if match and terms(match.group(1)) else None


def _option_words(words: Iterable[str]) -> list[str]:
    """The content words nearest the word that joins two options ("or", "than"), in ``words``'
    order away from it: up to two, stopping at a stop or frame word."""
    out: list[str] = []
    for word in words:
        if word in _DETERMINERS and not out:
            continue
        if not terms(word) or word in FRAME_WORDS or word in _DETERMINERS or len(out) == 2:
            break
        out.append(word)
    return out


_SUMMARY = dict((kind, rx) for kind, rx, _ in _KINDS)["summary"]
_SUMMARY_WORDS = frozenset("message messages lesson lessons point points picture gist idea give".split())


# A question whether or when to see a clinician: "should I see a doctor?", "when do I need a GP?",
# "is it serious?", "do I need an x-ray?". General English, no article's words.
_CLINICIAN = (r"(?:doctor|doc|gp|physio\w*|clinician|specialist|consultant|nurse|a&e|a and e|er|emergency room|hospital|"
              r"urgent care|walk-in|chiropractor|osteopath|medical (?:help|advice|attention)|"
              r"111|999|911|scan|x-?ray|mri)")
_ASKS_FOR_CLINICIAN = re.compile(
    rf"\b(?:should|do|must|would|shall|when (?:should|do|must|would)|at what point (?:should|do)) (?:i|we|he|she|you) "
    rf"(?:\w+ )?(?:see|visit|go to|call|ring|phone|consult|get|book|need|ask|talk to|speak to)\b(?:\s+\w+){{0,3}}?\s+(?:an? |the |my )?{_CLINICIAN}\b|"
    rf"\bwhen (?:to|is it time to) (?:see|visit|go to|call|consult|get|worry)\b|"
    rf"\b(?:do|will) (?:i|you) need (?:to see |to go to |to get )?(?:an? |the |my )?{_CLINICIAN}\b|"
    r"\b(?:is|could) (?:it|this|that|my back(?: pain)?) (?:be )?(?:something )?(?:serious|dangerous|an emergency)\b|"
    r"\bshould i (?:be )?(?:worried|worry|concerned)\b|\bwhen (?:is|does|should) (?:back pain|it|this|pain) "
    r"(?:become |be )?(?:serious|an emergency|a concern|worrying)\b")


# Words that tell of pain, as people type them: "I'm in agony", "my back is killing me".
_PAIN_TOLD = re.compile(r"\b(?:pain(?:s|ful|fully|ing|ed)?|hurt\w*|ach(?:e|es|ed|ing|y)|sore\w*|agony|agonis\w*|agoniz\w*|killing me|"
                        r"excruciating|unbearable|stiff\w*|spasm\w*|injur\w*|twing\w*|niggl\w*)\b")


def tells_of_pain(text: str) -> bool:
    """Whether ``text`` speaks of pain ("I'm in agony", "back's killing me")."""
    return bool(_PAIN_TOLD.search(normalise(text)))


def asks_for_a_clinician(text: str) -> bool:
    """Whether ``text`` asks whether or when to see a doctor ("should I see a GP?", "is it
    serious?"): a question the articles seldom answer, and one that deserves when to get help."""
    return bool(_ASKS_FOR_CLINICIAN.search(normalise(text)))


def summary_cue(text: str) -> frozenset[str]:
    """The words of a request for the overall message ("bottom line?", "the gist", "in a
    nutshell"), none when the question asks for no summary: they say what kind of answer is
    wanted, not what it is about."""
    norm = normalise(question_sentence(text))
    cue = {word for m in _SUMMARY.finditer(norm) for word in re.findall(r"[a-z]+", m.group(0))}
    if cue:  # "the overall message", "main points", "give me the gist": the request itself
        cue |= _SUMMARY_WORDS & set(re.findall(r"[a-z]+", norm))
    return frozenset(cue)


def ordinal(text: str) -> int | None:
    """Which item of a list ``text`` points at: "and the third?" 3, "the 2nd stretch" 2, "step 4"
    4, "the last one" -1; None when it points at none ("the first time I ran", "the last mile")."""
    for match in _ORDINAL_REF.finditer(text.lower()):
        if match.group(2) not in _NOT_AN_ITEM:
            return _ORDINALS[match.group(1)]
    numbered = _NUMBERED_REF.search(text.lower())
    return int(numbered.group(1)) if numbered and int(numbered.group(1)) > 0 else None


def wants_list(kind: str, asking: str, text: str) -> bool:
    """Whether the question asks for several things ("which stretches help?", "any exercises I
    can do?"), not one judgement about them ("are the usual stretches bad?", "why do stretches
    help?"): a list word, in a question that does not ask why, what something is, how long or how
    much, nor a yes/no question unless it asks whether there are any."""
    if not _LIST_CUES.search(text):
        return False
    if kind in _ONE_ANSWER_KINDS or _ONE_THING.search(asking):
        return False
    return kind != "yesno" or bool(_ANY_OF.search(asking))


def question_sentence(text: str) -> str:
    """The sentence that asks: the last one ending in "?" (a long message often tells its story
    first), else the last sentence."""
    sentences = [m.group(0).strip() for m in _SENTENCE.finditer(text) if m.group(0).strip()]
    if not sentences:
        return text
    asking = [s for s in sentences if s.endswith("?")]
    return (asking or sentences)[-1]


# What a message says it does not have is not what it asks about: "No numbness, bladder's fine, just
# a sore back after my 10k. Normal?" asks about the sore back. A denial is a clause (between
# punctuation and "but", "just", "only", ...) that opens with a negation of a thing or an event
# ("no fever", "not numb", "never had cancer", "didn't fall", "haven't lost any weight"), or says a
# part or function is fine ("legs are fine", "bowels normal", "I can pee fine"); not a clause that
# asks ("is a 5k fine?"), nor a habit left undone ("I don't stretch"), which is often the subject.
_CLAUSE_BREAK = re.compile(r"[.,;:!?()\n\u2013\u2014]|\s-\s|\b(?:but|just|only|though|although|however|otherwise|except|"
                           r"apart from|other than|and now|so|anyway)\b")
_DENIAL_OPENING = re.compile(
    r"^\s*(?:and |or |also |plus |honestly |definitely |absolutely |literally |still )?"
    r"(?:(?:no|not|never|nothing|none|nor|neither|zero|nobody|without)\b(?! (?:sure|certain|idea|clue|matter|"
    r"longer|only|just|even|much|really|quite)\b)|"
    r"(?:(?:i|he|she|we|they|it|there|mine|that|this) )?(?:have|has|had|do|does|did|am|is|are|was|were|have been|has been) "
    r"(?:not|never)\b(?= (?:\w+ )?(?:have|had|got|get|any|a|an|fall\w*|fell|fallen|feel\w*|felt|notic\w*|los\w*|"
    r"been|in|on|injur\w*|hurt|hit|crash\w*|trip\w*|slip\w*|tumbl\w*|change\w*|numb\w*|tingl\w*|weak\w*))|"
    r"(?:i |he |she |we |they )?(?:havent|hasnt|hadnt|didnt|dont|doesnt|wasnt|werent|isnt|arent|aint)\b)")
_FINE_CLAUSE = re.compile(r"^\s*(?:my |the |his |her |both |all )?(?:[a-z']+ ){0,3}?(?:is |are |was |were |feels? |felt |seems? |looks? |"
                          r"can (?:\w+ ){1,2}?|all |both |totally |completely |perfectly |absolutely |100% |is all |are all )*"
                          r"(?:fine|normal|ok|okay|alright|all right|unaffected|clear|good|grand|as normal|working fine)\s*$")
# The writer's own checklist: a short question naming a symptom or a function ("Tingling?", "Any
# weakness?", "Toilet?"), not one that asks for advice ("Should I rest?"), answered by a bare no.
_SELF_ASKED = re.compile(r"^\s*(?:and |or |also )?(?:any |anything like |(?:do|did) (?:i|you) (?:have|get|notice) (?:any )?)?"
                         r"(?!(?:is|are|was|were|can|could|should|would|will|do|does|did|how|what|why|when|where|which|who|"
                         r"anything else)\b)[a-z]+(?: [a-z]+){0,2}\s*$")
_BARE_NO = re.compile(r"^\s*(?:no|nope|nah|none|never|nothing|not at all|not really|not once|negative|fine|normal|all good|"
                      r"all fine)(?: (?:at all|whatsoever|thankfully|luckily|either|none|never))?\s*$")
_ASKS = re.compile(r"^\s*(?:is|are|was|were|can|could|should|would|will|do|does|did|how|what|why|when|where|which|who|any|anything)\b")


def without_denials(text: str) -> str:
    """``text`` (lower case, contractions written out) with the clauses that deny a symptom or an
    event blanked out, for reading what it is about; see ``_DENIAL_OPENING``. A symptom the writer
    asks about and answers no to ("Tingling? Not at all.", "Any numbness? None.") is denied too."""
    norm = normalise(text)
    pieces: list[tuple[str, str]] = []  # (clause, the break after it)
    start = 0
    for brk in list(_CLAUSE_BREAK.finditer(norm)) + [None]:
        pieces.append((norm[start:brk.start() if brk else len(norm)], brk.group(0) if brk else ""))
        start = brk.end() if brk else start
    out = []
    for i, (clause, brk) in enumerate(pieces):
        asked = brk == "?"
        answered_no = (asked and _SELF_ASKED.match(clause) is not None and i + 1 < len(pieces)
                       and _BARE_NO.match(pieces[i + 1][0]) is not None)
        denied = answered_no or (not asked and not _ASKS.match(clause) and (
            _DENIAL_OPENING.match(clause) or _FINE_CLAUSE.match(clause)))
        out.append((" " * len(clause) if denied else clause) + brk)
    return "".join(out)


def focus_terms(text: str) -> frozenset[str]:
    """Stems of the words a question is about: stop words and question-frame words removed."""
    words = " ".join(w for w in re.findall(r"[a-z]+(?:-[a-z]+)?", normalise(text)) if w not in FRAME_WORDS)
    return terms(words) if words else frozenset()
