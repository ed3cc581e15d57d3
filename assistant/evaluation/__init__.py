"""Evaluation stage: how well the assistant finds, quotes and cites the right passages.

Reads the BEIR-style eval set in ``eval/`` (``data``), runs every question through a *backend*
(an in-process :class:`~assistant.core.Assistant` or a running server's JSON API: ``backends``),
scores the public JSON it gets back (``metrics``) and reports it (``report``):

* ranking, per retriever: Recall@1/@3, MRR@k and nDCG@k at the **section** level (ranx), and
  passage hit@1: whether the first chunk holds the judged phrase;
* answers: status, ``must_contain`` (every judged phrase in the answer), answer@1 (the first
  quote holds a judged phrase), median length, verbatim quotes, cited sentences, citation
  precision;
* behaviour: out-of-scope refusals (near the topic and far from it), red-flag recall per tier,
  false flags on ordinary questions;
* every in-scope rate and the refusal rate again per question style (typo, lay words, ...).

Example:
    >>> from assistant.evaluation import evaluate
    >>> report = evaluate(split="test")          # loads Assistant from corpus/ and index/
    >>> report.metrics()["hybrid.mrr@10"]
    0.9...
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping, Sequence

from ..corpus import Corpus, load_corpus, normalize_ws
from ..errors import InvalidInputError
from ..retrieval import MODES
from .backends import Backend, BackendError, HttpBackend, LocalBackend
from .data import (
    SHARED_SPLITS,
    STYLES,
    Case,
    EvalDataError,
    EvalSet,
    Query,
    available_splits,
    default_eval_dir,
    load_eval_set,
    split_of,
    styles_of,
)
from .metrics import (
    AnswerScores,
    BehaviourScores,
    Failure,
    Outcome,
    StyleBreakdown,
    answer_body,
    answer_scores,
    behaviour_scores,
    by_style,
    passage_hit,
    ranking_metrics,
    ranking_names,
    reply_tier,
    score_answer,
    score_case,
    section_run,
    shorten,
    uncited_sentences,
)
from .report import (
    ANSWER_METRICS,
    BEHAVIOUR_METRICS,
    LOWER_IS_BETTER,
    EvalReport,
    RetrievalScores,
    check_thresholds,
    format_report,
    metric_names,
    parse_thresholds,
    plot_report,
)

HISTORIES = ("written", "replayed")

if TYPE_CHECKING:  # heavy imports stay out of ``--help``
    from ..core import Assistant

__all__ = [
    "ANSWER_METRICS", "BEHAVIOUR_METRICS", "HISTORIES", "LOWER_IS_BETTER", "SHARED_SPLITS", "STYLES",
    "AnswerScores", "Backend", "BackendError", "BehaviourScores", "Case", "EvalDataError", "EvalReport",
    "EvalSet", "Failure", "HttpBackend", "LocalBackend", "Query", "RetrievalScores",
    "answer_body", "available_splits", "check_thresholds", "default_eval_dir", "evaluate", "format_report",
    "load_eval_set", "metric_names", "parse_thresholds", "plot_report", "ranking_metrics", "reply_tier",
    "search_text", "section_run", "split_of", "uncited_sentences",
]


def evaluate(target: "Assistant | Backend | str | None" = None, *, split: str = "test",
             eval_dir: Path | str | None = None, retrievers: Sequence[str] = MODES, k: int = 10,
             answers: bool = True, behaviour: bool = True, corpus: Corpus | None = None,
             corpus_dir: Path | str | None = None, history: str = "written") -> EvalReport:
    """Evaluate retrieval, answers and behaviour on one split of the eval set.

    Args:
        target: an :class:`Assistant`, a server URL (``"http://127.0.0.1:7860"``), any
            :class:`Backend`, or None to load the default Assistant.
        split: ``"test"`` (tune on it), ``"holdout"`` or ``"blind"`` (report them, never tune on
            them), or any other folder split of the eval folder.
        eval_dir: the eval folder (default ``./eval``).
        retrievers: which of ``dense``, ``bm25``, ``hybrid`` to rank with.
        k: how many chunks each search returns; MRR and nDCG are cut off at ``k``.
        answers, behaviour: whether to score ``ask`` on the in-scope and behaviour sets.
        corpus, corpus_dir: the corpus citations are checked against. An Assistant brings its
            own; for a server the local corpus folder is read and must match the served one.
        history: how a follow-up's earlier assistant turns reach ``ask``: ``"written"`` as the
            eval set gives them, or ``"replayed"``: each replaced by the backend's own answer to
            the user turns before it, as a real conversation would carry them.

    Follow-up queries (those with a ``history``) are searched as the product searches a
    follow-up: the previous user turn and the question joined by a space. ``ask`` gets the
    history itself and decides on its own.

    Example:
        >>> report = evaluate(bot, split="holdout", retrievers=["hybrid"])
        >>> report.metrics()["hybrid.recall@1"]
    """
    from ..core import Assistant, check_k

    check_k(k)
    if history not in HISTORIES:
        raise InvalidInputError(f"Unknown history {history!r}: choose from {', '.join(HISTORIES)}.")
    unknown = [r for r in retrievers if r not in MODES]
    if unknown:
        raise InvalidInputError(f"Unknown retriever {unknown[0]!r}: choose from {', '.join(MODES)}.")
    data = load_eval_set(eval_dir, split)
    started = time.perf_counter()
    close = None
    if target is None:
        target = Assistant.load(progress=False)
    if isinstance(target, Assistant):
        corpus = corpus or target.corpus
        backend: Backend = LocalBackend(target)
    elif isinstance(target, str):
        backend = HttpBackend(target)
        close = backend.close
    else:
        backend = target
    try:
        manifest = backend.manifest()
        corpus = corpus or _local_corpus(corpus_dir)
        if manifest.get("corpus_hash") != corpus.content_hash:
            raise EvalDataError(
                f"The served index was built from another corpus (hash {str(manifest.get('corpus_hash'))[:12]}) "
                f"than the local one (hash {corpus.content_hash[:12]}): point --corpus at the server's corpus."
            )
        sections = {s.section_id: normalize_ws(s.text) for s in corpus.sections}
        unjudgeable = sorted({sid for judged in data.qrels.values() for sid in judged} - set(sections))
        if unjudgeable:
            raise EvalDataError(f"qrels/{split}.tsv names sections the corpus does not have: "
                                f"{', '.join(unjudgeable[:5])}. Update the judgments after renaming a heading.")
        items = [b.text for s in corpus.sections for b in s.blocks if b.kind == "item"]
        styles = {q.id: styles_of(q, items) for q in data.queries}
        failures: list[Failure] = []
        runs, retrieval, hit_checks = {}, [], {}
        for mode in retrievers:
            run, hits = _search_all(backend, data, mode, k)
            runs[mode] = run
            scores = ranking_metrics(data.qrels, run, k)
            found = {q.id: h for q in data.queries if (h := passage_hit(q, hits[q.id])) is not None}
            hit_checks[mode] = found
            retrieval.append(RetrievalScores(mode, len(data.queries), *(scores[n] for n in ranking_names(k)),
                                             passage_hit=sum(found.values()) / len(found) if found else float("nan"),
                                             passage_queries=len(found)))
            failures += _ranking_failures(mode, data, run)
            failures += [Failure(f"search:{mode}", q.id, q.text, f"first chunk holds one of {list(q.must_contain)!r}",
                                 shorten(str(hits[q.id][0].get("text", "")) if hits[q.id] else "nothing"))
                         for q in data.queries if found.get(q.id) is False]
        in_scope: list[Outcome] = []
        answer_result = None
        replay = _Replay(backend) if history == "replayed" else None

        def ask(text: str, turns: tuple[dict[str, str], ...]) -> dict[str, Any]:
            return backend.ask(text, replay.history(turns) if replay else turns)

        if answers:
            counts = []
            for q in data.queries:
                reply = ask(q.text, q.history)
                judged = {sid for sid, grade in data.qrels[q.id].items() if grade > 0}
                outcome, count = score_answer(q, reply, judged, sections, styles[q.id], failures)
                checks = dict(outcome.checks)
                checks.update({f"{mode}.passage_hit@1": found[q.id] for mode, found in hit_checks.items()
                               if q.id in found})
                in_scope.append(Outcome(outcome.id, outcome.group, outcome.styles, checks, outcome.chars))
                counts.append(count)
            answer_result = answer_scores(in_scope, counts)
        cases: list[Outcome] = []
        if behaviour:
            for group in ("out_of_scope", "red_flags", "not_flagged"):
                for case in getattr(data, group):
                    cases.append(score_case(case, ask(case.text, case.history), group, styles_of(case), failures))
    finally:
        if close:
            close()
    breakdown = StyleBreakdown(
        in_scope=by_style(in_scope, ["answered", "must_contain", "answer_at_1",
                                     *(f"{m}.passage_hit@1" for m in retrievers)]),
        out_of_scope=by_style([c for c in cases if c.group == "out_of_scope"], ["refused"]),
    )
    return EvalReport(
        split=split, k=k, backend=backend.description, identity=manifest, eval_fingerprint=data.fingerprint,
        retrieval=tuple(retrieval), answers=answer_result,
        behaviour=behaviour_scores(cases) if behaviour else None, failures=tuple(failures),
        runs=runs, qrels=data.qrels, styles=breakdown, seconds=round(time.perf_counter() - started, 2),
        history=history,
    )


class _Replay:
    """Follow-up histories with the backend's own answers in place of the written assistant
    turns; each earlier conversation is asked once, however many follow-ups share it."""

    def __init__(self, backend: Backend) -> None:
        self.backend = backend
        self._answers: dict[tuple[tuple[str, str], ...], str] = {}

    def history(self, written: Sequence[Mapping[str, str]]) -> list[dict[str, str]]:
        turns: list[dict[str, str]] = []
        for turn in written:
            if turn["role"] == "assistant" and turns and turns[-1]["role"] == "user":
                turn = {"role": "assistant", "content": self._answer(turns)}
            turns.append(dict(turn))
        return turns

    def _answer(self, turns: list[dict[str, str]]) -> str:
        key = tuple((t["role"], t["content"]) for t in turns)
        if key not in self._answers:
            reply = self.backend.ask(turns[-1]["content"], turns[:-1])
            self._answers[key] = str(reply.get("answer", ""))
        return self._answers[key]


def _local_corpus(corpus_dir: Path | str | None) -> Corpus:
    from ..config import Settings

    return load_corpus(Path(corpus_dir) if corpus_dir else Settings.from_env().corpus_dir)


def search_text(query: Query) -> str:
    """The text searched for a query: a follow-up is read with the previous user turn, as
    ``Assistant.ask`` reads it (``f"{previous} {question}"``)."""
    previous = next((t["content"] for t in reversed(query.history) if t["role"] == "user"), None)
    return f"{previous} {query.text}" if previous else query.text


def _search_all(backend: Backend, data: EvalSet, mode: str, k: int
                ) -> tuple[dict[str, dict[str, float]], dict[str, list[dict]]]:
    hits = {q.id: backend.search(search_text(q), k, mode) for q in data.queries}
    return {qid: section_run(h) for qid, h in hits.items()}, hits


def _ranking_failures(mode: str, data: EvalSet, run: Mapping[str, Mapping[str, float]]) -> list[Failure]:
    """Queries whose top-ranked section is not judged relevant."""
    out = []
    for q in data.queries:
        ranked = sorted(run[q.id], key=lambda sid: -run[q.id][sid])
        relevant = {sid for sid, grade in data.qrels[q.id].items() if grade > 0}
        if ranked and ranked[0] in relevant:
            continue
        first = next((i for i, sid in enumerate(ranked, start=1) if sid in relevant), None)
        where = f"first relevant at rank {first}" if first else "no relevant section returned"
        out.append(Failure(f"retrieval:{mode}", q.id, q.text, "top section one of: " + ", ".join(sorted(relevant)),
                           f"{', '.join(ranked[:3]) or 'nothing'} ({where})"))
    return out
