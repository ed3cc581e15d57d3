"""The safety stage's prefilter: a pattern is skipped only when it cannot match."""

import json
import re
from pathlib import Path

import pytest

from assistant import safety
from assistant.embedding import bundled_model_dir
from assistant.prefilter import Prefilter, required_literals

from . import test_safety

EVAL = Path(__file__).resolve().parents[1] / "eval"


def _literals(pattern: str) -> frozenset[str] | None:
    return required_literals(re.compile(pattern))


def test_literals_every_match_must_contain():
    assert _literals(r"numb\w*|tingl\w*|pins and needles") == {"numb", "tingl", "pins and needles"}
    assert _literals(r"\b(?:my |the )?(?:back|spine) (?:hurts|aches)") == {"hurts", "aches"}
    assert _literals(r"(?:very )?sore") == {"sore"}  # an optional part requires nothing
    assert _literals(r"(?:leg|arm)s{1,2}") == {"leg", "arm"}


def test_patterns_that_require_no_literal_always_run():
    for pattern in (r"\w+", r"(?:a|)b?", r"[abc]+", r"(?=back)", r"(?i)back", r"(?i:back)"):
        assert _literals(pattern) is None, pattern
    prefilter = Prefilter([re.compile(r"\d+ ?(?:kg)?"), re.compile(r"numb\w*")])
    assert prefilter.possible("lost 5kg") == {0}
    assert prefilter.possible("numbness") == {0, 1}


def _messages() -> list[str]:
    texts = [t for name, value in vars(test_safety).items() if name.isupper() and isinstance(value, list)
             for t in value if isinstance(t, str)]
    for name in ("red_flags", "not_flagged", "out_of_scope"):
        lines = (EVAL / "behaviour" / f"{name}.jsonl").read_text("utf-8").splitlines()
        texts += [json.loads(line)["text"] for line in lines if line.strip()]
    texts += [json.loads(line)["text"] for line in (EVAL / "queries.jsonl").read_text("utf-8").splitlines()
              if line.strip()]
    return texts


@pytest.fixture(scope="module")
def detector():
    return safety.RedFlagDetector.with_vocabulary(bundled_model_dir() / "vocab.txt")


def test_every_match_holds_one_of_its_literals(detector):
    needs = {p: required_literals(p) for rule in safety._RULES for p in rule.patterns}
    assert sum(need is None for need in needs.values()) <= len(needs) // 10  # the filter filters
    for text in _messages():
        norm = safety.normalize(text, detector.known)
        for pattern, need in needs.items():
            for match in pattern.finditer(norm):
                assert need is None or any(s in match.group(0) for s in need), (pattern.pattern, text)


def test_the_prefilter_changes_no_finding(detector, monkeypatch):
    texts = _messages()
    found = [detector.detect(t) for t in texts]

    class Everything:
        def possible(self, text):
            return frozenset(range(sum(len(rule.patterns) for rule in safety._RULES)))

    monkeypatch.setattr(safety, "_PREFILTER", Everything())
    assert [detector.detect(t) for t in texts] == found
    assert sum(map(bool, found)) > 500  # many of these messages are red flags
