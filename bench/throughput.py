"""In-process throughput: answers per second on one thread, and with one process per core.

Caches are emptied before every pass over the questions, so each answer is computed afresh.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import time
from collections.abc import Callable
from typing import Any

from assistant import Assistant

from .latency import Question, clear_caches


def _run_for(bot: Assistant, questions: list[Question], seconds: float) -> int:
    done = 0
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        clear_caches(bot)
        for q in questions:
            bot.ask(q.text, list(q.history))
            done += 1
            if time.perf_counter() >= deadline:
                break
    return done


def single(bot: Assistant, questions: list[Question], seconds: float) -> float:
    start = time.perf_counter()
    done = _run_for(bot, questions, seconds)
    return done / (time.perf_counter() - start)


def single_baseline(search: Callable[[str], Any], questions: list[Question], seconds: float) -> float:
    done, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        for q in questions:
            search(q.text)
            done += 1
    return done / (time.perf_counter() - start)


def _worker(args: tuple[dict[str, Any], list[Question], float, Any]) -> int:
    load_kwargs, questions, seconds, barrier = args
    bot = Assistant.load(progress=False, **load_kwargs)
    _run_for(bot, questions[:5], 0.5)
    barrier.wait()
    return _run_for(bot, questions, seconds)


def all_cores(load_kwargs: dict[str, Any], questions: list[Question], seconds: float,
              processes: int | None = None) -> tuple[float, int]:
    """Answers/s summed over one process per core (each loads its own assistant)."""
    processes = processes or os.cpu_count() or 1
    ctx = mp.get_context("spawn")  # a fresh interpreter each: no state shared with the benchmark
    with ctx.Manager() as manager:
        barrier = manager.Barrier(processes + 1)
        with ctx.Pool(processes) as pool:
            pending = pool.map_async(_worker, [(load_kwargs, questions, seconds, barrier)] * processes)
            barrier.wait()
            start = time.perf_counter()
            counts = pending.get()
            elapsed = time.perf_counter() - start
    return sum(counts) / elapsed, processes
