import json
import signal
import subprocess
import sys
import textwrap

import numpy as np
import pytest

from assistant.corpus import load_corpus
from assistant.index import CURRENT, load, expected_identity, open_index
from assistant.thesaurus import wordnet_installed

from .conftest import ROOT, FakeEmbedder, write_corpus

ARTICLE = "# Shoes\n\n## Arches\n\nIf you have a low arch choose motion control. High arches suit cushioning.\n"


def _build(tmp_path, embedder, files=None, **kw):
    corpus_dir = write_corpus(tmp_path / "corpus", files or {"shoes.md": ARTICLE})
    logs: list[str] = []
    index = open_index(tmp_path / "index", load_corpus(corpus_dir), embedder, log=logs.append, **kw)
    return index, logs, corpus_dir


def test_manifest_describes_the_build(tmp_path, fake_embedder):
    index, logs, _ = _build(tmp_path, fake_embedder)
    manifest = json.loads((index.path / "manifest.json").read_text())
    assert manifest["model"] == fake_embedder.identity
    assert manifest["dimension"] == 64 and manifest["count"] == len(index.chunks) == 1
    assert manifest["chunker_version"] and manifest["corpus_hash"] and manifest["documents"] == 1
    assert {"faiss-cpu", "sentence-transformers", "bm25s"} <= set(manifest["versions"])
    assert set(manifest["files"]) >= {"dense.faiss", "chunks.json", "passages.npy"}
    assert "no index has been built yet" in logs[0]
    assert (tmp_path / "index" / CURRENT).read_text().strip() == index.path.name


def test_current_index_is_loaded_not_rebuilt(tmp_path, fake_embedder):
    first, _, corpus_dir = _build(tmp_path, fake_embedder)
    calls = fake_embedder.calls
    logs: list[str] = []
    again = open_index(tmp_path / "index", load_corpus(corpus_dir), fake_embedder, log=logs.append)
    assert again.path == first.path and logs == [] and fake_embedder.calls == calls


def test_changed_corpus_makes_the_index_stale(tmp_path, fake_embedder):
    first, _, corpus_dir = _build(tmp_path, fake_embedder)
    (corpus_dir / "more.md").write_text("# Stride\n\nLand softly.\n", "utf-8")
    logs: list[str] = []
    fresh = open_index(tmp_path / "index", load_corpus(corpus_dir), fake_embedder, log=logs.append)
    assert "corpus has changed" in logs[0]
    assert fresh.path != first.path and not first.path.exists()
    assert {c.document for c in fresh.chunks} == {"shoes", "more"}


def test_other_model_makes_the_index_stale(tmp_path, fake_embedder):
    _, _, corpus_dir = _build(tmp_path, fake_embedder)

    class Other(FakeEmbedder):
        identity = {"name": "other", "weights_sha256": "1" * 64}

    logs: list[str] = []
    open_index(tmp_path / "index", load_corpus(corpus_dir), Other(), log=logs.append)
    assert "another embedding model" in logs[0]


@pytest.mark.skipif(not wordnet_installed(), reason="WordNet is not installed (apt-get install wordnet-base)")
def test_index_built_without_wordnet_is_rebuilt_once_it_is_installed(tmp_path, fake_embedder, monkeypatch):
    # Someone starts the chat before installing WordNet: that build has no thesaurus, and must not
    # go on serving answers without one after WordNet arrives.
    with monkeypatch.context() as m:
        m.setattr("assistant.index.corpus_table", lambda words, relation="kinds": ({}, {"source": "none", "words": 0}))
        first, _, corpus_dir = _build(tmp_path, fake_embedder)
    assert first.thesaurus == {} and json.loads((first.path / "manifest.json").read_text())["thesaurus"]["source"] == "none"
    logs: list[str] = []
    fresh = open_index(tmp_path / "index", load_corpus(corpus_dir), fake_embedder, log=logs.append)
    assert "built without WordNet" in logs[0]
    assert fresh.path != first.path and fresh.thesaurus  # "sneaker" and the like now lead to "shoes"
    again: list[str] = []
    assert open_index(tmp_path / "index", load_corpus(corpus_dir), fake_embedder, log=again.append).path == fresh.path
    assert again == []


@pytest.mark.parametrize("victim", ["dense.faiss", "chunks.json", "passages.npy", "manifest.json"])
def test_damaged_files_are_detected_and_rebuilt(tmp_path, fake_embedder, victim):
    first, _, corpus_dir = _build(tmp_path, fake_embedder)
    path = first.path / victim
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data[: max(1, len(data) - 3)]))
    logs: list[str] = []
    fresh = open_index(tmp_path / "index", load_corpus(corpus_dir), fake_embedder, log=logs.append)
    assert "rebuilding" in logs[0]
    assert fresh.path != first.path and len(fresh.chunks) == 1


def test_unwritable_index_path_serves_from_memory(tmp_path, fake_embedder):
    corpus_dir = write_corpus(tmp_path / "corpus", {"shoes.md": ARTICLE})
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    logs: list[str] = []
    index = open_index(blocker / "index", load_corpus(corpus_dir), fake_embedder, log=logs.append)
    assert index.path is None and len(index.chunks) == 1
    assert "serving a fresh index from memory" in logs[-1]


KILLED_BUILD = textwrap.dedent("""
    import sys, time
    import numpy as np
    sys.path.insert(0, {root!r})
    from tests.conftest import FakeEmbedder
    from assistant import index as ix
    from assistant.corpus import load_corpus
    from pathlib import Path
    real_save = np.save
    def slow_save(*args, **kwargs):
        real_save(*args, **kwargs)
        print("WRITING", flush=True)
        time.sleep(60)
    ix.np.save = slow_save
    ix.open_index(Path({index!r}), load_corpus(Path({corpus!r})), FakeEmbedder(), rebuild=True,
                  log=lambda m: None)
""")


def test_build_killed_midway_leaves_previous_index_intact(tmp_path, fake_embedder):
    first, _, corpus_dir = _build(tmp_path, fake_embedder)
    (corpus_dir / "more.md").write_text("# Stride\n\nLand softly.\n", "utf-8")
    script = KILLED_BUILD.format(root=str(ROOT), index=str(tmp_path / "index"), corpus=str(corpus_dir))
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "WRITING"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert (tmp_path / "index" / CURRENT).read_text().strip() == first.path.name
    old_corpus = load_corpus(write_corpus(tmp_path / "corpus_old", {"shoes.md": ARTICLE}))
    survivor = load(tmp_path / "index", expected_identity(old_corpus, fake_embedder, 600))
    assert survivor.path == first.path
    # The next open notices the corpus change, rebuilds, and sweeps away the dead build's folder.
    fresh = open_index(tmp_path / "index", load_corpus(corpus_dir), fake_embedder, log=lambda m: None)
    assert [p.name for p in (tmp_path / "index").iterdir() if p.name.startswith(".tmp-")] == []
    assert fresh.path.exists() and len(fresh.chunks) == 2


def test_real_model_index_vectors_are_normalised(bot):
    vectors = np.vstack([bot.index.dense.reconstruct(i) for i in range(bot.index.dense.ntotal)])
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    assert bot.index.manifest.model["name"] == "all-MiniLM-L6-v2"
    assert bot.index.manifest.dimension == 384
