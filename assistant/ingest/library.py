"""Add, list and remove the corpus's articles, keeping the index in step.

``add`` converts every file before it touches anything, then, holding the corpus lock, writes
each article atomically (temp file + rename) and refreshes the index, which embeds only the
new texts (the embedding cache holds the rest). Problems with a file are IngestErrors: the
corpus and index stay as they were, except that the files before a failing one in the same
run are added. If refreshing the index fails, the files written by this run are taken back.
"""

from __future__ import annotations

import difflib
import hashlib
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..chunking import chunk_section
from ..config import Settings
from ..corpus import Document, corpus_files, load_corpus, parse_document, split_front_matter
from ..errors import CorpusError, IndexStoreError, IngestError
from ..files import fsync_dir, write_text_atomic
from .article import Article, make_article
from .convert import convert, file_format
from .questions import answerable

LOCK_NAME = ".corpus.lock"  # in the index folder: generated data, never the site owner's files
LOCK_WAIT_S = 600


@dataclass(frozen=True)
class Added:
    """One article added by ``add``."""

    slug: str
    path: str  # the corpus file, e.g. "corpus/bird-dog.md"
    original_file: str
    format: str
    title: str
    sections: tuple[str, ...]  # headings of its sections ("" for the text before the first heading)
    chunks: int
    words: int
    questions: tuple[str, ...]
    replaced: str | None = None  # the corpus file it replaced (--force), if any


@dataclass(frozen=True)
class AddReport:
    """What one ``add`` run did; ``failed`` names the file that stopped it, if one did."""

    added: tuple[Added, ...]
    embedded: int  # texts (chunks and sentences) the model embedded: only the new articles'
    reused: int  # texts whose vectors came from the embedding cache
    documents: int  # in the corpus now
    chunks: int
    index: str  # the index build now in use
    failed: str | None = None
    error: str | None = None
    not_tried: tuple[str, ...] = ()


@dataclass(frozen=True)
class ArticleInfo:
    """One row of ``list``."""

    slug: str
    title: str
    source: str | None
    sections: int
    chunks: int
    added: str | None
    original_file: str | None
    format: str | None
    path: str


@dataclass(frozen=True)
class Removed:
    slug: str
    title: str
    path: str
    documents: int
    chunks: int
    index: str


# --------------------------------------------------------------------------- add


def add(paths: Sequence[Path | str], settings: Settings | None = None, *, title: str | None = None,
        source: str | None = None, force: bool = False, progress: bool = True,
        say: Callable[[str], None] | None = None) -> AddReport:
    """Add files to the corpus and refresh the index; see the module docstring.

    Raises IngestError when nothing could be added; otherwise the report says which file (if
    any) failed and which were not tried after it.
    """
    settings = settings or Settings.from_env()
    say = say or (lambda msg: print(msg, file=sys.stderr))
    files = [Path(p) for p in paths]
    _check_arguments(files, title, source)
    for path in files:  # a missing or unsupported file stops the run before anything changes
        file_format(path)

    today = time.strftime("%Y-%m-%d", time.gmtime())
    articles: list[Article] = []
    failed: tuple[str, str] | None = None
    for n, path in enumerate(files):
        try:
            data = path.read_bytes()
            article = make_article(convert(path), original_file=path.name, sha256=hashlib.sha256(data).hexdigest(),
                                   added=today, title=title, source=source)
        except IngestError as exc:
            failed = (path.name, str(exc))
            not_tried = tuple(p.name for p in files[n + 1:])
            break
        articles.append(article)
    else:
        not_tried = ()
    if not articles:
        assert failed is not None
        raise IngestError(failed[1])

    corpus_dir = settings.corpus_dir
    with corpus_lock(settings, say):
        corpus_dir.mkdir(parents=True, exist_ok=True)
        known = _known_articles(corpus_dir)
        undo: list[tuple[Path, str | None]] = []  # (file, its text before this run, None if new)
        written: list[tuple[Article, Path, str | None]] = []
        try:
            for n, article in enumerate(articles):
                try:
                    target, replaces = _placement(article, known, corpus_dir, force)
                except IngestError as exc:
                    failed = (article.original_file, str(exc))
                    not_tried = tuple(a.original_file for a in articles[n + 1:]) + not_tried
                    break
                for old in replaces:  # --force: the same file added before, or an article with this slug
                    undo.append((old, old.read_text("utf-8")))
                    old.unlink()
                    known.pop(old, None)
                if target not in replaces:
                    undo.append((target, None))
                write_text_atomic(target, article.text())
                known[target] = (article.slug, article.sha256)
                replaced = next((_rel(p, corpus_dir) for p in replaces), None)
                written.append((article, target, replaced))
            if not written:
                assert failed is not None
                raise IngestError(failed[1])
            bot = _refresh(settings, progress, say)
            stats = dict(bot.index.manifest.embedding_cache)
            added = [_with_questions(article, target, replaced, bot, corpus_dir) for article, target, replaced in written]
        except BaseException:
            _undo(undo)
            raise
        if any(a.questions for a in added):
            bot = _refresh(settings, progress, say)  # the front matter changed: chunks are all cached
    manifest = bot.index.manifest
    return AddReport(
        added=tuple(added), embedded=stats.get("embedded", 0), reused=stats.get("hits", 0),
        documents=manifest.documents, chunks=manifest.count, index=_index_name(bot, settings),
        failed=failed[0] if failed else None, error=failed[1] if failed else None, not_tried=not_tried,
    )


