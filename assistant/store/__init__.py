"""The record store: what the server records (feedback today), in SQLite or PostgreSQL.

``open_store(settings)`` picks the backend from ``ASSISTANT_DATABASE_URL`` (default: SQLite at
``<data dir>/assistant.db``, no server), applies pending schema migrations, and imports an old
``feedback.jsonl`` once.

Example:
    >>> from assistant.config import Settings
    >>> store = open_store(Settings.from_env())
    >>> store.add_feedback(Feedback("up", "Which shoes?", "Cushioned ones. [1]"))
    True
"""

from __future__ import annotations

import logging
from pathlib import Path

from ..config import Settings
from .base import MIGRATIONS, SCHEMA_VERSION, Migration, RecordStore, import_jsonl
from .records import Feedback, clip, new_key

log = logging.getLogger(__name__)


def open_store(settings: Settings, import_legacy: bool = True) -> RecordStore:
    """The configured record store, migrated to the current schema.

    Raises StoreError (one line, password masked) when it cannot be opened.
    """
    url = settings.database
    store: RecordStore
    if url.startswith("sqlite:"):
        from .sqlite import SQLiteStore

        store = SQLiteStore(sqlite_path(url))
    else:
        from .postgres import PostgresStore

        store = PostgresStore(url)
    if import_legacy:
        import_jsonl(store, settings.data_dir)
    return store


def sqlite_path(url: str) -> Path:
    """``sqlite:///relative/file.db`` or ``sqlite:////absolute/file.db`` (SQLAlchemy's form) as a path."""
    from ..errors import ConfigError

    path = url[len("sqlite:///"):] if url.startswith("sqlite:///") else ""
    if not path or path.endswith("/"):
        raise ConfigError(f"ASSISTANT_DATABASE_URL={url!r} names no file: write sqlite:////absolute/path/assistant.db "
                          "or sqlite:///relative/path/assistant.db.")
    return Path(path)


__all__ = ["Feedback", "MIGRATIONS", "Migration", "RecordStore", "SCHEMA_VERSION", "clip", "new_key", "open_store"]
