"""Scope as answerability, and the WordNet thesaurus behind it. The phrasings are the tests' own."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from assistant.lexical import with_synonyms
from assistant.lexicon import body_part, build_lexicon, pain_sites
from assistant.question import choice, comparison, counted, is_comparative, without_denials
from assistant.scope import (SUBJECT_CUT, focus_words, ground, is_dictionary_word, misspelt, names_object, names_something,
                             names_thing, polar_subject, specificity, story_words, unmentioned)
from assistant.thesaurus import (PART_STRENGTH, TABLE_VERSION, build_table, corpus_table, relatives, wholes, without_generic,
                                 wordnet_installed, wordnet_reader)

from .test_reader import CHUNKS


def test_specific_words_weigh_more_than_common_ones():
    assert specificity("ibuprofen") > specificity("knee") > specificity("water") > specificity("go")


def test_focus_words_leave_out_the_frame_and_the_corpus_topic():
    lexicon = build_lexicon(CHUNKS)
    assert focus_words("Can you tell me if running with ibuprofen is ok?", lexicon) == ["ibuprofen"]
    # A polite request's words frame it too ("kindly advise", "dear sir").
    assert focus_words("Dear sir, kindly advise: is ibuprofen ok?", lexicon) == ["ibuprofen"]


def test_a_question_about_something_the_passages_never_mention_is_not_grounded():
    lexicon = build_lexicon(CHUNKS)
    covered = ground("which shoes are best for running on roads?", CHUNKS[:1], 0.6, lexicon)
    elsewhere = ground("which insoles are best for running on roads?", CHUNKS[:1], 0.6, lexicon)
    assert covered.missing == () and "insoles" in elsewhere.missing
    assert covered.probability > elsewhere.probability


def test_the_thesaurus_grounds_everyday_words():
    lexicon = build_lexicon(CHUNKS)
    related = {"sneaker": {"shoe": 0.7}}.get
    plain = ground("sneakers for road running?", CHUNKS[:1], 0.5, lexicon)
    with_thesaurus = ground("sneakers for road running?", CHUNKS[:1], 0.5, lexicon, lambda s: related(s) or {})
    assert "sneakers" in plain.missing and "sneakers" in with_thesaurus.grounded
    assert with_thesaurus.probability > plain.probability


def test_regional_words_ground_as_their_corpus_word(bot):
    """The lay and regional words BM25 reads as the corpus's ("trainers" for "shoes") count as
    synonyms when judging scope too, on top of the index's WordNet table."""
    assert with_synonyms({})["trainer"] == {"shoe": 1.0}
    assert with_synonyms({"trainer": {"coach": 0.7}})["trainer"] == {"coach": 0.7, "shoe": 1.0}
    assert bot.related("trainer")["shoe"] == 1.0
    _, _, grounding = bot.scoped("which trainers should I buy for flat feet")
    assert "trainers" in grounding.grounded and grounding.answerable


def test_kinds_of_too_general_words_do_not_ground_but_synonyms_and_topic_words_do():
    # "individual" has three kinds here, "shoe" one: with at most two allowed, being a kind of
    # an individual grounds nothing, being a kind of a shoe still does
    table = {"machin": {"individu": 0.7}, "golfer": {"individu": 0.5}, "connect": {"individu": 0.5},
             "sneaker": {"shoe": 0.7}, "person": {"individu": 1.0}, "sore": {"pain": 0.7},
             "ach": {"pain": 0.7}, "sting": {"pain": 0.5}}
    out = without_generic(table, keep={"pain"}, most=2)
    assert "machin" not in out and "connect" not in out
    assert out["sneaker"] == {"shoe": 0.7} and out["person"] == {"individu": 1.0}  # a synonym stays
    assert out["sore"] == {"pain": 0.7}  # the corpus's topic word keeps its kinds
    assert without_generic(table, most=3) == table


def test_a_question_grounded_only_as_a_kind_of_a_general_word_is_refused(bot):
    """WordNet lists golf among the kinds of "action" (a word of the article): that is no
    ground for answering a question about golf."""
    assert "action" in bot.related("golf")  # the reader may still use the link
    assert "action" not in bot.grounded_by("golf")
    _, _, grounding = bot.scoped("Is golf bad for my lower back?")
    assert grounding.missing == ("golf",) and not grounding.answerable
    assert bot.ask("Is golf bad for my lower back?").status == "out_of_scope"


