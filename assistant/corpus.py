"""Corpus stage: read every Markdown file in the corpus folder and parse it into sections.

Parsing uses markdown-it-py tokens (never regexes over raw Markdown). A section is the text
between one heading and the next; it keeps its heading path, a GitHub-style anchor and the
character spans of its blocks in the source file, so a citation can point at the exact text.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.anchors.index import slugify
from mdit_py_plugins.front_matter import front_matter_plugin

from .errors import CorpusError

SECTION_SEPARATOR = " › "


@dataclass(frozen=True)
class Block:
    """A paragraph, list item or table row, as plain text with its span in the source file."""

    kind: str  # "paragraph" | "item" | "row"
    text: str
    start: int
    end: int
    list_id: int | None = None  # items of the same list share an id within their section
    marker: str = ""  # "1." or "-" for list items


@dataclass(frozen=True)
class Section:
    """The text under one heading, up to the next heading of any level."""

    document: str
    title_path: tuple[str, ...]
    anchor: str
    level: int
    blocks: tuple[Block, ...]
    start: int
    end: int

    @property
    def title(self) -> str:
        return SECTION_SEPARATOR.join(self.title_path)

    @property
    def text(self) -> str:
        return "\n\n".join(block.text for block in self.blocks)

    @property
    def section_id(self) -> str:
        """``<document>#<anchor>``: the id that evaluation judgments use."""
        return f"{self.document}#{self.anchor}"


@dataclass(frozen=True)
class Document:
    """One Markdown file of the corpus."""

    id: str  # path relative to the corpus folder, without ".md"
    path: str  # path relative to the corpus folder
    title: str
    source: str | None
    questions: tuple[str, ...]  # example questions offered to users
    text: str  # the whole file, as read
    sections: tuple[Section, ...]


@dataclass(frozen=True)
class Corpus:
    documents: tuple[Document, ...]
    content_hash: str

    @property
    def sections(self) -> tuple[Section, ...]:
        return tuple(s for d in self.documents for s in d.sections)

    def document(self, doc_id: str) -> Document:
        for doc in self.documents:
            if doc.id == doc_id:
                return doc
        raise KeyError(doc_id)


def _markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    md.use(front_matter_plugin)
    md.use(anchors_plugin, min_level=1, max_level=6, slug_func=slugify, permalink=False)
    return md


_MD = _markdown()


def normalize_ws(text: str) -> str:
    """Collapse runs of whitespace to one space; the only change a quote may have."""
    return " ".join(text.split())


def corpus_files(corpus_dir: Path) -> list[Path]:
    """Every ``.md`` file under the corpus folder (hidden files and folders skipped), sorted."""
    if not corpus_dir.is_dir():
        raise CorpusError(
            f"Corpus folder {corpus_dir} does not exist: create it and put Markdown articles "
            "in it, or point ASSISTANT_CORPUS_DIR / --corpus at the right folder."
        )
    files = sorted(
        p
        for p in corpus_dir.rglob("*.md")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(corpus_dir).parts)
    )
    if not files:
        raise CorpusError(f"Corpus folder {corpus_dir} has no .md files: add at least one article.")
    return files


def load_corpus(corpus_dir: Path) -> Corpus:
    """Read and parse every article; the content hash covers names and bytes of all files."""
    digest = hashlib.sha256()
    documents = []
    for path in corpus_files(corpus_dir):
        rel = path.relative_to(corpus_dir).as_posix()
        raw = path.read_bytes()
        digest.update(rel.encode() + b"\0" + hashlib.sha256(raw).digest())
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise CorpusError(
                f"corpus/{rel} is not UTF-8 text (byte {exc.start}): re-save it as UTF-8."
            ) from None
        documents.append(parse_document(text, rel))
    return Corpus(documents=tuple(documents), content_hash=digest.hexdigest())


def parse_document(text: str, rel_path: str) -> Document:
    """Parse one Markdown file into a :class:`Document` with its sections."""
    text = text.lstrip("\ufeff")
    doc_id = rel_path[:-3] if rel_path.endswith(".md") else rel_path
    tokens = _MD.parse(text)
    meta = _front_matter(tokens, rel_path)
    title = str(meta.get("title") or _first_h1(tokens) or Path(doc_id).name.replace("-", " "))
    questions = tuple(str(q) for q in meta.get("questions") or () if str(q).strip())
    source = meta.get("source")
    builder = _SectionBuilder(doc_id, title, text)
    builder.consume(tokens)
    return Document(
        id=doc_id,
        path=rel_path,
        title=normalize_ws(title),
        source=str(source) if source else None,
        questions=questions,
        text=text,
        sections=tuple(builder.sections),
    )


def _front_matter(tokens: list[Token], rel_path: str) -> dict[str, Any]:
    for token in tokens:
        if token.type == "front_matter":
            return _yaml_mapping(token.content, f"corpus/{rel_path}")
    return {}


def _yaml_mapping(text: str, label: str) -> dict[str, Any]:
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        raise CorpusError(f"{label}: front matter is not valid YAML ({exc}).") from None
    if not isinstance(data, dict):
        raise CorpusError(f"{label}: front matter must be a YAML mapping (key: value).")
    return data


