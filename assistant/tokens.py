"""Token stage: how closely a passage's words, in context, match each word of the question.

Pooling a sentence into one vector blurs which of its words matched. "Is it normal for my back to
ache once I start jogging?" and "Lower back pain ... is quite common and experienced by most
people that begin a running regime" share few words, yet in the model's last layer "normal" sits
near "common" and "start" near "begin". Late interaction (ColBERT: Khattab and Zaharia, 2020)
scores a passage by taking, for each content word piece of the question, its best cosine with
any word piece of the passage, and averaging: every word of the question must find its match
somewhere. The vectors are MiniLM's own contextual word-piece vectors (the ones it mean-pools
into a sentence vector), so no other model is needed; stop words and punctuation are left out.
"""

from __future__ import annotations

from typing import Any, Sequence

import numpy as np
from bm25s.stopwords import STOPWORDS_EN

STOP_WORDS = frozenset(STOPWORDS_EN)


def content_rows(vectors: np.ndarray, pieces: Sequence[str]) -> np.ndarray:
    """The unit-length rows of ``vectors`` (one per word piece of ``pieces``) for content word
    pieces: letters only once a continuation's "##" is dropped, and not a stop word. A text with
    none keeps all its non-special pieces."""
    keep = [i for i, piece in enumerate(pieces) if piece.lstrip("#").isalpha() and piece not in STOP_WORDS]
    if not keep:
        keep = [i for i, piece in enumerate(pieces) if not (piece.startswith("[") and piece.endswith("]"))]
    rows = np.asarray(vectors, dtype=np.float32)[keep]
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    return rows / np.maximum(norms, 1e-12)


def maxsim(question: np.ndarray, passage: np.ndarray) -> float:
    """The mean, over the question's word pieces, of each one's best cosine with a passage word
    piece (0 when either has none)."""
    if not len(question) or not len(passage):
        return 0.0
    return float((question @ passage.T).max(axis=1).mean())


def token_vectors(encoder: Any, texts: Sequence[str]) -> list[np.ndarray] | None:
    """Content word-piece vectors of ``texts`` from ``encoder``, or None when it cannot give
    them (an embedder without ``token_vectors``, such as a test double)."""
    encode = getattr(encoder, "token_vectors", None)
    if encode is None:
        return None
    return encode(list(texts))
