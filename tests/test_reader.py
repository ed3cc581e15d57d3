"""Question analysis, the corpus lexicon and the reader: logic on tiny inputs, then the real
model picking the answering sentence. The phrasings are the tests' own, not the eval set's."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from assistant.answer import cite_sentences
from assistant.chunking import Chunk, Passage
from assistant.core import _closing_sections, _item_numbers
from assistant.lexical import Vocabulary, correct
from assistant.lexicon import build_lexicon
from assistant.question import analyse, asks_for_a_clinician, ordinal, question_sentence, tells_of_pain
from assistant.reader import Candidate, ItemNumber, answer_marks, features, follows_on, pointed_at, select

# --------------------------------------------------------------------------- question analysis


@pytest.mark.parametrize("text,kind", [
    ("How long do I hold it for?", "duration"),
    ("how many seconds each side", "duration"),
    ("how often should I do the plank", "frequency"),
    ("how far apart do my feet go?", "measure"),
    ("where do I put my hands?", "place"),
    ("why does a strong core matter", "reason"),
    ("what are the benefits of a foam mat?", "reason"),  # what it does for you: an effect
    ("is there any advantage to warming up?", "reason"),
    ("which insoles suit a high arch", "choice"),
    ("should I breathe in or out on the twist?", "choice"),  # options named: a choice, not yes/no
    ("is it bad to run every day", "yesno"),
    ("how do I keep my spine neutral", "manner"),
    ("what is a neutral spine", "definition"),
    ("what are the tips?", "other"),  # a list asked for, not a definition
    ("who can help me pick shoes?", "person"),
    ("bottom line: how do I stop my back hurting?", "summary"),
    ("what's the overall takeaway, in a nutshell?", "summary"),
    ("is there one root cause of sore knees?", "summary"),  # one thing or many: the whole message
    ("could it be a combination of factors?", "summary"),
    ("should I be checking other stuff as well?", "summary"),
    ("what other stuff helps my core?", "other"),  # other things of a named topic: not the whole
    ("is there one stretch for the hips?", "yesno"),
    ("how long overall should I hold it?", "duration"),  # a duration still
])
def test_question_kinds(text, kind):
    assert analyse(text).kind == kind


def test_a_wh_word_counts_only_where_it_asks():
    # "when running" is a clause, not a question about time
    assert analyse("What's the best way to stop my back hurting when running?").kind == "manner"


def test_the_asking_sentence_of_a_long_message():
    text = ("I run 30k a week and sit at a desk all day. My back gets stiff by Thursday. "
            "How long should each stretch last?")
    assert question_sentence(text) == "How long should each stretch last?"
    asked = analyse(text)
    assert asked.kind == "duration" and "desk" not in asked.focus and "stretch" in asked.focus


def test_options_are_what_tells_them_apart():
    asked = analyse("should I lie face up or face down?")
    assert asked.options == (frozenset({"lie", "up"}), frozenset({"down"}))  # "face" is on both sides


def test_frame_words_are_not_focus():
    assert analyse("can you please tell me what I should do?").focus == frozenset()


# --------------------------------------------------------------------------- lexicon


def _chunk(section: str, anchor: str, *texts: str, kind: str = "sentence") -> Chunk:
    passages = tuple(Passage(t, i * 100, i * 100 + len(t), kind) for i, t in enumerate(texts))
    return Chunk(f"doc#{anchor}/0", "doc", f"Doc › {section}", anchor, passages)


CHUNKS = [
    _chunk("Shoes", "shoes", "Running shoes should fit well.", "Pick cushioned shoes for running on roads."),
    _chunk("Stretches", "stretches", "Stretch your calves after running.", "Hold each stretch for 30 seconds."),
    _chunk("Posture", "posture", "Keep your back straight while running.", "Relax your shoulders."),
    _chunk("Breathing", "breathing", "Breathe in through the nose while running."),
]


@pytest.mark.parametrize("text, listed", [
    ("which stretches can I do before a run?", True),
    ("any exercises for a weak core?", True),
    ("are there any stretches that are safe?", True),
    ("are the usual warm-up stretches bad for me?", False),  # one judgement about them
    ("why do these exercises help?", False),
    ("how long should I hold the stretches?", False),
    ("what is the main thing to watch when picking exercises?", False),
    ("what are the exercises?", True),  # name them, not define them
    # Every point of something, in other words than a plural of things.
    ("give me a checklist for buying a kettle", True),
    ("what should I look out for in a new rucksack?", True),
    ("anything else I should know about tents?", True),
    ("and the rest of it?", True),
    ("what are all the factors in a good night's sleep?", True),
    ("why does everything ache?", False),  # one reason asked for
    ("is a checklist worth keeping?", False),  # one judgement about it
])
def test_a_list_is_given_when_several_things_are_asked_for(text, listed):
    assert analyse(text).wants_list is listed


@pytest.mark.parametrize("text, number", [
    ("and the 3rd?", 3),
    ("so the fourth one, is it hard?", 4),
    ("what do I do with my feet in the second stretch", 2),
    ("step 2, how long?", 2),
    ("ok and number 1", 1),
    ("what about the final one?", -1),
    ("my back hurt the first time I went out", None),  # a time, not an item
    ("the last mile is always the worst", None),
    ("the second half of a run", None),
    ("I run 5 miles", None),
    ("first of all, is running bad?", None),
])
def test_a_question_can_point_at_one_item_of_a_list(text, number):
    assert ordinal(text) == number
    assert analyse(text).ordinal == number


def _listed(section: str, *items: tuple[str, int, int]) -> Chunk:
    """A chunk of list items: (text, start, list id)."""
    passages = tuple(Passage(t, start, start + len(t), "item", list_id, "-") for t, start, list_id in items)
    return Chunk(f"doc#{section}/0", "doc", f"Doc › {section}", section, passages)


def test_items_are_numbered_within_their_list_and_long_items_keep_one_number():
    source = "- Lie down. Bend your knees.\n- Twist gently.\n- Stand tall.\n\n1. Walk.\n2. Jog."
    chunks = [_listed("a", ("Lie down.", 2, 0), ("Bend your knees.", 12, 0), ("Twist gently.", 31, 0),
                      ("Stand tall.", 47, 0), ("Walk.", 63, 1), ("Jog.", 72, 1))]
    assert source[72:76] == "Jog."
    numbers = _item_numbers(chunks, {"doc": source})
    assert [(numbers[(0, i)].number, numbers[(0, i)].length) for i in range(6)] == \
        [(1, 3), (1, 3), (2, 3), (3, 3), (1, 2), (2, 2)]


def test_the_item_pointed_at_leads_with_its_own_sentences_only():
    chunk = _listed("a", ("Lie down.", 0, 0), ("Bend your knees.", 10, 0), ("Twist gently.", 28, 0))
    items = {(0, 0): ItemNumber("a", 0, 1, 2), (0, 1): ItemNumber("a", 0, 1, 2), (0, 2): ItemNumber("a", 0, 2, 2)}
    ranked = [Candidate(chunk, i, 0, 1, np.zeros(2), score=s) for i, s in ((1, 3.0), (2, 2.0), (0, 1.0))]
    assert [c.index for c in pointed_at(ranked, 2, items)] == [2]
    assert [c.index for c in pointed_at(ranked, -1, items)] == [2]  # the last one
    assert [c.index for c in pointed_at(ranked, 1, items)] == [1, 0]  # its best sentence first
    assert pointed_at(ranked, 3, items) == ranked  # no such item: unchanged
    assert pointed_at(ranked, None, items) == ranked


def test_topic_words_are_spread_over_most_sections():
    lexicon = build_lexicon(CHUNKS)
    assert "run" in lexicon.topic  # in every section
    assert "shoe" not in lexicon.topic and "stretch" not in lexicon.topic
    assert lexicon.idf("cushion") > lexicon.idf("shoe") > lexicon.idf("run")


# --------------------------------------------------------------------------- typo correction


def test_misspellings_become_corpus_words_but_real_words_stay():
    vocabulary = Vocabulary(["stretching", "shoes", "running", "core", "back", "store"])
    assert correct("strech for bak", vocabulary) == "stretching for back"  # stemmed, one slip
    assert correct("shoos for runing", vocabulary) == "shoes for running"
    assert correct("my back is sore", vocabulary) == "my back is sore"  # "sore" is English, not "store"


# --------------------------------------------------------------------------- the reader's evidence


def _candidate(chunk: Chunk, i: int, rank: int = 1) -> Candidate:
    vector = np.zeros(4, dtype=np.float32)
    vector[i % 4] = 1.0
    return Candidate(chunk, i, 0, rank, vector)


def test_the_passage_with_the_duration_has_the_answer_type():
    lexicon = build_lexicon(CHUNKS)
    asked = analyse("how long should I hold the calf stretch?")
    q = np.array([1, 0, 0, 0], dtype=np.float32)
    centroid = np.array([0.5, 0.5, 0.5, 0.5], dtype=np.float32)
    first = features(asked, _candidate(CHUNKS[1], 0), q, 0.5, None, lexicon, centroid)
    second = features(asked, _candidate(CHUNKS[1], 1), q, 0.5, None, lexicon, centroid)
    assert second["answer_type"] == 1.0 and first["answer_type"] == 0.0
    assert first["cover"] > 0  # "calf" is only in the first
    text = "Hold each stretch for 30 seconds."
    start = text.index("30 seconds")
    assert answer_marks(asked, text) == ((start, start + len("30 seconds")),)


def test_a_list_item_counts_as_one_only_for_a_question_that_asks_for_a_list_or_a_manner():
    """A "how do I ...?" question asks for the list's steps when it names what the list's section
    is about; "how should I stand when I run?" only meets an item's words ("Stand and ...")."""
    lexicon = build_lexicon(CHUNKS)
    items = _chunk("Stretches", "stretches", "Lie on your back and hug one knee.", "Stand and twist gently.",
                   kind="item")
    q = np.array([1, 0, 0, 0], dtype=np.float32)
    for text, listy in [("which stretches help my back?", True), ("how do I stretch my back?", True),
                        ("how should I stand when I run?", False),
                        ("is lying on my back bad for it?", False), ("why does my back ache?", False)]:
        values = features(analyse(text), _candidate(items, 0), q, 0.5, None, lexicon, q)
        assert (values["list_item"], values["stray_item"]) == ((1.0, 0.0) if listy else (0.0, 1.0)), text
    plain = features(analyse("is lying on my back bad for it?"), _candidate(CHUNKS[2], 0), q, 0.5, None, lexicon, q)
    assert plain["list_item"] == plain["stray_item"] == 0.0


