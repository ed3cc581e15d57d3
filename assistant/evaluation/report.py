"""The report: every number of one evaluation run, flat metric names for ``--min``/``--max``, the
text the CLI prints, TREC run files and a plot."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Mapping, Sequence

from ..errors import InvalidInputError
from ..retrieval import MODES
from .data import KINDS, TIERS
from .metrics import (
    AnswerScores,
    BehaviourScores,
    Failure,
    Rate,
    StyleBreakdown,
    ranking_names,
)

ANSWER_METRICS: tuple[str, ...] = ("answered", "must_contain", "answer_at_1", "median_chars", "citation_verbatim",
                                   "cited_sentences", "citation_precision", "noted")
BEHAVIOUR_METRICS: tuple[str, ...] = ("refusal", *(f"refusal.{k}" for k in KINDS), *(f"honest.{k}" for k in KINDS),
                                      *(f"red_flag_recall.{t}" for t in TIERS), "false_flag",
                                      "ordinary_answered")
# Metrics where lower is better: ``--min`` makes no sense for them, ``--max`` does.
LOWER_IS_BETTER: frozenset[str] = frozenset({"behaviour.false_flag", "answer.median_chars"})
PASSAGE_HIT = "passage_hit@1"


@dataclass(frozen=True)
class RetrievalScores:
    """Ranking quality of one retriever over the queries of a split: section level (ranx), and
    whether the first chunk holds the judged phrase (``passage_hit``)."""

    retriever: str
    queries: int
    recall_1: float
    recall_3: float
    mrr: float
    ndcg: float
    passage_hit: float = math.nan
    passage_queries: int = 0


@dataclass(frozen=True)
class EvalReport:
    """Every number of one evaluation run; ``metrics()`` flattens them to named values."""

    split: str
    k: int
    backend: str
    identity: dict[str, Any]  # the served index's manifest: corpus hash, model, chunker, ...
    eval_fingerprint: str
    retrieval: tuple[RetrievalScores, ...]
    answers: AnswerScores | None
    behaviour: BehaviourScores | None
    failures: tuple[Failure, ...]
    runs: dict[str, dict[str, dict[str, float]]] = field(repr=False)  # retriever -> section-level run
    qrels: dict[str, dict[str, int]] = field(repr=False)
    styles: StyleBreakdown = field(default_factory=StyleBreakdown)
    seconds: float = 0.0
    history: str = "written"  # follow-ups' assistant turns: as written, or the backend's own (replayed)

    def metrics(self) -> dict[str, float]:
        """Flat ``{"hybrid.recall@1": 0.9, "answer.must_contain": 0.8, ...}``; names for ``--min``."""
        out: dict[str, float] = {}
        for r in self.retrieval:
            values = (r.recall_1, r.recall_3, r.mrr, r.ndcg)
            out.update({f"{r.retriever}.{name}": v for name, v in zip(ranking_names(self.k), values, strict=True)})
            out[f"{r.retriever}.{PASSAGE_HIT}"] = r.passage_hit
        if self.answers:
            out.update({f"answer.{name}": float(getattr(self.answers, name)) for name in ANSWER_METRICS})
        if self.behaviour:
            b = self.behaviour
            out["behaviour.refusal"] = b.refusal
            out.update({f"behaviour.refusal.{k}": b.refusal_by_kind[k] for k in KINDS})
            out.update({f"behaviour.honest.{k}": b.honest_by_kind.get(k, math.nan) for k in KINDS})
            out.update({f"behaviour.red_flag_recall.{t}": b.red_flag_recall[t] for t in TIERS})
            out["behaviour.false_flag"] = b.false_flag
            out["behaviour.ordinary_answered"] = b.ordinary_answered
        return out

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: the metrics, the detail records and the failures (runs are written separately)."""
        data = asdict(self)
        data.pop("runs")
        data.pop("qrels")
        data["styles"] = {group: {style: {check: {"rate": r.value, "hits": r.hits, "total": r.total}
                                          for check, r in checks.items()}
                                  for style, checks in table.items()}
                          for group, table in (("in_scope", self.styles.in_scope),
                                               ("out_of_scope", self.styles.out_of_scope))}
        data["metrics"] = self.metrics()
        return _no_nan(data)

    def write_runs(self, folder: Path | str) -> list[Path]:
        """TREC run files (``<retriever>.<split>.run``) and the split's judgments as TREC qrels.

        Re-check with e.g. ``trec_eval -m recip_rank qrels.test.txt hybrid.test.run`` or
        ``ranx.Run.from_file(path, kind="trec")``.
        """
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        written = []
        for retriever, run in self.runs.items():
            path = folder / f"{retriever}.{self.split}.run"
            lines = []
            for qid, sections in run.items():
                ranked = sorted(sections.items(), key=lambda item: -item[1])
                lines += [f"{qid} Q0 {sid} {rank} {score:.6f} {retriever}"
                          for rank, (sid, score) in enumerate(ranked, start=1)]
            path.write_text("\n".join(lines) + "\n", "utf-8")
            written.append(path)
        qrels_path = folder / f"qrels.{self.split}.txt"
        qrels_path.write_text("".join(f"{qid} 0 {sid} {grade}\n" for qid, judged in self.qrels.items()
                                      for sid, grade in judged.items()), "utf-8")
        written.append(qrels_path)
        return written


