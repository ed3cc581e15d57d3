"""A message made comparable before the rules read it: lower case, contractions expanded,
texting spellings written out, misspelt trigger words corrected; and where its sentences end."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

from rapidfuzz import fuzz, process
from rapidfuzz.distance import DamerauLevenshtein

from ..lexical import untext


# Words a misspelling may be corrected to: the distinctive words the rules look for.
_VOCABULARY = (
    "numbness", "numb", "tingling", "tingly", "groin", "genitals", "buttocks", "bladder", "urine", "urinate",
    "bowel", "bowels", "incontinence", "incontinent", "weakness", "collapsing", "buckling", "erection",
    "erectile", "impotence", "accident", "collision", "chest", "fever", "feverish", "temperature",
    "shivering", "chills", "infection", "cancer", "tumour", "tumor", "chemotherapy", "lymphoma",
    "swelling", "swollen", "shoulder", "osteoporosis", "steroids", "prednisolone", "unexplained",
    "weight", "control", "walking", "sensation", "feeling", "between", "constant", "unbearable", "needles",
)


# A decimal point ("38.5", "5.2 miles") does not end a sentence.
_SENTENCE = re.compile(r"(?:[^.!?;\n]|(?<=\d)\.(?=\d))+[.!?;\n]*")


# Contractions typed without the apostrophe: "cant", "didnt", "hasnt".
_BARE_NOT = re.compile(r"\bcant\b|\bcnt\b|\bcnat\b|\bwont\b|\b(did|does|do|has|have|had|is|are|was|were|could|would|should)nt\b")
# An exclamation or question mark closing a bracketed aside does not end the sentence around it.
_ASIDE_END = re.compile(r"\s*[!?]+\s*\)")
# "'s" before an -ing form is "is": "chest's hurting", "leg's going numb".
_IS_DOING = re.compile(r"\b([a-z]+)'s ([a-z]+ing)\b")
_QUOTES = (("’", "'"), ("‘", "'"))
_CONTRACTIONS = (("can't", "can not"), ("cannot", "can not"), ("won't", "will not"), ("n't", " not"),
                 ("i'm", "i am"), ("'s been", " has been"), ("'s gone", " has gone"), ("'s got", " has got"),
                 ("'s started", " has started"), ("'s getting", " is getting"), ("'s not", " is not"),
                 ("he's", "he is"), ("she's", "she is"), ("it's", "it is"), ("that's", "that is"),
                 ("they're", "they are"), ("we're", "we are"), ("you're", "you are"), ("i've", "i have"))


def normalize(text: str, known: Iterable[str] = ()) -> str:
    """Lower-case, expand contractions, and correct misspelt trigger words."""
    text = text.lower()
    for short, full in _QUOTES + _CONTRACTIONS:
        text = text.replace(short, full)
    text = _BARE_NOT.sub(_expand_bare_not, text)
    text = _IS_DOING.sub(r"\1 is \2", text)
    text = _ASIDE_END.sub(")", text)  # "(embarrassing!)" is an aside: the sentence goes on
    text = untext(text)  # texting spellings written out (``lexical.TEXTING``)
    known_words = frozenset(known)
    return re.sub(r"[a-z]{5,}", lambda m: _correct(m.group(0), known_words), text)


def _expand_bare_not(match: re.Match[str]) -> str:
    word = match.group(0)
    if word in ("cant", "cnt", "cnat"):  # "cnt", "cnat": typed in a hurry
        return "can not"
    if word == "wont":
        return "will not"
    return f"{match.group(1)} not"


# A trigger word that is a word with one of these before it means that word's opposite.
_NEGATING_PREFIXES = ("un", "in", "im", "ir", "il", "dis", "non")


# Spellings that sound alike, undone before comparing ("lymfoma" is "lymphoma").
_SOUNDS = (("ph", "f"), ("ck", "k"), ("ea", "e"))


def _sound(word: str) -> str:
    for spelt, sound in _SOUNDS:
        word = word.replace(spelt, sound)
    return word


_VOCABULARY_SOUNDS = tuple(_sound(v) for v in _VOCABULARY)
_BY_LETTERS: dict[str, list[str]] = {}
for _word in _VOCABULARY:
    _BY_LETTERS.setdefault("".join(sorted(_word)), []).append(_word)


def _inflected(word: str) -> bool:
    """A verb form of a real word ("erecting", "erected"): its base is a word WordNet lists (none
    without WordNet, so nothing changes there)."""
    from ..thesaurus import dictionary_words

    for end in ("ing", "ed"):
        if word.endswith(end):
            base = word[: -len(end)]
            words = dictionary_words()
            return base in words or base + "e" in words or (len(base) > 2 and base[-1] == base[-2] and base[:-1] in words)
    return False


def _plural(word: str) -> bool:
    """A plural of a real word ("injections" is not a slip for "infection")."""
    from ..thesaurus import dictionary_words

    return word.endswith("s") and word[:-1] in dictionary_words()


@lru_cache(maxsize=8192)
def _correct(word: str, known: frozenset[str]) -> str:
    if word in known or word in _VOCABULARY:
        return word
    match = process.extractOne(word, _VOCABULARY, scorer=fuzz.ratio, score_cutoff=84)
    if match and any(match[0] == prefix + word for prefix in _NEGATING_PREFIXES):
        return word  # "bearable" is the opposite of "unbearable", not a slip for it
    if match:
        # "erecting" is a word two edits from "erection", not a slip for it; "leeking" one from
        # "leaking" is still read as the slip it most likely is
        if DamerauLevenshtein.distance(word, match[0]) > 1 and (_inflected(word) or _plural(word)):
            return word
        return match[0]
    match = process.extractOne(_sound(word), _VOCABULARY_SOUNDS, scorer=fuzz.ratio, score_cutoff=90)
    if match:
        return _VOCABULARY[match[2]]
    # Two letters swapped, the commonest slip of the fingers ("bowles"), which the ratio above
    # scores as two edits: a trigger word with the same letters one transposition away.
    swapped = [v for v in _BY_LETTERS.get("".join(sorted(word)), ()) if DamerauLevenshtein.distance(word, v) == 1]
    return swapped[0] if swapped else word


# A question about "you" that the next sentence says is the writer's: "Does back pain ever make you
# lose control of your bum? Because that's what's happening to me."
_THATS_ME = re.compile(r"\W*(?:because |cos |coz |as |and )?(?:that is|that's|which is|this is|it is|it's) "
                       r"(?:exactly |just |basically )?(?:what is |what's )?(?:happening|going on) (?:to|with) me\b|"
                       r"\W*(?:because |cos |and )?(?:that is|that's|this is) (?:exactly )?me\b|\W*(?:i have|i've got|i am getting) "
                       r"(?:that|this|it|exactly that)(?: right now| now| at the moment)?\W*(?:[.!?]|$)")
_YOU = {"you": "i", "your": "my", "yourself": "myself", "you're": "i am", "ya": "i", "u": "i", "ur": "my"}


def owned(text: str) -> str:
    """``text`` with a sentence's "you" and "your" read as "I" and "my" where the sentence after it
    says that is happening to the writer (``_THATS_ME``); otherwise ``text`` unchanged."""
    out = text
    for m in reversed(list(re.finditer(r"[?.!]\s*", text))):  # from the end: earlier positions stay put
        if not _THATS_ME.match(text, m.end()):
            continue
        start = max(text.rfind(c, 0, m.start()) for c in ".;!?\n") + 1
        sentence = re.sub(r"\b(?:you're|yourself|your|you|ya|ur|u)\b", lambda w: _YOU[w.group(0)], text[start:m.start()])
        out = out[:start] + sentence + out[m.start():]
    return out


def _sentence_end(text: str, pos: int) -> int:
    """Where the sentence that ``text[pos]`` is in ends."""
    stops = [i for i in (text.find(c, pos) for c in ".;!?\n") if i >= 0]
    return min(stops, default=len(text))


def _sentence_start(text: str, pos: int) -> int:
    """Where the sentence that ``text[pos]`` is in starts."""
    return max(text.rfind(c, 0, pos) for c in ".;!?\n") + 1


def _sentence(text: str, match: re.Match[str]) -> tuple[int, int]:
    """The bounds of the sentence ``match`` is in."""
    return _sentence_start(text, match.start()), _sentence_end(text, match.end())


def _to_next_sentence_end(text: str, match: re.Match[str]) -> int:
    """Where the sentence after the one ``match`` is in ends."""
    return _sentence_end(text, _sentence(text, match)[1] + 1)