def split_front_matter(text: str, label: str) -> tuple[dict[str, Any], str]:
    """A Markdown text's front matter (empty when it has none) and the Markdown after it.

    ``label`` names the file in error messages.
    """
    text = text.lstrip("\ufeff")
    for token in _MD.parse(text):
        if token.type == "front_matter" and token.map:
            body = "".join(text.splitlines(keepends=True)[token.map[1]:])
            return _yaml_mapping(token.content, label), body
    return {}, text


def _first_h1(tokens: list[Token]) -> str | None:
    for i, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag == "h1":
            return inline_text(tokens[i + 1])
    return None


def inline_text(inline: Token) -> str:
    """Plain text of an inline token: markup dropped, link and image text kept."""
    parts: list[str] = []
    for child in inline.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(child.content)
    return normalize_ws("".join(parts))


def locate(text: str, source: str, lo: int, hi: int) -> tuple[int, int]:
    """Span of ``text`` in ``source[lo:hi]``, allowing any whitespace between words.

    Falls back to ``(lo, hi)`` when inline markup sits between the words.
    """
    words = text.split()
    if not words:
        return lo, lo
    match = re.compile(r"\s+".join(map(re.escape, words))).search(source, lo, hi)
    return (match.start(), match.end()) if match else (lo, hi)


class _SectionBuilder:
    """Walks the token stream once, cutting sections at headings."""

    def __init__(self, doc_id: str, title: str, source: str) -> None:
        self.doc_id = doc_id
        self.title = normalize_ws(title)
        self.source = source
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.sections: list[Section] = []
        self.stack: list[tuple[int, str]] = []  # (level, heading text)
        self.anchor = slugify(self.title)
        self.level = 0
        self.start = 0
        self.blocks: list[Block] = []
        self.list_count = 0
        self.lists: list[int] = []  # open lists' ids, innermost last
        self.items: list[dict[str, Any]] = []  # open list items, innermost last
        self.row: list[str] | None = None
        self.row_map: list[int] | None = None

    def offset(self, line: int) -> int:
        return self.line_starts[line] if line < len(self.line_starts) else len(self.source)

    def consume(self, tokens: list[Token]) -> None:
        for i, token in enumerate(tokens):
            kind = token.type
            if kind == "heading_open":
                self.flush(self.offset(token.map[0]) if token.map else len(self.source))
                level = int(token.tag[1])
                heading = inline_text(tokens[i + 1])
                while self.stack and self.stack[-1][0] >= level:
                    self.stack.pop()
                self.stack.append((level, heading))
                self.anchor = str(token.attrGet("id") or slugify(heading))
                self.level = level
                self.start = self.offset(token.map[0]) if token.map else 0
            elif kind in ("bullet_list_open", "ordered_list_open"):
                self.list_count += 1
                self.lists.append(self.list_count)
            elif kind in ("bullet_list_close", "ordered_list_close"):
                self.lists.pop()
            elif kind == "list_item_open":
                marker = f"{token.info}{token.markup}" if token.info else token.markup
                self.items.append({"parts": [], "map": token.map, "marker": marker, "list": self.lists[-1]})
            elif kind == "list_item_close":
                item = self.items.pop()
                self.add_block("item", " ".join(item["parts"]), item["map"], item["list"], item["marker"])
            elif kind == "tr_open":
                self.row, self.row_map = [], token.map
            elif kind == "tr_close" and self.row is not None:
                self.add_block("row", " | ".join(c for c in self.row if c), self.row_map)
                self.row = None
            elif kind == "inline" and i > 0:
                self.inline(tokens[i - 1], token)
        self.flush(len(self.source))

    def inline(self, opener: Token, token: Token) -> None:
        if opener.type == "heading_open":
            return
        text = inline_text(token)
        if opener.type in ("th_open", "td_open") and self.row is not None:
            self.row.append(text)
        elif opener.type == "paragraph_open":
            if self.items:
                self.items[-1]["parts"].append(text)
            else:
                self.add_block("paragraph", text, opener.map)

    def add_block(self, kind: str, text: str, line_map: list[int] | None,
                  list_id: int | None = None, marker: str = "") -> None:
        text = normalize_ws(text)
        if not text:
            return
        lo, hi = (self.offset(line_map[0]), self.offset(line_map[1])) if line_map else (0, len(self.source))
        start, end = locate(text, self.source, lo, hi)
        self.blocks.append(Block(kind, text, start, end, list_id, marker))

    def flush(self, end: int) -> None:
        if self.blocks:
            path = [h for lvl, h in self.stack if not (lvl == 1 and h == self.title)]
            self.sections.append(
                Section(
                    document=self.doc_id,
                    title_path=(self.title, *path),
                    anchor=self.anchor,
                    level=self.level,
                    blocks=tuple(sorted(self.blocks, key=lambda b: b.start)),
                    start=self.start,
                    end=end,
                )
            )
        self.blocks = []
