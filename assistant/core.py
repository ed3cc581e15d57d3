"""The Assistant: the one object every interface (CLI, HTTP, UI) calls."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from itertools import zip_longest
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

import numpy as np

from . import answer as answers
from . import reader
from .answer import Answer
from .chunking import Chunk, Passage
from .config import Settings
from .corpus import Corpus, Document, load_corpus
from .embedding import Embedder, SentenceTransformerEmbedder
from .errors import InvalidInputError
from .index import LoadedIndex, open_index, vector_store
from .lexical import stem, with_synonyms
from .lexicon import build_lexicon
from .query_encoder import open_query_encoder
from .question import (Question, analyse, asks_for_a_clinician, normalise, question_sentence, tells_of_pain,
                       without_denials)
from .reader import Quote
from .retrieval import LRU, MODES, Hit, Retriever, Scored, to_hits
from .safety import RedFlagDetector
from .scope import Grounding, focus_words, ground
from .small_talk import small_talk
from .thesaurus import without_generic
from .tokens import best_matches, token_vectors

MAX_K = 100
MAX_HISTORY_TURNS = 20
PASSAGE_TOKEN_CACHE = 4096  # passages and headings whose word-piece vectors are kept (float16, ~20 KB each)
SHORT_QUESTION_WORDS = 4  # a question this short, of general words only, reads as a follow-up
FOLLOW_UP_CUES = re.compile(
    r"^\s*(?:and|but|also|so|then|or|what about|how about|what if|and if|same for|is that|does that|"
    r"should i|how long|how often|which one)\b|\b(?:it|that|those|these|them|this|they|one)\b"
    r"|\b(?:else|the rest)\b|\b(?:tho|though)\W*$",  # "anything else?", "what exercises tho"
    re.IGNORECASE,
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]")


_WORDS_AND_GAPS = re.compile(r"([^\w']+)")


def clean_text(text: str) -> str:
    """Control and direction-override characters removed, whitespace collapsed."""
    text = unicodedata.normalize("NFC", text)
    return " ".join(_CONTROL.sub(" ", text).split())


class Assistant:
    """Grounded, cited answers about the corpus.

    Example:
        >>> bot = Assistant.load()
        >>> bot.ask("How long should I hold the knee to chest stretch?").status
        'answered'
    """

    def __init__(self, settings: Settings, corpus: Corpus, index: LoadedIndex, embedder: Embedder,
                 detector: RedFlagDetector, query_embedder: Embedder | None = None) -> None:
        self.settings = settings
        self.corpus = corpus
        self.index = index
        self.embedder = embedder  # documents (the reference encoder)
        self.query_embedder = query_embedder or embedder  # queries: the same vectors, faster
        self.detector = detector
        self.retriever = Retriever(index, self.query_embedder, settings.rrf_k, settings.candidate_pool)
        self._section_chunks: dict[str, list[Chunk]] = {}
        for chunk in index.chunks:
            self._section_chunks.setdefault(chunk.section_id, []).append(chunk)
        self._doc_paths = {d.id: d.path for d in corpus.documents}
        self.lexicon = build_lexicon(index.chunks)
        self.thesaurus = with_synonyms(index.thesaurus)
        self._grounding_kinds = without_generic(self.thesaurus, self.lexicon.topic)
        self.parts = index.parts
        self._centroids = _centroids(index)
        self._closing = _closing_sections(index.chunks)
        sources = {d.id: d.text for d in corpus.documents}
        self._previous, self._next = _adjacent_passages(index.chunks, sources)
        self._items = _item_numbers(index.chunks, sources)
        self._text_pieces: LRU[str, np.ndarray] = LRU(PASSAGE_TOKEN_CACHE)  # passage or heading -> word pieces
        self.topics = _topics(corpus)
        self.suggestions = _suggestions(corpus)
        # Each article's link (the link template with no anchor), and the list a question about
        # the sources is given.
        self.article_links = {d.id: _article_link(d, settings.link_template) for d in corpus.documents}
        self.articles = tuple(f"[{d.title}]({self.article_links[d.id]})" for d in corpus.documents)

    @classmethod
    def load(cls, corpus_dir: Path | str | None = None, index_dir: Path | str | None = None,
             model_dir: Path | str | None = None, *, settings: Settings | None = None,
             embedder: Embedder | None = None, rebuild: bool = False, progress: bool = True,
             log: Callable[[str], None] | None = None) -> "Assistant":
        """Read the corpus, load the model, and load (or build) the index.

        Defaults: ``corpus/``, ``index/`` and the bundled all-MiniLM-L6-v2, each overridable here,
        by ``ASSISTANT_*`` environment variables, or in ``settings``.
        """
        overrides = {"corpus_dir": corpus_dir, "index_dir": index_dir, "model_dir": model_dir}
        settings = replace(settings or Settings.from_env(),
                           **{k: Path(v) for k, v in overrides.items() if v is not None})
        corpus = load_corpus(settings.corpus_dir)
        # torch is imported only if the index must be (re)built or the query encoder exported.
        embedder = embedder or SentenceTransformerEmbedder(settings.model_dir, load=False)
        query_embedder, described = open_query_encoder(settings.index_dir, embedder, settings.query_encoder,
                                                       settings.encoder_threads, log)
        index = open_index(settings.index_dir, corpus, embedder, settings.chunk_chars,
                           rebuild=rebuild, progress=progress, log=log, query_encoder=described,
                           store=vector_store(settings))
        vocab = getattr(embedder, "model_dir", None)
        corpus_words = {w for d in corpus.documents for w in re.findall(r"[A-Za-z]+", d.text)}
        detector = RedFlagDetector.with_vocabulary(Path(vocab) / "vocab.txt" if vocab else None, corpus_words)
        return cls(settings, corpus, index, embedder, detector, query_embedder)

    # ----------------------------------------------------------------- search

    def search(self, query: str, k: int = 5, mode: str = "hybrid") -> list[Hit]:
        """The ``k`` best chunks for ``query``; raises InvalidInputError on bad arguments."""
        query = self._check_query(query)
        k = check_k(k)
        if mode not in MODES:
            raise InvalidInputError(f"mode must be one of {', '.join(MODES)}, not {mode!r}.")
        if mode != "hybrid":
            return to_hits(self.retriever.retrieve(query, k, mode))  # type: ignore[arg-type]
        return to_hits(self._rerank(query, self.retriever.retrieve(query, max(k, self.settings.top_k))))[:k]

    def _rerank(self, query: str, results: list[Scored]) -> list[Scored]:
        """Hybrid results with the first ``top_k`` chunks ordered by the reader: by how well their
        best passage answers the query (what ``ask`` would quote first)."""
        head = results[: self.settings.top_k]
        if not head:
            return results
        best: dict[int, float] = {}
        for c in self._read(self._analyse(query, query), self.retriever.embed(query), head, reader.SEARCH_WEIGHTS,
                            stress_asking=True):
            best.setdefault(c.position, c.score)  # candidates come best first
        ordered = sorted(head, key=lambda r: -best.get(r.position, -np.inf))
        return [replace(r, score=best.get(r.position, r.score)) for r in ordered] + results[len(head):]

    def _check_query(self, query: Any) -> str:
        if not isinstance(query, str):
            raise InvalidInputError(f"The query must be text, not {type(query).__name__}.")
        text = clean_text(query)
        if not text:
            raise InvalidInputError("The query is empty: type some words to search for.")
        limit = self.settings.max_question_chars
        if len(text) > limit:
            raise InvalidInputError(f"The query is {len(text):,} characters long; the limit is {limit:,}.")
        return text

    # ----------------------------------------------------------------- ask

    def ask(self, question: str, history: Sequence[Mapping[str, Any]] | None = None) -> Answer:
        """Answer one question, using the earlier turns of the conversation for follow-ups.

        Never raises for the question's text: empty or oversized questions come back with status
        ``invalid_input``. A malformed ``history`` raises InvalidInputError.
        """
        turns = check_history(history)
        if not isinstance(question, str):
            return answers.invalid(str(question), "The question must be text.")
        text = clean_text(question)
        limit = self.settings.max_question_chars
        if not text:
            return answers.invalid(text, "Please type a question about lower back pain or running.")
        if len(text) > limit:
            return answers.invalid(
                text[:200],
                f"Your question is {len(text):,} characters long; the limit is {limit:,}. "
                "Please shorten it to the question itself.",
            )
        flags, asked = self.detector.scan(text)
        if any(f.tier == "emergency" for f in flags):
            return Answer(text, "urgent", answers.red_flag_reply(text, flags), (), flags)
        kind = None if flags else small_talk(text)
        if kind is not None:  # "hi", "thanks, that helps!": nothing to search for
            return answers.small_talk(text, kind, self.topics, self.suggestions, self.articles)
        preface = answers.red_flag_reply(text, flags) if flags else ""
        # A warning sign asked about, not reported, or a question whether to see a clinician at
        # all: say what it calls for (when to get help), then answer as usual.
        note = answers.warning_sign_note(asked) or (answers.CLINICIAN_NOTE if asks_for_a_clinician(text) else "")
        query, results, grounding = self._retrieve_for(text, turns)
        quotes = self._quotes(text, query, results)
        if quotes is None:
            if flags:
                return Answer(text, "urgent", preface, (), flags)
            return answers.out_of_scope(text, self.topics, self.suggestions, note, tells_of_pain(text))
        if preface:
            preface += "\n\nWhat the articles say in general:"
        # What the question names that the articles never mention, said before the closest passages.
        preface = "\n\n".join(p for p in (preface, answers.unmentioned_note(grounding.unmentioned)) if p)
        return answers.compose(text, quotes, self.settings.link_template, self._doc_paths, preface, flags, note)

    def _quotes(self, question: str, query: str, results: list[Scored]) -> list[Quote] | None:
        """The passages to quote from what ``query`` retrieved, or None when nothing relevant
        enough was found."""
        if not results:
            return None
        asked = self._analyse(question, query)
        if asked.kind == "summary":
            summed_up = self._closing_quotes(results[0].chunk.document)
            if summed_up:
                return summed_up
        results = self._with_pointed_item(results, asked.ordinal)
        ranked = reader.pointed_at(self._read(asked, self._reading_vector(question, query), results),
                                   asked.ordinal, self._items)
        if not ranked:
            return None
        section = self._section_chunks.get(ranked[0].chunk.section_id, [])
        if asked.wants_list and not reader.singled_out(ranked, asked, section):
            listed = reader.list_quotes(ranked[0], section, asked)
            if listed:
                return listed
        chosen = reader.select(ranked, asked, self._previous, self.settings.max_sentences,
                               self.settings.max_answer_chars, self._next)
        if asked.ordinal is not None:  # one item pointed at: that item, not its section
            return chosen
        # Several things asked for, and the section has no list, or the lead's section is short
        # (``Settings.whole_section_chars``): all of it, if the answer can hold it.
        if asked.wants_list or reader.section_chars(section) <= self.settings.whole_section_chars:
            return reader.with_section(chosen, section, asked, self.settings.max_answer_chars)
        return chosen

    def _with_pointed_item(self, results: list[Scored], ordinal: int | None) -> list[Scored]:
        """For a question that points at one item of a list ("and the second one?"): the chunk
        holding that item of the list in the best chunk retrieved, put first, when the search did
        not bring it (a long list spans several chunks); ``results`` unchanged otherwise, and when
        the best chunk holds no list ("what's the first thing to do?" is not about one)."""
        if ordinal is None or not results:
            return results
        top = results[0]
        lists = (self._items.get((top.position, i)) for i in range(len(top.chunk.passages)))
        first = next((n for n in lists if n is not None), None)
        if first is None:
            return results
        held = [position for (position, _), n in self._items.items()
                if (n.section_id, n.list_id) == (first.section_id, first.list_id) and n.is_item(ordinal)]
        if not held or any(r.position == held[0] for r in results):
            return results
        return [Scored(held[0], self.index.chunks[held[0]], top.score, top.cosine), *results]

    def _closing_quotes(self, document: str) -> list[Quote] | None:
        """The whole closing section of ``document``, when it is short enough to quote: how the
        article sums itself up answers a question about the overall message better than any one
        of its sentences."""
        chunks = [self.index.chunks[p] for p in self._closing.get(document, ())]
        if not chunks or reader.section_chars(chunks) > self.settings.max_answer_chars:
            return None
        return [Quote(c, c.passages, 0.0) for c in chunks]

    def _reading_vector(self, question: str, query: str) -> np.ndarray:
        """The query vector the reader compares passages with. A long message that tells a story
        before it asks ("I started running in May... Should I stop?") is read for its asking
        sentence as much as for the whole: the mean of the two vectors, unit length."""
        vector = self.retriever.embed(query)
        asking = question_sentence(question)
        if asking == question or len(asking.split()) < 3:
            return vector
        both = vector + self.retriever.embed(asking)
        return both / (np.linalg.norm(both) or 1.0)

    def _analyse(self, question: str, query: str) -> Question:
        """The question's kind and focus, misspellings corrected to corpus words; a follow-up also
        takes the focus of the question before it (``query`` is that question and this one)."""
        own = analyse(question)
        corrected = self.retriever.dense_text(question)
        focus = analyse(corrected).focus
        if query != question and query.endswith(question):
            focus |= analyse(self.retriever.dense_text(query[: -len(question)])).focus
        wants_list = own.wants_list or analyse(plurals_corrected(question, corrected)).wants_list
        return replace(own, focus=focus, wants_list=wants_list)

    def _read(self, asked: Question, vector: np.ndarray, results: list[Scored],
              weights: dict[str, float] | None = None, stress_asking: bool = False) -> list[reader.Candidate]:
        """Every passage of the retrieved chunks, scored as an answer to ``asked`` (by the lead
        weights, or ``weights``), best first; ``stress_asking``: see ``_question_pieces``."""
        offsets, vectors = self.index.passage_offsets, self.index.passage_vectors
        reading = reader.Reading.of(asked, self.lexicon, self.related)
        head = results[: self.settings.top_k]
        pieces = self._word_pieces(asked.text, head, stress_asking)
        ranked = []
        for rank, r in enumerate(head, start=1):
            rows = vectors[offsets[r.position]:offsets[r.position + 1]]
            centroid = self._centroids[r.chunk.document]
            for i, row in enumerate(rows):
                candidate = reader.Candidate(r.chunk, i, r.position, rank, row)
                previous = self._previous.get((r.position, i))
                values = reading.features(candidate, vector, r.cosine, previous, centroid,
                                          pieces(r.chunk, i, previous))
                ranked.append(replace(candidate, features=values, score=reader.score(values, weights)))
        ranked.sort(key=lambda c: -c.score)
        return ranked

    def _question_pieces(self, question: str, stress_asking: bool
                         ) -> tuple[np.ndarray | None, np.ndarray | None]:
        """The question's word-piece vectors and how much each counts (``Retriever.word_weights``);
        with ``stress_asking``, those of a long message's asking sentence once more, so that its
        words count twice against the story's in the match (what a search hit must answer is
        what the message asks)."""
        asked, weights = self.retriever.word_pieces(question), self.retriever.word_weights(question)
        if asked is None or not stress_asking:
            return asked, weights
        asking = question_sentence(question)
        if asking == question or len(asking.split()) < 3:
            return asked, weights
        extra, more = self.retriever.word_pieces(asking), self.retriever.word_weights(asking)
        if extra is None or not len(extra):
            return asked, weights
        both = None if weights is None or more is None else np.concatenate([weights, more])
        return np.vstack([asked, extra]), both

    def _word_pieces(self, question: str, results: list[Scored], stress_asking: bool = False
                     ) -> Callable[[Chunk, int, Passage | None], reader.Pieces | None]:
        """How each word piece of the question (``tokens.py``) matches one passage of these
        results, its heading and the sentence before it: every text encoded once, in one batch
        for all the passages, and kept; the question matched with all of them in one product. A
        query encoder without word pieces gives None for every passage."""
        asked, weights = self._question_pieces(question, stress_asking)
        if asked is None:
            return lambda chunk, i, previous: None
        texts = [t for r in results for t in (r.chunk.section, *(p.text for p in r.chunk.passages))]
        texts += [p.text for r in results for i in range(len(r.chunk.passages))
                  if (p := self._previous.get((r.position, i))) is not None]
        missing = [t for t in dict.fromkeys(texts) if self._text_pieces.get(t) is None]
        encoded = token_vectors(self.query_embedder, missing) if missing else None
        for text, rows in zip(missing, encoded or []):
            kept = rows.astype(np.float16)
            kept.setflags(write=False)
            self._text_pieces.put(text, kept)

        known = {t: rows for t in dict.fromkeys(texts) if (rows := self._text_pieces.get(t)) is not None}
        best = dict(zip(known, best_matches(asked, list(known.values()))))

        def pieces(chunk: Chunk, i: int, previous: Passage | None) -> reader.Pieces | None:
            own, heading = best.get(chunk.passages[i].text), best.get(chunk.section)
            if own is None or heading is None:
                return None
            return reader.Pieces(own, heading, best.get(previous.text) if previous is not None else None, weights)

        return pieces

    def _retrieve_for(self, question: str, turns: list[tuple[str, str]]) -> tuple[str, list[Scored], Grounding]:
        """Retrieve for the question alone, or with the previous question when it is a follow-up;
        no results when the passages found do not ground what the question is about."""
        query, results, grounding = self.scoped(question, turns)
        return (query, results, grounding) if grounding.answerable else (question, [], grounding)

    def scoped(self, question: str, turns: Sequence[tuple[str, str]] = ()
               ) -> tuple[str, list[Scored], Grounding]:
        """The query to answer from (the question, or the previous one and this one for a
        follow-up), what it retrieves, and how well that grounds the question (``scope.py``)."""
        k = self.settings.top_k
        previous = next((content for role, content in reversed(turns) if role == "user"), None)
        refers_back = bool(previous) and (bool(FOLLOW_UP_CUES.search(question)) or analyse(question).ordinal is not None
                                          or self._only_general(question))
        if previous and refers_back:
            # Likely a follow-up: embed all three queries in one encoder call, not three.
            self.retriever.embed_many([question, f"{previous} {question}", previous])
        results = self.retriever.retrieve(question, k)
        confidence = max(self.confidence(results, question), self.confidence_without_denials(results, question))
        grounding = self.ground(question, results, confidence)
        # A question that reads as a follow-up ("and the third?", "number 2?") is tried with the one
        # before it however little it matches alone; any other only when it matches something itself.
        if previous and (refers_back or (
                confidence >= self.settings.follow_up_floor and not grounding.answerable)):
            # Read as a follow-up only if the pair still grounds this question's own words and
            # matches about as well as the previous question did: "and what about high arches?"
            # does, "and how do I cook pasta?" does not. The pair borrows the previous question's
            # match with the corpus, so a follow-up that brings a new subject of its own (a rare
            # dictionary word the passages lack: "can I take naproxen with it?", "and for my
            # plantar fasciitis?") is not read with it: it must ground on its own.
            contextual = f"{previous} {question}"
            ctx_results = self.retriever.retrieve(contextual, k)
            ctx_confidence = self.confidence(ctx_results, contextual)
            ctx_grounding = replace(self.ground(question, ctx_results, ctx_confidence), topic_floor=0.0,
                                    new_subject=self.settings.follow_up_new_subject)
            before = self.confidence(self.retriever.retrieve(previous, k), previous)
            if ctx_grounding.answerable and ctx_confidence >= before - self.settings.follow_up_drop:
                return contextual, ctx_results, ctx_grounding
        return question, results, grounding

    def _only_general(self, question: str) -> bool:
        """A short question whose words of substance are each in several sections of one article
        ("what exercises?", "any tips?"): in a conversation, about what was asked before."""
        focus = focus_words(question, self.lexicon, self.grounded_by)
        if len(normalise(question).split()) > SHORT_QUESTION_WORDS or len(focus) > 1:
            return False
        return all(self.lexicon.section_df.get(stem(w), 0) >= 2 for w in focus)

    def confidence_without_denials(self, results: list[Scored], question: str) -> float:
        """The match of what ``question`` says it has, its denied symptoms left out ("No tingling,
        bladder's fine. Is a sore back after a long run normal?"): the denials match nothing in the
        articles and would lower the match of the question they come with. 0 when it denies nothing."""
        said = " ".join(without_denials(question).split())
        return self.confidence(results, said) if said and said != " ".join(normalise(question).split()) else 0.0

    def ground(self, question: str, results: list[Scored], confidence: float) -> Grounding:
        """Which of what ``question`` is about the retrieved chunks cover (misspellings corrected)."""
        corrected = self.retriever.dense_text(question)
        return ground(corrected, [r.chunk for r in results], confidence, self.lexicon, self.grounded_by,
                      self.settings.scope_threshold)

    def grounded_by(self, stem: str) -> dict[str, float]:
        """Corpus stems that ground ``stem`` in the scope stage: its relatives less the kinds of
        too general words (``thesaurus.without_generic``), and the words for its parts ("elbow"
        grounds "arm"; the index's part-whole table)."""
        kinds = self._grounding_kinds.get(stem, {})
        parts = self.parts.get(stem)
        if not parts:
            return kinds
        return {**parts, **{s: max(v, parts.get(s, 0.0)) for s, v in kinds.items()}}

    def related(self, stem: str) -> dict[str, float]:
        """Corpus stems that ``stem`` is a synonym or a kind of (the index's thesaurus)."""
        return self.thesaurus.get(stem, {})

    def confidence(self, results: list[Scored], query: str) -> float:
        """How relevant the best match is: the highest cosine similarity of the query to a
        retrieved chunk or to any single passage of one (a passage can match more closely than
        the chunk around it)."""
        if not results:
            return 0.0
        vector = self.retriever.embed(query)
        offsets, vectors = self.index.passage_offsets, self.index.passage_vectors
        best_passage = max(
            (float((vectors[offsets[r.position]:offsets[r.position + 1]] @ vector).max(initial=-1.0))
             for r in results),
            default=0.0,
        )
        return max(best_passage, max(r.cosine for r in results))


def plurals_corrected(text: str, corrected: str) -> str:
    """``text`` with only its misspelt plurals taken from ``corrected`` ("stretchs", "streches"
    -> "stretches"): a list word misspelt still asks for a list. A singular misspelling ("strech")
    is left as typed, since correction gives the corpus's form of a word, often a plural."""
    typed, fixed = _WORDS_AND_GAPS.split(text), _WORDS_AND_GAPS.split(corrected)
    if len(typed) != len(fixed):  # two words run together were split: leave the text as typed
        return text
    return "".join(b if a != b and a.lower().endswith("s") else a for a, b in zip(typed, fixed))


def check_k(k: Any) -> int:
    if isinstance(k, bool) or not isinstance(k, int):
        raise InvalidInputError(f"k must be a whole number from 1 to {MAX_K}, not {k!r}.")
    if not 1 <= k <= MAX_K:
        raise InvalidInputError(f"k must be from 1 to {MAX_K}; got {k}.")
    return k


def check_history(history: Any) -> list[tuple[str, str]]:
    """``[{"role": "user"|"assistant", "content": str}, ...]`` as (role, cleaned text) pairs."""
    if history is None:
        return []
    if not isinstance(history, (list, tuple)):
        raise InvalidInputError("history must be a list of {\"role\": ..., \"content\": ...} objects.")
    turns = []
    for i, turn in enumerate(history):
        if not isinstance(turn, Mapping) or turn.get("role") not in ("user", "assistant") \
                or not isinstance(turn.get("content"), str):
            raise InvalidInputError(
                f"history[{i}] must be an object with \"role\" (\"user\" or \"assistant\") and "
                "\"content\" (text)."
            )
        turns.append((turn["role"], clean_text(turn["content"])[:2000]))
    return turns[-MAX_HISTORY_TURNS:]


def _topics(corpus: Corpus) -> list[str]:
    """Short names of what the corpus covers: the section headings below each title."""
    seen: list[str] = []
    for section in corpus.sections:
        name = section.title_path[-1] if len(section.title_path) > 1 else section.title_path[0]
        if name.lower() not in seen:
            seen.append(name.lower())
    return seen[:12]


def _article_link(document: Document, link_template: str) -> str:
    """The link to the top of ``document``: the link template with no anchor."""
    return link_template.format(document=document.id, anchor="", path=document.path).rstrip("#")


def _suggestions(corpus: Corpus, count: int = 4) -> tuple[str, ...]:
    """Example questions from the articles' front matter: each article's first, then each one's
    second..., so every article added (``add`` writes its questions) gets offered."""
    rounds = zip_longest(*(d.questions for d in corpus.documents))
    return tuple(q for round_ in rounds for q in round_ if q)[:count]


def _centroids(index: LoadedIndex) -> dict[str, np.ndarray]:
    """Each document's mean passage vector, unit length: what its sentences have in common."""
    sums: dict[str, np.ndarray] = {}
    for position, chunk in enumerate(index.chunks):
        rows = index.passage_vectors[index.passage_offsets[position]:index.passage_offsets[position + 1]]
        sums[chunk.document] = sums.get(chunk.document, 0) + rows.sum(axis=0)
    return {doc: v / (np.linalg.norm(v) or 1.0) for doc, v in sums.items()}


def _closing_sections(chunks: Sequence[Chunk], min_sections: int = 3) -> dict[str, tuple[int, ...]]:
    """Each document's last section (the rows of its chunks), where an article of several sections
    sums up; a document with fewer than ``min_sections`` sections has none."""
    sections: dict[str, list[str]] = {}
    rows: dict[str, list[int]] = {}
    for position, chunk in enumerate(chunks):
        order = sections.setdefault(chunk.document, [])
        if chunk.section_id not in order:
            order.append(chunk.section_id)
        rows.setdefault(chunk.section_id, []).append(position)
    return {doc: tuple(rows[order[-1]]) for doc, order in sections.items() if len(order) >= min_sections}


def _adjacent_passages(chunks: Sequence[Chunk], sources: Mapping[str, str]
                       ) -> tuple[dict[tuple[int, int], Passage], dict[tuple[int, int], Passage]]:
    """For each passage, the sentence just before it and the one just after it in the same
    paragraph, if any: the context a sentence that does not stand alone needs ("This does not
    have to be the case ..."), and the sentence that may qualify it."""
    before: dict[tuple[int, int], Passage] = {}
    after: dict[tuple[int, int], Passage] = {}
    last: tuple[str, tuple[int, int], Passage] | None = None
    for position, chunk in enumerate(chunks):
        for i, passage in enumerate(chunk.passages):
            if last is not None and last[0] == chunk.section_id and passage.kind == last[2].kind == "sentence":
                gap = sources.get(chunk.document, "")[last[2].end:passage.start]
                if not gap.strip() and "\n\n" not in gap:
                    before[(position, i)] = last[2]
                    after[last[1]] = passage
            last = (chunk.section_id, (position, i), passage)
    return before, after


def _item_numbers(chunks: Sequence[Chunk], sources: Mapping[str, str]) -> dict[tuple[int, int], reader.ItemNumber]:
    """For each passage of a list item, where it stands in its list, so "the second one" finds
    the second item. A new item starts on a new line; the sentences of one long item share its
    number."""
    numbers: dict[tuple[int, int], tuple[str, int, int]] = {}
    last: dict[tuple[str, int], tuple[int, int]] = {}  # list -> (item number, end of its last passage)
    for position, chunk in enumerate(chunks):
        source = sources.get(chunk.document, "")
        for i, passage in enumerate(chunk.passages):
            if passage.kind != "item" or passage.list_id is None:
                continue
            key = (chunk.section_id, passage.list_id)
            n, end = last.get(key, (0, -1))
            if n == 0 or "\n" in source[end:passage.start]:
                n += 1
            last[key] = (n, passage.end)
            numbers[(position, i)] = (chunk.section_id, passage.list_id, n)
    return {where: reader.ItemNumber(section, list_id, n, last[(section, list_id)][0])
            for where, (section, list_id, n) in numbers.items()}