def test_a_vague_asking_sentence_is_read_with_the_story_before_it(bot):
    story = ("My physio reckons my left foot rolls in when I get tired on long runs, and my back has "
             "started to ache near the end. ")
    lexicon = bot.lexicon
    assert focus_words(story + "Is that connected?", lexicon) == ["connected"]
    assert {"foot", "tired"} <= set(story_words(story + "Is that connected?", ["connected"], lexicon))
    _, _, alone = bot.scoped("Is that connected?")
    _, _, with_story = bot.scoped(story + "Is that connected?")
    assert not alone.answerable and with_story.answerable
    assert "foot" in with_story.grounded
    assert bot.ask(story + "Is that connected?").status == "answered"
    # the story counts for less than the asking sentence: a question about a new thing is still
    # judged by that thing
    _, _, naproxen = bot.scoped(story + "Can I take naproxen for it?")
    assert not naproxen.answerable


@pytest.mark.parametrize("question, options", [
    ("Should I use ice or heat on it?", (("ice",), ("heat",))),
    ("run in the morning or the arvo if my back is stiff?", (("morning",), ("arvo",))),
    ("Deep Heat or Voltaren gel before a jog?", (("deep", "heat"), ("voltaren", "gel"))),
    ("osteopath vs chiropractor, which is better?", (("osteopath",), ("chiropractor",))),
    ("does a strong core help or is it a myth?", None),  # a clause, not a thing
    ("should I rest or should I keep running?", None),
    ("no numbness or anything, how long do I hold it?", None),  # a vague alternative
    ("face up or face down?", None),  # "up" and "down" are not content words
])
def test_the_two_things_a_question_offers_a_choice_between(question, options):
    assert choice(question) == options


def test_a_thing_is_a_noun_first_or_a_name_not_a_quality():
    assert names_thing(["cotton"]) and names_thing(["sauna"]) and names_thing(["vinyasa"])
    assert not names_thing(["heavy"]) and not names_thing(["lite"]) and not names_thing(["peeing"])


def test_a_choice_between_two_things_the_passages_never_name_is_refused(bot):
    """The passages cannot say which of two things is better when they name neither; a choice
    between qualities, or one the passages name a side of, is judged as before."""
    _, _, socks = bot.scoped("Which socks are best for running, wool or cotton?")
    assert socks.unnamed_options and not socks.answerable
    assert bot.ask("Which socks are best for running, wool or cotton?").status == "out_of_scope"
    _, _, stretch = bot.scoped("Should I lie face up or face down for the knee to chest stretch?")
    _, _, land = bot.scoped("Should I land on my toes or my heels?")
    assert not stretch.unnamed_options and stretch.answerable and land.answerable
    _, _, light = bot.scoped("should running shoes be heavy or lite?")  # qualities, not things
    assert not light.unnamed_options


def test_the_parts_of_the_body_a_text_ties_a_pain_to():
    assert pain_sites("Can flat feet cause knee pain?") == {"knee"}
    assert pain_sites("my knees ache and there's a pain in my heel") == {"knee", "heel"}
    assert pain_sites("sore hamstrings after a run") == {"hamstring"}
    assert pain_sites("less strain on the spine") == {"spine"}
    assert pain_sites("my hip flexors are really tight") == {"flexor"} and pain_sites("tight hamstrings") == {"hamstring"}
    assert pain_sites("a small pain after a long run, my shoes hurt") == frozenset()  # no part of the body
    assert body_part("feet") == "foot" and body_part("running") == ""


def test_a_pain_the_corpus_never_speaks_of_is_refused(bot):
    """The article speaks of pain in the back (and strain on the spine): a question about pain in
    the knee is about another pain, even though the article mentions knees; one that also
    names the back, or tells of the knee only in its story, is judged as before."""
    assert bot.lexicon.pain_sites == {"back", "spine"}
    _, _, knee = bot.scoped("Can tight calves cause knee pain when running?")
    assert knee.other_pain == {"knee"} and not knee.answerable and "knee" not in knee.missing
    assert bot.ask("Can tight calves cause knee pain when running?").status == "out_of_scope"
    _, _, both = bot.scoped("My lower back and knees ache after runs, what stretches help?")
    assert not both.other_pain and both.answerable
    _, _, story = bot.scoped("I've a bit of a sore knee from football. How long should I hold the knee to chest stretch?")
    assert not story.other_pain and story.answerable


