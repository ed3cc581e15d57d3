"""The pgvector vector store (``ASSISTANT_VECTOR_STORE=pgvector``): builds in PostgreSQL.

For corpora past one machine, or replicas on several machines that should not each carry the
index files. A build is one table, ``vectors_<id>`` (row number, chunk record, chunk vector,
the chunk's passage vectors), with an HNSW index on the vectors (inner product: unit vectors,
so it equals cosine, as in FAISS), registered in ``vector_builds``. The database is
``ASSISTANT_PGVECTOR_URL``, or ``ASSISTANT_DATABASE_URL`` when that is unset.

- **Building** (``python -m assistant index``, or a first start that finds no build): one
  builder at a time across machines (a PostgreSQL advisory lock); the table, its rows, its HNSW
  index and its ``vector_builds`` row are written in **one transaction**, so the commit is the
  switch: readers see the old build or the new one, never half of one, and a builder that dies
  leaves nothing behind. The newest 3 builds are kept; older tables are dropped.
- **Serving**: a process loads the newest build whose identity (corpus hash, model, chunker,
  chunk size) matches its own corpus and model: chunk records and passage vectors into memory,
  BM25 rebuilt from the chunk texts in process; dense search runs in PostgreSQL. A replica
  keeps the build it started with and picks up a newer one when it restarts (docs/deploy.md).
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import time
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np

from .errors import IndexStoreError, StoreError
from .index import LoadedIndex, Manifest, StaleIndex, _chunk_from_record, _chunk_record, bm25_index, thesaurus_of

log = logging.getLogger(__name__)

HNSW_M = 16  # pgvector's defaults: graph links per node ...
HNSW_EF_CONSTRUCTION = 64  # ... and the candidate list while building
EF_SEARCH = 100  # candidates per search (at least k); recall@10 in docs/scaling.md
KEEP_BUILDS = 3
SCHEMA_LOCK = 0x76656331  # advisory lock keys: "vec1" (schema), "vec2" (one builder)
BUILD_LOCK = 0x76656332
BUILD_LOCK_TIMEOUT_S = 600

SCHEMA = """
    CREATE EXTENSION IF NOT EXISTS vector;
    CREATE TABLE IF NOT EXISTS vector_builds (
        id TEXT PRIMARY KEY,
        identity TEXT NOT NULL,
        table_name TEXT NOT NULL UNIQUE,
        manifest JSONB NOT NULL,
        created_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
    );
    CREATE INDEX IF NOT EXISTS vector_builds_identity ON vector_builds (identity, created_at);
