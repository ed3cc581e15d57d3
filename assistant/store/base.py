"""The record store's contract, its schema migrations, and what every backend shares.

One protocol (:class:`RecordStore`), one file per backend (``sqlite.py``, ``postgres.py``),
chosen by ``ASSISTANT_DATABASE_URL`` in :func:`assistant.store.open_store`.

The schema is versioned: :data:`MIGRATIONS` is an ordered list, each step one SQL script per
dialect, applied at start-up under a lock (several replicas may start at once) and recorded in
``schema_migrations``. Adding a table (a question log, say) is one new :class:`Migration` at the
end of the list plus the methods that read and write it; never edit a step that has shipped.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import timezone
from pathlib import Path
from typing import Any, Protocol

from .records import Feedback

log = logging.getLogger(__name__)

LEGACY_FEEDBACK_FILE = "feedback.jsonl"


@dataclass(frozen=True)
class Migration:
    """One schema step: ``version`` (1, 2, ...) and its SQL per dialect ("sqlite", "postgresql")."""

    version: int
    name: str
    sql: Mapping[str, str]


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "feedback", {
        "sqlite": """
            CREATE TABLE feedback (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                key TEXT NOT NULL UNIQUE,
                created_at TEXT NOT NULL,
                rating TEXT NOT NULL CHECK (rating IN ('up', 'down')),
                question TEXT NOT NULL,
                answer TEXT NOT NULL,
                citations TEXT NOT NULL DEFAULT '[]',
                status TEXT NOT NULL DEFAULT '',
                source TEXT NOT NULL DEFAULT 'chat'
            );
            CREATE INDEX feedback_created_at ON feedback (created_at);
            CREATE TABLE store_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
        """,
        "postgresql": """
            CREATE TABLE feedback (
                id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                key TEXT NOT NULL UNIQUE,
                created_at TIMESTAMPTZ NOT NULL,
                rating TEXT NOT NULL CHECK (rating IN ('up', 'down')),
                question TEXT NOT NULL,
                answer TEXT NOT NULL,
                citations JSONB NOT NULL DEFAULT '[]',
                status TEXT NOT NULL DEFAULT '',
                source TEXT NOT NULL DEFAULT 'chat'
            );
            CREATE INDEX feedback_created_at ON feedback (created_at);
            CREATE TABLE store_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
        """,
    }),
)
SCHEMA_VERSION = MIGRATIONS[-1].version


class RecordStore(Protocol):
    """Where the server keeps what it records. Every write is idempotent by the record's key."""

    url: str  # with any password masked: safe to log

    def add_feedback(self, record: Feedback) -> bool:
        """Store one rating: True if stored now, False if its key was stored before.

        Raises StoreUnavailable (transient: try again) or StoreError; never stores twice.
        """
        ...

    def feedback(self, limit: int | None = None, since: str | None = None) -> list[Feedback]:
        """Stored ratings, oldest first; ``since`` an ISO 8601 time (inclusive)."""
        ...

    def rows(self, sql: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        """Rows of a read-only query written with ``:name`` parameters (for reports)."""
        ...

    def migrate(self, migrations: Sequence[Migration] = MIGRATIONS) -> list[int]:
        """Apply the steps the database lacks (done on open); the versions applied."""
        ...

    def schema_version(self) -> int:
        ...

    def get_meta(self, name: str) -> str | None:
        ...

    def set_meta(self, name: str, value: str) -> None:
        ...

    def close(self) -> None:
        ...


def pending(applied: int, migrations: Sequence[Migration] = MIGRATIONS) -> list[Migration]:
    """The steps after version ``applied``, in order; a database newer than this code is an error."""
    newest = migrations[-1].version if migrations else 0
    if applied > newest:
        from ..errors import StoreError

        raise StoreError(f"The database schema is version {applied}, newer than this version of the "
                         f"assistant knows ({newest}): upgrade the assistant, or point "
                         "ASSISTANT_DATABASE_URL at another database.")
    return [m for m in migrations if m.version > applied]


def import_jsonl(store: RecordStore, folder: Path) -> int:
    """Import ``<folder>/feedback.jsonl`` (the store before the database) once; returns how many.

    Each line's key is derived from its content and line number, so an import that was cut off
    resumes without duplicates; a checksum in ``store_meta`` skips a file already imported.
    The file is left in place.
    """
    path = Path(folder) / LEGACY_FEEDBACK_FILE
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return 0
    except OSError as exc:
        log.warning("cannot read %s to import it (%s); skipped", LEGACY_FEEDBACK_FILE, exc.strerror)
        return 0
    checksum = hashlib.sha256(data).hexdigest()
    meta = f"imported:{LEGACY_FEEDBACK_FILE}:{checksum}"
    if store.get_meta(meta):
        return 0
    added = skipped = 0
    for number, line in enumerate(data.decode("utf-8", errors="replace").splitlines(), start=1):
        try:
            record = json.loads(line)
            key = "jsonl-" + hashlib.sha256(f"{number}:{line}".encode()).hexdigest()[:32]
            added += store.add_feedback(Feedback.from_dict({**record, "key": key}))
        except (ValueError, KeyError, TypeError):
            skipped += 1
    store.set_meta(meta, str(added))
    log.info("imported %d feedback records from %s (%d unreadable lines skipped); the file is left in place",
             added, LEGACY_FEEDBACK_FILE, skipped)
    return added


def feedback_from_row(row: Mapping[str, Any]) -> Feedback:
    citations = row["citations"]
    if isinstance(citations, str):
        citations = json.loads(citations)
    created = row["created_at"]
    time = created if isinstance(created, str) else created.astimezone(timezone.utc).isoformat(timespec="seconds")
    return Feedback(rating=row["rating"], question=row["question"], answer=row["answer"],
                    citations=tuple(citations), status=row["status"], source=row["source"],
                    time=time, key=row["key"])
