"""Conversion of real-looking files to corpus articles (no model): what is kept, what is dropped,
and a clear IngestError for every kind of bad file. The CLI with the real model is in
test_ingest_cli.py."""

from __future__ import annotations

import hashlib
import re
import zipfile

import pytest

from assistant.chunking import chunk_corpus
from assistant.corpus import load_corpus, parse_document
from assistant.errors import IngestError, InvalidInputError
from assistant.ingest.article import make_article, slugify, tidy
from assistant.ingest.convert import convert
from assistant.ingest.questions import candidates, from_heading, from_sentence

from . import documents as docs


def plain(markdown: str) -> str:
    """Text without Markdown markup or link targets, whitespace collapsed, lower case."""
    text = re.sub(r"\]\([^)]*\)", "]", markdown)
    return " ".join(re.sub(r"[*_#>`\[\]\\]", "", text).split()).lower()


def headings(markdown: str, level: int) -> list[str]:
    return re.findall(rf"^{'#' * level} (.+)$", markdown, re.M)


def article_for(path):
    data = path.read_bytes()
    return make_article(convert(path), original_file=path.name, sha256=hashlib.sha256(data).hexdigest(),
                        added="2026-01-02")


# ----------------------------------------------------------------------------- formats


@pytest.mark.parametrize("page", [docs.article_html, docs.div_soup_html], ids=["semantic", "div-soup"])
def test_html_keeps_the_article_and_drops_the_site_chrome(tmp_path, page):
    path = tmp_path / "page.html"
    path.write_text(page(), "utf-8")
    article = article_for(path)
    text = plain(article.body)
    assert all(plain(s) in text for s in docs.HTML_SENTENCES + docs.HTML_LIST_ITEMS)
    leaked = [c for c in docs.CHROME_PHRASES if plain(c) in text]
    assert leaked == []
    assert article.title == docs.HTML_TITLE and headings(article.body, 1) == [docs.HTML_TITLE]
    assert headings(article.body, 2) == list(docs.HTML_HEADINGS)
    assert f"- {docs.HTML_LIST_ITEMS[0]}" in article.body and "1. Weeks one and two" in article.body
    assert f"*{docs.HTML_EMPHASIS}*" in article.body and "**Do not let your back arch.**" in article.body
    assert f"[{docs.HTML_LINK[0]}]({docs.HTML_LINK[1]})" in article.body
    assert article.published == "2026-03-14" and article.format == "html"


def test_html_canonical_url_becomes_the_source(tmp_path):
    path = tmp_path / "page.html"
    url = "https://harbourphysio.example.org/blog/bird-dog"
    path.write_text(docs.article_html().replace("</head>", f'<link rel="canonical" href="{url}"></head>'), "utf-8")
    assert article_for(path).source == url


def test_pdf_headings_paragraphs_and_lists_come_back_and_page_furniture_goes(tmp_path):
    article = article_for(docs.article_pdf(tmp_path / "leaflet.pdf"))
    assert article.title == docs.PDF_TITLE
    assert headings(article.body, 2) == list(docs.PDF_HEADINGS)  # from the 14 pt bold lines
    text = plain(article.body)
    assert all(plain(s) in text for s in docs.PDF_SENTENCES)
    assert [c for c in docs.CHROME_PDF if plain(c) in text] == []  # running header, "Page n of 3"
    assert all(f"- {item}" in article.body for item in docs.PDF_LIST_ITEMS)
    # A paragraph that runs over a page break is one paragraph, not two.
    assert "so that you can warm up properly beforehand. Wear the shoes" in article.body
    sections = parse_document(article.text(), "leaflet.md").sections
    assert [s.anchor for s in sections][1:] == [slugify(h) for h in docs.PDF_HEADINGS]


def test_pdf_encrypted_only_against_copying_opens_without_a_password(tmp_path):
    article = article_for(docs.encrypted_pdf(tmp_path / "restricted.pdf", user_password=""))
    assert headings(article.body, 2) == list(docs.PDF_HEADINGS)