"""


def identity_key(expected: dict[str, Any]) -> str:
    """What a build must match to be served, as one comparable string."""
    return hashlib.sha256(json.dumps(expected, sort_keys=True).encode()).hexdigest()


def _setup(conn: Any) -> None:
    conn.execute("SELECT pg_advisory_xact_lock(%s)", (SCHEMA_LOCK,))
    try:
        conn.execute(SCHEMA)
    except Exception as exc:
        import psycopg

        if isinstance(exc, psycopg.errors.InsufficientPrivilege) or "extension" in str(exc).lower():
            raise psycopg.errors.InsufficientPrivilege(
                f"{str(exc).splitlines()[0]}; a superuser must run CREATE EXTENSION vector in this database "
                "once (pgvector must be installed on the server)") from None
        raise


def _configure(conn: Any, ef_search: int = EF_SEARCH) -> None:
    from pgvector.psycopg import register_vector

    register_vector(conn)
    # Set once per connection (at least k, which is at most 100), so a search is one round trip.
    conn.execute(f"SET hnsw.ef_search = {int(ef_search)}")
    if not conn.autocommit:
        conn.commit()


def open_pool(url: str, setting: str = "ASSISTANT_PGVECTOR_URL", ef_search: int = EF_SEARCH) -> Any:
    """Autocommit connections for one-statement searches; writes open their own transaction."""
    from .store.postgres import PgPool

    return PgPool(url, setting, configure=lambda conn: _configure(conn, ef_search), setup=_setup,
                  autocommit=True, check=False)


class PgVectorIndex:
    """The dense index of one build, searched in PostgreSQL (implements ``dense.DenseIndex``)."""

    def __init__(self, db: Any, table: str, ntotal: int) -> None:
        self.db, self.table, self.ntotal = db, table, ntotal

    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        queries = np.asarray(queries, dtype=np.float32).reshape(len(queries), -1)
        scores = np.full((len(queries), k), -np.inf, dtype=np.float32)
        ids = np.full((len(queries), k), -1, dtype=np.int64)

        def run(conn: Any) -> None:
            for i, query in enumerate(queries):
                found = conn.execute(f"SELECT row, embedding <#> %(q)s FROM {self.table} "
                                     "ORDER BY embedding <#> %(q)s LIMIT %(k)s", {"q": query, "k": k}).fetchall()
                for j, (row, distance) in enumerate(found):
                    ids[i, j], scores[i, j] = row, -distance  # <#> is the negative inner product

        self._run(run)
        return scores, ids

    def reconstruct(self, row: int) -> np.ndarray:
        return self.reconstruct_batch(np.array([row]))[0]

    def reconstruct_batch(self, rows: np.ndarray) -> np.ndarray:
        wanted = [int(r) for r in rows]
        found = self._run(lambda conn: dict(conn.execute(
            f"SELECT row, embedding FROM {self.table} WHERE row = ANY(%s)", (wanted,)).fetchall()))
        return np.vstack([_array(found[r]) for r in wanted])

    def _run(self, fn: Any) -> Any:
        import psycopg

        try:
            return self.db.run(fn)
        except psycopg.errors.UndefinedTable:
            raise IndexStoreError(f"The pgvector build this server was serving ({self.table}) has been removed by "
                                  "newer builds: restart the server to load the current one.") from None


class PgVectorStore:
    """Builds in PostgreSQL with pgvector (implements ``index.VectorStore``)."""

    dense_kind = "vectors"

    def __init__(self, url: str, setting: str = "ASSISTANT_PGVECTOR_URL") -> None:
        self._url = url
        self.db = open_pool(url, setting)
        self.url = self.db.url

    # ---------------------------------------------------------------- serving

    def load(self, expected: dict[str, Any]) -> LoadedIndex:
        found = self.db.run(lambda conn: conn.execute(
            "SELECT id, table_name, manifest FROM vector_builds WHERE identity = %s "
            "ORDER BY created_at DESC, id DESC LIMIT 1", (identity_key(expected),)).fetchone())
        if found is None:
            raise StaleIndex("no pgvector build for this corpus and model yet")
        build, table, data = found
        manifest = Manifest(**data)
        rows = self.db.run(lambda conn: conn.execute(
            f"SELECT chunk, passages FROM {table} ORDER BY row").fetchall())
        chunks = tuple(_chunk_from_record(dict(record)) for record, _ in rows)
        if len(chunks) != manifest.count:
            raise StaleIndex(f"{build} has {len(chunks)} chunks, its manifest {manifest.count}")
        dim = manifest.dimension
        passages = [np.frombuffer(blob, dtype=np.float32).reshape(-1, dim) for _, blob in rows]
        passage_vectors = np.vstack(passages) if passages else np.zeros((0, dim), dtype=np.float32)
        offsets = np.cumsum([0] + [len(c.passages) for c in chunks]).astype(np.int64)
        dense = PgVectorIndex(self.db, table, len(chunks))
        return LoadedIndex(manifest, chunks, dense, passage_vectors, offsets, bm25_index(chunks), None,
                           thesaurus_of(chunks)[0], where=f"pgvector {build} ({self.url})",
                           parts=thesaurus_of(chunks, "parts")[0])

    # ---------------------------------------------------------------- building

    @contextmanager
    def lock(self) -> Iterator[None]:
        """One builder at a time, across machines: a session advisory lock on its own connection
        (released if the builder dies, as its connection closes)."""
        import psycopg

        with psycopg.connect(self._url, autocommit=True, connect_timeout=10) as conn:
            conn.execute(f"SET lock_timeout = '{BUILD_LOCK_TIMEOUT_S}s'")
            try:
                conn.execute("SELECT pg_advisory_lock(%s)", (BUILD_LOCK,))
            except psycopg.errors.LockNotAvailable:
                raise IndexStoreError(f"Another build has held the pgvector build lock for {BUILD_LOCK_TIMEOUT_S} s; "
                                      "wait for it to finish and try again.") from None
            try:
                yield
            finally:
                conn.execute("SELECT pg_advisory_unlock(%s)", (BUILD_LOCK,))

    def save(self, index: LoadedIndex) -> LoadedIndex:
        """Write the build in one transaction (its commit is the switch), then drop old builds."""
        vectors = index.dense.vectors
        build = f"build-{time.strftime('%Y%m%d%H%M%S', time.gmtime())}-{uuid.uuid4().hex[:8]}"
        table = "vectors_" + build.split("-", 1)[1].replace("-", "_")
        manifest = Manifest(**{**index.manifest.to_dict(), "index_type": "pgvector HNSW", "files": {}})
        passages = [index.passage_vectors[index.passage_offsets[i]:index.passage_offsets[i + 1]]
                    for i in range(len(index.chunks))]

        self._manifest = manifest

        def write(conn: Any) -> None:
            with conn.transaction():
                write_build(conn)

        def write_build(conn: Any) -> None:
            if conn.execute("SELECT 1 FROM vector_builds WHERE id = %s", (build,)).fetchone():
                return  # committed by an attempt whose acknowledgement was lost
            version = conn.execute("SELECT extversion FROM pg_extension WHERE extname = 'vector'").fetchone()[0]
            dense = {"kind": "pgvector-hnsw", "m": HNSW_M, "ef_construction": HNSW_EF_CONSTRUCTION,
                     "ef_search": EF_SEARCH, "build": build, "table": table, "pgvector": version}
            final = Manifest(**{**manifest.to_dict(), "dense": dense})
            create_table(conn, table, vectors.shape[1])
            copy_rows(conn, table, ((i, _chunk_record(c), vectors[i], passages[i].astype(np.float32).tobytes())
                                    for i, c in enumerate(index.chunks)))
            create_hnsw(conn, table, len(vectors), vectors.shape[1])
            conn.execute("INSERT INTO vector_builds (id, identity, table_name, manifest) VALUES (%s, %s, %s, %s)",
                         (build, identity_key(_identity(final)), table, json.dumps(final.to_dict())))
            self._manifest = final

        try:
            self.db.run(write)
        except StoreError:
            raise
        except Exception as exc:
            raise IndexStoreError(f"The pgvector build could not be written ({str(exc).splitlines()[0]}).") from None
        self._drop_old_builds()
        log.info("pgvector: %s is current (%d chunks)", build, len(index.chunks))
        return LoadedIndex(self._manifest, index.chunks, PgVectorIndex(self.db, table, len(index.chunks)),
                           index.passage_vectors, index.passage_offsets, index.bm25, None, index.thesaurus,
                           where=f"pgvector {build} ({self.url})", parts=index.parts)

    def _drop_old_builds(self) -> None:
        def drop(conn: Any) -> list[str]:
            with conn.transaction():
                return drop_builds(conn)

        def drop_builds(conn: Any) -> list[str]:
            old = conn.execute("SELECT id, table_name FROM vector_builds ORDER BY created_at DESC, id DESC "
                               "OFFSET %s", (KEEP_BUILDS,)).fetchall()
            for build, table in old:
                conn.execute(f"DROP TABLE IF EXISTS {table}")
                conn.execute("DELETE FROM vector_builds WHERE id = %s", (build,))
            return [b for b, _ in old]

        dropped = self.db.run(drop)
        if dropped:
            log.info("pgvector: dropped old builds %s", ", ".join(dropped))

    def builds(self) -> list[dict[str, Any]]:
        """The stored builds, newest first (id, table, chunks, created)."""
        rows = self.db.run(lambda conn: conn.execute(
            "SELECT id, table_name, manifest->>'count', created_at FROM vector_builds "
            "ORDER BY created_at DESC, id DESC").fetchall())
        return [{"id": b, "table": t, "chunks": int(n), "created_at": c.isoformat()} for b, t, n, c in rows]


def _identity(manifest: Manifest) -> dict[str, Any]:
    return {key: getattr(manifest, key) for key in
            ("format_version", "corpus_hash", "model", "chunker_version", "chunk_chars", "dimension")}


# -------------------------------------------------------------------------- table primitives
# Shared with bench/pgvector_scale.py, which measures them at 10k-1M rows.


def create_table(conn: Any, table: str, dim: int) -> None:
    conn.execute(f"CREATE TABLE {table} (row INTEGER PRIMARY KEY, chunk JSONB NOT NULL, "
                 f"embedding vector({dim}) NOT NULL, passages BYTEA NOT NULL)")


def copy_rows(conn: Any, table: str, rows: Iterable[tuple[int, dict[str, Any], np.ndarray, bytes]]) -> None:
    """Binary COPY: the fastest way in (vectors travel as float4, exactly)."""
    from psycopg.types.json import Jsonb

    with conn.cursor() as cursor:
        with cursor.copy(f"COPY {table} (row, chunk, embedding, passages) FROM STDIN WITH (FORMAT BINARY)") as copy:
            copy.set_types(["int4", "jsonb", "vector", "bytea"])
            for row, record, vector, passages in rows:
                copy.write_row((row, Jsonb(record), np.asarray(vector, dtype=np.float32), passages))


def create_hnsw(conn: Any, table: str, count: int, dim: int, m: int = HNSW_M,
                ef_construction: int = HNSW_EF_CONSTRUCTION) -> None:
    """The HNSW index, built in memory when it fits (``maintenance_work_mem``), then analysed."""
    graph_mb = max(64, min(8192, math.ceil(count * (dim * 4 + m * 16 + 64) * 1.3 / 2**20)))
    conn.execute(f"SET LOCAL maintenance_work_mem = '{graph_mb}MB'")
    conn.execute(f"CREATE INDEX ON {table} USING hnsw (embedding vector_ip_ops) "
                 f"WITH (m = {int(m)}, ef_construction = {int(ef_construction)})")
    conn.execute(f"ANALYZE {table}")


def _array(value: Any) -> np.ndarray:
    """A vector column as float32 (pgvector's adapter returns a Vector object, or an array)."""
    return np.asarray(value.to_numpy() if hasattr(value, "to_numpy") else value, dtype=np.float32)
