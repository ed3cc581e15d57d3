"""The real pipeline: bundled model, real FAISS index, real answers."""

import json
import re
import time
from dataclasses import replace

import pytest

from assistant import Answer, Hit, InvalidInputError
from assistant.answer import CLINICIAN_NOTE, SEE_A_CLINICIAN, SMALL_TALK_REPLY, warning_sign_note, without_sources
from assistant.chunking import split_sentences
from assistant.core import plurals_corrected
from assistant.corpus import normalize_ws
from assistant.safety import RedFlag

DOC = "lower-back-pain-and-running"
POSTURE, STRETCH, CORE = "watch-your-posture", "stretching-without-straining-the-back", "core-strength"
SHOES, STRIDE, INTRO, CLOSING = ("choosing-running-shoes", "stride-and-foot-strike",
                                 "why-running-gets-blamed-for-back-pain", "looking-at-the-whole-picture")

# (question, section that must be the top hit) — the tests' own questions, not the eval set's.
RETRIEVAL = [
    ("which running shoes suit a low arch", SHOES),
    ("should I get cushioned shoes for high arches", SHOES),
    ("what should running shoes feel like", SHOES),
    ("do I need to bring socks when buying shoes", SHOES),
    ("is a neutral spine the best posture", POSTURE),
    ("can a mirror help me with posture", POSTURE),
    ("hips pushed forward when running", POSTURE),
    ("knee to chest stretch", STRETCH),
    ("how long do I hold each knee", STRETCH),
    ("push the small of my back to the floor", STRETCH),
    ("twisting the torso while standing", STRETCH),
    ("are common stretches bad for the lower back", STRETCH),
    ("does stretching before exercise reduce injuries", STRETCH),
    ("why do strong abdominals help runners", CORE),
    ("should I add planks to my training", CORE),
    ("does core stability matter for back pain", CORE),
    ("heel toe running form", STRIDE),
    ("my stride changes when I get tired", STRIDE),
    ("foot placement and shin splints", STRIDE),
    ("should I stop running because of back pain", INTRO),
    ("is back pain common for new runners", INTRO),
    ("the body works synergistically", CLOSING),
]


@pytest.mark.parametrize("query,anchor", RETRIEVAL)
def test_hybrid_search_finds_the_section_in_the_top_three(bot, query, anchor):
    hits = bot.search(query, k=3)
    assert anchor in [h.anchor for h in hits], [h.anchor for h in hits]


def test_hybrid_search_ranks_the_right_section_first_for_most_questions(bot):
    misses = [q for q, anchor in RETRIEVAL if bot.search(q, k=1)[0].anchor != anchor]
    assert len(misses) <= len(RETRIEVAL) // 10, misses


def test_search_hits_shape_and_order(bot):
    hits = bot.search("running shoes", k=4)
    assert [h.rank for h in hits] == [1, 2, 3, 4]
    assert all(isinstance(h, Hit) for h in hits)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert set(hits[0].to_dict()) == {"rank", "score", "chunk_id", "document", "section", "anchor", "text"}
    assert hits[0].chunk_id.startswith(f"{DOC}#")


@pytest.mark.parametrize("mode", ["dense", "bm25", "hybrid"])
def test_every_retriever_mode_works(bot, mode):
    assert bot.search("motion control shoes for a low arch", k=2, mode=mode)[0].anchor == SHOES


def test_k_larger_than_corpus_returns_all_chunks(bot):
    assert len(bot.search("running", k=100)) == len(bot.index.chunks)


def test_knee_to_chest_answer(bot):
    answer = bot.ask("How long should I hold the knee to chest stretch?")
    assert answer.status == "answered"
    assert "20 seconds" in answer.answer
    assert answer.citations[0].anchor == STRETCH
    assert "20 seconds" in answer.citations[0].quote


def test_flat_feet_answer_leads_with_motion_control(bot):
    answer = bot.ask("I have flat feet, which running shoes should I buy?")
    assert answer.status == "answered"
    assert "motion control" in answer.citations[0].quote
    assert answer.citations[0].section == "Lower Back Pain and Running › Choosing Running Shoes"


def test_list_question_gets_the_list(bot):
    answer = bot.ask("What stretches can I do?")
    items = [line for line in answer.answer.splitlines() if re.match(r"^\d\. ", line)]
    assert len(items) == 3 and all(re.search(r"\[\d+\]$", line) for line in items)
    assert all(c.anchor == STRETCH for c in answer.citations)


