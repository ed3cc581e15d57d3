"""Red flags, both directions. These phrasings are the tests' own, not the eval set's."""

import pytest

from assistant.embedding import bundled_model_dir
from assistant.safety import RedFlagDetector, tier_of


@pytest.fixture(scope="module")
def detector():
    return RedFlagDetector.with_vocabulary(bundled_model_dir() / "vocab.txt")


EMERGENCY = [
    "my back hurts and I can't control my bladder",
    "lower back pain and now I keep wetting myself",
    "since this morning I can't feel anything around my bum and inner thighs",
    "tingling in my groin and my back is killing me",
    "back agony and I've lost control of my bowels",
    "both my legs went weak on the stairs and my back hurts",
    "my legs keep giving way under me, back pain too",
    "back pain after a car crash yesterday",
    "I fell off a ladder and now my lower back hurts",
    "back ache and a tight pain in my chest",
    "numbnes in my genitals and back pain",          # typo
    "cant pee properly since my back went",          # no apostrophe
    "numb down below between my legs",
    "back pain and i have trouble getting an erection now",
    # trauma in everyday words
    "came off my mountain bike on a descent yesterday and my lower back is agony",
    "a van reversed into me in the car park and now my back hurts",
    "got rear-ended on the motorway last week, lower back still sore",
    "a cyclist knocked me down on the towpath, my back is killing me",
    "went over the handlebars and my spine hurts",
    "I was thrown from my horse and my back is really painful",
    "fell down the stairs at home, back pain since",
    "lost my footing on the climbing wall and landed hard on my tailbone",
    "got sacked in american football practice and my back hurts",
    # bladder, bowel, sex in lay words
    "my back hurts and I can barely feel anything when I wipe",
    "back pain and I can't get my wee started this morning",
    "since my back went I can't get it up",
]
URGENT = [
    "back pain with a fever and chills",
    "I've lost a stone without trying and my back aches",
    "I had breast cancer five years ago and now my back hurts",
    "the pain wakes me up every night",
    "there's a new lump on my lower back",
    "pain between my shoulder blades",
    "I'm 67 and my back has started hurting",
    "my back pain hasn't improved after six weeks",
    "I have osteoporosis and slipped on the ice, now my back hurts",
    "back pain and I feel feverish with a high temprature",  # typo
    "tripped on a tree root on my run and my back hurts now",
    "I take prednisolone and had a little slip in the shower, now my back aches",
    "my jeans are hanging off me and I'm not dieting, plus my back aches",
    "back pain for two months that is no better even with rest and new shoes",
    "back keeps me up every nite, lying down makes no difference",
    "I had a melanoma removed and now my back hurts",
]
ORDINARY = [
    "my back is sore after long runs, what stretches help?",
    "my lower back aches after running",
    "which stretches help my back",
    "I have flat feet, which running shoes should I buy?",
    "my legs feel heavy after a long run, is my stride wrong?",
    "I don't have any numbness or bladder problems, just a stiff back",
    "no fever, just soreness after my 10k",
    "I climbed a ladder to paint the ceiling and my back is stiff",
    "I ran 55 km this week and my back is tight",
    "how long do I hold the knee to chest stretch?",
    "should I do the stretch with both knees or one at a time",
    "is a plank good for my core?",
    "I sit at a desk all day and my back aches when I run",
    "my glutes are sore after hill sprints",
    # denied symptoms, every common form of negation
    "no numbness, no tingling, and my bladder is fine, just a stiff back",
    "I haven't noticed any pins and needles around my groin, my back is just tight",
    "Any numbness down below? None. It is just an ache after runs",
    "I've never had cancer and I'm not losing weight, my back is sore after running",
    "My legs feel fine. No weakness either. Which stretches?",
    "I didn't fall or crash or anything, my back just aches",
    "zero problems peeing, my back is sore after long runs",
    "no fever or chills, just stiff",
    # harmless words that look like trauma
    "I crashed on the sofa after my long run and my back is stiff",
    "my old trainers are falling apart, is that why my back hurts?",
    "I nearly fell on the ice but caught myself, my back is fine, which shoes grip best?",
    "when did the Roman Empire fall?",
    "my pace fell off a cliff in the second half and my back ached",
]


@pytest.mark.parametrize("text", EMERGENCY)
def test_emergency_tier(detector, text):
    assert tier_of(detector.detect(text)) == "emergency"


@pytest.mark.parametrize("text", URGENT)
def test_urgent_tier(detector, text):
    assert tier_of(detector.detect(text)) == "urgent"


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_questions_are_not_flagged(detector, text):
    assert detector.detect(text) == ()


def test_real_words_are_not_corrected_into_triggers(detector):
    # "ladder" is one edit from "bladder"; it is a real word, so it stays itself.
    assert detector.detect("I carried a ladder on my run") == ()
    assert tier_of(detector.detect("my bladdr control is gone")) == "emergency"


def test_labels_name_what_was_described(detector):
    (flag,) = detector.detect("my back hurts and I can't control my bladder")
    assert "urine" in flag.label


def test_a_minor_fall_is_not_the_emergency_tier(detector):
    # a small slip: see a doctor today (steroids), not the emergency department
    assert tier_of(detector.detect("on long-term steroids, a small slip on wet grass and my back hurts")) == "urgent"
    assert tier_of(detector.detect("on long-term steroids, fell off a wall and my back hurts")) == "emergency"


def test_negation_does_not_reach_past_a_terminator(detector):
    assert tier_of(detector.detect("no fever, but I can't control my bladder and my back hurts")) == "emergency"
    assert tier_of(detector.detect("I don't feel unwell. My groin is numb and my back hurts")) == "emergency"
    assert tier_of(detector.detect("I can no longer feel my groin and my back aches")) == "emergency"
