"""Chunking stage: cut sections into small retrievable chunks on sentence boundaries.

A chunk never spans two sections. Each list item starts its own chunk, so every numbered
step can be retrieved on its own. Inside a chunk the quotable units are *passages*: single
sentences of paragraphs, or whole list items (a list item reads as one instruction).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pysbd

from .corpus import Block, Corpus, Section, locate, normalize_ws

# Bump when chunk boundaries or ids change: a saved index built by another version is stale.
CHUNKER_VERSION = "1"
MAX_CHUNK_CHARS = 600


@dataclass(frozen=True)
class Passage:
    """A quotable unit: one sentence, or one whole list item."""

    text: str
    start: int  # span in the document's source file
    end: int
    kind: str  # "sentence" | "item"
    list_id: int | None = None
    marker: str = ""


@dataclass(frozen=True)
class Chunk:
    """A few consecutive passages of one section."""

    id: str  # "<document>#<anchor>/<n>"
    document: str
    section: str  # heading path, e.g. "Lower Back Pain and Running › Watch your Posture"
    anchor: str
    passages: tuple[Passage, ...]

    @property
    def text(self) -> str:
        return " ".join(p.text for p in self.passages)

    @property
    def section_id(self) -> str:
        return f"{self.document}#{self.anchor}"

    @property
    def embed_text(self) -> str:
        """What gets embedded and BM25-indexed: the heading path gives a short chunk its topic."""
        return f"{self.section}. {self.text}"


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False, char_span=True)


def split_sentences(text: str) -> list[str]:
    """Sentences of a plain-text block, whitespace-normalised, none empty."""
    return list(_sentences(text))


@lru_cache(maxsize=16384)
def _sentences(text: str) -> tuple[str, ...]:
    # Cached: answers split the same quoted passages again and again (pysbd takes ~1 ms a call).
    if not text.strip():
        return ()
    return tuple(s for s in (normalize_ws(span.sent) for span in _segmenter().segment(text)) if s)


def block_passages(block: Block, source: str, max_chars: int = MAX_CHUNK_CHARS) -> list[Passage]:
    """A list item that fits is one passage; anything else is split into sentences."""
    if block.kind == "item" and len(block.text) <= max_chars:
        return [Passage(block.text, block.start, block.end, "item", block.list_id, block.marker)]
    kind = "item" if block.kind == "item" else "sentence"
    passages = []
    cursor = block.start
    for sentence in split_sentences(block.text):
        start, end = locate(sentence, source, cursor, block.end)
        if (start, end) == (cursor, block.end):  # markup inside: keep the block's span
            start, end = block.start, block.end
        else:
            cursor = end
        passages.append(Passage(sentence, start, end, kind, block.list_id, block.marker))
    return passages


def chunk_section(section: Section, source: str, max_chars: int = MAX_CHUNK_CHARS) -> list[Chunk]:
    """Pack a section's passages into chunks of at most ``max_chars`` (a longer sentence stands alone)."""
    groups: list[list[Passage]] = []
    current: list[Passage] = []
    size = 0
    for block in section.blocks:
        for passage in block_passages(block, source, max_chars):
            alone = passage.kind == "item"
            if current and (alone or current[-1].kind == "item" or size + 1 + len(passage.text) > max_chars):
                groups.append(current)
                current, size = [], 0
            current.append(passage)
            size += len(passage.text) + (1 if size else 0)
    if current:
        groups.append(current)
    return [
        Chunk(
            id=f"{section.section_id}/{n}",
            document=section.document,
            section=section.title,
            anchor=section.anchor,
            passages=tuple(group),
        )
        for n, group in enumerate(groups)
    ]


def chunk_corpus(corpus: Corpus, max_chars: int = MAX_CHUNK_CHARS) -> list[Chunk]:
    """All chunks of all documents, in document and section order."""
    return [
        chunk
        for doc in corpus.documents
        for section in doc.sections
        for chunk in chunk_section(section, doc.text, max_chars)
    ]