def _check_arguments(files: list[Path], title: str | None, source: str | None) -> None:
    if not files:
        raise IngestError("No files given: name one or more .html, .pdf, .docx, .txt or .md files.")
    if (title is not None or source is not None) and len(files) > 1:
        raise IngestError("--title and --source describe one file: add the files one at a time to give each its own.")
    if title is not None and not title.strip():
        raise IngestError("--title is empty: give the article's title, or leave --title out.")
    if source is not None and not source.strip():
        raise IngestError("--source is empty: give the URL the article comes from, or leave --source out.")
    seen: set[Path] = set()
    for path in files:
        key = path.resolve()
        if key in seen:
            raise IngestError(f"{path} is named twice: give each file once.")
        seen.add(key)


def _known_articles(corpus_dir: Path) -> dict[Path, tuple[str, str | None]]:
    """Every corpus file -> (slug, the sha256 of the file it was made from, if recorded)."""
    known: dict[Path, tuple[str, str | None]] = {}
    try:
        files = corpus_files(corpus_dir)
    except CorpusError:  # a new, empty corpus folder
        return known
    for path in files:
        try:
            meta, _ = split_front_matter(path.read_text("utf-8"), _rel(path, corpus_dir))
        except (CorpusError, UnicodeDecodeError, OSError):
            meta = {}
        sha = meta.get("sha256")
        known[path] = (path.relative_to(corpus_dir).with_suffix("").as_posix(), str(sha) if sha else None)
    return known


def _placement(article: Article, known: dict[Path, tuple[str, str | None]], corpus_dir: Path,
               force: bool) -> tuple[Path, list[Path]]:
    """Where the article goes, and the files it replaces (with ``force``); IngestError for a duplicate."""
    target = corpus_dir / f"{article.slug}.md"
    same_file = [p for p, (_, sha) in known.items() if sha == article.sha256]
    if same_file and not force:
        raise IngestError(f"{article.original_file} is already in the corpus as {_rel(same_file[0], corpus_dir)} "
                          "(same sha256): nothing to add. Use --force to convert it again and replace it.")
    if target.exists() and target not in same_file and not force:
        raise IngestError(f"{_rel(target, corpus_dir)} already exists (another article with the title "
                          f"\"{article.title}\"): give this one another title with --title, or use --force "
                          "to replace it.")
    return target, [p for p in same_file if p != target] + ([target] if target.exists() else [])


def _with_questions(article: Article, target: Path, replaced: str | None, bot: Any, corpus_dir: Path) -> Added:
    """Choose questions the assistant answers from this article; write them to its front matter."""
    rel = target.relative_to(corpus_dir).as_posix()
    document = next(d for d in bot.corpus.documents if d.path == rel)
    questions = article.questions or answerable(document, bot.ask)
    if questions and not article.questions:
        write_text_atomic(target, replace(article, questions=questions).text())
    chunks = sum(len(chunk_section(s, document.text, bot.settings.chunk_chars)) for s in document.sections)
    return Added(
        slug=document.id, path=_rel(target, corpus_dir), original_file=article.original_file, format=article.format,
        title=document.title, sections=tuple(_section_name(d) for d in document.sections), chunks=chunks,
        words=sum(len(s.text.split()) for s in document.sections), questions=tuple(questions), replaced=replaced,
    )


def _section_name(section: Any) -> str:
    return section.title_path[-1] if len(section.title_path) > 1 else ""


def _undo(undo: list[tuple[Path, str | None]]) -> None:
    """Put back what this run changed, newest first."""
    for path, before in reversed(undo):
        if before is None:
            path.unlink(missing_ok=True)
        else:
            write_text_atomic(path, before)
    if undo:
        fsync_dir(undo[0][0].parent)


# --------------------------------------------------------------------------- list and remove


