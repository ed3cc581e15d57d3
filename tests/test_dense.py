"""Dense index type by corpus size, recorded in the manifest and restored on load."""

from __future__ import annotations

import numpy as np

from assistant import dense
from assistant.corpus import load_corpus
from assistant.index import open_index
from assistant.retrieval import Retriever

from .conftest import write_corpus


def test_small_corpora_get_exact_search_large_ones_ivf():
    assert dense.choose(10).kind == "IndexFlatIP"
    assert dense.choose(dense.FLAT_MAX).kind == "IndexFlatIP"
    spec = dense.choose(1_000_000)
    assert spec.kind == "IndexIVFFlat" and 1_000 <= spec.nlist <= 10_000 and 1 <= spec.nprobe <= spec.nlist
    assert dense.choose(10, "ivf").nlist >= 1


def test_ivf_finds_what_exact_search_finds_on_clustered_vectors():
    rng = np.random.default_rng(0)
    centres = rng.standard_normal((50, 32)).astype(np.float32)
    vectors = centres[rng.integers(50, size=6_000)] + 0.3 * rng.standard_normal((6_000, 32)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    exact = dense.build(vectors, dense.choose(len(vectors), "flat"))
    ivf = dense.build(vectors, dense.choose(len(vectors), "ivf"))
    queries = vectors[:50] + 0.05
    _, truth = dense.search(exact, queries, 10)
    _, found = dense.search(ivf, queries, 10)
    recall = np.mean([len(set(f) & set(t)) / 10 for f, t in zip(found, truth)])
    assert recall >= 0.9
    assert np.allclose(ivf.reconstruct(7), vectors[7], atol=1e-6)  # cosines of hits need reconstruct


def test_ivf_build_is_recorded_and_served_after_reload(tmp_path, fake_embedder):
    text = "# Tips\n\n" + "\n\n".join(f"## Tip {i}\n\nRun easy on day {i} and stretch your hamstrings {i} times."
                                      for i in range(60))
    corpus = load_corpus(write_corpus(tmp_path / "corpus", {"tips.md": text}))
    built = open_index(tmp_path / "index", corpus, fake_embedder, log=lambda _: None, dense_kind="ivf")
    assert built.manifest.index_type == "IndexIVFFlat" and built.manifest.dense["nlist"] >= 1
    again = open_index(tmp_path / "index", corpus, fake_embedder, log=lambda _: None)
    assert again.path == built.path and again.manifest.dense == built.manifest.dense
    hits = Retriever(again, fake_embedder).retrieve("stretch hamstrings on day 7", 3)
    assert hits and all(-1.0 <= h.cosine <= 1.0001 for h in hits)
