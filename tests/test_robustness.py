"""Robustness: a fuzz of the JSON API from its OpenAPI schema, faults in the index, the model and
the feedback store, two servers sharing one index, odd input everywhere, and a short load test."""

from __future__ import annotations

import json
import subprocess
import sys

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode

from .conftest import ROOT, LiveServer


ADMIN_TOKEN = "fuzz-admin-token-0123456789"


@pytest.fixture(scope="module")
def open_server(tmp_path_factory):
    """A server without rate limits, so fuzzing and load reach the handlers; with an admin token,
    so the admin summary is fuzzed too and every fuzzed question goes through the question log."""
    live = LiveServer(tmp_path_factory.mktemp("open"), {"ASSISTANT_RATE_LIMIT": "off",
                                                        "ASSISTANT_ADMIN_TOKEN": ADMIN_TOKEN}).wait()
    yield live
    live.stop()


def test_fuzzed_requests_never_get_a_server_error(open_server):
    """Every operation, with valid and invalid inputs generated from the OpenAPI schema."""
    schema = schemathesis.openapi.from_url(open_server.url + "/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {op.path for op in operations} >= {"/api/ask", "/api/search", "/api/health", "/api/feedback",
                                              "/api/admin/summary"}
    failures: list[str] = []
    for operation in operations:
        # The admin summary with the token, so that generated periods reach its handler.
        headers = {"Authorization": f"Bearer {ADMIN_TOKEN}"} if operation.path.startswith("/api/admin") else None
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck),
                      phases=[Phase.explicit, Phase.generate], database=None)
            def call(case):
                try:
                    response = case.call(timeout=60, headers=headers)
                except Exception as exc:  # a broken connection is a failure too
                    failures.append(f"{case.method} {case.formatted_path} {case.body!r:.200} "
                                    f"{case.query!r:.200} -> {type(exc).__name__}: {exc}")
                    return
                if response.status_code >= 500 or not response.headers.get("content-type", [""])[0].startswith(
                        "application/json"):
                    failures.append(f"{case.method} {case.formatted_path} {case.body!r:.200} -> "
                                    f"{response.status_code}: {response.text[:200]}")

            try:
                call()
            except Unsatisfiable:  # nothing to make invalid (no parameters, no body)
                assert mode is GenerationMode.NEGATIVE and not operation.body and not operation.query
    assert failures == []


# ----------------------------------------------------------------------------- odd input


ODD = [
    "🏃‍♀️ 腰痛 running shoes?? 🏃", "ألم أسفل الظهر أثناء الجري", "боль в пояснице при беге",
    "\u202eseohs gninnur\u202c which shoes?", "shoes\x00\x07\x1b[31m for flat feet", "<b>shoes</b> **for** `flat` # feet",
    "| a | b |\n|---|---|\n| shoes | feet |", "```\nunclosed fence shoes", "\ud800".encode("utf-8", "surrogatepass").decode("utf-8", "replace"),
    "stretch " * 240, "?" * 50, ".",
]


@pytest.mark.parametrize("question", ODD)
def test_odd_questions_get_a_defined_answer_over_http(open_server, question):
    response = httpx.post(open_server.url + "/api/ask", json={"question": question}, timeout=60)
    assert response.status_code in (200, 400), response.text
    answer = response.json()
    assert answer["status"] in ("answered", "out_of_scope", "urgent", "invalid_input")
    assert "\x00" not in answer["answer"] and "\u202e" not in answer["question"]


def test_odd_questions_from_the_cli(tmp_path):
    env = {**__import__("os").environ, "ASSISTANT_INDEX_DIR": str(tmp_path / "index")}
    for question in (b"shoes \xff\xfe for flat feet", "\u202e\x1b[2J".encode(), b"   ", b"\xff\xfe\x01"):
        run = subprocess.run([sys.executable, "-m", "assistant", "ask", question, "--json"], cwd=ROOT,
                             capture_output=True, timeout=300, env=env)
        assert run.returncode in (0, 2) and b"Traceback" not in run.stderr, run.stderr
        if run.returncode == 0:
            assert json.loads(run.stdout)["status"] in ("answered", "out_of_scope")


def test_errors_never_show_machine_paths_or_tracebacks(open_server):
    bodies = [
        httpx.post(open_server.url + "/api/ask", content=b"\xff{", timeout=30).text,
        httpx.get(open_server.url + "/api/search", params={"q": "x" * 5000}, timeout=30).text,
        httpx.get(open_server.url + "/article/%2e%2e%2f%2e%2e%2fetc%2fpasswd", timeout=30).text,
        httpx.get(open_server.url + "/api/nope", timeout=30).text,
        httpx.post(open_server.url + "/api/feedback", json={"rating": "up"}, timeout=30).text,
    ]
    for body in bodies:
        assert str(ROOT) not in body and "/tmp/" not in body and "Traceback" not in body and "root:" not in body


# ----------------------------------------------------------------------------- faults


