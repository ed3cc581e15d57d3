"""Query expansion for BM25: regional words and typos reach the corpus's words."""

from assistant import scope
from assistant.lexical import correct, expand_query, tokenize, tokenize_one, untext, vocabulary_of
from assistant.lexicon import Lexicon
from assistant.thesaurus import dictionary_words

LEXICON = Lexicon(sections=2, passages=4, section_df={"back": 2, "pain": 2}, passage_df={}, topic=frozenset({"back", "pain"}))
VOCAB = vocabulary_of(["Choosing running shoes: with a low arch choose motion control.",
                       "Back pain while running; a physiotherapist can help. Stride and foot strike."])


def test_regional_and_lay_words_add_the_corpus_word():
    assert expand_query("trainers for flat feet", VOCAB).endswith("low arch shoes")
    assert "running" in expand_query("jogging gives me backache", VOCAB)
    assert "back pain" in expand_query("jogging gives me backache", VOCAB)
    assert "foot strike" in expand_query("my footfall is heavy", VOCAB)


def test_misspelt_words_get_their_closest_corpus_word_but_real_ones_stay():
    assert expand_query("runing", VOCAB) == "runing running"
    assert expand_query("choosing running shoes", VOCAB) == "choosing running shoes"  # all known
    assert expand_query("cat", VOCAB) == "cat"  # too short to correct
    assert expand_query("sourdough bread", VOCAB) == "sourdough bread"  # nothing close


def test_rare_dictionary_words_are_not_taken_for_misspellings():
    """WordNet's word list (installed by the test setup) tells a rare real word from a slip."""
    words = dictionary_words()
    assert {"flexor", "osteopath", "sciatica"} <= words and not {"strech", "excercise", "runing"} & words
    texts = ["Strengthen the hips; lie on the floor.", "Stretching helps. Play sport. Running shoes."]
    plain, real = vocabulary_of(texts), vocabulary_of(texts, words)
    assert correct("flexor pain", plain) == "floor pain"  # two slips from a far commoner word
    assert correct("flexor pain", real) == "flexor pain"  # ... but a real word
    assert correct("pilates or yoga", real) == "pilates or yoga"
    assert correct("strech before runing", real) == "stretching before running"  # slips still fixed
    assert correct("shoos", real) == "shoes"  # a rare real word one keystroke from a corpus word


def test_contractions_are_not_misspellings():
    """"doesn" is not "does" misspelt: correcting it made "does't", a rare non-word the scope
    stage weighed as a missing subject."""
    vocab = vocabulary_of(["It does help. Do stretch. Should you run? Is it sore?"])
    assert correct("so my back doesn't hurt", vocab) == "so my back doesn't hurt"
    assert correct("shouldn’t I stretch", vocab) == "shouldn’t i stretch"
    assert correct("doesn stretch", vocab) == "does stretch"  # a slip on its own is still fixed


def test_expansion_only_adds_terms():
    for query in ("trainers for flat feet", "runing with back ache"):
        assert set(tokenize([query])[0]) <= set(tokenize([expand_query(query, VOCAB)])[0])


def test_one_text_tokenizer_is_bm25s_tokenizer(bot):
    # The per-question tokenizer must give BM25 exactly the tokens the index was built from.
    texts = [c.embed_text for c in bot.index.chunks] + [
        "Don't run 5k's on 2 days' rest!", "Ça va? L'étirement", "", "   ", "a I x", "Runner's knee – 10 × 20s"]
    assert [tokenize_one(t) for t in texts] == tokenize(texts)


def test_trainers_find_the_shoe_section(bot):
    hits = bot.search("trainers for flat feet", k=1, mode="bm25")
    assert hits[0].anchor == "choosing-running-shoes"


def test_spoken_forms_are_written_out_and_real_words_stay():
    assert untext("ma back's sore and ah cannae sleep") == "my back's sore and i can not sleep"
    assert untext("bk hurts a lil, gud stretches? havent tried any") == "back hurts a little, good stretches? have not tried any"
    assert untext("it's no wearin aff") == "it's not wearing off"  # Scots "no" after a verb only
    assert untext("no better with rest, no feeling") == "no better with rest, no feeling"
    assert untext("there's no feeling in my groin") == "there's no feeling in my groin"  # a numbness
    assert untext("it's no feeling great") == "it's not feeling great"
    assert untext("me legs hurt, he hit me hard") == "my legs hurt, he hit me hard"
    assert untext("sittin, somethin, hurtin") == "sitting, something, hurting"
    assert untext("the cabin, my shin, begin, within, protein") == "the cabin, my shin, begin, within, protein"


def test_texting_spellings_are_written_out():
    assert untext("shud i strech b4 a run?") == "should i strech before a run?"
    assert untext("Wat r u doin") == "what are you doing"
    assert untext("my lower back feels weird") == "my lower back feels weird"  # words inside words untouched
    assert untext("wat bout my knees? talkin bout stretches") == "what about my knees? talking about stretches"
    # the noun stays: "a bout of pain" is not "a about of pain"
    assert untext("a bout of pain, this nasty bout, another brand-new bout") == (
        "a bout of pain, this nasty bout, another brand-new bout")


def test_a_question_in_texting_spellings_has_the_same_focus_as_one_in_full():
    assert scope.focus_words("how lng shud i hold it", LEXICON) == scope.focus_words("how long should i hold it", LEXICON)
    assert not {"shud", "wat", "enuff"} & set(scope.focus_words("wat shoes r good enuff", LEXICON))


def test_two_corpus_words_run_together_are_split_but_real_words_are_not():
    words = dictionary_words()
    vocab = vocabulary_of(["Lower back pain while running. Run up the hills and down.", "Choosing shoes."], words)
    assert correct("runing shoes backpain?", vocab) == "running shoes back pain?"
    assert correct("lowerback", vocab) == "lower back"
    assert correct("uphill", vocab) == "uphill"  # an English word: left alone
    assert correct("sourdoughbread", vocab) == "sourdoughbread"  # parts not in the corpus
