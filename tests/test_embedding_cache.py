"""A rebuild embeds only the chunks (and passages) whose text changed."""

from __future__ import annotations

import numpy as np

from assistant.chunking import chunk_corpus
from assistant.corpus import load_corpus
from assistant.embedding_cache import cache_path
from assistant.index import open_index

from .conftest import FakeEmbedder, write_corpus

SHOES = "# Shoes\n\n## Arches\n\nIf you have a low arch choose motion control. High arches suit cushioning.\n"
STRIDE = "# Stride\n\n## Cadence\n\nShorter strides land softly. A higher cadence spreads the load.\n"


class RecordingEmbedder(FakeEmbedder):
    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []

    def encode(self, texts):
        self.texts.extend(texts)
        return super().encode(texts)


def _texts(corpus, document: str) -> set[str]:
    chunks = [c for c in chunk_corpus(corpus) if c.document == document]
    return {c.embed_text for c in chunks} | {p.text for c in chunks for p in c.passages}


def test_changing_one_document_embeds_only_its_chunks(tmp_path):
    corpus_dir = write_corpus(tmp_path / "corpus", {"shoes.md": SHOES, "stride.md": STRIDE})
    embedder = RecordingEmbedder()
    open_index(tmp_path / "index", load_corpus(corpus_dir), embedder, log=lambda _: None)
    assert set(embedder.texts) == _texts(load_corpus(corpus_dir), "shoes") | _texts(load_corpus(corpus_dir), "stride")

    (corpus_dir / "stride.md").write_text(STRIDE.replace("softly", "lightly"), "utf-8")
    embedder.texts.clear()
    corpus = load_corpus(corpus_dir)
    second = open_index(tmp_path / "index", corpus, embedder, log=lambda _: None)

    changed = _texts(corpus, "stride") - _texts(load_corpus(write_corpus(tmp_path / "old", {"stride.md": STRIDE})), "stride")
    assert embedder.texts and set(embedder.texts) == changed  # nothing of shoes.md, only new stride text
    everything = _texts(corpus, "shoes") | _texts(corpus, "stride")
    assert second.manifest.embedding_cache == {"hits": len(everything) - len(changed), "embedded": len(changed)}
    fresh = open_index(tmp_path / "cold", corpus, FakeEmbedder(), log=lambda _: None)
    assert np.array_equal(second.passage_vectors, fresh.passage_vectors)


def test_a_damaged_cache_is_ignored_not_trusted(tmp_path):
    corpus_dir = write_corpus(tmp_path / "corpus", {"shoes.md": SHOES})
    embedder = RecordingEmbedder()
    open_index(tmp_path / "index", load_corpus(corpus_dir), embedder, log=lambda _: None)
    cache_path(tmp_path / "index", embedder).write_bytes(b"not a cache")
    embedder.texts.clear()
    rebuilt = open_index(tmp_path / "index", load_corpus(corpus_dir), embedder, rebuild=True, log=lambda _: None)
    assert set(embedder.texts) == _texts(load_corpus(corpus_dir), "shoes")
    assert rebuilt.manifest.embedding_cache["hits"] == 0


def test_another_model_does_not_reuse_the_cache(tmp_path):
    class OtherModel(RecordingEmbedder):
        @property
        def identity(self):
            return {"name": "other", "weights_sha256": "1" * 64}

    corpus_dir = write_corpus(tmp_path / "corpus", {"shoes.md": SHOES})
    open_index(tmp_path / "index", load_corpus(corpus_dir), RecordingEmbedder(), log=lambda _: None)
    other = OtherModel()
    open_index(tmp_path / "index", load_corpus(corpus_dir), other, log=lambda _: None)
    assert set(other.texts) == _texts(load_corpus(corpus_dir), "shoes")


def test_a_digest_ending_in_a_nul_byte_is_found_again(tmp_path):
    from assistant.embedding_cache import text_key

    # numpy's "S16" strips trailing NULs: such a key read back must still match (1 text in 256).
    nul = next(f"Cadence drill {i} keeps strides short." for i in range(10_000)
               if text_key(f"Cadence drill {i} keeps strides short.").endswith(b"\0"))
    corpus_dir = write_corpus(tmp_path / "corpus", {"stride.md": f"# Stride\n\n## Cadence\n\n{nul}\n"})
    embedder = RecordingEmbedder()
    open_index(tmp_path / "index", load_corpus(corpus_dir), embedder, log=lambda _: None)
    assert nul in embedder.texts
    embedder.texts.clear()
    again = open_index(tmp_path / "index", load_corpus(corpus_dir), embedder, rebuild=True, log=lambda _: None)
    assert embedder.texts == [] and again.manifest.embedding_cache["embedded"] == 0
