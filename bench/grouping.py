"""How well uncovered questions are grouped by meaning, at each similarity threshold.

``eval/grouping.jsonl`` holds pairs of questions a site's visitors might ask that the articles
do not cover: 40 paraphrase pairs (the same question, worded differently) and 40 pairs of
different questions built on the same pattern ("How do I tape my ankle?" / "... my knee?"),
the hardest case for a grouping. For each threshold this prints

- pairs: how many paraphrase pairs reach it (joined) and how many different pairs do (wrongly
  joined), each pair on its own;
- grouping: the 120 distinct questions grouped as the summary groups them
  (``assistant.summary.cluster``, average linkage), scored by pairwise precision (grouped pairs that are paraphrases) and
  recall (paraphrase pairs grouped), and the number of wrong joins.

A wrong join hides a question the owner should write about behind another one; a missed join
shows the same question twice. So the threshold favours precision.

Example usage::

    python bench/grouping.py
    python bench/grouping.py --thresholds 0.6,0.7,0.8 --json
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from itertools import combinations
from pathlib import Path

import numpy as np

if __package__ in (None, ""):
    sys.path[0] = str(Path(__file__).resolve().parent.parent)
    __package__ = "bench"

from assistant.summary import GROUP_THRESHOLD, Encode, cluster

ROOT = Path(__file__).resolve().parent.parent
PAIRS = ROOT / "eval" / "grouping.jsonl"
THRESHOLDS = (0.6, 0.65, 0.7, 0.725, 0.75, 0.775, 0.8, 0.85)


@dataclass(frozen=True)
class Row:
    threshold: float
    pairs_joined: int  # paraphrase pairs at or over the threshold
    pairs_wrongly_joined: int  # different pairs at or over it
    precision: float  # of the pairs the grouping put together, the share that are paraphrases
    recall: float  # of the paraphrase pairs, the share the grouping put together
    wrong_joins: int


def load_pairs(path: Path = PAIRS) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def measure(encode: Encode, pairs: Sequence[dict], thresholds: Sequence[float] = THRESHOLDS) -> list[Row]:
    a = encode([p["a"] for p in pairs])
    b = encode([p["b"] for p in pairs])
    cosines = (a * b).sum(axis=1)
    same = np.array([bool(p["same"]) for p in pairs])
    texts = list(dict.fromkeys(t for p in pairs for t in (p["a"], p["b"])))
    truth = {frozenset((p["a"], p["b"])) for p in pairs if p["same"]}
    rows = []
    for t in thresholds:
        groups = _groups(texts, encode, t)
        grouped = {frozenset(pair) for members in groups for pair in combinations(members, 2)}
        right = len(grouped & truth)
        rows.append(Row(t, int(((cosines >= t) & same).sum()), int(((cosines >= t) & ~same).sum()),
                        right / len(grouped) if grouped else 1.0, right / len(truth), len(grouped - truth)))
    return rows


def _groups(texts: list[str], encode: Encode, threshold: float) -> list[list[str]]:
    """The texts the summary's clustering puts together."""
    members: dict[int, list[str]] = {}
    for text, label in zip(texts, cluster(encode(texts), threshold)):
        members.setdefault(int(label), []).append(text)
    return list(members.values())


def format_rows(rows: Sequence[Row], pairs: Sequence[dict]) -> str:
    same = sum(1 for p in pairs if p["same"])
    lines = [f"{same} paraphrase pairs, {len(pairs) - same} pairs of different questions; "
             f"chosen threshold {GROUP_THRESHOLD}",
             "threshold  paraphrases joined  different joined  grouping precision  recall  wrong joins"]
    for r in rows:
        mark = "  <- chosen" if abs(r.threshold - GROUP_THRESHOLD) < 1e-9 else ""
        lines.append(f"{r.threshold:9.3f}  {r.pairs_joined:>10}/{same:<7}  {r.pairs_wrongly_joined:>8}/{len(pairs) - same:<7}"
                     f"  {r.precision:18.3f}  {r.recall:6.3f}  {r.wrong_joins:>11}{mark}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--thresholds", help="comma-separated cosine thresholds")
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args(argv)
    thresholds = tuple(float(t) for t in args.thresholds.split(",")) if args.thresholds else THRESHOLDS
    from assistant.embedding import SentenceTransformerEmbedder

    pairs = load_pairs()
    rows = measure(SentenceTransformerEmbedder().encode, pairs, thresholds)
    print(json.dumps([asdict(r) for r in rows], indent=2) if args.json else format_rows(rows, pairs))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
