"""Evaluation stage: how well the assistant finds, quotes and cites the right sections.

Reads the BEIR-style eval set in ``eval/`` (see ``eval/README.md``), runs every query through a
*backend* (an in-process :class:`~assistant.core.Assistant`, or a running server's JSON API) and
scores:

* ranking, per retriever, at the **section** level: the chunks a search returns are mapped to
  their section (``<document>#<anchor>``) and duplicates collapse to the section's best rank, so
  judgments survive re-chunking. Recall@1, Recall@3, MRR@k and nDCG@k come from ``ranx``;
* answers (``ask``): status, ``must_contain`` phrases, whether each citation's quote is verbatim
  text of the cited section, the share of answer sentences followed by a citation marker, and
  whether the cited sections are judged relevant;
* behaviour: out-of-scope refusals, red-flag recall per tier, false flags on ordinary questions.

Both backends hand back the same JSON (``Answer.to_dict()``, ``Hit.to_dict()``), and everything
is scored from that JSON, so in-process and HTTP runs give identical numbers.

Example:
    >>> from assistant.evaluation import evaluate
    >>> report = evaluate(split="test")          # loads Assistant from corpus/ and index/
    >>> report.metrics()["hybrid.mrr@10"]
    0.9...
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Protocol, Sequence

from .answer import EMERGENCY_REPLY, SOURCES_HEADING, STATUSES, URGENT_REPLY
from .chunking import split_sentences
from .config import _default_dir
from .corpus import Corpus, load_corpus, normalize_ws
from .errors import AssistantError, InvalidInputError
from .retrieval import MODES

if TYPE_CHECKING:  # heavy imports stay out of ``--help``
    from .core import Assistant

SPLITS: tuple[str, ...] = ("test", "holdout")
TIERS: tuple[str, ...] = ("emergency", "urgent")
QRELS_HEADER = ("query-id", "corpus-id", "score")
ANSWER_METRICS: tuple[str, ...] = ("answered", "must_contain", "citation_verbatim", "cited_sentences",
                                   "citation_precision")
BEHAVIOUR_METRICS: tuple[str, ...] = ("refusal", "red_flag_recall.emergency", "red_flag_recall.urgent",
                                      "false_flag")
# Metrics where lower is better: ``--min`` makes no sense for them, ``--max`` does.
LOWER_IS_BETTER: frozenset[str] = frozenset({"behaviour.false_flag"})


class EvalDataError(InvalidInputError):
    """The eval set is missing, malformed, or does not match the corpus."""


class BackendError(AssistantError):
    """The server under evaluation cannot be reached or answered with something unexpected."""


# --------------------------------------------------------------------------- eval data


@dataclass(frozen=True)
class Query:
    """One in-scope question of ``queries.jsonl``; every one expects status ``answered``."""

    id: str
    text: str
    must_contain: str | None = None
    history: tuple[dict[str, str], ...] = ()


@dataclass(frozen=True)
class Case:
    """One behaviour question with the status (and, for red flags, the tier) it must get."""

    id: str
    text: str
    expected_status: str
    tier: str | None = None
    flag: str | None = None


@dataclass(frozen=True)
class EvalSet:
    """The queries of one split with their section-level judgments, and the behaviour sets."""

    split: str
    queries: tuple[Query, ...]
    qrels: dict[str, dict[str, int]]  # query id -> {section id: grade}
    out_of_scope: tuple[Case, ...]
    red_flags: tuple[Case, ...]
    not_flagged: tuple[Case, ...]
    fingerprint: str  # sha256 over the eval files, so a report names the data it came from


def default_eval_dir() -> Path:
    """``./eval`` when the working directory has one, else the folder beside the package."""
    return _default_dir("eval")


def split_of(case_id: str) -> str:
    """The split of a behaviour case, by the rule queries follow (eval/README.md): an id whose
    number is divisible by 3 (``oos003``, ``rf006``) is held out, every other one is ``test``."""
    digits = re.sub(r"\D", "", case_id)
    return "holdout" if digits and int(digits) % 3 == 0 else "test"


def load_eval_set(eval_dir: Path | str | None = None, split: str = "test") -> EvalSet:
    """Read and validate the eval set; raises EvalDataError naming the file and line at fault."""
    if split not in SPLITS:
        raise EvalDataError(f"Unknown split {split!r}: choose one of {', '.join(SPLITS)}.")
    folder = Path(eval_dir) if eval_dir is not None else default_eval_dir()
    if not folder.is_dir():
        raise EvalDataError(f"Eval folder {folder} does not exist: pass --eval-dir pointing at the folder "
                            "with queries.jsonl and qrels/ (see eval/README.md).")
    digest = hashlib.sha256()
    queries = {}
    for path, line_no, record in _jsonl(folder / "queries.jsonl", digest):
        query = _query(record, path, line_no)
        if query.id in queries:
            raise EvalDataError(f"{path}:{line_no}: duplicate query id {query.id!r}.")
        queries[query.id] = query
    qrels_by_split = {name: _qrels(folder / "qrels" / f"{name}.tsv", digest, queries) for name in SPLITS}
    shared = set(qrels_by_split["test"]) & set(qrels_by_split["holdout"])
    if shared:
        raise EvalDataError(f"Queries {', '.join(sorted(shared)[:5])} are judged in both test.tsv and "
                            "holdout.tsv; each query belongs to exactly one split.")
    qrels = qrels_by_split[split]
    behaviour = {}
    for name, status in (("out_of_scope", "out_of_scope"), ("red_flags", "urgent"), ("not_flagged", "answered")):
        path = folder / "behaviour" / f"{name}.jsonl"
        cases = tuple(_case(record, p, n, name) for p, n, record in _jsonl(path, digest))
        seen = set()
        for case in cases:
            if case.id in seen:
                raise EvalDataError(f"{path}: duplicate id {case.id!r}.")
            seen.add(case.id)
        behaviour[name] = tuple(c for c in cases if split_of(c.id) == split)
        wrong = [c.id for c in behaviour[name] if c.expected_status != status]
        if wrong:
            raise EvalDataError(f"{path}: {', '.join(wrong[:5])} expect status other than {status!r}; "
                                f"every case in {name}.jsonl expects {status!r}.")
    return EvalSet(
        split=split,
        queries=tuple(q for q in queries.values() if q.id in qrels),
        qrels=qrels,
        out_of_scope=behaviour["out_of_scope"],
        red_flags=behaviour["red_flags"],
        not_flagged=behaviour["not_flagged"],
        fingerprint=digest.hexdigest(),
    )


def _jsonl(path: Path, digest: Any) -> Iterable[tuple[Path, int, dict[str, Any]]]:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise EvalDataError(f"Missing eval file {path} (see eval/README.md for the layout).") from None
    except OSError as exc:
        raise EvalDataError(f"Cannot read {path} ({exc.strerror}).") from None
    digest.update(path.name.encode() + b"\0" + raw)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise EvalDataError(f"{path} is not UTF-8 (byte {exc.start}).") from None
    for line_no, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise EvalDataError(f"{path}:{line_no}: not valid JSON ({exc.msg} at column {exc.colno}).") from None
        if not isinstance(record, dict):
            raise EvalDataError(f"{path}:{line_no}: each line must be a JSON object, not {type(record).__name__}.")
        yield path, line_no, record


def _text_field(record: Mapping[str, Any], name: str, path: Path, line_no: int, required: bool = True) -> str | None:
    value = record.get(name)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip():
        raise EvalDataError(f"{path}:{line_no}: field {name!r} must be non-empty text.")
    return value


def _query(record: Mapping[str, Any], path: Path, line_no: int) -> Query:
    qid = _text_field(record, "_id", path, line_no)
    assert qid is not None
    if "#" in qid:
        raise EvalDataError(f"{path}:{line_no}: query id {qid!r} contains '#', which only corpus ids may.")
    history = record.get("history") or []
    if not isinstance(history, list) or not all(
            isinstance(t, dict) and t.get("role") in ("user", "assistant") and isinstance(t.get("content"), str)
            for t in history):
        raise EvalDataError(f"{path}:{line_no}: history must be a list of "
                            '{"role": "user"|"assistant", "content": text} objects.')
    return Query(qid, _text_field(record, "text", path, line_no) or "",
                 _text_field(record, "must_contain", path, line_no, required=False),
                 tuple({"role": t["role"], "content": t["content"]} for t in history))


def _case(record: Mapping[str, Any], path: Path, line_no: int, kind: str) -> Case:
    status = _text_field(record, "expected_status", path, line_no)
    if status not in STATUSES:
        raise EvalDataError(f"{path}:{line_no}: expected_status {status!r} is not one of {', '.join(STATUSES)}.")
    tier = _text_field(record, "tier", path, line_no, required=kind == "red_flags")
    if tier is not None and tier not in TIERS:
        raise EvalDataError(f"{path}:{line_no}: tier {tier!r} is not one of {', '.join(TIERS)}.")
    return Case(_text_field(record, "_id", path, line_no) or "", _text_field(record, "text", path, line_no) or "",
                status, tier, _text_field(record, "flag", path, line_no, required=False))


def _qrels(path: Path, digest: Any, queries: Mapping[str, Query]) -> dict[str, dict[str, int]]:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise EvalDataError(f"Missing judgments file {path} (see eval/README.md for the layout).") from None
    digest.update(path.name.encode() + b"\0" + raw)
    lines = raw.decode("utf-8", errors="replace").splitlines()
    if not lines or tuple(lines[0].split("\t")) != QRELS_HEADER:
        raise EvalDataError(f"{path}:1: the header must be {chr(9).join(QRELS_HEADER)!r} (tab-separated).")
    qrels: dict[str, dict[str, int]] = {}
    for line_no, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        parts = line.split("\t")
        if len(parts) != 3:
            raise EvalDataError(f"{path}:{line_no}: expected 3 tab-separated columns, found {len(parts)}.")
        qid, cid, score = parts
        if qid not in queries:
            raise EvalDataError(f"{path}:{line_no}: query {qid!r} is not in queries.jsonl.")
        if "#" not in cid:
            raise EvalDataError(f"{path}:{line_no}: corpus id {cid!r} must be a section id <document>#<anchor>.")
        try:
            grade = int(score)
        except ValueError:
            raise EvalDataError(f"{path}:{line_no}: score {score!r} is not a whole number.") from None
        qrels.setdefault(qid, {})[cid] = grade
    if not qrels:
        raise EvalDataError(f"{path} has no judgments.")
    return qrels


# --------------------------------------------------------------------------- backends


class Backend(Protocol):
    """What the evaluation needs from the system under test; every result is the public JSON."""

    description: str

    def search(self, query: str, k: int, mode: str) -> list[dict[str, Any]]:
        """``Hit.to_dict()`` of the ``k`` best chunks."""
        ...

    def ask(self, question: str, history: Sequence[Mapping[str, str]]) -> dict[str, Any]:
        """``Answer.to_dict()``."""
        ...

    def manifest(self) -> dict[str, Any]:
        """``Manifest.to_dict()`` of the index being served."""
        ...


class LocalBackend:
    """An :class:`Assistant` in this process."""

    def __init__(self, bot: "Assistant") -> None:
        self.bot = bot
        self.description = "in-process"

    def search(self, query: str, k: int, mode: str) -> list[dict[str, Any]]:
        return [hit.to_dict() for hit in self.bot.search(query, k=k, mode=mode)]

    def ask(self, question: str, history: Sequence[Mapping[str, str]]) -> dict[str, Any]:
        return self.bot.ask(question, history=list(history)).to_dict()

    def manifest(self) -> dict[str, Any]:
        return self.bot.index.manifest.to_dict()


class HttpBackend:
    """A running server, through ``/api/search``, ``/api/ask`` and ``/api/health``."""

    def __init__(self, url: str, timeout: float = 30.0, max_wait: float = 300.0) -> None:
        import httpx

        if not re.match(r"^https?://[^/\s]+", url):
            raise InvalidInputError(f"--url must be an http(s) address such as http://127.0.0.1:7860, not {url!r}.")
        self.url = url.rstrip("/")
        self.description = self.url
        self._httpx = httpx
        self._client = httpx.Client(base_url=self.url, timeout=timeout)
        self._max_wait = max_wait  # total seconds to spend waiting out rate limits (HTTP 429)

    def close(self) -> None:
        self._client.close()

    def _request(self, method: str, path: str, **kwargs: Any) -> Any:
        waited = 0.0
        while True:
            try:
                response = self._client.request(method, path, **kwargs)
            except self._httpx.HTTPError as exc:
                raise BackendError(f"Cannot reach the server at {self.url} ({type(exc).__name__}: {exc}); "
                                   "start it with `python -m assistant serve` or check --url.") from None
            if response.status_code == 429 and waited < self._max_wait:
                delay = min(_retry_after(response), self._max_wait - waited)
                time.sleep(delay)
                waited += delay
                continue
            break
        try:
            data = response.json()
        except ValueError:
            data = None
        # An invalid question still comes back as an Answer (status invalid_input) with a 4xx code.
        if response.status_code == 200 or (path == "/api/ask" and isinstance(data, dict)
                                           and data.get("status") in STATUSES):
            if data is None:
                raise BackendError(f"{method} {self.url}{path} did not return JSON.")
            return data
        hint = (" The server is rate-limiting: start it with ASSISTANT_RATE_LIMIT=off for evaluation."
                if response.status_code == 429 else "")
        raise BackendError(f"{method} {self.url}{path} answered HTTP {response.status_code}: "
                           f"{response.text[:200]!r}.{hint}")

    def search(self, query: str, k: int, mode: str) -> list[dict[str, Any]]:
        data = self._request("GET", "/api/search", params={"q": query, "k": k, "mode": mode})
        if not isinstance(data, dict) or not isinstance(data.get("hits"), list):
            raise BackendError(f"GET {self.url}/api/search did not return {{\"query\": ..., \"hits\": [...]}}.")
        return data["hits"]

    def ask(self, question: str, history: Sequence[Mapping[str, str]]) -> dict[str, Any]:
        data = self._request("POST", "/api/ask", json={"question": question, "history": list(history)})
        if not isinstance(data, dict) or not {"status", "answer", "citations"} <= set(data):
            raise BackendError(f"POST {self.url}/api/ask did not return an answer object.")
        return data

    def manifest(self) -> dict[str, Any]:
        data = self._request("GET", "/api/health")
        if not isinstance(data, dict) or data.get("status") != "ok" or not isinstance(data.get("manifest"), dict):
            raise BackendError(f"GET {self.url}/api/health did not report status ok with a manifest: {data!r:.200}.")
        return data["manifest"]


def _retry_after(response: Any) -> float:
    try:
        return max(0.5, float(response.headers.get("retry-after", "1")))
    except ValueError:
        return 1.0


# --------------------------------------------------------------------------- ranking metrics


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


# --------------------------------------------------------------------------- report


@dataclass(frozen=True)
class RetrievalScores:
    """Section-level ranking quality of one retriever over the queries of a split."""

    retriever: str
    queries: int
    recall_1: float
    recall_3: float
    mrr: float
    ndcg: float


@dataclass(frozen=True)
class AnswerScores:
    """Quality of ``ask`` over the in-scope queries of a split (rates are 0..1)."""

    questions: int
    answered: float  # status "answered"
    must_contain: float  # of the `must_contain` questions, answers that include the phrase
    must_contain_questions: int
    citation_verbatim: float  # citations whose quote is verbatim text of the cited section
    citation_precision: float  # citations whose section is judged relevant for the query
    citations: int
    cited_sentences: float  # answer sentences directly followed by a [n] marker
    sentences: int


@dataclass(frozen=True)
class BehaviourScores:
    """Scope and safety: refusals, red-flag recall per tier, false flags (rates are 0..1)."""

    refusal: float
    out_of_scope: int
    red_flag_recall: dict[str, float]  # tier -> share with status urgent *and* that tier's reply
    red_flags: dict[str, int]  # tier -> cases
    false_flag: float  # ordinary questions answered with a red-flag reply
    not_flagged: int


@dataclass(frozen=True)
class Failure:
    """One query that did not get what the eval set expects."""

    kind: str  # "retrieval:<retriever>" | "answer" | "behaviour"
    id: str
    text: str
    expected: str
    got: str


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
    seconds: float = 0.0

    def metrics(self) -> dict[str, float]:
        """Flat ``{"hybrid.recall@1": 0.9, "answer.must_contain": 0.8, ...}``; names for ``--min``."""
        out: dict[str, float] = {}
        for r in self.retrieval:
            values = (r.recall_1, r.recall_3, r.mrr, r.ndcg)
            out.update({f"{r.retriever}.{name}": v for name, v in zip(ranking_names(self.k), values, strict=True)})
        if self.answers:
            out.update({f"answer.{name}": float(getattr(self.answers, name)) for name in ANSWER_METRICS})
        if self.behaviour:
            b = self.behaviour
            out["behaviour.refusal"] = b.refusal
            out.update({f"behaviour.red_flag_recall.{t}": b.red_flag_recall[t] for t in TIERS})
            out["behaviour.false_flag"] = b.false_flag
        return out

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: the metrics, the detail records and the failures (runs are written separately)."""
        data = asdict(self)
        data.pop("runs")
        data.pop("qrels")
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


