"""Plain text (.txt) and Markdown (.md) files.

Markdown is kept as written; its own front matter (title, source, questions) is read. Plain
text has no markup, so its structure is read from its shape: paragraphs are separated by
blank lines; a paragraph of one short line with no closing punctuation, followed by a
paragraph, is a heading (the first one, at the top, the title); lines starting with a bullet
or a number are list items.
"""

from __future__ import annotations

import html
import re

from ..errors import CorpusError, IngestError
from .convert import Converted, decode_text

BULLET = re.compile(r"^\s*(?:[-*+\u2022\u25cf\u25e6\u2013]|\d{1,2}[.)])\s+")
HEADING_MAX_CHARS = 80


def convert(data: bytes, name: str, fmt: str = "text") -> Converted:
    text = decode_text(data, name).replace("\r\n", "\n").replace("\r", "\n")
    if fmt == "markdown":
        return _markdown(text, name)
    from markdownify import markdownify

    return Converted(format=fmt, markdown=markdownify(_text_to_html(text), heading_style="ATX", bullets="-"))


def _markdown(text: str, name: str) -> Converted:
    from ..corpus import split_front_matter

    try:
        meta, body = split_front_matter(text, name)
    except CorpusError as exc:
        raise IngestError(f"{exc} Fix it, or remove the front matter and give --title.") from None
    title = meta.get("title")
    source = meta.get("source")
    questions = tuple(str(q).strip() for q in meta.get("questions") or () if str(q).strip())
    return Converted(format="markdown", markdown=body, title=str(title).strip() if title else None,
                     source=str(source) if source else None, questions=questions)


def _is_heading(paragraph: list[str]) -> bool:
    line = paragraph[0].strip()
    return (len(paragraph) == 1 and 0 < len(line) <= HEADING_MAX_CHARS and not BULLET.match(line)
            and not re.search(r"[.,;:!]$", line))


def _text_to_html(text: str) -> str:
    paragraphs: list[list[str]] = []
    for chunk in re.split(r"\n\s*\n", text):
        lines = [line.rstrip() for line in chunk.split("\n") if line.strip()]
        if lines:
            paragraphs.append(lines)
    out: list[str] = []
    for i, lines in enumerate(paragraphs):
        following = paragraphs[i + 1] if i + 1 < len(paragraphs) else None
        previous_heading = bool(out) and out[-1].startswith("<h")
        if following and _is_heading(lines) and not previous_heading:
            tag = "h1" if i == 0 else "h2"
            out.append(f"<{tag}>{html.escape(lines[0].strip())}</{tag}>")
        elif all(BULLET.match(line) for line in lines) or (BULLET.match(lines[0]) and len(lines) > 1):
            out.append(_list_html(lines))
        else:
            out.append(f"<p>{html.escape(' '.join(line.strip() for line in lines))}</p>")
    return "\n".join(out)


def _list_html(lines: list[str]) -> str:
    items: list[str] = []
    for line in lines:
        if BULLET.match(line) or not items:
            items.append(BULLET.sub("", line, count=1).strip())
        else:
            items[-1] += " " + line.strip()  # a wrapped item
    tag = "ol" if re.match(r"^\s*\d", lines[0]) else "ul"
    return f"<{tag}>" + "".join(f"<li>{html.escape(item)}</li>" for item in items) + f"</{tag}>"

