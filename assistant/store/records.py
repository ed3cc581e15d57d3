"""The records the server keeps: frozen, typed, each with an idempotency key.

A record's ``key`` makes storing it idempotent: a client that retries (the same
``Idempotency-Key`` header, the same chat message rated twice) never stores it twice.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from typing import Any, Literal

Rating = Literal["up", "down"]
MAX_FIELD_CHARS = 10_000
MAX_KEY_CHARS = 200


def utc_now() -> str:
    """The time a record is made: ISO 8601, UTC, whole seconds (sorts as text)."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def new_key() -> str:
    """A fresh idempotency key, for records whose client sent none."""
    return uuid.uuid4().hex


def clip(text: str) -> str:
    """Stored text fields are capped (the API refuses longer ones; the chat clips)."""
    return text[:MAX_FIELD_CHARS]


@dataclass(frozen=True)
class Feedback:
    """One rating of one answer, as stored."""

    rating: Rating
    question: str
    answer: str
    citations: tuple[dict[str, Any], ...] = ()
    status: str = ""
    source: str = "chat"  # "chat", "widget" or "api"
    time: str = field(default_factory=utc_now)
    key: str = field(default_factory=new_key)

    def to_dict(self) -> dict[str, Any]:
        record = asdict(self)
        record["citations"] = list(self.citations)
        return record

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Feedback":
        return cls(rating=data["rating"], question=data["question"], answer=data["answer"],
                   citations=tuple(data.get("citations") or ()), status=data.get("status") or "",
                   source=data.get("source") or "chat", time=data.get("time") or utc_now(),
                   key=data.get("key") or new_key())


Source = Literal["chat", "widget", "api"]
SOURCES: tuple[str, ...] = ("chat", "widget", "api")
# An oversized question is refused with its first 200 characters echoed; the log keeps no more.
MAX_LOGGED_QUESTION_CHARS = 2_000


@dataclass(frozen=True)
class Question:
    """One question a visitor asked, as the question log keeps it: what was asked, how it was
    answered and which sections the answer cited. Never who asked (no client address)."""

    question: str
    status: str  # answered, out_of_scope, urgent, small_talk or invalid_input
    source: Source
    # The sections the answer cited, each once, in the answer's order: document, anchor, section.
    sections: tuple[dict[str, str], ...] = ()
    time: str = field(default_factory=utc_now)
    key: str = field(default_factory=new_key)

    @property
    def day(self) -> str:
        """The UTC date it was asked (``YYYY-MM-DD``): what the per-day counts group by."""
        return self.time[:10]

    def to_dict(self) -> dict[str, Any]:
        record = asdict(self)
        record["sections"] = list(self.sections)
        return record


@dataclass(frozen=True)
class DayCount:
    """How many questions of one status and source were asked on one UTC day."""

    day: str
    status: str
    source: str
    count: int


@dataclass(frozen=True)
class CitedSection:
    """A section and the number of answers that cited it (an answer counts a section once)."""

    document: str
    anchor: str
    section: str
    citations: int


@dataclass(frozen=True)
class RatedAnswer:
    """A rated answer, for the list of thumbs-down answers."""

    question: str
    answer: str
    time: str