def test_a_list_comes_with_what_its_paragraph_says_of_it(bot):
    """"The key to stretching is ... Good stretching exercises may include:": the list, then the
    paragraph's statement about its items (after the list, so an item still leads)."""
    answer = bot.ask("which stretches are ok for a bad back?")
    assert re.match(r"^1\. ", answer.answer)
    assert answer.citations[-1].quote.startswith("The key to stretching")
    assert "may include:" not in answer.answer  # the lead-in itself would end on a colon


def test_a_list_question_naming_one_item_gets_that_item(bot):
    """"the steps for the standing twist": one item answers far better than the others, and the
    question asks for no several of them; "all the stretches" still gets the list."""
    one = bot.ask("what are the steps of the standing torso twist?")
    assert one.citations[0].quote.startswith("Whilst standing")
    assert not re.search(r"^1\. ", one.answer, re.MULTILINE)
    every = bot.ask("what are the steps of all the stretches, the standing twist too?")
    assert len([line for line in every.answer.splitlines() if re.match(r"^\d\. ", line)]) == 3


def test_a_misspelt_list_word_still_gets_the_list(bot):
    """A misspelt plural ("stretchs") asks for a list as the word spelt right does; a misspelt
    singular ("strech") is not made a plural by the correction."""
    assert plurals_corrected("good stretchs for my back?", "good stretches for my back?") == "good stretches for my back?"
    assert plurals_corrected("strech for my back?", "stretches for my back?") == "strech for my back?"
    assert plurals_corrected("backpain stretchs", "back pain stretches") == "backpain stretchs"  # words split: as typed
    answer = bot.ask("good stretchs for a stiff lower back?")
    items = [line for line in answer.answer.splitlines() if re.match(r"^\d\. ", line)]
    assert len(items) == 3 and all(c.anchor == STRETCH for c in answer.citations)
    assert not bot.ask("strech for my back?").answer.startswith("1. ")


def test_a_list_question_about_a_section_in_prose_gets_all_of_it(bot):
    """Several things asked for, and the section makes its points in prose: every point is
    quoted, the answering sentence still first."""
    answer = bot.ask("Any tips for picking running shoes?")
    section = [c for c in bot.index.chunks if c.section_id.endswith("#choosing-running-shoes")]
    assert all(p.text in answer.answer for c in section for p in c.passages)
    assert answer.citations[0].anchor == SHOES  # a sentence of the section leads
    assert answer.answer.count("Runners should be light") == 1  # each sentence once
    # one thing asked for: the usual few quotes
    one = bot.ask("Should running shoes be light?")
    assert not all(p.text in one.answer for c in section for p in c.passages)


ASKED = [q for q, _ in RETRIEVAL] + [
    "what shoes for flat feet", "best posture for running", "core exercises for runners",
    "what stretches can I do?", "how should my foot land", "and what about my stride?",
]


def test_in_scope_questions_are_answered(bot):
    refused = [q for q in ASKED if bot.ask(q).status != "answered"]
    assert len(refused) <= len(ASKED) // 10, refused


@pytest.mark.parametrize("question", ASKED)
def test_every_sentence_is_verbatim_and_cited_to_its_section(bot, question):
    answer = bot.ask(question)
    if answer.status != "answered":
        assert answer.citations == ()
        return
    sections = {s.section_id: s for s in bot.corpus.sections}
    body = answer.answer.split("**Sources**")[0]
    markers = [int(n) for n in re.findall(r"\[(\d+)\]", body)]
    # each quote's sentences carry its marker, quotes numbered in order
    assert list(dict.fromkeys(markers)) == [c.n for c in answer.citations] == list(range(1, len(answer.citations) + 1))
    plain = body.replace("**", "")  # the answering words may be in bold; the words are the quote's
    for c in answer.citations:
        section = sections[f"{c.document}#{c.anchor}"]
        assert normalize_ws(c.quote) in normalize_ws(section.text)
        assert re.sub(r" \[\d+\]", "", plain).count(c.quote) >= 1
        for sentence in split_sentences(c.quote):
            assert f"{sentence} [{c.n}]" in plain
        assert c.section == section.title
    # every sentence of the body is followed by a marker: nothing is said without a source
    stripped = re.sub(r"^\d+\. ", "", plain.strip(), flags=re.M)
    for piece in re.split(r"\[\d+\]", stripped)[:-1]:
        assert piece.strip() and normalize_ws(piece.strip()) in normalize_ws(
            " ".join(s.text for s in bot.corpus.sections))
    assert len(body) < 1000 or "1. " in body
    assert "not a diagnosis" in answer.answer and "**Sources**" in answer.answer


