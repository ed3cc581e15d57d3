"""Reader stage: pick the sentences that answer the question, the answering one first.

Retrieval finds the chunks about the question's topic; the reader ranks every passage of those
chunks by evidence that it *answers* the question, the way extractive QA readers do without a
trained model:

* its own similarity to the question, and its chunk's (context it lacks alone);
* how well each word of the question finds its match among the passage's words, in context
  (late interaction, ``tokens.py``): "normal" meets "common" where the pooled vectors blur it;
* how much of the question's focus it covers: the question's content words weighted by how
  specific they are in this corpus (words spread over most sections weigh nothing) and in
  English ("hold" in "how should I hold my body?" is rare in the article, which uses it for
  stretches, but common in English, where it means many things; "plank" is rare in both),
  matched by stem in the passage, its heading and, for a sentence that does not stand alone,
  the sentence before it;
* whether it holds the kind of answer the question asks for (a duration for *how long*, a
  measure for *how far*, one of the options of a *which* or *X or Y* question, ...);
* how generic it is (its similarity to the whole document): a sentence that merely restates the
  article's topic matches every question a little;
* whether it is a list item, for a question that asks for a list or a manner (or one that
  does not: an item quoted out of its list leans on the list);
* where retrieval ranked its chunk.

The weights were fitted once by logistic regression on the ``test`` split (passages holding
the judged phrase against the others; ``scripts/fit_reader.py``) and are fixed here. Then the
answer takes the best passage (with the sentence before it when it does not stand alone), and
up to three more by maximal marginal relevance (Carbonell and Goldstein 1998): relevant, not
repeating what is already quoted, within a length budget. List questions get the whole list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Sequence

import numpy as np

from .chunking import Chunk, Passage
from .lexical import stem, terms
from .lexicon import Lexicon, relative_specificity
from .question import Question, normalise
from .tokens import mean_best

# A sentence that opens like this leans on the one before it.
_ANAPHOR = re.compile(r"^(?:this|that|these|those|it|its|they|them|such|also|lastly|finally|however|but|"
                      r"on the contrary|in addition|another|then|so|thus|therefore|as a result|same)\b",
                      re.IGNORECASE)

# A sentence that qualifies the one before it, or refers back to it: quoted together with it.
_QUALIFIER = re.compile(r"^(?:this|that|these|those|it|they|such|however|but|on the contrary|yet|even so|as a result|"
                        r"therefore|thus)\b", re.IGNORECASE)
# "The neutral spine ...": a definite description whose words the sentence before names.
_DEFINITE = re.compile(r"^the (\w+)(?: (\w+))?", re.IGNORECASE)

FEATURES: tuple[str, ...] = ("cos_passage", "cos_residual", "cos_chunk", "chunk_rank", "cover", "cover_context",
                             "answer_type", "option", "anaphor", "lead_in", "generic", "list_item", "stray_item",
                             "late", "late_context")
# Fitted on the test split by scripts/fit_reader.py (listwise logistic regression, standardised
# features mapped back to raw units). Change them only with a new fit and a new measurement.
# WEIGHTS choose the lead of an answer: fitted on whether what the answer quotes with a passage as
# lead (with the sentence it leans on, and the one that qualifies it) holds the judged phrase.
# Refitted (both sets) when the focus words came to weigh by their specificity in English too.
WEIGHTS: dict[str, float] = {
    "cos_passage": -3.37, "cos_residual": 3.334, "cos_chunk": 7.637, "chunk_rank": 1.032, "cover": 0.579,
    "cover_context": 5.486, "answer_type": 0.732, "option": -0.371, "anaphor": -0.406, "lead_in": -3.841,
    "generic": -4.565, "list_item": 0.476, "stray_item": -1.422, "late": 3.008, "late_context": 18.351,
}
# SEARCH_WEIGHTS order search results (a chunk by its best passage): fitted on whether the passage
# itself holds the judged phrase, since a search hit is judged by the chunk's own text
# (``scripts/fit_reader.py --objective search``).
SEARCH_WEIGHTS: dict[str, float] = {
    "cos_passage": -4.164, "cos_residual": 2.774, "cos_chunk": 8.152, "chunk_rank": 1.061, "cover": 0.418,
    "cover_context": 4.91, "answer_type": 0.866, "option": -0.265, "anaphor": -0.848, "lead_in": -3.82,
    "generic": -4.658, "list_item": 0.236, "stray_item": -1.534, "late": 5.862, "late_context": 16.131,
}
MMR_LAMBDA = 0.7  # relevance against novelty when adding quotes after the lead
EXTRA_MARGIN = 3.0  # further quotes must score within this of the lead (swept on test: must_contain vs length)
DUPLICATE_COS = 0.9
_MANY = re.compile(r"\b(?:all|each|every|both)\b", re.IGNORECASE)  # a question about several items of a list


@dataclass(frozen=True)
class Candidate:
    """One passage of a retrieved chunk with its features and score."""

    chunk: Chunk
    index: int  # position of the passage in its chunk
    position: int  # row of the chunk in the index
    rank: int  # the chunk's rank in retrieval, from 1
    vector: np.ndarray = field(repr=False)
    features: dict[str, float] = field(default_factory=dict)
    score: float = 0.0

    @property
    def passage(self) -> Passage:
        return self.chunk.passages[self.index]


@dataclass(frozen=True)
class Quote:
    """Consecutive passages of one section quoted together (usually one passage), with the
    character spans of the answering words inside ``text`` (for emphasis)."""

    chunk: Chunk
    passages: tuple[Passage, ...]
    score: float
    marks: tuple[tuple[int, int], ...] = ()

    @property
    def text(self) -> str:
        return " ".join(p.text for p in self.passages)

    @property
    def passage(self) -> Passage:
        return self.passages[-1]


@dataclass(frozen=True)
class Pieces:
    """Each content word piece of the question (``tokens.py``): its best cosine with a word piece
    of one passage, of its heading, and of the sentence before it (None when it has none), as
    ``tokens.best_matches`` gives them; and how much each piece counts (``tokens.piece_weights``;
    None: all alike)."""

    passage: np.ndarray
    heading: np.ndarray
    previous: np.ndarray | None = None
    weights: np.ndarray | None = None


def typed_forms(text: str) -> dict[str, str]:
    """Each stem of ``text`` with the word it was typed as first ("stretching" for "stretch"):
    how specific a word is in English is read off a word, not a stem. A stem the text does not
    have (a follow-up's focus taken from the question before it, a corrected misspelling) is
    looked up as it is."""
    forms: dict[str, str] = {}
    for word in re.findall(r"[a-z]+", normalise(text)):
        forms.setdefault(stem(word), word)
    return forms


def late_features(pieces: Pieces | None, anaphoric: bool) -> dict[str, float]:
    """Word-by-word match of the question with the passage alone ("late"), and with its context
    ("late_context"): its heading, and the sentence before when it leans on that one, as for
    ``cover_context``."""
    if pieces is None:
        return {"late": 0.0, "late_context": 0.0}
    context = [pieces.passage, pieces.heading]
    if anaphoric and pieces.previous is not None:
        context.append(pieces.previous)
    return {"late": mean_best(pieces.passage, weights=pieces.weights),
            "late_context": mean_best(*context, weights=pieces.weights)}


def features(question: Question, candidate: Candidate, q_vec: np.ndarray, chunk_cos: float,
             previous: Passage | None, lexicon: Lexicon, centroid: np.ndarray,
             related: Callable[[str], dict[str, float]] = lambda s: {}, pieces: Pieces | None = None
             ) -> dict[str, float]:
    """The evidence that one passage answers the question (see the module doc). A focus word
    counts where the passage has it by stem, or with the thesaurus's strength where the passage
    has a word it is a synonym or a kind of (``related``); ``pieces`` give the word-by-word match
    of question and passage (``tokens.best_matches``), 0 without them."""
    return Reading.of(question, lexicon, related).features(candidate, q_vec, chunk_cos, previous, centroid, pieces)


@dataclass(frozen=True)
class Reading:
    """What the reader needs of one question, worked out once for all its candidate passages."""

    question: Question
    weights: dict[str, float]  # focus stems (topic words left out) -> specificity in the corpus and English
    relatives: dict[str, dict[str, float]]  # focus stem -> corpus stems it relates to (thesaurus)

    @classmethod
    def of(cls, question: Question, lexicon: Lexicon, related: Callable[[str], dict[str, float]]) -> "Reading":
        focus = [t for t in question.focus if t not in lexicon.topic]
        typed = typed_forms(question.text)
        # its inverse passage frequency, kept whole only for a word as rare in English as can be
        weights = {t: lexicon.idf(t) * relative_specificity(typed.get(t, t)) for t in focus}
        return cls(question, weights, {t: related(t) for t in focus})

    def cover(self, bag: frozenset[str]) -> float:
        """The weighted share of the focus found in ``bag`` (a synonym or kind counts its strength)."""
        total = sum(self.weights.values())
        if not total:
            return 0.0
        found = 0.0
        for term, weight in self.weights.items():
            if term in bag:
                found += weight
            else:
                found += weight * max((v for r, v in self.relatives[term].items() if r in bag), default=0.0)
        return found / total

    def features(self, candidate: Candidate, q_vec: np.ndarray, chunk_cos: float, previous: Passage | None,
                 centroid: np.ndarray, pieces: Pieces | None = None) -> dict[str, float]:
        question, passage = self.question, candidate.passage
        own = terms(passage.text)
        heading = terms(candidate.chunk.section)
        anaphoric = bool(_ANAPHOR.match(passage.text))
        context = own | heading | (terms(previous.text) if previous is not None and anaphoric
                                                          else frozenset())
        option = 0.0
        if question.options:
            hits = sum(bool(side & own) for side in question.options)
            option = 1.0 if hits == 1 else 0.5 if hits == 2 else 0.0
        cos = float(candidate.vector @ q_vec)
        generic = float(candidate.vector @ centroid)
        # Similarity once the document's common direction c is taken out of both unit vectors q
        # and p: what the passage says beyond "this is about the article's topic". With
        # q' = q - (q.c)c and p' = p - (p.c)c, q'.p' = q.p - (q.c)(p.c) and |p'|^2 = 1 - (p.c)^2.
        q_c = float(q_vec @ centroid)
        spread = (max(0.0, 1.0 - q_c * q_c) * max(0.0, 1.0 - generic * generic)) ** 0.5  # float32 rounding can pass 1
        answer_type = question.answer_type
        # A "how do I ...?" question is read as asking for steps when it names what the list's
        # section is about ("how do I do the stretches?"), not when its words only meet an item's.
        listy = question.wants_list or (question.kind == "manner" and (
            passage.kind != "item" or self.cover(heading) > 0))
        return {
            "cos_passage": cos,
            "cos_residual": (cos - q_c * generic) / spread if spread > 1e-9 else 0.0,
            "cos_chunk": chunk_cos,
            "chunk_rank": 1.0 / candidate.rank,
            "cover": self.cover(own),
            "cover_context": self.cover(context),
            "answer_type": 1.0 if answer_type is not None and answer_type.search(passage.text) else 0.0,
            "option": option,
            "anaphor": 1.0 if anaphoric else 0.0,
            "lead_in": 1.0 if leads_in(passage) else 0.0,
            "generic": generic,
            "list_item": 1.0 if passage.kind == "item" and listy else 0.0,
            # An item quoted out of its list for a question that asks for no list or manner: its
            # meaning leans on the list it belongs to ("While lying face up ..." is one stretch).
            "stray_item": 1.0 if passage.kind == "item" and not listy else 0.0,
            **late_features(pieces, anaphoric),
        }


def leads_in(passage: Passage) -> bool:
    """Whether a sentence leads into a list ("Good stretching exercises may include:")."""
    return passage.text.rstrip().endswith(":")


def score(values: dict[str, float], weights: dict[str, float] | None = None) -> float:
    weights = WEIGHTS if weights is None else weights
    return sum(weights[name] * values[name] for name in FEATURES)


def answer_marks(question: Question, text: str) -> tuple[tuple[int, int], ...]:
    """Spans of ``text`` that hold the kind of answer asked for (a duration, a measure), to bold.

    Only the specific kinds: marking every "the" a position pattern matches would help no one.
    """
    if question.kind not in ("duration", "frequency", "measure", "quantity"):
        return ()
    pattern = question.answer_type
    if pattern is None:
        return ()
    return tuple((m.start(), m.end()) for m in pattern.finditer(text) if m.end() > m.start())


def follows_on(passage: Passage, following: Passage) -> bool:
    """Whether ``following`` (the next sentence of the same paragraph) qualifies or continues
    ``passage`` so that quoting ``passage`` alone would misreport the article: it refers back
    ("This does not have to be the case ...", "On the contrary, ...") or takes up a thing the
    passage names ("... a neutral spine. The neutral spine remains in line ...")."""
    if _QUALIFIER.match(following.text):
        return True
    taken_up = _DEFINITE.match(following.text)
    return bool(taken_up) and bool(terms(" ".join(w for w in taken_up.groups() if w)) & terms(passage.text))


def quoted_with(candidate: Candidate, previous: Passage | None, following: Passage | None) -> tuple[Passage, ...]:
    """The passages quoted when ``candidate`` is quoted: the sentence before it when it leans on
    that one, itself, and the next sentence when that one qualifies it (``follows_on``)."""
    before = (previous,) if previous is not None and candidate.features.get("anaphor") else ()
    after = (following,) if following is not None and follows_on(candidate.passage, following) else ()
    return (*before, candidate.passage, *after)


def select(ranked: Sequence[Candidate], question: Question, previous_of: dict[tuple[int, int], Passage | None],
           max_quotes: int, max_chars: int, next_of: dict[tuple[int, int], Passage] | None = None) -> list[Quote]:
    """The lead (with its preceding sentence when it does not stand alone), then more by MMR;
    each with the next sentence when that one qualifies or continues it (``follows_on``)."""
    next_of = next_of or {}
    lead = ranked[0]
    chosen = [lead]
    size = len(lead.passage.text)
    while len(chosen) < max_quotes:
        best, best_value = None, -np.inf
        for c in ranked[1:]:
            if c in chosen or c.score < lead.score - EXTRA_MARGIN or size + len(c.passage.text) > max_chars:
                continue
            redundancy = max(float(c.vector @ other.vector) for other in chosen)
            if redundancy >= DUPLICATE_COS:
                continue
            value = MMR_LAMBDA * c.score - (1 - MMR_LAMBDA) * redundancy * abs(lead.score)
            if value > best_value:
                best, best_value = c, value
        if best is None:
            break
        chosen.append(best)
        size += len(best.passage.text)
    quotes: list[Quote] = []
    for c in chosen:
        if any(c.passage in q.passages for q in quotes):
            continue  # already quoted as the sentence before or after another
        # The sentences that go with it (the lead's always), unless another quote has them already.
        key = (c.position, c.index)
        passages = tuple(p for p in quoted_with(c, previous_of.get(key), next_of.get(key))
                         if p is c.passage or not any(p in q.passages for q in quotes))
        text = " ".join(p.text for p in passages)
        quotes.append(Quote(c.chunk, passages, c.score, answer_marks(question, text)))
    # The lead first; the rest read best in the article's order.
    rest = sorted(quotes[1:], key=lambda q: (q.chunk.document, q.passages[0].start))
    return [quotes[0], *rest]


def section_chars(section_chunks: Sequence[Chunk]) -> int:
    """How long a section is, as quoted: its passages and a space after each."""
    return sum(len(p.text) + 1 for c in section_chunks for p in c.passages)


def with_section(chosen: list[Quote], section_chunks: Sequence[Chunk], question: Question,
                 max_chars: int) -> list[Quote]:
    """``chosen`` with the rest of the lead's section, when all of it fits in ``max_chars``: a
    question that asks for several things ("what should I look for in running shoes?") whose
    section makes its points in prose, not as a list, gets every point, and any question whose
    lead stands in a short section gets the sentences around it. The lead stays first; the rest
    in the article's order."""
    quoted = {p for q in chosen for p in q.passages}
    more = [(c, p) for c in section_chunks for p in c.passages if p not in quoted]
    size = sum(len(p.text) + 1 for p in quoted) + sum(len(p.text) + 1 for _, p in more)
    if not more or size > max_chars:
        return chosen
    score = chosen[0].score
    extra = [Quote(c, (p,), score, answer_marks(question, p.text)) for c, p in more]
    return [chosen[0], *sorted([*chosen[1:], *extra], key=lambda q: (q.chunk.document, q.passages[0].start))]


@dataclass(frozen=True)
class ItemNumber:
    """Where a passage of a list item stands: its section and list, the item's number in that
    list (from 1) and the list's length."""

    section_id: str
    list_id: int
    number: int
    length: int

    def is_item(self, ordinal: int) -> bool:
        """Whether this is the item ``ordinal`` points at (-1: the last)."""
        return self.number == ordinal or (ordinal == -1 and self.number == self.length)


def pointed_at(ranked: Sequence[Candidate], ordinal: int | None,
               items: dict[tuple[int, int], ItemNumber]) -> list[Candidate]:
    """For a question that points at one item of a list ("and the third?", "the last one"): the
    best-scored passage of that item among the candidates, then the item's other passages; the
    whole ranking unchanged when the question points at none or no retrieved list has that item."""
    if ordinal is None:
        return list(ranked)
    lead = next((c for c in ranked if (n := items.get((c.position, c.index))) is not None and n.is_item(ordinal)),
                None)
    if lead is None:
        return list(ranked)
    item = items[(lead.position, lead.index)]
    return [lead, *(c for c in ranked if c is not lead and items.get((c.position, c.index)) == item)]


def singled_out(ranked: Sequence[Candidate], question: Question, section_chunks: Sequence[Chunk]) -> bool:
    """Whether the best passage is a list item that answers far better than every other item of
    its list (by ``EXTRA_MARGIN``, the margin a further quote must be within), and the question
    asks for no several of them ("all", "each", or the plural of what its section or the passage
    before the list calls them: "stretches"): it names that item ("what are the steps of the standing
    twist?") and gets that item, not the list."""
    lead = ranked[0]
    if lead.passage.kind != "item" or lead.passage.list_id is None or _MANY.search(question.text):
        return False
    passages = [p for c in section_chunks for p in c.passages]
    first = next((i for i, p in enumerate(passages) if p.list_id == lead.passage.list_id), 0)
    named = terms(" ".join([lead.chunk.section, *(p.text for p in passages[max(0, first - 1):first])]))
    plurals = {w for w in re.findall(r"[a-z]+", question.text.lower()) if w.endswith("s") and not w.endswith("ss")}
    if any(stem(w) in named for w in plurals):
        return False
    others = [c.score for c in ranked[1:] if c.passage.kind == "item" and c.passage.list_id == lead.passage.list_id
              and c.chunk.section_id == lead.chunk.section_id and c.passage is not lead.passage]
    return bool(others) and max(others) < lead.score - EXTRA_MARGIN


def list_quotes(lead: Candidate, section_chunks: Sequence[Chunk], question: Question) -> list[Quote] | None:
    """The whole list of the lead's section that the lead belongs to (or its first list)."""
    passages = [(c, p) for c in section_chunks for p in c.passages]
    list_ids = [p.list_id for _, p in passages if p.list_id is not None]
    if not list_ids:
        return None
    wanted = lead.passage.list_id if lead.passage.list_id is not None else list_ids[0]
    items = [(c, p) for c, p in passages if p.list_id == wanted and p.kind == "item"]
    if not items:
        return None
    quotes = [Quote(c, (p,), lead.score, answer_marks(question, p.text)) for c, p in items]
    # After it, what the paragraph that leads into it says of its items ("The key to stretching is
    # to use exercises that don't strain the back. Good stretching exercises may include:"): the
    # sentence before the lead-in.
    first = passages.index(items[0])
    if first >= 2 and leads_in(passages[first - 1][1]):
        chunk, said = passages[first - 2]
        if said.kind == "sentence" and not leads_in(said):
            quotes.append(Quote(chunk, (said,), lead.score, answer_marks(question, said.text)))
    return quotes
