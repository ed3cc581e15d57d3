"""The pgvector vector store against a real PostgreSQL: the same search results and answers as
FAISS on the bundled corpus, atomic build switches, one builder at a time, old builds dropped."""

from __future__ import annotations

import json
import threading
from dataclasses import replace

import numpy as np
import psycopg
import pytest

from assistant import Assistant, Settings
from assistant import pgvector as pgv
from assistant.corpus import load_corpus
from assistant.dense import Vectors, build as faiss_build, choose
from assistant.index import open_index

from .conftest import CORPUS, ROOT, new_database, write_corpus

QUERIES = [json.loads(line) for line in (ROOT / "eval" / "queries.jsonl").read_text("utf-8").splitlines() if line]


@pytest.fixture(scope="module")
def pg_bot(postgres, bot, tmp_path_factory, real_embedder):
    """The real assistant on the bundled corpus, its vectors and passages in pgvector."""
    settings = replace(bot.settings, vector_store="pgvector", database_url=new_database(postgres, "pgv"))
    logs: list[str] = []
    pg = Assistant.load(settings=settings, embedder=real_embedder, progress=False, log=logs.append)
    assert any("no pgvector build" in line for line in logs)  # the first start builds
    return pg


def test_vector_store_is_chosen_by_configuration(pg_bot, bot):
    assert isinstance(pg_bot.index.dense, pgv.PgVectorIndex) and pg_bot.index.manifest.index_type == "pgvector HNSW"
    assert pg_bot.index.where.startswith("pgvector build-") and bot.index.where == ""
    assert pg_bot.index.manifest.dense["pgvector"] >= "0.5" and pg_bot.index.manifest.count == bot.index.manifest.count


def test_pgvector_search_equals_faiss_on_the_bundled_corpus(pg_bot, bot):
    vectors = bot.query_embedder.encode([q["text"] for q in QUERIES])
    n = bot.index.manifest.count
    faiss_scores, faiss_ids = bot.index.dense.search(vectors, n)
    pg_scores, pg_ids = pg_bot.index.dense.search(vectors, n)
    assert (pg_ids == faiss_ids).all()  # every chunk, in the same order, for all 104 questions
    assert np.allclose(pg_scores, faiss_scores, atol=1e-5)
    rows = np.array([3, 0, n - 1])
    assert np.array_equal(pg_bot.index.dense.reconstruct_batch(rows), bot.index.dense.reconstruct_batch(rows))
    assert np.array_equal(pg_bot.index.passage_vectors, bot.index.passage_vectors)
    for query in QUERIES:
        for mode in ("dense", "bm25", "hybrid"):
            ours, theirs = pg_bot.search(query["text"], k=5, mode=mode), bot.search(query["text"], k=5, mode=mode)
            assert [h.chunk_id for h in ours] == [h.chunk_id for h in theirs], (query["text"], mode)
            assert np.allclose([h.score for h in ours], [h.score for h in theirs], atol=1e-5)


def test_pgvector_answers_equal_faiss_answers(pg_bot, bot):
    for query in QUERIES:
        history = query.get("history")
        assert pg_bot.ask(query["text"], history=history) == bot.ask(query["text"], history=history), query["text"]


def test_another_process_loads_the_build_without_rebuilding(pg_bot, real_embedder, tmp_path):
    settings = replace(pg_bot.settings, index_dir=tmp_path / "other-machine")
    logs: list[str] = []
    again = Assistant.load(settings=settings, embedder=real_embedder, progress=False, log=logs.append)
    assert not [line for line in logs if "rebuilding" in line] and again.index.where == pg_bot.index.where


ARTICLE = "# Shoes\n\n## Arches\n\nIf you have a low arch choose motion control. High arches suit cushioning.\n"


def test_rebuilds_switch_atomically_and_old_builds_are_dropped(postgres, tmp_path, fake_embedder):
    url = new_database(postgres, "builds")
    corpus = load_corpus(write_corpus(tmp_path / "corpus", {"shoes.md": ARTICLE}))
    store = pgv.PgVectorStore(url)
    served = [open_index(tmp_path / "index", corpus, fake_embedder, rebuild=n > 0, progress=False,
                         log=lambda _: None, store=store) for n in range(pgv.KEEP_BUILDS + 2)]
    builds = store.builds()
    assert len(builds) == pgv.KEEP_BUILDS and builds[0]["id"] == served[-1].manifest.dense["build"]
    with psycopg.connect(url) as conn:
        tables = {r[0] for r in conn.execute("SELECT tablename FROM pg_tables WHERE tablename LIKE 'vectors_%'")}
    assert tables == {b["table"] for b in builds}  # the dropped builds' tables are gone
    # A server still on a dropped build gets a clear error, not a crash.
    with pytest.raises(Exception, match="restart the server"):
        served[0].dense.search(np.ones((1, fake_embedder.dimension), dtype=np.float32), 1)
    # The newest build is the one served on the next start.
    fresh = open_index(tmp_path / "index", corpus, fake_embedder, progress=False, log=lambda _: None, store=store)
    assert fresh.manifest.dense["build"] == builds[0]["id"]


def test_builders_on_two_machines_take_turns(postgres, tmp_path, fake_embedder):
    """Two processes find no build at once: one builds, the other waits for the lock, then loads it."""
    url = new_database(postgres, "race")
    corpus = load_corpus(write_corpus(tmp_path / "corpus", {"shoes.md": ARTICLE}))
    results, logs = [], []

    def start(n: int) -> None:
        store = pgv.PgVectorStore(url)
        results.append(open_index(tmp_path / f"index{n}", corpus, fake_embedder, progress=False, log=logs.append,
                                  store=store).manifest.dense["build"])

    threads = [threading.Thread(target=start, args=(n,)) for n in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 2 and results[0] == results[1] and len(pgv.PgVectorStore(url).builds()) == 1


def test_exact_vectors_match_faiss_flat():
    rng = np.random.default_rng(3)
    vectors = rng.standard_normal((300, 16)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    flat = faiss_build(vectors, choose(300, "flat"))
    _, want = flat.search(vectors[:20], 10)
    _, got = Vectors(vectors).search(vectors[:20], 10)
    assert (got == want).all()


def test_pgvector_needs_postgresql(tmp_path):
    from assistant.errors import ConfigError

    with pytest.raises(ConfigError, match="ASSISTANT_VECTOR_STORE=pgvector needs PostgreSQL"):
        Settings.from_env(data_dir=tmp_path, vector_store="pgvector")
    with pytest.raises(ConfigError, match="ASSISTANT_VECTOR_STORE='qdrant' is not a vector store"):
        Settings.from_env(data_dir=tmp_path, vector_store="qdrant")
