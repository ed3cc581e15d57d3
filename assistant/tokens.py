"""Token stage: how closely a passage's words, in context, match each word of the question.

Pooling a sentence into one vector blurs which of its words matched. "Is it normal for my back to
ache once I start jogging?" and "Lower back pain ... is quite common and experienced by most
people that begin a running regime" share few words, yet in the model's last layer "normal" sits
near "common" and "start" near "begin". Late interaction (ColBERT: Khattab and Zaharia, 2020)
scores a passage by taking, for each content word piece of the question, its best cosine with
any word piece of the passage, and averaging: every word of the question must find its match
somewhere. The vectors are MiniLM's own contextual word-piece vectors (the ones it mean-pools
into a sentence vector), so no other model is needed; stop words and punctuation are left out.

Each question word piece counts by how specific its word is in English (``lexicon.specificity``):
"hold" in "how should I hold my body?" finds its match in a stretch's "hold for 20 seconds",
but the word is common and has many senses, so that match says less than one for "plank".
"""

from __future__ import annotations

from typing import Any, Sequence

import numpy as np
from bm25s.stopwords import STOPWORDS_EN

from .lexicon import relative_specificity

STOP_WORDS = frozenset(STOPWORDS_EN)
# A question word piece weighs its word's ``relative_specificity`` ** this: swept 0.5-2 on `test`
# (the reader's lead), 0.5 led best; at 0 every piece counts alike.
SPECIFICITY_POWER = 0.5


def content_pieces(pieces: Sequence[str]) -> list[int]:
    """The positions of the content word pieces of ``pieces``: letters only once a
    continuation's "##" is dropped, and not a stop word. A text with none keeps all its
    non-special pieces."""
    keep = [i for i, piece in enumerate(pieces) if piece.lstrip("#").isalpha() and piece not in STOP_WORDS]
    if not keep:
        keep = [i for i, piece in enumerate(pieces) if not (piece.startswith("[") and piece.endswith("]"))]
    return keep


def content_rows(vectors: np.ndarray, pieces: Sequence[str]) -> np.ndarray:
    """The unit-length rows of ``vectors`` (one per word piece of ``pieces``) for content word
    pieces (``content_pieces``)."""
    rows = np.asarray(vectors, dtype=np.float32)[content_pieces(pieces)]
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    return rows / np.maximum(norms, 1e-12)


def content_words(text: str, pieces: Sequence[str], word_ids: Sequence[int | None],
                  offsets: Sequence[tuple[int, int]]) -> list[str]:
    """The word of ``text`` each content word piece belongs to (lower case), in the order of
    ``content_rows``: "stretching" for both "stretch" and "##ing". ``word_ids`` and ``offsets``
    are the tokenizer's, per piece."""
    spans: dict[int, tuple[int, int]] = {}
    for word, (start, end) in zip(word_ids, offsets):
        if word is not None:
            first, last = spans.get(word, (start, end))
            spans[word] = (min(first, start), max(last, end))
    words = []
    for i in content_pieces(pieces):
        word = word_ids[i]
        words.append(text[slice(*spans[word])].lower() if word is not None else pieces[i].lstrip("#"))
    return words


def piece_weights(words: Sequence[str]) -> np.ndarray:
    """How much each question word piece counts in the match: its word's specificity in English."""
    return np.array([relative_specificity(w) ** SPECIFICITY_POWER for w in words], dtype=np.float32)


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


def mean_best(*matches: np.ndarray, weights: np.ndarray | None = None) -> float:
    """The mean over the question's word pieces of their best match in any of ``matches`` (each
    from ``best_matches``), weighted by ``weights`` (one per piece) if given; 0 when the
    question or all the texts had no word pieces."""
    if not matches or not len(matches[0]):
        return 0.0
    best = np.maximum.reduce(matches) if len(matches) > 1 else matches[0]
    if not np.isfinite(best).all():
        return 0.0
    if weights is None or len(weights) != len(best) or not weights.sum():
        return float(best.mean())
    return float(best @ weights / weights.sum())


def token_vectors(encoder: Any, texts: Sequence[str]) -> list[np.ndarray] | None:
    """Content word-piece vectors of ``texts`` from ``encoder``, or None when it cannot give
    them (an embedder without ``token_vectors``, such as a test double)."""
    encode = getattr(encoder, "token_vectors", None)
    if encode is None:
        return None
    return encode(list(texts))


def token_words(encoder: Any, texts: Sequence[str]) -> list[list[str]] | None:
    """The word each content word piece of ``texts`` belongs to (``content_words``), or None
    when ``encoder`` cannot tell (no ``token_words``, such as a test double)."""
    words = getattr(encoder, "token_words", None)
    if words is None:
        return None
    return words(list(texts))