def test_the_two_things_a_question_compares():
    assert comparison("is the dead bug exercise better than crunches?") == (("bug", "exercise"), ("crunches",))
    assert comparison("Is the cross trainer gentler on your back than jogging?") == (("cross", "trainer"), ("jogging",))
    assert comparison("is it better to stretch before than after?") is None
    assert is_comparative("gentler") and is_comparative("easier") and is_comparative("worse")
    assert not is_comparative("runner") and not is_comparative("trainer") and not is_comparative("after")


def test_a_comparison_with_a_thing_the_passages_never_name_is_refused(bot):
    _, _, kettlebells = bot.scoped("Are kettlebells better than planks for my core?")
    assert kettlebells.unnamed_options and not kettlebells.answerable
    assert replace(kettlebells, unnamed_options=False).answerable  # the comparison alone decides
    _, _, shoes = bot.scoped("Are cushioned running shoes better than motion control for a low arch?")
    assert not shoes.unnamed_options and shoes.answerable


def test_a_count_of_something_the_passages_never_name_is_refused(bot):
    assert counted("How many miles a week should I run?") == "miles"
    assert counted("how many more reps?") == "reps" and counted("how much is too much?") is None
    _, _, miles = bot.scoped("How many miles can I run in my running shoes before I replace them?")
    assert miles.uncounted == "miles" and not miles.answerable
    assert replace(miles, uncounted="").answerable  # the count alone decides: the rest grounds
    _, _, seconds = bot.scoped("How many seconds do I hold the knee to chest stretch?")
    assert not seconds.uncounted and seconds.answerable
    assert bot.ask("How many reps of the plank should I do?").status == "out_of_scope"


def test_how_long_or_how_often_with_no_such_answer_in_the_passages_is_refused(bot):
    """The passages that name what a "how long" or "how often" question is about must hold a
    duration or a frequency; the article gives neither for planks, nor for when to buy shoes."""
    for question, kind in [("How long should I do a plank for?", "duration"),
                           ("how often should I buy new running shoes?", "frequency")]:
        _, _, grounding = bot.scoped(question)
        assert grounding.unheld_kind == kind and not grounding.answerable
        assert replace(grounding, unheld_kind="").answerable  # the missing answer alone decides
    assert bot.ask("How long will it take my back to stop hurting if I fix my posture?").status == "out_of_scope"
    # "hold for a short length of time", "shoulder width apart": held
    for question in ["How long should I hold the knee to chest stretch?",
                     "how far apart should my feet be for the torso twist?"]:
        _, _, grounding = bot.scoped(question)
        assert not grounding.unheld_kind and grounding.answerable


def test_no_focus_words_needs_a_close_match_to_be_answered():
    lexicon = build_lexicon(CHUNKS)
    assert not ground("hello", CHUNKS, 0.1, lexicon, topic_floor=0.44).answerable
    assert ground("running?", CHUNKS, 0.7, lexicon, topic_floor=0.44).answerable


@pytest.mark.skipif(not wordnet_installed(), reason="WordNet is not installed (apt-get install wordnet-base)")
def test_things_a_question_can_be_about_are_told_from_what_it_says_around_them():
    """By the file WordNet keeps a noun's first sense in: objects, substances, parts of the body,
    activities and conditions, plurals included; not people, times, places, verbs or qualities."""
    assert all(map(names_object, ["treadmill", "ibuprofen", "knees", "marathon", "sciatica", "hamstrings"]))
    assert not any(map(names_object, ["physiotherapist", "mate", "week", "park", "buy", "dodgy", "does't"]))


def test_missing_things_and_missing_words_around_them_are_counted_apart():
    lexicon = build_lexicon(CHUNKS)
    g = ground("is ibuprofen ok for my mate", CHUNKS[:1], 0.5, lexicon)
    assert {"ibuprofen", "mate"} <= set(g.missing)
    assert g.features["missing_things"] == pytest.approx(specificity("ibuprofen"))
    assert g.features["missing_other"] >= specificity("mate")


def test_real_rare_words_are_dictionary_words_and_misspellings_are_not():
    assert all(map(is_dictionary_word, ["naproxen", "cadence", "hamstrings", "blisters"]))
    assert not any(map(is_dictionary_word, ["does't", "becuase", "shld", "excercise", "ur"]))