def metric_names(k: int = 10, retrievers: Sequence[str] = MODES, answers: bool = True,
                 behaviour: bool = True) -> tuple[str, ...]:
    """The names ``EvalReport.metrics()`` will have for these options."""
    names = [f"{r}.{m}" for r in retrievers for m in ranking_names(k)]
    if answers:
        names += [f"answer.{m}" for m in ANSWER_METRICS]
    if behaviour:
        names += [f"behaviour.{m}" for m in BEHAVIOUR_METRICS]
    return tuple(names)


def check_thresholds(metrics: Mapping[str, float], minimums: Mapping[str, float] | None = None,
                     maximums: Mapping[str, float] | None = None) -> list[str]:
    """One message per metric below its minimum or above its maximum; empty when all pass."""
    problems = []
    for name, floor in (minimums or {}).items():
        if metrics[name] < floor:
            problems.append(f"{name} = {metrics[name]:.4f} is below the minimum {floor:g}")
    for name, ceiling in (maximums or {}).items():
        if metrics[name] > ceiling:
            problems.append(f"{name} = {metrics[name]:.4f} is above the maximum {ceiling:g}")
    return problems


# --------------------------------------------------------------------------- evaluation


def evaluate(target: "Assistant | Backend | str | None" = None, *, split: str = "test",
             eval_dir: Path | str | None = None, retrievers: Sequence[str] = MODES, k: int = 10,
             answers: bool = True, behaviour: bool = True, corpus: Corpus | None = None,
             corpus_dir: Path | str | None = None) -> EvalReport:
    """Evaluate retrieval, answers and behaviour on one split of the eval set.

    Args:
        target: an :class:`Assistant`, a server URL (``"http://127.0.0.1:7860"``), any
            :class:`Backend`, or None to load the default Assistant.
        split: ``"test"`` (tune on it) or ``"holdout"`` (report it, never tune on it).
        eval_dir: the eval folder (default ``./eval``).
        retrievers: which of ``dense``, ``bm25``, ``hybrid`` to rank with.
        k: how many chunks each search returns; MRR and nDCG are cut off at ``k``.
        answers, behaviour: whether to score ``ask`` on the in-scope and behaviour sets.
        corpus, corpus_dir: the corpus citations are checked against. An Assistant brings its
            own; for a server the local corpus folder is read and must match the served one.

    Follow-up queries (those with a ``history``) are searched as the product searches a
    follow-up: the previous user turn and the question joined by a space. ``ask`` gets the
    history itself and decides on its own.

    Example:
        >>> report = evaluate(bot, split="holdout", retrievers=["hybrid"])
        >>> report.metrics()["hybrid.recall@1"]
    """
    from .core import Assistant, check_k

    check_k(k)
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
        if corpus is None:
            from .config import Settings

            corpus = load_corpus(Path(corpus_dir) if corpus_dir else Settings.from_env().corpus_dir)
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
        failures: list[Failure] = []
        runs = {mode: _search_all(backend, data, mode, k) for mode in retrievers}
        retrieval = []
        for mode, run in runs.items():
            scores = ranking_metrics(data.qrels, run, k)
            retrieval.append(RetrievalScores(mode, len(data.queries), *(scores[n] for n in ranking_names(k))))
            failures += _ranking_failures(mode, data, run)
        answer_scores = _score_answers(backend, data, sections, failures) if answers else None
        behaviour_scores = _score_behaviour(backend, data, failures) if behaviour else None
    finally:
        if close:
            close()
    return EvalReport(
        split=split, k=k, backend=backend.description, identity=manifest, eval_fingerprint=data.fingerprint,
        retrieval=tuple(retrieval), answers=answer_scores, behaviour=behaviour_scores, failures=tuple(failures),
        runs=runs, qrels=data.qrels, seconds=round(time.perf_counter() - started, 2),
    )