def _no_nan(value: Any) -> Any:
    """NaN (a rate over zero cases) as None, so the JSON is standard."""
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, dict):
        return {k: _no_nan(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_no_nan(v) for v in value]
    return value


# --------------------------------------------------------------------------- thresholds


def metric_names(k: int = 10, retrievers: Sequence[str] = MODES, answers: bool = True,
                 behaviour: bool = True) -> tuple[str, ...]:
    """The names ``EvalReport.metrics()`` will have for these options."""
    names = [f"{r}.{m}" for r in retrievers for m in (*ranking_names(k), PASSAGE_HIT)]
    if answers:
        names += [f"answer.{m}" for m in ANSWER_METRICS]
    if behaviour:
        names += [f"behaviour.{m}" for m in BEHAVIOUR_METRICS]
    return tuple(names)


def check_thresholds(metrics: Mapping[str, float], minimums: Mapping[str, float] | None = None,
                     maximums: Mapping[str, float] | None = None) -> list[str]:
    """One message per metric below its minimum or above its maximum; empty when all pass.

    A metric with no cases to count (NaN) passes: there is nothing to hold it to.
    """
    problems = []
    for name, floor in (minimums or {}).items():
        if metrics[name] < floor:
            problems.append(f"{name} = {metrics[name]:.4f} is below the minimum {floor:g}")
    for name, ceiling in (maximums or {}).items():
        if metrics[name] > ceiling:
            problems.append(f"{name} = {metrics[name]:.4f} is above the maximum {ceiling:g}")
    return problems


def parse_thresholds(specs: Sequence[str], available: Sequence[str], option: str = "--min",
                     k: int = 10) -> dict[str, float]:
    """``["hybrid.mrr@10=0.9", ...]`` as ``{name: value}``; InvalidInputError names the problem."""
    every = metric_names(k)
    out: dict[str, float] = {}
    for spec in specs:
        name, sep, raw = spec.partition("=")
        name = name.strip()
        if not sep:
            raise InvalidInputError(f"{option} {spec!r}: write METRIC=VALUE, e.g. {option} hybrid.mrr@{k}=0.9.")
        if name not in every:
            raise InvalidInputError(f"{option}: unknown metric {name!r}. Valid metrics: {', '.join(every)}.")
        if name not in available:
            raise InvalidInputError(f"{option}: {name} is not measured by this run (check --retriever).")
        try:
            value = float(raw)
        except ValueError:
            raise InvalidInputError(f"{option} {spec!r}: {raw!r} is not a number.") from None
        if math.isnan(value):
            raise InvalidInputError(f"{option} {spec!r}: the value must be a number, not NaN.")
        out[name] = value
    return out


# --------------------------------------------------------------------------- presentation


_RANK_LABELS = ("Recall@1", "Recall@3", "MRR@{k}", "nDCG@{k}", "hit@1")
_STYLE_CHECKS = {"answered": "answered", "must_contain": "must_contain", "answer_at_1": "answer@1",
                 f"hybrid.{PASSAGE_HIT}": "hit@1"}


def _fraction(rate: float, total: int) -> str:
    if math.isnan(rate):
        return "  n/a"
    return f"{rate:5.3f}  ({round(rate * total)}/{total})"


def _cell(r: Rate | None) -> str:
    return f"{r.value:.2f} ({r.hits}/{r.total})" if r and r.total else "–"


def format_report(report: EvalReport) -> str:
    """The report as the CLI prints it: tables, identity, rates by style, then every failure."""
    ident = report.identity
    model = ident.get("model") or {}
    lines = [
        f"Evaluation on split '{report.split}' ({report.backend}, k={report.k}, {report.seconds:.1f} s)"
        + (", follow-ups with the assistant's own earlier answers" if report.history == "replayed" else ""),
        f"  corpus   {ident.get('documents', '?')} document(s), hash {str(ident.get('corpus_hash', '?'))[:12]}; "
        f"index {ident.get('count', '?')} chunks (chunker v{ident.get('chunker_version', '?')}, "
        f"{ident.get('chunk_chars', '?')} chars), built {ident.get('built_at', '?')}",
        f"  model    {model.get('name', '?')}, weights sha256 {str(model.get('weights_sha256', '?'))[:12]}",
        f"  eval set sha256 {report.eval_fingerprint[:12]}",
    ]
    if report.retrieval:
        labels = [label.format(k=report.k) for label in _RANK_LABELS]
        queries = report.retrieval[0].queries
        lines += ["", f"Retrieval ({queries} queries; Recall, MRR, nDCG at section level; hit@1: the first "
                      "chunk holds the judged phrase)",
                  f"  {'retriever':<10}" + "".join(f"{label:>10}" for label in labels)]
        for r in report.retrieval:
            values = (r.recall_1, r.recall_3, r.mrr, r.ndcg, r.passage_hit)
            lines.append(f"  {r.retriever:<10}" + "".join(f"{v:>10.3f}" for v in values))
    if report.answers:
        a = report.answers
        lines += ["", f"Answers ({a.questions} questions)",
                  f"  answered                    {_fraction(a.answered, a.questions)}",
                  f"  must_contain (all phrases)  {_fraction(a.must_contain, a.must_contain_questions)}",
                  f"  answer@1 (first quote)      {_fraction(a.answer_at_1, a.must_contain_questions)}",
                  f"  median answer length        {a.median_chars:.0f} characters",
                  f"  citation verbatim rate      {_fraction(a.citation_verbatim, a.citations)}",
                  f"  citation precision          {_fraction(a.citation_precision, a.citations)}",
                  f"  sentences with a citation   {_fraction(a.cited_sentences, a.sentences)}",
                  f"  told 'never mention ...'    {_fraction(a.noted, round(a.answered * a.questions))}"]
    if report.behaviour:
        b = report.behaviour
        lines += ["", "Behaviour",
                  f"  out-of-scope refusal rate   {_fraction(b.refusal, b.out_of_scope)}"]
        for k in KINDS:
            if b.out_of_scope_by_kind[k]:
                lines += [f"    {k + ' topic':<26}{_fraction(b.refusal_by_kind[k], b.out_of_scope_by_kind[k])}",
                          f"      {'or told never mention':<24}"
                          f"{_fraction(b.honest_by_kind.get(k, math.nan), b.out_of_scope_by_kind[k])}"]
        lines += [f"  red-flag recall, {t:<10} {_fraction(b.red_flag_recall[t], b.red_flags[t])}" for t in TIERS]
        lines.append(f"  false-flag rate             {_fraction(b.false_flag, b.not_flagged)}")
        lines.append(f"  ordinary questions answered {_fraction(b.ordinary_answered, b.not_flagged)}")
    if report.styles.in_scope:
        lines += ["", "By question style (in scope)",
                  f"  {'style':<11}" + "".join(f"{label:>16}" for label in _STYLE_CHECKS.values())]
        for style, checks in report.styles.in_scope.items():
            lines.append(f"  {style:<11}" + "".join(f"{_cell(checks.get(c)):>16}" for c in _STYLE_CHECKS))
    if report.styles.out_of_scope:
        lines += ["", "By question style (out of scope, refused)"]
        lines += [f"  {style:<11}{_cell(checks.get('refused')):>16}"
                  for style, checks in report.styles.out_of_scope.items()]
    lines += ["", f"Failures ({len(report.failures)})" if report.failures else "Failures: none"]
    for f in report.failures:
        lines += [f"  [{f.kind}] {f.id}: {f.text}", f"      expected: {f.expected}", f"      got:      {f.got}"]
    return "\n".join(lines)


def plot_report(report: EvalReport, path: Path | str) -> Path:
    """A PNG: the retrievers' ranking metrics side by side, and the answer and behaviour rates."""
    import matplotlib

    matplotlib.use("Agg")  # no display needed
    import matplotlib.pyplot as plt

    path = Path(path)
    labels = [label.format(k=report.k) for label in _RANK_LABELS]
    rates = {name: value for name, value in report.metrics().items()
             if name.startswith(("answer.", "behaviour.")) and name not in LOWER_IS_BETTER - {"behaviour.false_flag"}}
    fig, axes = plt.subplots(1, 2 if rates else 1, figsize=(10, 4.2), dpi=100, squeeze=False,
                             gridspec_kw={"width_ratios": [1, 1.15]} if rates else None)
    ax = axes[0][0]
    width = 0.8 / max(1, len(report.retrieval))
    for i, r in enumerate(report.retrieval):
        values = [0.0 if math.isnan(v) else v for v in (r.recall_1, r.recall_3, r.mrr, r.ndcg, r.passage_hit)]
        xs = [x + (i - (len(report.retrieval) - 1) / 2) * width for x in range(len(labels))]
        bars = ax.bar(xs, values, width, label=r.retriever)
        ax.bar_label(bars, fmt="%.2f", fontsize=6, padding=1)
    ax.set_xticks(range(len(labels)), labels, fontsize=8)
    ax.set_ylim(0, 1.08)
    ax.set_title(f"Retrieval ({report.split})", fontsize=10)
    ax.legend(fontsize=8, loc="lower right")
    if rates:
        ax2 = axes[0][1]
        names = list(rates)
        values = [0.0 if math.isnan(rates[n]) else rates[n] for n in names]
        bars = ax2.barh(range(len(names)), values, color="#888888")
        ax2.bar_label(bars, fmt="%.2f", fontsize=7, padding=2)
        ax2.set_yticks(range(len(names)), [n.split(".", 1)[1].replace("_", " ") for n in names], fontsize=7)
        ax2.invert_yaxis()
        ax2.set_xlim(0, 1.12)
        ax2.set_title("Answers and behaviour (false flag: lower is better)", fontsize=10)
    fig.tight_layout()
    try:
        fig.savefig(path)
    except OSError as exc:
        raise InvalidInputError(f"Cannot write the plot to {path} ({exc.strerror}).") from None
    finally:
        plt.close(fig)
    return path
