"""Metrics: ranking quality (ranx), answer quality and behaviour, each scored from the public JSON.

Every question becomes an :class:`Outcome` (which checks it passed), so any rate can be counted
over all questions or over the questions of one style (typo, lay words, follow-up, ...).
"""

from __future__ import annotations

import math
import re
import statistics
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Sequence

from ..answer import EMERGENCY_REPLY, SOURCES_HEADING, URGENT_REPLY, is_unmentioned_note
from ..chunking import split_sentences
from ..corpus import normalize_ws
from .data import KINDS, TIERS, Case, Query

# --------------------------------------------------------------------------- ranking


def section_run(hits: Sequence[Mapping[str, Any]]) -> dict[str, float]:
    """Hits (in rank order) as a section-level ranking: each section keeps its best rank.

    Scores are ``1 / rank`` of that best position, so the run keeps the product's order exactly
    and has no ties for a metrics library (or trec_eval) to break its own way.
    """
    ranked: list[str] = []
    for hit in hits:
        sid = f"{hit['document']}#{hit['anchor']}"
        if sid not in ranked:
            ranked.append(sid)
    return {sid: 1.0 / rank for rank, sid in enumerate(ranked, start=1)}


def ranking_names(k: int) -> tuple[str, ...]:
    return ("recall@1", "recall@3", f"mrr@{k}", f"ndcg@{k}")


def ranking_metrics(qrels: Mapping[str, Mapping[str, int]], run: Mapping[str, Mapping[str, float]],
                    k: int = 10) -> dict[str, float]:
    """Mean Recall@1, Recall@3, MRR@k and nDCG@k (ranx) of ``run`` against ``qrels``.

    Queries missing from ``run`` (or with no results) count as zero.
    """
    from ranx import Qrels, Run
    from ranx import evaluate as ranx_evaluate

    names = list(ranking_names(k))
    found = {q: dict(run[q]) for q in qrels if run.get(q)}
    if not found:  # ranx cannot build an empty run; nothing retrieved scores zero everywhere
        return {name: 0.0 for name in names}
    qrels_ = Qrels({q: dict(d) for q, d in qrels.items()})
    scores = ranx_evaluate(qrels_, Run(found), names, make_comparable=True)
    return {name: float(value) for name, value in scores.items()}


# --------------------------------------------------------------------------- reading answers

_MARKERS = re.compile(r"(?:\s*\[\d+\])+")
_ITEM_PREFIX = re.compile(r"^\s*(?:\d+[.)]|[-*+])\s+", re.MULTILINE)
_EMPHASIS = re.compile(r"\*\*|__")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


def answer_body(answer: str) -> str:
    """The quoted part of an answer: without the sources list, the disclaimer and the note of what
    the articles never mention."""
    body = answer.split(f"\n\n{SOURCES_HEADING}", 1)[0]
    return "\n".join(line for line in body.split("\n") if not is_unmentioned_note(line)).strip("\n")


def noted(answer: str) -> bool:
    """Whether an answer says the articles never mention something the question names."""
    return any(map(is_unmentioned_note, answer.splitlines()))


def comparable(text: str) -> str:
    """Text as phrases are matched in it: emphasis marks dropped, quotes straightened, case and
    whitespace folded (an answer may bold the words that answer; the words stay the article's)."""
    return normalize_ws(_EMPHASIS.sub("", text).translate(_APOSTROPHES)).lower()


def contains(text: str, phrase: str) -> bool:
    return comparable(phrase) in comparable(text)


def uncited_sentences(body: str) -> tuple[int, list[str]]:
    """The number of sentences in an answer body, and those not directly followed by ``[n]``.

    Markers close a cited stretch of text; the stretch is split into sentences (pysbd) and only
    its last sentence carries the marker. Text after the last marker carries none.
    """
    text = _ITEM_PREFIX.sub("", body)
    total, uncited = 0, []
    position = 0
    for match in [*_MARKERS.finditer(text), None]:
        stretch = text[position:match.start() if match else len(text)]
        sentences = split_sentences(stretch)
        total += len(sentences)
        uncited += sentences[:-1] if match else sentences
        if match:
            position = match.end()
    return total, uncited


# The first sentence of each red-flag reply template (bold, before the symptoms are named).
_REPLY_OPENINGS = {"emergency": EMERGENCY_REPLY.split("\n", 1)[0], "urgent": URGENT_REPLY.split(" You mentioned", 1)[0]}


def reply_tier(answer: Mapping[str, Any]) -> str | None:
    """Which red-flag reply an answer opens with: "emergency", "urgent" or None."""
    text = str(answer.get("answer", ""))
    for tier, opening in _REPLY_OPENINGS.items():
        if text.startswith(opening):
            return tier
    return None


# --------------------------------------------------------------------------- outcomes and rates


@dataclass(frozen=True)
class Outcome:
    """What one question got: the checks it passed (True), failed (False) or that do not apply
    (absent). Every rate of the report is a share of outcomes passing one check."""

    id: str
    group: str  # "in_scope" | "out_of_scope" | "red_flags" | "not_flagged"
    styles: tuple[str, ...]
    checks: dict[str, bool]
    chars: int = 0  # length of the answer's quoted text (answered in-scope questions)


