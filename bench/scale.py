"""Scale benchmark: index build, memory, search latency and recall@10 at 10k … 1M chunks.

What is real and what is synthetic (also written into the results as ``notes``):

- The smallest level (``real_chunks``, default 10k) is the real pipeline end to end: a synthetic
  Markdown corpus (bench/synth.py) parsed, chunked, embedded with the real all-MiniLM-L6-v2 on
  the CPU (torch), BM25-indexed. Its embedding rate is the real one on this machine.
- Larger levels reuse those real chunk vectors and add **synthetic vectors**: each is a real
  chunk vector plus Gaussian noise drawn with the real vectors' own covariance (their top
  principal components), renormalised. That keeps the anisotropy and cluster structure of real
  sentence embeddings (uniform random vectors would make ANN look unrealistically bad) without
  embedding a million texts, which would take hours on two cores.
- Queries: the eval questions embedded by the real model, plus held-out synthetic queries made
  the same way; exact ``IndexFlatIP`` search gives the ground truth for recall@10.
- Latency is single-query, one FAISS thread (how one request is served), over all queries.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import faiss
import numpy as np

from assistant import dense as dense_index

from .stats import summarize
from .synth import estimate_articles, write_corpus

ROOT = Path(__file__).resolve().parent.parent
NPROBES = (4, 8, 16, 32, 64)
NOISE = 0.6  # scale of the covariance-shaped noise added to a parent vector
SYNTHETIC_QUERIES = 400


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def real_pipeline(chunks: int, seed: int = 0, passage_sample: int = 2_000) -> tuple[np.ndarray, dict[str, Any]]:
    """Parse, chunk and embed (real model, torch) a synthetic corpus of about ``chunks`` chunks.

    Every chunk is embedded; of the passages (sentences, ~4 per chunk, embedded too by a real
    build) a sample is embedded to measure their rate, and the full build time is estimated
    from the two rates: on a shared 2-core machine embedding every passage of 10k chunks takes
    longer than the rest of the benchmark together.
    """
    import bm25s

    from assistant.chunking import chunk_corpus
    from assistant.corpus import load_corpus
    from assistant.embedding import SentenceTransformerEmbedder
    from assistant.index import _encode
    from assistant.lexical import tokenize

    with tempfile.TemporaryDirectory(prefix="bench-corpus-") as tmp:
        started = time.perf_counter()
        write_corpus(Path(tmp), estimate_articles(chunks), seed)
        corpus = load_corpus(Path(tmp))
        parsed = time.perf_counter()
        pieces = chunk_corpus(corpus)
        chunked = time.perf_counter()
    embedder = SentenceTransformerEmbedder()
    texts = [c.embed_text for c in pieces]
    passages = [p.text for c in pieces for p in c.passages]
    before = rss_mb()
    t0 = time.perf_counter()
    vectors = _encode(embedder, texts, progress=True)
    t1 = time.perf_counter()
    rng = np.random.default_rng(seed)
    sample = [passages[i] for i in rng.choice(len(passages), min(passage_sample, len(passages)), replace=False)]
    _encode(embedder, sample, progress=True)
    t2 = time.perf_counter()
    bm25 = bm25s.BM25()
    bm25.index(tokenize(texts), show_progress=False)
    t3 = time.perf_counter()
    chunk_rate, passage_rate = len(texts) / (t1 - t0), len(sample) / (t2 - t1)
    info = {
        "chunks": len(pieces), "passages": len(passages), "documents": len(corpus.documents),
        "write_and_parse_s": round(parsed - started, 1), "chunk_s": round(chunked - parsed, 1),
        "embed_chunks_s": round(t1 - t0, 1), "chunk_embedding_rate_per_s": round(chunk_rate, 1),
        "passage_embedding_rate_per_s": round(passage_rate, 1), "passages_sampled": len(sample),
        "bm25_index_s": round(t3 - t2, 1),
        "estimated_full_build_s": round((chunked - parsed) + len(texts) / chunk_rate
                                        + len(passages) / passage_rate + (t3 - t2), 0),
        "rss_growth_mb": round(rss_mb() - before, 0),
    }
    return vectors.astype(np.float32), info


class Synthesizer:
    """Vectors like the real ones: a real parent plus noise with the real covariance, renormalised."""

    def __init__(self, real: np.ndarray, seed: int = 0, components: int = 64) -> None:
        self.real = real
        self.rng = np.random.default_rng(seed)
        centered = real - real.mean(axis=0)
        _, s, vt = np.linalg.svd(centered[: min(len(real), 20_000)], full_matrices=False)
        k = min(components, len(s))
        self.basis = vt[:k].astype(np.float32)
        self.scales = (s[:k] / np.sqrt(min(len(real), 20_000))).astype(np.float32)

    def make(self, n: int) -> np.ndarray:
        parents = self.real[self.rng.integers(len(self.real), size=n)]
        noise = (self.rng.standard_normal((n, len(self.scales)), dtype=np.float32) * self.scales) @ self.basis
        out = parents + NOISE * noise
        out /= np.linalg.norm(out, axis=1, keepdims=True)
        return out.astype(np.float32)


def corpus_vectors(real: np.ndarray, size: int, synth: Synthesizer) -> np.ndarray:
    if size <= len(real):
        return real[:size]
    out = np.empty((size, real.shape[1]), dtype=np.float32)
    out[: len(real)] = real
    for start in range(len(real), size, 100_000):
        end = min(size, start + 100_000)
        out[start:end] = synth.make(end - start)
    return out


def query_vectors(synth: Synthesizer) -> np.ndarray:
    from assistant.embedding import SentenceTransformerEmbedder

    rows = [json.loads(line) for line in (ROOT / "eval" / "queries.jsonl").read_text("utf-8").splitlines() if line]
    real = SentenceTransformerEmbedder().encode([r["text"] for r in rows])
    return np.vstack([real, synth.make(SYNTHETIC_QUERIES)]).astype(np.float32)


def timed_search(index: Any, queries: np.ndarray, k: int = 10) -> tuple[np.ndarray, dict[str, float]]:
    ids = np.empty((len(queries), k), dtype=np.int64)
    times = []
    for i, q in enumerate(queries):
        start = time.perf_counter()
        _, found = index.search(q.reshape(1, -1), k)
        times.append(time.perf_counter() - start)
        ids[i] = found[0]
    s = summarize(times)
    return ids, {"search_p50_ms": round(s.p50, 4), "search_p99_ms": round(s.p99, 4)}


def recall_at_10(found: np.ndarray, truth: np.ndarray) -> float:
    return float(np.mean([len(set(f) & set(t)) / len(t) for f, t in zip(found, truth)]))


def index_mb(index: Any) -> float:
    return round(len(faiss.serialize_index(index)) / 2**20, 1)


def measure_level(vectors: np.ndarray, queries: np.ndarray, hnsw: bool) -> dict[str, Any]:
    faiss.omp_set_num_threads(1)
    level: dict[str, Any] = {"chunks": len(vectors), "indexes": []}
    start = time.perf_counter()
    flat = dense_index.build(vectors, dense_index.DenseSpec("IndexFlatIP"), progress=True)
    flat_build = time.perf_counter() - start
    faiss.omp_set_num_threads(os.cpu_count() or 1)
    _, truth = flat.search(queries, 10)  # ground truth, batched
    faiss.omp_set_num_threads(1)
    found, lat = timed_search(flat, queries)
    level["indexes"].append({"spec": "IndexFlatIP (exact)", "build_s": round(flat_build, 2), "memory_mb": index_mb(flat),
                             **lat, "recall_at_10": round(recall_at_10(found, truth), 4)})
    del flat
    if len(vectors) >= 5_000:
        spec = dense_index.choose(len(vectors), "ivf")
        faiss.omp_set_num_threads(os.cpu_count() or 1)  # training and adding may use every core
        before = rss_mb()
        start = time.perf_counter()
        ivf = dense_index.build(vectors, spec, progress=True)
        build_s = time.perf_counter() - start
        growth = rss_mb() - before
        faiss.omp_set_num_threads(1)
        for nprobe in NPROBES:
            ivf.nprobe = nprobe
            found, lat = timed_search(ivf, queries)
            level["indexes"].append({"spec": f"IndexIVFFlat nlist={spec.nlist} nprobe={nprobe}",
                                     "build_s": round(build_s, 2), "memory_mb": index_mb(ivf),
                                     "rss_growth_mb": round(growth, 0), **lat,
                                     "recall_at_10": round(recall_at_10(found, truth), 4)})
        del ivf
    if hnsw:
        faiss.omp_set_num_threads(os.cpu_count() or 1)
        index = faiss.IndexHNSWFlat(vectors.shape[1], 32, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = 80
        start = time.perf_counter()
        for s in range(0, len(vectors), 50_000):
            index.add(vectors[s:s + 50_000])
        build_s = time.perf_counter() - start
        faiss.omp_set_num_threads(1)
        for ef in (32, 64, 128):
            index.hnsw.efSearch = ef
            found, lat = timed_search(index, queries)
            level["indexes"].append({"spec": f"IndexHNSWFlat M=32 efSearch={ef}", "build_s": round(build_s, 2),
                                     "memory_mb": index_mb(index), **lat,
                                     "recall_at_10": round(recall_at_10(found, truth), 4)})
        del index
    level["peak_rss_mb_so_far"] = round(peak_rss_mb(), 0)
    return level


def run(sizes: Sequence[int], real_chunks: int = 10_000, hnsw_max: int = 100_000, seed: int = 0) -> dict[str, Any]:
    """Every level of ``sizes``; the real pipeline runs once, at ``min(real_chunks, max(sizes))`` chunks."""
    target = min(real_chunks, max(sizes))
    print(f"[scale] real pipeline: synthetic corpus of ~{target:,} chunks, real model", file=sys.stderr)
    real, real_info = real_pipeline(target, seed)
    synth = Synthesizer(real, seed)
    queries = query_vectors(synth)
    results: dict[str, Any] = {"real_pipeline": real_info, "levels": [], "notes": [
        (f"{real_info['chunks']:,} chunks: real corpus pipeline (parse, chunk, BM25) and real model vectors "
        f"(torch, this machine: {real_info['chunk_embedding_rate_per_s']} chunks/s, "
        f"{real_info['passage_embedding_rate_per_s']} passages/s on a sample of {real_info['passages_sampled']:,}; "
        f"estimated full build with every passage {real_info['estimated_full_build_s']:.0f} s)."),
        (f"Above {len(real):,} chunks: the real vectors plus synthetic ones (real parent + noise with the "
        f"real covariance, scale {NOISE}); not text embedded by the model."),
        (f"Queries: {len(queries) - SYNTHETIC_QUERIES} eval questions (real model) + {SYNTHETIC_QUERIES} synthetic; "
        "recall@10 against exact IndexFlatIP; latency single query, 1 FAISS thread."),
    ]}
    for size in sorted(sizes):
        print(f"[scale] {size:,} chunks", file=sys.stderr)
        vectors = corpus_vectors(real, size, synth)
        results["levels"].append(measure_level(vectors, queries, hnsw=size <= hnsw_max))
        del vectors
    results["peak_rss_mb"] = round(peak_rss_mb(), 0)
    return results
