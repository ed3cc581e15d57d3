"""Index stage: embed chunks into a FAISS index, with BM25 beside it, saved atomically.

Layout of the index folder::

    index/CURRENT                 name of the build in use (replaced atomically)
    index/build-<id>/manifest.json
    index/build-<id>/chunks.json   chunk and passage records
    index/build-<id>/dense.faiss   inner-product index of chunk vectors
    index/build-<id>/passages.npy  passage vectors (for choosing answer sentences)
    index/build-<id>/bm25/...      bm25s files
    index/build-<id>/thesaurus.json  WordNet relatives of the corpus's words (see thesaurus.py)
    index/build-<id>/parts.json      the words the corpus's words name parts of (thesaurus.py)
    index/cache/embeddings-*.npz   vectors by text hash, so a rebuild embeds only changed chunks
    index/encoders/*.onnx          the verified ONNX query encoder (see query_encoder.py)

A build is written to a temporary folder and renamed into place, then CURRENT is replaced:
a reader sees the old build or the new one, never half of one. The manifest records what
the build was made from and a checksum of every file; a mismatch means stale or damaged,
and the index is rebuilt rather than trusted.

That folder is the default vector store. With ``ASSISTANT_VECTOR_STORE=pgvector`` builds live in
PostgreSQL instead (``pgvector.py``), behind the same :class:`VectorStore` protocol.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
import time
import uuid
from dataclasses import asdict, dataclass, field
from importlib import metadata
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any, Callable, Protocol

import bm25s
import faiss
import numpy as np
from filelock import FileLock, Timeout
from tqdm import tqdm

from . import dense as dense_index
from .chunking import CHUNKER_VERSION, MAX_CHUNK_CHARS, Chunk, Passage, chunk_corpus
from .corpus import Corpus
from .embedding import Embedder, sha256_file
from .embedding_cache import cache_path, encode_with_cache
from .files import write_text_atomic
from .lexical import tokenize
from .thesaurus import Relation, corpus_table, wordnet_installed

# 2: the build carries the thesaurus of its words; 3: and its part-whole table; 4: the thesaurus
# relates words only through the senses its words are commonly used in (thesaurus.SENSE_SHARE)
FORMAT_VERSION = 4
CURRENT = "CURRENT"
_WORDS = re.compile(r"[A-Za-z]+")
LIBRARIES = ("faiss-cpu", "sentence-transformers", "bm25s", "markdown-it-py", "torch")


@dataclass(frozen=True)
class Manifest:
    """What a build was made from; compared with the present corpus and model on load."""

    format_version: int
    corpus_hash: str
    model: dict[str, str]
    chunker_version: str
    chunk_chars: int
    dimension: int
    count: int
    passages: int
    documents: int
    index_type: str
    versions: dict[str, str]
    files: dict[str, str] = field(default_factory=dict)
    built_at: str = ""
    # The query encoder checked against these document vectors (kind, agreement); informational.
    query_encoder: dict[str, Any] = field(default_factory=dict)
    dense: dict[str, Any] = field(default_factory=dict)  # the DenseSpec: kind, nlist, nprobe
    embedding_cache: dict[str, int] = field(default_factory=dict)  # hits / embedded in this build
    thesaurus: dict[str, Any] = field(default_factory=dict)  # source ("WordNet 3.0" or "none"), words

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class LoadedIndex:
    """A build in memory: everything retrieval needs."""

    manifest: Manifest
    chunks: tuple[Chunk, ...]
    dense: Any  # a dense.DenseIndex: FAISS, chosen by size in dense.py
    passage_vectors: np.ndarray  # (passages, dim), rows in chunk order
    passage_offsets: np.ndarray  # chunk i's passages are rows offsets[i]:offsets[i+1]
    bm25: bm25s.BM25
    path: Path | None  # None when served from memory only (or from pgvector)
    thesaurus: dict[str, dict[str, float]] = field(default_factory=dict)  # stem -> {corpus stem: strength}
    where: str = ""  # where the build is served from, for people ("" = path or memory)
    parts: dict[str, dict[str, float]] = field(default_factory=dict)  # stem -> {corpus stem naming a part of it: strength}


def library_versions() -> dict[str, str]:
    versions = {}
    for name in LIBRARIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "absent"
    return versions


def expected_identity(corpus: Corpus, embedder: Embedder, chunk_chars: int) -> dict[str, Any]:
    """The manifest fields that must match for a saved build to be served."""
    return {
        "format_version": FORMAT_VERSION,
        "corpus_hash": corpus.content_hash,
        "model": embedder.identity,
        "chunker_version": CHUNKER_VERSION,
        "chunk_chars": chunk_chars,
        "dimension": embedder.dimension,
    }


# --------------------------------------------------------------------------- building


def build(corpus: Corpus, embedder: Embedder, chunk_chars: int = MAX_CHUNK_CHARS,
          progress: bool = True, cache: Path | None = None,
          query_encoder: dict[str, Any] | None = None, dense_kind: str = "auto") -> LoadedIndex:
    """Chunk, embed and index the corpus in memory.

    With ``cache`` (an embedding cache file, see embedding_cache.py) only texts not embedded
    before are sent to the model; the caller must hold the index lock.
    """
    chunks = tuple(chunk_corpus(corpus, chunk_chars))
    passages = [p.text for c in chunks for p in c.passages]
    vectors, stats = encode_with_cache(embedder, [c.embed_text for c in chunks] + passages, cache,
                                       lambda texts: _encode(embedder, texts, progress))
    chunk_vectors, passage_vectors = vectors[: len(chunks)], vectors[len(chunks):]
    if dense_kind == "vectors":  # the vector store indexes them itself (pgvector)
        spec, dense = dense_index.DenseSpec("vectors"), dense_index.Vectors(chunk_vectors)
    else:
        spec = dense_index.choose(len(chunks), dense_kind)
        dense = dense_index.build(chunk_vectors, spec, progress=progress)
    bm25 = bm25_index(chunks)
    offsets = np.cumsum([0] + [len(c.passages) for c in chunks]).astype(np.int64)
    table, thesaurus_info = thesaurus_of(chunks)
    parts, parts_info = thesaurus_of(chunks, "parts")
    manifest = Manifest(
        **expected_identity(corpus, embedder, chunk_chars),
        count=len(chunks),
        passages=len(passages),
        documents=len(corpus.documents),
        index_type=spec.kind,
        versions=library_versions(),
        built_at=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        query_encoder=dict(query_encoder or {}),
        dense=asdict(spec),
        embedding_cache=asdict(stats),
        thesaurus={**thesaurus_info, "parts": parts_info.get("entries", 0)},
    )
    return LoadedIndex(manifest, chunks, dense, passage_vectors, offsets, bm25, None, table, parts=parts)


def thesaurus_of(chunks: tuple[Chunk, ...], relation: Relation = "kinds") -> tuple[dict[str, dict[str, float]], dict[str, Any]]:
    """The thesaurus table of the chunks' words and headings (see thesaurus.py; ``relation``
    "kinds" or "parts"), and its summary."""
    return corpus_table((w for c in chunks for w in _WORDS.findall(f"{c.section} {c.text}")), relation=relation)


def bm25_index(chunks: tuple[Chunk, ...]) -> bm25s.BM25:
    """The lexical index of the chunks (deterministic: the same chunks give the same scores)."""
    bm25 = bm25s.BM25()
    bm25.index(tokenize([c.embed_text for c in chunks]), show_progress=False)
    return bm25


def _encode(embedder: Embedder, texts: list[str], progress: bool, batch: int = 64) -> np.ndarray:
    # tqdm's delay keeps quick builds quiet: the bar appears only after a second.
    parts = []
    with tqdm(total=len(texts), desc="Embedding", unit="text", delay=1.0,
              disable=not progress, file=sys.stderr) as bar:
        for i in range(0, len(texts), batch):
            parts.append(embedder.encode(texts[i:i + batch]))
            bar.update(len(texts[i:i + batch]))
    if not parts:
        return np.zeros((0, embedder.dimension), dtype=np.float32)
    return np.vstack(parts)


# --------------------------------------------------------------------------- saving


def save(index: LoadedIndex, index_dir: Path) -> LoadedIndex:
    """Write a build next to the current one, then switch CURRENT to it atomically."""
    index_dir.mkdir(parents=True, exist_ok=True)
    tmp = index_dir / f".tmp-{uuid.uuid4().hex}"
    tmp.mkdir()
    try:
        faiss.write_index(index.dense, str(tmp / "dense.faiss"))
        np.save(tmp / "passages.npy", index.passage_vectors)
        (tmp / "chunks.json").write_text(json.dumps([_chunk_record(c) for c in index.chunks]), "utf-8")
        index.bm25.save(str(tmp / "bm25"), show_progress=False)
        (tmp / "thesaurus.json").write_text(json.dumps(index.thesaurus, separators=(",", ":")), "utf-8")
        (tmp / "parts.json").write_text(json.dumps(index.parts, separators=(",", ":")), "utf-8")
        files = {p.relative_to(tmp).as_posix(): sha256_file(p) for p in sorted(tmp.rglob("*")) if p.is_file()}
        manifest = Manifest(**{**index.manifest.to_dict(), "files": files})
        (tmp / "manifest.json").write_text(json.dumps(manifest.to_dict(), indent=2), "utf-8")
        _fsync_tree(tmp)
        name = f"build-{time.strftime('%Y%m%d%H%M%S', time.gmtime())}-{uuid.uuid4().hex[:8]}"
        os.replace(tmp, index_dir / name)
        write_text_atomic(index_dir / CURRENT, name + "\n")
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    _remove_old_builds(index_dir, keep=name)
    return LoadedIndex(manifest, index.chunks, index.dense, index.passage_vectors,
                       index.passage_offsets, index.bm25, index_dir / name, index.thesaurus, parts=index.parts)


def _chunk_record(chunk: Chunk) -> dict[str, Any]:
    return asdict(chunk)


def _fsync_tree(folder: Path) -> None:
    for path in folder.rglob("*"):
        if path.is_file():
            with open(path, "rb") as fh:
                os.fsync(fh.fileno())


def _remove_old_builds(index_dir: Path, keep: str) -> None:
    """Old builds and temporary folders of builds that died; best effort."""
    for path in index_dir.iterdir():
        if path.is_dir() and path.name != keep and (path.name.startswith("build-") or path.name.startswith(".tmp-")):
            shutil.rmtree(path, ignore_errors=True)


# --------------------------------------------------------------------------- loading


class StaleIndex(Exception):
    """Internal: the saved build cannot be served; the reason says why (for the log line)."""


def load(index_dir: Path, expected: dict[str, Any]) -> LoadedIndex:
    """Load the current build, verifying identity and checksums; raises StaleIndex otherwise."""
    try:
        name = (index_dir / CURRENT).read_text("utf-8").strip()
    except FileNotFoundError:
        raise StaleIndex("no index has been built yet") from None
    except OSError as exc:
        raise StaleIndex(f"cannot read {CURRENT} ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise StaleIndex(f"{CURRENT} is damaged (not text)") from None
    folder = index_dir / name
    if not name.startswith("build-") or "/" in name or not folder.is_dir():
        raise StaleIndex(f"{CURRENT} names a missing build ({name!r})")
    try:
        data = json.loads((folder / "manifest.json").read_text("utf-8"))
        manifest = Manifest(**data)
    except (OSError, ValueError, TypeError) as exc:
        raise StaleIndex(f"manifest unreadable ({type(exc).__name__})") from None
    for key, value in expected.items():
        if getattr(manifest, key) != value:
            raise StaleIndex(_stale_reason(key))
    if manifest.thesaurus.get("source") == "none" and wordnet_installed():
        raise StaleIndex("it was built without WordNet, which is installed now")
    for rel, checksum in manifest.files.items():
        path = folder / rel
        if not path.is_file() or sha256_file(path) != checksum:
            raise StaleIndex(f"file {rel} is missing or damaged (checksum mismatch)")
    try:
        dense = faiss.read_index(str(folder / "dense.faiss"))
        if manifest.dense:
            dense_index.prepare(dense, dense_index.DenseSpec(**manifest.dense))
        passage_vectors = np.load(folder / "passages.npy", allow_pickle=False)
        chunks = tuple(_chunk_from_record(r) for r in json.loads((folder / "chunks.json").read_text("utf-8")))
        bm25 = bm25s.BM25.load(str(folder / "bm25"), show_progress=False)
        thesaurus = json.loads((folder / "thesaurus.json").read_text("utf-8"))
        parts = json.loads((folder / "parts.json").read_text("utf-8"))
    except Exception as exc:  # checksums passed, so this is a bug or a library change
        raise StaleIndex(f"index files could not be read ({type(exc).__name__})") from None
    if dense.ntotal != len(chunks) or len(chunks) != manifest.count:
        raise StaleIndex("index files disagree with the manifest")
    offsets = np.cumsum([0] + [len(c.passages) for c in chunks]).astype(np.int64)
    return LoadedIndex(manifest, chunks, dense, passage_vectors, offsets, bm25, folder, thesaurus, parts=parts)


def _stale_reason(key: str) -> str:
    return {
        "corpus_hash": "the corpus has changed since it was built",
        "model": "it was built with another embedding model",
        "chunker_version": "it was built by another chunker version",
        "chunk_chars": "it was built with another chunk size",
        "dimension": "its vectors have another dimension",
        "format_version": "it was written in an older format",
    }.get(key, f"{key} differs")


def _chunk_from_record(record: dict[str, Any]) -> Chunk:
    passages = tuple(Passage(**p) for p in record.pop("passages"))
    return Chunk(**record, passages=passages)


class VectorStore(Protocol):
    """Where builds are kept and the dense index is searched: index files with FAISS in
    process (:class:`FolderStore`, the default) or PostgreSQL with pgvector
    (``assistant/pgvector.py``). Chosen by ``ASSISTANT_VECTOR_STORE`` in :func:`vector_store`."""

    dense_kind: str  # what build() makes for save(): "auto" (a FAISS index) or "vectors"

    def load(self, expected: dict[str, Any]) -> LoadedIndex:
        """The current build for this identity; StaleIndex (with the reason) when there is none."""
        ...

    def lock(self) -> AbstractContextManager[Any]:
        """Held while building: one builder at a time (across processes, or machines)."""
        ...

    def save(self, index: LoadedIndex) -> LoadedIndex:
        """Store a fresh build and switch to it atomically; the build as now served."""
        ...


class FolderStore:
    """Builds as folders of files beside a ``CURRENT`` pointer (see the module doc)."""

    dense_kind = "auto"

    def __init__(self, index_dir: Path) -> None:
        self.index_dir = Path(index_dir)

    def load(self, expected: dict[str, Any]) -> LoadedIndex:
        return load(self.index_dir, expected)

    def lock(self) -> FileLock:
        self.index_dir.mkdir(parents=True, exist_ok=True)
        return FileLock(str(self.index_dir / ".lock"), timeout=600)

    def save(self, index: LoadedIndex) -> LoadedIndex:
        return save(index, self.index_dir)


def vector_store(settings: Any) -> VectorStore:
    """The configured vector store (``settings.vector_store``: "faiss" or "pgvector")."""
    if settings.vector_store == "pgvector":
        from .pgvector import PgVectorStore

        return PgVectorStore(settings.pgvector)
    return FolderStore(settings.index_dir)


def open_index(index_dir: Path, corpus: Corpus, embedder: Embedder,
               chunk_chars: int = MAX_CHUNK_CHARS, rebuild: bool = False,
               progress: bool = True, log: Callable[[str], None] | None = None,
               query_encoder: dict[str, Any] | None = None, dense_kind: str = "auto",
               store: VectorStore | None = None) -> LoadedIndex:
    """The index for this corpus and model: loaded if current, otherwise (re)built and saved.

    Never serves a stale or damaged build. ``store`` is where builds live (default: index files
    in ``index_dir``, which also holds the embedding cache either way). If the folder cannot be
    written, the fresh build is served from memory and a warning is logged.
    """
    say = log or (lambda msg: print(msg, file=sys.stderr))
    store = store or FolderStore(index_dir)
    kind = dense_kind if store.dense_kind == "auto" else store.dense_kind
    expected = expected_identity(corpus, embedder, chunk_chars)
    where = index_dir if isinstance(store, FolderStore) else getattr(store, "url", "the vector store")
    if not rebuild:
        try:
            return store.load(expected)
        except StaleIndex as reason:
            say(f"Index in {where} is out of date ({reason}): rebuilding it.")
    try:
        index_dir.mkdir(parents=True, exist_ok=True)
        cache = cache_path(index_dir, embedder)
        with store.lock():
            if not rebuild:  # another process may have built it while we waited
                try:
                    return store.load(expected)
                except StaleIndex:
                    pass
            fresh = build(corpus, embedder, chunk_chars, progress, cache, query_encoder, kind)
            return store.save(fresh)
    except (OSError, Timeout) as exc:
        if not isinstance(store, FolderStore):
            raise
        say(f"Warning: cannot write the index to {index_dir} ({getattr(exc, 'strerror', None) or exc}); "
            "serving a fresh index from memory. Make the folder writable to keep it between runs.")
        return build(corpus, embedder, chunk_chars, progress, None, query_encoder, dense_kind)
