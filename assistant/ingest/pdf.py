"""Text PDFs: pypdf extracts the text; the layout gives back headings, paragraphs and lists.

pypdf (pure Python, BSD) reports every piece of text it extracts with its font, size and
position (``visitor_text``), in the same order as its plain-text output. From those, per line:

- **page furniture** is dropped: a line in the top or bottom tenth of the page that repeats on
  at least half of the pages (digits ignored: "Page 2 of 9"), or is only a page number;
- **headings** are lines set clearly larger than the body text (or bold, body-sized, short and
  standing alone); the largest heading at the start is the title, the other sizes become
  ``##``, ``###``, ``####`` from largest to smallest;
- **paragraphs** are lines joined until a gap larger than the line spacing, a short line that
  ends a sentence, a heading or a list item; a line ending in a soft hyphen is joined without it;
- **list items** start with a bullet or a number; indented lines continue them.

The result is simple HTML converted to Markdown by markdownify (which escapes the text).
pymupdf4llm recovers headings too but is AGPL and ~100x slower here: see docs/ingest.md.
"""

from __future__ import annotations

import html
import io
import logging
import math
import re
import statistics
from collections import Counter
from dataclasses import dataclass

from ..errors import IngestError
from .convert import Converted

HEADING_RATIO = 1.12  # a heading is set at least this much larger than the body text
MARGIN = 0.10  # top and bottom fraction of a page where running headers and footers live
BULLET = re.compile(r"^\s*([\u2022\u25cf\u25aa\u25a0\u2023\u2043\u25e6\u2219\u00b7\uf0b7\uf0a7\uf076\uf0d8*\u2013-])\s+")
NUMBERED = re.compile(r"^\s*(\(?\d{1,2}[.)]|\(?[a-z][.)])\s+")
PAGE_NUMBER = re.compile(r"^\W*(page\s*)?\d+(\s*(of|/)\s*\d+)?\W*$", re.IGNORECASE)
SENTENCE_END = re.compile(r"[.!?:;\"\u201d)]$")
BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)


@dataclass(frozen=True)
class Line:
    """One line of text on a page, with the layout facts the structure is recovered from."""

    page: int
    text: str
    size: float  # font size (points) of most of its characters
    bold: bool  # nearly all its characters in a bold face
    x: float
    y: float  # from the bottom of the page, as PDF measures it
    top: float  # 0 at the top of the page, 1 at the bottom


def convert(data: bytes, name: str, fmt: str = "pdf") -> Converted:
    reader = _open(data, name)
    lines = _lines(reader, name)
    if sum(len(line.text.strip()) for line in lines) < 20:
        if _has_images(reader):
            raise IngestError(f"{name} is a scanned PDF: its pages are pictures with no text layer. Run OCR on "
                              "it first (e.g. `ocrmypdf in.pdf out.pdf`) and add the result.")
        raise IngestError(f"{name}: no text found in this PDF. Check that it is the article you meant.")
    body = _drop_furniture(lines, len(reader.pages))
    markup = _to_html(body)
    from markdownify import markdownify

    return Converted(format=fmt, markdown=markdownify(markup, heading_style="ATX", bullets="-"),
                     title=_metadata_title(reader))


def _open(data: bytes, name: str):  # -> pypdf.PdfReader
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PyPdfError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its repairs of sloppy files are not the user's problem
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            # Many PDFs are encrypted only to restrict copying or printing: they open with an empty password.
            if not reader.decrypt(""):
                raise FileNotDecryptedError("password required")
        pages = len(reader.pages)
    except (FileNotDecryptedError, DependencyError):
        raise IngestError(f"{name} is password-protected: open it, save or print a copy without the password, "
                          "and add that.") from None
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError,
            RecursionError, NotImplementedError) as exc:
        raise IngestError(f"{name} is damaged or not a valid PDF ({type(exc).__name__}): check that it opens in a "
                          "PDF viewer, then download or export it again.") from None
    if pages == 0:
        raise IngestError(f"{name} has no pages (a damaged PDF?): download or export it again.")
    return reader


