"""Eval data: the BEIR-style question sets in ``eval/`` (see ``eval/README.md``), read and checked.

Splits:

* ``test`` and ``holdout`` share ``eval/queries.jsonl`` and ``eval/behaviour/``; judgments are in
  ``eval/qrels/<split>.tsv`` and behaviour cases follow the id rule (a number divisible by 3 is
  held out);
* any folder ``eval/<name>/`` with a ``queries.jsonl`` is a split of its own (``blind``, written by
  someone who never saw the questions above or the code), judged in ``eval/qrels/<name>.tsv``, with
  its behaviour cases in ``eval/<name>/behaviour/``.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping

from ..answer import STATUSES
from ..config import _default_dir
from ..errors import InvalidInputError

SHARED_SPLITS: tuple[str, ...] = ("test", "holdout")
TIERS: tuple[str, ...] = ("emergency", "urgent")
KINDS: tuple[str, ...] = ("near", "far")
QRELS_HEADER = ("query-id", "corpus-id", "score")
# How a question is written (eval/README.md). "follow-up", "short" and "long" are also read off the
# question itself, "list item" off the corpus (the judged phrase sits in a list item).
STYLES: tuple[str, ...] = ("plain", "lay", "typo", "regional", "short", "long", "list", "list item", "follow-up")
SHORT_WORDS, LONG_WORDS = 3, 25


class EvalDataError(InvalidInputError):
    """The eval set is missing, malformed, or does not match the corpus."""


@dataclass(frozen=True)
class Query:
    """One in-scope question; every one expects status ``answered``.

    ``must_contain`` holds phrases of the article that a right answer contains (all of them).
    """

    id: str
    text: str
    must_contain: tuple[str, ...] = ()
    history: tuple[dict[str, str], ...] = ()
    style: tuple[str, ...] = ()


@dataclass(frozen=True)
class Case:
    """One behaviour question with the status (and, for red flags, the tier) it must get."""

    id: str
    text: str
    expected_status: str
    tier: str | None = None
    flag: str | None = None
    kind: str | None = None  # out-of-scope: "near" (next to the topic) or "far"
    style: tuple[str, ...] = ()
    history: tuple[dict[str, str], ...] = ()  # earlier turns, when the case is a follow-up


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


def available_splits(eval_dir: Path | str | None = None) -> tuple[str, ...]:
    """``test``, ``holdout``, then every folder split (``blind``, ...) of the eval folder."""
    folder = Path(eval_dir) if eval_dir is not None else default_eval_dir()
    own = sorted(p.parent.name for p in folder.glob("*/queries.jsonl")) if folder.is_dir() else []
    return SHARED_SPLITS + tuple(own)


def split_of(case_id: str) -> str:
    """The split of a shared case, by the rule queries follow (eval/README.md): an id whose
    number is divisible by 3 (``oos003``, ``rf006``) is held out, every other one is ``test``."""
    digits = re.sub(r"\D", "", case_id)
    return "holdout" if digits and int(digits) % 3 == 0 else "test"


def load_eval_set(eval_dir: Path | str | None = None, split: str = "test") -> EvalSet:
    """Read and validate one split; raises EvalDataError naming the file and line at fault."""
    folder = Path(eval_dir) if eval_dir is not None else default_eval_dir()
    if not folder.is_dir():
        raise EvalDataError(f"Eval folder {folder} does not exist: pass --eval-dir pointing at the folder "
                            "with queries.jsonl and qrels/ (see eval/README.md).")
    splits = available_splits(folder)
    if split not in splits:
        raise EvalDataError(f"Unknown split {split!r}: choose one of {', '.join(splits)}.")
    own = split not in SHARED_SPLITS
    base = folder / split if own else folder
    digest = hashlib.sha256()
    queries = _queries(base / "queries.jsonl", digest)
    if own:
        qrels = _qrels(folder / "qrels" / f"{split}.tsv", digest, queries)
    else:
        by_split = {name: _qrels(folder / "qrels" / f"{name}.tsv", digest, queries) for name in SHARED_SPLITS}
        shared = set(by_split["test"]) & set(by_split["holdout"])
        if shared:
            raise EvalDataError(f"Queries {', '.join(sorted(shared)[:5])} are judged in both test.tsv and "
                                "holdout.tsv; each query belongs to exactly one split.")
        qrels = by_split[split]
    behaviour = {}
    for name, status in (("out_of_scope", "out_of_scope"), ("red_flags", "urgent"), ("not_flagged", "answered")):
        cases = _cases(base / "behaviour" / f"{name}.jsonl", digest, name, status)
        behaviour[name] = cases if own else tuple(c for c in cases if split_of(c.id) == split)
    return EvalSet(
        split=split,
        queries=tuple(q for q in queries.values() if q.id in qrels),
        qrels=qrels,
        out_of_scope=behaviour["out_of_scope"],
        red_flags=behaviour["red_flags"],
        not_flagged=behaviour["not_flagged"],
        fingerprint=digest.hexdigest(),
    )


def styles_of(query: Query | Case, list_phrases: Iterable[str] = ()) -> tuple[str, ...]:
    """The question's style labels: those written in the data, plus what can be read off the text
    (follow-up, short, long) and, for queries, "list item" when a judged phrase lies in one of
    ``list_phrases`` (the corpus's list items)."""
    found = set(query.style)
    if query.history:
        found.add("follow-up")
    words = len(query.text.split())
    if words <= SHORT_WORDS:
        found.add("short")
    if words >= LONG_WORDS:
        found.add("long")
    if isinstance(query, Query) and query.must_contain:
        items = [p.lower() for p in list_phrases]
        if any(m.lower() in item for m in query.must_contain for item in items):
            found.add("list item")
    if not found - {"short", "long"} and not query.style:
        found.add("plain")
    return tuple(s for s in STYLES if s in found)


# --------------------------------------------------------------------------- reading files


def _queries(path: Path, digest: Any) -> dict[str, Query]:
    queries: dict[str, Query] = {}
    for line_no, record in _jsonl(path, digest):
        query = _query(record, path, line_no)
        if query.id in queries:
            raise EvalDataError(f"{path}:{line_no}: duplicate query id {query.id!r}.")
        queries[query.id] = query
    return queries


def _cases(path: Path, digest: Any, name: str, status: str) -> tuple[Case, ...]:
    cases = tuple(_case(record, path, n, name) for n, record in _jsonl(path, digest))
    seen = set()
    for case in cases:
        if case.id in seen:
            raise EvalDataError(f"{path}: duplicate id {case.id!r}.")
        seen.add(case.id)
    wrong = [c.id for c in cases if c.expected_status != status]
    if wrong:
        raise EvalDataError(f"{path}: {', '.join(wrong[:5])} expect status other than {status!r}; "
                            f"every case in {name}.jsonl expects {status!r}.")
    return cases


def _jsonl(path: Path, digest: Any) -> Iterable[tuple[int, dict[str, Any]]]:
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
        yield line_no, record


def _text_field(record: Mapping[str, Any], name: str, path: Path, line_no: int, required: bool = True) -> str | None:
    value = record.get(name)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip():
        raise EvalDataError(f"{path}:{line_no}: field {name!r} must be non-empty text.")
    return value


def _texts_field(record: Mapping[str, Any], name: str, path: Path, line_no: int) -> tuple[str, ...]:
    """An optional field holding one text or a list of texts."""
    value = record.get(name)
    if value is None:
        return ()
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, list) or not values or not all(isinstance(v, str) and v.strip() for v in values):
        raise EvalDataError(f"{path}:{line_no}: field {name!r} must be non-empty text or a list of texts.")
    return tuple(values)


