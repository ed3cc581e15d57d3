"""Example questions for a new article, taken from its headings, title and first sentences.

Candidates are written the way people ask ("How to do the bird dog" -> "How do I do the bird
dog?"); :func:`answerable` then keeps only those the assistant really answers from that
article (status ``answered``, first citation in it), so the questions printed after ``add``
and offered in the chat are ones that work.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from ..corpus import Document
from ..chunking import split_sentences

PLURAL_TOPICS = ("signs", "symptoms", "causes", "benefits", "risks", "types", "tips", "ways", "rules",
                 "mistakes", "exercises", "stretches", "steps", "options")
AUXILIARIES = ("is", "are", "can", "should", "may", "will", "could")
RELATIVES = ("that", "which", "who", "whom", "whose", "when", "if", "because", "while", "where")


def _lower_first(text: str) -> str:
    """As the words read inside a sentence: a Title Case heading in lower case (acronyms kept),
    otherwise only the first letter lowered, unless the first word is an acronym or a name."""
    words = text.split(" ")
    long_words = [w for w in words if len(w) > 3 and w[:1].isalpha()]
    if len(long_words) >= 2 and sum(w[:1].isupper() for w in long_words) >= 0.66 * len(long_words):
        return " ".join(w if len(w) > 1 and w.isupper() else w.lower() for w in words)
    first = words[0]
    if len(first) > 1 and (first.isupper() or any(ch.isupper() for ch in first[1:])):
        return text
    return text[:1].lower() + text[1:]


def _topic(title: str) -> str:
    """The subject of a title: the part before a colon or dash ("Bird Dog and Dead Bug: Two Core
    Exercises..." -> "bird dog and dead bug")."""
    head = re.split(r"\s*(?::|\s[-\u2013\u2014|]\s)\s*", title, maxsplit=1)[0]
    return _lower_first(head.strip())


def from_heading(heading: str) -> str | None:
    """A question a heading promises to answer, or None for a heading that makes no question."""
    h = " ".join(heading.split()).strip(" .:;-\u2013\u2014")
    if not h or len(h.split()) > 14:
        return None
    if h.endswith("?"):
        return h
    if m := re.match(r"(?i)^how\s+(often|long|much|many|far|fast|soon|hard)\s+to\s+(.+)$", h):
        return f"How {m.group(1).lower()} should I {m.group(2)}?"
    if m := re.match(r"(?i)^how\s+to\s+(.+)$", h):
        return f"How do I {m.group(1)}?"
    if m := re.match(r"(?i)^(when|where|what|which|why)\s+to\s+(.+)$", h):
        return f"{m.group(1).capitalize()} should I {m.group(2)}?"
    if m := re.match(r"(?i)^(why|how)\s+(.+\s)?(\w+?[^s])s$", h):
        # "Why the deep core matters" -> "Why does the deep core matter?"
        return f"{m.group(1).capitalize()} does {(m.group(2) or '').strip()} {m.group(3)}?".replace("  ", " ")
    if re.match(r"(?i)^(how|why|can|should|is|are|do|does)\b", h):
        first, _, rest = h.partition(" ")
        return f"{first.capitalize()} {_lower_first(rest)}?" if rest else None
    first = h.split()[0].lower()
    if first in PLURAL_TOPICS:
        return f"What are the {_lower_first(h)}?"
    return f"What should I know about {_lower_first(h)}?"


def from_sentence(sentence: str) -> str | None:
    """A yes/no question from a short statement whose short subject is followed by an auxiliary
    verb ("Side planks can help runners." -> "Can side planks help runners?"), or None."""
    words = sentence.rstrip(".!").split()
    if not 4 <= len(words) <= 14 or sentence.endswith("?"):
        return None
    for i, word in enumerate(words[1:6], start=1):
        if word.lower() in AUXILIARIES:
            subject = words[:i]
            rest = words[i + 1:]
            if any(w.lower().strip(",") in RELATIVES for w in subject) or re.search(r"[,;:()]", " ".join(subject)) \
                    or (rest and rest[0].lower() in ("not", "never", "no")):
                return None
            return f"{word.capitalize()} {_lower_first(' '.join(subject))} {' '.join(rest)}?"
    return None


def candidates(document: Document) -> list[str]:
    """Candidate questions in order of preference: headings, first sentences, the title, then the
    headings' questions again with the title's topic in front."""
    found: list[str | None] = []
    from_headings = [from_heading(s.title_path[-1]) for s in document.sections if len(s.title_path) > 1]
    found.extend(from_headings)
    for section in document.sections:
        first = next((b.text for b in section.blocks if b.kind == "paragraph"), None)
        if first:
            found.extend(from_sentence(s) for s in split_sentences(first)[:1])
    topic = _topic(document.title)
    if topic:
        found.append(f"What should I know about {topic}?")
        # A heading's question can be too short to find its article ("How often should I train?"):
        # the same question with the article's topic in front.
        topic_words = {w for w in re.findall(r"\w+", topic.casefold()) if len(w) > 3}
        found.extend(f"{topic[:1].upper()}{topic[1:]}: {q[:1].lower()}{q[1:]}" for q in from_headings
                     if q and not topic_words & set(re.findall(r"\w+", q.casefold())))
    return list(_unique(q for q in found if q))


def _unique(questions: Iterable[str]) -> Iterable[str]:
    seen: set[str] = set()
    for question in questions:
        key = re.sub(r"\W+", " ", question).casefold().strip()
        if key not in seen:
            seen.add(key)
            yield question


def answerable(document: Document, ask: Callable[[str], object], want: int = 3, tries: int = 16) -> tuple[str, ...]:
    """Up to ``want`` candidates that ``ask`` answers with a first citation in ``document``.

    ``ask`` is :meth:`Assistant.ask` (or anything returning an object with ``status`` and
    ``citations``).
    """
    chosen: list[str] = []
    for question in candidates(document)[:tries]:
        answer = ask(question)
        citations = getattr(answer, "citations", ())
        if getattr(answer, "status", None) == "answered" and citations and citations[0].document == document.id:
            chosen.append(question)
            if len(chosen) == want:
                break
    return tuple(chosen)
