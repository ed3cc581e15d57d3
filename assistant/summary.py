"""What visitors asked: the question log and the feedback summed up for the site owner.

One function, :func:`summarize`, feeds ``GET /api/admin/summary``, the ``/admin`` page and
``python -m assistant report``; they add nothing but presentation.

Out-of-scope questions that mean the same thing are grouped, so the owner sees "how do I treat
a sprained ankle? (7)" once, not seven spellings of it: each distinct text is embedded with the
assistant's query encoder, and texts are joined by average-linkage agglomerative clustering
(SciPy) while the mean cosine similarity between two groups is at least
:data:`GROUP_THRESHOLD` (measured on paraphrase pairs: ``bench/grouping.py``, docs/admin.md).

Example:
    >>> summary = summarize(store, days=7, encode=bot.query_embedder.encode)
    >>> summary.to_dict()["uncovered"][0]
    {'question': 'How do I treat a sprained ankle?', 'count': 7}
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

import numpy as np

from .answer import STATUSES
from .config import MAX_LOG_DAYS
from .errors import InvalidInputError
from .store import RecordStore
from .store.records import SOURCES, CitedSection, DayCount, RatedAnswer

Encode = Callable[[Sequence[str]], np.ndarray]

# Two groups of questions are one when their mean cosine similarity is at least this. Measured
# with the bundled model on 40 paraphrase pairs and 40 pairs of different questions built on the
# same pattern (bench/grouping.py, eval/grouping.jsonl): at 0.775 no different questions were
# grouped and 70% of the paraphrase pairs were; at 0.75, 6 wrong joins. A wrong join hides a
# question to write about; a missed one only shows it twice. docs/admin.md has the table.
GROUP_THRESHOLD = 0.775
UNCOVERED_LIMIT = 25
SECTIONS_LIMIT = 10
THUMBS_DOWN_LIMIT = 25
# The most frequent distinct uncovered texts that are embedded and grouped; rarer ones are left
# out (a busy site's long tail of one-off questions would cost time, not change the top of the list).
MAX_GROUPED_TEXTS = 1000
ENCODE_BATCH = 64
DEFAULT_DAYS = 30


@dataclass(frozen=True)
class Uncovered:
    """Out-of-scope questions that mean the same: the most asked wording and how many in all."""

    question: str
    count: int


@dataclass(frozen=True)
class Summary:
    """The summary of the last ``days`` UTC days (today included) from ``since`` on.

    ``to_dict`` is the JSON of ``/api/admin/summary`` and ``report --json``; ``per_day`` (one
    entry per day of the window, counts per status) is for the chart and is not part of it.
    """

    days: int
    since: str
    questions: int
    by_status: dict[str, int]
    by_source: dict[str, int]
    feedback: dict[str, int]
    uncovered: tuple[Uncovered, ...]
    top_sections: tuple[CitedSection, ...]
    thumbs_down: tuple[RatedAnswer, ...]
    per_day: tuple[tuple[str, dict[str, int]], ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "days": self.days,
            "questions": self.questions,
            "by_status": dict(self.by_status),
            "by_source": dict(self.by_source),
            "feedback": dict(self.feedback),
            "uncovered": [asdict(u) for u in self.uncovered],
            "top_sections": [asdict(s) for s in self.top_sections],
            "thumbs_down": [asdict(t) for t in self.thumbs_down],
        }


def check_days(days: Any) -> int:
    """``days`` as a whole number of days from 1 to MAX_LOG_DAYS; InvalidInputError otherwise."""
    if isinstance(days, bool) or not isinstance(days, int):
        raise InvalidInputError(f"days must be a whole number from 1 to {MAX_LOG_DAYS}, not {days!r}.")
    if not 1 <= days <= MAX_LOG_DAYS:
        raise InvalidInputError(f"days must be from 1 to {MAX_LOG_DAYS}; got {days}.")
    return days


def window(days: int, now: datetime | None = None) -> tuple[str, list[str]]:
    """The start of the last ``days`` UTC days (midnight, ISO 8601) and those days' dates."""
    today = (now or datetime.now(timezone.utc)).astimezone(timezone.utc).date()
    first = today - timedelta(days=days - 1)
    start = datetime.combine(first, time(0), tzinfo=timezone.utc).isoformat(timespec="seconds")
    return start, [(first + timedelta(days=n)).isoformat() for n in range(days)]


def summarize(store: RecordStore, days: int = DEFAULT_DAYS, encode: Encode | None = None,
              now: datetime | None = None, threshold: float = GROUP_THRESHOLD) -> Summary:
    """Sum up the question log and the feedback of the last ``days`` days.

    ``encode`` embeds texts as unit vectors (the assistant's query encoder) to group uncovered
    questions by meaning; without it only identical texts are counted together.
    """
    days = check_days(days)
    since, dates = window(days, now)
    counts = store.question_counts(since)
    return Summary(
        days=days,
        since=since,
        questions=sum(c.count for c in counts),
        by_status=_tally(counts, "status", STATUSES),
        by_source=_tally(counts, "source", SOURCES),
        feedback=store.feedback_counts(since),
        uncovered=tuple(group_similar(store.uncovered_questions(since, MAX_GROUPED_TEXTS), encode,
                                      threshold)[:UNCOVERED_LIMIT]),
        top_sections=tuple(store.top_sections(since, SECTIONS_LIMIT)),
        thumbs_down=tuple(store.thumbs_down(since, THUMBS_DOWN_LIMIT)),
        per_day=per_day(counts, dates),
    )


