"""Late interaction (``tokens.py``): the word-piece filter and MaxSim on tiny inputs, then the real
model's word-piece vectors (ONNX and torch agreeing) and what they add to the reader."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.query_encoder import OnnxQueryEncoder
from assistant.tokens import (best_matches, content_rows, content_words, maxsim, mean_best, piece_weights,
                              token_vectors, token_words)

from .conftest import FakeEmbedder


def test_only_content_word_pieces_are_kept_at_unit_length():
    pieces = ["[CLS]", "is", "it", "normal", "to", "ache", "##ing", "?", "[SEP]"]
    vectors = np.arange(len(pieces) * 3, dtype=np.float32).reshape(len(pieces), 3) + 1.0
    rows = content_rows(vectors, pieces)
    assert len(rows) == 3  # normal, ache, ##ing: not the stop words, "?" or the special pieces
    assert np.allclose(rows[0], vectors[3] / np.linalg.norm(vectors[3]))
    assert np.allclose(np.linalg.norm(rows, axis=1), 1.0)
    only_stop = content_rows(vectors[:3], ["[CLS]", "is", "it"])  # nothing left: the non-special pieces
    assert len(only_stop) == 2


def test_maxsim_averages_each_question_piece_best_match():
    e = np.eye(3, dtype=np.float32)
    assert maxsim(e[:2], e) == pytest.approx(1.0)  # every question piece found
    assert maxsim(e[:2], e[:1]) == pytest.approx(0.5)  # one of two found
    assert maxsim(e[:0], e) == 0.0 and maxsim(e, e[:0]) == 0.0


def test_best_matches_of_many_texts_agree_with_each_texts_own_product():
    rng = np.random.default_rng(0)
    question = rng.normal(size=(4, 8)).astype(np.float32)
    texts = [rng.normal(size=(n, 8)).astype(np.float16) for n in (3, 0, 1, 5, 0)]
    found = best_matches(question, texts)
    for rows, best in zip(texts, found):
        if len(rows):
            assert np.allclose(best, (question @ rows.astype(np.float32).T).max(axis=1), atol=1e-5)
        else:
            assert np.isneginf(best).all() and mean_best(best) == 0.0
    together = np.concatenate([texts[0], texts[3]]).astype(np.float32)
    assert mean_best(found[0], found[1], found[3]) == pytest.approx(maxsim(question, together))
    assert best_matches(question[:0], texts)[0].shape == (0,)


def test_an_embedder_without_word_pieces_gives_none():
    assert token_vectors(FakeEmbedder(), ["anything"]) is None
    assert token_words(FakeEmbedder(), ["anything"]) is None


def test_each_content_piece_is_read_as_the_whole_word_it_belongs_to():
    text = "Stretching the hamstrings?"
    pieces = ["[CLS]", "stretching", "the", "ham", "##st", "##rings", "?", "[SEP]"]
    word_ids = [None, 0, 1, 2, 2, 2, 3, None]
    offsets = [(0, 0), (0, 10), (11, 14), (15, 18), (18, 20), (20, 25), (25, 26), (0, 0)]
    assert content_words(text, pieces, word_ids, offsets) == ["stretching", "hamstrings", "hamstrings", "hamstrings"]


def test_a_word_common_in_english_counts_less_in_the_match():
    hold, plank = piece_weights(["hold", "plank"])
    assert 0 < hold < plank <= 1
    best = np.array([1.0, 0.0], dtype=np.float32)  # "hold" matched, "plank" not
    assert mean_best(best) == pytest.approx(0.5)
    assert mean_best(best, weights=np.array([hold, plank])) == pytest.approx(hold / (hold + plank))
    assert mean_best(best, weights=np.array([hold])) == pytest.approx(0.5)  # not one per piece: all alike


TEXTS = ["does my back ache because I only just began jogging?",
         "Hold each stretch for around twenty seconds, one knee at a time.",
         "a"]


@pytest.mark.slow
def test_onnx_and_torch_word_pieces_agree(bot, real_embedder):
    fast, reference = bot.query_embedder.token_vectors(TEXTS), real_embedder.token_vectors(TEXTS)
    for a, b in zip(fast, reference):
        assert a.shape == b.shape and a.shape[1] == bot.embedder.dimension
        assert float((a * b).sum(axis=1).min()) >= 0.999
    words = bot.query_embedder.token_words(TEXTS)
    assert words == real_embedder.token_words(TEXTS)
    assert [len(w) for w in words] == [len(a) for a in fast]
    assert words[0] == ["does", "my", "back", "ache", "because", "i", "only", "just", "began", "jogging"]
    assert words[2] == ["a"]  # no content piece: every piece, as content_rows keeps them


@pytest.mark.slow
def test_the_onnx_encoder_reuses_the_run_that_made_the_query_vector(bot, monkeypatch):
    encoder = bot.query_embedder.inner
    assert isinstance(encoder, OnnxQueryEncoder)
    runs = []
    real_run = encoder.session.run

    class Counting:
        def run(self, *args, **kwargs):
            runs.append(1)
            return real_run(*args, **kwargs)

    monkeypatch.setattr(encoder, "session", Counting())
    text = "which word pieces does this sentence have, once encoded?"
    encoder.encode([text])
    encoder.token_vectors([text])
    assert len(runs) == 1
    encoder.token_vectors(["a sentence it has not seen"])
    assert len(runs) == 2


@pytest.mark.slow
def test_word_by_word_matching_finds_the_paraphrase_the_pooled_vectors_miss(bot):
    """'normal' meets 'common', 'start' meets 'begin': the sentence that answers matches the
    question word by word better than a sentence that merely shares its topic."""
    passages = {p.text: p for c in bot.index.chunks for p in c.passages}
    answering = next(t for t in passages if "quite common" in t)
    topical = next(t for t in passages if t.startswith("The cause of this pain"))
    question, answer, other = bot.query_embedder.token_vectors(
        ["is it normal for my back to ache once I start jogging?", answering, topical])
    assert maxsim(question, answer) > maxsim(question, other) + 0.1
    asked = bot.ask("is it normal for my back to ache once I start jogging?")
    assert asked.status == "answered" and "quite common" in asked.citations[0].quote


def test_the_context_match_adds_the_heading_and_the_sentence_leant_on():
    from assistant.reader import Pieces, late_features

    e = np.eye(4, dtype=np.float32)
    passage, heading, previous = best_matches(e[:2], [e[:1], e[2:3], e[1:2]])
    pieces = Pieces(passage=passage, heading=heading, previous=previous)
    assert late_features(pieces, anaphoric=False) == {"late": pytest.approx(0.5), "late_context": pytest.approx(0.5)}
    assert late_features(pieces, anaphoric=True)["late_context"] == pytest.approx(1.0)  # "This ..." leans on e[1]
    heading_has_it = Pieces(passage=passage, heading=previous)
    assert late_features(heading_has_it, anaphoric=False)["late_context"] == pytest.approx(1.0)
    assert late_features(None, anaphoric=True) == {"late": 0.0, "late_context": 0.0}


@pytest.mark.slow
def test_search_counts_a_long_messages_asking_sentence_twice(bot):
    story = "I run three times a week on the roads near home. My lower back aches afterwards. Should I stretch first?"
    plain, plain_weights = bot._question_pieces(story, stress_asking=False)
    stressed, stressed_weights = bot._question_pieces(story, stress_asking=True)
    asking = bot.retriever.word_pieces("Should I stretch first?")
    assert len(stressed) == len(plain) + len(asking) == len(stressed_weights)
    np.testing.assert_allclose(stressed[len(plain):], asking)
    np.testing.assert_allclose(stressed_weights[len(plain):], bot.retriever.word_weights("Should I stretch first?"))
    assert len(plain_weights) == len(plain)
    short = "should i stretch before running?"  # nothing but the asking sentence: nothing to stress
    assert len(bot._question_pieces(short, stress_asking=True)[0]) == len(bot._question_pieces(short, stress_asking=False)[0])
