"""Property tests over the answer pipeline with the real model: whatever the text, ``ask``
returns a defined status quickly, and every citation is verbatim text of its cited section."""

import time

from hypothesis import HealthCheck, given, settings, strategies as st

from assistant.answer import STATUSES
from assistant.corpus import normalize_ws

WORDS = st.sampled_from(["back", "pain", "running", "shoes", "stretch", "knee", "core", "bladder",
                         "numb", "fever", "posture", "stride", "<script>", "**", "[1]", "🏃", "بالظهر", "腰痛"])
TEXT = st.one_of(st.text(max_size=300), st.lists(WORDS, max_size=25).map(" ".join))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(question=TEXT)
def test_any_text_gets_a_defined_status_and_verbatim_citations(bot, question):
    start = time.perf_counter()
    answer = bot.ask(question)
    assert time.perf_counter() - start < 5
    assert answer.status in STATUSES
    sections = {s.section_id: normalize_ws(s.text) for s in bot.corpus.sections}
    for c in answer.citations:
        assert normalize_ws(c.quote) in sections[f"{c.document}#{c.anchor}"]
    assert (answer.status == "answered") == bool(answer.citations) or answer.status == "urgent"
