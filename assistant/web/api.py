"""The JSON API: ``/api/ask``, ``/api/search``, ``/api/health`` and ``/api/feedback``
(the admin summary is in ``admin.py``).

``/api/ask`` and ``/api/search`` return exactly the JSON of ``python -m assistant ask --json``
and ``search --json``. Wrong shapes get 422, invalid input 400, oversized input 413 and too many
requests 429 with ``Retry-After``: always a JSON body with an ``error`` message, never a 500.
"""

from __future__ import annotations

import logging
import math
import re
import time
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Header, Query, Request
from fastapi.responses import JSONResponse
from limits import RateLimitItem, parse_many
from limits.errors import ConfigurationError, StorageError
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter
from pydantic import BaseModel, ConfigDict, Field

from ..answer import Citation
from ..config import redact_url
from ..core import MAX_HISTORY_TURNS, MAX_K, Assistant, clean_text
from ..errors import ConfigError, InvalidInputError, StoreError
from ..question_log import QuestionLog
from ..retrieval import Hit
from ..store import RecordStore
from ..store.records import MAX_KEY_CHARS, Feedback, clip, new_key

log = logging.getLogger(__name__)

# A history longer than this is cut to its last turns by the assistant anyway; far longer is
# a malformed request.
MAX_HISTORY_ITEMS = 10 * MAX_HISTORY_TURNS


class Turn(BaseModel):
    model_config = ConfigDict(extra="ignore")
    role: Literal["user", "assistant"]
    content: str


class AskRequest(BaseModel):
    model_config = ConfigDict(extra="ignore", json_schema_extra={
        "examples": [{"question": "How long should I hold the knee to chest stretch?"},
                     {"question": "and what about high arches?",
                      "history": [{"role": "user", "content": "Which shoes for flat feet?"}]}]})
    question: str
    history: list[Turn] | None = Field(default=None, max_length=MAX_HISTORY_ITEMS)


class AnswerJSON(BaseModel):
    """Exactly the JSON of ``python -m assistant ask --json``."""

    question: str
    status: Literal["answered", "out_of_scope", "urgent", "small_talk", "invalid_input"]
    answer: str
    citations: list[Citation]


class SearchJSON(BaseModel):
    """Exactly the JSON of ``python -m assistant search --json``."""

    query: str
    hits: list[Hit]


class FeedbackRequest(BaseModel):
    model_config = ConfigDict(extra="ignore")
    rating: Literal["up", "down"]
    question: str = Field(max_length=10_000)
    answer: str = Field(max_length=10_000)
    citations: list[Citation] = Field(default_factory=list, max_length=50)
    status: str = Field(default="", max_length=20)


class StoredJSON(BaseModel):
    stored: bool
    key: str  # the idempotency key: send it again (Idempotency-Key) to retry safely
    duplicate: bool  # True when this key had been stored before (nothing stored twice)


class ErrorJSON(BaseModel):
    error: str


# Idempotency keys: what clients use (UUIDs, ULIDs, hashes), nothing that could forge a log line.
_KEY = re.compile(r"^[A-Za-z0-9._:-]{1,%d}$" % MAX_KEY_CHARS)


class RateLimited(Exception):
    def __init__(self, retry_after: int, limit: RateLimitItem) -> None:
        super().__init__(f"Too many requests: the limit is {limit}. Try again in {retry_after} s.")
        self.retry_after = retry_after


# A rate-limit store that fails is skipped (requests let through) for this long before the next
# try, so an outage costs one timeout every few seconds, not one per request.
LIMIT_STORE_RETRY_S = 5.0
LIMIT_STORE_TIMEOUT_S = 1.0


class RateLimiter:
    """Per-client limits (by client address) over a moving window, from the ``limits`` library.

    Counted in this process (``memory://``) or in a shared store such as Redis
    (``ASSISTANT_RATE_LIMIT_STORAGE=redis://HOST:PORT``), so that every replica counts the same
    requests. If the shared store goes away while serving, limits **fail open**: requests are
    let through and a warning is logged (at most one every few seconds) until it is back. Rate
    limiting is protection against abuse, not part of an answer; the chat staying up matters more.
    """

    def __init__(self, spec: str, storage: str = "memory://") -> None:
        self.enabled = spec.strip().lower() not in ("off", "0", "none", "")
        try:
            self.items = parse_many(spec) if self.enabled else []
        except ValueError:
            raise ConfigError(
                f"ASSISTANT_RATE_LIMIT={spec!r} is not a rate limit: write e.g. \"120/minute\" or "
                "\"10/second;2000/hour\", or \"off\"."
            ) from None
        self.storage_url = redact_url(storage)
        options: dict[str, Any] = {"wrap_exceptions": True}
        if storage.startswith("redis"):
            options.update(socket_connect_timeout=LIMIT_STORE_TIMEOUT_S, socket_timeout=LIMIT_STORE_TIMEOUT_S)
        try:
            self.storage = storage_from_string(storage, **options)
        except (ConfigurationError, ValueError) as exc:
            raise ConfigError(f"ASSISTANT_RATE_LIMIT_STORAGE={self.storage_url!r} cannot be used ({exc}): write "
                              "memory:// or redis://HOST:PORT.") from None
        self.strategy = MovingWindowRateLimiter(self.storage)  # type: ignore[arg-type]
        self._skip_until = 0.0

    def check(self) -> None:
        """ConfigError when the store cannot be reached (at start-up, before serving)."""
        if self.enabled and not self.storage.check():
            raise ConfigError(f"ASSISTANT_RATE_LIMIT_STORAGE={self.storage_url}: the rate-limit store cannot be "
                              "reached. Start it, fix the address, or unset the setting to count limits in "
                              "this process.")

    def __call__(self, request: Request) -> None:
        """The FastAPI dependency: counts one API request of this client."""
        self.hit(request.client.host if request.client else "unknown", "api")

    def hit(self, client: str, scope: str) -> None:
        """Count one request of ``client`` in ``scope`` ("api", "chat"); RateLimited when over."""
        if not self.enabled or time.monotonic() < self._skip_until:
            return
        try:
            for item in self.items:
                if not self.strategy.hit(item, APP, scope, client):
                    reset = self.strategy.get_window_stats(item, APP, scope, client).reset_time
                    raise RateLimited(max(1, math.ceil(reset - time.time())), item)
        except StorageError as exc:
            self._skip_until = time.monotonic() + LIMIT_STORE_RETRY_S
            log.warning("rate-limit store %s failed (%s: %s); letting requests through (fail open) and "
                        "trying it again in %.0f s", self.storage_url, type(exc.storage_error).__name__,
                        exc.storage_error, LIMIT_STORE_RETRY_S)