def _lines(reader, name: str) -> list[Line]:
    """Every line of every page, from pypdf's text and the fonts and positions it reports."""
    from pypdf.errors import PyPdfError

    lines: list[Line] = []
    for number, page in enumerate(reader.pages):
        pieces: list[tuple[str, float, bool, float, float]] = []

        def visit(text: str, cm: list[float], tm: list[float], font: dict | None, size: float) -> None:
            # The font's size on the page: Tf size times the vertical scale of text matrix x CTM.
            scale = math.hypot(tm[2] * cm[0] + tm[3] * cm[2], tm[2] * cm[1] + tm[3] * cm[3]) or 1.0
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            base = str((font or {}).get("/BaseFont", ""))
            pieces.append((text, round(size * scale, 1), bool(BOLD_FONT.search(base)), x, y))

        try:
            page.extract_text(visitor_text=visit)
            height = float(page.mediabox.height) or 792.0
            bottom = float(page.mediabox.bottom)
        except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError,
                RecursionError, NotImplementedError, ZeroDivisionError) as exc:
            raise IngestError(f"{name}: page {number + 1} is damaged ({type(exc).__name__}): check that it opens "
                              "in a PDF viewer, then export it again.") from None
        lines.extend(_page_lines(number, pieces, height, bottom))
    return lines


def _page_lines(page: int, pieces: list[tuple[str, float, bool, float, float]],
                height: float, bottom: float) -> list[Line]:
    """Split the page's text at newlines; each line takes the size, weight and position of its text."""
    lines: list[Line] = []
    text, chars = "", []  # chars: (count, size, bold, x, y) of the visible pieces of the current line

    def flush() -> None:
        visible = [c for c in chars if c[0]]
        if text.strip() and visible:
            by_size: Counter[float] = Counter()
            for count, size, _, _, _ in visible:
                by_size[size] += count
            total = sum(c[0] for c in visible)
            bold = sum(c[0] for c in visible if c[2]) >= 0.8 * total
            positioned = [c for c in visible if c[3] or c[4]] or visible
            y = positioned[0][4]
            top = 1.0 - (y - bottom) / height if height else 0.5
            lines.append(Line(page, " ".join(text.split()), by_size.most_common(1)[0][0], bold,
                              min(c[3] for c in positioned), y, top))

    for piece, size, bold, x, y in pieces:
        parts = piece.split("\n")
        for i, part in enumerate(parts):
            if i:
                flush()
                text, chars = "", []
            if part:
                text += part
                chars.append((len(part.strip()), size, bold, x, y))
    flush()
    return lines


def _furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", text.lower()).strip()


