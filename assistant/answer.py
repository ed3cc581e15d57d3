"""Answer stage: build a short, extractive answer whose every sentence cites its section.

No language model writes anything here: each sentence of an answer is a passage of the corpus,
quoted verbatim (only whitespace normalised), followed by a ``[n]`` marker whose citation
names the section that contains it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Literal

import numpy as np

from .chunking import Chunk, Passage
from .lexical import terms
from .safety import RedFlag

Status = Literal["answered", "out_of_scope", "urgent", "invalid_input"]
STATUSES: tuple[str, ...] = ("answered", "out_of_scope", "urgent", "invalid_input")

DISCLAIMER = (
    "_This is general information from the articles, not a diagnosis. If your pain is severe, "
    "getting worse or not improving, see a doctor or physiotherapist._"
)
EMERGENCY_REPLY = (
    "**This could be a medical emergency. Call your local emergency number now (999 in the UK, "
    "911 in the US, 112 in the EU) or go to the nearest emergency department.**\n\n"
    "You mentioned {symptoms}. Together with back pain this needs to be checked by a doctor "
    "straight away; do not wait to see if it settles, and do not try to treat it yourself."
)
URGENT_REPLY = (
    "**Please see a doctor today.** You mentioned {symptoms}. With back pain this should be "
    "checked the same day: contact your GP or doctor, or call 111 in the UK (or your local "
    "urgent-care line). If it gets worse, or you notice numbness around the groin, trouble "
    "controlling your bladder or bowels, or weakness in both legs, call your emergency number."
)
SOURCES_HEADING = "**Sources**"
LIST_CUES = re.compile(
    r"\b(?:stretches|exercises|ways|tips|steps|things|options|moves|list|examples|which (?:stretches|exercises)"
    r"|what (?:\w+ ){0,3}(?:can|should|could) i do)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Citation:
    """Where one quoted sentence of an answer comes from."""

    n: int
    document: str
    section: str
    anchor: str
    quote: str

    def to_dict(self) -> dict[str, object]:
        return {"n": self.n, "document": self.document, "section": self.section,
                "anchor": self.anchor, "quote": self.quote}


@dataclass(frozen=True)
class Answer:
    """A reply to one question. ``to_dict`` is the JSON of the CLI and the HTTP API."""

    question: str
    status: Status
    answer: str
    citations: tuple[Citation, ...] = ()
    # For interfaces only (not part of the JSON): the red flags found and questions to suggest.
    red_flags: tuple[RedFlag, ...] = ()
    suggestions: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, object]:
        return {
            "question": self.question,
            "status": self.status,
            "answer": self.answer,
            "citations": [c.to_dict() for c in self.citations],
        }


@dataclass(frozen=True)
class Quote:
    """A passage chosen for an answer, with the chunk it belongs to."""

    chunk: Chunk
    passage: Passage
    score: float


def wants_list(question: str) -> bool:
    return bool(LIST_CUES.search(question))


def score_passages(question: str, q_vec: np.ndarray, chunks: list[tuple[int, Chunk, float]],
                   passage_vectors: np.ndarray, offsets: np.ndarray) -> list[tuple[Quote, np.ndarray]]:
    """Every passage of the given chunks scored against the question.

    The score is the passage's own cosine similarity, nudged up by the share of the question's
    content words it contains and by its chunk's similarity (context the passage lacks alone).
    """
    q_terms = terms(question)
    scored = []
    for position, chunk, chunk_cos in chunks:
        vectors = passage_vectors[offsets[position]:offsets[position + 1]]
        for passage, vector in zip(chunk.passages, vectors):
            overlap = len(q_terms & terms(passage.text)) / len(q_terms) if q_terms else 0.0
            score = float(vector @ q_vec) + 0.15 * overlap + 0.2 * chunk_cos
            scored.append((Quote(chunk, passage, score), vector))
    scored.sort(key=lambda item: -item[0].score)
    return scored


def select_quotes(scored: list[tuple[Quote, np.ndarray]], lead: tuple[Quote, np.ndarray],
                  max_quotes: int, max_chars: int, margin: float = 0.12,
                  duplicate_cos: float = 0.9) -> list[Quote]:
    """``lead`` first, then the best other passages: close to the best score, no near-duplicates,
    within the length budget (the lead counts towards it)."""
    best = scored[0][0].score
    chosen = [lead]
    size = len(lead[0].passage.text)
    for quote, vector in scored:
        if len(chosen) >= max_quotes or quote.score < best - margin:
            break
        if any(float(vector @ v) >= duplicate_cos for _, v in chosen):
            continue  # also skips the lead itself
        if size + len(quote.passage.text) > max_chars:
            continue
        chosen.append((quote, vector))
        size += len(quote.passage.text)
    # Lead with the most direct sentence; the rest read best in the article's own order.
    rest = sorted((q for q, _ in chosen[1:]), key=lambda q: (q.chunk.document, q.passage.start))
    return [lead[0], *rest]


def list_quotes(best: Quote, section_chunks: Iterable[Chunk]) -> list[Quote] | None:
    """The whole list (and its lead-in sentence) of the best passage's section, if it has one."""
    passages = [(c, p) for c in section_chunks for p in c.passages]
    list_ids = [p.list_id for _, p in passages if p.list_id is not None]
    if not list_ids:
        return None
    wanted = best.passage.list_id if best.passage.list_id is not None else list_ids[0]
    items = [i for i, (_, p) in enumerate(passages) if p.list_id == wanted and p.kind == "item"]
    if not items:
        return None
    chosen = [passages[i] for i in items]
    lead = passages[items[0] - 1] if items[0] > 0 else None
    if lead and lead[1].kind == "sentence" and lead[1].text.rstrip().endswith(":"):
        chosen.insert(0, lead)
    return [Quote(c, p, best.score) for c, p in chosen]