def search_text(query: Query) -> str:
    """The text searched for a query: a follow-up is read with the previous user turn, as
    ``Assistant.ask`` reads it (``f"{previous} {question}"``)."""
    previous = next((t["content"] for t in reversed(query.history) if t["role"] == "user"), None)
    return f"{previous} {query.text}" if previous else query.text


def _search_all(backend: Backend, data: EvalSet, mode: str, k: int) -> dict[str, dict[str, float]]:
    return {q.id: section_run(backend.search(search_text(q), k, mode)) for q in data.queries}


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


_MARKER = re.compile(r"\[\d+\]")
_MARKERS = re.compile(r"(?:\s*\[\d+\])+")
_ITEM_PREFIX = re.compile(r"^\s*(?:\d+[.)]|[-*+])\s+", re.MULTILINE)


def answer_body(answer: str) -> str:
    """The quoted part of an answer: without the sources list and the disclaimer."""
    return answer.split(f"\n\n{SOURCES_HEADING}", 1)[0]


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


def reply_tier(answer: Mapping[str, Any]) -> str | None:
    """Which red-flag reply an answer opens with: "emergency", "urgent" or None."""
    text = str(answer.get("answer", ""))
    for tier, opening in _REPLY_OPENINGS.items():
        if text.startswith(opening):
            return tier
    return None


