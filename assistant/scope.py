"""Scope stage: is the question answerable from the passages retrieved?

A question next to the corpus's topic ("is ibuprofen OK for back pain after a run?") retrieves
passages that share its general words (back, pain, run) and so look similar to it. What decides
answerability is whether what the question is *about*, beyond the corpus's general topic, is
grounded in those passages:

* the question's focus words are its content words less the question frame ("what", "should",
  "best") and less the corpus's topic words (``lexicon.py``: the words spread over most of its
  sections, read off the corpus);
* each focus word weighs by how specific it is in English (``wordfreq``: "ibuprofen" is rare,
  "really" is not), so a rare word the passages never mention counts for much;
* what a message says it does not have ("no tingling, bladder's fine, just a sore back") is not
  what it is about: those clauses are left out (``question.without_denials``), and its match with
  the corpus is also taken without them (``Assistant.confidence_without_denials``);
* a long message's story (what it says around its asking sentence: "My foot rolls in when I'm
  tired and my back aches. Is that connected?") adds its focus words at half their weight,
  unless the asking sentence names a rare thing the passages lack;
* a focus word is grounded when the retrieved passages (or their headings) have it, by stem, or
  through the thesaurus (``thesaurus.py``; not as a kind of a word as general as "individual"
  or "activity"); misspellings are corrected to corpus words first.

The evidence (grounded share overall and in the best chunk, the weight of what is not grounded,
split into the things it names (an object, substance, part of the body, activity or condition, by
WordNet's file for the noun's first sense: ``thesaurus.object_words``) and the rest, and the best
dense similarity) is combined by a logistic model fitted on the ``test`` split
(``scripts/fit_scope.py``); the question is answered when its probability reaches
``THRESHOLD``. Six vetoes stand above the model, for what a similarity cannot see:

* a yes/no question whose subject is a rare noun the passages lack ("Is pigeon pose good for
  tight hips?"): they cannot say yes or no about it;
* a choice between two things the passages name neither of ("ice or heat?", "wool or
  cotton?"), or a comparison with a thing they do not name ("is the dead bug better than
  crunches?"): they cannot say which;
* a pain in a part of the body the corpus never speaks of pain in ("Can flat feet cause knee
  pain?" in an article on lower back pain), when the message names no part it does;
* a count of something the passages never name ("how many miles a week should I run?"): they
  hold no number of it;
* a "how long", "how often" or "how far" question none of whose passages that name what it is
  about holds a duration, a frequency or a measure ("how often should I replace my shoes?");
* a follow-up read together with the question before it (which lends it that question's match
  with the corpus) that brings a rare dictionary word the passages lack ("and can I take
  naproxen with it?"): it is judged on its own instead (``Settings.follow_up_new_subject``).

An answered question that names a thing no passage of the whole corpus mentions (a rare WordNet
noun, or a real word WordNet lacks: "foam rolling", "custom orthotics") carries those words in
``Grounding.unmentioned``; the answer says the articles never mention them before the closest
passages (``answer.unmentioned_note``).

A request for the overall message ("bottom line?", "give me the gist") is not about its request
words; with no other topic it is about the articles as a whole, and answerable.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Collection, Sequence

from .chunking import Chunk
from .lexical import stem, terms, untext
from .lexicon import Lexicon, body_parts, pain_sites, specificity
from .question import (ANSWER_TYPES, FRAME_WORDS, analyse, choice, comparison, counted, normalise, question_sentence,
                       summary_cue, without_denials)
from .thesaurus import dictionary_nouns, dictionary_words, object_words, singular_forms, thing_words

FEATURES: tuple[str, ...] = ("confidence", "grounded", "best_chunk", "missing_things", "missing_other", "no_focus")
# Fitted on the test split by scripts/fit_scope.py; see the README before changing them.
WEIGHTS: dict[str, float] = {"confidence": 8.931, "grounded": 3.954, "best_chunk": 2.678, "missing_things": 0.087,
                             "missing_other": 0.297, "no_focus": 2.44}
BIAS = -9.468
# The cut that answers 97.5% of the in-scope test questions (scripts/fit_scope.py --answered 0.975).
THRESHOLD = 0.184
PRIOR = 1.0  # weight of grounded evidence every question starts with
# A yes/no question asks about its subject: the words after its opening auxiliary, past any
# determiner or pronoun ("Is [pigeon pose] good for tight hips?", "Does [magnesium] help?").
# When the passages lack a rare noun of that subject, they cannot say yes or no about it.
_POLAR_OPENERS = frozenset("is are was were does do did can could should would will".split())
_SUBJECT_LEADS = frozenset("a an the my your our his her their this these those some any there".split())
_PERSONS = frozenset("i you we they he she it".split())  # "Should I ...?" asks about what the person does
# A long message's story ("My coach says I stick one hip out. Could that be messing with my
# back?") says what its vague asking sentence is about: its focus words count at this share of
# their weight. Swept 0.3-1.0 on `test`: 0.5 answered the most in-scope questions while still
# refusing more near-topic ones than without the story.
STORY_WEIGHT = 0.5
# Question kinds whose answer has a form a passage either holds or not (``question.ANSWER_TYPES``).
_MEASURED_KINDS = frozenset({"duration", "frequency", "measure"})
SUBJECT_CUT = 3.5  # specificity (about 1 in 300,000 words); swept 2.5-3.5 on test, the one that refused no in-scope question
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")  # "knee-to-chest" is three words
# A thing the question names is worth telling the reader the articles never mention from this
# specificity (about 1 in 100,000 words: "foam", "orthotics", "cadence"; not "week" or "shop").
UNMENTIONED_CUT = 3.0
MAX_UNMENTIONED = 3  # phrases named in one note
REAL_WORD_ZIPF = 1.5  # below this English frequency, a word WordNet lacks is taken for a slip


@dataclass(frozen=True)
class Grounding:
    """What a question is about and which of it the retrieved passages cover."""

    focus: tuple[str, ...]  # focus words (as typed, misspellings corrected)
    grounded: tuple[str, ...]
    missing: tuple[str, ...]
    features: dict[str, float]
    probability: float

    topic_floor: float = 0.0  # the similarity a question with no focus words needs
    # The specificity of the rarest dictionary word of the focus that no passage has (0 if none),
    # and the cut from which such a word is a subject the passages do not discuss ("naproxen"):
    # the question is then not answerable, whatever the rest says. Only a follow-up read with
    # the question before it sets the cut (``Settings.follow_up_new_subject``).
    new_word: float = 0.0
    new_subject: float = math.inf
    # The specificity of the rarest noun of a yes/no question's subject the passages lack (0 if none).
    subject_gap: float = 0.0
    # A choice between two things ("ice or heat?") neither of which the passages name, or a
    # comparison of a thing they do not name ("is a treadmill easier on the back than the road?").
    unnamed_options: bool = False
    # The parts of the body the asking sentence ties a pain to, when the message names none the
    # corpus speaks of pain in ("Can flat feet cause knee pain?" in an article on back pain).
    other_pain: frozenset[str] = frozenset()
    # What a "how many" question counts, when the passages never name it ("how many miles a week?").
    uncounted: str = ""
    # The kind of answer a "how long / how often / how far" question asks for, when no passage that
    # names what it is about holds one ("how often should I replace my shoes?": no frequency).
    unheld_kind: str = ""
    # What the asking sentence names that no passage of the whole corpus mentions, in its own
    # words ("foam rolling", "custom orthotics"): an answer given anyway says so (``unmentioned``).
    unmentioned: tuple[str, ...] = ()

    @property
    def answerable(self) -> bool:
        """Grounded enough, and naming no rare subject the passages lack; a question with no
        focus word ("hello", "lower back pain running?") must also be close to the corpus as a
        whole sentence."""
        if not self.focus and self.features["confidence"] < self.topic_floor:
            return False
        if self.new_word >= self.new_subject or self.subject_gap >= SUBJECT_CUT:
            return False
        if self.unnamed_options or self.other_pain or self.uncounted or self.unheld_kind:
            return False
        return self.probability >= THRESHOLD


Related = Callable[[str], dict[str, float]]


def _no_thesaurus(stem_: str) -> dict[str, float]:
    return {}


def _asking_words(text: str) -> list[str]:
    """The words of the sentence that asks, normalised and with texting spellings written out."""
    return _WORD.findall(normalise(untext(question_sentence(text))))


def focus_words(text: str, lexicon: Lexicon, related: Related = _no_thesaurus, whole: bool = False) -> list[str]:
    """The words of the asking sentence (of the whole ``text`` if ``whole``) that say what it is
    about: frame words, stop words and the corpus's topic words (and their close relatives:
    "ache" for "pain") removed."""
    words = (not whole and _asking_words(text)) or _WORD.findall(normalise(untext(text)))
    cue = summary_cue(text)
    out = []
    for word in words:
        if word in FRAME_WORDS or word in cue or len(word) < 2:
            continue
        s = stem(word)
        if not s or s in lexicon.topic or not terms(word):  # a stop word
            continue
        if any(t in lexicon.topic and strength >= 0.7 for t, strength in related(s).items()):
            continue
        if word not in out:
            out.append(word)
    return out


def story_words(text: str, focus: Sequence[str], lexicon: Lexicon, related: Related = _no_thesaurus) -> list[str]:
    """The focus words of a long message's story (what it says before or around its asking
    sentence) that the asking sentence does not have."""
    asking = question_sentence(text)
    if asking.strip() == text.strip():
        return []
    rest = text.replace(asking, " ")
    return [w for w in focus_words(rest, lexicon, related, whole=True) if w not in focus]


def ground(text: str, chunks: Sequence[Chunk], confidence: float, lexicon: Lexicon,
           related: Related = _no_thesaurus, topic_floor: float = 0.0) -> Grounding:
    """Which focus words of ``text`` the retrieved ``chunks`` cover, and the answerability score.

    ``related`` gives the corpus stems a stem is a synonym (1.0) or a kind (less) of: the
    thesaurus. A word grounded only through it counts with that strength.
    """
    said = without_denials(text)  # "no numbness, legs fine, just a sore back": about the sore back
    focus = focus_words(said, lexicon, related)
    if not focus and summary_cue(text):
        topic_floor = 0.0  # "bottom line?": the overall message of the articles, whatever it is
    per_chunk = [terms(c.text) | terms(c.section) for c in chunks]
    everywhere = frozenset().union(*per_chunk) if per_chunk else frozenset()

    def strength(word: str, bag: Collection[str]) -> float:
        s = stem(word)
        if s in bag:
            return 1.0
        return max((v for r, v in related(s).items() if r in bag), default=0.0)

    # The story around the asking sentence counts too, unless that sentence names a rare thing
    # the passages lack ("... Can I take naproxen for it?"): the question is about that thing.
    new_thing = any(specificity(w) >= SUBJECT_CUT and is_dictionary_word(w) and not strength(w, everywhere)
                    for w in focus)
    story = [] if new_thing else story_words(said, focus, lexicon, related)
    weights = {w: specificity(w) for w in focus}
    weights.update({w: STORY_WEIGHT * specificity(w) for w in story})
    own, focus = focus, focus + story
    total = sum(weights.values())
    covered = {w: strength(w, everywhere) for w in focus}
    grounded = [w for w in focus if covered[w] > 0]
    missing = [w for w in focus if covered[w] == 0]
    is_thing = {w: names_object(w) for w in missing}
    best = max((sum(weights[w] * strength(w, bag) for w in focus) for bag in per_chunk), default=0.0)
    # Shares smoothed by PRIOR: a question whose only focus is a common word ("does that go for
    # everyone?") is not judged by that word alone.
    values = {
        "confidence": confidence,
        "grounded": (sum(weights[w] * covered[w] for w in focus) + PRIOR) / (total + PRIOR),
        "best_chunk": (best + PRIOR) / (total + PRIOR),
        # What is missing weighs apart by kind: a thing ("treadmill", "ibuprofen", "knee") is what a
        # question is about; a person, time or place, a verb or a quality ("mate", "week", "buy",
        # "dodgy") is mostly what it says around that.
        "missing_things": sum(weights[w] for w in missing if is_thing[w]),
        "missing_other": sum(weights[w] for w in missing if not is_thing[w]),
        "no_focus": 0.0 if own else 1.0,
    }
    z = BIAS + sum(WEIGHTS[name] * values[name] for name in FEATURES)
    new_word = max((weights[w] for w in missing if w in own and is_dictionary_word(w)), default=0.0)
    subject_gap = max((weights[w] for w in polar_subject(text, own) if w in missing and _is_noun(w)), default=0.0)

    def named(word: str) -> bool:
        return strength(word, everywhere) > 0

    corpus = lexicon.section_df.keys()  # every stem of the corpus, headings included (a view: no copy)
    # the corpus check first: it is a lookup, and a word it finds needs no dictionary search
    absent = {w for w in missing if w in own and not strength(w, corpus) and names_something(w)}
    return Grounding(tuple(focus), tuple(grounded), tuple(missing), values, 1.0 / (1.0 + math.exp(-z)), topic_floor,
                     new_word, subject_gap=subject_gap, unnamed_options=unnamed_options(text, named),
                     other_pain=other_pain(said, lexicon), uncounted=uncounted(text, named),
                     unheld_kind=unheld_kind(text, chunks, grounded),
                     unmentioned=unmentioned(said, frozenset(missing), absent))


def unmentioned(text: str, missing: frozenset[str], absent: set[str]) -> tuple[str, ...]:
    """The phrases of the asking sentence that name a thing no passage of the corpus mentions
    (``absent``), in the question's own words: each a run of words the retrieved passages lack
    ("custom orthotics", "foam rolling"), with short words and pieces of a hyphenated word at its
    edges left off ("osteopath vs" is "osteopath", "[off-the-]shelf insoles" is "insoles"). At
    most ``MAX_UNMENTIONED``, in the question's order."""
    lowered = text.lower()

    def edge(word: str, pattern: str) -> bool:
        return len(word) < 3 or bool(re.search(pattern.format(re.escape(word)), lowered))

    out: list[str] = []
    run: list[str] = []
    for word in [*_asking_words(text), ""]:
        if word in missing:
            run.append(word)
            continue
        while run and edge(run[0], r"[a-z]-{}\b"):
            run.pop(0)
        while run and edge(run[-1], r"\b{}-[a-z]"):
            run.pop()
        if absent.intersection(run) and " ".join(run) not in out:
            out.append(" ".join(run))
        run = []
    return tuple(out[:MAX_UNMENTIONED])


