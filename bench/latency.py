"""In-process latency of ``ask`` and ``search``, split by pipeline stage.

Stages are timed by wrapping the methods that implement them on one loaded assistant (the
library carries no timing code): input checks (text cleaning, history checks, red-flag rules),
query embedding, dense search, BM25, fusion; "answer assembly" is the rest of the request
(passage scoring, quote selection, Markdown and citations).

"Cold cache": the query-vector and result caches are emptied before every round, so each
question is encoded and retrieved afresh (what distinct user questions cost). "Warm cache": the
same questions again without emptying them (what repeated questions cost).
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant import Assistant, core
from assistant.lexical import terms

from .stats import Summary, median_of, summarize

STAGES = ("input checks", "query embedding", "dense search", "BM25", "fusion", "answer assembly")


@dataclass(frozen=True)
class Question:
    text: str
    history: tuple[dict[str, str], ...] = ()


@dataclass
class StageClock:
    """Seconds spent per stage in the current request."""

    spent: dict[str, float] = field(default_factory=lambda: defaultdict(float))

    def wrap(self, stage: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                self.spent[stage] += time.perf_counter() - start
        return timed


def load_questions(path: Path) -> list[Question]:
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    return [Question(r["text"], tuple(r.get("history") or ())) for r in rows]


@contextmanager
def instrumented(bot: Assistant) -> Iterator[StageClock]:
    """Time the stages of ``bot`` while inside the block; everything is restored afterwards."""
    clock = StageClock()
    retriever = bot.retriever
    patched_instance = {
        (retriever, "embed"): "query embedding",
        (retriever, "embed_many"): "query embedding",
        (retriever, "dense"): "dense search",
        (retriever, "lexical"): "BM25",
        (retriever, "fuse"): "fusion",
        (bot.detector, "scan"): "input checks",
    }
    patched_module = {"clean_text": "input checks", "check_history": "input checks"}
    originals_module = {name: getattr(core, name) for name in patched_module}
    for (obj, name), stage in patched_instance.items():
        setattr(obj, name, clock.wrap(stage, getattr(obj, name)))
    for name, stage in patched_module.items():
        setattr(core, name, clock.wrap(stage, originals_module[name]))
    try:
        yield clock
    finally:
        for obj, name in patched_instance:
            delattr(obj, name)  # the instance attribute hid the class's method
        for name, fn in originals_module.items():
            setattr(core, name, fn)


def clear_caches(bot: Assistant) -> None:
    bot.retriever.clear_caches()
    terms.cache_clear()


@dataclass(frozen=True)
class LatencyResult:
    """One operation's latency: totals and per-stage p50s, cold and warm cache."""

    cold: Summary
    warm: Summary
    cold_stages: dict[str, float]  # median over rounds of each stage's per-request p50 (ms)
    warm_stages: dict[str, float]
    cold_stage_p99: dict[str, float]

    def to_dict(self) -> dict[str, Any]:
        return {"cold_cache": self.cold.to_dict(), "warm_cache": self.warm.to_dict(),
                "cold_cache_stages_p50_ms": self.cold_stages, "warm_cache_stages_p50_ms": self.warm_stages,
                "cold_cache_stages_p99_ms": self.cold_stage_p99}


def _one_round(bot: Assistant, questions: list[Question], op: str) -> tuple[list[float], dict[str, list[float]]]:
    totals: list[float] = []
    stages: dict[str, list[float]] = defaultdict(list)
    with instrumented(bot) as clock:
        for q in questions:
            clock.spent.clear()
            start = time.perf_counter()
            if op == "ask":
                bot.ask(q.text, list(q.history))
            else:
                bot.search(q.text, k=5)
            total = time.perf_counter() - start
            totals.append(total)
            timed = 0.0
            for stage in STAGES[:-1]:
                stages[stage].append(clock.spent.get(stage, 0.0))
                timed += clock.spent.get(stage, 0.0)
            stages[STAGES[-1]].append(max(total - timed, 0.0))
    return totals, stages


def _stage_medians(rounds: list[dict[str, list[float]]], pct: str) -> dict[str, float]:
    out = {}
    for stage in STAGES:
        out[stage] = round(median_of(summarize(r[stage]) for r in rounds).__getattribute__(pct), 4)
    return out


def measure(bot: Assistant, questions: list[Question], op: str, rounds: int) -> LatencyResult:
    """``rounds`` cold-cache rounds then ``rounds`` warm-cache rounds over all ``questions``."""
    warmup = [Question("warm up the encoder"), Question("another warm up question")]
    _one_round(bot, warmup, op)
    cold_totals, cold_stages = [], []
    for _ in range(rounds):
        clear_caches(bot)
        totals, stages = _one_round(bot, questions, op)
        cold_totals.append(summarize(totals))
        cold_stages.append(stages)
    warm_totals, warm_stages = [], []
    for _ in range(rounds):
        totals, stages = _one_round(bot, questions, op)
        warm_totals.append(summarize(totals))
        warm_stages.append(stages)
    return LatencyResult(median_of(cold_totals), median_of(warm_totals),
                         _stage_medians(cold_stages, "p50"), _stage_medians(warm_stages, "p50"),
                         _stage_medians(cold_stages, "p99"))


def measure_uncached(bot: Assistant, questions: list[Question], op: str, rounds: int) -> Summary:
    """Totals only, caches emptied before every round (used for the torch-encoder comparison)."""
    results = []
    for _ in range(rounds):
        clear_caches(bot)
        totals, _ = _one_round(bot, questions, op)
        results.append(summarize(totals))
    return median_of(results)
