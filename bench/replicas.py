"""Throughput of one replica against two, sharing one Redis and one PostgreSQL, on this machine.

    python bench/replicas.py --duration 60 --clients 32 --out bench/results/replicas.json

Starts a private Redis and PostgreSQL (tests/servers.py), builds the index once (FAISS files, and
a pgvector build when ``--vector-store pgvector``), then for each replica count starts that many
``python app.py`` processes on free ports (records in PostgreSQL, rate limits counted in Redis
with a limit the load cannot reach, so every request still asks Redis) and runs
``scripts/loadtest.py --url ...`` against them. Prints one line per replica count and writes the
load test results as JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path[0] = str(Path(__file__).resolve().parent.parent)
    __package__ = "bench"

import httpx

from tests.servers import PostgresServer, RedisServer, free_port

ROOT = Path(__file__).resolve().parent.parent


def start_replicas(count: int, env: dict[str, str], work: Path) -> list[tuple[subprocess.Popen, str]]:
    replicas = []
    for n in range(count):
        port = free_port()
        log = open(work / f"replica-{count}-{n}.log", "w")
        proc = subprocess.Popen([sys.executable, "app.py", "--port", str(port)], cwd=ROOT, env=env,
                                stdout=log, stderr=subprocess.STDOUT)
        replicas.append((proc, f"http://127.0.0.1:{port}"))
    for proc, url in replicas:
        deadline = time.time() + 300
        while True:
            try:
                httpx.get(url + "/api/health", timeout=2).raise_for_status()
                break
            except httpx.HTTPError:
                if proc.poll() is not None or time.time() > deadline:
                    raise SystemExit(f"replica {url} did not start; see {work}")
                time.sleep(0.3)
    return replicas


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--replicas", default="0,1,2",
                        help="replica counts to measure, in order; 0 is one replica with the defaults "
                             "(limits in memory, records in SQLite), the baseline")
    parser.add_argument("--vector-store", choices=("faiss", "pgvector"), default="faiss")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "replicas.json")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="bench-replicas-"))
    redis, postgres = RedisServer(work / "redis").start(), PostgresServer().start()
    env = {**os.environ, "ASSISTANT_INDEX_DIR": str(work / "index"), "ASSISTANT_DATA_DIR": str(work / "data"),
           "ASSISTANT_DATABASE_URL": postgres.url, "ASSISTANT_RATE_LIMIT_STORAGE": redis.url,
           "ASSISTANT_RATE_LIMIT": "1000000/minute", "ASSISTANT_VECTOR_STORE": args.vector_store,
           "GRADIO_ANALYTICS_ENABLED": "False"}
    results = {"setup": {"duration_s": args.duration, "clients": args.clients, "vector_store": args.vector_store,
                         "cpus": os.cpu_count(), "records": "PostgreSQL", "rate_limits": "Redis"}, "runs": []}
    try:
        subprocess.run([sys.executable, "-m", "assistant", "index"], cwd=ROOT, env=env, check=True,
                       stdout=subprocess.DEVNULL)
        for count in (int(c) for c in args.replicas.split(",")):
            run_env = env if count else {k: v for k, v in env.items()
                                         if k not in ("ASSISTANT_DATABASE_URL", "ASSISTANT_RATE_LIMIT_STORAGE")}
            if not count:  # the baseline serves the FAISS files whatever --vector-store says
                run_env["ASSISTANT_VECTOR_STORE"] = "faiss"
                subprocess.run([sys.executable, "-m", "assistant", "index"], cwd=ROOT, env=run_env, check=True,
                               stdout=subprocess.DEVNULL)
            replicas = start_replicas(max(count, 1), run_env, work)
            out = work / f"load-{count}.json"
            try:
                run = subprocess.run([sys.executable, "scripts/loadtest.py", "--duration", str(args.duration),
                                      "--clients", str(args.clients), "--json", str(out),
                                      *[a for _, url in replicas for a in ("--url", url)],
                                     *(["--database-url", f"sqlite:///{work / 'data' / 'assistant.db'}"]
                                       if not count else []),
                                      *[a for proc, _ in replicas for a in ("--pid", str(proc.pid))]],
                                     cwd=ROOT, env=run_env, capture_output=True, text=True)
            finally:
                for proc, _ in replicas:
                    proc.terminate()
                    proc.wait(timeout=30)
            print(run.stdout + run.stderr, file=sys.stderr)
            result = json.loads(out.read_text())
            label = "1 replica, defaults (memory, SQLite)" if not count else f"{count} replica(s), Redis + PostgreSQL"
            results["runs"].append({"replicas": max(count, 1), "setup": label, "exit": run.returncode,
                                    "load_average_1min": os.getloadavg()[0], **result})
            args.out.write_text(json.dumps(results, indent=2), "utf-8")
            print(f"{label}: {result['requests'] / result['duration_s']:.0f} requests/s, p50 "
                  f"{result['p50_ms']} ms, p95 {result['p95_ms']} ms, p99 {result['p99_ms']} ms, 5xx "
                  f"{result['server_errors']}, feedback {result['feedback_sent']} acknowledged / "
                  f"{result['feedback_stored']} stored", flush=True)
    finally:
        redis.stop()
        postgres.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