def names_something(word: str) -> bool:
    """Whether a word is specific enough (``UNMENTIONED_CUT``) and names a thing: a noun in WordNet,
    in any of its senses ("cadence", "arthritis", "blisters", "brace", whose verb senses are the
    commoner; not an -ing form, which may be the article's own verb, nor a word with no noun
    sense: "sloppy", "dodgy"), or a real word WordNet lacks ("orthotics", "deadlifts") rather than
    a slip of a much commoner one ("completly")."""
    if len(word) < 3 or specificity(word) < UNMENTIONED_CUT or word.endswith("ing"):
        return False
    if any(form in dictionary_nouns() for form in singular_forms(word)):
        return True
    return not is_dictionary_word(word) and len(word) >= 4 and not misspelt(word)


@lru_cache(maxsize=4096)
def misspelt(word: str) -> bool:
    """Whether a word WordNet lacks reads as a slip of another: English has barely any use of it
    (Zipf under ``REAL_WORD_ZIPF``: "evrything"), or it is one edit from a dictionary word ten
    times as common ("completly": "completely"). "orthotics" is a word ("orthoptics" is rarer)."""
    from rapidfuzz import process
    from rapidfuzz.distance import DamerauLevenshtein
    from wordfreq import zipf_frequency

    zipf = zipf_frequency(word, "en")
    if zipf < REAL_WORD_ZIPF:
        return True
    near = process.extract(word, _dictionary_list(), scorer=DamerauLevenshtein.distance, score_cutoff=1, limit=20)
    return any(zipf_frequency(other, "en") >= zipf + 1.0 for other, _, _ in near)


