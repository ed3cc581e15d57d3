"""Dense index stage: the FAISS index type, chosen by corpus size.

Vectors are unit length, so inner product equals cosine similarity throughout.

- up to ``FLAT_MAX`` chunks: ``IndexFlatIP``, exact. One query scans every vector: measured
  (``python bench/run.py --scale ...``, one thread) 0.18 ms at 10k chunks, 4.9 ms at 100k, 48 ms
  at 1M, so about 2.5 ms at the 50k threshold;
- above: ``IndexIVFFlat`` (k-means cells, ~4·sqrt(n) of them, full vectors kept: no PQ loss),
  searching ``nprobe`` = 64 cells: recall@10 against exact search 0.971 at 100k (0.36 ms) and
  0.983 at 1M (1.2 ms); 32 cells fall below 0.95 at 100k. PQ is not needed: 1M chunks × 384
  floats is 1.5 GB, well within one machine. HNSW (M=32, efSearch 32-64) was as good and as
  quick to build at 100k; IVF was kept for its smaller memory (no graph links: 150 vs 172 MB at
  100k) and its single search knob. HNSW at 1M was not measured.

The type and parameters are recorded in the manifest; the loaded index carries its own.
"""

from __future__ import annotations

import math
import sys
from dataclasses import dataclass
from typing import Any, Protocol

import faiss
import numpy as np
from tqdm import tqdm

FLAT_MAX = 50_000
MAX_TRAINING_POINTS_PER_CELL = 64  # k-means sample: faiss wants >= 39 points per cell
DEFAULT_NPROBE = 64


class DenseIndex(Protocol):
    """All that retrieval uses of a dense index: FAISS (this module, the default) or pgvector
    (``assistant/pgvector.py``, ``ASSISTANT_VECTOR_STORE=pgvector``), the same vectors under the
    same row ids."""

    ntotal: int

    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Scores and row ids of the ``k`` nearest rows for each query, best first (-1: none)."""
        ...

    def reconstruct(self, row: int) -> np.ndarray:
        """The stored vector of one row."""
        ...

    def reconstruct_batch(self, rows: np.ndarray) -> np.ndarray:
        """The stored vectors of ``rows`` (to score hits found by BM25 only), in that order."""
        ...


class Vectors:
    """Exact search over vectors held in a numpy array: a build's vectors before a backend that
    indexes them elsewhere (pgvector) takes them over."""

    def __init__(self, vectors: np.ndarray) -> None:
        self.vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        self.ntotal = len(self.vectors)

    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        scores = np.asarray(queries, dtype=np.float32) @ self.vectors.T
        k = min(k, self.ntotal)
        order = np.argsort(-scores, axis=1, kind="stable")[:, :k]
        return np.take_along_axis(scores, order, axis=1), order.astype(np.int64)

    def reconstruct(self, row: int) -> np.ndarray:
        return self.vectors[row]

    def reconstruct_batch(self, rows: np.ndarray) -> np.ndarray:
        return self.vectors[np.asarray(rows, dtype=np.int64)]


@dataclass(frozen=True)
class DenseSpec:
    """Which index to build for a corpus of ``count`` chunks, and its search parameters."""

    kind: str  # "IndexFlatIP" | "IndexIVFFlat"
    nlist: int = 0
    nprobe: int = 0

    def describe(self) -> str:
        return self.kind if self.kind == "IndexFlatIP" else f"{self.kind}(nlist={self.nlist}, nprobe={self.nprobe})"


def choose(count: int, kind: str = "auto", nprobe: int = DEFAULT_NPROBE) -> DenseSpec:
    """Exact search for small corpora, IVF above ``FLAT_MAX`` chunks (or as asked)."""
    if kind == "flat" or (kind == "auto" and count <= FLAT_MAX):
        return DenseSpec("IndexFlatIP")
    if kind not in ("auto", "ivf"):
        raise ValueError(f"dense index kind must be auto, flat or ivf, not {kind!r}")
    nlist = max(1, min(int(4 * math.sqrt(count)), count // 39))  # ~sqrt(n) cells, each trainable
    return DenseSpec("IndexIVFFlat", nlist, min(nprobe, nlist))


def build(vectors: np.ndarray, spec: DenseSpec, seed: int = 1234, progress: bool = False) -> Any:
    """A FAISS index holding ``vectors`` (row i has id i); a progress bar for large builds."""
    dim = vectors.shape[1]
    if spec.kind == "IndexFlatIP":
        index = faiss.IndexFlatIP(dim)  # unit vectors: inner product = cosine
    else:
        quantizer = faiss.IndexFlatIP(dim)
        index = faiss.IndexIVFFlat(quantizer, dim, spec.nlist, faiss.METRIC_INNER_PRODUCT)
        rng = np.random.default_rng(seed)
        sample_size = min(len(vectors), spec.nlist * MAX_TRAINING_POINTS_PER_CELL)
        sample = vectors[np.sort(rng.choice(len(vectors), sample_size, replace=False))]
        index.cp.seed = seed
        if progress:
            print(f"Training {spec.describe()} on {sample_size:,} vectors...", file=sys.stderr)
        index.train(sample)
    step = 50_000  # bounded temporary memory while adding
    with tqdm(total=len(vectors), desc="Indexing", unit="vec", delay=1.0, disable=not progress,
              file=sys.stderr) as bar:
        for start in range(0, len(vectors), step):
            index.add(np.ascontiguousarray(vectors[start:start + step], dtype=np.float32))
            bar.update(min(step, len(vectors) - start))
    prepare(index, spec)
    return index


def prepare(index: Any, spec: DenseSpec) -> None:
    """Search parameters and the id → vector map (for ``reconstruct``) on a built or loaded index."""
    if spec.kind == "IndexIVFFlat":
        index.nprobe = spec.nprobe
        index.make_direct_map()


def search(index: Any, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Scores and ids, as ``faiss.Index.search`` returns them."""
    return index.search(np.ascontiguousarray(queries, dtype=np.float32), k)

