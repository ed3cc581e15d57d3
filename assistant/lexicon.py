"""The corpus's own vocabulary statistics: how specific each word is, and which words are its
general topic.

A word found in most sections ("back", "pain", "running" in an article about back pain and
running) says nothing about which passage answers a question, and a question made only of such
words is about the corpus's topic in general. Both facts are read off the corpus itself (how
widely each stemmed word is spread across its sections), never from a hand-made list, so they
hold for the next article as well as this one. How specific a word is in English at large
(``specificity``, from ``wordfreq``) is the other half: "hold" is rare in an article about
running but common in English, where it has many senses; "plank" is rare in both.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from .chunking import Chunk
from .lexical import terms
from .question import normalise
from .thesaurus import body_words, singular_forms

# Words for pain (the strain or stress that causes it, and stiffness), and the ways English ties
# one to a part of the body: "knee pain", "my knees ache"; "pain in my knee"; "sore knees"; "my
# hip flexors are really tight".
_PAIN = (r"(?:pain|pains|painful|ache|aches|aching|achy|achey|hurts?|hurting|sore|soreness|injury|injuries|injured|"
         r"twinges?|niggles?|strain|strains|stress|stiff|stiffness|tight|tightness)")
_PAIN_SITE = (re.compile(rf"\b([a-z]+) {_PAIN}\b"),
              re.compile(rf"\b{_PAIN} (?:in|on|at) (?:my|the|your|his|her|both|either|one of my) ([a-z]+)"),
              re.compile(r"\b(?:sore|achy|achey|aching|painful|injured|hurting|stiff|tight) ([a-z]+)"),
              re.compile(rf"\b([a-z]+) (?:is|are|was|were|gets?|got|feels?|felt|goes|went)(?: [a-z]+)? {_PAIN}\b"))
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
    pain_sites: frozenset[str] = frozenset()  # the parts of the body the corpus speaks of pain in

    def idf(self, stem: str) -> float:
        """Inverse passage frequency, smoothed: unknown stems get the highest weight."""
        return math.log((self.passages + 1) / (self.passage_df.get(stem, 0) + 0.5))

    def spread(self, stem: str) -> float:
        """The share of sections that contain ``stem``."""
        return self.section_df.get(stem, 0) / self.sections if self.sections else 0.0

    def known(self, stem: str) -> bool:
        return stem in self.passage_df


MOST_SPECIFIC = 5.0  # the specificity of a word as rare in English as can be


@lru_cache(maxsize=65536)
def specificity(word: str) -> float:
    """How much a word says about what a question is about, from 0 to 5, falling with its Zipf
    frequency in English (``wordfreq``): "go" 0.06, "water" 0.6, "knee" 2.8, "ibuprofen" 4.8."""
    from wordfreq import zipf_frequency

    zipf = zipf_frequency(word, "en")
    if zipf == 0.0:  # not an English word wordfreq knows: a misspelling or a rare name
        return 2.5
    return min(MOST_SPECIFIC, max(0.5, 7.0 - zipf))


def relative_specificity(word: str) -> float:
    """``specificity`` as a share of the most a word can have, 0.1 to 1: the weight a word keeps
    when its rarity in English counts beside its rarity in the corpus (the reader's focus words
    and word pieces)."""
    return specificity(word) / MOST_SPECIFIC


def build_lexicon(chunks: Iterable[Chunk]) -> Lexicon:
    """Count each stem once per section and once per passage (headings count for their section)."""
    section_terms: dict[str, set[str]] = {}
    passage_df: Counter[str] = Counter()
    passages = 0
    sites: frozenset[str] = frozenset()
    for chunk in chunks:
        bag = section_terms.setdefault(chunk.section_id, set(terms(chunk.section)))
        for passage in chunk.passages:
            found = terms(passage.text)
            passage_df.update(found)
            sites |= pain_sites(passage.text)
            bag |= found
            passages += 1
    section_df: Counter[str] = Counter()
    for bag in section_terms.values():
        section_df.update(bag)
    n = len(section_terms)
    floor = max(MIN_TOPIC_SECTIONS, math.ceil(TOPIC_SPREAD * n))
    topic = frozenset(s for s, df in section_df.items() if df >= floor)
    return Lexicon(n, passages, dict(section_df), dict(passage_df), topic, sites)


def body_part(word: str) -> str:
    """The part of the body ``word`` names, as WordNet lists it ("knees" -> "knee"), or ""."""
    parts = body_words()
    return next((form for form in singular_forms(word) if form in parts), "foot" if word == "feet" else "")


def pain_sites(text: str) -> frozenset[str]:
    """The parts of the body ``text`` ties a pain to: "knee pain", "my neck aches", "pain in my
    heel", "sore knees", "strain on the spine", "my calves are tight" (lower case, WordNet's
    singular)."""
    lowered = normalise(text)
    return frozenset(part for pattern in _PAIN_SITE for match in pattern.finditer(lowered)
                     if (part := body_part(match.group(1))))


def body_parts(text: str) -> frozenset[str]:
    """Every part of the body ``text`` names, with or without a pain."""
    return frozenset(part for word in re.findall(r"[a-z]+", text.lower()) if (part := body_part(word)))
