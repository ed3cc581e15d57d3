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