@pytest.mark.parametrize("question", [
    "how do I make sourdough bread?", "what is the capital of France", "how do I file my tax return",
    "write me a python function", "how often should I change my car's oil", "help me pick a mortgage",
])
def test_out_of_scope_is_refused_with_suggestions(bot, question):
    answer = bot.ask(question)
    assert answer.status == "out_of_scope"
    assert answer.citations == ()
    assert "don't cover" in answer.answer
    assert answer.suggestions and all(s in answer.answer for s in answer.suggestions)


@pytest.mark.parametrize(("message", "kind"), [
    ("hi", "greeting"), ("Hello there :)", "greeting"), ("thanks, that's helpful!", "thanks"),
    ("thx so much for the help mate", "thanks"), ("ok cool", "acknowledgement"), ("ok bye, cheers!", "farewell"),
    ("are you a doctor?", "about"),
])
def test_small_talk_gets_a_reply_of_its_kind_and_quotes_nothing(bot, message, kind):
    answer = bot.ask(message)
    assert answer.status == "small_talk" and answer.citations == () and "[1]" not in answer.answer
    assert answer.answer.startswith(SMALL_TALK_REPLY[kind].split("{")[0].split(".")[0])
    if kind in ("greeting", "about"):  # what the articles cover, and questions to start with
        assert "choosing running shoes" in answer.answer and answer.suggestions
        assert all(s in answer.answer for s in answer.suggestions)


@pytest.mark.parametrize("message", ["what are your sources?", "who wrote this?", "where does this info come from?"])
def test_a_question_about_the_sources_gets_the_articles_linked(bot, message):
    answer = bot.ask(message)
    assert answer.status == "small_talk" and answer.citations == ()
    assert "word for word" in answer.answer
    assert "- [Lower Back Pain and Running](corpus/lower-back-pain-and-running.md)" in answer.answer


@pytest.mark.parametrize(("message", "status"), [
    ("thanks, and how long do I hold the knee to chest stretch?", "answered"),
    ("hi, my back hurts and I can't control my bladder", "urgent"),
    ("ok thanks, but how do I bake sourdough bread?", "out_of_scope"),
])
def test_a_message_that_says_more_than_hello_is_read_as_a_question(bot, message, status):
    assert bot.ask(message).status == status


def test_emergency_reply_has_no_self_care(bot):
    answer = bot.ask("my back hurts and I can't control my bladder")
    assert answer.status == "urgent"
    assert "emergency" in answer.answer.lower() and "now" in answer.answer
    assert answer.citations == ()
    assert "stretch" not in answer.answer.lower()


def test_urgent_tier_sees_a_doctor_today_then_may_add_advice(bot):
    answer = bot.ask("I've had a fever for two days and my back hurts, what stretches can I do?")
    assert answer.status == "urgent"
    assert answer.answer.startswith("**Please see a doctor today.**")
    assert answer.citations and answer.citations[0].anchor == STRETCH


def test_ordinary_ache_is_answered_not_flagged(bot):
    answer = bot.ask("my back is sore after long runs, what stretches help?")
    assert answer.status == "answered"


def test_the_model_reads_a_misspelt_question_corrected(bot):
    assert bot.retriever.dense_text("runing shoes for flat feet") == "running shoes for flat feet"
    misspelt = bot.retriever.embed("runing shoes for flat feet")
    assert float(misspelt @ bot.retriever.embed("running shoes for flat feet")) > 0.99
    assert bot.retriever.dense_text("knee to chest") == "knee to chest"  # corpus words stay


def test_follow_up_uses_the_conversation(bot):
    history = [{"role": "user", "content": "I have flat feet, which running shoes should I buy?"},
               {"role": "assistant", "content": "If you have a low arch choose runners with motion control [1]"}]
    answer = bot.ask("and what about high arches?", history=history)
    assert answer.status == "answered"
    assert answer.citations[0].anchor == SHOES
    assert "cushioned" in answer.answer


def test_a_follow_up_that_matches_nothing_alone_is_read_with_the_question_before(bot):
    history = [{"role": "user", "content": "how should my foot land when I run?"},
               {"role": "assistant", "content": "Heel-toe-heel-toe is the natural foot strike [1]"}]
    answer = bot.ask("and why does it matter so much?", history=history)
    assert answer.status == "answered"
    assert answer.citations[0].anchor == STRIDE
    assert bot.ask("and why does it matter so much?").status == "out_of_scope"  # alone it says nothing


