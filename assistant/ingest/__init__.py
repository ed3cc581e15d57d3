"""Ingest stage: site owners' files (web pages, PDFs, Word files, text, Markdown) become corpus
articles, and the index follows.

``convert`` turns one file into Markdown (one module per format), ``article`` gives it its
title, heading levels and front matter, ``questions`` finds questions it answers, ``library``
adds, lists and removes articles under a lock and refreshes the index.

Example:
    >>> from assistant.ingest import add, list_articles
    >>> report = add(["leaflet.pdf"])                      # doctest: +SKIP
    >>> report.added[0].title, report.added[0].questions   # doctest: +SKIP
"""

from .convert import SUPPORTED, Converted, convert
from .library import AddReport, Added, ArticleInfo, Removed, add, list_articles, remove

__all__ = ["SUPPORTED", "AddReport", "Added", "ArticleInfo", "Converted", "Removed", "add", "convert",
           "list_articles", "remove"]
