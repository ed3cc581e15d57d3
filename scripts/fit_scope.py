"""Fit the scope model's weights on the test split (never holdout or blind).

In-scope questions and ordinary questions (``not_flagged``) are labelled answerable, the
out-of-scope questions not; a logistic regression over the features of ``assistant/scope.py``
gives the weights and bias, and the threshold is the highest probability cut that still answers
``--answered`` of the in-scope test questions (the ordinary ones, three times as many and most
of them close variants of each other, weigh in the fit at ``--ordinary-weight`` but do not set
the cut). Prints them, to paste into ``scope.py``.

    python scripts/fit_scope.py --answered 0.975

The weights in ``scope.py`` come from this command as it stands, with the missing words split
into things and the rest (docs/evaluation.md, "Near-topic refusal: what is missing, by kind").
A refit of the earlier features scored better on ``test`` and worse on every unseen split
("What was tried and left"): compare a refit on ``holdout`` and the blind sets' aggregates
before pasting it.
"""

from __future__ import annotations

import argparse

import numpy as np

from assistant import Assistant, scope
from assistant.evaluation import load_eval_set


def rows(bot: Assistant, split: str):
    data = load_eval_set(split=split)
    out = []
    for q in data.queries:
        turns = [(t["role"], t["content"]) for t in q.history]
        out.append((q.id, q.text, bot.scoped(q.text, turns)[2], 1))
    for c in data.not_flagged:
        out.append((c.id, c.text, bot.scoped(c.text)[2], 1))
    for c in data.out_of_scope:
        out.append((c.id, c.text, bot.scoped(c.text)[2], 0))
    return out


def _cut(p: np.ndarray, share: float) -> float:
    """The highest probability cut that still answers ``share`` of the questions scored ``p``."""
    return float(sorted(p)[int(np.floor((1 - share) * len(p)))])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--answered", type=float, default=0.975,
                        help="share of the in-scope test questions to answer")
    parser.add_argument("--c", type=float, default=1.0, help="inverse regularisation strength")
    parser.add_argument("--ordinary-weight", type=float, default=0.5,
                        help="weight of each ordinary (not_flagged) question against an in-scope one: test holds "
                             "more of them than of any other kind, most of them close variants of each other")
    parser.add_argument("--show", action="store_true", help="list the test questions on the wrong side")
    parser.add_argument("--thesaurus-off", action="store_true", help="fit as if the index had no thesaurus")
    args = parser.parse_args()
    from sklearn.linear_model import LogisticRegression

    bot = Assistant.load(progress=False)
    if args.thesaurus_off:
        bot.thesaurus = {}
    data = rows(bot, "test")
    x = np.array([[g.features[f] for f in scope.FEATURES] for _, _, g, _ in data])
    y = np.array([label for *_, label in data])
    mean, std = x.mean(axis=0), x.std(axis=0) + 1e-9
    ordinary = np.array([qid.startswith("nf") for qid, *_ in data])
    balance = np.where(y == 1, len(y) / (2 * y.sum()), len(y) / (2 * (len(y) - y.sum())))
    model = LogisticRegression(C=args.c, max_iter=2000).fit(
        (x - mean) / std, y, sample_weight=balance * np.where(ordinary, args.ordinary_weight, 1.0))
    weights = model.coef_[0] / std
    bias = float(model.intercept_[0] - (model.coef_[0] * mean / std).sum())
    p = 1 / (1 + np.exp(-(x @ weights + bias)))
    in_scope = (y == 1) & ~ordinary
    threshold = _cut(p[in_scope], args.answered)
    print("WEIGHTS =", {f: round(float(w), 3) for f, w in zip(scope.FEATURES, weights)})
    print(f"BIAS = {bias:.3f}")
    print(f"THRESHOLD = {threshold:.3f}")
    conf = x[:, list(scope.FEATURES).index("confidence")]
    print(f"confidence of answerable test questions: min {conf[y == 1].min():.3f}, "
          f"2nd percentile {np.percentile(conf[y == 1], 2):.3f}; of far/near out of scope: "
          f"median {np.median(conf[y == 0]):.3f}")
    print(f"test: in scope answered {(p[in_scope] >= threshold).mean():.3f}, ordinary answered "
          f"{(p[ordinary] >= threshold).mean():.3f}, out of scope refused {(p[y == 0] < threshold).mean():.3f}")
    if args.show:
        for (qid, text, g, label), prob in sorted(zip(data, p), key=lambda item: item[1]):
            if (prob >= threshold) != bool(label) or (label and prob < 0.5):
                print(f"  {qid} p={prob:.2f} label={label} missing={g.missing} grounded={g.grounded} :: {text}")


if __name__ == "__main__":
    main()
