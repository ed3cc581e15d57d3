"""The article view: one corpus document rendered as HTML, its section anchors kept, and the
sentence a citation quotes highlighted.

Rendering uses markdown-it-py with raw HTML off, so nothing in a corpus file can run script;
every other string that reaches the page is escaped here.
"""

from __future__ import annotations

import html
from functools import lru_cache
from urllib.parse import quote as url_quote

from markdown_it import MarkdownIt
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.anchors.index import slugify
from mdit_py_plugins.front_matter import front_matter_plugin

from ..corpus import Corpus, Document, Section, locate, normalize_ws

MARK_START, MARK_END = "\ue000", "\ue001"  # private-use characters: never in a corpus
HIGHLIGHT_ID = "cited"
MAX_QUOTE_CHARS = 4000


@lru_cache(maxsize=1)
def _renderer() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    md.use(front_matter_plugin)
    md.use(anchors_plugin, min_level=1, max_level=6, slug_func=slugify, permalink=False)
    return md


def article_url(document: str, quote: str | None = None, anchor: str | None = None) -> str:
    """The article view's URL; with a quote, the page highlights it and scrolls to it."""
    url = f"/article/{url_quote(document)}"
    if quote:
        return f"{url}?q={url_quote(quote[:MAX_QUOTE_CHARS])}#{HIGHLIGHT_ID}"
    return f"{url}#{url_quote(anchor)}" if anchor else url


def quote_span(document: Document, quote: str) -> tuple[int, int] | None:
    """Where ``quote`` is in the document's source: the sentence itself, or the block holding it
    when inline markup sits between its words. None when the document does not contain it."""
    wanted = normalize_ws(quote)
    if not wanted:
        return None
    for section in document.sections:
        for block in section.blocks:
            if wanted not in block.text:
                continue
            start, end = locate(wanted, document.text, block.start, block.end)
            if normalize_ws(document.text[start:end]) == wanted:
                return start, end
            return block.start, block.end
    return None


def render_document(document: Document, quote: str | None = None) -> tuple[str, Section | None]:
    """The document body as HTML, with the quoted passage (if found) in ``<mark id="cited">``,
    and the section that holds it."""
    text = document.text
    span = quote_span(document, quote) if quote else None
    section = None
    if span:
        start, end = span
        text = f"{text[:start]}{MARK_START}{text[start:end]}{MARK_END}{text[end:]}"
        section = next((s for s in document.sections if s.start <= start < s.end), None)
    body = _renderer().render(text)
    body = body.replace(MARK_START, f'<mark id="{HIGHLIGHT_ID}" tabindex="-1">', 1).replace(MARK_END, "</mark>", 1)
    return body, section


def article_page(document: Document, quote: str | None = None) -> str:
    body, section = render_document(document, quote)
    notice = ""
    if quote and section is None:
        notice = ('<p class="notice" role="status">The quoted sentence is not in the current '
                  "version of this article; it may have been edited since the answer was given.</p>")
    elif section is not None:
        notice = (f'<p class="notice" role="status">Cited from <a href="#{html.escape(section.anchor)}">'
                  f"{html.escape(section.title_path[-1])}</a>, highlighted below.</p>")
    source = f'<p class="source">Source: {html.escape(document.source)}</p>' if document.source else ""
    return _page(html.escape(document.title), f"{notice}<article>{body}</article>{source}")


def index_page(corpus: Corpus) -> str:
    items = "".join(
        f'<li><a href="{html.escape(article_url(d.id))}">{html.escape(d.title)}</a></li>' for d in corpus.documents
    )
    return _page("Articles", f"<h1>Articles</h1><ul>{items}</ul>")


def not_found_page(document_id: str) -> str:
    return _page("Article not found",
                 f"<h1>Article not found</h1><p>There is no article called "
                 f"<code>{html.escape(document_id)}</code>. See the <a href=\"/article/\">list of articles</a>.</p>")


NAV = '<a href="/">← Back to the chat</a> · <a href="/article/">All articles</a>'


def _page(title: str, body: str) -> str:
    return html_page(title, body)


def html_page(title: str, body: str, stylesheet: str = "article.css", nav: str = NAV, head: str = "") -> str:
    """A page of ours (not Gradio's): ``title``, ``body``, ``nav`` and ``head`` already HTML;
    one stylesheet from ``/ui-static/`` and no script, as the page CSP requires."""
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">{head}
<title>{title}</title>
<link rel="stylesheet" href="/ui-static/{stylesheet}">
</head>
<body>
<nav aria-label="Site">{nav}</nav>
<main>{body}</main>
</body>
</html>
"""
