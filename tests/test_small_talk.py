"""Small talk: a message that asks nothing is told apart from one that asks something."""

import pytest

from assistant.small_talk import small_talk


@pytest.mark.parametrize(("message", "kind"), [
    ("hi", "greeting"), ("Hiii!", "greeting"), ("good morning", "greeting"), ("hey there :)", "greeting"),
    ("how are you?", "greeting"), ("hello?", "greeting"),
    ("thanks", "thanks"), ("Thank you so much!", "thanks"), ("ty", "thanks"), ("cheers 👍", "thanks"),
    ("thanks that’s helpful!", "thanks"), ("you're a legend, cheers", "thanks"), ("great, thanks", "thanks"),
    ("Thank you for the advice doctor", "thanks"), ("very useful thanks", "thanks"),
    ("ok", "acknowledgement"), ("Got it.", "acknowledgement"), ("that makes sense", "acknowledgement"),
    ("that was really helpful", "acknowledgement"), ("nice one", "acknowledgement"), ("lol", "acknowledgement"),
    ("bye", "farewell"), ("ok bye, thanks!", "farewell"), ("have a good day", "farewell"),
    ("that's all for now, thank you", "farewell"),
    ("help", "about"), ("what can you do?", "about"), ("Are you a doctor?", "about"), ("hi, who are you?", "about"),
    ("what can I ask?", "about"), ("is this a bot?", "about"),
    ("what are your sources?", "sources"), ("Sources?", "sources"), ("who wrote this?", "sources"),
    ("where does this info come from?", "sources"), ("which articles do you use?", "sources"),
    ("where did u get that information from", "sources"), ("can I trust this?", "sources"),
    ("hi, what's your source?", "sources"), ("is this evidence-based?", "sources"),
    ("can I read the articles myself?", "sources"), ("thanks! who wrote the article?", "sources"),
])
def test_greetings_thanks_acknowledgements_and_goodbyes(message, kind):
    assert small_talk(message) == kind


@pytest.mark.parametrize("message", [
    "hi, my back hurts", "thanks, and how long do I hold it?", "ok so what about shoes",
    "no", "sorry", "what", "great stretches for the back?", "is it ok to run?", "good shoes for flat feet",
    "thanks " * 20, "hello " + "x" * 90, "hi 2", "right side of my back hurts", "morning stiffness",
    "cool down stretches", "bye-bye back pain tips", "can you help me with my back pain", "help me choose shoes",
    "what is this stretch for?", "what does the article say?",
    "where does this pain come from?", "what is the source of my back pain?", "who wrote the stretching advice?",
    "sources of protein for runners", "is this stretch safe?", "can I trust my physio?",
])
def test_anything_more_is_not_small_talk(message):
    assert small_talk(message) is None
