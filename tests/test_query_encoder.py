"""The ONNX query encoder must rank exactly like the torch reference on the eval set."""

from __future__ import annotations

import builtins
import json
import subprocess
import sys

import numpy as np
import pytest

from assistant import Assistant
from assistant.query_encoder import (
    BatchingEncoder,
    OnnxQueryEncoder,
    open_query_encoder,
)

from .conftest import CORPUS, ROOT, FakeEmbedder

QUERIES = [json.loads(line) for line in (ROOT / "eval" / "queries.jsonl").read_text("utf-8").splitlines() if line]


@pytest.fixture(scope="module")
def torch_bot(bot, real_embedder):
    """The same index and corpus, with queries encoded by sentence-transformers (torch)."""
    return Assistant(bot.settings, bot.corpus, bot.index, real_embedder, bot.detector)


@pytest.mark.slow
def test_bot_uses_the_verified_onnx_encoder_and_records_it(bot):
    assert isinstance(bot.query_embedder, BatchingEncoder) and isinstance(bot.query_embedder.inner, OnnxQueryEncoder)
    record = bot.index.manifest.query_encoder
    assert record["kind"] == "onnx" and record["min_cosine"] >= 0.999
    assert record["model"] == bot.embedder.identity


@pytest.mark.slow
def test_onnx_and_torch_query_vectors_agree(bot, real_embedder):
    texts = [q["text"] for q in QUERIES]
    cosines = (bot.query_embedder.encode(texts) * real_embedder.encode(texts)).sum(axis=1)
    assert cosines.min() >= 0.999


@pytest.mark.slow
def test_same_top3_sections_and_answers_on_every_eval_query(bot, torch_bot):
    for query in QUERIES:
        fast = [r.chunk.section_id for r in bot.retriever.retrieve(query["text"], 3)]
        reference = [r.chunk.section_id for r in torch_bot.retriever.retrieve(query["text"], 3)]
        assert fast == reference, query["_id"]
        history = query.get("history")
        assert bot.ask(query["text"], history).to_dict() == torch_bot.ask(query["text"], history).to_dict(), query["_id"]


@pytest.mark.slow
def test_missing_onnxruntime_falls_back_to_torch_and_says_how_to_enable(tmp_path, real_embedder, monkeypatch):
    real_import = builtins.__import__

    def fake_import(name, *args, **kwargs):
        if name == "onnxruntime":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake_import)
    logs: list[str] = []
    encoder, record = open_query_encoder(tmp_path, real_embedder, "onnx", log=logs.append)
    assert encoder is real_embedder and record["kind"] == "torch"
    assert "pip install onnxruntime" in logs[0]


@pytest.mark.slow
def test_torch_setting_skips_onnx(tmp_path, real_embedder):
    encoder, _ = open_query_encoder(tmp_path, real_embedder, "torch")
    assert encoder is real_embedder and not (tmp_path / "encoders").exists()


@pytest.mark.slow
def test_cli_answers_without_importing_torch_when_the_index_is_current(bot):
    code = (
        "import sys, io, contextlib\n"
        "from assistant.cli import main\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out):\n"
        f"    rc = main(['ask', 'knee to chest stretch', '--json', '--corpus', {str(CORPUS)!r}, "
        f"'--index', {str(bot.settings.index_dir)!r}])\n"
        "print(rc, 'torch' in sys.modules, 'sentence_transformers' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT,
                            check=False)
    assert result.stdout.split() == ["0", "False", "False"], result.stderr


class SlowFake(FakeEmbedder):
    """Takes a while per call, so concurrent callers pile up behind it."""

    def __init__(self, fail: bool = False) -> None:
        super().__init__()
        self.batches: list[int] = []
        self.fail = fail

    def encode(self, texts):
        import time

        self.batches.append(len(texts))
        time.sleep(0.02)
        if self.fail:
            raise RuntimeError("encoder broke")
        return super().encode(texts)


def test_concurrent_queries_are_batched_and_each_gets_its_own_vector():
    from concurrent.futures import ThreadPoolExecutor

    inner = SlowFake()
    batching = BatchingEncoder(inner)
    texts = [f"question number {i} about hamstrings" for i in range(24)]
    with ThreadPoolExecutor(12) as pool:
        vectors = list(pool.map(lambda t: batching.encode([t]), texts))
    expected = FakeEmbedder().encode(texts)
    for got, want in zip(vectors, expected):
        assert got.shape == (1, 64) and np.allclose(got[0], want)
    assert sum(inner.batches) == 24 and len(inner.batches) < 24 and max(inner.batches) > 1
    assert np.allclose(batching.encode(["alone"])[0], FakeEmbedder().encode(["alone"])[0])


def test_an_encoder_error_reaches_every_waiting_caller():
    from concurrent.futures import ThreadPoolExecutor

    batching = BatchingEncoder(SlowFake(fail=True))
    with ThreadPoolExecutor(4) as pool:
        futures = [pool.submit(batching.encode, [f"q{i}"]) for i in range(8)]
    for future in futures:
        with pytest.raises(RuntimeError, match="encoder broke"):
            future.result()
