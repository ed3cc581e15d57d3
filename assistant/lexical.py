"""Lexical tokenisation for BM25: lower-case words, English stop words dropped, Snowball stems.

Queries (never documents, so a saved index stays valid) are also expanded: regional and lay
words runners use get the corpus's word added (trainers -> shoes, jogging -> running), and a
misspelt word that is not in the corpus gets its closest corpus word (rapidfuzz).
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from typing import Iterable

import bm25s
import Stemmer
from rapidfuzz import fuzz, process

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
_WORD = re.compile(r"[a-z]+(?:-[a-z]+)?")
MIN_TYPO_LENGTH = 4
TYPO_CUTOFF = 84  # rapidfuzz ratio; "shoos" -> "shoes" is 89, "runing" -> "running" 92


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("english")


def tokenize(texts: list[str]) -> list[list[str]]:
    """Token lists as bm25s expects them (strings, so unknown query words are simply ignored)."""
    return bm25s.tokenize(texts, stopwords="en", stemmer=_stemmer(), return_ids=False, show_progress=False)


class Vocabulary:
    """The corpus's lower-case words, bucketed by first letter and length, so finding the closest
    word to a typo looks at a few hundred candidates even in a corpus of 100k distinct words."""

    def __init__(self, words: Iterable[str]) -> None:
        self.words = frozenset(words)
        self._buckets: dict[tuple[str, int], list[str]] = defaultdict(list)
        for word in self.words:
            self._buckets[word[0], len(word)].append(word)
        self.closest = lru_cache(maxsize=4096)(self._closest)

    def __contains__(self, word: object) -> bool:
        return word in self.words

    def _closest(self, word: str) -> str | None:
        """The corpus word a misspelling most likely meant (same first letter, length +-2)."""
        candidates = [w for n in range(len(word) - 2, len(word) + 3) for w in self._buckets.get((word[0], n), ())]
        match = process.extractOne(word, candidates, scorer=fuzz.ratio, score_cutoff=TYPO_CUTOFF)
        return match[0] if match else None


def vocabulary_of(texts: Iterable[str]) -> Vocabulary:
    return Vocabulary(w for text in texts for w in _WORD.findall(text.lower()))


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
    return frozenset(tokenize([text])[0])


def correct(text: str, vocabulary: Vocabulary) -> str:
    """``text`` with each misspelt word (not in the corpus, 4+ letters) replaced by the corpus word
    it most likely meant; other words unchanged."""
    def fix(match: re.Match[str]) -> str:
        word = match.group(0)
        lower = word.lower()
        if lower in vocabulary or len(lower) < MIN_TYPO_LENGTH or lower in SYNONYMS:
            return word
        return vocabulary.closest(lower) or word

    return _WORD.sub(fix, text.lower())