@lru_cache(maxsize=1)
def _dictionary_list() -> tuple[str, ...]:
    return tuple(sorted(dictionary_words()))


def unheld_kind(text: str, chunks: Sequence[Chunk], grounded: Sequence[str]) -> str:
    """The kind of answer a question asks for by its form ("how long": a duration, "how often": a
    frequency, "how far": a measure), when none of the retrieved passages that name a grounded
    word of it holds that kind of answer: they say nothing of how long, how often or how far.
    Empty otherwise."""
    kind = analyse(text).kind  # the asking sentence's kind (cached: the reader asks it too)
    if kind not in _MEASURED_KINDS:
        return ""
    pattern, wanted = ANSWER_TYPES[kind], {stem(w) for w in grounded}
    held = any(pattern.search(p.text) and (not wanted or terms(p.text) & wanted)
               for chunk in chunks for p in chunk.passages)
    return "" if held else kind


def unnamed_options(text: str, named: Callable[[str], bool]) -> bool:
    """A choice between two things ("ice or heat?"; not two qualities: "heavy or lite?") the
    passages name neither of, or a comparison with a thing they do not name ("are kettlebells
    better than planks?"): they cannot say which is better. ``named``: whether the passages
    name a word (by stem or thesaurus)."""
    def has(side: Sequence[str]) -> bool:
        return any(map(named, side))

    options, compared = choice(text), comparison(text)
    if options is not None and any(map(names_thing, options)) and not any(map(has, options)):
        return True
    return compared is not None and any(names_thing(side) and not has(side) for side in compared)