def _style(record: Mapping[str, Any], path: Path, line_no: int) -> tuple[str, ...]:
    style = _texts_field(record, "style", path, line_no)
    unknown = [s for s in style if s not in STYLES]
    if unknown:
        raise EvalDataError(f"{path}:{line_no}: style {unknown[0]!r} is not one of {', '.join(STYLES)}.")
    return style


def _query(record: Mapping[str, Any], path: Path, line_no: int) -> Query:
    qid = _text_field(record, "_id", path, line_no)
    assert qid is not None
    if "#" in qid:
        raise EvalDataError(f"{path}:{line_no}: query id {qid!r} contains '#', which only corpus ids may.")
    return Query(qid, _text_field(record, "text", path, line_no) or "",
                 _texts_field(record, "must_contain", path, line_no),
                 _history(record, path, line_no), _style(record, path, line_no))


def _history(record: Mapping[str, Any], path: Path, line_no: int) -> tuple[dict[str, str], ...]:
    """The earlier turns of a follow-up (none for a question asked on its own)."""
    history = record.get("history") or []
    if not isinstance(history, list) or not all(
            isinstance(t, dict) and t.get("role") in ("user", "assistant") and isinstance(t.get("content"), str)
            for t in history):
        raise EvalDataError(f"{path}:{line_no}: history must be a list of "
                            '{"role": "user"|"assistant", "content": text} objects.')
    return tuple({"role": t["role"], "content": t["content"]} for t in history)


def _case(record: Mapping[str, Any], path: Path, line_no: int, name: str) -> Case:
    status = _text_field(record, "expected_status", path, line_no)
    if status not in STATUSES:
        raise EvalDataError(f"{path}:{line_no}: expected_status {status!r} is not one of {', '.join(STATUSES)}.")
    tier = _text_field(record, "tier", path, line_no, required=name == "red_flags")
    if tier is not None and tier not in TIERS:
        raise EvalDataError(f"{path}:{line_no}: tier {tier!r} is not one of {', '.join(TIERS)}.")
    kind = _text_field(record, "kind", path, line_no, required=False)
    if kind is not None and kind not in KINDS:
        raise EvalDataError(f"{path}:{line_no}: kind {kind!r} is not one of {', '.join(KINDS)}.")
    return Case(_text_field(record, "_id", path, line_no) or "", _text_field(record, "text", path, line_no) or "",
                status, tier, _text_field(record, "flag", path, line_no, required=False), kind,
                _style(record, path, line_no), _history(record, path, line_no))


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