def _drop_furniture(lines: list[Line], pages: int) -> list[Line]:
    """Without running headers, footers and page numbers."""
    in_margin = [line for line in lines if line.top < MARGIN or line.top > 1 - MARGIN]
    seen_on: dict[str, set[int]] = {}
    for line in in_margin:
        seen_on.setdefault(_furniture_key(line.text), set()).add(line.page)
    repeated = {key for key, on in seen_on.items() if pages >= 2 and len(on) >= max(2, (pages + 1) // 2)}
    return [line for line in lines
            if not ((line.top < MARGIN or line.top > 1 - MARGIN)
                    and (_furniture_key(line.text) in repeated or PAGE_NUMBER.match(line.text)))]


def _body_size(lines: list[Line]) -> float:
    sizes: Counter[float] = Counter()
    for line in lines:
        sizes[round(line.size * 2) / 2] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _is_list_item(text: str) -> bool:
    return bool(BULLET.match(text) or NUMBERED.match(text))


def _heading_levels(lines: list[Line], body: float) -> dict[int, int]:
    """Line index -> heading level (1 = title) for the lines that the layout marks as headings."""
    candidates: dict[int, tuple[float, bool]] = {}
    for i, line in enumerate(lines):
        words = len(line.text.split())
        if not 1 <= words <= 20 or _is_list_item(line.text):
            continue
        if line.size >= body * HEADING_RATIO:
            candidates[i] = (line.size, line.bold)
        elif line.bold and line.size >= body * 0.95 and words <= 12 and not SENTENCE_END.search(line.text) \
                and not (i + 1 < len(lines) and lines[i + 1].bold and lines[i + 1].size == line.size):
            candidates[i] = (line.size, True)
    if not candidates or len(candidates) > len(lines) / 3:
        return {}  # no size contrast, or so much that it means nothing
    styles = sorted(set(candidates.values()), key=lambda s: (-s[0], not s[1]))
    order = sorted(candidates)
    biggest = styles[0]
    first_big = next(i for i in order if candidates[i] == biggest)
    # The title: the largest heading style, first used near the start of page one.
    has_title = lines[first_big].page == 0 and order.index(first_big) < 3
    ranks = [s for s in styles if not (has_title and s == biggest)]
    levels: dict[int, int] = {}
    for i in order:
        style = candidates[i]
        if has_title and style == biggest:
            levels[i] = 1 if i == first_big or levels.get(i - 1) == 1 else 2
        else:
            levels[i] = min(2 + ranks.index(style), 4)
    return levels


def _to_html(lines: list[Line]) -> str:
    """Headings, paragraphs and lists as HTML, from the lines' layout."""
    if not lines:
        return ""
    body = _body_size(lines)
    levels = _heading_levels(lines, body)
    body_lines = [line for i, line in enumerate(lines) if i not in levels]
    steps = [a.y - b.y for a, b in zip(body_lines, body_lines[1:]) if a.page == b.page and 0 < a.y - b.y < 5 * body]
    pitch = statistics.median(steps or [body * 1.2])  # the usual distance between lines of a paragraph
    typical = statistics.median([len(line.text) for line in body_lines] or [80])

    blocks: list[tuple[str, list[str], Line]] = []  # (kind, texts, first line) kind: h1..h4, p, ul, ol
    previous: Line | None = None
    for i, line in enumerate(lines):
        text = line.text
        if i in levels:
            tag = f"h{levels[i]}"
            if blocks and blocks[-1][0] == tag and previous is not None and i - 1 in levels \
                    and previous.page == line.page and abs(previous.y - line.y) < 2 * line.size:
                blocks[-1][1][-1] = _join(blocks[-1][1][-1], text)  # a heading set on two lines
            else:
                blocks.append((tag, [text], line))
        elif _is_list_item(text):
            kind = "ol" if NUMBERED.match(text) and not BULLET.match(text) else "ul"
            item = (NUMBERED.sub("", text, count=1) if kind == "ol" else BULLET.sub("", text, count=1)).strip()
            if blocks and blocks[-1][0] == kind and previous is not None and (i - 1) not in levels:
                blocks[-1][1].append(item)
            else:
                blocks.append((kind, [item], line))
        else:
            last = blocks[-1] if blocks else None
            new_paragraph = (
                last is None or previous is None or (i - 1) in levels
                or (last[0] in ("ul", "ol") and not line.x > last[2].x + 3)
                or (previous.page == line.page and previous.y - line.y > 1.3 * pitch)
                or (previous.page == line.page and line.size != previous.size)
                or (len(previous.text) < 0.7 * typical and bool(SENTENCE_END.search(previous.text)))
            )
            if new_paragraph:
                blocks.append(("p", [text], line))
            else:
                last[1][-1] = _join(last[1][-1], text)
        previous = line

    out = []
    for kind, texts, _ in blocks:
        if kind in ("ul", "ol"):
            items = "".join(f"<li>{html.escape(t)}</li>" for t in texts)
            out.append(f"<{kind}>{items}</{kind}>")
        else:
            out.append(f"<{kind}>{html.escape(texts[0])}</{kind}>")
    return "\n".join(out)


def _join(left: str, right: str) -> str:
    """Two lines of one paragraph: a soft hyphen at the break goes, a hard one stays unspaced."""
    if left.endswith("\u00ad"):
        return left[:-1] + right
    if re.search(r"\w-$", left) and right[:1].islower():
        return left + right
    return f"{left} {right}"


def _metadata_title(reader) -> str | None:
    try:
        title = reader.metadata.title if reader.metadata else None
    except Exception:  # a damaged info dictionary is no reason to refuse the text
        return None
    if not title or not str(title).strip():
        return None
    title = " ".join(str(title).split())
    # Word and print drivers put the file name here, not a title.
    if re.search(r"\.(docx?|pdf|odt|rtf|indd|pages)$|^microsoft word|^untitled|^document\d*$", title, re.I):
        return None
    return title


def _has_images(reader) -> bool:
    for page in reader.pages:
        try:
            resources = page.get("/Resources") or {}
            xobjects = resources.get("/XObject") or {}
            if any(xobjects[key].get_object().get("/Subtype") == "/Image" for key in xobjects):
                return True
        except Exception:  # looking for pictures only chooses between two error messages
            continue
    return False
