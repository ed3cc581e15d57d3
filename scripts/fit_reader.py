"""Fit the reader's feature weights on the test split (never holdout or blind).

For every test question with judged phrases, the passages the reader considers are labelled 1
when what the answer would quote with them as lead (the passage, with the sentence before it
when it leans on that one and the next when that one qualifies it) holds a judged phrase, and 0
otherwise; a listwise logistic model (conditional logit) over the
features in ``assistant/reader.py`` gives the weights that choose an answer's lead. With
``--objective search`` a passage is labelled by its own text (a search hit is judged by the
chunk's text): the weights that order search results. Prints them (to paste into ``WEIGHTS`` or
``SEARCH_WEIGHTS``) and the share of questions whose best-scored passage is labelled 1, before
and after, and a 5-fold cross-validated share.

    python scripts/fit_reader.py                      # WEIGHTS (needs SciPy, installed with sentence-transformers)
    python scripts/fit_reader.py --objective search   # SEARCH_WEIGHTS
"""

from __future__ import annotations

import argparse

import numpy as np

from assistant import Assistant, reader
from assistant.evaluation import load_eval_set
from assistant.evaluation.metrics import contains


def candidates(bot: Assistant, query) -> list[reader.Candidate]:
    """The reader's scored candidates for one eval question, as ``ask`` reaches them."""
    turns = [(t["role"], t["content"]) for t in query.history]
    text, results, _ = bot._retrieve_for(query.text, turns)
    if not results:
        return []
    asked = bot._analyse(query.text, text)
    return bot._read(asked, bot.retriever.embed(text), results)


def quoted(bot: Assistant, candidate: reader.Candidate) -> str:
    """What the answer quotes when this passage leads (``reader.quoted_with``)."""
    key = (candidate.position, candidate.index)
    return " ".join(p.text for p in reader.quoted_with(candidate, bot._previous.get(key), bot._next.get(key)))


def lead_hits(groups, weights: dict[str, float]) -> float:
    hits = 0
    for cands, labels in groups:
        scores = [sum(weights[f] * c.features[f] for f in reader.FEATURES) for c in cands]
        hits += labels[int(np.argmax(scores))]
    return hits / len(groups)


def listwise(groups, std: np.ndarray, c: float) -> np.ndarray:
    """Weights maximising, per question, the softmax probability of the passages holding a judged
    phrase among all its candidates (a conditional logit: the objective is ranking one of them
    first), with an L2 penalty 1/c on the standardised weights."""
    from scipy.optimize import minimize
    from scipy.special import logsumexp

    data = [(np.array([[c.features[f] for f in reader.FEATURES] for c in cands]) / std, np.array(labels, bool))
            for cands, labels in groups]

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        total, grad = 0.5 / c * float(w @ w), w / c
        for x, pos in data:
            s = x @ w
            p_all = np.exp(s - logsumexp(s))
            p_pos = np.exp(s[pos] - logsumexp(s[pos]))
            total += logsumexp(s) - logsumexp(s[pos])
            grad = grad + p_all @ x - p_pos @ x[pos]
        return total, grad

    return minimize(loss, np.zeros(len(reader.FEATURES)), jac=True, method="L-BFGS-B").x


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--c", type=float, default=1.0, help="inverse regularisation strength (default 1)")
    parser.add_argument("--objective", choices=("answer", "search"), default="answer",
                        help="answer: the lead's quote holds the phrase (WEIGHTS); search: the passage itself "
                             "does (SEARCH_WEIGHTS)")
    args = parser.parse_args()
    bot = Assistant.load(progress=False)
    data = load_eval_set(split="test")
    groups = []
    for q in data.queries:
        if not q.must_contain:
            continue
        cands = candidates(bot, q)
        texts = [quoted(bot, c) if args.objective == "answer" else c.passage.text for c in cands]
        labels = [int(any(contains(t, p) for p in q.must_contain)) for t in texts]
        if cands and any(labels):
            groups.append((cands, labels))
    x = np.array([[c.features[f] for f in reader.FEATURES] for cands, _ in groups for c in cands])
    std = x.std(axis=0) + 1e-9
    w = listwise(groups, std, args.c)
    fitted = {f: round(float(v / s), 3) for f, v, s in zip(reader.FEATURES, w, std)}
    print(f"{len(groups)} questions, {len(x)} passages")
    current = reader.WEIGHTS if args.objective == "answer" else reader.SEARCH_WEIGHTS
    print(f"best passage holds the phrase: current weights {lead_hits(groups, current):.3f}, "
          f"fitted {lead_hits(groups, fitted):.3f}")
    print("WEIGHTS =" if args.objective == "answer" else "SEARCH_WEIGHTS =", fitted)
    # 5-fold cross-validation over questions: how the fitted weights do on test questions they
    # were not fitted on (an honest estimate before holdout and blind are looked at).
    folds = [groups[i::5] for i in range(5)]
    held = []
    for i, fold in enumerate(folds):
        rest = [g for j, f in enumerate(folds) if j != i for g in f]
        w_fold = listwise(rest, std, args.c)
        held.append(lead_hits(fold, {f: v / s for f, v, s in zip(reader.FEATURES, w_fold, std)}) * len(fold))
    print(f"5-fold cross-validated: {sum(held) / len(groups):.3f}")


if __name__ == "__main__":
    main()
