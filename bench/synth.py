"""Large synthetic corpora: many Markdown articles of realistic sentences about running and back pain.

Sentences come from a small grammar (subjects, findings, advice, exercises, contexts, numbers),
so a corpus of any size has varied wording, shared vocabulary and topical sections, like a
clinic's article collection. Deterministic for a given seed.

Example usage::

    python -m bench.synth --chunks 10000 --out /tmp/corpus-10k
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Sequence
from pathlib import Path

TOPICS = [
    "Lower Back Pain", "Hamstring Flexibility", "Core Stability", "Running Shoes", "Posture at the Desk",
    "Hip Flexor Tightness", "Glute Strength", "Warming Up", "Cooling Down", "Hill Running", "Trail Running",
    "Marathon Training", "Returning After Injury", "Sciatica", "Stretching Routines", "Running Form",
    "Cadence and Stride", "Rest and Recovery", "Cross Training", "Sleep and Pain", "Running Surfaces",
    "Strength Training", "Pilates for Runners", "Yoga for Runners", "Foam Rolling", "Pain Relief",
]
AUDIENCES = ["Beginners", "Older Runners", "Trail Runners", "Marathoners", "Desk Workers", "Parents",
             "Sprinters", "New Mothers", "Triathletes", "Weekend Joggers"]
SUBJECTS = ["Many runners", "New runners", "Older runners", "Physiotherapists", "Most coaches", "Trail runners",
            "People who sit all day", "Marathon runners", "Sports doctors", "Some patients", "Experienced runners"]
FINDINGS = ["report stiffness in the lower back", "notice a dull ache after long runs", "feel tightness in the hips",
            "describe pain that eases once they warm up", "find that the pain moves into the buttock",
            "recover faster with gentle movement", "benefit from a stronger core", "overlook weak glute muscles",
            "increase their mileage too quickly", "run with a forward lean", "land heavily on their heels"]
CAUSES = ["tight hamstrings", "weak abdominal muscles", "a sudden jump in weekly distance", "worn-out shoes",
          "long hours of sitting", "poor sleep", "overstriding", "running on a cambered road", "a stiff thoracic spine",
          "tight hip flexors", "dehydration", "skipping the warm-up", "lifting with a rounded back"]
EXERCISES = ["the knee to chest stretch", "a glute bridge", "the bird dog", "a side plank", "the cat-cow stretch",
             "a dead bug", "the child's pose", "a hamstring stretch with a strap", "a figure four stretch",
             "the pelvic tilt", "a clamshell", "a forearm plank", "the hip flexor lunge stretch"]
CONTEXTS = ["after long runs", "on hilly routes", "during the first weeks of training", "on concrete pavements",
            "in cold weather", "the morning after a race", "when the pace picks up", "on steep descents",
            "after a day at the desk", "during speed sessions", "on uneven trails"]
ADVICE = ["reduce your weekly distance by a third", "run on softer surfaces such as grass", "shorten your stride",
          "replace your shoes every 500 to 800 kilometres", "add two strength sessions a week",
          "walk for five minutes before you run", "keep your shoulders relaxed", "look ahead rather than down",
          "take a rest day after hard sessions", "see a physiotherapist if the pain lasts more than two weeks",
          "use a heat pack before stretching", "keep a simple pain diary"]


class SentenceMaker:
    """Realistic, varied sentences from a fixed grammar."""

    def __init__(self, seed: int = 0) -> None:
        self.rng = random.Random(seed)

    def pick(self, options: Sequence[str]) -> str:
        return options[self.rng.randrange(len(options))]

    def sentence(self) -> str:
        r, p = self.rng, self.pick
        form = r.randrange(7)
        if form == 0:
            return f"{p(SUBJECTS)} {p(FINDINGS)} {p(CONTEXTS)}."
        if form == 1:
            return f"Pain of this kind is often linked to {p(CAUSES)} and {p(CAUSES)}."
        if form == 2:
            return f"Hold {p(EXERCISES)} for {r.choice([15, 20, 30, 45, 60])} seconds and repeat it {r.choice([3, 5, 8, 10])} times."
        if form == 3:
            return f"If your back hurts {p(CONTEXTS)}, {p(ADVICE)}."
        if form == 4:
            return f"A study of {r.randint(40, 900)} runners found that {p(CAUSES)} doubled the risk of pain {p(CONTEXTS)}."
        if form == 5:
            return f"{p(SUBJECTS)} recommend {p(EXERCISES)} because it eases {p(CAUSES)}."
        return f"To protect your spine, {p(ADVICE)} and try {p(EXERCISES)} {p(CONTEXTS)}."

    def paragraph(self, sentences: int) -> str:
        return " ".join(self.sentence() for _ in range(sentences))

    def article(self, number: int) -> str:
        r = self.rng
        title = f"{self.pick(TOPICS)} for {self.pick(AUDIENCES)} ({number})"
        parts = [f"---\ntitle: {title}\nsource: synthetic (bench/synth.py)\n---\n", f"# {title}\n",
                 self.paragraph(r.randint(2, 4)) + "\n"]
        for _ in range(r.randint(4, 7)):
            parts.append(f"## {self.pick(TOPICS)} {self.pick(CONTEXTS)}\n")
            for _ in range(r.randint(1, 3)):
                parts.append(self.paragraph(r.randint(3, 6)) + "\n")
            if r.random() < 0.4:
                parts.append("Try these steps:\n")
                parts.append("\n".join(f"{i}. {self.sentence()}" for i in range(1, r.randint(3, 6))) + "\n")
        return "\n".join(parts)


def estimate_articles(chunks: int) -> int:
    """Articles needed for about ``chunks`` chunks (measured: ~18.5 chunks per article on average)."""
    return max(1, round(chunks / 18.5))


def write_corpus(folder: Path, articles: int, seed: int = 0, per_folder: int = 1000) -> list[Path]:
    """Write ``articles`` Markdown files under ``folder`` (sub-folders of ``per_folder`` files)."""
    maker = SentenceMaker(seed)
    paths = []
    for n in range(articles):
        path = folder / f"part-{n // per_folder:04d}" / f"article-{n:07d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(maker.article(n), "utf-8")
        paths.append(path)
    return paths


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--chunks", type=int, required=True, help="approximate number of chunks wanted")
    parser.add_argument("--out", type=Path, required=True, help="folder to write the Markdown files to")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    paths = write_corpus(args.out, estimate_articles(args.chunks), args.seed)
    print(f"wrote {len(paths):,} articles to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
