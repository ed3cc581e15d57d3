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

from .records import CitedSection, DayCount, Feedback, Question, RatedAnswer

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
    # The question log (recorded only when the server has an admin token; docs/admin.md). ``day`` is
    # the UTC date of ``created_at``, stored so that both dialects count per day with the same SQL;
    # ``sections`` lists the cited sections, each once: [{"document", "anchor", "section"}].
    Migration(2, "question log", {
        "sqlite": """
            CREATE TABLE questions (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                key TEXT NOT NULL UNIQUE,
                created_at TEXT NOT NULL,
                day TEXT NOT NULL,
                question TEXT NOT NULL,
                status TEXT NOT NULL,
                source TEXT NOT NULL CHECK (source IN ('chat', 'widget', 'api')),
                sections TEXT NOT NULL DEFAULT '[]'
            );
            CREATE INDEX questions_created_at ON questions (created_at);
            CREATE INDEX feedback_rating_created_at ON feedback (rating, created_at);
        """,
        "postgresql": """
            CREATE TABLE questions (
                id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                key TEXT NOT NULL UNIQUE,
                created_at TIMESTAMPTZ NOT NULL,
                day TEXT NOT NULL,
                question TEXT NOT NULL,
                status TEXT NOT NULL,
                source TEXT NOT NULL CHECK (source IN ('chat', 'widget', 'api')),
                sections JSONB NOT NULL DEFAULT '[]'
            );
            CREATE INDEX questions_created_at ON questions (created_at);
            CREATE INDEX feedback_rating_created_at ON feedback (rating, created_at);
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

    # The question log (docs/admin.md). ``since``/``before`` are ISO 8601 times.

    def add_questions(self, records: Sequence[Question]) -> int:
        """Store questions in one transaction; how many were new (a key stored before is skipped).

        Raises StoreUnavailable (transient) or StoreError.
        """
        ...

    def questions(self, since: str | None = None, limit: int | None = None) -> list[Question]:
        """Logged questions, oldest first."""
        ...

    def delete_questions(self, before: str) -> int:
        """Delete the questions logged before ``before``; how many."""
        ...

    def question_counts(self, since: str) -> list[DayCount]:
        """Questions since ``since`` counted per UTC day, status and source."""
        ...

    def uncovered_questions(self, since: str, limit: int) -> list[tuple[str, int]]:
        """The ``limit`` most frequent out-of-scope question texts since ``since``, with counts."""
        ...

    def top_sections(self, since: str, limit: int) -> list[CitedSection]:
        """The sections cited by the most answers since ``since``."""
        ...

    def feedback_counts(self, since: str) -> dict[str, int]:
        """Ratings since ``since``: ``{"up": n, "down": n}``."""
        ...

    def thumbs_down(self, since: str, limit: int) -> list[RatedAnswer]:
        """The newest thumbs-down answers since ``since``, newest first."""
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
    return Feedback(rating=row["rating"], question=row["question"], answer=row["answer"],
                    citations=tuple(citations), status=row["status"], source=row["source"],
                    time=_iso(row["created_at"]), key=row["key"])


def question_from_row(row: Mapping[str, Any]) -> Question:
    sections = row["sections"]
    if isinstance(sections, str):
        sections = json.loads(sections)
    return Question(question=row["question"], status=row["status"], source=row["source"],
                    sections=tuple(sections), time=_iso(row["created_at"]), key=row["key"])


def _iso(created: Any) -> str:
    """A stored time as ISO 8601 UTC text (SQLite keeps text, PostgreSQL gives a datetime)."""
    return created if isinstance(created, str) else created.astimezone(timezone.utc).isoformat(timespec="seconds")


class LogQueries:
    """The question log's reads, in SQL both dialects run alike (through ``rows``).

    A backend adds ``rows``, ``add_questions``, ``delete_questions`` and its dialect's
    ``TOP_SECTIONS`` query (cited sections live in a JSON column).
    """

    TOP_SECTIONS: str

    def rows(self, sql: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        raise NotImplementedError

    def questions(self, since: str | None = None, limit: int | None = None) -> list[Question]:
        sql = "SELECT * FROM questions" + (" WHERE created_at >= :since" if since else "") + " ORDER BY created_at, id"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return [question_from_row(r) for r in self.rows(sql, {"since": since} if since else None)]

    def question_counts(self, since: str) -> list[DayCount]:
        rows = self.rows("SELECT day, status, source, COUNT(*) AS n FROM questions WHERE created_at >= :since "
                         "GROUP BY day, status, source ORDER BY day, status, source", {"since": since})
        return [DayCount(r["day"], r["status"], r["source"], int(r["n"])) for r in rows]

    def uncovered_questions(self, since: str, limit: int) -> list[tuple[str, int]]:
        rows = self.rows("SELECT question, COUNT(*) AS n, MAX(created_at) AS latest FROM questions "
                         "WHERE created_at >= :since AND status = 'out_of_scope' GROUP BY question "
                         "ORDER BY n DESC, latest DESC LIMIT :limit", {"since": since, "limit": int(limit)})
        return [(r["question"], int(r["n"])) for r in rows]

    def top_sections(self, since: str, limit: int) -> list[CitedSection]:
        rows = self.rows(self.TOP_SECTIONS, {"since": since, "limit": int(limit)})
        return [CitedSection(r["document"], r["anchor"], r["section"], int(r["n"])) for r in rows]

    def feedback_counts(self, since: str) -> dict[str, int]:
        rows = self.rows("SELECT rating, COUNT(*) AS n FROM feedback WHERE created_at >= :since GROUP BY rating",
                         {"since": since})
        counts = {"up": 0, "down": 0}
        counts.update({r["rating"]: int(r["n"]) for r in rows})
        return counts

    def thumbs_down(self, since: str, limit: int) -> list[RatedAnswer]:
        rows = self.rows("SELECT question, answer, created_at FROM feedback WHERE rating = 'down' AND "
                         "created_at >= :since ORDER BY created_at DESC, id DESC LIMIT :limit",
                         {"since": since, "limit": int(limit)})
        return [RatedAnswer(r["question"], r["answer"], _iso(r["created_at"])) for r in rows]