# The first sentence of each red-flag reply template (bold, before the symptoms are named).
_REPLY_OPENINGS = {"emergency": EMERGENCY_REPLY.split("\n", 1)[0], "urgent": URGENT_REPLY.split(" You mentioned", 1)[0]}


def _rate(hits: int, total: int) -> float:
    return hits / total if total else math.nan


def _score_answers(backend: Backend, data: EvalSet, sections: Mapping[str, str],
                   failures: list[Failure]) -> AnswerScores:
    answered = contains = contain_total = verbatim = relevant = citations = sentences = cited = 0
    for q in data.queries:
        reply = backend.ask(q.text, q.history)
        status = reply["status"]
        text = str(reply["answer"])
        if status == "answered":
            answered += 1
        else:
            failures.append(Failure("answer", q.id, q.text, "status answered", f"status {status}"))
        if q.must_contain:
            contain_total += 1
            if q.must_contain.lower() in text.lower():
                contains += 1
            else:
                failures.append(Failure("answer", q.id, q.text, f"answer contains {q.must_contain!r}",
                                        _shorten(normalize_ws(answer_body(text)))))
        judged = {sid for sid, grade in data.qrels[q.id].items() if grade > 0}
        for c in reply["citations"]:
            citations += 1
            sid = f"{c['document']}#{c['anchor']}"
            if normalize_ws(c["quote"]) in sections.get(sid, ""):
                verbatim += 1
            else:
                failures.append(Failure("answer", q.id, q.text, f"quote [{c['n']}] verbatim in {sid}",
                                        _shorten(c["quote"])))
            if sid in judged:
                relevant += 1
            else:
                failures.append(Failure("answer", q.id, q.text, f"citation [{c['n']}] in one of: "
                                        + ", ".join(sorted(judged)), sid))
        if status == "answered":
            n, bare = uncited_sentences(answer_body(text))
            sentences += n
            cited += n - len(bare)
            if bare:
                failures.append(Failure("answer", q.id, q.text, "every sentence followed by a [n] marker",
                                        f"{len(bare)} of {n} without one: {_shorten(bare[0], 100)!r}"))
    return AnswerScores(
        questions=len(data.queries), answered=_rate(answered, len(data.queries)),
        must_contain=_rate(contains, contain_total), must_contain_questions=contain_total,
        citation_verbatim=_rate(verbatim, citations), citation_precision=_rate(relevant, citations),
        citations=citations, cited_sentences=_rate(cited, sentences), sentences=sentences,
    )


