"""Answer stage: build a short, extractive answer whose every sentence cites its section.

No language model writes anything here: each sentence of an answer is a passage of the corpus,
quoted verbatim (only whitespace normalised), followed by a ``[n]`` marker whose citation
names the section that contains it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from .chunking import split_sentences
from .reader import Quote
from .safety import RedFlag
from .small_talk import Kind

Status = Literal["answered", "out_of_scope", "urgent", "small_talk", "invalid_input"]
STATUSES: tuple[str, ...] = ("answered", "out_of_scope", "urgent", "small_talk", "invalid_input")

SEE_A_CLINICIAN = "If your pain is severe, getting worse or not improving, see a doctor or physiotherapist."
DISCLAIMER = f"_This is general information from the articles, not a diagnosis. {SEE_A_CLINICIAN}_"
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
# For a red flag asked about as a thing to know, not reported ("is numbness in the groin a warning sign?").
WARNING_SIGN_NOTE = {
    "emergency": ("**Good to know:** {symptoms} is a warning sign that needs emergency "
                  "care: if it happens to you, call your local emergency number (999 in the UK, 911 in the US, 112 "
                  "in the EU) or go to the nearest emergency department."),
    "urgent": ("**Good to know:** {symptoms} is a warning sign that a doctor should check "
               "the same day: if it happens to you, contact your GP or doctor, or call 111 in the UK (or your "
               "local urgent-care line)."),
}
# For a question whether or when to see a clinician ("should I see a doctor?"): when, from the
# red-flag guidance the product follows (``shared/notes/red-flags.md``), not from the articles.
CLINICIAN_NOTE = (
    "**When to see someone:** see a doctor or physiotherapist if your pain is severe, getting worse or not "
    "improving after a few weeks. See a doctor the same day if back pain comes with a fever, weight loss you "
    "can't explain, pain at night that rest does not ease, a new lump or a change in the shape of your back, "
    "pain between the shoulder blades, a history of cancer, or if you are over 50 and it is new. Call your "
    "emergency number now if it comes with numbness around the groin or buttocks, new trouble controlling "
    "your bladder or bowels, weakness or numbness in both legs, chest pain, or after a serious fall or accident."
)
SOURCES_HEADING = "**Sources**"
# Before the passages of an answer to a question that names something the articles never mention
# ("Does foam rolling help?"): what follows is the closest they come, not an answer about it.
UNMENTIONED_NOTE = "_The articles never mention {things}; these are the passages closest to your question._"


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


def compose(question: str, quotes: list[Quote], link_template: str, doc_paths: dict[str, str],
            preface: str = "", red_flags: tuple[RedFlag, ...] = (), note: str = "") -> Answer:
    """Markdown with a ``[n]`` after every quoted sentence, then the sources, a ``note`` (what a
    warning sign asked about calls for: not a quote, so after them) and the disclaimer."""
    citations: list[Citation] = []
    lines: list[str] = []
    paragraph: list[str] = []
    for n, quote in enumerate(quotes, start=1):
        citations.append(Citation(n, quote.chunk.document, quote.chunk.section, quote.chunk.anchor, quote.text))
        cited = cite_sentences(quote.text, n, quote.marks)
        first = quote.passages[0]
        if len(quote.passages) == 1 and first.kind == "item" and first.list_id is not None:
            if paragraph:
                lines.append(" ".join(paragraph))
                paragraph = []
            lines.append(f"{first.marker or '-'} {cited}")
        else:
            paragraph.append(cited)
    if paragraph:
        lines.append(" ".join(paragraph))
    body = _join_blocks(lines)
    sources = _sources(citations, link_template, doc_paths)
    parts = [p for p in (preface, body, sources, note, DISCLAIMER) if p]
    status: Status = "urgent" if red_flags else "answered"
    return Answer(question, status, "\n\n".join(parts), tuple(citations), red_flags)


def cite_sentences(text: str, n: int, marks: tuple[tuple[int, int], ...] = ()) -> str:
    """``text`` with ``[n]`` after each of its sentences, and the ``marks`` spans in bold.

    The words stay the quote's own: only emphasis and markers are added around them.
    """
    out, cursor = [], 0
    for sentence in split_sentences(text) or [text]:
        start = text.find(sentence, cursor)
        if start < 0:  # pysbd normalised something: fall back to one marker for the rest
            out.append(f"{_embolden(text[cursor:], [(a - cursor, b - cursor) for a, b in marks]).strip()} [{n}]")
            break
        end = start + len(sentence)
        inside = [(max(a, start) - start, min(b, end) - start) for a, b in marks if a < end and b > start]
        out.append(f"{_embolden(sentence, inside)} [{n}]")
        cursor = end
    return " ".join(out)


def _embolden(text: str, spans: list[tuple[int, int]]) -> str:
    pieces, cursor = [], 0
    for a, b in sorted(spans):
        if a < cursor or a >= b or a < 0:
            continue
        pieces += [text[cursor:a], f"**{text[a:b]}**"]
        cursor = b
    pieces.append(text[cursor:])
    return "".join(pieces)


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
    """An answer's text without its Sources list, for interfaces that show sources separately;
    what follows the list (a note, the disclaimer) stays."""
    blocks = text.split("\n\n")
    if SOURCES_HEADING not in blocks:
        return text
    at = blocks.index(SOURCES_HEADING)
    return "\n\n".join(blocks[:at] + blocks[at + 2:])


def red_flag_reply(question: str, flags: tuple[RedFlag, ...]) -> str:
    symptoms = _join_words([f.label for f in flags])
    template = EMERGENCY_REPLY if any(f.tier == "emergency" for f in flags) else URGENT_REPLY
    return template.format(symptoms=symptoms)


def unmentioned_note(phrases: tuple[str, ...]) -> str:
    """The note that the articles never mention ``phrases`` (the question's own words), or ""."""
    if not phrases:
        return ""
    quoted = [f"“{p}”" for p in phrases]
    things = quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} or {quoted[-1]}"
    return UNMENTIONED_NOTE.format(things=things)


