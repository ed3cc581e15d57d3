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
    return mean_best(best_matches(question, [passage])[0])


def best_matches(question: np.ndarray, texts: Sequence[np.ndarray]) -> list[np.ndarray]:
    """For each text's word-piece rows, every question word piece's best cosine with one of
    them (-inf for a text with none): all texts in one matrix product. The maxsim of the question
    with several texts together is ``mean_best`` of their best matches."""
    sizes = [len(t) for t in texts]
    nonempty = [t for t in texts if len(t)]
    if not nonempty or not len(question):
        return [np.full(len(question), -np.inf, dtype=np.float32) for _ in texts]
    cosines = np.asarray(question, dtype=np.float32) @ np.concatenate(nonempty).astype(np.float32).T
    offsets = np.cumsum([0, *(len(t) for t in nonempty[:-1])])
    maxima = iter(np.maximum.reduceat(cosines, offsets, axis=1).T)
    return [next(maxima) if n else np.full(len(question), -np.inf, dtype=np.float32) for n in sizes]


def mean_best(*matches: np.ndarray) -> float:
    """The mean over the question's word pieces of their best match in any of ``matches`` (each
    from ``best_matches``); 0 when the question or all the texts had no word pieces."""
    if not matches or not len(matches[0]):
        return 0.0
    best = np.maximum.reduce(matches) if len(matches) > 1 else matches[0]
    return float(best.mean()) if np.isfinite(best).all() else 0.0


def token_vectors(encoder: Any, texts: Sequence[str]) -> list[np.ndarray] | None:
    """Content word-piece vectors of ``texts`` from ``encoder``, or None when it cannot give
    them (an embedder without ``token_vectors``, such as a test double)."""
    encode = getattr(encoder, "token_vectors", None)
    if encode is None:
        return None
    return encode(list(texts))