def other_pain(text: str, lexicon: Lexicon) -> frozenset[str]:
    """The parts of the body the asking sentence ties a pain to, when the message names no part
    the corpus speaks of pain in: another pain than the corpus's ("knee pain" in an article on
    back pain). Empty otherwise, and when the corpus speaks of no pain."""
    sites = pain_sites(question_sentence(text))
    if not sites or not lexicon.pain_sites or body_parts(text) & lexicon.pain_sites:
        return frozenset()
    return sites


def uncounted(text: str, named: Callable[[str], bool]) -> str:
    """What a "how many" or "how much" question counts, when the passages never name it ("how
    many miles a week?"): they hold no number of it. Empty otherwise."""
    count = counted(text)
    return count if count is not None and not named(count) else ""


def polar_subject(text: str, focus: Sequence[str]) -> list[str]:
    """The focus words that open the subject of a yes/no question, none for any other question:
    "Is pigeon pose good for tight hips?" gives ["pigeon", "pose"]."""
    words = _asking_words(text)
    if not words or words[0] not in _POLAR_OPENERS:
        return []
    rest = words[1:]
    while rest and rest[0] in _SUBJECT_LEADS:
        rest = rest[1:]
    if rest and rest[0] in _PERSONS:
        return []
    subject = []
    for word in rest:
        if word not in focus:
            break
        subject.append(word)
    return subject