def test_whether_it_is_one_thing_or_many_is_answered_by_the_whole_message(bot):
    """A story of remedies tried, asking whether it is one thing or many: the article's closing
    section answers that, not the sections the story names."""
    answer = bot.ask("I've changed my trainers and I stretch every day, but my back still aches after runs. "
                     "Is it usually a combination of factors?")
    assert answer.status == "answered" and answer.citations[0].anchor == CLOSING


@pytest.mark.parametrize("previous, follow_up, section", [
    ("is a strong core good for my back?", "which exercises tho", CORE),
    ("what posture is best when running?", "anything else?", POSTURE),
    # a short question of words several sections share: about what was asked before
    ("does core strength help?", "what exercises?", CORE),
    ("which shoes for flat feet?", "stretches?", STRETCH),  # a word of one section: a new subject
])
def test_a_follow_up_asking_for_more_is_read_with_the_question_before(bot, previous, follow_up, section):
    """"anything else?", "the rest", "... tho", or a short question of words several sections share
    ("what exercises?"): the question before says what more of is wanted."""
    history = [{"role": "user", "content": previous}, {"role": "assistant", "content": "..."}]
    answer = bot.ask(follow_up, history=history)
    assert answer.status == "answered" and answer.citations[0].anchor == section


@pytest.mark.parametrize("follow_up, item", [("ok, and the 2nd one?", 2), ("number 3?", 3),
                                              ("how do I do the last one?", 3)])
def test_a_follow_up_pointing_at_a_list_item_gets_that_item(bot, follow_up, item):
    history = [{"role": "user", "content": "what stretches are in the article?"},
               {"role": "assistant", "content": "There are three stretches [1]"}]
    stretches = [p for c in bot.index.chunks if c.anchor == STRETCH for p in c.passages if p.kind == "item"]
    assert len(stretches) == 3
    answer = bot.ask(follow_up, history=history)
    assert answer.status == "answered"
    first_quote = answer.answer.split("[1]")[0]
    assert stretches[item - 1].text[:40] in first_quote.replace("**", "")
    assert all(s.text[:40] not in answer.answer for n, s in enumerate(stretches, 1) if n != item)


def test_which_ones_after_a_question_on_stretching_gets_the_list(bot):
    """"which ones?" points back at several things: the list, not the sentences around it."""
    stretches = [p for c in bot.index.chunks if c.anchor == STRETCH for p in c.passages if p.kind == "item"]
    history = [{"role": "user", "content": "does stretching before running help?"}, {"role": "assistant", "content": "..."}]
    answer = bot.ask("which ones don't strain the back?", history=history)
    assert answer.status == "answered"
    assert all(s.text[:40] in answer.answer for s in stretches)


def test_a_list_item_pointed_at_after_another_item_is_found_in_its_own_chunk(bot):
    """The question before names the first item ("how long do I hold the first one?"), so the pair
    finds that item's chunk; "the second one" is in another chunk of the same list, and is quoted."""
    stretches = [p for c in bot.index.chunks if c.anchor == STRETCH for p in c.passages if p.kind == "item"]
    history = [{"role": "user", "content": "what stretches can I do?"}, {"role": "assistant", "content": "..."},
               {"role": "user", "content": "how long should I hold the first one?"},
               {"role": "assistant", "content": "..."}]
    for follow_up, item in (("and the second one?", 2), ("and the last one?", 3)):
        answer = bot.ask(follow_up, history=history)
        assert answer.status == "answered"
        assert stretches[item - 1].text[:40] in answer.answer.split("[1]")[0].replace("**", "")
        assert stretches[0].text[:40] not in answer.answer


def test_a_body_part_named_as_the_whole_is_grounded_by_its_part(bot):
    """"Arms" is not in the article; "elbows raised at shoulder height" is, and an elbow is part
    of an arm (the index's part-whole table), so the question is about what the passage says."""
    question = "what do I do with my arms?"
    results = bot.retriever.retrieve(question, bot.settings.top_k)
    grounding = bot.ground(question, results, bot.confidence(results, question))
    assert "arms" in grounding.grounded and grounding.answerable
    assert bot.parts["arm"].get("elbow", 0) > 0 and "arm" not in bot.related("arm")
    answer = bot.ask(question)
    assert answer.status == "answered" and "elbows raised at shoulder height" in answer.answer