def test_a_rare_word_the_passages_lack_vetoes_only_where_a_cut_is_set():
    """The cut is set for a follow-up read with the question before it (``core.scoped``):
    "naproxen" is a subject of its own that no passage has; a misspelling is not."""
    lexicon = build_lexicon(CHUNKS)
    # 0.8: a similarity as high as a follow-up borrows from the in-scope question before it
    drug = ground("and can I take naproxen with that?", CHUNKS[:1], 0.8, lexicon)
    typo = ground("thx, does't matter which shoes?", CHUNKS[:1], 0.7, lexicon)
    assert drug.new_word == pytest.approx(specificity("naproxen"))
    assert typo.features["missing_other"] >= 5.0 and typo.new_word == pytest.approx(specificity("matter"))
    assert drug.answerable and not replace(drug, new_subject=3.0).answerable
    assert replace(typo, new_subject=3.0).answerable == typo.answerable


@pytest.mark.parametrize("question, subject", [
    ("Is pigeon pose good for tight hips?", ["pigeon", "pose"]),
    ("does magnesium help with cramp after runs", ["magnesium"]),
    ("Are my trainers too old?", ["trainers"]),
    ("Should I stretch first?", []),  # the subject is "I": the question is about what I do
    ("Is there a supplement for back pain?", ["supplement"]),
    ("What shoes should I buy?", []),  # not a yes/no question
])
def test_the_subject_of_a_yes_no_question(question, subject):
    lexicon = build_lexicon(CHUNKS)
    assert polar_subject(question, focus_words(question, lexicon)) == subject


def test_a_yes_no_question_about_a_rare_thing_the_passages_lack_is_not_answerable():
    """However close the question is as a whole, the passages cannot say yes or no about a
    subject they never name; the same word elsewhere in the question only weighs as evidence."""
    lexicon = build_lexicon(CHUNKS)
    about = ground("Is magnesium good for runners with sore backs?", CHUNKS[:1], 0.9, lexicon)
    aside = ground("which shoes are good for runners who take magnesium?", CHUNKS[:1], 0.9, lexicon)
    assert about.subject_gap == pytest.approx(specificity("magnesium")) and about.subject_gap >= SUBJECT_CUT
    assert not about.answerable and about.probability >= 0.5
    assert aside.subject_gap == 0.0
    # an -ing form may be the article's own verb in another form: it is left to the model
    assert ground("Is cycling good for runners with sore backs?", CHUNKS[:1], 0.9, lexicon).subject_gap == 0.0


@pytest.fixture(scope="module")
def wordnet(tmp_path_factory):
    reader = wordnet_reader(tmp_path_factory.mktemp("wordnet"))
    if reader is None:
        pytest.fail("WordNet is not installed: scripts/test.sh installs Debian's wordnet-base")
    return reader


@pytest.mark.slow
def test_wordnet_relatives_are_synonyms_and_kinds(wordnet):
    shoe = relatives("shoe", wordnet)
    assert shoe.get("sneaker", 0) > 0  # a sneaker is a kind of shoe
    assert relatives("pain", wordnet).get("ach", 0) > 0  # an ache is a pain
    assert relatives("be", wordnet) == {}  # the commonest words get no relatives
    table = build_table(["shoes", "pain"], wordnet)
    assert "shoe" in table["sneaker"]


@pytest.mark.slow
def test_a_corpus_word_relates_words_only_through_senses_it_is_commonly_used_in(wordnet):
    """WordNet's rare senses ("remains" as a corpse, "posture" as sitting for a painter) do not
    make a question's "stiff" or "sit" part of what the corpus says; the common ones still do."""
    remains, posture = relatives("remains", wordnet), relatives("posture", wordnet)
    assert "stiff" not in remains and "sit" not in posture
    assert posture.get("stanc", 0) > 0  # a stance is a kind of posture
    assert relatives("shoes", wordnet).get("sneaker", 0) > 0  # reached through "shoe": first senses, as before


@pytest.mark.slow
def test_a_part_grounds_the_whole_it_belongs_to_not_the_reverse(wordnet, tmp_path):
    assert wholes("elbow", wordnet).get("arm") == PART_STRENGTH  # an elbow is part of an arm
    assert "elbow" not in wholes("arm", wordnet)  # a passage about arms says nothing of elbows
    assert wholes("be", wordnet) == {}
    parts, info = corpus_table(["elbows", "shoes"], tmp_path, relation="parts")
    assert parts["arm"] == {"elbow": PART_STRENGTH} and info["source"] == "WordNet 3.0"
    assert (tmp_path / "parts-v1.json").is_file() and not (tmp_path / f"thesaurus-v{TABLE_VERSION}.json").exists()


