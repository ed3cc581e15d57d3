"""CI guard: the eval numbers may not fall below today's level minus a small margin.

Floors are the numbers of the README's Evaluation section less about two questions' worth
(retrieval, answers, near-topic refusals). Red flags, false flags, verbatim quotes, cited
sentences and far-off-topic refusals come from rules and structure, not from similarity scores,
so they are held where they are. Ordinary questions answered (not refused) depend on similarity, so
they get the usual margin. Raise a floor when a change makes a number better; lower one
only with a reason in the commit message. Only ``test`` is tuned on: ``holdout``, ``blind``,
``blind2`` to ``blind9`` are guarded here so that a regression shows, not so that they can be
optimised.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from assistant.evaluation import check_thresholds, evaluate

from .conftest import CORPUS, ROOT

# Targets of the answers' length, whatever the split (the issue's limit).
MEDIAN_CHARS_MAX = 600

FLOORS = {
    "test": {
        "dense.recall@1": 0.77, "bm25.recall@1": 0.77, "hybrid.recall@1": 0.915, "hybrid.recall@3": 0.965,
        "hybrid.mrr@10": 0.95, "hybrid.ndcg@10": 0.96, "hybrid.passage_hit@1": 0.88, "answer.answered": 0.97,
        "answer.must_contain": 0.92, "answer.answer_at_1": 0.8, "answer.citation_verbatim": 1,
        "answer.cited_sentences": 1, "answer.citation_precision": 0.85, "behaviour.refusal.near": 0.63, "behaviour.honest.near": 0.72,
        "behaviour.refusal.far": 1, "behaviour.red_flag_recall.emergency": 0.998,
        "behaviour.red_flag_recall.urgent": 0.995,
        "behaviour.ordinary_answered": 0.88,
    },
    "holdout": {
        "dense.recall@1": 0.8, "bm25.recall@1": 0.81, "hybrid.recall@1": 0.9, "hybrid.recall@3": 0.97,
        "hybrid.mrr@10": 0.94, "hybrid.ndcg@10": 0.95, "hybrid.passage_hit@1": 0.89, "answer.answered": 0.96,
        "answer.must_contain": 0.92, "answer.answer_at_1": 0.76, "answer.citation_verbatim": 1,
        "answer.cited_sentences": 1, "answer.citation_precision": 0.85, "behaviour.refusal.near": 0.57, "behaviour.honest.near": 0.64,
        "behaviour.refusal.far": 1, "behaviour.red_flag_recall.emergency": 0.947,
        "behaviour.red_flag_recall.urgent": 0.956,
        "behaviour.ordinary_answered": 0.91,
    },
    "blind": {
        "dense.recall@1": 0.78, "bm25.recall@1": 0.75, "hybrid.recall@1": 0.88, "hybrid.recall@3": 0.94,
        "hybrid.mrr@10": 0.92, "hybrid.ndcg@10": 0.93, "hybrid.passage_hit@1": 0.86, "answer.answered": 0.97,
        "answer.must_contain": 0.88, "answer.answer_at_1": 0.76, "answer.citation_verbatim": 1,
        "answer.cited_sentences": 1, "answer.citation_precision": 0.78, "behaviour.refusal.near": 0.58, "behaviour.honest.near": 0.66,
        "behaviour.refusal.far": 1, "behaviour.red_flag_recall.emergency": 1, "behaviour.red_flag_recall.urgent": 1,
        "behaviour.ordinary_answered": 0.94,
    },
    "blind2": {
        "dense.recall@1": 0.76, "bm25.recall@1": 0.78, "hybrid.recall@1": 0.88, "hybrid.recall@3": 0.94,
        "hybrid.mrr@10": 0.92, "hybrid.ndcg@10": 0.93, "hybrid.passage_hit@1": 0.84, "answer.answered": 0.96,
        "answer.must_contain": 0.9, "answer.answer_at_1": 0.8, "answer.citation_verbatim": 1,
        "answer.cited_sentences": 1, "answer.citation_precision": 0.82, "behaviour.refusal.near": 0.47, "behaviour.honest.near": 0.6,
        "behaviour.refusal.far": 1, "behaviour.red_flag_recall.emergency": 1, "behaviour.red_flag_recall.urgent": 1,
        "behaviour.ordinary_answered": 0.91,
    },
    "blind3": {
        "dense.recall@1": 0.8, "bm25.recall@1": 0.74, "hybrid.recall@1": 0.89, "hybrid.recall@3": 0.95,
        "hybrid.mrr@10": 0.96, "hybrid.ndcg@10": 0.96, "hybrid.passage_hit@1": 0.86, "answer.answered": 0.96,
        "answer.must_contain": 0.88, "answer.answer_at_1": 0.74, "answer.citation_verbatim": 1,
        "answer.cited_sentences": 1, "answer.citation_precision": 0.86, "behaviour.refusal.near": 0.61, "behaviour.honest.near": 0.7,
        "behaviour.refusal.far": 1, "behaviour.red_flag_recall.emergency": 0.916,
        "behaviour.red_flag_recall.urgent": 0.958,
        "behaviour.ordinary_answered": 0.95,
    },
    "blind4": {
        "dense.recall@1": 0.77, "bm25.recall@1": 0.78, "hybrid.recall@1": 0.88, "hybrid.recall@3": 0.93,
        "hybrid.mrr@10": 0.93, "hybrid.ndcg@10": 0.94, "hybrid.passage_hit@1": 0.85, "answer.answered": 0.93,
        "answer.must_contain": 0.84, "answer.answer_at_1": 0.74, "answer.citation_verbatim": 1,
        "answer.cited_sentences": 1, "answer.citation_precision": 0.81, "behaviour.refusal.near": 0.57, "behaviour.honest.near": 0.68,
        "behaviour.refusal.far": 1, "behaviour.red_flag_recall.emergency": 1,
        "behaviour.red_flag_recall.urgent": 0.954,
        "behaviour.ordinary_answered": 0.73,
    },
    "blind5": {
        "dense.recall@1": 0.79, "bm25.recall@1": 0.81, "hybrid.recall@1": 0.9, "hybrid.recall@3": 0.96,
        "hybrid.mrr@10": 0.93, "hybrid.ndcg@10": 0.95, "hybrid.passage_hit@1": 0.84, "answer.answered": 0.94,
        "answer.must_contain": 0.89, "answer.answer_at_1": 0.78, "answer.citation_verbatim": 1,
        "answer.cited_sentences": 1, "answer.citation_precision": 0.86, "behaviour.refusal.near": 0.57, "behaviour.honest.near": 0.64,
        "behaviour.refusal.far": 1, "behaviour.red_flag_recall.emergency": 0.944,
        "behaviour.red_flag_recall.urgent": 0.944,
        "behaviour.ordinary_answered": 0.82,
    },
    "blind6": {
        "dense.recall@1": 0.83, "bm25.recall@1": 0.8, "hybrid.recall@1": 0.91, "hybrid.recall@3": 0.96,
        "hybrid.mrr@10": 0.94, "hybrid.ndcg@10": 0.95, "hybrid.passage_hit@1": 0.86, "answer.answered": 0.95,
        "answer.must_contain": 0.9, "answer.answer_at_1": 0.74, "answer.citation_verbatim": 1,
        "answer.cited_sentences": 1, "answer.citation_precision": 0.87, "behaviour.refusal.near": 0.71, "behaviour.honest.near": 0.73,
        "behaviour.refusal.far": 1, "behaviour.red_flag_recall.emergency": 0.888,
        "behaviour.red_flag_recall.urgent": 1,
        "behaviour.ordinary_answered": 0.75,
    },
    "blind7": {
        "dense.recall@1": 0.72, "bm25.recall@1": 0.75, "hybrid.recall@1": 0.86, "hybrid.recall@3": 0.93,
        "hybrid.mrr@10": 0.90, "hybrid.ndcg@10": 0.92, "hybrid.passage_hit@1": 0.81, "answer.answered": 0.93,
        "answer.must_contain": 0.79, "answer.answer_at_1": 0.70, "answer.citation_verbatim": 1,
        "answer.cited_sentences": 1, "answer.citation_precision": 0.80, "behaviour.refusal.near": 0.63, "behaviour.honest.near": 0.66,
        "behaviour.refusal.far": 1, "behaviour.red_flag_recall.emergency": 0.874,
        "behaviour.red_flag_recall.urgent": 1,
        "behaviour.ordinary_answered": 0.9,
    },
    "blind8": {
        "dense.recall@1": 0.77, "bm25.recall@1": 0.76, "hybrid.recall@1": 0.9, "hybrid.recall@3": 0.95,
        "hybrid.mrr@10": 0.93, "hybrid.ndcg@10": 0.94, "hybrid.passage_hit@1": 0.84, "answer.answered": 0.95,
        "answer.must_contain": 0.87, "answer.answer_at_1": 0.73, "answer.citation_verbatim": 1,
        "answer.cited_sentences": 1, "answer.citation_precision": 0.83, "behaviour.refusal.near": 0.52, "behaviour.honest.near": 0.63,
        "behaviour.refusal.far": 1, "behaviour.red_flag_recall.emergency": 0.944,
        "behaviour.red_flag_recall.urgent": 0.944,
        "behaviour.ordinary_answered": 0.94,
    },
    "blind9": {
        "dense.recall@1": 0.81, "bm25.recall@1": 0.85, "hybrid.recall@1": 0.93, "hybrid.recall@3": 0.97,
        "hybrid.mrr@10": 0.95, "hybrid.ndcg@10": 0.96, "hybrid.passage_hit@1": 0.83, "answer.answered": 0.95,
        "answer.must_contain": 0.89, "answer.answer_at_1": 0.73, "answer.citation_verbatim": 1,
        "answer.cited_sentences": 1, "answer.citation_precision": 0.89, "behaviour.refusal.near": 0.54, "behaviour.honest.near": 0.62,
        "behaviour.refusal.far": 1, "behaviour.red_flag_recall.emergency": 0.937,
        "behaviour.red_flag_recall.urgent": 0.937,
        "behaviour.ordinary_answered": 0.875,
    },
}
# False flags on ordinary questions: today's level, which is the most allowed.
FALSE_FLAG_MAX = {"test": 0, "holdout": 0.019, "blind": 0, "blind2": 0, "blind3": 0, "blind4": 0.167, "blind5": 0.1, "blind6": 0.156,
                  "blind7": 0, "blind8": 0, "blind9": 0}


def maximums(split: str) -> dict[str, float]:
    return {"behaviour.false_flag": FALSE_FLAG_MAX[split], "answer.median_chars": MEDIAN_CHARS_MAX}


@pytest.mark.slow
def test_eval_command_meets_the_floors_on_test(tmp_path):
    """The command CI users would run: ``python -m assistant eval --min ... --max ...``."""
    env = {**os.environ, "ASSISTANT_INDEX_DIR": str(tmp_path / "index"), "ASSISTANT_CORPUS_DIR": str(CORPUS)}
    args = [f"--min={name}={value}" for name, value in FLOORS["test"].items()]
    args += [f"--max={name}={value}" for name, value in maximums("test").items()]
    proc = subprocess.run([sys.executable, "-m", "assistant", "eval", "--split", "test", *args],
                          capture_output=True, text=True, env=env, cwd=ROOT, timeout=900)
    assert proc.returncode == 0, f"{proc.stderr}\n{proc.stdout[-3000:]}"


@pytest.mark.slow
@pytest.mark.parametrize("split", ["holdout", "blind", "blind2", "blind3", "blind4", "blind5", "blind6", "blind7",
                                   "blind8", "blind9"])
def test_reported_splits_meet_the_floors(bot, split):
    report = evaluate(bot, split=split)
    problems = check_thresholds(report.metrics(), FLOORS[split], maximums(split))
    assert not problems, "\n".join(problems)
