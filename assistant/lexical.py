"""Lexical tokenisation for BM25: lower-case words, English stop words dropped, Snowball stems.

Queries (never documents, so a saved index stays valid) are also expanded: regional and lay
words runners use get the corpus's word added (trainers -> shoes, jogging -> running), and a
misspelt word that is not in the corpus gets its closest corpus word (rapidfuzz).
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from typing import Callable, Iterable

import bm25s
import Stemmer
from bm25s.stopwords import STOPWORDS_EN
from rapidfuzz.distance import DamerauLevenshtein

# British/American and lay variants -> words the articles use. Added to a query, never replacing.
SYNONYMS: dict[str, str] = {
    "trainer": "shoe", "trainers": "shoes", "sneaker": "shoe", "sneakers": "shoes", "kicks": "shoes",
    "footwear": "shoes",
    "jog": "run", "jogs": "runs", "jogging": "running", "jogged": "ran", "jogger": "runner", "joggers": "runners",
    "backache": "back pain", "physio": "physiotherapist", "abs": "abdominals", "tummy": "abdominal",
    "stomach": "abdominal", "gait": "stride", "footfall": "foot strike", "flat-footed": "low arch",
    "flatfooted": "low arch",
}
PHRASES: dict[str, str] = {"flat feet": "low arch", "fallen arches": "low arch", "flat foot": "low arch",
                           "back ache": "back pain", "six pack": "abdominals"}
# Words as people type them on a phone or in a chat, -> the words they stand for. General English,
# not this corpus's: a texting spelling is rarely one typing slip from the word it means ("shud",
# "enuff"), so the typo correction below cannot find it.
TEXTING: dict[str, str] = {
    "u": "you", "ur": "your", "r": "are", "n": "and", "y": "why", "b4": "before", "w/": "with", "w/o": "without",
    "wiv": "with", "wif": "with", "abt": "about", "cuz": "because", "cos": "because",
    "coz": "because", "bc": "because", "bcoz": "because", "becuz": "because",
    "shud": "should", "shld": "should", "wud": "would", "wld": "would", "cud": "could", "cld": "could",
    "wat": "what", "wot": "what", "wht": "what", "wen": "when", "wer": "where", "hw": "how", "dat": "that",
    "dis": "this", "da": "the", "thru": "through", "tho": "though", "enuff": "enough", "realy": "really",
    "rly": "really", "lng": "long", "doin": "doing", "goin": "going", "ppl": "people", "lite": "light",
    "pls": "please", "plz": "please", "thx": "thanks", "ty": "thank you", "gonna": "going to",
    "wanna": "want to", "gotta": "got to", "kinda": "kind of", "sorta": "sort of", "dunno": "do not know",
    "idk": "i do not know", "tbh": "to be honest", "imo": "in my opinion", "lemme": "let me",
    "gimme": "give me", "smth": "something", "sth": "something", "sumthing": "something", "prob": "probably",
    "probs": "probably", "nite": "night", "nites": "nights", "tonite": "tonight", "2day": "today",
    "2nite": "tonight", "tmrw": "tomorrow", "wk": "week", "wks": "weeks", "mth": "month", "mths": "months",
    "yr": "year", "yrs": "years", "dont": "do not", "doesnt": "does not", "isnt": "is not", "im": "i am",
    "ive": "i have", "didnt": "did not", "wasnt": "was not", "shouldnt": "should not", "couldnt": "could not",
    "lil": "little", "gud": "good", "hav": "have", "thnx": "thanks", "thanx": "thanks", "nd": "and", "bk": "back",
    "bcz": "because", "tht": "that", "whn": "when", "jst": "just", "havent": "have not", "cant": "can not",
    "wont": "will not", "arent": "are not", "hasnt": "has not", "wouldnt": "would not", "btwn": "between",
}
# Spoken English of many places, as people write it (Scots, Irish, Northern English, Australian,
# Jamaican, Nigerian): general English again, never this corpus's words. Only unambiguous forms:
# "wee" (small, or to urinate) is left alone, and "no" becomes "not" only after an auxiliary.
SPOKEN: dict[str, str] = {
    "ma": "my", "masel": "myself", "meself": "myself", "mesel": "myself", "hissel": "himself", "ah": "i",
    "cannae": "can not", "canna": "can not", "cyaan": "can not", "cyan": "can not", "dinnae": "do not",
    "didnae": "did not", "disnae": "does not", "isnae": "is not", "wasnae": "was not", "wouldnae": "would not",
    "couldnae": "could not", "havnae": "have not", "havenae": "have not", "nae": "no", "nuh": "not",
    "neva": "never", "o": "of", "tae": "to", "oot": "out", "aboot": "about", "doon": "down", "aff": "off",
    "ontae": "onto", "intae": "into", "wi": "with", "wis": "was", "aw": "all", "noo": "now", "whit": "what",
    "wid": "would", "yer": "your", "ye": "you", "ken": "know", "deid": "dead", "heid": "head", "baw": "ball",
    "breeks": "trousers", "hingin": "hanging", "daein": "doing", "dae": "do", "gien": "giving", "di": "the",
    "dem": "them", "haffi": "have to", "pon": "on", "nuttin": "nothing", "mi": "my",
    "roon": "round", "efter": "after",
    "paining": "hurting",  # Indian and West African English: "my back is paining me"
}
_TABLE = {**TEXTING, **SPOKEN}
_TEXTING = re.compile(r"(?<![\w/])(?:" + "|".join(map(re.escape, sorted(_TABLE, key=len, reverse=True)))
                      + r")(?![\w/'’])")  # not "y'all"
# A number run together with its unit: "6wks" is "6 wks", then "6 weeks".
_NUMBER_UNIT = re.compile(r"\b(\d+)(wks?|weeks?|mths?|months?|yrs?|years?|days)\b")
# "bout" is "about" ("talking bout my back") except as the noun, after a determiner or an
# adjective's determiner: "a bout of pain", "this nasty bout", "another brand-new bout".
_BOUT = re.compile(r"(?<![\w'])bout(?![\w'])")
_BOUT_NOUN = re.compile(r"\b(?:a|an|the|this|that|another|one|each|every|my|his|her|their|our|your|last|first|next|"
                        r"latest|second|third|same)(?: [a-z-]+)? $")
# Possessive "me" ("me legs", "me back"): only before a body part or a thing one owns.
_ME_AS_MY = re.compile(r"\bme (?=(?:back|legs?|chest|bum|arse|hands?|feet|foot|head|hips?|knees?|life|missus|wife|"
                       r"husband|kids?|mates?|shoes|trainers|runners|business|bits|waterworks|bowels?|bladder)\b)")
# Scots "no" for "not" before a verb form: "it's no wearing off", "I've no been able".
_NO_AS_NOT = re.compile(r"((?:'s|'ve|'ll|'m|'re|'d)|\b(?:is|has|have|will|am|are|was|were|can|could|would|did|do|does)) "
                        r"no (?=(?:be|been|able|work\w*|wear\w*|going|gone|coming|getting|stopping|easing)\b|"
                        r"(?<!'ve no )(?<!have no )(?<!has no )(?<!had no )feeling (?:great|good|well|right|better|grand|"
                        r"brilliant|bad|sore|tight|stiff|ok|okay|normal|the same|any better|too good|so good)\b)")
# "I've no feeling", "there's no feeling in my groin": English, a numbness; "it's no feeling great": Scots
_DROPPED_G = re.compile(r"\b([a-z]{2,}in)'?(?![\w'])")


def _g_restored(match: re.Match[str]) -> str:
    """"runnin'" -> "running", "somethin" -> "something"; a word that is English as it is
    ("cabin", "shin", "begin") stays."""
    word = match.group(1)
    return word + "g" if _zipf(word) < 4.0 and _zipf(word + "g") - _zipf(word) >= 1.5 else match.group(0)


def untext(text: str) -> str:
    """Lower-case ``text`` with its texting spellings and spoken forms written out ("shud i" ->
    "should i", "ma back's sore" -> "my back's sore", "hurtin" -> "hurting")."""
    text = _TEXTING.sub(lambda m: _TABLE[m.group(0)], _NUMBER_UNIT.sub(r"\1 \2", text.lower()))
    text = _BOUT.sub(lambda m: m.group(0) if _BOUT_NOUN.search(m.string[:m.start()]) else "about", text)
    text = _ME_AS_MY.sub("my ", _NO_AS_NOT.sub(r"\1 not ", text))
    return _DROPPED_G.sub(_g_restored, text)


_WORD = re.compile(r"[a-z]+(?:-[a-z]+)?")
MIN_TYPO_LENGTH = 3
_CONTRACTED = re.compile(r"['’][a-z]")  # the rest of a contraction: "n't", "'ll", "’ve"
# A correction must be this much more common in English (Zipf scale, wordfreq) than the word typed.
TYPO_FREQUENCY_GAIN = 1.5
REAL_WORD_ZIPF = 3.5  # a word this common in English is taken as meant ("sore", "heal")


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("english")


def stem(word: str) -> str:
    """The Snowball stem of one lower-case word, as BM25 and the reader see it."""
    return _stemmer().stemWord(word.lower())


@lru_cache(maxsize=65536)
def _zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


def tokenize(texts: list[str]) -> list[list[str]]:
    """Token lists as bm25s expects them (strings, so unknown query words are simply ignored)."""
    return bm25s.tokenize(texts, stopwords="en", stemmer=_stemmer(), return_ids=False, show_progress=False)


_TOKEN = re.compile(r"(?u)\b\w\w+\b")  # bm25s.tokenize's default token pattern
_BM25_STOP_WORDS = frozenset(STOPWORDS_EN)


def tokenize_one(text: str) -> list[str]:
    """``tokenize([text])[0]``, token for token, for the per-question path: bm25s.tokenize sets
    up three (hidden) progress bars on every call, which cost more than the tokenising itself."""
    stemmer = _stemmer()
    return [stemmer.stemWord(t) for t in _TOKEN.findall(text.lower()) if t not in _BM25_STOP_WORDS]


class Vocabulary:
    """The corpus's lower-case words, bucketed by first letter and length, so finding the closest
    word to a typo looks at a few hundred candidates even in a corpus of 100k distinct words."""

    def __init__(self, words: Iterable[str], dictionary: frozenset[str] = frozenset()) -> None:
        self.words = frozenset(words)
        self.dictionary = dictionary  # real English words (WordNet's): never taken for misspellings
        self._buckets: dict[tuple[str, int], list[str]] = defaultdict(list)
        self._stem_buckets: dict[tuple[str, int], list[str]] = defaultdict(list)
        self._by_stem: dict[str, str] = {}
        for word in sorted(self.words, key=len):
            self._buckets[word[0], len(word)].append(word)
            s = stem(word)
            if s and s not in self._by_stem:  # the shortest form of each stem stands for it
                self._by_stem[s] = word
                self._stem_buckets[s[0], len(s)].append(s)
        self.closest = lru_cache(maxsize=4096)(self._closest)

    def __contains__(self, word: object) -> bool:
        return word in self.words

    def _closest(self, word: str) -> str | None:
        """The corpus word a misspelling most likely meant: same first letter, one typing slip
        away (two in words of six letters or more: Damerau-Levenshtein), as written or once
        stemmed ("strech" is one slip from the stem of "stretching"), and far more common in
        English than the word typed, so real words stay themselves ("sore" is not "store"). A rare
        word the dictionary has, or its plural, is taken for a slip only one keystroke from a far
        commoner corpus word ("shoos" for "shoes", but "flexor" is not "floor")."""
        if _zipf(word) >= REAL_WORD_ZIPF:
            return None
        limit = 1 if len(word) <= 5 or self.is_dictionary_word(word) else 2
        s = stem(word)
        # As written first; a stem is compared only when the word itself is no nearer.
        found = [(d, 0, f, w) for d, f, w in self._nearest(word, self._buckets, limit, lambda w: w)]
        if s:
            found += [(d, 1, f, w) for d, f, w in self._nearest(s, self._stem_buckets, limit, self._by_stem.__getitem__)]
        if not found:
            return None
        best = min(found)[3]
        return best if _zipf(best) - _zipf(word) >= TYPO_FREQUENCY_GAIN else None

    def split(self, word: str) -> str | None:
        """Two corpus words run together ("backpain", "lowerback"): the pair, space between, or
        None. Each part has three letters or more, the longest first part wins, and a real English
        word ("uphill") is never split."""
        if len(word) < 6 or self.is_dictionary_word(word) or _zipf(word) >= REAL_WORD_ZIPF:
            return None
        for cut in range(len(word) - 3, 2, -1):
            left, right = word[:cut], word[cut:]
            if left in self.words and right in self.words:
                return f"{left} {right}"
        return None

    def is_dictionary_word(self, word: str) -> bool:
        """In the dictionary as written or as a regular plural ("flexors", "orthoses", "injuries");
        other inflections are not undone, since "runing" would pass as "run" + "ing"."""
        if word in self.dictionary:
            return True
        bases = [word[:-1]] if word.endswith("s") else []
        if word.endswith("es"):
            bases.append(word[:-2])
        if word.endswith("ies"):
            bases.append(word[:-3] + "y")
        return any(base in self.dictionary for base in bases)

    @staticmethod
    def _nearest(word: str, buckets: dict[tuple[str, int], list[str]], limit: int,
                 to_word: Callable[[str], str]) -> list[tuple[int, float, str]]:
        """(distance, -frequency, corpus word) of the bucket entries within ``limit`` slips."""
        candidates = [w for n in range(len(word) - limit, len(word) + limit + 1)
                      for w in buckets.get((word[0], n), ())]
        scored = [(DamerauLevenshtein.distance(word, w, score_cutoff=limit), to_word(w)) for w in candidates]
        return [(d, -_zipf(w), w) for d, w in scored if d <= limit]


def vocabulary_of(texts: Iterable[str], dictionary: frozenset[str] = frozenset()) -> Vocabulary:
    return Vocabulary((w for text in texts for w in _WORD.findall(text.lower())), dictionary)


def expand_query(query: str, vocabulary: Vocabulary) -> str:
    """The query plus corpus words for its regional or misspelt words (see the module doc).

    Words of the corpus are never corrected.
    """
    lowered = query.lower()
    extra = [corpus for phrase, corpus in PHRASES.items() if phrase in lowered]
    for word in _WORD.findall(lowered):
        if word in SYNONYMS:
            extra.append(SYNONYMS[word])
        elif word not in vocabulary and len(word) >= MIN_TYPO_LENGTH:
            correction = vocabulary.closest(word)
            if correction:
                extra.append(correction)
    return f"{query} {' '.join(extra)}" if extra else query


@lru_cache(maxsize=65536)
def terms(text: str) -> frozenset[str]:
    """The distinct stemmed content words of one text (cached: passages are scored on every ask)."""
    return frozenset(tokenize_one(text))


def with_synonyms(table: dict[str, dict[str, float]]) -> dict[str, dict[str, float]]:
    """A thesaurus table (stem -> related corpus stems) with the regional and lay words above
    added as synonyms, so a question's "trainers" is grounded where the passages say "shoes", as
    BM25 already reads it."""
    out = {word: dict(related) for word, related in table.items()}
    for word, corpus in SYNONYMS.items():
        for target in terms(corpus):
            if target != stem(word):
                out.setdefault(stem(word), {})[target] = 1.0
    return out


def correct(text: str, vocabulary: Vocabulary) -> str:
    """``text`` with each misspelt word (not in the corpus, 3+ letters) replaced by the corpus word
    it most likely meant, or by the two corpus words run together in it; other words unchanged."""
    def fix(match: re.Match[str]) -> str:
        word = match.group(0)
        lower = word.lower()
        if lower in vocabulary or len(lower) < MIN_TYPO_LENGTH or lower in SYNONYMS:
            return word
        if _CONTRACTED.match(match.string, match.end()):  # "doesn't": "doesn" is no misspelling of "does"
            return word
        return vocabulary.closest(lower) or vocabulary.split(lower) or word

    return _WORD.sub(fix, text.lower())
