"""One exception hierarchy. Every message says what to do about it.

Interfaces (CLI, HTTP, UI) turn these into their own error form in one place each.
"""

from __future__ import annotations


class AssistantError(Exception):
    """Base class: an error whose message is meant for the user."""


class ConfigError(AssistantError):
    """A setting is missing or has a value that cannot work."""


class CorpusError(AssistantError):
    """The corpus folder is missing, empty or has a file that cannot be read."""


class ModelError(AssistantError):
    """The embedding model cannot be found or loaded."""


class IndexStoreError(AssistantError):
    """The index cannot be built, read or written."""


class StoreError(AssistantError):
    """The record store (SQLite or PostgreSQL) cannot be opened, migrated or written."""


class StoreUnavailable(StoreError):
    """The database is unreachable right now (restarting, network); try again shortly."""


class InvalidInputError(AssistantError):
    """A question, query or argument that cannot be answered as given."""


class IngestError(InvalidInputError):
    """A file that cannot be added to the corpus as given (unsupported, unreadable, empty,
    already there); the corpus and the index are left as they were."""


__all__ = [
    "AssistantError",
    "ConfigError",
    "CorpusError",
    "IndexStoreError",
    "IngestError",
    "InvalidInputError",
    "ModelError",
    "StoreError",
    "StoreUnavailable",
]
