"""From converted Markdown to the corpus file: title, heading levels, front matter, slug.

Whatever the format, the article the corpus stage reads has the same shape: front matter, the
title as the only H1, and the sections as H2 (sub-sections H3...), so that every topic becomes
a citable section with its own anchor.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import yaml
from markdown_it import MarkdownIt

from ..corpus import normalize_ws
from .convert import Converted

MAX_SLUG_CHARS = 60
_TRAILING = {"a", "an", "and", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with"}
_MD = MarkdownIt("commonmark", {"html": True}).enable("table")


@dataclass(frozen=True)
class Article:
    """One article ready to be written as ``corpus/<slug>.md``."""

    slug: str
    title: str
    body: str  # Markdown: "# title", then the sections
    original_file: str
    sha256: str
    format: str
    added: str  # YYYY-MM-DD (UTC)
    source: str | None = None
    published: str | None = None
    questions: tuple[str, ...] = ()

    def text(self) -> str:
        """The whole file: YAML front matter, then the body."""
        meta: dict[str, object] = {"title": self.title}
        if self.source:
            meta["source"] = self.source
        meta["added"] = self.added
        if self.published:
            meta["published"] = self.published
        meta.update(original_file=self.original_file, format=self.format, sha256=self.sha256)
        if self.questions:
            meta["questions"] = list(self.questions)
        front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=10_000)
        return f"---\n{front}---\n\n{self.body}"


def make_article(converted: Converted, *, original_file: str, sha256: str, added: str,
                 title: str | None = None, source: str | None = None) -> Article:
    """The article for a converted file; ``title`` and ``source`` (from the command line) win over
    what the file says."""
    fallback = _title_from_name(original_file)
    if title is None and converted.format == "markdown":
        title = converted.title  # a Markdown file's front matter title is its author's own choice
    final_title, body = tidy(converted.markdown, title=title, hint=converted.title, fallback=fallback)
    return Article(
        slug=slugify(final_title) or slugify(fallback) or f"article-{sha256[:8]}",
        title=final_title,
        body=body,
        original_file=original_file,
        sha256=sha256,
        format=converted.format,
        added=added,
        source=source or converted.source,
        published=converted.published,
        questions=converted.questions,
    )


def tidy(markdown: str, title: str | None = None, hint: str | None = None,
         fallback: str = "Untitled") -> tuple[str, str]:
    """The article's title and its body as ``# title`` followed by sections at H2 and below.

    The title is ``title`` if given, else the document's own single H1 at the top, else
    ``hint`` (metadata), else ``fallback``. Headings are shifted so the highest remaining level
    is H2; paragraphs are put on one line each; blank lines and trailing spaces are tidied.
    """
    lines = markdown.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    tokens = _MD.parse("\n".join(lines))
    headings = [(int(t.tag[1]), t.map, normalize_ws(tokens[i + 1].content))
                for i, t in enumerate(tokens) if t.type == "heading_open" and t.map]
    replace: dict[int, tuple[int, list[str]]] = {}  # first line -> (end line, new lines)

    own_title = None
    h1s = [h for h in headings if h[0] == 1]
    if headings and headings[0][0] == 1 and len(h1s) == 1:
        own_title = headings[0][2]
        replace[headings[0][1][0]] = (headings[0][1][1], [])
        headings = headings[1:]
    final = normalize_ws(title or own_title or hint or fallback) or fallback
    if headings and _same(headings[0][2], final):  # the title repeated as the first heading
        replace[headings[0][1][0]] = (headings[0][1][1], [])
        headings = headings[1:]
    if headings:
        shift = 2 - min(level for level, _, _ in headings)
        for level, (start, end), text in headings:
            replace[start] = (end, [f"{'#' * min(max(level + shift, 2), 6)} {text}"])
    for i, token in enumerate(tokens):
        if token.type == "paragraph_open" and token.level == 0 and token.map:
            start, end = token.map
            joined = " ".join(line.strip() for line in tokens[i + 1].content.split("\n"))
            replace.setdefault(start, (end, [joined]))

    out: list[str] = []
    i = 0
    while i < len(lines):
        if i in replace:
            end, new = replace[i]
            out.extend(new)
            i = max(end, i + 1)
        else:
            out.append(lines[i].rstrip())
            i += 1
    body = re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip("\n")
    return final, f"# {final}\n\n{body}\n"


def _same(a: str, b: str) -> bool:
    def norm(s: str) -> str:
        return re.sub(r"\W+", " ", s).strip().casefold()

    return norm(a) == norm(b)


def slugify(text: str) -> str:
    """``Bird Dog & Dead Bug: Core Work`` -> ``bird-dog-dead-bug-core-work`` (ASCII, at most 60
    characters, cut at a word)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > MAX_SLUG_CHARS:
        cut = slug.rfind("-", 0, MAX_SLUG_CHARS + 1)
        words = slug[: cut if cut > 0 else MAX_SLUG_CHARS].split("-")
        while len(words) > 1 and words[-1] in _TRAILING:  # "...-for-runners-with" -> "...-for-runners"
            words.pop()
        slug = "-".join(words)
    return slug


def _title_from_name(name: str) -> str:
    stem = name.rsplit(".", 1)[0] if "." in name else name
    words = re.sub(r"[_\-.]+", " ", stem).strip()
    return words[:1].upper() + words[1:] if words else "Untitled"
