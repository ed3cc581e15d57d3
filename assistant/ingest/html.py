"""Web pages: the article's main content only, as Markdown, with trafilatura.

trafilatura drops navigation, cookie banners, sidebars, "you might also like", comments, ads
and footers, and keeps headings, lists, emphasis, links and tables (measured against
readability-lxml, markitdown and html2text in docs/ingest.md). It reads the page's own
charset declaration from the bytes.
"""

from __future__ import annotations

import logging

from ..errors import IngestError
from .convert import Converted


def convert(data: bytes, name: str, fmt: str = "html") -> Converted:
    import trafilatura
    from trafilatura.metadata import extract_metadata

    # trafilatura and htmldate log their heuristics' doubts as warnings; the result is what counts.
    for logger in ("trafilatura", "htmldate", "courlan"):
        logging.getLogger(logger).setLevel(logging.ERROR)
    try:
        tree = trafilatura.load_html(data)
    except Exception as exc:  # lxml's many parser errors: the file is not usable HTML
        raise IngestError(f"{name} could not be parsed as HTML ({type(exc).__name__}): save the page again.") from None
    if tree is None:
        raise IngestError(f"{name} could not be parsed as HTML: save the page again as \"Web page, HTML only\".")
    markdown = trafilatura.extract(tree, output_format="markdown", include_formatting=True, include_links=True,
                                   include_comments=False, include_tables=True, include_images=False,
                                   deduplicate=False)
    if not markdown:
        raise IngestError(f"{name}: the page's main content could not be found. Save the article's own page "
                          "(not a home or list page), or paste its text into a .txt or .md file and add that.")
    meta = extract_metadata(trafilatura.load_html(data))
    url = meta.url if meta and meta.url and meta.url.startswith(("http://", "https://")) else None
    return Converted(format=fmt, markdown=markdown, title=(meta.title if meta else None) or None,
                     source=url, published=(meta.date if meta else None) or None)
