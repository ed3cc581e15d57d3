"""Embedding cache: vectors of texts already embedded, so a rebuild embeds only what changed.

One file per model beside the index (``index/cache/embeddings-<model>-<sha>-<dim>.npz``) holding
the 16-byte BLAKE2b digest of each text and its vector. It is read and rewritten only inside the
index lock, and replaced atomically, so a reader sees the old cache or the new one. A damaged or
foreign file is ignored (everything is embedded again), never trusted.
"""

from __future__ import annotations

import hashlib
import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .embedding import Embedder

CACHE_DIR = "cache"


@dataclass(frozen=True)
class CacheStats:
    """How many distinct texts came from the cache and how many were embedded."""

    hits: int
    embedded: int


def text_key(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()


def cache_path(index_dir: Path, embedder: Embedder) -> Path:
    identity = embedder.identity
    name = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in identity["name"])
    return index_dir / CACHE_DIR / f"embeddings-{name}-{identity['weights_sha256'][:16]}-{embedder.dimension}.npz"


def read(path: Path, dimension: int) -> dict[bytes, np.ndarray]:
    """Digest → vector; empty when the file is missing or unusable."""
    try:
        with np.load(path, allow_pickle=False) as data:
            keys, vectors = data["keys"], data["vectors"]
    except (OSError, ValueError, KeyError):
        return {}
    if vectors.ndim != 2 or vectors.shape[1] != dimension or len(keys) != len(vectors) or keys.dtype != "S16":
        return {}
    # numpy's fixed-width bytes drop trailing NULs on the way out: pad them back, or a digest
    # that ends in 0x00 (1 text in 256) would never be found and be embedded on every build.
    return {key.ljust(16, b"\0"): vector for key, vector in zip(keys.tolist(), vectors)}


def write(path: Path, keys: list[bytes], vectors: np.ndarray) -> None:
    """Replace the cache file atomically (caller holds the index lock)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}")
    try:
        with open(tmp, "wb") as fh:
            np.savez(fh, keys=np.array(keys, dtype="S16"), vectors=np.ascontiguousarray(vectors, dtype=np.float32))
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def encode_with_cache(embedder: Embedder, texts: list[str], path: Path | None,
                      encode: Callable[[list[str]], np.ndarray]) -> tuple[np.ndarray, CacheStats]:
    """Vectors for ``texts`` in order, embedding (with ``encode``) only texts not in the cache at
    ``path``; the cache is then rewritten to hold exactly these texts. ``path=None``: no cache."""
    if path is None:
        return encode(texts), CacheStats(0, len(set(texts)))
    keys = [text_key(t) for t in texts]
    known = read(path, embedder.dimension)
    missing: dict[bytes, str] = {}
    for key, text in zip(keys, texts):
        if key not in known:
            missing.setdefault(key, text)
    if missing:
        fresh = encode(list(missing.values()))
        known.update(zip(missing.keys(), fresh))
    unique = list(dict.fromkeys(keys))
    hits = len(unique) - len(missing)
    if not texts:
        return np.zeros((0, embedder.dimension), dtype=np.float32), CacheStats(0, 0)
    vectors = np.stack([known[k] for k in keys]).astype(np.float32, copy=False)
    if missing or len(known) != len(unique):
        write(path, unique, np.stack([known[k] for k in unique]))
    return vectors, CacheStats(hits, len(missing))
