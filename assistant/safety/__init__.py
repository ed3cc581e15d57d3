"""Safety stage: spot red-flag symptoms before any retrieval.

The symptom lists come from ``shared/notes/red-flags.md`` (NHS, NICE NG59, ACP/APS). Two tiers:
*emergency* (go to the emergency department now) and *urgent* (see a doctor today). Detection
is rule-based over a normalised text, so every trigger can be read and tested; misspellings
are mapped to the trigger vocabulary with rapidfuzz first. When in doubt it flags: single red
flags are weak predictors, and a needless referral costs far less than a missed one.

The package, in the order a message meets it: ``text`` (normalised, misspellings corrected),
``rules`` (built from the phrasings in ``words``), ``negation`` (is the symptom denied?) and
``senses`` (is the trigger word meant in a harmless sense?); ``RedFlagDetector`` runs them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
import re
from typing import Iterable, Iterator

from ..prefilter import Prefilter
from .negation import _denied_last, _negated
from .rules import _RULES, Tier, _Rule
from .senses import _asked_about, _told_of_another
from .text import _SENTENCE, normalize, owned
from .words import _ANY_FALL_LABEL, _PLACE_FIRST, _SERIOUS_TRAUMA_LABEL

__all__ = ["RedFlag", "RedFlagDetector", "Tier", "normalize", "tier_of"]


@dataclass(frozen=True)
class RedFlag:
    tier: Tier
    label: str  # what the person described, in words fit to repeat back to them



_PREFILTER = Prefilter(p for rule in _RULES for p in rule.patterns)
# Each rule's patterns with their positions in the prefilter.
_NUMBERED = [tuple(enumerate(rule.patterns, start=sum(len(r.patterns) for r in _RULES[:n])))
             for n, rule in enumerate(_RULES)]
_RULE_PATTERNS = [frozenset(n for n, _ in numbered) for numbered in _NUMBERED]


class RedFlagDetector:
    """Finds red flags in free text.

    ``known_words`` are real words that must never be 'corrected' to a trigger word (so
    "ladder" does not become "bladder"): the model's word-piece vocabulary and the corpus words.
    """

    def __init__(self, known_words: Iterable[str] = ()) -> None:
        self.known = frozenset(w.lower() for w in known_words if len(w) >= 5 and w.isalpha())

    @classmethod
    def with_vocabulary(cls, vocab_file: Path | None, extra: Iterable[str] = ()) -> "RedFlagDetector":
        """A detector that knows the whole words of a word-piece ``vocab.txt`` plus ``extra``."""
        words: list[str] = list(extra)
        if vocab_file is not None and vocab_file.is_file():
            words.extend(line.strip() for line in vocab_file.read_text("utf-8").splitlines())
        return cls(words)

    def detect(self, text: str) -> tuple[RedFlag, ...]:
        """Every red flag found, emergency tier first; empty when there is none."""
        return self.scan(text)[0]

    def asked_about(self, text: str) -> tuple[RedFlag, ...]:
        """The red flags ``text`` only asks about as things to know ("what does saddle numbness
        mean?", "is fever with back pain a warning sign?") and does not report: worth saying what
        they call for, not a referral. Empty when it reports any red flag."""
        return self.scan(text)[1]

    def scan(self, text: str) -> tuple[tuple[RedFlag, ...], tuple[RedFlag, ...]]:
        """The red flags reported (``detect``), and those only asked about (``asked_about``; empty
        when any is reported), in one reading of the text."""
        norm = owned(normalize(text, self.known))
        # A symptom is looked for inside one sentence ("My legs feel fine. No weakness." is not
        # "legs ... weakness"); its negation may come from the next ("Numbness? None.").
        sentences = [(m.start(), m.end()) for m in _SENTENCE.finditer(norm)]
        found: list[tuple[RedFlag, _Rule]] = []
        asked: list[tuple[RedFlag, _Rule]] = []
        possible = _PREFILTER.possible(norm)  # most patterns need words this message lacks
        for rule, numbered, positions in zip(_RULES, _NUMBERED, _RULE_PATTERNS):
            if possible.isdisjoint(positions):
                continue
            spans = [(0, len(norm))] if rule.message_wide else sentences
            told = list(_asked_only(rule, numbered, possible, spans, norm))
            if told and not told[-1]:  # a symptom reported (the first ends the reading)
                found.append((RedFlag(rule.tier, rule.label), rule))
            elif told:  # only asked about
                asked.append((RedFlag(rule.tier, rule.label), rule))
        return _settled(found), () if found else _settled(asked)


def _asked_only(rule: _Rule, numbered: tuple[tuple[int, re.Pattern[str]], ...], possible: frozenset[int],
                spans: list[tuple[int, int]], norm: str) -> Iterator[bool]:
    """For each match of ``rule`` that names a symptom (not denied, not in a harmless sense),
    whether it is only asked about (``senses._asked_about``); the first that is not ends the
    reading: one reported symptom is enough."""
    for n, pattern in numbered:
        if n not in possible:
            continue
        for start, end in spans:
            for m in pattern.finditer(norm, start, end):
                if _negated(norm, m.start(), m.end()) or (rule.harmless and rule.harmless(rule, norm, m)) \
                        or _told_of_another(norm, m) \
                        or (pattern.pattern in _PLACE_FIRST and _denied_last(m.group(0))):
                    continue
                asked = _asked_about(norm, m)
                yield asked
                if not asked:
                    return


def _settled(found: list[tuple[RedFlag, _Rule]]) -> tuple[RedFlag, ...]:
    """The flags less those another one found covers, each once, emergency tier first."""
    labels = {flag.label for flag, _ in found}
    flags = [flag for flag, rule in found if not (rule.unless and rule.unless in labels)]
    if any(f.label == _SERIOUS_TRAUMA_LABEL for f in flags):  # the serious fall says it already
        flags = [f for f in flags if f.label != _ANY_FALL_LABEL]
    return tuple(sorted(dict.fromkeys(flags), key=lambda f: f.tier != "emergency"))


def tier_of(flags: tuple[RedFlag, ...]) -> Tier | None:
    if not flags:
        return None
    return "emergency" if any(f.tier == "emergency" for f in flags) else "urgent"
