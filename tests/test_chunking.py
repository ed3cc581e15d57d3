from assistant.chunking import MAX_CHUNK_CHARS, chunk_corpus, chunk_section, split_sentences
from assistant.corpus import load_corpus, normalize_ws, parse_document

from .conftest import CORPUS


def test_chunk_invariants_on_bundled_corpus():
    corpus = load_corpus(CORPUS)
    chunks = chunk_corpus(corpus)
    ids = [c.id for c in chunks]
    assert len(ids) == len(set(ids))
    sections = {s.section_id: s for s in corpus.sections}
    for chunk in chunks:
        doc = corpus.document(chunk.document)
        section = sections[chunk.section_id]
        assert chunk.id.startswith(f"{chunk.document}#{chunk.anchor}/")
        assert len(chunk.text) <= MAX_CHUNK_CHARS or len(chunk.passages) == 1
        for passage in chunk.passages:
            # every passage lies inside its own section: a chunk never spans two sections
            assert section.start <= passage.start < passage.end <= section.end
            assert normalize_ws(doc.text[passage.start:passage.end]) == passage.text


def test_each_numbered_stretch_is_its_own_chunk():
    chunks = [c for c in chunk_corpus(load_corpus(CORPUS)) if "stretch" in c.anchor]
    items = [c for c in chunks if c.passages[0].kind == "item"]
    assert len(items) == 3
    assert all(len(c.passages) == 1 for c in items)
    assert any("20 seconds" in c.text for c in items)


def test_ids_are_stable_across_runs():
    assert [c.id for c in chunk_corpus(load_corpus(CORPUS))] == [c.id for c in chunk_corpus(load_corpus(CORPUS))]


def test_long_sections_split_on_sentence_boundaries():
    sentence = "Runners should warm up gently before every long session on the road. "
    doc = parse_document("# T\n\n## Long\n\n" + sentence * 30 + "\n", "t.md")
    chunks = chunk_section(doc.sections[0], doc.text, max_chars=300)
    assert len(chunks) > 1
    assert all(len(c.text) <= 300 for c in chunks)
    assert all(c.text.endswith(".") for c in chunks)
    assert [c.id for c in chunks] == [f"t#long/{n}" for n in range(len(chunks))]


def test_sentence_splitter_keeps_abbreviations():
    assert split_sentences("Dr. Smith runs daily. He stretches, e.g. the knee hug.") == [
        "Dr. Smith runs daily.", "He stretches, e.g. the knee hug."]
    assert split_sentences("   ") == []
