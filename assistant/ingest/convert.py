"""Pick the converter for a file by its type, check the bytes really are that type, convert.

Each format has its own module (``html.py``, ``pdf.py``, ``docx.py``, ``text.py``) with one
function, ``convert(data, name) -> Converted``; their libraries are imported only when a file of
that type is added. Every problem with the file itself is an :class:`IngestError` whose message
names the file and says what to do.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path

from ..errors import IngestError

# suffix -> format (module name)
FORMATS: dict[str, str] = {
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".pdf": "pdf",
    ".docx": "docx",
    ".txt": "text", ".text": "text",
    ".md": "markdown", ".markdown": "markdown",
}
MODULES = {"html": "html", "pdf": "pdf", "docx": "docx", "text": "text", "markdown": "text"}
SUPPORTED = ".html, .htm, .pdf, .docx, .txt, .md"
MAX_BYTES = 50 * 1024 * 1024
# Fewer words than this is not an article: a page whose main content was not found, an empty
# document, a PDF whose text is only page furniture.
MIN_WORDS = 20

_SAVE_AS = {
    ".doc": "an old Word file: open it in Word or LibreOffice and save it as .docx",
    ".odt": "an OpenDocument file: save it as .docx or PDF",
    ".rtf": "a Rich Text file: save it as .docx or PDF",
    ".pages": "an Apple Pages file: export it as .docx or PDF",
    ".mhtml": "a saved web archive: save the page as \"Web page, HTML only\" instead",
}


@dataclass(frozen=True)
class Converted:
    """A file's article as Markdown, before it gets its final title, headings and front matter."""

    format: str  # "html" | "pdf" | "docx" | "text" | "markdown"
    markdown: str  # the title, when the file shows one, as the first H1
    title: str | None = None  # from the file's metadata (<title>, PDF /Title, Word core title)
    source: str | None = None  # a canonical URL found in the file
    published: str | None = None  # publication date found in the file (YYYY-MM-DD)
    questions: tuple[str, ...] = ()  # a Markdown file's own front matter questions


def file_format(path: Path) -> str:
    """The format of ``path`` by its suffix; IngestError for a missing, unreadable or unsupported file."""
    if not path.exists():
        raise IngestError(f"{path}: no such file. Check the path.")
    if path.is_dir():
        raise IngestError(f"{path} is a folder: give the files in it, e.g. {path}/*.pdf")
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        hint = _SAVE_AS.get(suffix, f"a {suffix or 'file without an extension'}, which cannot be added")
        raise IngestError(f"{path.name} is {hint}. Supported: {SUPPORTED}.")
    try:
        size = path.stat().st_size
        with open(path, "rb"):
            pass
    except OSError as exc:
        raise IngestError(f"{path.name} cannot be read ({exc.strerror}): check its permissions.") from None
    if size == 0:
        raise IngestError(f"{path.name} is empty (0 bytes): nothing to add.")
    if size > MAX_BYTES:
        raise IngestError(f"{path.name} is {size / 2**20:.0f} MB; the limit is {MAX_BYTES // 2**20} MB. "
                          "Split it into smaller documents.")
    return FORMATS[suffix]


def convert(path: Path) -> Converted:
    """Convert one file to Markdown; raises IngestError when it cannot be turned into an article."""
    fmt = file_format(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError(f"{path.name} cannot be read ({exc.strerror}).") from None
    _check_content(data, fmt, path.name)
    module = importlib.import_module(f".{MODULES[fmt]}", __package__)
    converted: Converted = module.convert(data, path.name, fmt)
    words = count_words(converted.markdown)
    if words == 0:
        raise IngestError(f"{path.name}: no text found in it. Check that it is the article you meant.")
    if words < MIN_WORDS and fmt == "html":
        raise IngestError(f"{path.name}: the page's main content could not be found (only navigation or page "
                          f"furniture, {words} words). Save the article's own page, or paste its text into a "
                          ".txt or .md file and add that.")
    if words < MIN_WORDS:
        raise IngestError(f"{path.name}: too little text to be an article ({words} words; at least {MIN_WORDS} "
                          "are needed). Check that it is the article you meant.")
    return converted


def count_words(markdown: str) -> int:
    """Words of text in Markdown, markup and link targets ignored."""
    from markdown_it import MarkdownIt

    from ..corpus import inline_text

    tokens = MarkdownIt("commonmark", {"html": False}).enable("table").parse(markdown)
    return sum(len(inline_text(t).split()) for t in tokens if t.type == "inline")


def _check_content(data: bytes, fmt: str, name: str) -> None:
    """The bytes must look like the format the suffix promises (a .pdf that is really an HTML
    error page, a renamed or password-protected Word file...)."""
    head = data[:2048]
    looks_html = head.lstrip().lower().startswith((b"<!doctype html", b"<html"))
    if fmt == "pdf" and b"%PDF-" not in head[:1024]:
        kind = "an HTML page" if looks_html else "not a PDF"
        raise IngestError(f"{name} is {kind}, not a PDF file (a failed download?): download or export it again.")
    if fmt == "docx" and not data.startswith(b"PK\x03\x04"):
        if data.startswith(b"\xd0\xcf\x11\xe0"):
            raise IngestError(f"{name} is password-protected or an old .doc file renamed: open it in Word "
                              "or LibreOffice, remove the password and save it as .docx.")
        raise IngestError(f"{name} is not a Word .docx file (it is not a ZIP package): save it from Word as .docx.")
    if fmt in ("html", "text", "markdown") and b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise IngestError(f"{name} is binary, not text: check the file extension.")


def decode_text(data: bytes, name: str) -> str:
    """Text of a .txt or .md file: UTF-8 (with or without BOM), UTF-16 with BOM, or a detected encoding."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise IngestError(f"{name}: its text encoding cannot be recognised: save it as UTF-8 text.")
    return str(best)