def is_unmentioned_note(line: str) -> bool:
    """Whether one line of an answer's text is the note of :func:`unmentioned_note` (for the eval,
    which reads answers as JSON)."""
    head, _, tail = UNMENTIONED_NOTE.partition("{things}")
    return line.startswith(head) and line.endswith(tail)


def warning_sign_note(flags: tuple[RedFlag, ...]) -> str:
    """What the warning signs a question asks about call for (``RedFlagDetector.asked_about``),
    one line per tier, emergency first; empty for none."""
    tiers = [t for t in ("emergency", "urgent") if any(f.tier == t for f in flags)]
    return "\n\n".join(WARNING_SIGN_NOTE[t].format(symptoms=_with_back_pain(_capitalised(_join_words(
        [f.label for f in flags if f.tier == t])))) for t in tiers)


def _with_back_pain(symptoms: str) -> str:
    """``symptoms`` with "together with back pain", unless a label already says it ("chest pain
    together with the back pain")."""
    return symptoms if "back pain" in symptoms else f"{symptoms} together with back pain"


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def out_of_scope(question: str, topics: list[str], suggestions: tuple[str, ...], note: str = "",
                 in_pain: bool = False) -> Answer:
    """The "not covered" reply: a ``note`` first (what a warning sign asked about calls for), what
    the articles cover, questions to ask, and, to someone who tells of pain (``in_pain``: "I'm in
    agony"), when to see a doctor or physiotherapist."""
    sorry = "Sorry, the articles I answer from don't cover that, so I can't give you a reliable answer."
    lines = [*([note] if note else []), f"{sorry} {SEE_A_CLINICIAN}" if in_pain and not note else sorry,
             f"I can help with what they do cover: {_join_words(topics)}."]
    if suggestions:
        lines.append(_suggested(suggestions))
    return Answer(question, "out_of_scope", "\n\n".join(lines), (), (), suggestions)


MAX_ARTICLES_LISTED = 20  # a reply about the sources lists this many articles, then says how many more

# The reply to a message that asks nothing (``small_talk.py``), by its kind.
SMALL_TALK_REPLY: dict[Kind, str] = {
    "sources": "I answer only from the articles below, quoting them word for word, and every sentence I quote "
               "links to the section it comes from. I add nothing of my own, and I can't vouch for the articles "
               "beyond what they say: I'm not a doctor.",
    "about": "I answer questions from the articles here, quoting them, and every sentence shows the section it "
             "comes from. I'm not a doctor: I can't examine you or tell you what is wrong, and if your pain is severe, "
             "getting worse or not improving, see a doctor or physiotherapist. The articles cover {topics}.",
    "greeting": "Hello! I answer questions from the articles here, and every sentence shows the section it comes "
                "from. They cover {topics}.",
    "thanks": "You're welcome. Ask me anything else the articles cover.",
    "acknowledgement": "Anything else you'd like to know? Ask me anything the articles cover.",
    "farewell": "Take care. " + SEE_A_CLINICIAN,
}


def small_talk(question: str, kind: Kind, topics: list[str], suggestions: tuple[str, ...],
               articles: tuple[str, ...] = ()) -> Answer:
    """The reply to a greeting, thanks, an "ok", a goodbye or a question about the assistant itself:
    what the articles cover, and (for a greeting or a question about the assistant) questions to start
    with; to a question about its sources, the ``articles`` (Markdown links). Nothing is quoted, so
    nothing is cited."""
    lines = [SMALL_TALK_REPLY[kind].format(topics=_join_words(topics))]
    if kind == "sources":
        lines.append(_listed(articles))
    shown = suggestions if kind in ("greeting", "about") else ()
    if shown:
        lines.append(_suggested(shown))
    return Answer(question, "small_talk", "\n\n".join(lines), (), (), shown)


def _suggested(questions: tuple[str, ...]) -> str:
    """Questions to start with, as a list under "You could ask, for example:"."""
    return "You could ask, for example:\n\n" + "\n".join(f"- {q}" for q in questions)


def _listed(articles: tuple[str, ...]) -> str:
    """The articles as a list, at most ``MAX_ARTICLES_LISTED`` of them and how many more."""
    shown = [f"- {a}" for a in articles[:MAX_ARTICLES_LISTED]]
    if len(articles) > MAX_ARTICLES_LISTED:
        shown.append(f"- and {len(articles) - MAX_ARTICLES_LISTED} more")
    return "\n".join(shown)


def invalid(question: str, message: str) -> Answer:
    return Answer(question, "invalid_input", message)


def _join_words(words: list[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]
