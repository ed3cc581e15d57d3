"""Skip regular expressions that cannot match: the literal strings every match must contain.

The safety stage runs some 180 patterns over every message, and nearly all of them find nothing.
Scanning a message for a pattern costs far more than asking whether a few plain strings occur in
it, so each pattern is read once for the literals one of which any match has to contain ("numb"
or "tingl" or "pins and needles"), and is run only when one of them is in the text. This is the
idea of RE2's prefilter, done for Python's own ``re`` syntax (lookarounds included). Anything the
reader does not know makes it answer "no requirement", so a pattern is never wrongly skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

try:  # the standard library's own parser for ``re`` syntax (``sre_parse`` before Python 3.11)
    from re import _constants as _C
    from re import _parser as _P
except ImportError:  # pragma: no cover - a Python that moved them: nothing is ever skipped
    _C = _P = None

Literals = frozenset[str] | None  # None: no requirement known, the pattern must always run


def required_literals(pattern: re.Pattern[str]) -> Literals:
    """Strings one of which every match of ``pattern`` contains, or None when none can be told."""
    if _P is None or pattern.flags & re.IGNORECASE:
        return None
    try:
        return _needs(_P.parse(pattern.pattern, pattern.flags))
    except Exception:  # noqa: BLE001 - an unexpected parse tree only means "always run it"
        return None


def _needs(items: Iterable[tuple[Any, Any]]) -> Literals:
    """For a sequence of parsed items: the most selective requirement of any one of its parts."""
    found: list[frozenset[str]] = []
    run = ""  # consecutive literal characters, which every match contains together
    for op, arg in items:
        if op is _C.LITERAL:
            run += chr(arg)
            continue
        if run:
            found.append(frozenset({run}))
            run = ""
        part = _part(op, arg)
        if part:
            found.append(part)
    if run:
        found.append(frozenset({run}))
    # The longest shortest string, then the fewest strings: the check most likely to fail.
    return max(found, key=lambda s: (min(map(len, s)), -len(s)), default=None)


def _part(op: Any, arg: Any) -> Literals:
    if op is _C.SUBPATTERN:  # a group: (group id, add flags, del flags, items)
        return None if arg[1] & re.IGNORECASE else _needs(arg[-1])
    if op is _C.BRANCH:  # a|b|c: one of each alternative's requirements
        alternatives = [_needs(items) for items in arg[1]]
        if any(a is None for a in alternatives):
            return None
        return frozenset().union(*alternatives)  # type: ignore[arg-type]
    if op in (_C.MAX_REPEAT, _C.MIN_REPEAT, getattr(_C, "POSSESSIVE_REPEAT", None)):
        low, _high, items = arg
        return _needs(items) if low >= 1 else None
    return None  # a character class, a lookaround, \b, a back-reference: requires no literal


class Prefilter:
    """Which of many patterns could match a text, from the literals each one requires.

    Patterns are named by their position in the sequence given, not by the pattern objects: a
    compiled pattern's hash covers its whole compiled program, and hashing some 240 of them per
    message cost more than the scan it saves."""

    def __init__(self, patterns: Iterable[re.Pattern[str]]) -> None:
        needs = [required_literals(p) for p in patterns]
        self._always = frozenset(i for i, need in enumerate(needs) if need is None)
        self._by_literal: dict[str, set[int]] = {}
        for i, need in enumerate(needs):
            for literal in need or ():
                self._by_literal.setdefault(literal, set()).add(i)

    def possible(self, text: str) -> frozenset[int]:
        """The positions of the patterns that might match somewhere in ``text`` (all the others
        cannot)."""
        return self._always.union(*(ps for literal, ps in self._by_literal.items() if literal in text))
