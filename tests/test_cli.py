"""The CLI as a user runs it: a real subprocess, the real model, an index in a temp dir."""

import json
import os
import subprocess
import sys

import pytest

from .conftest import CORPUS, ROOT


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    index = tmp_path_factory.mktemp("cli-index")
    return {**os.environ, "ASSISTANT_INDEX_DIR": str(index), "ASSISTANT_CORPUS_DIR": str(CORPUS)}


def run(env, *args, check_rc=None):
    proc = subprocess.run([sys.executable, "-m", "assistant", *args], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=300)
    if check_rc is not None:
        assert proc.returncode == check_rc, proc.stderr
    return proc


def test_index_builds_then_reports(env):
    first = run(env, "index", check_rc=0)
    assert "documents 1" in first.stdout and "chunks" in first.stdout
    again = run(env, "index", "--json", check_rc=0)
    manifest = json.loads(again.stdout)
    assert manifest["model"]["name"] == "all-MiniLM-L6-v2" and manifest["count"] > 0
    assert "rebuilding" not in again.stderr


def test_ask_json_knee_to_chest(env):
    proc = run(env, "ask", "How long should I hold the knee to chest stretch?", "--json", check_rc=0)
    data = json.loads(proc.stdout)
    assert list(data) == ["question", "status", "answer", "citations"]
    assert data["status"] == "answered" and "20 seconds" in data["answer"]
    assert data["citations"][0]["anchor"] == "stretching-without-straining-the-back"
    assert set(data["citations"][0]) == {"n", "document", "section", "anchor", "quote"}
    assert "Traceback" not in proc.stderr


def test_search_json_shape(env):
    data = json.loads(run(env, "search", "flat feet shoes", "-k", "3", "--json", check_rc=0).stdout)
    assert data["query"] == "flat feet shoes" and len(data["hits"]) == 3
    assert set(data["hits"][0]) == {"rank", "score", "chunk_id", "document", "section", "anchor", "text"}


def test_readable_output(env):
    out = run(env, "ask", "What stretches can I do?", check_rc=0).stdout
    assert out.startswith("[answered]") and "Citations:" in out
    assert "1. [" in run(env, "search", "posture", "-k", "1", check_rc=0).stdout


def test_statuses_and_exit_codes(env):
    assert json.loads(run(env, "ask", "how do I bake sourdough bread?", "--json", check_rc=0).stdout)["status"] == "out_of_scope"
    urgent = json.loads(run(env, "ask", "numbness in my groin and I can't control my bladder", "--json", check_rc=0).stdout)
    assert urgent["status"] == "urgent"
    empty = run(env, "ask", "   ", "--json", check_rc=2)
    assert json.loads(empty.stdout)["status"] == "invalid_input"


def test_follow_up_history_from_the_cli(env):
    history = json.dumps([{"role": "user", "content": "which running shoes for flat feet?"}])
    data = json.loads(run(env, "ask", "and for high arches?", "--history", history, "--json", check_rc=0).stdout)
    assert data["citations"][0]["anchor"] == "choosing-running-shoes"


@pytest.mark.parametrize("args,message", [
    (("search", "x", "-k", "0"), "k must be from 1 to 100"),
    (("ask", "hi", "--history", "{not json"), "--history is not valid JSON"),
    (("ask", "hi", "--history", '[{"role": "robot"}]'), "history[0]"),
])
def test_bad_arguments_exit_2_with_one_line(env, args, message):
    proc = run(env, *args, check_rc=2)
    assert message in proc.stderr and "Traceback" not in proc.stderr


def test_argparse_errors_exit_2(env):
    assert run(env, "search").returncode == 2
    assert run(env, "frobnicate").returncode == 2


def test_missing_corpus_is_exit_1_with_the_fix(env, tmp_path):
    proc = run({**env, "ASSISTANT_CORPUS_DIR": str(tmp_path / "nope")}, "ask", "shoes?", check_rc=1)
    assert "does not exist" in proc.stderr and "Traceback" not in proc.stderr


def test_bad_model_dir_is_a_clear_error(env, tmp_path):
    proc = run({**env, "ASSISTANT_MODEL_DIR": str(tmp_path)}, "ask", "shoes?", check_rc=1)
    assert "No model weights" in proc.stderr


def test_console_script_is_installed():
    exe = os.path.join(os.path.dirname(sys.executable), "backpain-assistant")
    proc = subprocess.run([exe, "--help"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and "search" in proc.stdout
