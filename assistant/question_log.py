"""The question log: what visitors ask, recorded for the site owner (docs/admin.md).

Kept only when the server has an admin token (``ASSISTANT_ADMIN_TOKEN``) and
``ASSISTANT_LOG_QUESTIONS`` is not ``off``. Each record is the question's text, the answer's
status, the sections it cited, where it was asked (chat, widget, API) and when; never the client
address. Records older than ``ASSISTANT_LOG_DAYS`` are deleted.

Logging must never slow down or break answering, so :meth:`QuestionLog.record` only puts the
record in a bounded queue; one background thread writes them in batches (one transaction each).
A store that fails or is away costs a logged line and the records of that batch, never an answer.

Example:
    >>> log = QuestionLog(store, retention_days=30)
    >>> log.record(bot.ask("Which shoes for flat feet?"), "api")
    >>> log.flush()
    True
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone

from .answer import Answer
from .errors import StoreError
from .store import RecordStore
from .store.records import MAX_LOGGED_QUESTION_CHARS, SOURCES, Question, Source

log = logging.getLogger(__name__)

MAX_PENDING = 10_000  # records waiting to be written; beyond that new ones are dropped (and counted)
MAX_BATCH = 500
PURGE_EVERY_S = 3600.0
WARN_EVERY_S = 60.0
_STOP = object()


def question_record(answer: Answer, source: Source) -> Question:
    """What the log keeps of one answered question: each cited section once, in answer order."""
    if source not in SOURCES:
        raise ValueError(f"source must be one of {', '.join(SOURCES)}, not {source!r}")
    sections: dict[tuple[str, str], dict[str, str]] = {}
    for c in answer.citations:
        sections.setdefault((c.document, c.anchor), {"document": c.document, "anchor": c.anchor, "section": c.section})
    return Question(question=answer.question[:MAX_LOGGED_QUESTION_CHARS], status=answer.status, source=source,
                    sections=tuple(sections.values()))


def cutoff(days: int, now: datetime | None = None) -> str:
    """The time ``days`` days before ``now``, as stored times are written (ISO 8601, UTC)."""
    now = now or datetime.now(timezone.utc)
    return (now - timedelta(days=days)).isoformat(timespec="seconds")


class QuestionLog:
    """Writes logged questions to the record store from a background thread, and deletes the
    ones older than ``retention_days`` at start and every hour after."""

    def __init__(self, store: RecordStore, retention_days: int, max_pending: int = MAX_PENDING) -> None:
        self.store = store
        self.retention_days = retention_days
        self.dropped = 0  # records lost to a full queue or a failed write
        self._queue: queue.Queue[object] = queue.Queue(max_pending)
        self._next_purge = 0.0
        self._next_warning = 0.0
        self._thread = threading.Thread(target=self._run, name="question-log", daemon=True)
        self._thread.start()

    def record(self, answer: Answer, source: Source) -> None:
        """Queue one answered question for writing. Returns at once; never raises."""
        try:
            self._queue.put_nowait(question_record(answer, source))
        except queue.Full:
            self._lost(1, "the queue of questions waiting to be written is full (is the database slow?)")
        except Exception:  # a bug here must not cost the visitor their answer
            log.exception("question not logged")

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until every queued question has been written (or given up on); False on timeout."""
        done = self._queue.all_tasks_done
        with done:
            return done.wait_for(lambda: self._queue.unfinished_tasks == 0, timeout)

    def close(self, timeout: float = 5.0) -> None:
        """Write what is queued (waiting at most ``timeout``), then stop the writer."""
        try:
            self._queue.put(_STOP, timeout=timeout)
        except queue.Full:
            return
        self._thread.join(timeout)

    def purge(self) -> int:
        """Delete the questions older than the retention period now; how many."""
        deleted = self.store.delete_questions(cutoff(self.retention_days))
        if deleted:
            log.info("question log: deleted %d questions older than %d days", deleted, self.retention_days)
        return deleted

    # ------------------------------------------------------------------ the writer thread

    def _run(self) -> None:
        while True:
            if time.monotonic() >= self._next_purge:  # at start, then hourly
                self._next_purge = time.monotonic() + PURGE_EVERY_S
                self._safely(self.purge)
            try:
                first = self._queue.get(timeout=max(1.0, self._next_purge - time.monotonic()))
            except queue.Empty:
                continue
            batch = [first]
            while len(batch) < MAX_BATCH:  # whatever else is waiting goes in the same transaction
                try:
                    batch.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            records = [r for r in batch if isinstance(r, Question)]
            try:
                if records:
                    self._write(records)
            finally:
                for _ in batch:
                    self._queue.task_done()
            if any(r is _STOP for r in batch):
                return

    def _write(self, records: list[Question]) -> None:
        try:
            self.store.add_questions(records)
        except StoreError as exc:
            self._lost(len(records), f"the database refused them: {exc}")
        except Exception:
            self.dropped += len(records)
            log.exception("%d questions not logged", len(records))

    def _safely(self, step: Callable[[], object]) -> None:
        try:
            step()
        except StoreError as exc:
            log.error("question log: old questions not deleted (will try again in an hour): %r", str(exc))
        except Exception:
            log.exception("question log: old questions not deleted")

    def _lost(self, n: int, why: str) -> None:
        self.dropped += n
        now = time.monotonic()
        if now >= self._next_warning:  # one line a minute at most, however many are lost
            self._next_warning = now + WARN_EVERY_S
            # %r: what a record holds cannot forge log lines
            log.error("%d question(s) not logged (%d in all so far): %r", n, self.dropped, why)