def _tally(counts: list[DayCount], field: str, names: Sequence[str]) -> dict[str, int]:
    totals = dict.fromkeys(names, 0)
    for c in counts:
        key = getattr(c, field)
        if key in totals:  # a status a later version added is counted in the total only
            totals[key] += c.count
    return totals


def per_day(counts: list[DayCount], dates: list[str]) -> tuple[tuple[str, dict[str, int]], ...]:
    """Questions per date and status, every date of the window present (zeros included)."""
    days = {d: dict.fromkeys(STATUSES, 0) for d in dates}
    for c in counts:
        if c.day in days and c.status in days[c.day]:
            days[c.day][c.status] += c.count
    return tuple(days.items())


def group_similar(texts: Sequence[tuple[str, int]], encode: Encode | None,
                  threshold: float = GROUP_THRESHOLD) -> list[Uncovered]:
    """Texts with their counts, grouped by meaning, most frequent group first.

    A group is named by its most asked text; on a tie, by the shortest (usually the plainest
    wording), then the first given. Texts are joined while the mean cosine similarity of their groups is at least
    ``threshold`` (average linkage); without ``encode``, only identical texts are joined.
    """
    if not texts:
        return []
    if encode is None:
        labels = np.arange(len(texts))
    else:
        words = [t for t, _ in texts]
        labels = cluster(np.vstack([encode(words[i:i + ENCODE_BATCH]) for i in range(0, len(words), ENCODE_BATCH)]),
                         threshold)
    groups: dict[int, list[tuple[int, str, int]]] = {}
    for order, ((text, count), label) in enumerate(zip(texts, labels)):
        groups.setdefault(int(label), []).append((order, text, count))
    named = []
    for members in groups.values():
        order, text, _ = min(members, key=lambda m: (-m[2], len(m[1]), m[0]))
        named.append((sum(m[2] for m in members), order, text))
    named.sort(key=lambda g: (-g[0], g[1]))
    return [Uncovered(text, count) for count, _, text in named]


def cluster(vectors: np.ndarray, threshold: float = GROUP_THRESHOLD) -> np.ndarray:
    """A group label per row of unit ``vectors``: average-linkage agglomerative clustering,
    joining groups while their mean cosine similarity is at least ``threshold``."""
    if len(vectors) < 2:
        return np.zeros(len(vectors), dtype=int)
    from scipy.cluster.hierarchy import fcluster, linkage

    tree = linkage(np.asarray(vectors, dtype=np.float64), method="average", metric="cosine")
    return fcluster(tree, t=1.0 - threshold, criterion="distance")


# ------------------------------------------------------------------------ terminal


def format_summary(summary: Summary) -> str:
    """The summary as text for the terminal (``python -m assistant report``)."""
    status = ", ".join(f"{name.replace('_', ' ')} {summary.by_status[name]:,}" for name in STATUSES)
    source = ", ".join(f"{name} {summary.by_source[name]:,}" for name in SOURCES)
    first = date.fromisoformat(summary.since[:10])
    period = "today" if summary.days == 1 else f"in the last {summary.days} days"
    lines = [f"Questions {period}, since {first.isoformat()} (UTC): {summary.questions:,}",
             f"  by status: {status}",
             f"  by source: {source}",
             f"  feedback:  {summary.feedback['up']:,} up, {summary.feedback['down']:,} down"]
    busiest = max((sum(c.values()) for _, c in summary.per_day), default=0)
    asked = [(day, c) for day, c in summary.per_day if sum(c.values())]
    if asked:
        lines += ["", "Questions per day (answered, out of scope, urgent, invalid):"]
        for day, c in asked:
            total = sum(c.values())
            bar = "#" * max(1, round(30 * total / busiest))
            lines.append(f"  {day}  {total:>5,}  {bar:<30}  " + " ".join(f"{c[s]:,}" for s in STATUSES))
    lines += ["", "Not covered by the articles (what to write next):"]
    lines += [f"  {u.count:>5,}  {_one_line(u.question)}" for u in summary.uncovered] or ["  none"]
    lines += ["", "Most cited sections:"]
    lines += [f"  {s.citations:>5,}  {_one_line(s.section)}  ({s.document}#{s.anchor})"
              for s in summary.top_sections] or ["  none"]
    lines += ["", "Thumbs-down answers (newest first):"]
    for t in summary.thumbs_down:
        lines.append(f"  {t.time[:16].replace('T', ' ')}  Q: {_one_line(t.question, 100)}")
        lines.append(f"  {'':16}  A: {_one_line(t.answer, 100)}")
    if not summary.thumbs_down:
        lines.append("  none")
    return "\n".join(lines)


def _one_line(text: str, limit: int = 120) -> str:
    """Text on one line (control characters, which could rewrite the terminal, as spaces)."""
    flat = " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