def test_a_sentence_that_leans_on_the_one_before_is_read_with_it():
    lexicon = build_lexicon(CHUNKS)
    asked = analyse("do I need special shoes?")
    chunk = _chunk("Shoes", "shoes", "Special shoes are sold everywhere.", "This is not needed for beginners.")
    q = np.array([1, 0, 0, 0], dtype=np.float32)
    values = features(asked, _candidate(chunk, 1), q, 0.5, chunk.passages[0], lexicon, q)
    assert values["anaphor"] == 1.0 and values["cover"] < values["cover_context"]


def test_a_sentence_that_qualifies_or_takes_up_the_quoted_one_is_quoted_with_it():
    said = Passage("Many people think stretching prevents injury.", 0, 46, "sentence")
    assert follows_on(said, Passage("This is not always the case.", 47, 75, "sentence"))
    assert follows_on(said, Passage("However, some stretches strain the back.", 47, 87, "sentence"))
    assert follows_on(said, Passage("The stretching should be gentle.", 47, 79, "sentence"))  # takes it up
    assert not follows_on(said, Passage("The shoes matter too.", 47, 68, "sentence"))
    assert not follows_on(said, Passage("Also consider your shoes.", 47, 73, "sentence"))  # a new point


def test_selection_quotes_the_qualifying_sentence_after_the_lead():
    chunk = _chunk("Rest", "rest", "Rest is often advised for back pain.", "This does not have to be the case.",
                   "Walking helps too.")
    ranked = [replace(_candidate(chunk, 0), score=2.0), replace(_candidate(chunk, 2), score=1.9),
              replace(_candidate(chunk, 1), score=0.1)]
    asked = analyse("should I rest?")
    next_of = {(0, 0): chunk.passages[1], (0, 1): chunk.passages[2]}
    quotes = select(ranked, asked, {}, 3, 600, next_of)
    assert [q.text for q in quotes] == ["Rest is often advised for back pain. This does not have to be the case.",
                                        "Walking helps too."]
    alone = select(ranked, asked, {}, 3, 600)  # without neighbours: the lead alone
    assert alone[0].text == "Rest is often advised for back pain."


