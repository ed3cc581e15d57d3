"""Records in PostgreSQL (``ASSISTANT_DATABASE_URL=postgresql://...``): psycopg 3 with a pool.

Also the connection handling the pgvector store shares (:class:`PgPool`): a pool whose calls
wait out a short outage (a restart, a fail-over) and then fail fast while the database stays
away, so requests that need it get a clear 503 instead of piling up.
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

from ..config import redact_url
from ..errors import StoreError, StoreUnavailable
from .base import MIGRATIONS, LogQueries, Migration, feedback_from_row, pending
from .records import Feedback, Question

log = logging.getLogger(__name__)
T = TypeVar("T")
# A call waits this long for the database to come back (a restart takes a few seconds) ...
RETRY_SECONDS = 10.0
# ... and after one such wait failed, calls fail at once for this long (one call probes after it).
FAIL_FAST_SECONDS = 2.0
CONNECT_TIMEOUT_S = 5
MIGRATION_LOCK = 0x6261636B  # pg_advisory_xact_lock key: "back"


class PgPool:
    """A psycopg connection pool for one database URL, opened and checked at start-up.

    Raises StoreError with one clear line (the URL's password masked) when the database cannot
    be reached or refuses the login.
    """

    def __init__(self, url: str, setting: str = "ASSISTANT_DATABASE_URL", max_size: int = 8,
                 configure: Callable[[Any], None] | None = None,
                 setup: Callable[[Any], None] | None = None, autocommit: bool = False,
                 check: bool = True) -> None:
        import psycopg
        from psycopg_pool import ConnectionPool

        self.url = redact_url(url)
        self.setting = setting
        self._down_until = 0.0
        kwargs = {"connect_timeout": CONNECT_TIMEOUT_S, "application_name": "backpain-assistant"}
        try:  # one direct connection first: the pool would only say "timed out", not why
            conn = psycopg.connect(url, **kwargs)
        except Exception as exc:  # psycopg.Error, or a malformed URL (ProgrammingError, ValueError)
            raise StoreError(f"{setting}={self.url}: cannot connect ({_reason(exc, url)}). Check the "
                             "address, user, password and database name, and that PostgreSQL is running.") from None
        with conn:
            if setup is not None:  # e.g. CREATE EXTENSION, before connections are configured for it
                try:
                    setup(conn)
                    conn.commit()
                except psycopg.Error as exc:
                    raise StoreError(f"{setting}={self.url}: the database could not be prepared "
                                     f"({_reason(exc, url)}).") from None
            if configure is not None:
                configure(conn)
        # ``check`` costs a round trip per call; without it a connection broken by a restart
        # fails its first statement instead, and run() retries on another one.
        self.pool = ConnectionPool(url, kwargs={**kwargs, "autocommit": autocommit}, min_size=1,
                                   max_size=max_size, open=False, configure=configure,
                                   check=ConnectionPool.check_connection if check else None,
                                   timeout=RETRY_SECONDS, name=setting)
        self.pool.open(wait=True, timeout=RETRY_SECONDS)

    def run(self, fn: Callable[[Any], T], retry_seconds: float = RETRY_SECONDS) -> T:
        """``fn(connection)`` in one transaction (committed on return), retried on a lost
        connection until ``retry_seconds`` pass; StoreUnavailable after that. ``fn`` must be
        safe to repeat (every write here is idempotent by key)."""
        import psycopg
        from psycopg_pool import PoolTimeout

        if time.monotonic() < self._down_until:
            raise StoreUnavailable(f"the database ({self.url}) is unavailable")
        deadline = time.monotonic() + retry_seconds
        while True:
            try:
                with self.pool.connection(timeout=max(0.1, deadline - time.monotonic())) as conn:
                    result = fn(conn)
                self._down_until = 0.0
                return result
            except PoolTimeout:
                self._down_until = time.monotonic() + FAIL_FAST_SECONDS
                log.warning("database %s unreachable for %.0f s; failing fast for %.0f s", self.url,
                            retry_seconds, FAIL_FAST_SECONDS)
                raise StoreUnavailable(f"the database ({self.url}) is unavailable") from None
            except psycopg.OperationalError as exc:  # connection lost mid-call: the pool drops it
                if time.monotonic() >= deadline:
                    raise StoreUnavailable(f"the database ({self.url}) is unavailable: "
                                           f"{_reason(exc, '')}") from None
                log.info("database connection lost (%s); retrying", _reason(exc, ""))
                time.sleep(0.2)

    def close(self) -> None:
        self.pool.close()


class PostgresStore(LogQueries):
    """Records in a PostgreSQL database; the schema is created or migrated on open."""

    dialect = "postgresql"
    TOP_SECTIONS = """
        SELECT s->>'document' AS document, s->>'anchor' AS anchor, s->>'section' AS section, COUNT(*) AS n
        FROM questions AS q CROSS JOIN LATERAL jsonb_array_elements(q.sections) AS s
        WHERE q.created_at >= :since
        GROUP BY 1, 2, 3 ORDER BY n DESC, document, anchor LIMIT :limit
    """

    def __init__(self, url: str, migrations: tuple[Migration, ...] = MIGRATIONS) -> None:
        self.db = PgPool(url)
        self.url = self.db.url
        try:
            self.migrate(migrations)
        except StoreError:
            self.db.close()
            raise
        except Exception as exc:
            self.db.close()
            raise StoreError(f"ASSISTANT_DATABASE_URL={self.url}: the schema could not be created or "
                             f"migrated ({_reason(exc, url)}); the user needs CREATE rights on the database.") from None

    def migrate(self, migrations: tuple[Migration, ...] = MIGRATIONS) -> list[int]:
        """Apply pending steps in one transaction, serialised across replicas by an advisory lock."""

        def apply(conn: Any) -> list[Migration]:
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
            conn.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                         "name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())")
            applied = conn.execute("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").fetchone()[0]
            steps = pending(applied, migrations)
            for step in steps:
                conn.execute(step.sql[self.dialect])
                conn.execute("INSERT INTO schema_migrations (version, name) VALUES (%s, %s)", (step.version, step.name))
            return steps

        steps = self.db.run(apply)
        for step in steps:
            log.info("database schema: applied migration %d (%s)", step.version, step.name)
        return [s.version for s in steps]

    def add_feedback(self, record: Feedback) -> bool:
        def insert(conn: Any) -> bool:
            cursor = conn.execute(
                "INSERT INTO feedback (key, created_at, rating, question, answer, citations, status, source) "
                "VALUES (%s, %s, %s, %s, %s, %s::jsonb, %s, %s) ON CONFLICT (key) DO NOTHING",
                (record.key, record.time, record.rating, record.question, record.answer,
                 json.dumps(list(record.citations), ensure_ascii=False), record.status, record.source))
            return cursor.rowcount == 1

        return self.db.run(insert)

    def add_questions(self, records: Sequence[Question]) -> int:
        if not records:
            return 0
        columns = [[r.key for r in records], [r.time for r in records], [r.day for r in records],
                   [r.question for r in records], [r.status for r in records], [r.source for r in records],
                   [json.dumps(list(r.sections), ensure_ascii=False) for r in records]]

        def insert(conn: Any) -> int:  # one statement, one round trip, however many records
            return conn.execute(
                "INSERT INTO questions (key, created_at, day, question, status, source, sections) "
                "SELECT * FROM unnest(%s::text[], %s::timestamptz[], %s::text[], %s::text[], %s::text[], "
                "%s::text[], %s::jsonb[]) ON CONFLICT (key) DO NOTHING", columns).rowcount

        return self.db.run(insert)

    def delete_questions(self, before: str) -> int:
        return self.db.run(lambda conn: conn.execute("DELETE FROM questions WHERE created_at < %s", (before,)).rowcount)

    def feedback(self, limit: int | None = None, since: str | None = None) -> list[Feedback]:
        sql = "SELECT * FROM feedback" + (" WHERE created_at >= :since" if since else "") + " ORDER BY id"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return [feedback_from_row(r) for r in self.rows(sql, {"since": since} if since else None)]

    def rows(self, sql: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        from psycopg.rows import dict_row

        def query(conn: Any) -> list[dict[str, Any]]:
            with conn.cursor(row_factory=dict_row) as cursor:
                cursor.execute(_named(sql), dict(params or {}))
                return list(cursor.fetchall())

        return self.db.run(query)

    def schema_version(self) -> int:
        return int(self.rows("SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations")[0]["v"])

    def get_meta(self, name: str) -> str | None:
        found = self.rows("SELECT value FROM store_meta WHERE name = :name", {"name": name})
        return found[0]["value"] if found else None

    def set_meta(self, name: str, value: str) -> None:
        self.db.run(lambda conn: conn.execute(
            "INSERT INTO store_meta VALUES (%s, %s) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            (name, value)))

    def close(self) -> None:
        self.db.close()


def _named(sql: str) -> str:
    """``:name`` parameters (as SQLite writes them) in psycopg's ``%(name)s`` form; ``::casts`` kept."""
    return re.sub(r"(?<![:\w]):([A-Za-z_]\w*)", r"%(\1)s", sql.replace("%", "%%"))


def _reason(exc: BaseException, url: str) -> str:
    """The first line of a driver error, with the URL's password (if any) cut out."""
    text = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
    password = _password(url)
    return text.replace(password, "***") if password else text


def _password(url: str) -> str | None:
    from urllib.parse import urlsplit

    try:
        return urlsplit(url).password or None
    except ValueError:
        return None