def test_unwritable_data_folder_is_one_clear_line_at_start(tmp_path):
    """The record store is opened before the model loads: a data folder that cannot hold the
    database stops the server at once with one line naming the setting."""
    from .conftest import free_port

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    env = {**__import__("os").environ, "ASSISTANT_DATA_DIR": str(blocker / "data")}
    run = subprocess.run([sys.executable, "app.py", "--port", str(free_port())], cwd=ROOT, capture_output=True,
                         text=True, timeout=120, env=env)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert [line for line in run.stderr.splitlines() if line.startswith("error:")] == [
        "error: Cannot open the database assistant.db in data/ (Not a directory): make the data folder "
        "(ASSISTANT_DATA_DIR) writable, or set ASSISTANT_DATABASE_URL."]


def test_two_servers_on_one_new_index_folder_do_not_corrupt_it(tmp_path):
    from assistant.index import CURRENT

    shared = tmp_path / "shared-index"
    servers = [LiveServer(tmp_path / f"s{n}", {"ASSISTANT_INDEX_DIR": str(shared)}) for n in (1, 2)]
    try:
        for live in servers:
            live.wait()
        answers = [httpx.post(s.url + "/api/ask", json={"question": "How long should I hold the knee to chest "
                                                                      "stretch?"}, timeout=60).json() for s in servers]
        assert answers[0] == answers[1] and "20 seconds" in answers[0]["answer"]
    finally:
        for live in servers:
            live.stop()
    builds = [p for p in shared.iterdir() if p.name.startswith("build-")]
    assert (shared / CURRENT).read_text().strip() in {p.name for p in builds}
    assert not [p for p in shared.iterdir() if p.name.startswith(".tmp-")]
    # Reopening finds the shared build current: nothing is rebuilt.
    from assistant import Assistant

    logs: list[str] = []
    bot = Assistant.load(index_dir=shared, log=logs.append, progress=False)
    assert logs == [] and bot.ask("Which shoes for flat feet?").status == "answered"


# ----------------------------------------------------------------------------- load


def test_short_load_test_passes(tmp_path):
    """With the question log on: under load every question answered is logged, once."""
    out = tmp_path / "load.json"
    run = subprocess.run([sys.executable, "scripts/loadtest.py", "--duration", "8", "--clients", "8", "--json",
                          str(out), "--question-log"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout + run.stderr
    result = json.loads(out.read_text())
    assert result["server_errors"] == 0 and result["errors"] == []
    assert result["questions_logged"] == result["questions_asked"] > 0
    assert result["feedback_sent"] == result["feedback_stored"] > 0
    # How many requests 8 s holds depends on how busy the machine is (13 on a slow day, against
    # 50 and more): only that every client got through is asserted, not a rate (bench/ measures that).
    assert result["requests"] >= 8 and set(result["per_kind"]) >= {"ask", "feedback"}


# ----------------------------------------------------------------------------- index faults

ARTICLE = "# Shoes\n\n## Arches\n\nIf you have a low arch choose motion control. High arches suit cushioning.\n"


def _damage(build, how: str) -> None:
    import os

    if how == "file missing":
        (build / "dense.faiss").unlink()
    elif how == "random bytes":
        target = build / "chunks.json"
        target.write_bytes(os.urandom(target.stat().st_size))
    elif how == "truncated":
        target = build / "passages.npy"
        target.write_bytes(target.read_bytes()[:40])
    elif how == "CURRENT names a missing build":
        (build.parent / "CURRENT").write_text("build-does-not-exist\n")
    elif how == "CURRENT is garbage":
        (build.parent / "CURRENT").write_bytes(b"\x00\xff../../etc")
    elif how == "manifest not JSON":
        (build / "manifest.json").write_text("{not json")


@pytest.mark.parametrize("how", ["file missing", "random bytes", "truncated", "CURRENT names a missing build",
                                 "CURRENT is garbage", "manifest not JSON"])
def test_damaged_index_is_detected_and_rebuilt_with_the_same_results(tmp_path, fake_embedder, how):
    from assistant.corpus import load_corpus
    from assistant.index import open_index

    from .conftest import write_corpus

    corpus = load_corpus(write_corpus(tmp_path / "corpus", {"shoes.md": ARTICLE}))
    first = open_index(tmp_path / "index", corpus, fake_embedder, log=lambda m: None, progress=False)
    _damage(first.path, how)
    logs: list[str] = []
    fresh = open_index(tmp_path / "index", corpus, fake_embedder, log=logs.append, progress=False)
    assert logs and "rebuilding" in logs[0], logs
    assert [c.id for c in fresh.chunks] == [c.id for c in first.chunks]
    assert fresh.dense.ntotal == first.dense.ntotal


def test_other_chunker_version_makes_the_index_stale(tmp_path, fake_embedder, monkeypatch):
    from assistant import index as ix
    from assistant.corpus import load_corpus

    from .conftest import write_corpus

    corpus = load_corpus(write_corpus(tmp_path / "corpus", {"shoes.md": ARTICLE}))
    ix.open_index(tmp_path / "index", corpus, fake_embedder, log=lambda m: None, progress=False)
    monkeypatch.setattr(ix, "CHUNKER_VERSION", "999")
    logs: list[str] = []
    ix.open_index(tmp_path / "index", corpus, fake_embedder, log=logs.append, progress=False)
    assert logs and "chunk" in logs[0].lower(), logs