@pytest.mark.slow
def test_the_table_is_cached_per_machine(tmp_path, wordnet):
    table, info = corpus_table(["shoes", "stretching"], tmp_path)
    assert info["source"] == "WordNet 3.0" and "sneaker" in table
    cached = json.loads((tmp_path / f"thesaurus-v{TABLE_VERSION}.json").read_text("utf-8"))
    assert set(cached) == {"shoes", "stretching"}
    # a second corpus with the same words reads no WordNet: the cache answers
    again, _ = corpus_table(["shoes"], tmp_path)
    assert again["sneaker"] == table["sneaker"]


def test_without_wordnet_answers_still_work(tmp_path, monkeypatch):
    monkeypatch.setattr("assistant.thesaurus.wordnet_reader", lambda root: None)
    table, info = corpus_table(["shoes"], tmp_path)
    assert table == {} and info["source"] == "none"


@pytest.mark.parametrize("text, kept, blanked", [
    ("No tingling, bladder's fine, legs are fine, it's just my back. Why does it ache?", ["just my back", "why does it ache"],
     ["tingling", "bladder", "legs"]),
    ("never fell, haven't lost any weight - but my lower back is stiff after runs", ["lower back is stiff"], ["fell", "weight"]),
    ("Bowels normal. Bladder normal. Sore back after my long run, help?", ["sore back after my long run"], ["bowels", "bladder"]),
    # a question is never blanked, nor a habit left undone (often what the question is about)
    ("Is a 5k fine? I don't stretch before running.", ["is a 5k fine", "i do not stretch before running"], []),
    ("Can I run without shoes?", ["can i run without shoes"], []),
    # the writer's own checklist, each symptom asked and answered no; a question answered "no
    # idea" or a symptom answered yes stays
    ("Tingling? Not at all. Any numbness? None. Toilet? Normal. Back aching after a run? Yes.",
     ["back aching after a run"], ["tingling", "numbness", "toilet"]),
    ("Fever? Nope, never. Should I stretch? No idea.", ["should i stretch"], ["fever"]),
])
def test_denied_symptoms_are_not_what_a_message_asks_about(text, kept, blanked):
    said = " ".join(without_denials(text).split())
    assert all(k in said for k in kept) and not any(b in said for b in blanked), said


def test_an_ordinary_question_with_its_symptoms_denied_is_answered_and_a_near_topic_one_still_refused(bot):
    # the denials' words ("tingling", "bladder") match nothing, and lowered the message's match
    # with the articles until it was refused
    asked = "No tingling anywhere, bladder's fine, legs feel normal. Is a sore lower back after a long run normal?"
    assert bot.ask(asked).status == "answered"
    assert bot.ask("No fever or anything. Is ibuprofen OK before a run?").status == "out_of_scope"


def test_what_the_corpus_never_mentions_is_named_in_the_questions_own_words():
    missing = frozenset({"custom", "orthotics", "shelf", "insoles", "chemist", "enough"})
    question = "Should I get custom orthotics, or are off-the-shelf insoles from the chemist good enough?"
    # runs of words the passages lack that hold a thing the corpus never mentions; a hyphenated
    # word's tail ("[off-the-]shelf") and words that are not things ("enough") are not named alone
    assert unmentioned(question, missing, {"orthotics", "insoles", "chemist"}) == (
        "custom orthotics", "insoles", "chemist")
    assert unmentioned("osteopath vs chiropractor?", frozenset({"osteopath", "vs"}), {"osteopath"}) == ("osteopath",)
    assert unmentioned("which shoes for roads?", frozenset(), set()) == ()


def test_only_real_specific_things_are_named_as_never_mentioned():
    assert names_something("orthotics") and names_something("deadlifts") and names_something("arthritis")
    assert not names_something("week") and not names_something("shop")  # too common to be the subject
    assert not names_something("rolling")  # an -ing form may be the article's own verb
    assert misspelt("completly") and misspelt("evrything") and not misspelt("orthotics")
    assert not names_something("completly")
    # a noun in any sense, though its verb senses are the commoner; not a word with no noun sense
    assert names_something("blisters") and names_something("brace")
    assert not names_something("sloppy") and not names_something("dodgy")


def test_a_word_the_corpus_has_elsewhere_is_not_called_never_mentioned():
    lexicon = build_lexicon(CHUNKS)
    # "calves" is in the stretching chunk, not the shoe chunk retrieved: missing, but mentioned
    grounding = ground("do tight calves and bunions need special shoes?", CHUNKS[:1], 0.5, lexicon)
    assert {"calves", "bunions"} <= set(grounding.missing)
    assert grounding.unmentioned == ("bunions",)