def test_the_lead_keeps_the_sentence_it_leans_on_even_when_that_one_was_chosen_too():
    chunk = _chunk("Rest", "rest", "Rest is often advised for back pain.", "This does not have to be the case.",
                   "Walking helps too.")
    lead = replace(_candidate(chunk, 1), score=2.0, features={"anaphor": 1.0})
    ranked = [lead, replace(_candidate(chunk, 0), score=1.9), replace(_candidate(chunk, 2), score=1.8)]
    quotes = select(ranked, analyse("do I have to rest?"), {(0, 1): chunk.passages[0]}, 3, 600)
    assert quotes[0].text == "Rest is often advised for back pain. This does not have to be the case."
    assert [q.text for q in quotes[1:]] == ["Walking helps too."]  # the leaned-on sentence is not quoted twice


def test_quoted_sentences_each_carry_the_marker_and_bold_keeps_the_words():
    text = "Bring each knee up. Hold for around 20 seconds."
    cited = cite_sentences(text, 2, ((36, 46),))
    assert cited == "Bring each knee up. [2] Hold for around **20 seconds**. [2]"
    assert cited.replace("**", "").replace(" [2]", "") == text


def test_a_document_sums_up_in_its_last_section_if_it_has_several():
    def chunk(doc, section, n):
        return Chunk(f"{doc}#{section}/{n}", doc, f"{doc} › {section}", section, (Passage("x.", 0, 2, "sentence"),))
    chunks = [chunk("a", "intro", 0), chunk("a", "middle", 0), chunk("a", "end", 0), chunk("a", "end", 1),
              chunk("b", "only", 0), chunk("b", "other", 0)]
    assert _closing_sections(chunks) == {"a": (2, 3)}  # "b" has two sections: no closing one