def test_unrelated_follow_up_is_still_out_of_scope(bot):
    history = [{"role": "user", "content": "which running shoes should I buy?"}]
    assert bot.ask("what about sourdough bread?", history=history).status == "out_of_scope"
    assert bot.ask("and how do I cook pasta?", history=history).status == "out_of_scope"


@pytest.mark.parametrize("follow_up", ["should i wear them for hiking too?", "should i take turmeric for it then",
                                       "what about my achilles tendon?"])
def test_a_follow_up_that_brings_a_new_subject_is_not_vouched_for_by_the_question_before(bot, follow_up,
                                                                                         monkeypatch):
    """The pair "shoes question + follow-up" matches the article as well as the shoes question
    does, whatever the follow-up asks; a follow-up naming an uncommon word the passages lack
    must ground on its own, and these do not."""
    history = [{"role": "user", "content": "which running shoes should I buy?"},
               {"role": "assistant", "content": "If you have a low arch choose runners with motion control [1]"}]
    assert bot.ask(follow_up, history=history).status == "out_of_scope"
    monkeypatch.setattr(bot, "settings", replace(bot.settings, follow_up_new_subject=float("inf")))
    assert bot.ask(follow_up, history=history).status == "answered"  # the guard is what refuses


@pytest.mark.parametrize("follow_up", ["how long should i hold each one?", "and which one is best before a run?",
                                       "thx, does't matter which knee first?"])  # a misspelling is no new subject
def test_a_follow_up_in_the_previous_answers_own_words_is_still_answered(bot, follow_up):
    history = [{"role": "user", "content": "what stretches help a sore lower back after running?"},
               {"role": "assistant", "content": "Bring each knee up to the chest and hold for around 20 seconds [1]"}]
    answer = bot.ask(follow_up, history=history)
    assert answer.status == "answered" and STRETCH in {c.anchor for c in answer.citations}


@pytest.mark.parametrize("question", ["", "   \n\t ", "\x00\x01"])
def test_empty_questions_are_invalid_input(bot, question):
    answer = bot.ask(question)
    assert answer.status == "invalid_input" and "Please type a question" in answer.answer


def test_overlong_question_is_rejected_clearly(bot):
    answer = bot.ask("running shoes " * 300)
    assert answer.status == "invalid_input"
    assert "limit is 2,000" in answer.answer


def test_control_characters_are_stripped(bot):
    answer = bot.ask("how long\x07 should I hold the knee\u202e to chest stretch?\x00")
    assert answer.status == "answered" and "20 seconds" in answer.answer
    assert "\x07" not in answer.question


@pytest.mark.parametrize("history", ["not a list", [{"role": "robot", "content": "x"}], [{"role": "user"}], [1]])
def test_malformed_history_is_a_clear_error(bot, history):
    with pytest.raises(InvalidInputError, match="history"):
        bot.ask("and high arches?", history=history)


@pytest.mark.parametrize("k", [0, -1, 101, "3", 2.5, True])
def test_bad_k_is_a_clear_error(bot, k):
    with pytest.raises(InvalidInputError, match="k must be"):
        bot.search("shoes", k=k)


def test_answer_json_shape(bot):
    data = bot.ask("What posture should I keep while running?").to_dict()
    assert list(data) == ["question", "status", "answer", "citations"]
    assert set(data["citations"][0]) == {"n", "document", "section", "anchor", "quote"}
    json.dumps(data)
    assert isinstance(bot.ask("x"), Answer)


def test_answers_are_fast(bot):
    """Not a timing gate (see bench/ for numbers): a sanity bound far above the real median."""
    bot.ask("warm up")
    start = time.perf_counter()
    for _ in range(5):
        bot.ask("Which shoes should I wear for a high arch?")
    assert (time.perf_counter() - start) / 5 < 1.0