def names_thing(words: Sequence[str]) -> bool:
    """Whether a phrase names a thing: one of its words is mostly a noun in WordNet ("cotton",
    "sauna"), or a name WordNet does not list ("vinyasa", "asics"); not an -ing form."""
    known, things = dictionary_words(), thing_words()
    return any(not w.endswith("ing") and (w in things or w not in known) for w in words)


def names_object(word: str) -> bool:
    """Whether a word names a thing a question can be about: an object, substance, part of the
    body, activity or condition (``thesaurus.object_words``), by itself or less a plural ending."""
    objects = object_words()
    return any(form in objects for form in singular_forms(word))


def _is_noun(word: str) -> bool:
    """A dictionary noun, not an -ing form: "cycling" or "strengthening" may well be the article's
    own verb ("strengthen") under another form."""
    nouns = dictionary_nouns()
    return not word.endswith("ing") and (word in nouns or (word.endswith("s") and word[:-1] in nouns))


def is_dictionary_word(word: str) -> bool:
    """A word of four letters or more that WordNet lists (directly or less a plural ending): a
    real word. Misspellings ("does't", "becuase") and chat shorthand ("shld", "ppl") are rare in
    English too, but say nothing about what a question is about."""
    words = dictionary_words()
    if len(word) < 4:
        return False
    return any(form in words for form in singular_forms(word))