def test_docx_headings_lists_and_emphasis(tmp_path):
    article = article_for(docs.article_docx(tmp_path / "sleep.docx"))
    assert article.title == docs.DOCX_TITLE and headings(article.body, 2) == list(docs.DOCX_HEADINGS)
    assert all(f"- {item}" in article.body for item in docs.DOCX_LIST_ITEMS)
    assert "1. Lie on it for ten minutes in the shop." in article.body
    assert f"**{docs.DOCX_EMPHASIS}**" in article.body and "*how*" in article.body
    assert all(plain(s) in plain(article.body) for s in docs.DOCX_SENTENCES)


def test_text_file_structure_is_read_from_its_shape(tmp_path):
    path = tmp_path / "cadence.txt"
    path.write_text(
        "Running Cadence and the Lower Back\n\n"
        "A quicker cadence shortens each stride, so the foot lands closer under the hips and the lower back "
        "takes less of the shock. Most runners can raise it by five per cent without effort.\n\n"
        "How to measure it\n\n"
        "Count the steps of one foot for thirty seconds and multiply by four.\n\n"
        "  1. Run at your easy pace.\n  2. Count for thirty seconds.\n  3. Multiply by four.\n",
        "utf-8")
    article = article_for(path)
    assert article.title == "Running Cadence and the Lower Back"
    assert headings(article.body, 2) == ["How to measure it"]
    assert "1. Run at your easy pace." in article.body and article.format == "text"


def test_markdown_keeps_its_own_front_matter(tmp_path):
    path = tmp_path / "notes.md"
    path.write_text("---\ntitle: Hill Running\nsource: https://club.example.org/hills\nquestions:\n"
                    "  - Should I lean into hills?\n---\n\n# Hills\n\n### Uphill\n\n" + "Lean from the ankles. " * 12
                    + "\n\n### Downhill\n\n" + "Shorten your stride and let gravity work. " * 6 + "\n", "utf-8")
    article = article_for(path)
    assert article.title == "Hill Running" and article.source == "https://club.example.org/hills"
    assert article.questions == ("Should I lean into hills?",)
    assert headings(article.body, 1) == ["Hill Running"] and headings(article.body, 2) == ["Uphill", "Downhill"]


def test_the_written_file_is_a_corpus_article_the_chunker_understands(tmp_path):
    article = article_for(docs.article_pdf(tmp_path / "leaflet.pdf"))
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / f"{article.slug}.md").write_text(article.text(), "utf-8")
    loaded = load_corpus(corpus)
    doc = loaded.documents[0]
    assert doc.id == "returning-to-running-after-a-back-injury" and doc.title == docs.PDF_TITLE
    assert len(doc.sections) == 1 + len(docs.PDF_HEADINGS)
    assert {c.section for c in chunk_corpus(loaded)} >= {f"{docs.PDF_TITLE} › {h}" for h in docs.PDF_HEADINGS}
    meta = doc.text.split("---")[1]
    for key in ("title:", "added: '2026-01-02'", "original_file: leaflet.pdf", "format: pdf", "sha256: "):
        assert key in meta


# ----------------------------------------------------------------------------- bad files


def _zip_without_document(path):
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("hello.txt", "not a word file")
    return path


BAD_FILES = [
    ("old.doc", lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 600), "save it as .docx"),
    ("slides.pptx", lambda p: p.write_bytes(b"PK\x03\x04"), "Supported: .html"),
    ("empty.txt", lambda p: p.write_bytes(b""), "is empty"),
    ("corrupt.pdf", docs.corrupt_pdf, "damaged or not a valid PDF"),
    ("scanned.pdf", docs.scanned_pdf, "scanned PDF"),
    ("locked.pdf", docs.encrypted_pdf, "password-protected"),
    ("error-page.pdf", lambda p: p.write_text("<!DOCTYPE html><html><body>404</body></html>"), "an HTML page"),
    ("home.html", lambda p: p.write_text(docs.chrome_only_html()), "main content could not be found"),
    ("blob.txt", lambda p: p.write_bytes(b"\x00\x01\x02" * 100), "binary"),
    ("locked.docx", lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 600), "password-protected"),
    ("renamed.docx", lambda p: p.write_text("just text"), "not a Word .docx"),
    ("other.docx", _zip_without_document, "not a Word document"),
    ("short.txt", lambda p: p.write_text("Stretch daily."), "too little text"),
]