def test_many_documents_are_cited_by_their_own_names(tmp_path, fake_embedder):
    """Nothing assumes one article: two documents, each question cited to the right one."""
    from assistant import Assistant, Settings

    from .conftest import write_corpus

    corpus = write_corpus(tmp_path / "corpus", {
        "shoes.md": "# Shoes\n\n## Arches\n\nA low arch needs motion control shoes.\n",
        "sleep/rest.md": "---\ntitle: Rest Days\nquestions: ['How much sleep do runners need?']\n---\n"
                         "## Sleep\n\nRunners recover best with eight hours of sleep.\n",
    })
    settings = Settings(corpus_dir=corpus, index_dir=tmp_path / "index", scope_threshold=0.1)
    bot = Assistant.load(settings=settings, embedder=fake_embedder, progress=False)
    assert {d.id for d in bot.corpus.documents} == {"shoes", "sleep/rest"}
    sleep = bot.ask("how many hours of sleep do runners need")
    assert sleep.citations[0].document == "sleep/rest" and sleep.citations[0].anchor == "sleep"
    assert "(corpus/sleep/rest.md#sleep)" in sleep.answer
    assert bot.ask("motion control for a low arch").citations[0].document == "shoes"
    assert "How much sleep do runners need?" in bot.suggestions
    sources = bot.ask("what are your sources?").answer  # every article, by its title, linked
    assert "- [Shoes](corpus/shoes.md)" in sources and "- [Rest Days](corpus/sleep/rest.md)" in sources


def test_a_warning_sign_note_says_back_pain_once():
    chest = RedFlag("emergency", "chest pain together with the back pain")
    fever = RedFlag("urgent", "fever, a high temperature or chills")
    note = warning_sign_note((chest, fever))
    assert note.startswith("**Good to know:** Chest pain together with the back pain is a warning sign")
    assert "Fever, a high temperature or chills together with back pain is a warning sign" in note
    assert note.count("back pain") == 2


def test_a_warning_sign_asked_about_gets_what_it_calls_for_not_a_referral(bot):
    """A question about a warning sign, not a report of one: the answer says what the sign calls
    for, as a note that quotes nothing (so every quoted sentence is still cited), and answers or
    declines as usual."""
    out = bot.ask("What does saddle numbness mean?")
    assert out.status == "out_of_scope" and out.answer.startswith("**Good to know:**")
    assert "emergency number" in out.answer.split("\n\n")[0]
    answered = bot.ask("I read that numbness in the groin is a warning sign. Which stretches are safe for my lower back?")
    assert answered.status == "answered" and answered.citations
    body, sources = answered.answer.split("**Sources**")
    assert "Good to know" not in body and "Good to know" in sources  # after the quotes and their sources
    assert "Good to know" in without_sources(answered.answer) and "**Sources**" not in without_sources(answered.answer)
    assert "Good to know" not in bot.ask("Which stretches are safe for my lower back?").answer


@pytest.mark.parametrize("question", ["should I see a doctor?", "Is it serious?", "when should I see a physio?",
                                      "my back aches after runs, do I need an x-ray?"])
def test_a_question_whether_to_see_a_clinician_is_told_when(bot, question):
    """The articles do not say when to see a doctor; the reply says when (the red-flag guidance the
    product follows), as a note that quotes nothing, and answers or declines as usual."""
    out = bot.ask(question)
    assert out.status in ("answered", "out_of_scope")
    assert CLINICIAN_NOTE in out.answer and "emergency number now" in out.answer
    if out.status == "out_of_scope":
        assert out.answer.startswith("**When to see someone:**")
    assert CLINICIAN_NOTE not in bot.ask("do I need new running shoes?").answer


def test_a_refusal_to_someone_in_pain_says_when_to_see_a_doctor(bot):
    out = bot.ask("I'm in agony")
    assert out.status == "out_of_scope"
    assert out.answer.split("\n\n")[0].endswith(SEE_A_CLINICIAN)
    assert SEE_A_CLINICIAN not in bot.ask("how do I bake sourdough bread?").answer


def test_an_answer_says_what_the_articles_never_mention(bot):
    """A question naming a thing no article mentions, answered anyway (its words still match
    the articles), says so before the closest passages, in the question's own words; the quotes
    stay verbatim and cited, and the note is not a quote. A question the articles cover has none."""
    out = bot.ask("Does foam rolling help lower back pain from running?")
    assert out.status == "answered" and out.citations
    first = out.answer.split("\n\n")[0]
    assert first == "_The articles never mention “foam rolling”; these are the passages closest to your question._"
    assert not any("foam" in c.quote.lower() for c in out.citations)
    assert all(normalize_ws(c.quote) in normalize_ws(bot.corpus.documents[0].text) for c in out.citations)
    assert list(out.to_dict()) == ["question", "status", "answer", "citations"]  # the API's JSON is unchanged
    covered = bot.ask("How long should I hold the knee to chest stretch?")
    assert covered.status == "answered" and "never mention" not in covered.answer
    # a word the articles use, even outside the passages quoted, is never called unmentioned
    assert "never mention" not in bot.ask("Can slouching at my desk give me back pain when I run?").answer
