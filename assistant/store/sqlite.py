"""The default record store: one SQLite file, ``<data dir>/assistant.db``. No server.

WAL mode lets several server processes on one machine read while one writes; a writer waits
for the lock (``busy_timeout``) instead of failing. ``synchronous=FULL``: a record is on disk
before it is acknowledged. Each thread has its own connection (requests run on a thread pool).
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ..errors import StoreError
from .base import MIGRATIONS, LogQueries, Migration, feedback_from_row, pending
from .records import Feedback, Question

log = logging.getLogger(__name__)
BUSY_TIMEOUT_MS = 15_000


class SQLiteStore(LogQueries):
    """Records in one SQLite database file (created, with its folder, when first opened)."""

    dialect = "sqlite"
    TOP_SECTIONS = """
        SELECT json_extract(s.value, '$.document') AS document, json_extract(s.value, '$.anchor') AS anchor,
               json_extract(s.value, '$.section') AS section, COUNT(*) AS n
        FROM questions AS q, json_each(q.sections) AS s
        WHERE q.created_at >= :since
        GROUP BY 1, 2, 3 ORDER BY n DESC, document, anchor LIMIT :limit
    """

    def __init__(self, path: Path, migrations: tuple[Migration, ...] = MIGRATIONS) -> None:
        self.path = Path(path)
        self.url = f"sqlite:///{self.path}"
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.migrate(migrations)
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"Cannot open the database {self.path.name} in {self.path.parent.name}/ "
                             f"({_reason(exc)}): make the data folder (ASSISTANT_DATA_DIR) writable, or set "
                             "ASSISTANT_DATABASE_URL.") from None

    def _connect(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            # Autocommit: transactions are explicit (BEGIN IMMEDIATE takes the write lock up front).
            conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False,
                                   timeout=BUSY_TIMEOUT_MS / 1000)
            conn.row_factory = sqlite3.Row
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            _switch_to_wal(conn)
            conn.execute("PRAGMA synchronous = FULL")
            self._local.conn = conn
            with self._lock:
                self._connections.append(conn)
        return conn

    def migrate(self, migrations: tuple[Migration, ...] = MIGRATIONS) -> list[int]:
        """Apply the pending schema steps in one transaction; returns their versions."""
        conn = self._connect()
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute("CREATE TABLE IF NOT EXISTS schema_migrations "
                         "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)")
            applied = conn.execute("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").fetchone()[0]
            steps = pending(applied, migrations)
            for step in steps:
                for statement in _statements(step.sql[self.dialect]):
                    conn.execute(statement)
                conn.execute("INSERT INTO schema_migrations VALUES (?, ?, datetime('now'))", (step.version, step.name))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        for step in steps:
            log.info("database schema: applied migration %d (%s)", step.version, step.name)
        return [s.version for s in steps]

    def add_feedback(self, record: Feedback) -> bool:
        try:
            cursor = self._connect().execute(
                "INSERT INTO feedback (key, created_at, rating, question, answer, citations, status, source) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING",
                (record.key, record.time, record.rating, record.question, record.answer,
                 json.dumps(list(record.citations), ensure_ascii=False), record.status, record.source))
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"feedback not stored in {self.path.name} ({_reason(exc)})") from None
        return cursor.rowcount == 1

    def add_questions(self, records: Sequence[Question]) -> int:
        conn = self._connect()
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                added = 0
                for r in records:
                    added += conn.execute(
                        "INSERT INTO questions (key, created_at, day, question, status, source, sections) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING",
                        (r.key, r.time, r.day, r.question, r.status, r.source,
                         json.dumps(list(r.sections), ensure_ascii=False))).rowcount
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"questions not logged in {self.path.name} ({_reason(exc)})") from None
        return added

    def delete_questions(self, before: str) -> int:
        try:
            return self._connect().execute("DELETE FROM questions WHERE created_at < ?", (before,)).rowcount
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"old questions not deleted from {self.path.name} ({_reason(exc)})") from None

    def feedback(self, limit: int | None = None, since: str | None = None) -> list[Feedback]:
        sql = "SELECT * FROM feedback" + (" WHERE created_at >= :since" if since else "") + " ORDER BY id"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return [feedback_from_row(r) for r in self.rows(sql, {"since": since} if since else None)]

    def rows(self, sql: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        try:
            return [dict(r) for r in self._connect().execute(sql, dict(params or {})).fetchall()]
        except sqlite3.Error as exc:
            raise StoreError(f"query failed on {self.path.name} ({_reason(exc)})") from None

    def schema_version(self) -> int:
        return int(self.rows("SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations")[0]["v"])

    def get_meta(self, name: str) -> str | None:
        found = self.rows("SELECT value FROM store_meta WHERE name = :name", {"name": name})
        return found[0]["value"] if found else None

    def set_meta(self, name: str, value: str) -> None:
        self._connect().execute("INSERT INTO store_meta VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = "
                                "excluded.value", (name, value))

    def close(self) -> None:
        with self._lock:
            for conn in self._connections:
                conn.close()
            self._connections.clear()
        self._local = threading.local()


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]


def _switch_to_wal(conn: sqlite3.Connection) -> None:
    """``PRAGMA journal_mode = WAL``, retried while another process holds the lock: the switch
    of a new database file can fail at once with "database is locked" when several processes
    open it together, without waiting for ``busy_timeout`` (the file stays in WAL mode after
    the first switch, so this happens only then)."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    delay = 0.01
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() + delay > deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.5)


def _reason(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
