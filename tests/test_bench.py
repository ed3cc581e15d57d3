"""Smoke runs of the benchmark suite at tiny sizes: it runs and reports; no timing is asserted."""

from __future__ import annotations

import json

import numpy as np
import pytest

from .conftest import ROOT


@pytest.mark.slow
def test_bench_quick_run_writes_json_and_prints_the_table(tmp_path, capsys, real_embedder):
    import sys

    sys.path.insert(0, str(ROOT))
    from bench.run import main

    out = tmp_path / "bench.json"
    assert main(["--quick", "--questions", "4", "--no-cold-start", "--no-throughput", "--no-baseline",
                 "--index", str(tmp_path / "index"), "--out", str(out)]) == 0
    data = json.loads(out.read_text())
    assert data["setup"]["questions"] == 4 and data["setup"]["query_encoder"] == "OnnxQueryEncoder"
    for op in ("ask", "search"):
        assert set(data[op]["cold_cache"]) >= {"p50", "p95", "p99"}
        assert set(data[op]["cold_cache_stages_p50_ms"]) == {"input checks", "query embedding", "dense search",
                                                             "BM25", "fusion", "answer assembly"}
    printed = capsys.readouterr().out
    assert "`ask` p50 ms, cold cache" in printed and "query embedding" in printed


def test_scale_level_measures_recall_against_exact_search():
    import sys

    sys.path.insert(0, str(ROOT))
    from bench.scale import Synthesizer, corpus_vectors, measure_level

    rng = np.random.default_rng(1)
    real = rng.standard_normal((600, 16)).astype(np.float32)
    real /= np.linalg.norm(real, axis=1, keepdims=True)
    synth = Synthesizer(real, components=8)
    vectors = corpus_vectors(real, 6_000, synth)
    assert vectors.shape == (6_000, 16) and np.allclose(np.linalg.norm(vectors, axis=1), 1, atol=1e-5)
    level = measure_level(vectors, synth.make(20), hnsw=False)
    exact, *ivf = level["indexes"]
    assert exact["recall_at_10"] == 1.0 and ivf and all(0 <= i["recall_at_10"] <= 1 for i in ivf)
