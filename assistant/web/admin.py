"""For site owners: ``GET /api/admin/summary``, the ``/admin`` page and the question log as CSV.

They exist only when the server has an admin token (``ASSISTANT_ADMIN_TOKEN``); without one
every ``/admin`` and ``/api/admin`` path answers 404. The token is compared in constant time
(SHA-256 digests compared with :func:`hmac.compare_digest`, so neither its contents nor its
length leak through timing).

- ``/api/admin/summary?days=N`` takes ``Authorization: Bearer <token>``; anything else is 401.
- ``/admin`` asks for the token once in a form (POSTed, never in a URL) and then keeps the
  browser signed in with a cookie for 12 hours: HttpOnly, SameSite=Strict, Secure over HTTPS,
  path ``/admin``. The cookie holds an HMAC of its issue time keyed by the token, not the token,
  so any replica with the same token accepts it, and changing the token signs everyone out.
- ``/admin/questions.csv?days=N`` takes either the cookie or the Bearer header.

Failed sign-ins count against the client's rate limit (``ASSISTANT_RATE_LIMIT``).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import time
from typing import Annotated
from urllib.parse import parse_qs

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response, StreamingResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel

from ..config import MAX_LOG_DAYS, Settings
from ..core import Assistant
from ..errors import StoreError
from ..store import RecordStore
from ..summary import DEFAULT_DAYS, Summary, summarize, window
from . import admin_page
from .api import ErrorJSON, RateLimited, RateLimiter, error

log = logging.getLogger(__name__)

COOKIE = "assistant_admin"
SESSION_SECONDS = 12 * 3600
MAX_FORM_BYTES = 4096
NO_STORE = {"Cache-Control": "no-store", "X-Robots-Tag": "noindex"}
UNAUTHORIZED = ("This needs the admin token: send it as `Authorization: Bearer <token>` (the server's "
                "ASSISTANT_ADMIN_TOKEN).")


# Module level: FastAPI reads the handlers' annotations as strings against this module's names.
BEARER = HTTPBearer(auto_error=False, scheme_name="admin token", description="The server's ASSISTANT_ADMIN_TOKEN")
DAYS = Query(ge=1, le=MAX_LOG_DAYS, description=f"the last N UTC days, today included (1-{MAX_LOG_DAYS})")


class AdminAuth:
    """Checks the admin token and the sign-in cookie derived from it."""

    def __init__(self, token: str) -> None:
        self._key = token.encode()
        self._digest = hashlib.sha256(self._key).digest()

    def token_ok(self, presented: str | None) -> bool:
        """Constant time: the digests compared always have the same length."""
        if not presented:
            return False
        return hmac.compare_digest(hashlib.sha256(presented.encode("utf-8", "replace")).digest(), self._digest)

    def new_session(self, now: float | None = None) -> str:
        issued = str(int(now if now is not None else time.time()))
        return f"{issued}.{self._sign(issued)}"

    def session_ok(self, cookie: str | None, now: float | None = None) -> bool:
        issued, _, signature = (cookie or "").partition(".")
        if not issued.isdigit() or not hmac.compare_digest(signature.encode(), self._sign(issued).encode()):
            return False
        age = (now if now is not None else time.time()) - int(issued)
        return -60 <= age <= SESSION_SECONDS

    def _sign(self, issued: str) -> str:
        return hmac.new(self._key, f"admin-session:{issued}".encode(), hashlib.sha256).hexdigest()


class UncoveredJSON(BaseModel):
    question: str
    count: int


class SectionJSON(BaseModel):
    document: str
    anchor: str
    section: str
    citations: int


class RatedJSON(BaseModel):
    question: str
    answer: str
    time: str


class SummaryJSON(BaseModel):
    """Exactly the JSON of ``python -m assistant report --json``."""

    days: int
    questions: int
    by_status: dict[str, int]
    by_source: dict[str, int]
    feedback: dict[str, int]
    uncovered: list[UncoveredJSON]
    top_sections: list[SectionJSON]
    thumbs_down: list[RatedJSON]


def router(bot: Assistant, store: RecordStore, settings: Settings, limiter: RateLimiter) -> APIRouter:
    """The admin routes for a server with an admin token."""
    auth = AdminAuth(settings.admin_token)
    routes = APIRouter()

    def summary_of(days: int) -> Summary:
        return summarize(store, days, encode=bot.query_embedder.encode)

    def bearer_ok(credentials: HTTPAuthorizationCredentials | None) -> bool:
        return credentials is not None and auth.token_ok(credentials.credentials)

    def signed_in(request: Request) -> bool:
        return auth.session_ok(request.cookies.get(COOKIE))

    def require_token(credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(BEARER)]) -> None:
        if not bearer_ok(credentials):
            raise unauthorized()

    @routes.get("/api/admin/summary", response_model=SummaryJSON, summary="What visitors asked (admin token)",
                dependencies=[Depends(limiter), Depends(require_token)],  # failed tries count too
                description="Questions per status and source, feedback counts, the out-of-scope questions "
                            "grouped by meaning (most asked first), the most cited sections and the newest "
                            "thumbs-down answers, over the last `days` days. Exactly the JSON of "
                            "`python -m assistant report --json`.",
                responses={401: {"model": ErrorJSON, "description": "Missing or wrong admin token"},
                           429: {"model": ErrorJSON, "description": "Too many requests; see Retry-After"},
                           503: {"model": ErrorJSON, "description": "The database is unavailable; retry"}})
    def api_summary(days: Annotated[int, DAYS] = DEFAULT_DAYS) -> JSONResponse:
        return JSONResponse(summary_of(days).to_dict(), headers=NO_STORE)

    @routes.get("/admin", include_in_schema=False)
    @routes.get("/admin/", include_in_schema=False)
    def page(request: Request) -> Response:
        if not signed_in(request):
            return _html(admin_page.signin_page(), 200)
        days = _days(request.query_params.get("days"))
        if days is None:
            return _html(admin_page.message_page(
                "Not a period", f"The period must be a number of days from 1 to {MAX_LOG_DAYS}."), 400)
        try:
            summary = summary_of(days)
        except StoreError as exc:
            log.error("admin page: %r", str(exc))
            return _html(admin_page.message_page("Database unavailable", "The question log cannot be read "
                                                 "right now; please try again shortly."), 503)
        return _html(admin_page.dashboard_page(summary, settings.records_questions, settings.log_days), 200)

    @routes.post("/admin/login", include_in_schema=False)
    async def login(request: Request) -> Response:
        if not _same_origin(request):
            return _html(admin_page.message_page("Refused", "Sign in from this server's own /admin page."), 403)
        form = parse_qs((await request.body())[:MAX_FORM_BYTES].decode("utf-8", "replace"))
        if not auth.token_ok((form.get("token") or [""])[0]):
            try:
                limiter.hit(_client(request), "admin")
            except RateLimited as exc:
                return _html(admin_page.signin_page(f"Too many attempts: try again in {exc.retry_after} s."), 429,
                             {"Retry-After": str(exc.retry_after)})
            return _html(admin_page.signin_page("That is not the admin token."), 401)
        response = RedirectResponse("/admin", status_code=303, headers=NO_STORE)
        response.set_cookie(COOKIE, auth.new_session(), max_age=SESSION_SECONDS, path="/admin",
                            secure=request.url.scheme == "https", httponly=True, samesite="strict")
        return response

    @routes.post("/admin/logout", include_in_schema=False)
    def logout(request: Request) -> Response:
        response = RedirectResponse("/admin", status_code=303, headers=NO_STORE)
        response.delete_cookie(COOKIE, path="/admin", secure=request.url.scheme == "https", httponly=True,
                               samesite="strict")
        return response

    @routes.get("/admin/questions.csv", include_in_schema=False, dependencies=[Depends(limiter)])
    def questions_csv(request: Request,
                      credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(BEARER)]) -> Response:
        if not (signed_in(request) or bearer_ok(credentials)):
            raise unauthorized()
        days = _days(request.query_params.get("days"))
        if days is None:
            return error(400, f"days must be a whole number from 1 to {MAX_LOG_DAYS}.")
        since, dates = window(days)
        questions = store.questions(since=since)
        name = f"questions-{dates[0]}-to-{dates[-1]}.csv"
        return StreamingResponse(admin_page.csv_lines(questions), media_type="text/csv; charset=utf-8",
                                 headers={**NO_STORE, "Content-Disposition": f'attachment; filename="{name}"'})

    return routes


def not_found_router() -> APIRouter:
    """Without an admin token every admin path is 404 (not the chat mounted at ``/``)."""
    routes = APIRouter()

    def missing() -> JSONResponse:
        return error(404, "Not Found")

    for path in ("/admin", "/admin/{rest:path}", "/api/admin", "/api/admin/{rest:path}"):
        routes.add_api_route(path, missing, methods=["GET", "POST", "HEAD"], include_in_schema=False)
    return routes


def unauthorized() -> HTTPException:
    """401 with ``WWW-Authenticate: Bearer`` (the app turns it into its JSON error)."""
    return HTTPException(401, UNAUTHORIZED, headers={"WWW-Authenticate": 'Bearer realm="admin"', **NO_STORE})


def _days(raw: str | None) -> int | None:
    if raw is None or raw == "":
        return DEFAULT_DAYS
    raw = raw.strip()
    if not raw.isascii() or not raw.isdigit() or not 1 <= int(raw) <= MAX_LOG_DAYS:
        return None
    return int(raw)


def _html(text: str, status: int, headers: dict[str, str] | None = None) -> HTMLResponse:
    return HTMLResponse(text, status_code=status, headers={**NO_STORE, **(headers or {})})


def _client(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _same_origin(request: Request) -> bool:
    """A form POST from this server's own page (browsers send Origin on POST); no Origin (curl,
    older browsers) is let through: the cookie is SameSite=Strict anyway."""
    origin = request.headers.get("origin")
    if origin is None:
        return True
    host = request.headers.get("host", "")
    return origin in (f"http://{host}", f"https://{host}")

