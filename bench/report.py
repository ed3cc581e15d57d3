"""The benchmark's results as Markdown tables (what the README's Performance section shows)."""

from __future__ import annotations

from typing import Any

from .latency import STAGES
from .stats import ratio


def _get(data: dict[str, Any], *path: str) -> Any:
    for key in path:
        if not isinstance(data, dict) or key not in data:
            return None
        data = data[key]
    return data


def _fmt(value: Any, digits: int = 2) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def _row(name: str, value: Any, base: Any = None, target: str = "", met: bool | None = None,
         lower_is_better: bool = True) -> str:
    r = ratio(value, base) if isinstance(value, (int, float)) and isinstance(base, (int, float)) else None
    verdict = "" if met is None else ("yes" if met else "**no**")
    return f"| {name} | {_fmt(value)} | {_fmt(base)} | {_fmt(r, 3) if r is not None else '–'} | {target} | {verdict} |"


def _check(value: Any, limit: float, at_most: bool = True) -> bool | None:
    if not isinstance(value, (int, float)):
        return None
    return value <= limit if at_most else value >= limit


def table(results: dict[str, Any]) -> str:
    lines = ["| figure | this project | plain baseline | ratio | target | met |",
             "| --- | ---: | ---: | ---: | --- | --- |"]
    base_search = _get(results, "baseline", "search") or {}
    t = results.get("targets", {})
    for op in ("ask", "search"):
        for cache in ("cold_cache", "warm_cache"):
            for pct in ("p50", "p95", "p99"):
                value = _get(results, op, cache, pct)
                if value is None:
                    continue
                target, met = "", None
                if op == "ask" and cache == "cold_cache" and pct in ("p50", "p99"):
                    limit = t.get(f"ask_{pct}_ms")
                    target, met = f"≤ {limit:g} ms", _check(value, limit)
                label = f"`{op}` {pct} ms, {cache.replace('_', ' ')}"
                lines.append(_row(label, value, base_search.get(pct), target, met))
    torch_ask = _get(results, "ask_torch_query_encoder")
    if torch_ask:
        lines.append(_row("`ask` p50 ms, cold cache, torch query encoder", torch_ask["p50"], base_search.get("p50")))
    enc = _get(results, "baseline", "encode_only", "p50")
    if enc is not None:
        lines.append(_row("query embedding p50 ms (cold)", _get(results, "ask", "cold_cache_stages_p50_ms", "query embedding"), enc))
    tp = results.get("throughput") or {}
    base_tp = _get(results, "baseline", "throughput_single")
    if tp:
        lines.append(_row("answers/s, 1 thread (uncached)", tp["single_thread_answers_per_s"], base_tp))
        lines.append(_row(f"answers/s, {tp['processes']} processes (uncached)", tp["all_cores_answers_per_s"], base_tp))
    cold = results.get("cold_start") or {}
    if cold:
        base_cold = _get(cold, "baseline_script", "seconds_median")
        v = _get(cold, "cli_ask", "seconds_median")
        lines.append(_row("cold start, CLI `ask` s", v, base_cold, f"≤ {t['cli_cold_start_s']:g} s", _check(v, t["cli_cold_start_s"])))
        lines.append(_row("cold start, CLI `ask`, torch query encoder s", _get(cold, "cli_ask_torch_query_encoder", "seconds_median"), base_cold))
        lines.append(_row("peak RSS, CLI `ask` MB", _get(cold, "cli_ask", "peak_rss_mb_median"),
                          _get(cold, "cli_ask_torch_query_encoder", "peak_rss_mb_median")))
        server = cold.get("server") or {}
        if server.get("ok"):
            v = server["seconds_median"]
            lines.append(_row("cold start, server s", v, base_cold, f"≤ {t['server_cold_start_s']:g} s", _check(v, t["server_cold_start_s"])))
            v = server.get("peak_rss_mb_after_first_answer")
            lines.append(_row("peak RSS, server after first answer MB", v, None, f"≤ {t['server_peak_rss_mb']:g} MB", _check(v, t["server_peak_rss_mb"])))
        else:
            lines.append(f"| cold start, server | not measured: {server.get('note', 'server did not answer')} | | | ≤ 6 s | |")
    http = results.get("http") or {}
    for level in http.get("levels", []):
        c = level["clients"]
        target32 = c == 32
        lines.append(_row(f"HTTP answers/s at {c} clients", level["answers_per_s"], None,
                          f"≥ {t['http_answers_per_s_at_32']:g}" if target32 else "",
                          _check(level["answers_per_s"], t["http_answers_per_s_at_32"], False) if target32 else None))
        lines.append(_row(f"HTTP p50/p95/p99 ms at {c} clients",
                          f"{_fmt(level['p50'], 0)}/{_fmt(level['p95'], 0)}/{_fmt(level['p99'], 0)}", None,
                          f"p95 ≤ {t['http_p95_ms_at_32']:g}" if target32 else "",
                          _check(level["p95"], t["http_p95_ms_at_32"]) if target32 else None))
        lines.append(_row(f"HTTP errors at {c} clients", level["errors"], None, "0" if target32 else "",
                          level["errors"] == 0 if target32 else None))
    if http.get("peak_rss_mb") is not None:
        v = http["peak_rss_mb"]
        lines.append(_row("peak RSS, server after load MB", v, None, f"≤ {t['server_peak_rss_mb']:g} MB", _check(v, t["server_peak_rss_mb"])))
    if http.get("skipped"):
        lines.append(f"| HTTP load | not measured: {http['skipped']} | | | | |")
    size = results.get("index_size") or {}
    if size:
        lines.append(_row("index build on disk MB (FAISS, BM25, chunks, passage vectors)", size.get("build_mb"), None))
        lines.append(_row("ONNX query encoder on disk MB", size.get("query_encoder_mb"), None))
        lines.append(_row("embedding cache on disk MB", size.get("embedding_cache_mb"), None))
    out = ["\n".join(lines)]
    stages = _stage_table(results)
    if stages:
        out.append(stages)
    scale = _scale_table(results)
    if scale:
        out.append(scale)
    return "\n\n".join(out)


