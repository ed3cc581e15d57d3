"""Two replicas (two real server processes on two ports) sharing one Redis and one PostgreSQL,
as behind a load balancer: the rate limit is global, concurrent feedback is stored exactly once,
pgvector and FAISS give identical answers; and the faults: Redis stopped, PostgreSQL restarted,
stores unreachable at start.

Replica A serves the dense index from pgvector, replica B from FAISS files, so every comparison
of their answers is pgvector against FAISS over HTTP. uvicorn trusts ``X-Forwarded-For`` from
loopback, so each test speaks as its own client address and the limits of one test do not
reach another.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import httpx
import psycopg
import pytest

from .conftest import CORPUS, ROOT, LiveServer, free_port, new_database
from .servers import PostgresServer, RedisServer

LIMIT = 6  # per client and minute, on every replica together
QUESTIONS = [json.loads(line) for line in (ROOT / "eval" / "queries.jsonl").read_text("utf-8").splitlines() if line]


_ADDRESSES: dict[str, int] = {}


def client(n: int | str) -> dict[str, str]:
    """Headers that make a request come from its own client address (TEST-NET ranges): one
    address per name, never shared (hashing names into addresses made two clients collide now
    and then, and one's requests counted against the other's limit)."""
    i = _ADDRESSES.setdefault(str(n), len(_ADDRESSES))
    return {"X-Forwarded-For": f"198.51.{i // 250}.{i % 250 + 1}"}


@pytest.fixture(scope="module")
def engines(tmp_path_factory):
    """This module's own Redis and PostgreSQL: the fault tests stop and restart them."""
    folder = tmp_path_factory.mktemp("engines")
    redis, postgres = RedisServer(folder / "redis").start(), PostgresServer().start()
    yield redis, postgres, new_database(postgres, "replicas")
    redis.stop()
    postgres.cleanup()


@pytest.fixture(scope="module")
def replicas(engines, tmp_path_factory):
    redis, _, database = engines
    shared = tmp_path_factory.mktemp("shared-index")  # one index folder, built once, as a deployment does
    base = {"ASSISTANT_INDEX_DIR": str(shared), "ASSISTANT_CORPUS_DIR": str(CORPUS), "ASSISTANT_DATABASE_URL": database,
            "ASSISTANT_RATE_LIMIT_STORAGE": redis.url, "ASSISTANT_RATE_LIMIT": f"{LIMIT}/minute"}
    for store in ("faiss", "pgvector"):  # `python -m assistant index` for each vector store
        run = subprocess.run([sys.executable, "-m", "assistant", "index"], cwd=ROOT, capture_output=True, text=True,
                             timeout=600, env={**os.environ, **base, "ASSISTANT_VECTOR_STORE": store})
        assert run.returncode == 0, run.stderr
        assert ("pgvector build-" if store == "pgvector" else "Index: ") in run.stdout
    folder = tmp_path_factory.mktemp("replicas")
    pair = [LiveServer(folder / name, {**base, "ASSISTANT_VECTOR_STORE": store})
            for name, store in (("a", "pgvector"), ("b", "faiss"))]
    for live in pair:
        live.wait()
    yield pair
    for live in pair:
        live.stop()


def stored(database: str, keys: list[str]) -> list[str]:
    with psycopg.connect(database) as conn:
        return [r[0] for r in conn.execute("SELECT key FROM feedback WHERE key = ANY(%s)", (keys,))]


def feedback_body(n: int) -> dict:
    return {"rating": "up" if n % 2 else "down", "question": f"replica test {n}", "answer": "a", "status": "answered"}


# ----------------------------------------------------------------------------- behaviour


def test_the_rate_limit_is_global_across_replicas(replicas):
    a, b = replicas
    me = client("global-limit")
    codes = [httpx.get((a, b)[n % 2].url + "/api/search", params={"q": "shoes"}, headers=me, timeout=60).status_code
             for n in range(LIMIT)]
    assert codes == [200] * LIMIT  # half on each replica: each alone would allow LIMIT
    for live in (a, b):
        refused = httpx.get(live.url + "/api/search", params={"q": "shoes"}, headers=me, timeout=60)
        assert refused.status_code == 429 and f"{LIMIT} per 1 minute" in refused.json()["error"]
    other = httpx.get(b.url + "/api/search", params={"q": "shoes"}, headers=client("someone else"), timeout=60)
    assert other.status_code == 200


def test_concurrent_feedback_to_both_replicas_is_stored_exactly_once(replicas, engines):
    """80 ratings posted by 16 threads, alternating replicas; each is then retried on the other
    replica with its Idempotency-Key. All 80 are in PostgreSQL, none twice."""
    keys = [f"replica-{uuid.uuid4().hex}" for _ in range(80)]

    def post(n: int) -> tuple[int, int]:
        first, second = replicas[n % 2], replicas[(n + 1) % 2]
        headers = {"Idempotency-Key": keys[n], **client(f"fb{n}")}
        one = httpx.post(first.url + "/api/feedback", json=feedback_body(n), headers=headers, timeout=60)
        two = httpx.post(second.url + "/api/feedback", json=feedback_body(n), headers=headers, timeout=60)
        return one.status_code, two.status_code

    with ThreadPoolExecutor(16) as pool:
        codes = list(pool.map(post, range(80)))
    assert codes == [(201, 200)] * 80
    assert sorted(stored(engines[2], keys)) == sorted(keys)


