"""Retrieval stage: dense (FAISS or pgvector) and lexical (BM25) search, fused by reciprocal rank."""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import asdict, dataclass
from typing import Any, Callable, Generic, Hashable, Literal, TypeVar

import numpy as np
from bm25s.selection import topk

from .chunking import Chunk
from .embedding import Embedder
from .index import LoadedIndex
from .lexical import correct, expand_query, tokenize_one, vocabulary_of
from .thesaurus import dictionary_words
from .tokens import piece_weights, token_vectors, token_words

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


K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class LRU(Generic[K, V]):
    """A small thread-safe least-recently-used map (requests may run on several threads)."""

    def __init__(self, size: int) -> None:
        self._items: OrderedDict[K, V] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def get(self, key: K) -> V | None:
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def put(self, key: K, value: V) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self._size:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


def cache_key(text: str) -> str:
    """Queries that differ only in case and spacing embed (and rank) the same."""
    return " ".join(text.lower().split())


class Retriever:
    """Searches one loaded index; queries are encoded by ``embedder`` (the query encoder)."""

    def __init__(self, index: LoadedIndex, embedder: Embedder, rrf_k: int = 60,
                 pool: int = 20, cache_size: int = 1024) -> None:
        self.index = index
        self.embedder = embedder
        self.rrf_k = rrf_k
        self.pool = pool
        self.vocabulary = vocabulary_of((c.embed_text for c in index.chunks),  # headings too
                                        dictionary_words())
        self._vectors: LRU[str, np.ndarray] = LRU(cache_size)
        self._pieces: LRU[str, np.ndarray] = LRU(cache_size)
        self._weights: LRU[str, np.ndarray] = LRU(cache_size)
        self._dense_texts: LRU[str, str] = LRU(cache_size)
        self._results: LRU[tuple[str, int, str], tuple[Scored, ...]] = LRU(cache_size)

    @property
    def size(self) -> int:
        return len(self.index.chunks)

    def clear_caches(self) -> None:
        """Forget cached query vectors and results (benchmarks measure cold queries this way)."""
        self._vectors.clear()
        self._pieces.clear()
        self._weights.clear()
        self._dense_texts.clear()
        self._results.clear()

    def embed(self, text: str) -> np.ndarray:
        """Unit query vector; identical queries are embedded once (LRU cache)."""
        key = cache_key(text)
        vector = self._vectors.get(key)
        if vector is None:
            vector = self.embedder.encode([self.dense_text(text)])[0]
            vector.setflags(write=False)  # shared by every later request for the same query
            self._vectors.put(key, vector)
        return vector

    def word_pieces(self, text: str) -> np.ndarray | None:
        """The query's content word-piece vectors (``tokens.py``), misspellings corrected as for
        ``embed``; None when the encoder gives none. Cached like the vectors, and taken from the
        run that made the query's vector when that was recent."""
        return self._per_piece(self._pieces, text, token_vectors, lambda found: found[0])

    def word_weights(self, text: str) -> np.ndarray | None:
        """How much each of the query's content word pieces (``word_pieces``) counts in the
        word-by-word match: its word's specificity in English (``tokens.piece_weights``); None
        when the encoder cannot say which word a piece belongs to."""
        return self._per_piece(self._weights, text, token_words, lambda found: piece_weights(found[0]))

    def _per_piece(self, cache: LRU[str, np.ndarray], text: str, ask: Callable[[Any, list[str]], Any],
                   make: Callable[[Any], np.ndarray]) -> np.ndarray | None:
        """What ``ask`` gets from the encoder for the query's corrected text, made into an array
        by ``make`` and cached read-only; None when the encoder cannot give it."""
        key = cache_key(text)
        value = cache.get(key)
        if value is None:
            found = ask(self.embedder, [self.dense_text(text)])
            if found is None:
                return None
            value = make(found)
            value.setflags(write=False)
            cache.put(key, value)
        return value

    def dense_text(self, text: str) -> str:
        """What the encoder reads for a query: its misspelt words corrected to the corpus words
        they most likely mean ("runing shoes lowr back" -> "running shoes low back"), as BM25
        reads them; the model has never seen most misspellings. The scope stage and the reader
        analyse the same text. Worked out once per text (all of them ask)."""
        fixed = self._dense_texts.get(text)
        if fixed is None:
            fixed = correct(text, self.vocabulary)
            self._dense_texts.put(text, fixed)
        return fixed

    def embed_many(self, texts: list[str]) -> None:
        """Put the vectors of ``texts`` in the cache, encoding the missing ones in one batch."""
        missing = list(dict.fromkeys(t for t in texts if self._vectors.get(cache_key(t)) is None))
        if missing:
            for text, vector in zip(missing, self.embedder.encode([self.dense_text(t) for t in missing])):
                vector.setflags(write=False)
                self._vectors.put(cache_key(text), vector)

    def dense(self, vector: np.ndarray, n: int) -> list[tuple[int, float]]:
        n = min(n, self.size)
        if n <= 0:
            return []
        scores, ids = self.index.dense.search(vector.reshape(1, -1), n)
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0]) if i >= 0]

    def lexical(self, query: str, n: int) -> list[tuple[int, float]]:
        n = min(n, self.size)
        tokens = tokenize_one(expand_query(query, self.vocabulary))
        if n <= 0 or not tokens:
            return []
        # What bm25s.retrieve does for one query, without its per-call thread pool and progress bar.
        ids = self.index.bm25.get_tokens_ids(tokens)
        if not ids:
            return []
        scores, positions = topk(self.index.bm25.get_scores(ids), n, backend="numpy", sorted=True)
        return [(int(i), float(s)) for i, s in zip(positions, scores) if s > 0]

    def cosines(self, vector: np.ndarray, positions: list[int]) -> np.ndarray:
        if not positions:
            return np.zeros(0, dtype=np.float32)
        rows = self.index.dense.reconstruct_batch(np.asarray(positions, dtype=np.int64))
        return np.asarray(rows, dtype=np.float32) @ vector

    def retrieve(self, query: str, k: int, mode: Mode = "hybrid",
                 vector: np.ndarray | None = None) -> list[Scored]:
        """The top ``k`` chunks for ``query`` under ``mode`` (repeated queries come from a cache)."""
        if mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
        key = (cache_key(query), k, mode)
        if vector is None:
            cached = self._results.get(key)
            if cached is not None:
                return list(cached)
        results = self._retrieve(query, k, mode, self.embed(query) if vector is None else vector)
        if vector is None:
            self._results.put(key, tuple(results))
        return results

    def _retrieve(self, query: str, k: int, mode: Mode, vector: np.ndarray) -> list[Scored]:
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
