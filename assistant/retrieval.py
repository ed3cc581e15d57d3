"""Retrieval stage: dense (FAISS) and lexical (BM25) search, fused by reciprocal rank."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import asdict, dataclass
from typing import Literal

import numpy as np

from .chunking import Chunk
from .embedding import Embedder
from .index import LoadedIndex
from .lexical import tokenize

Mode = Literal["dense", "bm25", "hybrid"]
MODES: tuple[str, ...] = ("dense", "bm25", "hybrid")


@dataclass(frozen=True)
class Hit:
    """One retrieved chunk, as the CLI and JSON API show it."""

    rank: int
    score: float
    chunk_id: str
    document: str
    section: str
    anchor: str
    text: str

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass(frozen=True)
class Scored:
    """A chunk with the evidence behind its rank, used inside the pipeline."""

    position: int  # row in the index
    chunk: Chunk
    score: float  # the fused (or single-retriever) score that orders results
    cosine: float  # dense similarity of the query to the chunk, whatever the mode


class Retriever:
    """Searches one loaded index with one embedder."""

    def __init__(self, index: LoadedIndex, embedder: Embedder, rrf_k: int = 60,
                 pool: int = 20, cache_size: int = 1024) -> None:
        self.index = index
        self.embedder = embedder
        self.rrf_k = rrf_k
        self.pool = pool
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._cache_size = cache_size

    @property
    def size(self) -> int:
        return len(self.index.chunks)

    def embed(self, text: str) -> np.ndarray:
        """Unit query vector; identical queries are embedded once (LRU cache)."""
        key = " ".join(text.lower().split())
        vector = self._cache.get(key)
        if vector is None:
            vector = self.embedder.encode([text])[0]
            self._cache[key] = vector
            if len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        else:
            self._cache.move_to_end(key)
        return vector

    def dense(self, vector: np.ndarray, n: int) -> list[tuple[int, float]]:
        n = min(n, self.size)
        if n <= 0:
            return []
        scores, ids = self.index.dense.search(vector.reshape(1, -1), n)
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0]) if i >= 0]

    def lexical(self, query: str, n: int) -> list[tuple[int, float]]:
        n = min(n, self.size)
        tokens = tokenize([query])
        if n <= 0 or not tokens[0]:
            return []
        ids, scores = self.index.bm25.retrieve(tokens, k=n, show_progress=False, n_threads=1)
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0]) if s > 0]

    def cosines(self, vector: np.ndarray, positions: list[int]) -> np.ndarray:
        rows = np.array([self.index.dense.reconstruct(int(p)) for p in positions], dtype=np.float32)
        return rows @ vector if len(rows) else np.zeros(0, dtype=np.float32)

    def retrieve(self, query: str, k: int, mode: Mode = "hybrid",
                 vector: np.ndarray | None = None) -> list[Scored]:
        """The top ``k`` chunks for ``query`` under ``mode``."""
        if mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
        vector = self.embed(query) if vector is None else vector
        pool = max(self.pool, k)
        if mode == "dense":
            ranked = self.dense(vector, k)
        elif mode == "bm25":
            ranked = self.lexical(query, k)
        else:
            ranked = self.fuse([self.dense(vector, pool), self.lexical(query, pool)])[:k]
        positions = [p for p, _ in ranked]
        cos = self.cosines(vector, positions)
        return [
            Scored(p, self.index.chunks[p], float(s), float(c))
            for (p, s), c in zip(ranked, cos)
        ]

    def fuse(self, rankings: list[list[tuple[int, float]]]) -> list[tuple[int, float]]:
        """Reciprocal rank fusion (Cormack et al. 2009): sum of 1 / (k + rank) over the lists."""
        fused: dict[int, float] = {}
        for ranking in rankings:
            for rank, (position, _) in enumerate(ranking, start=1):
                fused[position] = fused.get(position, 0.0) + 1.0 / (self.rrf_k + rank)
        return sorted(fused.items(), key=lambda item: (-item[1], item[0]))


def to_hits(results: list[Scored]) -> list[Hit]:
    return [
        Hit(
            rank=rank,
            score=round(r.score, 6),
            chunk_id=r.chunk.id,
            document=r.chunk.document,
            section=r.chunk.section,
            anchor=r.chunk.anchor,
            text=r.chunk.text,
        )
        for rank, r in enumerate(results, start=1)
    ]
