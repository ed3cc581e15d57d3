"""Evaluation: metrics checked by hand on tiny cases, the eval-data checks, the real model and
index end to end, and the ``eval`` command as a user runs it."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant.answer import red_flag_reply, unmentioned_note
from assistant.corpus import load_corpus
from assistant.corpus import normalize_ws
from assistant.evaluation import (
    EvalDataError,
    Query,
    available_splits,
    check_thresholds,
    evaluate,
    load_eval_set,
    metric_names,
    parse_thresholds,
    ranking_metrics,
    reply_tier,
    section_run,
    uncited_sentences,
)
from assistant.evaluation.data import styles_of
from assistant.errors import InvalidInputError
from assistant.safety import RedFlag

from .conftest import CORPUS, ROOT

DOC = "lower-back-pain-and-running"
SHOES, STRETCH, CORE = f"{DOC}#choosing-running-shoes", f"{DOC}#stretching-without-straining-the-back", f"{DOC}#core-strength"


# --------------------------------------------------------------------------- ranking, by hand


def test_ranking_metrics_match_hand_computed_values():
    qrels = {"q1": {"a": 1}, "q2": {"b": 1}, "q3": {"c": 1}, "q4": {"d": 1}}
    run = {
        "q1": {"a": 1.0, "x": 0.5},  # relevant at rank 1
        "q2": {"x": 1.0, "b": 0.5},  # rank 2
        "q3": {"x": 1.0, "y": 0.5, "z": 0.33, "c": 0.25},  # rank 4
        # q4: no results at all
    }
    scores = ranking_metrics(qrels, run, k=10)
    assert scores["recall@1"] == pytest.approx(1 / 4)
    assert scores["recall@3"] == pytest.approx(2 / 4)
    assert scores["mrr@10"] == pytest.approx((1 + 1 / 2 + 1 / 4) / 4)
    # one relevant document of grade 1: nDCG = 1 / log2(rank + 1)
    assert scores["ndcg@10"] == pytest.approx((1 + 1 / math.log2(3) + 1 / math.log2(5)) / 4)
    # the cut-off applies: rank 4 is outside MRR@3
    assert ranking_metrics(qrels, run, k=3)["mrr@3"] == pytest.approx((1 + 1 / 2) / 4)


def test_recall_counts_every_relevant_section():
    qrels = {"q": {"a": 2, "b": 1, "c": 1}}
    scores = ranking_metrics(qrels, {"q": {"b": 1.0, "x": 0.5, "a": 0.3, "c": 0.2}}, k=10)
    assert scores["recall@1"] == pytest.approx(1 / 3)
    assert scores["recall@3"] == pytest.approx(2 / 3)
    assert scores["mrr@10"] == pytest.approx(1.0)


def test_section_run_collapses_chunks_to_the_best_rank():
    hits = [{"document": "d", "anchor": a} for a in ("one", "one", "two", "one", "three")]
    assert section_run(hits) == {"d#one": 1.0, "d#two": 0.5, "d#three": pytest.approx(1 / 3)}
    assert section_run([]) == {}


# --------------------------------------------------------------------------- answer helpers


def test_uncited_sentences_only_the_last_sentence_before_a_marker_carries_it():
    body = "First one. Second one. [1] Third. [2]\n\n1. An item. Its second sentence. [3]\n2. Item two [4]"
    total, bare = uncited_sentences(body)
    assert total == 6
    assert bare == ["First one.", "An item."]
    total, bare = uncited_sentences("Quoted. [1] Then text nobody cited.")
    assert (total, bare) == (2, ["Then text nobody cited."])


def test_reply_tier_reads_the_red_flag_reply():
    emergency = red_flag_reply("q", (RedFlag("emergency", "numbness in the groin"),))
    urgent = red_flag_reply("q", (RedFlag("urgent", "a fever"),))
    assert reply_tier({"answer": emergency}) == "emergency"
    assert reply_tier({"answer": urgent + "\n\nWhat the articles say in general: ..."}) == "urgent"
    assert reply_tier({"answer": "Stretch gently. [1]"}) is None


def test_thresholds_parse_and_check():
    names = metric_names(10, ("hybrid",))
    assert parse_thresholds(["hybrid.mrr@10=0.9"], names) == {"hybrid.mrr@10": 0.9}
    with pytest.raises(InvalidInputError, match="unknown metric 'hybrid.mrr'.*hybrid.recall@1"):
        parse_thresholds(["hybrid.mrr=0.9"], names)
    with pytest.raises(InvalidInputError, match="not measured by this run"):
        parse_thresholds(["dense.recall@1=0.5"], names)
    with pytest.raises(InvalidInputError, match="METRIC=VALUE"):
        parse_thresholds(["hybrid.mrr@10"], names)
    with pytest.raises(InvalidInputError, match="not a number"):
        parse_thresholds(["hybrid.mrr@10=high"], names)
    problems = check_thresholds({"a": 0.5, "b": 0.1}, {"a": 0.6}, {"b": 0.0})
    assert problems == ["a = 0.5000 is below the minimum 0.6", "b = 0.1000 is above the maximum 0"]
    assert check_thresholds({"a": 0.6}, {"a": 0.6}) == []


# --------------------------------------------------------------------------- eval data checks


def write_eval(folder: Path, queries=None, test=None, holdout=None, behaviour=None) -> Path:
    queries = queries if queries is not None else [
        {"_id": "q001", "text": "trainers for flat feet", "must_contain": "motion control", "style": ["lay"]},
        {"_id": "q002", "text": "how long do I hold the knee hug", "must_contain": ["20 seconds", "one knee"]},
        {"_id": "q003", "text": "and high arches?", "history": [{"role": "user", "content": "shoes for flat feet"}]},
        {"_id": "q004", "text": "core exercises"},
    ]
    (folder / "qrels").mkdir(parents=True, exist_ok=True)
    (folder / "behaviour").mkdir(exist_ok=True)
    (folder / "queries.jsonl").write_text("".join(json.dumps(q) + "\n" for q in queries), "utf-8")
    header = "query-id\tcorpus-id\tscore\n"
    (folder / "qrels" / "test.tsv").write_text(
        test if test is not None else header + f"q001\t{SHOES}\t1\nq002\t{STRETCH}\t1\nq004\t{CORE}\t1\n", "utf-8")
    (folder / "qrels" / "holdout.tsv").write_text(
        holdout if holdout is not None else header + f"q003\t{SHOES}\t1\n", "utf-8")
    behaviour = behaviour or {
        "out_of_scope": [{"_id": "oos001", "text": "sourdough starter?", "expected_status": "out_of_scope",
                          "kind": "far"},
                         {"_id": "oos002", "text": "tax return deadline", "expected_status": "out_of_scope",
                          "kind": "near"}],
        "red_flags": [{"_id": "rf001", "text": "numb groin", "expected_status": "urgent", "tier": "emergency"},
                      {"_id": "rf002", "text": "fever and back ache", "expected_status": "urgent", "tier": "urgent"},
                      {"_id": "rf004", "text": "lost weight", "expected_status": "urgent", "tier": "urgent"}],
        "not_flagged": [{"_id": "nf001", "text": "legs tired", "expected_status": "answered"},
                        {"_id": "nf002", "text": "no numbness", "expected_status": "answered"}],
    }
    for name, cases in behaviour.items():
        (folder / "behaviour" / f"{name}.jsonl").write_text("".join(json.dumps(c) + "\n" for c in cases), "utf-8")
    return folder


def test_load_eval_set_splits_queries_and_behaviour(tmp_path):
    data = load_eval_set(write_eval(tmp_path / "eval"), "test")
    assert [q.id for q in data.queries] == ["q001", "q002", "q004"]
    assert data.qrels["q001"] == {SHOES: 1}
    assert [c.id for c in data.red_flags] == ["rf001", "rf002", "rf004"]
    holdout = load_eval_set(tmp_path / "eval", "holdout")
    assert [q.id for q in holdout.queries] == ["q003"]
    assert holdout.queries[0].history == ({"role": "user", "content": "shoes for flat feet"},)
    assert holdout.red_flags == () and holdout.out_of_scope == ()


@pytest.mark.parametrize("change,message", [
    ({"queries": [{"_id": "q001", "text": "x"}, {"_id": "q001", "text": "y"}]}, "duplicate query id"),
    ({"queries": [{"_id": "q#1", "text": "x"}]}, "contains '#'"),
    ({"queries": [{"_id": "q001", "text": ""}]}, "'text' must be non-empty"),
    ({"queries": [{"_id": "q001", "text": "x", "history": [{"role": "bot", "content": "hi"}]}]}, "history must be"),
    ({"test": "qid\tdoc\tscore\n"}, "header must be"),
    ({"test": f"query-id\tcorpus-id\tscore\nq999\t{SHOES}\t1\n"}, "'q999' is not in queries.jsonl"),
    ({"test": "query-id\tcorpus-id\tscore\nq001\tchoosing-running-shoes\t1\n"}, "must be a section id"),
    ({"test": f"query-id\tcorpus-id\tscore\nq001\t{SHOES}\tyes\n"}, "not a whole number"),
    ({"holdout": f"query-id\tcorpus-id\tscore\nq001\t{SHOES}\t1\n"}, "both test.tsv and holdout.tsv"),
    ({"behaviour": {"red_flags": [{"_id": "rf001", "text": "x", "expected_status": "urgent", "tier": "soon"}],
                    "out_of_scope": [], "not_flagged": []}}, "tier 'soon'"),
    ({"behaviour": {"out_of_scope": [{"_id": "oos001", "text": "x", "expected_status": "answered"}],
                    "red_flags": [], "not_flagged": []}}, "expect status other than 'out_of_scope'"),
    ({"queries": [{"_id": "q001", "text": "x", "style": ["slang"]}]}, "style 'slang' is not one of"),
    ({"queries": [{"_id": "q001", "text": "x", "must_contain": []}]}, "'must_contain' must be non-empty"),
    ({"behaviour": {"out_of_scope": [{"_id": "oos001", "text": "x", "expected_status": "out_of_scope",
                                      "kind": "close"}], "red_flags": [], "not_flagged": []}}, "kind 'close'"),
])
def test_malformed_eval_data_is_a_clear_error(tmp_path, change, message):
    folder = write_eval(tmp_path / "eval", **change)
    with pytest.raises(EvalDataError, match=message):
        load_eval_set(folder, "test")


def test_malformed_json_line_names_file_and_line(tmp_path):
    folder = write_eval(tmp_path / "eval")
    with open(folder / "queries.jsonl", "a", encoding="utf-8") as fh:
        fh.write('{"_id": "q005", "text": "oops"\n')
    with pytest.raises(EvalDataError, match=r"queries.jsonl:5: not valid JSON"):
        load_eval_set(folder)


def test_missing_folder_and_unknown_split(tmp_path):
    with pytest.raises(EvalDataError, match="does not exist"):
        load_eval_set(tmp_path / "nope")
    with pytest.raises(EvalDataError, match="Unknown split 'train'"):
        load_eval_set(write_eval(tmp_path / "eval"), "train")


def test_the_shipped_eval_set_meets_the_issue():
    test, holdout = load_eval_set(ROOT / "eval", "test"), load_eval_set(ROOT / "eval", "holdout")
    queries = test.queries + holdout.queries
    assert len(queries) >= 80 and len({q.id for q in queries}) == len(queries)
    assert sum(bool(q.history) for q in queries) >= 10
    sections = {s.section_id for s in load_corpus(CORPUS).sections}
    assert {sid for data in (test, holdout) for judged in data.qrels.values() for sid in judged} <= sections
    for name in ("out_of_scope", "red_flags", "not_flagged"):
        assert len(getattr(test, name)) + len(getattr(holdout, name)) >= 25
    assert {c.tier for c in test.red_flags} == {"emergency", "urgent"}


def test_the_blind_split_meets_the_issue():
    """The blind set (eval/blind/): written without sight of the other questions or the code."""
    assert "blind" in available_splits(ROOT / "eval")
    blind = load_eval_set(ROOT / "eval", "blind")
    corpus = load_corpus(CORPUS)
    text = " ".join(normalize_ws(s.text) for s in corpus.sections)
    assert len(blind.queries) >= 120 and all(q.must_contain for q in blind.queries)
    assert all(p in text for q in blind.queries for p in q.must_contain)  # exact phrases of the article
    assert {sid for judged in blind.qrels.values() for sid in judged} <= {s.section_id for s in corpus.sections}
    styles = {s for q in blind.queries for s in q.style}
    assert {"lay", "typo", "long", "short", "list", "follow-up", "regional"} <= styles
    kinds = [c.kind for c in blind.out_of_scope]
    assert kinds.count("near") >= 60 and kinds.count("far") >= 20
    tiers = [c.tier for c in blind.red_flags]
    assert len(tiers) >= 30 and {"emergency", "urgent"} == set(tiers)
    assert len(blind.not_flagged) >= 30
    # written apart from test and holdout: only the obvious questions (the article's own suggested
    # questions, "neutral spine?") came out word for word the same
    shared = load_eval_set(ROOT / "eval", "test").queries + load_eval_set(ROOT / "eval", "holdout").queries
    same = {q.text.lower() for q in blind.queries} & {q.text.lower() for q in shared}
    assert len(same) <= 0.05 * len(blind.queries)


def test_a_folder_split_is_read_whole(tmp_path):
    folder = write_eval(tmp_path / "eval")
    write_eval(folder / "fresh", queries=[{"_id": "f001", "text": "flat feet shoes?", "must_contain": "low arch"}],
               behaviour={"out_of_scope": [{"_id": "o003", "text": "tax?", "expected_status": "out_of_scope"}],
                          "red_flags": [], "not_flagged": []})
    (folder / "fresh" / "qrels" / "test.tsv").unlink()
    (folder / "fresh" / "qrels" / "holdout.tsv").unlink()
    (folder / "qrels" / "fresh.tsv").write_text(f"query-id\tcorpus-id\tscore\nf001\t{SHOES}\t1\n", "utf-8")
    assert available_splits(folder) == ("test", "holdout", "fresh")
    data = load_eval_set(folder, "fresh")
    assert [q.id for q in data.queries] == ["f001"] and data.queries[0].must_contain == ("low arch",)
    assert [c.id for c in data.out_of_scope] == ["o003"]  # no id rule: the folder is the split


def test_styles_are_read_off_the_question():
    q = Query("q1", "shoes?", ("low arch",), ({"role": "user", "content": "hi"},), ("lay",))
    assert styles_of(q, ["if you have a low arch choose runners"]) == ("lay", "short", "list item", "follow-up")
    assert styles_of(Query("q2", "How should I hold my back when I run on hills?")) == ("plain",)
    assert "long" in styles_of(Query("q3", " ".join(["word"] * 25)))


# --------------------------------------------------------------------------- scoring, with a scripted backend


class ScriptedBackend:
    """Canned JSON replies, so every answer and behaviour number can be worked out by hand."""

    description = "scripted"

    def __init__(self, corpus_hash: str, replies: dict[str, dict]) -> None:
        self.corpus_hash = corpus_hash
        self.replies = replies
        self.searched: list[tuple[str, str]] = []

    def manifest(self):
        return {"corpus_hash": self.corpus_hash, "model": {"name": "scripted"}}

    def search(self, query, k, mode):
        self.searched.append((query, mode))
        order = {"dense": ["choosing-running-shoes", "core-strength"], "bm25": ["core-strength"]}.get(mode, [])
        texts = {"choosing-running-shoes": "if you have a low arch choose runners with motion control",
                 "core-strength": "A strong core increases stability"}
        return [{"document": DOC, "anchor": a, "text": texts[a]} for a in order][:k]

    def ask(self, question, history):
        return self.replies.get(question, {"status": "answered", "answer": "Nothing. [1]", "citations": []})


def _answer(status, text, *cites):
    return {"status": status, "answer": text, "citations": [
        {"n": n, "document": DOC, "anchor": anchor, "section": "s", "quote": quote}
        for n, (anchor, quote) in enumerate(cites, start=1)]}


def test_scores_from_scripted_replies(tmp_path):
    corpus = load_corpus(CORPUS)
    emergency = red_flag_reply("q", (RedFlag("emergency", "numbness"),))
    urgent = red_flag_reply("q", (RedFlag("urgent", "fever"),))
    backend = ScriptedBackend(corpus.content_hash, {
        # must_contain found; one verbatim relevant citation, one not verbatim
        "trainers for flat feet": _answer(
            "answered", "Choose runners with motion control. [1] Made up. [2]\n\n**Sources**\n\n- [1] x",
            ("choosing-running-shoes", "Runners should be light and have a level of stability that you are comfortable with."),
            ("choosing-running-shoes", "Buy the most expensive shoes.")),
        # must_contain missing; a verbatim citation of a section not judged relevant
        # ... told the articles never mention a thing it names: not part of the quoted body
        "how long do I hold the knee hug": _answer(
            "answered", unmentioned_note(("knee hug",)) + "\n\nFirst. Second. [1]",
            ("core-strength", "A strong core increases stability")),
        "core exercises": _answer("out_of_scope", "Sorry."),
        "sourdough starter?": _answer("out_of_scope", "Sorry."),
        "tax return deadline": _answer("answered", unmentioned_note(("tax return",)) + "\n\nBread. [1]"),
        "numb groin": _answer("urgent", emergency),
        "fever and back ache": _answer("urgent", emergency),  # right status, wrong tier
        "lost weight": _answer("urgent", urgent),
        "legs tired": _answer("urgent", urgent),
    })
    report = evaluate(backend, split="test", eval_dir=write_eval(tmp_path / "eval"), k=5, corpus=corpus)
    m = report.metrics()
    # ranking: dense puts shoes first (q001 right, q004 core at rank 2), bm25 only returns core
    assert m["dense.recall@1"] == pytest.approx(1 / 3) and m["dense.mrr@5"] == pytest.approx((1 + 0.5) / 3)
    assert m["bm25.recall@1"] == pytest.approx(1 / 3) and m["hybrid.recall@3"] == 0.0
    assert m["answer.answered"] == pytest.approx(2 / 3)
    assert m["answer.must_contain"] == pytest.approx(1 / 2)
    # q001's first quote lacks "motion control" (it is in the answer text, not the first quote)
    assert m["answer.answer_at_1"] == 0.0
    # answered bodies: q001's two quoted sentences with markers, q002's "First. Second. [1]"
    assert m["answer.median_chars"] == pytest.approx((len("Choose runners with motion control. [1] Made up. [2]")
                                                      + len("First. Second. [1]")) / 2)
    # dense's first chunk holds q001's phrase, not q002's; bm25's neither
    assert m["dense.passage_hit@1"] == pytest.approx(1 / 2) and m["bm25.passage_hit@1"] == 0.0
    assert m["behaviour.refusal.far"] == 1.0 and m["behaviour.refusal.near"] == 0.0
    # the near-topic question answered, but told the articles never mention what it names
    assert m["behaviour.honest.near"] == 1.0 and m["behaviour.honest.far"] == 1.0
    assert m["answer.noted"] == pytest.approx(1 / 2)  # of the two answered in-scope questions
    lay = report.styles.in_scope["lay"]
    assert (lay["must_contain"].hits, lay["must_contain"].total) == (1, 1)
    assert report.styles.in_scope["short"]["answered"].total == 1  # "core exercises"
    assert report.styles.out_of_scope["short"]["refused"].value == 0.5
    assert m["answer.citation_verbatim"] == pytest.approx(2 / 3)
    assert m["answer.citation_precision"] == pytest.approx(2 / 3)
    # sentences of answered replies: 2 cited of 2, then "First." bare and "Second." cited
    assert m["answer.cited_sentences"] == pytest.approx(3 / 4)
    assert m["behaviour.refusal"] == pytest.approx(1 / 2)
    assert m["behaviour.red_flag_recall.emergency"] == 1.0
    assert m["behaviour.red_flag_recall.urgent"] == pytest.approx(1 / 2)
    assert m["behaviour.false_flag"] == pytest.approx(1 / 2)
    assert m["behaviour.ordinary_answered"] == pytest.approx(1 / 2)  # nf002 answered, nf001 flagged
    kinds = [(f.kind, f.id) for f in report.failures]
    assert ("answer", "q002") in kinds and ("behaviour", "rf002") in kinds and ("behaviour", "nf001") in kinds
    assert ("behaviour", "nf002") not in kinds and ("retrieval:dense", "q001") not in kinds
    tier_failure = next(f for f in report.failures if f.id == "rf002")
    assert "urgent tier" in tier_failure.expected and "emergency tier" in tier_failure.got


def test_follow_ups_are_searched_with_the_previous_user_turn(tmp_path):
    corpus = load_corpus(CORPUS)
    backend = ScriptedBackend(corpus.content_hash, {})
    evaluate(backend, split="holdout", eval_dir=write_eval(tmp_path / "eval"), retrievers=["dense"],
             answers=False, behaviour=False, corpus=corpus)
    assert backend.searched == [("shoes for flat feet and high arches?", "dense")]


class RecordingBackend(ScriptedBackend):
    """Scripted replies, and every ``ask`` recorded with the history it was given."""

    def __init__(self, corpus_hash: str, replies: dict[str, dict]) -> None:
        super().__init__(corpus_hash, replies)
        self.asked: list[tuple[str, list[dict]]] = []

    def ask(self, question, history):
        self.asked.append((question, [dict(t) for t in history]))
        return super().ask(question, history)


FOLLOW_UPS = [
    {"_id": "q010", "text": "which one first?", "must_contain": "motion control", "history": [
        {"role": "user", "content": "shoes for flat feet"},
        {"role": "assistant", "content": "Written by hand."}]},
    {"_id": "q011", "text": "and the price?", "must_contain": "motion control", "history": [
        {"role": "user", "content": "shoes for flat feet"},
        {"role": "assistant", "content": "Written by hand."}]},
    {"_id": "q012", "text": "more?", "must_contain": "motion control", "history": [
        {"role": "assistant", "content": "Hello, ask me about back pain."}]},
]


@pytest.mark.parametrize("history", ["written", "replayed"])
def test_follow_ups_get_the_written_or_the_replayed_assistant_turns(tmp_path, history):
    corpus = load_corpus(CORPUS)
    qrels = "query-id\tcorpus-id\tscore\n" + "".join(f"q01{i}\t{SHOES}\t1\n" for i in range(3))
    backend = RecordingBackend(corpus.content_hash, {"shoes for flat feet": _answer(
        "answered", "Choose runners with motion control. [1]", ("choosing-running-shoes", "x"))})
    holdout = f"query-id\tcorpus-id\tscore\nq004\t{CORE}\t1\n"
    folder = write_eval(tmp_path / "eval", [*FOLLOW_UPS, {"_id": "q004", "text": "core exercises"}], test=qrels,
                        holdout=holdout)
    report = evaluate(backend, split="test", eval_dir=folder,
                      retrievers=["dense"], behaviour=False, corpus=corpus, history=history)
    assert report.history == history and report.to_dict()["history"] == history
    asked = {question: turns for question, turns in backend.asked}
    own = "Written by hand." if history == "written" else "Choose runners with motion control. [1]"
    assert asked["which one first?"] == asked["and the price?"] == [
        {"role": "user", "content": "shoes for flat feet"}, {"role": "assistant", "content": own}]
    # an assistant turn with no question before it has nothing to replay: it stays as written
    assert asked["more?"] == FOLLOW_UPS[2]["history"]
    # the earlier question is asked once for both follow-ups that share it, and only when replaying
    assert [q for q, _ in backend.asked].count("shoes for flat feet") == (history == "replayed")


@pytest.mark.parametrize("history", ["written", "replayed"])
def test_behaviour_follow_ups_are_asked_with_their_history(tmp_path, history):
    """An off-topic question or a red flag that comes after an answer is asked in that
    conversation, scored as its group, and counted under the follow-up style."""
    corpus = load_corpus(CORPUS)
    earlier = [{"role": "user", "content": "shoes for flat feet"}, {"role": "assistant", "content": "Written."}]
    behaviour = {
        "out_of_scope": [{"_id": "oos001", "text": "and how do I cook pasta?", "expected_status": "out_of_scope",
                          "kind": "far", "history": earlier},
                         {"_id": "oos002", "text": "tax return deadline", "expected_status": "out_of_scope",
                          "kind": "near"}],
        "red_flags": [{"_id": "rf001", "text": "also my groin is numb", "expected_status": "urgent",
                       "tier": "emergency", "history": earlier}],
        "not_flagged": [{"_id": "nf001", "text": "legs tired", "expected_status": "answered"}],
    }
    backend = RecordingBackend(corpus.content_hash, {
        "shoes for flat feet": _answer("answered", "Choose motion control. [1]", ("choosing-running-shoes", "x")),
        "and how do I cook pasta?": _answer("answered", "Bread. [1]"),
        "tax return deadline": _answer("out_of_scope", "Sorry."),
        "also my groin is numb": _answer("urgent", red_flag_reply("q", (RedFlag("emergency", "numbness"),))),
    })
    report = evaluate(backend, split="test", eval_dir=write_eval(tmp_path / "eval", behaviour=behaviour),
                      retrievers=["dense"], answers=False, corpus=corpus, history=history)
    asked = dict(backend.asked)
    own = "Written." if history == "written" else "Choose motion control. [1]"
    expected = [earlier[0], {"role": "assistant", "content": own}]
    assert asked["and how do I cook pasta?"] == asked["also my groin is numb"] == expected
    assert asked["tax return deadline"] == []
    assert load_eval_set(tmp_path / "eval", "test").red_flags[0].history == tuple(earlier)
    follow_ups = report.styles.out_of_scope["follow-up"]["refused"]
    assert (follow_ups.hits, follow_ups.total) == (0, 1)
    assert report.metrics()["behaviour.refusal.near"] == 1.0 and report.metrics()["behaviour.refusal.far"] == 0.0
    assert report.metrics()["behaviour.red_flag_recall.emergency"] == 1.0


def test_an_unknown_history_mode_is_refused(tmp_path):
    corpus = load_corpus(CORPUS)
    with pytest.raises(InvalidInputError, match="Unknown history 'own': choose from written, replayed"):
        evaluate(ScriptedBackend(corpus.content_hash, {}), eval_dir=write_eval(tmp_path / "eval"), corpus=corpus,
                 history="own")


def test_a_server_with_another_corpus_is_refused(tmp_path):
    corpus = load_corpus(CORPUS)
    with pytest.raises(EvalDataError, match="another corpus"):
        evaluate(ScriptedBackend("0" * 64, {}), eval_dir=write_eval(tmp_path / "eval"), corpus=corpus)


def test_qrels_naming_a_missing_section_are_refused(tmp_path):
    corpus = load_corpus(CORPUS)
    folder = write_eval(tmp_path / "eval", test=f"query-id\tcorpus-id\tscore\nq001\t{DOC}#renamed-heading\t1\n")
    with pytest.raises(EvalDataError, match="renamed-heading"):
        evaluate(ScriptedBackend(corpus.content_hash, {}), eval_dir=folder, corpus=corpus)


# --------------------------------------------------------------------------- the real assistant


@pytest.mark.slow
def test_real_evaluation_is_consistent(bot, tmp_path):
    from ranx import Qrels, Run

    report = evaluate(bot, split="test")
    metrics = report.metrics()
    assert list(metrics) == list(metric_names())
    assert all(0.0 <= v <= 1.0 for name, v in metrics.items() if name != "answer.median_chars")
    assert 50 < metrics["answer.median_chars"] < 2000
    assert report.identity["corpus_hash"] == bot.corpus.content_hash
    assert report.answers.questions == len(load_eval_set(ROOT / "eval", "test").queries)
    # MRR recomputed by hand from the section-level runs agrees with ranx
    for scores in report.retrieval:
        run = report.runs[scores.retriever]
        reciprocal = []
        for qid, judged in report.qrels.items():
            ranked = sorted(run[qid], key=lambda sid: -run[qid][sid])[:10]
            first = next((i for i, sid in enumerate(ranked, start=1) if judged.get(sid, 0) > 0), None)
            reciprocal.append(1 / first if first else 0.0)
        assert scores.mrr == pytest.approx(sum(reciprocal) / len(reciprocal))
        top_wrong = sum(1 for f in report.failures if f.kind == f"retrieval:{scores.retriever}")
        assert top_wrong == sum(1 for r in reciprocal if r < 1)
    # the run files re-check to the same numbers
    report.write_runs(tmp_path)
    qrels = Qrels.from_file(str(tmp_path / "qrels.test.txt"), kind="trec")
    run = Run.from_file(str(tmp_path / "hybrid.test.run"), kind="trec")
    assert ranking_metrics(qrels.to_dict(), run.to_dict(), 10)["ndcg@10"] == pytest.approx(metrics["hybrid.ndcg@10"])
    json.dumps(report.to_dict(), allow_nan=False)


@pytest.mark.slow
def test_replayed_follow_ups_carry_the_assistants_own_answer(bot, tmp_path):
    """With the real assistant, a replayed follow-up is asked with the answer the assistant gave
    to the question before it, and the report scores exactly that reply."""
    from assistant.evaluation import LocalBackend, answer_body

    class Recording(LocalBackend):
        asked: list = []

        def ask(self, question, history):
            self.asked.append((question, list(history)))
            return super().ask(question, history)

    first = "which shoes should I buy if I have flat feet?"
    follow = {"_id": "q020", "text": "why those?", "must_contain": "motion control", "history": [
        {"role": "user", "content": first}, {"role": "assistant", "content": "Something else entirely."}]}
    header = "query-id\tcorpus-id\tscore\n"
    folder = write_eval(tmp_path / "eval", [follow, {"_id": "q004", "text": "core exercises"}],
                        test=f"{header}q020\t{SHOES}\t1\n", holdout=f"{header}q004\t{CORE}\t1\n")
    backend = Recording(bot)
    report = evaluate(backend, split="test", eval_dir=folder, retrievers=["hybrid"], behaviour=False,
                      corpus=bot.corpus, history="replayed")
    earlier = bot.ask(first)
    assert earlier.status == "answered" and "[1]" in earlier.answer
    assert backend.asked == [(first, []), ("why those?", [{"role": "user", "content": first},
                                                         {"role": "assistant", "content": earlier.answer}])]
    expected = bot.ask("why those?", history=backend.asked[1][1])
    assert report.answers.questions == 1
    assert report.answers.answered == (expected.status == "answered")
    assert report.answers.median_chars == len(answer_body(expected.answer))


# --------------------------------------------------------------------------- the command


@pytest.fixture(scope="module")
def cli_env(tmp_path_factory):
    index = tmp_path_factory.mktemp("eval-index")
    return {**os.environ, "ASSISTANT_INDEX_DIR": str(index), "ASSISTANT_CORPUS_DIR": str(CORPUS)}


def run_cli(env, *args, timeout=600):
    return subprocess.run([sys.executable, "-m", "assistant", "eval", *args], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=timeout)


@pytest.mark.slow
def test_eval_command_writes_files_and_fails_below_a_minimum(cli_env, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    proc = run_cli(cli_env, "--split", "holdout", "--json", str(out / "report.json"), "--run-dir", str(out / "runs"),
                   "--plot", str(out / "eval.png"), "--min", "hybrid.recall@3=1.01", "--min", "answer.answered=0")
    assert proc.returncode == 1, proc.stderr
    assert "hybrid.recall@3" in proc.stderr and "below the minimum 1.01" in proc.stderr
    assert "answer.answered" not in proc.stderr and "Traceback" not in proc.stderr
    for heading in ("Retrieval (", "Answers", "answer@1", "Behaviour", "By question style", "model    all-MiniLM-L6-v2",
                    "Failures"):
        assert heading in proc.stdout
    report = json.loads((out / "report.json").read_text("utf-8"))
    assert report["split"] == "holdout" and set(report["metrics"]) == set(metric_names())
    line = next(l for l in proc.stdout.splitlines() if l.strip().startswith("hybrid "))
    assert float(line.split()[1]) == pytest.approx(report["metrics"]["hybrid.recall@1"], abs=5e-4)
    runs = sorted(p.name for p in (out / "runs").iterdir())
    assert runs == ["bm25.holdout.run", "dense.holdout.run", "hybrid.holdout.run", "qrels.holdout.txt"]
    first = (out / "runs" / "hybrid.holdout.run").read_text().splitlines()[0].split()
    assert first[1] == "Q0" and first[3] == "1" and first[5] == "hybrid" and "#" in first[2]
    assert (out / "eval.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("args,message", [
    (("--min", "hybrid.precision@5=0.5"), "unknown metric 'hybrid.precision@5'. Valid metrics: dense.recall@1"),
    (("--retriever", "bm25", "--min", "hybrid.mrr@10=0.5"), "not measured by this run"),
    (("--split", "train"), "Unknown split 'train': choose one of test, holdout, blind"),
    (("--k", "0"), "k must be from 1 to 100"),
    (("--history", "own"), "argument --history: invalid choice: 'own'"),
])
def test_eval_command_bad_arguments_exit_2(cli_env, args, message):
    proc = run_cli(cli_env, *args, timeout=120)
    assert proc.returncode == 2 and message in proc.stderr and "Traceback" not in proc.stderr


def test_eval_command_bad_data_exits_2_before_loading_the_model(cli_env, tmp_path):
    folder = write_eval(tmp_path / "eval")
    (folder / "behaviour" / "red_flags.jsonl").write_text('{"_id": "rf001", "text": ]\n', "utf-8")
    proc = run_cli(cli_env, "--eval-dir", str(folder), timeout=120)
    assert proc.returncode == 2 and "red_flags.jsonl:1: not valid JSON" in proc.stderr
    assert "Traceback" not in proc.stderr
    proc = run_cli(cli_env, "--eval-dir", str(tmp_path / "missing"), timeout=120)
    assert proc.returncode == 2 and "does not exist" in proc.stderr


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.slow
def test_eval_over_http_gives_the_in_process_numbers(cli_env, tmp_path):
    import httpx

    port = _free_port()
    env = {**cli_env, "ASSISTANT_RATE_LIMIT": "off", "ASSISTANT_DATA_DIR": str(tmp_path / "data")}
    server = subprocess.Popen([sys.executable, "-m", "assistant", "serve", "--port", str(port)], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=open(tmp_path / "server.log", "w"))
    try:
        url = f"http://127.0.0.1:{port}"
        for _ in range(240):
            assert server.poll() is None, (tmp_path / "server.log").read_text()
            try:
                if httpx.get(f"{url}/api/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        else:
            pytest.fail("the server did not come up in 120 s")
        remote = run_cli(env, "--split", "holdout", "--url", url, "--json", str(tmp_path / "remote.json"))
        local = run_cli(env, "--split", "holdout", "--json", str(tmp_path / "local.json"))
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert remote.returncode == 0 and local.returncode == 0, remote.stderr + local.stderr
    assert f"({url}, k=10" in remote.stdout and "(in-process, k=10" in local.stdout
    remote_report = json.loads((tmp_path / "remote.json").read_text("utf-8"))
    local_report = json.loads((tmp_path / "local.json").read_text("utf-8"))
    assert remote_report["metrics"] == local_report["metrics"]
    assert remote_report["failures"] == local_report["failures"]
    assert remote_report["identity"]["corpus_hash"] == local_report["identity"]["corpus_hash"]


def test_eval_url_that_nobody_serves_is_a_clear_error(cli_env):
    proc = run_cli(cli_env, "--url", f"http://127.0.0.1:{_free_port()}", "--retriever", "bm25", timeout=120)
    assert proc.returncode == 1 and "Cannot reach the server" in proc.stderr and "Traceback" not in proc.stderr