# --------------------------------------------------------------------------- the real model


@pytest.mark.slow
@pytest.mark.parametrize("question,phrase", [
    ("for the knee hug stretch, how many seconds per leg?", "20 seconds"),
    ("my arches are really high, what kind of running shoe?", "cushioned running shoes"),
    ("in the twist, how wide should my feet be?", "shoulder width apart"),
    ("should my hips push forward when I run?", "hip pushing forward"),
    ("what should I wear on my feet when trying shoes on in the shop?", "running socks"),
    ("besides crunches, what else for core?", "plank"),
    ("so what's the takeaway on running without a sore back?", "consider all elements"),  # the closing section
])
def test_the_answering_sentence_leads(bot, question, phrase):
    answer = bot.ask(question)
    assert answer.status == "answered"
    assert phrase in answer.citations[0].quote, answer.citations[0].quote


@pytest.mark.slow
@pytest.mark.parametrize("question", ["bottom line?", "give me the gist", "tl;dr",
                                      "so what's the overall message of the article?"])
def test_a_bare_request_for_the_overall_message_gets_the_closing_section(bot, question):
    """A summary request names no topic: it asks for what the articles say as a whole, so it
    is answered with the closing section, not refused for lack of a topic."""
    closing = bot.ask("so what's the takeaway on running without a sore back?").citations[0].anchor
    answer = bot.ask(question)
    assert answer.status == "answered" and answer.citations[0].anchor == closing