def test_replicas_answer_identically_with_pgvector_and_faiss(replicas, bot):
    a, b = replicas
    for n, query in enumerate(QUESTIONS[:30]):
        body = {"question": query["text"], **({"history": query["history"]} if query.get("history") else {})}
        answers = [httpx.post(live.url + "/api/ask", json=body, headers=client(f"ask{n}"), timeout=60) for live in (a, b)]
        assert [r.status_code for r in answers] == [200, 200]
        assert answers[0].json() == answers[1].json() == bot.ask(query["text"], query.get("history")).to_dict()
    search = [httpx.get(live.url + "/api/search", params={"q": "shoes for flat feet", "k": 5}, headers=client("s"),
                        timeout=60).json() for live in (a, b)]
    assert search[0] == search[1]


# ----------------------------------------------------------------------------- faults


def test_redis_stopped_mid_run_fails_open_then_limits_again(replicas, engines):
    """Documented behaviour: without Redis, limits are not enforced (a warning is logged) and
    answers go on; when Redis is back, limits apply again."""
    redis = engines[0]
    a, b = replicas
    me = client("redis-fault")
    redis.stop()
    try:
        codes = [httpx.get((a, b)[n % 2].url + "/api/search", params={"q": "core"}, headers=me, timeout=60).status_code
                 for n in range(3 * LIMIT)]
        assert codes == [200] * (3 * LIMIT)  # over the limit, let through: fail open
    finally:
        redis.restart()
    for live in (a, b):
        assert "letting requests through (fail open)" in live.log()
    time.sleep(5.5)  # the replicas try the store again after 5 s
    codes = [httpx.get((a, b)[n % 2].url + "/api/search", params={"q": "core"}, headers=client("after"),
                       timeout=60).status_code for n in range(LIMIT + 2)]
    assert codes == [200] * LIMIT + [429, 429]


def test_postgres_restarted_mid_run_loses_no_acknowledged_feedback(replicas, engines):
    """Feedback and questions keep flowing to both replicas while PostgreSQL restarts. Calls wait
    out the restart: no 5xx at all is expected; whatever was acknowledged is stored once."""
    _, postgres, database = engines
    a, b = replicas
    stop = threading.Event()
    acknowledged: list[str] = []
    statuses: list[int] = []

    def load(worker: int) -> None:
        n = 0
        with httpx.Client(timeout=60) as http:
            while not stop.is_set():
                live = (a, b)[(worker + n) % 2]
                key = f"restart-{worker}-{n}-{uuid.uuid4().hex[:8]}"
                r = http.post(live.url + "/api/feedback", json=feedback_body(n),
                              headers={"Idempotency-Key": key, **client(f"r{worker}-{n}")})
                statuses.append(r.status_code)
                if r.status_code in (200, 201):
                    acknowledged.append(key)
                q = http.post(live.url + "/api/ask", json={"question": QUESTIONS[n % 40]["text"]},
                              headers=client(f"q{worker}-{n}"))
                statuses.append(q.status_code)
                n += 1

    threads = [threading.Thread(target=load, args=(w,)) for w in range(4)]
    for t in threads:
        t.start()
    time.sleep(2)
    postgres.restart(down_for=1.5)
    time.sleep(4)
    stop.set()
    for t in threads:
        t.join()
    served = len(statuses)
    assert served > 40 and [s for s in statuses if s >= 500] == []
    keys = stored(database, acknowledged)
    assert sorted(keys) == sorted(acknowledged) and len(set(keys)) == len(keys)


@pytest.mark.parametrize("setting", ["ASSISTANT_RATE_LIMIT_STORAGE", "ASSISTANT_DATABASE_URL", "ASSISTANT_PGVECTOR_URL"])
def test_unreachable_store_at_start_is_one_line_and_exit_1(setting, tmp_path):
    port = free_port()
    url = f"redis://:s3cret@127.0.0.1:{port}" if setting.endswith("STORAGE") else \
        f"postgresql://app:s3cret@127.0.0.1:{port}/assistant"
    env = {"PATH": os.environ["PATH"], "HOME": str(tmp_path), "ASSISTANT_DATA_DIR": str(tmp_path), setting: url,
           "ASSISTANT_INDEX_DIR": str(tmp_path / "index")}
    if setting == "ASSISTANT_PGVECTOR_URL":
        env["ASSISTANT_VECTOR_STORE"] = "pgvector"
    run = subprocess.run([sys.executable, "app.py", "--port", str(free_port())], cwd=ROOT, capture_output=True,
                         text=True, timeout=300, env=env)
    assert run.returncode == 1 and "Traceback" not in run.stderr and "s3cret" not in run.stderr, run.stderr
    errors = [line for line in run.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and setting in errors[0] and ":***@127.0.0.1" in errors[0], run.stderr