def _score_behaviour(backend: Backend, data: EvalSet, failures: list[Failure]) -> BehaviourScores:
    refused = 0
    for case in data.out_of_scope:
        status = backend.ask(case.text, [])["status"]
        refused += status == "out_of_scope"
        if status != "out_of_scope":
            failures.append(Failure("behaviour", case.id, case.text, "status out_of_scope", f"status {status}"))
    found = {t: 0 for t in TIERS}
    cases = {t: 0 for t in TIERS}
    for case in data.red_flags:
        reply = backend.ask(case.text, [])
        tier = reply_tier(reply) if reply["status"] == "urgent" else None
        assert case.tier is not None
        cases[case.tier] += 1
        if reply["status"] == "urgent" and tier == case.tier:
            found[case.tier] += 1
        else:
            failures.append(Failure("behaviour", case.id, case.text,
                                    f"status urgent, {case.tier} tier ({case.flag})",
                                    f"status {reply['status']}" + (f", {tier} tier" if tier else "")))
    flagged = 0
    for case in data.not_flagged:
        reply = backend.ask(case.text, [])
        if reply["status"] == "urgent" or reply_tier(reply):
            flagged += 1
            failures.append(Failure("behaviour", case.id, case.text, "no red-flag reply",
                                    f"status {reply['status']}, {reply_tier(reply)} tier"))
        elif reply["status"] != case.expected_status:  # not a false flag, but still not what it expects
            failures.append(Failure("behaviour", case.id, case.text, f"status {case.expected_status}",
                                    f"status {reply['status']}"))
    return BehaviourScores(
        refusal=_rate(refused, len(data.out_of_scope)), out_of_scope=len(data.out_of_scope),
        red_flag_recall={t: _rate(found[t], cases[t]) for t in TIERS}, red_flags=cases,
        false_flag=_rate(flagged, len(data.not_flagged)), not_flagged=len(data.not_flagged),
    )