@pytest.mark.parametrize("name,make,message", BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_bad_files_raise_a_clear_ingest_error(tmp_path, name, make, message):
    path = tmp_path / name
    make(path)
    with pytest.raises(IngestError) as info:
        convert(path)
    text = str(info.value)
    assert message in text and name in text and "\n" not in text
    assert isinstance(info.value, InvalidInputError)  # the CLI's exit code 2


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(IngestError, match="no such file"):
        convert(tmp_path / "nope.pdf")
    with pytest.raises(IngestError, match="is a folder"):
        convert(tmp_path)


# ----------------------------------------------------------------------------- shaping


def test_tidy_makes_the_title_h1_and_sections_h2():
    title, body = tidy("Intro text here.\n\n### First\n\nA\nwrapped\n  line.\n\n#### Deeper\n\nB.\n", hint="From Metadata")
    assert title == "From Metadata" and body.splitlines()[0] == "# From Metadata"
    assert headings(body, 2) == ["First"] and headings(body, 3) == ["Deeper"]  # shifted up one level
    assert "A wrapped line." in body  # a paragraph on one line
    title, body = tidy("# Own Title\n\ntext\n\nPart\n----\n\nmore\n", hint="Metadata Title")
    assert title == "Own Title" and headings(body, 1) == ["Own Title"] and headings(body, 2) == ["Part"]
    title, body = tidy("# Own Title\n\ntext\n\n## Part\n\nmore\n", title="Given")
    assert title == "Given" and headings(body, 1) == ["Given"] and headings(body, 2) == ["Part"]
    title, body = tidy("# One\n\ntext\n\n# Two\n\nmore\n", fallback="From File Name")
    assert title == "From File Name" and headings(body, 2) == ["One", "Two"]


def test_slugify():
    assert slugify("Bird Dog and Dead Bug: Two Core Exercises for Runners with Back Pain") == \
        "bird-dog-and-dead-bug-two-core-exercises-for-runners"
    assert slugify("Über-Läufer & Rückenschmerzen") == "uber-laufer-ruckenschmerzen"
    assert slugify("背痛") == ""


@pytest.mark.parametrize("heading,question", [
    ("How to do the bird dog", "How do I do the bird dog?"),
    ("How often to train", "How often should I train?"),
    ("Why the deep core matters", "Why does the deep core matter?"),
    ("Signs to slow down", "What are the signs to slow down?"),
    ("Choosing a Mattress", "What should I know about choosing a mattress?"),
    ("Does running cause back pain?", "Does running cause back pain?"),
    ("Why Running Gets Blamed for Back Pain", "Why running gets blamed for back pain?"),
])
def test_questions_from_headings(heading, question):
    assert from_heading(heading) == question


def test_questions_from_sentences_only_when_the_grammar_is_safe():
    assert from_sentence("Side planks can help runners with back pain.") == "Can side planks help runners with back pain?"
    assert from_sentence("Pain that is worse the next morning means you did too much.") is None
    assert from_sentence("A back injury does not have to end your running.") is None


def test_candidates_come_from_headings_first(tmp_path):
    article = article_for(docs.article_docx(tmp_path / "sleep.docx"))
    found = candidates(parse_document(article.text(), "sleep.md"))
    assert found[:3] == ["What should I know about side sleeping?", "What should I know about back sleeping?",
                         "What should I know about choosing a mattress?"]
    assert "What should I know about sleeping positions for runners with back pain?" in found
    assert found[-1] == "Sleeping positions for runners with back pain: what should I know about choosing a mattress?"


def test_an_unwritable_index_folder_is_a_clear_error_and_nothing_is_written(tmp_path):
    from assistant.config import Settings
    from assistant.errors import IndexStoreError
    from assistant.ingest import add

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (tmp_path / "not-a-folder").write_text("x")
    page = tmp_path / "page.html"
    page.write_text(docs.article_html(), "utf-8")
    settings = Settings.from_env(corpus_dir=corpus, index_dir=tmp_path / "not-a-folder" / "index")
    with pytest.raises(IndexStoreError, match="Cannot lock .* must be writable"):
        add([page], settings, progress=False)
    assert list(corpus.iterdir()) == []
