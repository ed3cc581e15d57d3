"""Compare HTML, PDF and DOCX extractors on real-looking documents (tests/documents.py).

For each candidate that is installed, it converts each document to Markdown and scores it:

- ``kept``: the article's key sentences found in the output (markup and whitespace ignored);
- ``chrome``: phrases of the site chrome, running headers or page numbers still in the output
  (lower is better);
- ``headings``: the article's section headings that came out as Markdown headings;
- ``lists``: list items that came out as Markdown list items;
- ``emph`` / ``link``: emphasis and the in-text link kept as Markdown;
- ``ms``: median wall time of ``--repeat`` conversions (one warm-up first).

The candidates are not project dependencies; install them into a scratch virtualenv::

    pip install trafilatura readability-lxml markdownify html2text 'markitdown[pdf,docx]' \\
        pypdf pdfplumber pymupdf mammoth fpdf2 python-docx
    pip install -e .
    python bench/ingest.py            # prints the tables in docs/ingest.md

``ours`` rows run ``assistant.ingest``, the extractors the project chose with its own
heading and page-furniture layer on top.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

if __package__ in (None, ""):
    sys.path[0] = str(Path(__file__).resolve().parent.parent)

from tests import documents as docs  # noqa: E402

Converter = Callable[[Path], str]


# --------------------------------------------------------------------------- scoring


def _plain(markdown: str) -> str:
    text = re.sub(r"\]\([^)]*\)", "]", markdown)
    text = re.sub(r"[*_#>`\[\]|\\]", "", text)
    return " ".join(text.split()).lower()


def _heading_lines(markdown: str) -> list[str]:
    return [_plain(m.group(1)) for m in re.finditer(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$", markdown, re.M)]


def _list_lines(markdown: str) -> list[str]:
    return [_plain(m.group(1)) for m in re.finditer(r"^\s*(?:[-*+\u2022]|\d+[.)])\s+(.+)$", markdown, re.M)]


def score(markdown: str, sentences: Sequence[str], chrome: Sequence[str], headings: Sequence[str],
          items: Sequence[str], emphasis: str | None, link: tuple[str, str] | None) -> dict[str, str]:
    plain, heads, listed = _plain(markdown), _heading_lines(markdown), _list_lines(markdown)
    found = sum(_plain(s) in plain for s in sentences)
    leaked = sum(_plain(c) in plain for c in chrome)
    heading_hits = sum(any(_plain(h) == line for line in heads) for h in headings)
    item_hits = sum(any(_plain(i) in line for line in listed) for i in items)
    row = {"kept": f"{found}/{len(sentences)}", "chrome": f"{leaked}/{len(chrome)}",
           "headings": f"{heading_hits}/{len(headings)}", "lists": f"{item_hits}/{len(items)}"}
    if emphasis:
        row["emph"] = "yes" if re.search(rf"(\*\*?|__?){re.escape(emphasis)}\1", markdown) else "no"
    if link:
        row["link"] = "yes" if f"[{link[0]}]({link[1]})" in markdown else "no"
    return row


def timed(convert: Converter, path: Path, repeat: int) -> tuple[str, float]:
    out = convert(path)  # warm-up: imports, caches
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        convert(path)
        times.append(time.perf_counter() - start)
    return out, statistics.median(times) * 1000


# --------------------------------------------------------------------------- candidates


def html_candidates() -> dict[str, Converter]:
    def trafilatura_md(path: Path) -> str:
        import trafilatura

        return trafilatura.extract(path.read_text("utf-8"), output_format="markdown", include_formatting=True,
                                   include_links=True, include_comments=False) or ""

    def trafilatura_precision(path: Path) -> str:
        import trafilatura

        return trafilatura.extract(path.read_text("utf-8"), output_format="markdown", include_formatting=True,
                                   include_links=True, include_comments=False, favor_precision=True) or ""

    def readability_markdownify(path: Path) -> str:
        from markdownify import markdownify
        from readability import Document

        return markdownify(Document(path.read_text("utf-8")).summary(html_partial=True), heading_style="ATX")

    def readability_html2text(path: Path) -> str:
        import html2text
        from readability import Document

        return html2text.html2text(Document(path.read_text("utf-8")).summary(html_partial=True))

    def markitdown(path: Path) -> str:
        from markitdown import MarkItDown

        return MarkItDown(enable_plugins=False).convert(str(path)).markdown

    def html2text_page(path: Path) -> str:
        import html2text

        return html2text.html2text(path.read_text("utf-8"))

    return {"trafilatura (markdown)": trafilatura_md, "trafilatura favor_precision": trafilatura_precision,
            "readability-lxml + markdownify": readability_markdownify,
            "readability-lxml + html2text": readability_html2text, "markitdown": markitdown,
            "html2text (whole page)": html2text_page, "ours": _ours}


def pdf_candidates() -> dict[str, Converter]:
    def pypdf_text(path: Path) -> str:
        from pypdf import PdfReader

        return "\n".join(page.extract_text() for page in PdfReader(path).pages)

    def pdfplumber_text(path: Path) -> str:
        import pdfplumber

        with pdfplumber.open(path) as pdf:
            return "\n".join(page.extract_text() or "" for page in pdf.pages)

    def pdfminer_text(path: Path) -> str:
        from pdfminer.high_level import extract_text

        return extract_text(str(path))

    def markitdown(path: Path) -> str:
        from markitdown import MarkItDown

        return MarkItDown(enable_plugins=False).convert(str(path)).markdown

    def pymupdf4llm(path: Path) -> str:
        import pymupdf4llm

        return pymupdf4llm.to_markdown(str(path))

    return {"pypdf extract_text": pypdf_text, "pdfplumber extract_text": pdfplumber_text,
            "pdfminer.six extract_text": pdfminer_text, "markitdown": markitdown,
            "pymupdf4llm (AGPL)": pymupdf4llm, "ours": _ours}


def docx_candidates() -> dict[str, Converter]:
    def mammoth_markdownify(path: Path) -> str:
        import mammoth
        from markdownify import markdownify

        with open(path, "rb") as fh:
            return markdownify(mammoth.convert_to_html(fh).value, heading_style="ATX")

    def mammoth_markdown(path: Path) -> str:
        import mammoth

        with open(path, "rb") as fh:
            return mammoth.convert_to_markdown(fh).value

    def markitdown(path: Path) -> str:
        from markitdown import MarkItDown

        return MarkItDown(enable_plugins=False).convert(str(path)).markdown

    def python_docx_text(path: Path) -> str:
        import docx

        return "\n\n".join(p.text for p in docx.Document(str(path)).paragraphs)

    return {"mammoth + markdownify": mammoth_markdownify, "mammoth convert_to_markdown": mammoth_markdown,
            "markitdown": markitdown, "python-docx paragraphs": python_docx_text, "ours": _ours}


def _ours(path: Path) -> str:
    """What `add` writes to the corpus (the body of the article, front matter aside)."""
    from assistant.ingest.article import make_article
    from assistant.ingest.convert import convert

    return make_article(convert(path), original_file=path.name, sha256="0" * 64, added="2026-01-01").body


# --------------------------------------------------------------------------- running


def cases(folder: Path) -> list[tuple[str, Path, dict[str, Converter], dict]]:
    html = folder / "article.html"
    html.write_text(docs.article_html(), "utf-8")
    soup = folder / "div-soup.html"
    soup.write_text(docs.div_soup_html(), "utf-8")
    html_expect = dict(sentences=docs.HTML_SENTENCES, chrome=docs.CHROME_PHRASES, headings=docs.HTML_HEADINGS,
                       items=docs.HTML_LIST_ITEMS, emphasis=docs.HTML_EMPHASIS, link=docs.HTML_LINK)
    pdf_expect = dict(sentences=docs.PDF_SENTENCES, chrome=docs.CHROME_PDF, headings=docs.PDF_HEADINGS,
                      items=docs.PDF_LIST_ITEMS, emphasis=None, link=None)
    docx_expect = dict(sentences=docs.DOCX_SENTENCES, chrome=(), headings=docs.DOCX_HEADINGS,
                       items=docs.DOCX_LIST_ITEMS, emphasis=docs.DOCX_EMPHASIS, link=None)
    docx = docs.article_docx(folder / "sleep.docx")
    found = [
        ("HTML article page (semantic tags)", html, html_candidates(), html_expect),
        ("HTML article page (div soup)", soup, html_candidates(), html_expect),
        ("PDF, 3 pages (fpdf2: core fonts, running header, page numbers)", docs.article_pdf(folder / "leaflet.pdf"),
         pdf_candidates(), pdf_expect),
        ("DOCX (python-docx: Title, Heading 1, list styles, bold/italic runs)", docx, docx_candidates(), docx_expect),
    ]
    exported = _libreoffice_pdf(docx, folder / "exported")
    if exported:
        found.insert(3, ("PDF exported by LibreOffice from the DOCX (embedded subset fonts, symbol-font bullets)",
                         exported, pdf_candidates(), {**docx_expect, "emphasis": None}))
    return found


def _libreoffice_pdf(docx: Path, outdir: Path) -> Path | None:
    """The Word file as a word processor exports it, when LibreOffice is installed."""
    import shutil
    import subprocess

    soffice = shutil.which("soffice")
    if not soffice:
        print("(soffice not found: skipping the LibreOffice-exported PDF; apt-get install libreoffice-writer-nogui)")
        return None
    subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(outdir), str(docx)],
                   check=True, capture_output=True, timeout=180)
    return outdir / (docx.stem + ".pdf")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=7, help="timed conversions per document (default 7)")
    parser.add_argument("--show", metavar="NAME", help="print the Markdown of candidates whose name contains NAME")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        for title, path, candidates, expect in cases(Path(tmp)):
            print(f"\n### {title}\n")
            columns = ["kept", "chrome", "headings", "lists"] + [c for c, k in (("emph", "emphasis"), ("link", "link")) if expect[k]] + ["ms"]
            print("| extractor | " + " | ".join(columns) + " |")
            print("| --- |" + " ---: |" * len(columns))
            for name, convert in candidates.items():
                try:
                    markdown, ms = timed(convert, path, args.repeat)
                except ImportError as exc:
                    print(f"| {name} | not installed ({exc.name}) |")
                    continue
                except Exception as exc:  # a candidate failing is a result too
                    print(f"| {name} | failed: {type(exc).__name__}: {str(exc)[:60]} |")
                    continue
                row = score(markdown, **expect)
                row["ms"] = f"{ms:.1f}"
                print(f"| {name} | " + " | ".join(row[c] for c in columns) + " |")
                if args.show and args.show.lower() in name.lower():
                    print(f"\n```markdown\n{markdown}\n```\n", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
