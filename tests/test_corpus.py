from pathlib import Path

import pytest

from assistant.corpus import load_corpus, parse_document
from assistant.errors import CorpusError

from .conftest import CORPUS, write_corpus


def test_bundled_article_sections_and_anchors():
    corpus = load_corpus(CORPUS)
    (doc,) = corpus.documents
    assert doc.id == "lower-back-pain-and-running"
    assert doc.title == "Lower Back Pain and Running"
    anchors = [s.anchor for s in doc.sections]
    assert "watch-your-posture" in anchors
    assert len(anchors) == len(set(anchors)) == 7
    posture = next(s for s in doc.sections if s.anchor == "watch-your-posture")
    assert posture.title == "Lower Back Pain and Running › Watch your Posture"
    assert posture.title_path == ("Lower Back Pain and Running", "Watch your Posture")


def test_bundled_article_is_verbatim_source_text_without_boilerplate():
    source = (CORPUS.parent.parent / "shared" / "source" / "lower-back-pain-and-running.txt")
    if not source.exists():
        pytest.skip("shared/source is not beside the checkout")
    doc = load_corpus(CORPUS).documents[0]
    corpus_text = " ".join(s.text for s in doc.sections)
    for line in source.read_text("utf-8").splitlines():
        line = " ".join(line.split())
        if line in ("", "Lower Back Pain running", "You Might Also Like", "Lower Back Pain and Running",
                    "Watch your Posture"):
            continue
        assert " ".join(line.split(". ", 1)[-1].split()) in corpus_text or line in corpus_text, line
    assert "You Might Also Like" not in doc.text


def test_numbered_stretches_are_list_items_with_exact_spans():
    doc = load_corpus(CORPUS).documents[0]
    section = next(s for s in doc.sections if "stretch" in s.anchor)
    items = [b for b in section.blocks if b.kind == "item"]
    assert [b.marker for b in items] == ["1.", "2.", "3."]
    assert len({b.list_id for b in items}) == 1
    for block in section.blocks:
        assert doc.text[block.start:block.end] == block.text
    assert section.start < items[0].start < items[-1].end <= section.end


def test_headings_paths_duplicates_and_markup():
    text = (
        "---\ntitle: Guide\nquestions: ['How do I warm up?']\n---\n"
        "Intro before any heading.\n\n"
        "## Warm Up\n\nJog *slowly* for [five minutes](http://x).\n\n"
        "### Legs\n\nSwing each leg.\n\n"
        "## Warm Up\n\nAgain, with <b>html</b> inline.\n\n"
        "```\ncode is not text\n```\n\n"
        "- first\n- second\n"
    )
    doc = parse_document(text, "sub/guide.md")
    assert doc.id == "sub/guide"
    assert doc.title == "Guide"
    assert doc.questions == ("How do I warm up?",)
    assert [s.anchor for s in doc.sections] == ["guide", "warm-up", "legs", "warm-up-1"]
    assert doc.sections[2].title_path == ("Guide", "Warm Up", "Legs")
    assert doc.sections[1].blocks[0].text == "Jog slowly for five minutes."
    last = doc.sections[3]
    assert "code is not text" not in last.text
    assert [b.text for b in last.blocks if b.kind == "item"] == ["first", "second"]


def test_corpus_folder_errors_say_what_to_do(tmp_path: Path):
    with pytest.raises(CorpusError, match="does not exist"):
        load_corpus(tmp_path / "missing")
    with pytest.raises(CorpusError, match="no .md files"):
        load_corpus(tmp_path)
    (tmp_path / "bad.md").write_bytes(b"\xff\xfe not utf8")
    with pytest.raises(CorpusError, match="not UTF-8"):
        load_corpus(tmp_path)


def test_bad_front_matter_is_a_clear_error(tmp_path: Path):
    write_corpus(tmp_path, {"a.md": "---\ntitle: [unclosed\n---\n# A\n\ntext\n"})
    with pytest.raises(CorpusError, match="front matter"):
        load_corpus(tmp_path)


def test_content_hash_changes_with_any_file(tmp_path: Path):
    write_corpus(tmp_path, {"a.md": "# A\n\nOne.\n", "b.md": "# B\n\nTwo.\n"})
    first = load_corpus(tmp_path)
    assert [d.id for d in first.documents] == ["a", "b"]
    (tmp_path / "b.md").write_text("# B\n\nTwo!\n", "utf-8")
    assert load_corpus(tmp_path).content_hash != first.content_hash
