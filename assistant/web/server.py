"""One ASGI app (FastAPI, served by uvicorn): the JSON API, the article view, the embeddable
widget, the site owner's pages (``/admin``, with an admin token), and the Gradio chat mounted at
``/`` (full page) and ``/embed/`` (the widget's view).

``python app.py`` and ``python -m assistant serve`` both end up in :func:`serve`.
"""

from __future__ import annotations

import ipaddress
import logging
import re
import socket
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, Callable

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..config import Settings
from ..core import Assistant
from ..errors import ConfigError, IndexStoreError, StoreError
from ..question_log import QuestionLog
from ..store import RecordStore, open_store
from . import admin, api, article, ui

log = logging.getLogger("assistant.web")

STATIC = Path(__file__).parent / "static"
# Gradio posts the whole conversation with every message, so its limit is looser than the API's.
MAX_UI_BODY_BYTES = 2 * 1024 * 1024
# Request line and headers: room for the longest query string the API accepts (2,000 characters,
# each up to 12 bytes percent-encoded); longer requests are refused by the HTTP layer.
MAX_HEAD_BYTES = 128 * 1024
_ORIGIN = re.compile(r"^https?://[A-Za-z0-9.-]+(?::\d{1,5})?$|^\*$")


def create_app(bot: Assistant, settings: Settings | None = None, store: RecordStore | None = None,
               limiter: api.RateLimiter | None = None) -> FastAPI:
    """The whole web app around one loaded assistant."""
    settings = settings or bot.settings
    origins = check_origins(settings.embed_origins)
    store = store or open_store(settings)
    limiter = limiter or api.RateLimiter(settings.rate_limit, settings.rate_limit_storage)
    # The question log is written from its own thread; shutting down writes what is queued.
    questions = QuestionLog(store, settings.log_days) if settings.records_questions else None

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        if questions is not None:
            questions.close()

    app = FastAPI(title="Back pain & running assistant", version="0.1.0", docs_url="/docs", redoc_url=None,
                  description="Grounded, cited answers about lower back pain and running. "
                              "`/api/ask` and `/api/search` return exactly the JSON of the CLI's "
                              "`ask --json` and `search --json`.",
                  max_body_size=MAX_UI_BODY_BYTES, lifespan=lifespan)
    app.state.question_log = questions
    app.include_router(api.router(bot, limiter, store, questions), max_body_size=settings.max_body_bytes)
    if settings.admin_token:
        app.include_router(admin.router(bot, store, settings, limiter), max_body_size=settings.max_body_bytes)
    else:
        app.include_router(admin.not_found_router())
    _add_error_handlers(app)
    _add_pages(app, bot)

    app.add_middleware(CORSMiddleware, allow_origins=list(origins), allow_methods=["GET", "POST"],
                       allow_headers=["Content-Type"], max_age=600)
    app.add_middleware(DeclaredBodyLimit, api_limit=settings.max_body_bytes)
    app.add_middleware(SecurityHeaders, frame_ancestors=frame_ancestors(origins))

    import gradio as gr

    for path, compact in (("/embed", True), ("/", False)):
        demo = ui.build(bot, store, compact=compact, limiter=limiter, question_log=questions)
        demo.queue(default_concurrency_limit=4, max_size=64)
        gr.mount_gradio_app(app, demo, path=path, footer_links=[], run_history=False, show_error=False,
                            ssr_mode=False, css=ui.EMBED_CSS if compact else ui.CSS,
                            head=ui.EMBED_HEAD if compact else ui.HEAD)
    return app


def check_origins(origins: tuple[str, ...]) -> tuple[str, ...]:
    bad = [o for o in origins if not _ORIGIN.match(o)]
    if bad or not origins:
        raise ConfigError(
            f"ASSISTANT_EMBED_ORIGINS has {', '.join(map(repr, bad)) or 'nothing'}: list the sites "
            "allowed to embed the chat as origins like https://www.example.org (scheme, host and "
            "port, no path), separated by spaces, or * for any site."
        )
    return tuple(o.rstrip("/") for o in origins)


def frame_ancestors(origins: tuple[str, ...]) -> str:
    return "*" if "*" in origins else " ".join(("'self'", *origins))


