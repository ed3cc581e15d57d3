"""Percentile summaries, and medians of per-round summaries (the figures the README quotes)."""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass

import numpy as np


@dataclass(frozen=True)
class Summary:
    """Latency percentiles in milliseconds over ``n`` samples."""

    n: int
    p50: float
    p95: float
    p99: float
    mean: float

    def to_dict(self) -> dict[str, float]:
        return {k: round(v, 4) if isinstance(v, float) else v for k, v in asdict(self).items()}


def summarize(seconds: Sequence[float]) -> Summary:
    ms = np.asarray(seconds, dtype=np.float64) * 1e3
    if not len(ms):
        return Summary(0, float("nan"), float("nan"), float("nan"), float("nan"))
    p50, p95, p99 = np.percentile(ms, [50, 95, 99])
    return Summary(len(ms), float(p50), float(p95), float(p99), float(ms.mean()))


def median_of(rounds: Iterable[Summary]) -> Summary:
    """Each percentile as the median over rounds: one noisy round (a neighbour's burst) cannot move it."""
    rounds = list(rounds)
    return Summary(
        sum(r.n for r in rounds),
        statistics.median(r.p50 for r in rounds),
        statistics.median(r.p95 for r in rounds),
        statistics.median(r.p99 for r in rounds),
        statistics.median(r.mean for r in rounds),
    )


def ratio(value: float, baseline: float) -> float | None:
    return round(value / baseline, 3) if baseline and not math.isnan(baseline) else None
