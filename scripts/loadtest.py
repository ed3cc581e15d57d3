"""Bounded load test on loopback: many concurrent clients, a mix of chat, search, widget and
feedback requests, for a fixed time. Fails (exit 1) on any 5xx or transport error, any lost or
doubled feedback record, or server memory growing more than 10% after warm-up. Warm-up ends once
every kind of request has been served a few times (and, in a long run, 10 s have passed): a run too
short or too slow to get there reports its memory but does not judge its growth.

    python scripts/loadtest.py                       # 60 s, 32 clients, starts its own server
    python scripts/loadtest.py --duration 10 --clients 8 --json out.json
    python scripts/loadtest.py --url http://127.0.0.1:7861 --url http://127.0.0.1:7862

Without ``--url`` it builds an index in a temporary folder, then starts ``python app.py`` on a
free port on it with its own data folder (rate limits off, as every client shares one address
here), so nothing of yours is touched. With ``--url`` (repeatable) it loads servers that are
already running, spreading the clients over them, and counts the feedback they stored in the
database that ``ASSISTANT_DATABASE_URL`` (or ``--database-url``) names: start them with a rate
limit the load cannot reach (e.g. ``ASSISTANT_RATE_LIMIT=1000000/minute``, so that a shared
Redis is still asked on every request) or ``off``. Every tenth feedback is sent again, with the
same ``Idempotency-Key``, to the next server: stored must equal accepted, no more.

``--question-log`` starts its own server with an admin token, so that every question asked goes
to the question log (docs/admin.md): the log must then hold exactly one record per question
answered (with ``--url``, the servers must have been started with a token). Run the same load
with and without it to see what logging costs the answers.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from datetime import datetime, timedelta, timezone
from dataclasses import asdict, dataclass, field
from pathlib import Path

import httpx

from assistant.config import Settings
from assistant.store import open_store

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = [json.loads(line)["text"] for line in (ROOT / "eval" / "queries.jsonl").read_text("utf-8").splitlines()
             if line.strip()]
# (name, weight): what one client does next.
MIX = [("ask", 40), ("ask_follow_up", 10), ("search", 15), ("widget", 10), ("chat_page", 5), ("feedback", 20)]
RETRY_EVERY = 10  # every tenth feedback is resent (same key) to another server
WARM_EACH = 3  # warm-up: every kind of request served this many times, so first-time allocations are behind


@dataclass
class Result:
    duration_s: float
    clients: int
    urls: int
    requests: int
    per_kind: dict[str, int]
    per_url: dict[str, int]
    statuses: dict[str, int]
    errors: list[str]
    server_errors: int
    p50_ms: float
    p95_ms: float
    p99_ms: float
    feedback_sent: int
    feedback_retried: int
    feedback_stored: int
    questions_asked: int  # asks answered (200, or 400 for an invalid question): each one logged
    questions_logged: int  # -1: the question log was not checked
    rss_after_warmup_mb: float | None  # None: the run ended before warm-up did
    rss_end_mb: float
    rss_growth: float | None
    failures: list[str] = field(default_factory=list)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def start_server(work: Path, question_log: bool = False) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {**os.environ, "ASSISTANT_INDEX_DIR": str(work / "index"), "ASSISTANT_DATA_DIR": str(work / "data"),
           "ASSISTANT_RATE_LIMIT": "off", "GRADIO_ANALYTICS_ENABLED": "False"}
    for name in ("ASSISTANT_DATABASE_URL", "ASSISTANT_RATE_LIMIT_STORAGE", "ASSISTANT_VECTOR_STORE",
                 "ASSISTANT_ADMIN_TOKEN", "ASSISTANT_LOG_QUESTIONS"):
        env.pop(name, None)  # its own server: the defaults, nothing of yours
    if question_log:
        env["ASSISTANT_ADMIN_TOKEN"] = uuid.uuid4().hex
    # Build the index first, as a deployment would: the server then starts on a current index.
    subprocess.run([sys.executable, "-m", "assistant", "index"], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL)
    log = open(work / "server.log", "w")
    proc = subprocess.Popen([sys.executable, "app.py", "--port", str(port)], cwd=ROOT, env=env,
                            stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 300
    while time.time() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited; see {work / 'server.log'}")
        try:
            httpx.get(url + "/api/health", timeout=2).raise_for_status()
            return proc, url
        except httpx.HTTPError:
            time.sleep(0.3)
    proc.kill()
    raise SystemExit("server did not start in 300 s")


class Feedbacks:
    """Counts feedback: distinct keys acknowledged, and how many were resent."""

    def __init__(self, marker: str) -> None:
        self.marker = marker
        self.acknowledged: set[str] = set()
        self.sent = 0
        self.retried = 0
        self.asked = 0  # questions answered, which a server with a question log records


async def one_request(clients: list[httpx.AsyncClient], n: int, kind: str, rng: random.Random,
                      feedback: Feedbacks) -> int:
    """One request of ``kind`` to server ``n % len(clients)``; returns the status."""
    client = clients[n % len(clients)]
    question = rng.choice(QUESTIONS)
    if kind == "ask":
        r = await client.post("/api/ask", json={"question": question})
    elif kind == "ask_follow_up":
        r = await client.post("/api/ask", json={"question": "and what about high arches?",
                                                "history": [{"role": "user", "content": question}]})
    if kind.startswith("ask"):
        feedback.asked += r.status_code in (200, 400)
        return r.status_code
    if kind == "search":
        r = await client.get("/api/search", params={"q": question, "k": rng.randint(1, 10)})
    elif kind == "widget":
        r = await client.get("/widget.js")
        if r.status_code == 200:
            r = await client.get("/embed/")
    elif kind == "chat_page":
        r = await client.get("/")
    else:
        key = uuid.uuid4().hex
        body = {"rating": rng.choice(["up", "down"]), "question": question, "answer": feedback.marker,
                "citations": [], "status": "answered"}
        r = await client.post("/api/feedback", json=body, headers={"Idempotency-Key": key})
        feedback.sent += 1
        if r.status_code in (200, 201):
            feedback.acknowledged.add(key)
        if feedback.sent % RETRY_EVERY == 0:  # a client retrying, possibly through another replica
            again = await clients[(n + 1) % len(clients)].post("/api/feedback", json=body,
                                                               headers={"Idempotency-Key": key})
            feedback.retried += 1
            if again.status_code in (200, 201):
                feedback.acknowledged.add(key)
    return r.status_code


async def run_load(urls: list[str], clients: int, duration: float, pids: list[int], seed: int,
                   feedback: Feedbacks) -> Result:
    kinds, weights = zip(*MIX)
    statuses: Counter[str] = Counter()
    per_kind: Counter[str] = Counter()
    per_url: Counter[str] = Counter()
    latencies: list[float] = []
    errors: list[str] = []
    stop_at = time.perf_counter() + duration
    warm_rss: list[float] = []

    async def client_loop(n: int) -> None:
        rng = random.Random(seed + n)
        async with contextlib.AsyncExitStack() as stack:
            sessions = [await stack.enter_async_context(httpx.AsyncClient(base_url=u, timeout=60)) for u in urls]
            while time.perf_counter() < stop_at:
                kind = rng.choices(kinds, weights)[0]
                start = time.perf_counter()
                try:
                    status = await one_request(sessions, n, kind, rng, feedback)
                except httpx.HTTPError as exc:
                    errors.append(f"{kind}: {type(exc).__name__}: {exc}")
                    continue
                latencies.append((time.perf_counter() - start) * 1000)
                statuses[str(status)] += 1
                per_kind[kind] += 1
                per_url[urls[n % len(urls)]] += 1

    def warmed_up() -> bool:
        return all(per_kind[kind] >= WARM_EACH for kind in kinds)

    async def sample_rss() -> None:
        # After warm-up: every kind of request served WARM_EACH times (their first-time allocations
        # would read as growth), and at least 10 s into a long run (40% of a short one). Counted in
        # requests, not seconds: on a busy machine 40% of an 8 s run had served some kinds once.
        await asyncio.sleep(min(10.0, duration * 0.4))
        while pids and time.perf_counter() < stop_at:
            if warmed_up():
                warm_rss.append(sum(rss_mb(pid) for pid in pids))
                return
            await asyncio.sleep(0.1)

    began = time.perf_counter()
    await asyncio.gather(sample_rss(), *(client_loop(n) for n in range(clients)))
    elapsed = time.perf_counter() - began
    end_rss = sum(rss_mb(pid) for pid in pids) if pids else 0.0
    q = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0.0] * 99
    warm = warm_rss[0] if warm_rss else None
    return Result(round(elapsed, 1), clients, len(urls), sum(per_kind.values()), dict(per_kind), dict(per_url),
                  dict(statuses), errors[:20], sum(v for k, v in statuses.items() if k.startswith("5")),
                  round(q[49], 1), round(q[94], 1), round(q[98], 1), len(feedback.acknowledged), feedback.retried,
                  0, feedback.asked, -1, round(warm, 1) if warm else None, round(end_rss, 1),
                  round(end_rss / warm - 1, 3) if warm else None)


def count_feedback(settings: Settings, marker: str) -> int:
    """Records of this run in the store, and a check that no key is there twice."""
    rows = open_store(settings, import_legacy=False).rows(
        "SELECT COUNT(*) AS n, COUNT(DISTINCT key) AS keys FROM feedback WHERE answer = :marker", {"marker": marker})
    return int(rows[0]["n"]) if rows[0]["n"] == rows[0]["keys"] else -1


def count_questions(settings: Settings, since: str, expected: int, wait_s: float = 15.0) -> int:
    """Questions logged since ``since`` (written in the background: waits for ``expected`` a while)."""
    store = open_store(settings, import_legacy=False)
    deadline = time.time() + wait_s
    while True:
        n = int(store.rows("SELECT COUNT(*) AS n FROM questions WHERE created_at >= :since", {"since": since})[0]["n"])
        if n >= expected or time.time() > deadline:
            return n
        time.sleep(0.2)


def judge(result: Result) -> list[str]:
    failures = []
    if result.server_errors:
        failures.append(f"{result.server_errors} responses were 5xx")
    if result.errors:
        failures.append(f"{len(result.errors)} requests failed at the transport level")
    if result.feedback_stored != result.feedback_sent:
        failures.append(f"feedback: {result.feedback_sent} accepted but {result.feedback_stored} stored")
    if result.questions_logged >= 0 and result.questions_logged != result.questions_asked:
        failures.append(f"question log: {result.questions_asked} questions answered but {result.questions_logged} logged")
    if result.rss_growth is not None and result.rss_growth > 0.10:
        failures.append(f"server memory grew {result.rss_growth:.0%} after warm-up (limit 10%)")
    return failures


def memory_line(result: Result, watched: bool) -> str:
    if not watched:
        return "server memory not watched (with --url, give each server's --pid)"
    if result.rss_growth is None:
        return (f"server RSS {result.rss_end_mb} MB at the end; growth not judged: the run ended before every "
                f"kind of request had been served {WARM_EACH} times (run longer for a memory verdict)")
    return (f"server RSS {result.rss_after_warmup_mb} MB after warm-up, {result.rss_end_mb} MB at the end "
            f"({result.rss_growth:+.1%})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    parser.add_argument("--duration", type=float, default=60, help="seconds of load (default 60)")
    parser.add_argument("--clients", type=int, default=32, help="concurrent clients (default 32)")
    parser.add_argument("--url", action="append", default=[], metavar="URL",
                        help="a running server to load (repeatable); default: start one")
    parser.add_argument("--database-url", metavar="URL",
                        help="with --url: the database the servers store feedback in (default ASSISTANT_DATABASE_URL)")
    parser.add_argument("--pid", action="append", type=int, default=[],
                        help="with --url: server process ids whose memory to watch (repeatable)")
    parser.add_argument("--question-log", action="store_true",
                        help="log every question (an admin token on the server) and check the log holds each once")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", metavar="FILE", help="also write the result as JSON")
    args = parser.parse_args(argv)
    if args.duration <= 0 or args.clients <= 0:
        parser.error("--duration and --clients must be positive")
    feedback = Feedbacks(f"load test {uuid.uuid4().hex[:12]}")
    began = (datetime.now(timezone.utc) - timedelta(seconds=1)).isoformat(timespec="seconds")
    if args.url:
        urls = [u.rstrip("/") for u in args.url]
        for url in urls:
            try:
                httpx.get(url + "/api/health", timeout=10).raise_for_status()
            except httpx.HTTPError as exc:
                parser.error(f"{url} is not a running server ({exc})")
        settings = Settings.from_env(database_url=args.database_url)
        result = asyncio.run(run_load(urls, args.clients, args.duration, args.pid, args.seed, feedback))
        time.sleep(0.5)
        result.feedback_stored = count_feedback(settings, feedback.marker)
        if args.question_log:
            result.questions_logged = count_questions(settings, began, result.questions_asked)
    else:
        with tempfile.TemporaryDirectory(prefix="loadtest-") as tmp:
            work = Path(tmp)
            proc, url = start_server(work, args.question_log)
            try:
                result = asyncio.run(run_load([url], args.clients, args.duration, [proc.pid], args.seed, feedback))
                time.sleep(0.5)
                result.feedback_stored = count_feedback(Settings(data_dir=work / "data"), feedback.marker)
                if args.question_log:
                    result.questions_logged = count_questions(Settings(data_dir=work / "data"), began,
                                                              result.questions_asked)
            finally:
                proc.terminate()
                proc.wait(timeout=30)
    result.failures = judge(result)
    print(f"{result.requests} requests in {result.duration_s} s from {result.clients} clients to {result.urls} "
          f"server(s) ({result.requests / result.duration_s:.0f}/s): {result.per_kind}")
    print(f"statuses {result.statuses}; latency p50 {result.p50_ms} ms, p95 {result.p95_ms} ms, p99 {result.p99_ms} ms")
    print(f"feedback accepted {result.feedback_sent} ({result.feedback_retried} resent with the same key), stored "
          f"{result.feedback_stored}; {memory_line(result, watched=bool(args.pid) or not args.url)}")
    if result.questions_logged >= 0:
        print(f"question log: {result.questions_asked} questions answered, {result.questions_logged} logged")
    if args.json:
        Path(args.json).write_text(json.dumps(asdict(result), indent=2), "utf-8")
    for failure in result.failures:
        print(f"FAIL: {failure}", file=sys.stderr)
    return 1 if result.failures else 0


if __name__ == "__main__":
    sys.exit(main())
