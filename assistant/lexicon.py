"""The corpus's own vocabulary statistics: how specific each word is, and which words are its
general topic.

A word found in most sections ("back", "pain", "running" in an article about back pain and
running) says nothing about which passage answers a question, and a question made only of such
words is about the corpus's topic in general. Both facts are read off the corpus itself (how
widely each stemmed word is spread across its sections), never from a hand-made list, so they
hold for the next article as well as this one.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import Iterable

from .chunking import Chunk
from .lexical import terms

# A word in at least this share of the sections (and in 3 or more) is a general topic word.
TOPIC_SPREAD = 0.6
MIN_TOPIC_SECTIONS = 3


@dataclass(frozen=True)
class Lexicon:
    """Document frequencies of stems over sections and passages, and the topic words."""

    sections: int
    passages: int
    section_df: dict[str, int]
    passage_df: dict[str, int]
    topic: frozenset[str]

    def idf(self, stem: str) -> float:
        """Inverse passage frequency, smoothed: unknown stems get the highest weight."""
        return math.log((self.passages + 1) / (self.passage_df.get(stem, 0) + 0.5))

    def spread(self, stem: str) -> float:
        """The share of sections that contain ``stem``."""
        return self.section_df.get(stem, 0) / self.sections if self.sections else 0.0

    def known(self, stem: str) -> bool:
        return stem in self.passage_df


def build_lexicon(chunks: Iterable[Chunk]) -> Lexicon:
    """Count each stem once per section and once per passage (headings count for their section)."""
    section_terms: dict[str, set[str]] = {}
    passage_df: Counter[str] = Counter()
    passages = 0
    for chunk in chunks:
        bag = section_terms.setdefault(chunk.section_id, set(terms(chunk.section)))
        for passage in chunk.passages:
            found = terms(passage.text)
            passage_df.update(found)
            bag |= found
            passages += 1
    section_df: Counter[str] = Counter()
    for bag in section_terms.values():
        section_df.update(bag)
    n = len(section_terms)
    floor = max(MIN_TOPIC_SECTIONS, math.ceil(TOPIC_SPREAD * n))
    topic = frozenset(s for s, df in section_df.items() if df >= floor)
    return Lexicon(n, passages, dict(section_df), dict(passage_df), topic)
