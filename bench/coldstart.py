"""Cold start (process start to first answer) and peak RSS of real processes."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .stats import ratio

ROOT = Path(__file__).resolve().parent.parent
QUESTION = "How long should I hold the knee to chest stretch?"


@dataclass(frozen=True)
class ProcessRun:
    seconds: float
    peak_rss_mb: float
    ok: bool


# A small launcher runs the command: its own RUSAGE_CHILDREN peak is the command's alone. (A child
# forked straight from the benchmark would count the benchmark's pages it inherited before exec.)
LAUNCHER = """
import resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, code)
"""


def run_cli(args: list[str], env: dict[str, str] | None = None) -> ProcessRun:
    """Wall time (process start to exit) and peak RSS of one ``python -m assistant ...`` process."""
    out = subprocess.run([sys.executable, "-c", LAUNCHER, sys.executable, "-m", "assistant", *args], cwd=ROOT,
                         env={**os.environ, **(env or {})}, capture_output=True, text=True, check=True)
    seconds, rss_kb, code = out.stdout.split()
    return ProcessRun(float(seconds), int(rss_kb) / 1024, int(code) == 0)


def cli_ask(repeats: int, env: dict[str, str] | None = None) -> dict[str, Any]:
    runs = [run_cli(["ask", QUESTION, "--json"], env) for _ in range(repeats)]
    return {"seconds_median": round(statistics.median(r.seconds for r in runs), 3),
            "seconds_all": [round(r.seconds, 3) for r in runs],
            "peak_rss_mb_median": round(statistics.median(r.peak_rss_mb for r in runs), 1),
            "ok": all(r.ok for r in runs)}


def server_available() -> bool:
    """Whether this checkout has ``python -m assistant serve``."""
    from assistant import cli

    return "serve" in getattr(cli, "_COMMANDS", {})


def post_ask(url: str, question: str = QUESTION, timeout: float = 5.0) -> dict[str, Any]:
    body = json.dumps({"question": question, "history": []}).encode()
    request = urllib.request.Request(f"{url}/api/ask", body, {"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return json.loads(response.read())


def start_server(port: int, env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "assistant", "serve", "--port", str(port)], cwd=ROOT,
                            env={**os.environ, "ASSISTANT_RATE_LIMIT": "off", **(env or {})},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def wait_first_answer(proc: subprocess.Popen[bytes], url: str, limit: float = 120.0) -> float | None:
    """Seconds from now until ``/api/ask`` answers (poll every 20 ms); None if it never does."""
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        if proc.poll() is not None:
            return None
        try:
            if post_ask(url, timeout=2.0).get("status"):
                return time.perf_counter() - start
        except OSError:
            time.sleep(0.02)
    return None


def vm_hwm_mb(pid: int) -> float | None:
    """Peak resident set size of a running process (Linux ``VmHWM``)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def server_cold_start(port: int, repeats: int) -> dict[str, Any]:
    times, rss = [], []
    for _ in range(repeats):
        started = time.perf_counter()
        proc = start_server(port)
        try:
            took = wait_first_answer(proc, f"http://127.0.0.1:{port}")
            if took is not None:
                times.append(time.perf_counter() - started)
                rss.append(vm_hwm_mb(proc.pid))
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    if not times:
        return {"ok": False}
    return {"ok": True, "seconds_median": round(statistics.median(times), 3),
            "seconds_all": [round(t, 3) for t in times],
            "peak_rss_mb_after_first_answer": round(statistics.median(r for r in rss if r), 1)}


def index_size(index_dir: Path) -> dict[str, float]:
    """Megabytes on disk: the current build, the ONNX query encoder, the embedding cache."""
    def mb(paths: list[Path]) -> float:
        return round(sum(p.stat().st_size for p in paths if p.is_file()) / 2**20, 3)

    try:
        current = index_dir / (index_dir / "CURRENT").read_text().strip()
    except OSError:
        return {}
    return {"build_mb": mb(list(current.rglob("*"))),
            "query_encoder_mb": mb(list((index_dir / "encoders").glob("*"))),
            "embedding_cache_mb": mb(list((index_dir / "cache").glob("*")))}


__all__ = ["cli_ask", "index_size", "ratio", "server_available", "server_cold_start"]