APP = "backpain-assistant"  # namespaces the keys in a store other applications may share


def router(bot: Assistant, limiter: RateLimiter, store: RecordStore,
           question_log: QuestionLog | None = None) -> APIRouter:
    """The JSON API; questions asked go to ``question_log`` when the server keeps one."""
    api = APIRouter(prefix="/api")
    limit = [Depends(limiter)]
    too_many: dict[int | str, dict[str, Any]] = {
        429: {"model": ErrorJSON, "description": "Too many requests; see Retry-After"}}

    @api.post("/ask", response_model=AnswerJSON, summary="Answer a question with citations",
              dependencies=limit,
              responses={**too_many,
                         400: {"model": AnswerJSON, "description": "Invalid question (status invalid_input)"},
                         413: {"model": AnswerJSON, "description": "Question or body too long"}})
    def ask(body: AskRequest) -> JSONResponse:
        history = [t.model_dump() for t in body.history] if body.history else None
        answer = bot.ask(body.question, history=history)
        if question_log is not None:
            question_log.record(answer, "api")
        code = 200
        if answer.status == "invalid_input":
            code = 413 if len(clean_text(body.question)) > bot.settings.max_question_chars else 400
        return JSONResponse(answer.to_dict(), status_code=code)

    @api.get("/search", response_model=SearchJSON, summary="The best passages for a query",
             dependencies=limit, responses={**too_many, 400: {"model": ErrorJSON}})
    def search(q: str = Query(description="the query", max_length=bot.settings.max_question_chars),
               k: Annotated[int, Query(ge=1, le=MAX_K)] = 5,
               mode: Literal["hybrid", "dense", "bm25"] = "hybrid") -> JSONResponse:
        try:
            hits = bot.search(q, k=k, mode=mode)
        except InvalidInputError as exc:
            return error(400, str(exc))
        return JSONResponse({"query": q, "hits": [h.to_dict() for h in hits]})

    @api.get("/health", summary="Status and the index manifest")
    def health() -> dict[str, Any]:
        manifest = bot.index.manifest
        return {"status": "ok", "documents": manifest.documents, "sections": len(bot.corpus.sections),
                "chunks": manifest.count, "model": manifest.model.get("name"), "manifest": manifest.to_dict()}

    @api.post("/feedback", status_code=201, response_model=StoredJSON,
              summary="Store a thumbs up or down on an answer", dependencies=limit,
              description="Send an `Idempotency-Key` header (e.g. a UUID) to retry safely: a key that "
                          "was stored before answers 200 with `duplicate: true` and stores nothing.",
              responses={**too_many, 200: {"model": StoredJSON, "description": "Stored before (same key)"},
                         400: {"model": ErrorJSON, "description": "Invalid Idempotency-Key"},
                         503: {"model": ErrorJSON, "description": "Feedback storage unavailable; retry"}})
    def feedback(body: FeedbackRequest,
                 idempotency_key: Annotated[str | None, Header(max_length=MAX_KEY_CHARS)] = None) -> JSONResponse:
        if idempotency_key is not None and not _KEY.match(idempotency_key):
            return error(400, f"Idempotency-Key must be 1-{MAX_KEY_CHARS} letters, digits or . _ : - "
                              "(a UUID works).")
        record = Feedback(rating=body.rating, question=clip(body.question), answer=clip(body.answer),
                          citations=tuple(c.to_dict() for c in body.citations), status=body.status,
                          source="api", key=idempotency_key or new_key())
        try:
            added = store.add_feedback(record)
        except StoreError as exc:
            # %r keeps whatever the record holds from forging extra log lines.
            log.error("feedback not stored: %r", str(exc))
            return error(503, "Feedback could not be stored right now; please try again later "
                              "(with the same Idempotency-Key).", {"Retry-After": "5"})
        return JSONResponse({"stored": True, "key": record.key, "duplicate": not added},
                            status_code=201 if added else 200)

    return api


def error(code: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=code, headers=headers)
