"""The JSON API: ``/api/ask``, ``/api/search``, ``/api/health`` and ``/api/feedback``.

``/api/ask`` and ``/api/search`` return exactly the JSON of ``python -m assistant ask --json``
and ``search --json``. Wrong shapes get 422, invalid input 400, oversized input 413 and too many
requests 429 with ``Retry-After``: always a JSON body with an ``error`` message, never a 500.
"""

from __future__ import annotations

import math
import time
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse
from limits import RateLimitItem, parse_many
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter
from pydantic import BaseModel, ConfigDict, Field

from ..answer import Citation
from ..core import MAX_HISTORY_TURNS, MAX_K, Assistant, clean_text
from ..retrieval import Hit
from ..errors import ConfigError, InvalidInputError
from .feedback import Feedback, FeedbackStore, clip

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
    status: Literal["answered", "out_of_scope", "urgent", "invalid_input"]
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


class ErrorJSON(BaseModel):
    error: str


class RateLimited(Exception):
    def __init__(self, retry_after: int, limit: RateLimitItem) -> None:
        super().__init__(f"Too many requests: the limit is {limit}. Try again in {retry_after} s.")
        self.retry_after = retry_after


class RateLimiter:
    """Per-client limits (by client address) over a moving window, from the ``limits`` library."""

    def __init__(self, spec: str) -> None:
        self.enabled = spec.strip().lower() not in ("off", "0", "none", "")
        try:
            self.items = parse_many(spec) if self.enabled else []
        except ValueError:
            raise ConfigError(
                f"ASSISTANT_RATE_LIMIT={spec!r} is not a rate limit: write e.g. \"120/minute\" or "
                "\"10/second;2000/hour\", or \"off\"."
            ) from None
        self.strategy = MovingWindowRateLimiter(MemoryStorage())

    def __call__(self, request: Request) -> None:
        """The FastAPI dependency: counts one API request of this client."""
        self.hit(request.client.host if request.client else "unknown", "api")

    def hit(self, client: str, scope: str) -> None:
        """Count one request of ``client`` in ``scope`` ("api", "chat"); RateLimited when over."""
        if not self.enabled:
            return
        for item in self.items:
            if not self.strategy.hit(item, scope, client):
                reset = self.strategy.get_window_stats(item, scope, client).reset_time
                raise RateLimited(max(1, math.ceil(reset - time.time())), item)


def router(bot: Assistant, limiter: RateLimiter, store: FeedbackStore) -> APIRouter:
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

    @api.post("/feedback", status_code=201, summary="Store a thumbs up or down on an answer",
              dependencies=limit,
              responses={**too_many,
                         503: {"model": ErrorJSON, "description": "Feedback storage unavailable"}})
    def feedback(body: FeedbackRequest) -> JSONResponse:
        record = Feedback(rating=body.rating, question=clip(body.question), answer=clip(body.answer),
                          citations=tuple(c.to_dict() for c in body.citations), status=body.status,
                          source="api")
        if not store.add(record):
            return error(503, "Feedback could not be stored right now; please try again later.")
        return JSONResponse({"stored": True}, status_code=201)

    return api


def error(code: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=code, headers=headers)