@dataclass(frozen=True)
class Rate:
    hits: int
    total: int

    @property
    def value(self) -> float:
        return self.hits / self.total if self.total else math.nan


def rate(outcomes: Iterable[Outcome], check: str) -> Rate:
    passed = [o.checks[check] for o in outcomes if check in o.checks]
    return Rate(sum(passed), len(passed))


def by_style(outcomes: Sequence[Outcome], checks: Sequence[str]) -> dict[str, dict[str, Rate]]:
    """``{style: {check: Rate}}`` over the styles present, for the given checks."""
    styles = sorted({s for o in outcomes for s in o.styles})
    table = {}
    for style in styles:
        members = [o for o in outcomes if style in o.styles]
        table[style] = {c: r for c in checks if (r := rate(members, c)).total}
    return table


@dataclass(frozen=True)
class Failure:
    """One query that did not get what the eval set expects."""

    kind: str  # "retrieval:<retriever>" | "search:<retriever>" | "answer" | "behaviour"
    id: str
    text: str
    expected: str
    got: str


def shorten(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --------------------------------------------------------------------------- answers


@dataclass(frozen=True)
class AnswerScores:
    """Quality of ``ask`` over the in-scope queries of a split (rates are 0..1)."""

    questions: int
    answered: float  # status "answered"
    must_contain: float  # of the questions with judged phrases, answers containing all of them
    must_contain_questions: int
    answer_at_1: float  # of those, answers whose first quote contains a judged phrase
    median_chars: float  # median length of an answer's quoted text (before the sources)
    citation_verbatim: float  # citations whose quote is verbatim text of the cited section
    citation_precision: float  # citations whose section is judged relevant for the query
    citations: int
    cited_sentences: float  # answer sentences directly followed by a [n] marker
    sentences: int
    noted: float = 0.0  # answered questions told the articles never mention something they name


def score_answer(query: Query, reply: Mapping[str, Any], judged: set[str], sections: Mapping[str, str],
                 styles: tuple[str, ...], failures: list[Failure]) -> tuple[Outcome, dict[str, int]]:
    """One in-scope question's outcome, and its citation and sentence counts."""
    status = reply["status"]
    text = str(reply["answer"])
    body = answer_body(text)
    checks: dict[str, bool] = {"answered": status == "answered"}
    if status != "answered":
        failures.append(Failure("answer", query.id, query.text, "status answered", f"status {status}"))
    else:
        checks["noted"] = noted(text)
    quotes = [str(c.get("quote", "")) for c in reply["citations"]]
    if query.must_contain:
        checks["must_contain"] = all(contains(body, p) for p in query.must_contain)
        checks["answer_at_1"] = bool(quotes) and any(contains(quotes[0], p) for p in query.must_contain)
        if not checks["must_contain"]:
            missing = [p for p in query.must_contain if not contains(body, p)]
            failures.append(Failure("answer", query.id, query.text, f"answer contains {missing!r}",
                                    shorten(normalize_ws(body))))
        elif not checks["answer_at_1"]:
            failures.append(Failure("answer", query.id, query.text,
                                    f"first quote contains one of {list(query.must_contain)!r}",
                                    shorten(quotes[0] if quotes else "no quote")))
    counts = {"citations": 0, "verbatim": 0, "relevant": 0, "sentences": 0, "cited": 0}
    for c in reply["citations"]:
        counts["citations"] += 1
        sid = f"{c['document']}#{c['anchor']}"
        if normalize_ws(c["quote"]) in sections.get(sid, ""):
            counts["verbatim"] += 1
        else:
            failures.append(Failure("answer", query.id, query.text, f"quote [{c['n']}] verbatim in {sid}",
                                    shorten(c["quote"])))
        if sid in judged:
            counts["relevant"] += 1
        else:
            failures.append(Failure("answer", query.id, query.text, f"citation [{c['n']}] in one of: "
                                    + ", ".join(sorted(judged)), sid))
    chars = 0
    if status == "answered":
        n, bare = uncited_sentences(body)
        counts["sentences"] += n
        counts["cited"] += n - len(bare)
        chars = len(normalize_ws(body))
        if bare:
            failures.append(Failure("answer", query.id, query.text, "every sentence followed by a [n] marker",
                                    f"{len(bare)} of {n} without one: {shorten(bare[0], 100)!r}"))
    return Outcome(query.id, "in_scope", styles, checks, chars), counts


def answer_scores(outcomes: Sequence[Outcome], counts: Sequence[Mapping[str, int]]) -> AnswerScores:
    total = {key: sum(c[key] for c in counts) for key in ("citations", "verbatim", "relevant", "sentences", "cited")}
    lengths = [o.chars for o in outcomes if o.checks.get("answered")]
    contain = rate(outcomes, "must_contain")
    return AnswerScores(
        questions=len(outcomes), answered=rate(outcomes, "answered").value,
        must_contain=contain.value, must_contain_questions=contain.total,
        answer_at_1=rate(outcomes, "answer_at_1").value,
        median_chars=float(statistics.median(lengths)) if lengths else math.nan,
        citation_verbatim=Rate(total["verbatim"], total["citations"]).value,
        citation_precision=Rate(total["relevant"], total["citations"]).value,
        citations=total["citations"],
        cited_sentences=Rate(total["cited"], total["sentences"]).value, sentences=total["sentences"],
        noted=rate(outcomes, "noted").value,
    )


# --------------------------------------------------------------------------- search


def passage_hit(query: Query, hits: Sequence[Mapping[str, Any]]) -> bool | None:
    """Whether the first hit's text holds a judged phrase (None: the query has none)."""
    if not query.must_contain:
        return None
    return bool(hits) and any(contains(str(hits[0].get("text", "")), p) for p in query.must_contain)


# --------------------------------------------------------------------------- behaviour


@dataclass(frozen=True)
class BehaviourScores:
    """Scope and safety: refusals, red-flag recall per tier, false flags (rates are 0..1)."""

    refusal: float
    out_of_scope: int
    refusal_by_kind: dict[str, float]  # "near" / "far" -> share refused
    out_of_scope_by_kind: dict[str, int]
    red_flag_recall: dict[str, float]  # tier -> share with status urgent *and* that tier's reply
    red_flags: dict[str, int]  # tier -> cases
    false_flag: float  # ordinary questions answered with a red-flag reply
    ordinary_answered: float  # ordinary questions answered from the articles (not refused, not flagged)
    not_flagged: int
    # "near" / "far" -> share refused, or answered with the note that the articles never mention
    # something the question names
    honest_by_kind: dict[str, float] = field(default_factory=dict)


def score_case(case: Case, reply: Mapping[str, Any], group: str, styles: tuple[str, ...],
               failures: list[Failure]) -> Outcome:
    """One behaviour case's outcome: refused, flagged at its tier, or not flagged."""
    status = reply["status"]
    tier = reply_tier(reply)
    if group == "out_of_scope":
        # A greeting or a thanks among the off-topic messages ("hello") is refused by its small-talk reply.
        checks = {"refused": status in ("out_of_scope", "small_talk")}
        if case.kind:
            checks[f"refused_{case.kind}"] = checks["refused"]
            checks[f"honest_{case.kind}"] = checks["refused"] or (status == "answered" and noted(str(reply["answer"])))
        if not checks["refused"]:
            failures.append(Failure("behaviour", case.id, case.text,
                                    f"status out_of_scope{f' ({case.kind})' if case.kind else ''}",
                                    f"status {status}"))
    elif group == "red_flags":
        assert case.tier is not None
        found = status == "urgent" and tier == case.tier
        checks = {"flagged": found, f"flagged_{case.tier}": found}
        if not found:
            failures.append(Failure("behaviour", case.id, case.text, f"status urgent, {case.tier} tier ({case.flag})",
                                    f"status {status}" + (f", {tier} tier" if status == "urgent" and tier else "")))
    else:
        false_flag = status == "urgent" or tier is not None
        checks = {"false_flag": false_flag, "answered": status == "answered"}
        if false_flag:
            failures.append(Failure("behaviour", case.id, case.text, "no red-flag reply",
                                    f"status {status}, {tier} tier"))
        elif status != case.expected_status:  # not a false flag, but still not what it expects
            failures.append(Failure("behaviour", case.id, case.text, f"status {case.expected_status}",
                                    f"status {status}"))
    return Outcome(case.id, group, styles, checks)


def behaviour_scores(outcomes: Sequence[Outcome]) -> BehaviourScores:
    groups: dict[str, list[Outcome]] = {}
    for o in outcomes:
        groups.setdefault(o.group, []).append(o)
    oos, flags, plain = groups.get("out_of_scope", []), groups.get("red_flags", []), groups.get("not_flagged", [])
    kinds = {k: rate(oos, f"refused_{k}") for k in KINDS}
    tiers = {t: rate(flags, f"flagged_{t}") for t in TIERS}
    return BehaviourScores(
        refusal=rate(oos, "refused").value, out_of_scope=len(oos),
        refusal_by_kind={k: r.value for k, r in kinds.items()},
        out_of_scope_by_kind={k: r.total for k, r in kinds.items()},
        red_flag_recall={t: r.value for t, r in tiers.items()}, red_flags={t: r.total for t, r in tiers.items()},
        false_flag=rate(plain, "false_flag").value, ordinary_answered=rate(plain, "answered").value,
        not_flagged=len(plain), honest_by_kind={k: rate(oos, f"honest_{k}").value for k in KINDS},
    )


@dataclass(frozen=True)
class StyleBreakdown:
    """Rates per question style: in-scope checks and out-of-scope refusals."""

    in_scope: dict[str, dict[str, Rate]] = field(default_factory=dict)
    out_of_scope: dict[str, dict[str, Rate]] = field(default_factory=dict)