def _shorten(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --------------------------------------------------------------------------- thresholds


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


_RANK_LABELS = ("Recall@1", "Recall@3", "MRR@{k}", "nDCG@{k}")


def _fraction(rate: float, total: int) -> str:
    if math.isnan(rate):
        return "  n/a"
    return f"{rate:5.3f}  ({round(rate * total)}/{total})"


def format_report(report: EvalReport) -> str:
    """The report as the CLI prints it: tables, identity, then every failure."""
    ident = report.identity
    model = ident.get("model") or {}
    lines = [
        f"Evaluation on split '{report.split}' ({report.backend}, k={report.k}, {report.seconds:.1f} s)",
        f"  corpus   {ident.get('documents', '?')} document(s), hash {str(ident.get('corpus_hash', '?'))[:12]}; "
        f"index {ident.get('count', '?')} chunks (chunker v{ident.get('chunker_version', '?')}, "
        f"{ident.get('chunk_chars', '?')} chars), built {ident.get('built_at', '?')}",
        f"  model    {model.get('name', '?')}, weights sha256 {str(model.get('weights_sha256', '?'))[:12]}",
        f"  eval set sha256 {report.eval_fingerprint[:12]}",
    ]
    if report.retrieval:
        labels = [label.format(k=report.k) for label in _RANK_LABELS]
        queries = report.retrieval[0].queries
        lines += ["", f"Retrieval, section level ({queries} queries)",
                  f"  {'retriever':<10}" + "".join(f"{label:>10}" for label in labels)]
        for r in report.retrieval:
            lines.append(f"  {r.retriever:<10}" + "".join(f"{v:>10.3f}" for v in (r.recall_1, r.recall_3, r.mrr, r.ndcg)))
    if report.answers:
        a = report.answers
        lines += ["", f"Answers ({a.questions} questions)",
                  f"  answered                    {_fraction(a.answered, a.questions)}",
                  f"  must_contain hit rate       {_fraction(a.must_contain, a.must_contain_questions)}",
                  f"  citation verbatim rate      {_fraction(a.citation_verbatim, a.citations)}",
                  f"  citation precision          {_fraction(a.citation_precision, a.citations)}",
                  f"  sentences with a citation   {_fraction(a.cited_sentences, a.sentences)}"]
    if report.behaviour:
        b = report.behaviour
        lines += ["", "Behaviour",
                  f"  out-of-scope refusal rate   {_fraction(b.refusal, b.out_of_scope)}"]
        lines += [f"  red-flag recall, {t:<10} {_fraction(b.red_flag_recall[t], b.red_flags[t])}" for t in TIERS]
        lines.append(f"  false-flag rate             {_fraction(b.false_flag, b.not_flagged)}")
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
    rates = {name: value for name, value in report.metrics().items() if not name.count("@")}
    fig, axes = plt.subplots(1, 2 if rates else 1, figsize=(10, 3.6), dpi=100, squeeze=False,
                             gridspec_kw={"width_ratios": [1, 1.15]} if rates else None)
    ax = axes[0][0]
    width = 0.8 / max(1, len(report.retrieval))
    for i, r in enumerate(report.retrieval):
        values = (r.recall_1, r.recall_3, r.mrr, r.ndcg)
        xs = [x + (i - (len(report.retrieval) - 1) / 2) * width for x in range(len(labels))]
        bars = ax.bar(xs, values, width, label=r.retriever)
        ax.bar_label(bars, fmt="%.2f", fontsize=6, padding=1)
    ax.set_xticks(range(len(labels)), labels)
    ax.set_ylim(0, 1.08)
    ax.set_title(f"Retrieval, section level ({report.split})", fontsize=10)
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