def compose(question: str, quotes: list[Quote], link_template: str, doc_paths: dict[str, str],
            preface: str = "", red_flags: tuple[RedFlag, ...] = ()) -> Answer:
    """Markdown with a ``[n]`` after every quote, then the sources and the disclaimer."""
    citations: list[Citation] = []
    lines: list[str] = []
    paragraph: list[str] = []
    for n, quote in enumerate(quotes, start=1):
        citations.append(Citation(n, quote.chunk.document, quote.chunk.section, quote.chunk.anchor,
                                  quote.passage.text))
        if quote.passage.kind == "item" and quote.passage.list_id is not None:
            if paragraph:
                lines.append(" ".join(paragraph))
                paragraph = []
            marker = quote.passage.marker or "-"
            lines.append(f"{marker} {quote.passage.text} [{n}]")
        else:
            paragraph.append(f"{quote.passage.text} [{n}]")
    if paragraph:
        lines.append(" ".join(paragraph))
    body = _join_blocks(lines)
    sources = _sources(citations, link_template, doc_paths)
    parts = [p for p in (preface, body, sources, DISCLAIMER) if p]
    status: Status = "urgent" if red_flags else "answered"
    return Answer(question, status, "\n\n".join(parts), tuple(citations), red_flags)


def _join_blocks(lines: list[str]) -> str:
    """List items on consecutive lines, paragraphs separated by a blank line."""
    out: list[str] = []
    for line in lines:
        is_item = bool(re.match(r"^(?:\d+[.)]|[-*+]) ", line))
        if out and not (is_item and re.match(r"^(?:\d+[.)]|[-*+]) ", out[-1].split("\n")[-1])):
            out.append("")
        out.append(line)
    return "\n".join(out).replace("\n\n\n", "\n\n")


def _sources(citations: list[Citation], link_template: str, doc_paths: dict[str, str]) -> str:
    grouped: dict[tuple[str, str], list[Citation]] = {}
    for c in citations:
        grouped.setdefault((c.document, c.anchor), []).append(c)
    lines = [SOURCES_HEADING, ""]
    for (document, anchor), cites in grouped.items():
        marks = "".join(f"[{c.n}]" for c in cites)
        link = link_template.format(document=document, anchor=anchor, path=doc_paths.get(document, document))
        lines.append(f"- {marks} [{cites[0].section}]({link})")
    return "\n".join(lines) if citations else ""


def without_sources(text: str) -> str:
    """An answer's text without its Sources list, for interfaces that show sources separately."""
    head, found, tail = text.partition(f"\n\n{SOURCES_HEADING}\n\n")
    if not found:
        return text
    _, found, rest = tail.partition(f"\n\n{DISCLAIMER}")
    return f"{head}\n\n{DISCLAIMER}{rest}" if found else head


def red_flag_reply(question: str, flags: tuple[RedFlag, ...]) -> str:
    symptoms = _join_words([f.label for f in flags])
    template = EMERGENCY_REPLY if any(f.tier == "emergency" for f in flags) else URGENT_REPLY
    return template.format(symptoms=symptoms)


def out_of_scope(question: str, topics: list[str], suggestions: tuple[str, ...]) -> Answer:
    lines = [
        "Sorry, the articles I answer from don't cover that, so I can't give you a reliable answer.",
        f"I can help with what they do cover: {_join_words(topics)}.",
    ]
    if suggestions:
        lines.append("You could ask, for example:\n\n" + "\n".join(f"- {q}" for q in suggestions))
    return Answer(question, "out_of_scope", "\n\n".join(lines), (), (), suggestions)


def invalid(question: str, message: str) -> Answer:
    return Answer(question, "invalid_input", message)


def _join_words(words: list[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]
