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
