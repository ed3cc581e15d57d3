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
