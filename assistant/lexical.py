"""Lexical tokenisation for BM25: lower-case words, English stop words dropped, Snowball stems."""

from __future__ import annotations

from functools import lru_cache

import bm25s
import Stemmer


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("english")


def tokenize(texts: list[str]) -> list[list[str]]:
    """Token lists as bm25s expects them (strings, so unknown query words are simply ignored)."""
    return bm25s.tokenize(texts, stopwords="en", stemmer=_stemmer(), return_ids=False, show_progress=False)


@lru_cache(maxsize=65536)
def terms(text: str) -> frozenset[str]:
    """The distinct stemmed content words of one text (cached: passages are scored on every ask)."""
    return frozenset(tokenize([text])[0])