@pytest.mark.slow
def test_a_summary_request_about_something_uncovered_is_still_refused(bot):
    assert bot.ask("what's the bottom line on ibuprofen?").status == "out_of_scope"


def test_summary_cue_words_are_the_request_not_the_topic():
    from assistant.question import summary_cue

    assert summary_cue("give me the gist") == {"gist", "give"}
    assert summary_cue("so what's the overall message of the article?") == {"overall", "message"}
    assert summary_cue("what's the point of stretching?") == frozenset()  # no summary asked for


@pytest.mark.slow
def test_search_ranks_the_answering_chunk_first(bot):
    hits = bot.search("how long to hold each knee to my chest")
    assert "20 seconds" in hits[0].text
    assert [h.rank for h in hits] == list(range(1, len(hits) + 1))


def test_a_focus_word_common_in_english_weighs_less_than_one_rare_in_both(bot):
    """"hold" is as rare as "plank" in the article (both name what stretches and core work do)
    but common in English, with many senses: it says less about which sentence answers."""
    from assistant.lexical import stem
    from assistant.reader import Reading, typed_forms

    reading = Reading.of(analyse("how do I hold a plank?"), bot.lexicon, bot.related)
    hold, plank = reading.weights[stem("hold")], reading.weights[stem("plank")]
    assert bot.lexicon.idf(stem("hold")) <= 1.5 * bot.lexicon.idf(stem("plank"))
    assert hold < 0.6 * plank
    assert typed_forms("Stretching helps?") == {stem("stretching"): "stretching", stem("helps"): "helps"}


@pytest.mark.slow
def test_a_short_section_is_quoted_whole_with_the_answering_sentence_first(bot, monkeypatch):
    """The stride section is four sentences: a question about landing gets all of them, the
    reader's lead still first; with the setting off, only the sentences the reader chose."""
    question = "how should my foot land when I run?"
    section = bot._section_chunks["lower-back-pain-and-running#stride-and-foot-strike"]
    sentences = [p.text for c in section for p in c.passages]
    answer = bot.ask(question)
    quoted = " ".join(c.quote for c in answer.citations).replace("**", "")
    assert all(s in quoted for s in sentences)
    monkeypatch.setattr(bot, "settings", replace(bot.settings, whole_section_chars=0))
    bot.retriever.clear_caches()
    fewer = bot.ask(question)
    assert fewer.citations[0].quote == answer.citations[0].quote
    assert not all(s in " ".join(c.quote for c in fewer.citations).replace("**", "") for s in sentences)


@pytest.mark.parametrize("text", ["should I see a doctor?", "when do I need a GP for this?", "Is it serious?",
                                  "do I need an MRI?", "should I be worried?", "when to see a physio?",
                                  "My back aches after runs. Should I get it checked by a doctor?",
                                  "could this be something serious?", "at what point should I go to A&E?"])
def test_a_question_whether_to_see_a_clinician(text):
    assert asks_for_a_clinician(text)


@pytest.mark.parametrize("text", ["my doctor told me to stop running, is that right?", "which stretches help?",
                                  "is my posture serious business?", "should I see my running coach?",
                                  "the GP said it's muscular, what stretches?", "do I need new shoes?",
                                  "should I get my shoes fitted by a professional?", "should I ask someone at the shop?"])
def test_not_a_question_whether_to_see_a_clinician(text):
    assert not asks_for_a_clinician(text)


@pytest.mark.parametrize(("text", "pain"), [("I'm in agony", True), ("my back is killing me", True),
                                            ("sore after runs", True), ("Back aching", True),
                                            ("how do I bake bread?", False), ("which shoes?", False),
                                            ("painting my fence", False), ("my waist is paining", True)])
def test_a_message_that_tells_of_pain(text, pain):
    assert tells_of_pain(text) is pain