def _add_pages(app: FastAPI, bot: Assistant) -> None:
    documents = {d.id: d for d in bot.corpus.documents}

    @app.get("/article/", response_class=HTMLResponse, include_in_schema=False)
    def articles() -> HTMLResponse:
        return HTMLResponse(article.index_page(bot.corpus))

    @app.get("/article/{document:path}", response_class=HTMLResponse, include_in_schema=False)
    def show_article(document: str, q: str | None = None) -> HTMLResponse:
        doc = documents.get(document)
        if doc is None:
            return HTMLResponse(article.not_found_page(document), status_code=404)
        return HTMLResponse(article.article_page(doc, q[: article.MAX_QUOTE_CHARS] if q else None))

    @app.get("/widget.js", include_in_schema=False)
    def widget() -> Response:
        return Response((STATIC / "widget.js").read_text("utf-8"), media_type="text/javascript",
                        headers={"Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*"})

    @app.get("/widget-demo", response_class=HTMLResponse, include_in_schema=False)
    def widget_demo() -> HTMLResponse:
        return HTMLResponse((STATIC / "widget-demo.html").read_text("utf-8"))

    app.mount("/ui-static", StaticFiles(directory=STATIC), name="static")


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(api.RateLimited)
    def rate_limited(request: Request, exc: api.RateLimited) -> JSONResponse:
        return api.error(429, str(exc), {"Retry-After": str(exc.retry_after)})

    @app.exception_handler(StoreError)
    @app.exception_handler(IndexStoreError)
    def unavailable(request: Request, exc: Exception) -> JSONResponse:
        # A database the answer needs (pgvector) is away: say so, and when to retry; no 500.
        log.error("%s %s: %r", request.method, request.url.path, str(exc))
        return api.error(503, "The assistant cannot reach its database right now; please try again shortly.",
                         {"Retry-After": "5"})

    @app.exception_handler(RequestValidationError)
    def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [_problem(e) for e in exc.errors()][:10]
        return JSONResponse({"error": "The request is not valid: " + "; ".join(problems) + ".",
                             "detail": problems}, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        message = str(exc.detail)
        if exc.status_code == 413:
            message = "The request body is too large: send a shorter question (and history)."
        return api.error(exc.status_code, message, getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    def internal(request: Request, exc: Exception) -> JSONResponse:
        log.exception("internal error on %s %s", request.method, request.url.path)
        return api.error(500, "Internal error; it has been logged. Please try again.")


def _problem(error: dict[str, Any]) -> str:
    if error.get("type") == "json_invalid":
        return f"the body is not valid JSON (at character {error.get('loc', ('', '?'))[-1]})"
    where = ".".join(str(part) for part in error.get("loc", ()) if part != "body") or "body"
    return f"{where}: {error.get('msg', 'invalid')}"


class DeclaredBodyLimit:
    """A JSON 413 for API requests whose Content-Length is over the limit, before any reading.

    Bodies without a Content-Length are cut off while streaming by FastAPI's ``max_body_size``.
    """

    def __init__(self, app: ASGIApp, api_limit: int) -> None:
        self.app, self.api_limit = app, api_limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"].startswith("/api/"):
            declared = dict(scope["headers"]).get(b"content-length", b"0")
            if not declared.isdigit() or int(declared) > self.api_limit:
                response = api.error(413, f"The request body is over {self.api_limit // 1024} KB: send a "
                                          "shorter question (and history).")
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


class SecurityHeaders:
    """Security headers on every response; a Content-Security-Policy on every HTML page."""

    def __init__(self, app: ASGIApp, frame_ancestors: str) -> None:
        self.app = app
        self.gradio_csp = (
            "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; media-src 'self' blob:; "
            f"object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors {frame_ancestors}"
        )
        self.page_csp = (
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            f"frame-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors {frame_ancestors}"
        )
        # The site owner's pages: no script at all, and never framed (clickjacking).
        self.admin_csp = (
            "default-src 'none'; script-src 'none'; style-src 'self'; img-src 'self'; "
            "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]

        async def add_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = message.setdefault("headers", [])
                names = {name.lower() for name, _ in headers}
                extra = [(b"x-content-type-options", b"nosniff"),
                         (b"referrer-policy", b"strict-origin-when-cross-origin")]
                content_type = dict(headers).get(b"content-type", b"")
                if content_type.startswith(b"text/html") and b"content-security-policy" not in names:
                    if path == "/admin" or path.startswith("/admin/"):
                        csp = self.admin_csp
                    elif path.startswith(("/article", "/widget-demo")):
                        csp = self.page_csp
                    else:
                        csp = self.gradio_csp
                    extra.append((b"content-security-policy", csp.encode()))
                headers.extend(h for h in extra if h[0] not in names)
            await send(message)

        await self.app(scope, receive, add_headers)


# --------------------------------------------------------------------------------------- serve


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_port(host: str, port: int) -> None:
    """Fail fast, before the model loads, when the address cannot be bound."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError as exc:
            raise ConfigError(f"Cannot listen on {host}:{port} ({exc.strerror}): is another server "
                              "running there? Choose another port with --port.") from None


def serve(bot_loader: Callable[[], Assistant], host: str, port: int, allow_remote: bool = False,
          log_level: str = "info") -> None:
    """Load the assistant once, then serve until interrupted."""
    import uvicorn

    if not is_loopback(host) and not allow_remote:
        raise ConfigError(f"--host {host} would make the chat reachable from other machines: add "
                          "--allow-remote to do that on purpose (see SECURITY.md), or use 127.0.0.1.")
    if not 1 <= port <= 65535:
        raise ConfigError(f"--port must be from 1 to 65535, not {port}.")
    check_port(host, port)
    settings = Settings.from_env()
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    # Configuration errors and unreachable stores show before the model loads.
    check_origins(settings.embed_origins)
    limiter = api.RateLimiter(settings.rate_limit, settings.rate_limit_storage)
    limiter.check()
    store = open_store(settings)
    log.info("records: %s (schema v%d); rate limits: %s (%s); vector store: %s", store.url,
             store.schema_version(), settings.rate_limit, limiter.storage_url, settings.vector_store)
    if settings.records_questions:
        log.info("question log: on, kept %d days; site owner's page at /admin", settings.log_days)
    elif settings.admin_token:
        log.info("question log: off (ASSISTANT_LOG_QUESTIONS=off); site owner's page at /admin")
    bot = bot_loader()
    app = create_app(bot, settings, store, limiter)
    shown = f"[{host}]" if ":" in host else host
    print(f"Chat at http://{shown}:{port}/  ·  API docs http://{shown}:{port}/docs  ·  "
          f"widget demo http://{shown}:{port}/widget-demo"
          + (f"  ·  visitor questions http://{shown}:{port}/admin" if settings.admin_token else ""),
          file=sys.stderr, flush=True)
    uvicorn.run(app, host=host, port=port, log_level=log_level, timeout_graceful_shutdown=5,
                server_header=False, h11_max_incomplete_event_size=MAX_HEAD_BYTES)

