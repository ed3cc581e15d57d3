"""Thumbs up / down on answers, stored durably as append-only JSON Lines.

One record per line in ``<data dir>/feedback.jsonl``. Each record is written with a single
``write`` on a file opened with ``O_APPEND`` while holding a lock file, then fsync'ed, so
concurrent writers (threads or several server processes) never interleave or lose records.
A failing disk never breaks the chat: ``add`` logs the failure and returns False.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Literal

from filelock import FileLock, Timeout

log = logging.getLogger(__name__)

FILE_NAME = "feedback.jsonl"
Rating = Literal["up", "down"]
MAX_FIELD_CHARS = 10_000


@dataclass(frozen=True)
class Feedback:
    """One rating of one answer, as stored."""

    rating: Rating
    question: str
    answer: str
    citations: tuple[dict[str, Any], ...] = ()
    status: str = ""
    source: str = "chat"  # "chat", "widget" or "api"
    time: str = field(default_factory=lambda: datetime.now(timezone.utc).isoformat(timespec="seconds"))

    def to_json(self) -> str:
        record = asdict(self)
        record["citations"] = list(self.citations)
        return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


class FeedbackStore:
    """Appends feedback records to one JSONL file in ``folder`` (created when first needed)."""

    def __init__(self, folder: Path) -> None:
        self.path = Path(folder) / FILE_NAME
        self._lock = threading.Lock()

    def add(self, feedback: Feedback) -> bool:
        """Store one record; False (and a logged error) when the disk refuses it."""
        line = (feedback.to_json() + "\n").encode("utf-8")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self._lock, FileLock(str(self.path) + ".lock", timeout=10):
                fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
                try:
                    _append(fd, line)
                finally:
                    os.close(fd)
        except (OSError, Timeout) as exc:
            # %r keeps whatever the record holds from forging extra log lines.
            log.error("feedback not stored in %s: %r", self.path.parent.name, exc)
            return False
        return True

    def records(self) -> list[dict[str, Any]]:
        """Every stored record (a line that is not valid JSON is skipped)."""
        if not self.path.exists():
            return []
        out = []
        for line in self.path.read_text("utf-8").splitlines():
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError:
                continue
        return out


def _append(fd: int, line: bytes) -> None:
    """Write one whole line or nothing: a partial write (disk full) is cut off again."""
    size = os.fstat(fd).st_size
    try:
        written = os.write(fd, line)
        if written != len(line):
            raise OSError(f"short write ({written} of {len(line)} bytes)")
        os.fsync(fd)
    except OSError:
        os.ftruncate(fd, size)
        raise


def clip(text: str) -> str:
    return text[:MAX_FIELD_CHARS]