def _stage_table(results: dict[str, Any]) -> str:
    rows = []
    for op in ("ask", "search"):
        cold = _get(results, op, "cold_cache_stages_p50_ms")
        if not cold:
            continue
        warm = _get(results, op, "warm_cache_stages_p50_ms") or {}
        p99 = _get(results, op, "cold_cache_stages_p99_ms") or {}
        for stage in STAGES:
            rows.append(f"| `{op}` | {stage} | {_fmt(cold.get(stage), 3)} | {_fmt(p99.get(stage), 3)} | {_fmt(warm.get(stage), 3)} |")
    if not rows:
        return ""
    head = ["| op | stage | cold p50 ms | cold p99 ms | warm p50 ms |", "| --- | --- | ---: | ---: | ---: |"]
    return "\n".join(head + rows)


def _scale_table(results: dict[str, Any]) -> str:
    scale = results.get("scale") or {}
    rows = []
    for level in scale.get("levels", []):
        for idx in level.get("indexes", []):
            rows.append(
                f"| {level['chunks']:,} | {idx['spec']} | {_fmt(idx['build_s'], 1)} | {_fmt(idx['memory_mb'], 0)} | "
                f"{_fmt(idx['search_p50_ms'], 3)} | {_fmt(idx['search_p99_ms'], 3)} | {_fmt(idx['recall_at_10'], 3)} |"
            )
    if not rows:
        return ""
    head = ["| chunks | dense index | build s | index MB | search p50 ms | search p99 ms | recall@10 |",
            "| ---: | --- | ---: | ---: | ---: | ---: | ---: |"]
    notes = scale.get("notes", [])
    return "\n".join(head + rows + ([""] + [f"- {n}" for n in notes] if notes else []))


KEY_FIGURES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("`ask` p50 ms, cold cache", ("ask", "cold_cache", "p50")),
    ("`ask` p99 ms, cold cache", ("ask", "cold_cache", "p99")),
    ("`search` p50 ms, cold cache", ("search", "cold_cache", "p50")),
    ("baseline encode + flat search p50 ms", ("baseline", "search", "p50")),
    ("query embedding p50 ms, cold", ("ask", "cold_cache_stages_p50_ms", "query embedding")),
    ("answers/s, 1 thread", ("throughput", "single_thread_answers_per_s")),
    ("answers/s, all cores", ("throughput", "all_cores_answers_per_s")),
    ("cold start CLI `ask` s", ("cold_start", "cli_ask", "seconds_median")),
    ("cold start server s", ("cold_start", "server", "seconds_median")),
    ("server peak RSS after load MB", ("http", "peak_rss_mb")),
)


def across_runs(runs: list[dict[str, Any]], names: list[str] | None = None) -> str:
    """Key figures of several runs side by side, with their median (what to quote)."""
    import statistics

    names = names or [f"run {i}" for i in range(1, len(runs) + 1)]
    head = "| figure | " + " | ".join(names) + " | median |"
    lines = [head, "| --- |" + " ---: |" * (len(runs) + 1)]
    figures = list(KEY_FIGURES)
    for i, level in enumerate(_get(runs[0], "http", "levels") or []):
        c = level["clients"]
        figures.append((f"HTTP answers/s at {c} clients", ("http", "levels", i, "answers_per_s")))  # type: ignore[arg-type]
        figures.append((f"HTTP p95 ms at {c} clients", ("http", "levels", i, "p95")))  # type: ignore[arg-type]
    ratio_values = []
    for run in runs:
        a, b = _get(run, "ask", "cold_cache", "p50"), _get(run, "baseline", "search", "p50")
        ratio_values.append(a / b if a and b else None)
    for name, path in figures:
        values = [_dig(run, path) for run in runs]
        known = [v for v in values if isinstance(v, (int, float))]
        median = statistics.median(known) if known else None
        lines.append(f"| {name} | " + " | ".join(_fmt(v) for v in values) + f" | {_fmt(median)} |")
    known = [r for r in ratio_values if r is not None]
    if known:
        lines.append("| `ask` p50 ÷ baseline p50 (same run) | " + " | ".join(_fmt(r, 3) for r in ratio_values)
                     + f" | {_fmt(statistics.median(known), 3)} |")
    return "\n".join(lines)


def _dig(data: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        if isinstance(key, int):
            if not isinstance(data, list) or key >= len(data):
                return None
            data = data[key]
        elif isinstance(data, dict) and key in data:
            data = data[key]
        else:
            return None
    return data