def list_articles(settings: Settings | None = None) -> list[ArticleInfo]:
    """Every article of the corpus with its front-matter facts and its section and chunk counts."""
    settings = settings or Settings.from_env()
    corpus = load_corpus(settings.corpus_dir)
    return [_info(doc, settings) for doc in corpus.documents]


def _info(doc: Document, settings: Settings) -> ArticleInfo:
    meta, _ = split_front_matter(doc.text, f"corpus/{doc.path}")
    added = meta.get("added")
    return ArticleInfo(
        slug=doc.id, title=doc.title, source=doc.source, sections=len(doc.sections),
        chunks=sum(len(chunk_section(s, doc.text, settings.chunk_chars)) for s in doc.sections),
        added=str(added) if added else None,
        original_file=str(meta["original_file"]) if meta.get("original_file") else None,
        format=str(meta["format"]) if meta.get("format") else None,
        path=_rel(settings.corpus_dir / doc.path, settings.corpus_dir),
    )


def remove(slug: str, settings: Settings | None = None, *, progress: bool = True,
           say: Callable[[str], None] | None = None) -> Removed:
    """Delete ``corpus/<slug>.md`` and refresh the index; IngestError for an unknown slug."""
    settings = settings or Settings.from_env()
    say = say or (lambda msg: print(msg, file=sys.stderr))
    corpus_dir = settings.corpus_dir
    slug = slug.strip().removesuffix(".md").strip("/").removeprefix(f"{corpus_dir.name}/")
    with corpus_lock(settings, say):
        slugs = {p.relative_to(corpus_dir).with_suffix("").as_posix(): p for p in corpus_files(corpus_dir)}
        if slug not in slugs:
            close = difflib.get_close_matches(slug, list(slugs), n=1, cutoff=0.5)
            hint = f" Did you mean {close[0]}?" if close else ""
            raise IngestError(f"No article {slug!r} in {corpus_dir}.{hint} `python -m assistant list` shows the slugs.")
        if len(slugs) == 1:
            raise IngestError(f"{slug} is the only article: the assistant needs at least one. Add another "
                              "article first, then remove this one.")
        path = slugs[slug]
        before = path.read_text("utf-8")
        title = parse_document(before, path.relative_to(corpus_dir).as_posix()).title
        path.unlink()
        fsync_dir(path.parent)
        try:
            bot = _refresh(settings, progress, say)
        except BaseException:
            write_text_atomic(path, before)
            raise
    return Removed(slug=slug, title=title, path=_rel(path, corpus_dir), documents=bot.index.manifest.documents,
                   chunks=bot.index.manifest.count, index=_index_name(bot, settings))


# --------------------------------------------------------------------------- shared


@contextmanager
def corpus_lock(settings: Settings, say: Callable[[str], None]) -> Iterator[None]:
    """One ``add`` or ``remove`` at a time per index folder: a second run waits for the first."""
    from filelock import FileLock, Timeout

    lock = FileLock(str(settings.index_dir / LOCK_NAME))
    try:
        settings.index_dir.mkdir(parents=True, exist_ok=True)
        try:
            lock.acquire(timeout=0)
        except Timeout:  # (a TimeoutError, so an OSError too: caught first)
            say("Another add or remove is running on this corpus: waiting for it to finish...")
            lock.acquire(timeout=LOCK_WAIT_S)
    except Timeout:
        raise IndexStoreError(f"Another add or remove has held {settings.index_dir / LOCK_NAME} for "
                              f"{LOCK_WAIT_S // 60} minutes: let it finish, or stop it, then run this again.") from None
    except OSError as exc:
        raise IndexStoreError(f"Cannot lock {settings.index_dir / LOCK_NAME} ({exc.strerror or exc}): the index "
                              "folder must be writable to add or remove articles.") from None
    try:
        yield
    finally:
        lock.release()


def _refresh(settings: Settings, progress: bool, say: Callable[[str], None]) -> Any:
    """Load the assistant on the changed corpus: the index is rebuilt, embedding only new texts."""
    from ..core import Assistant

    def log(message: str) -> None:
        if "out of date" not in message:  # expected: we just changed the corpus
            say(message)

    return Assistant.load(settings=settings, progress=progress, log=log)


def _index_name(bot: Any, settings: Settings) -> str:
    path = bot.index.path
    return _rel(path, settings.index_dir) if path else "memory only (the index folder is not writable)"


def _rel(path: Path, base: Path) -> str:
    """``corpus/x.md`` style: the path under the corpus (or index) folder, with that folder's name."""
    try:
        return (Path(base.name) / path.relative_to(base)).as_posix()
    except ValueError:
        return path.as_posix()
