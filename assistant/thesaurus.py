"""Thesaurus stage: which corpus words a question's word is a synonym or a kind of (WordNet 3.0).

"sneakers" are shoes, a "backache" is an ache and an ache is a pain, "quit" is "stop": a
question in everyday words is still about what the corpus says. The table maps a word's stem to
the corpus stems it relates to, with a strength: 1.0 for a synonym or a derived form of the same
word, less for a more general word (one or two steps up WordNet's hypernym tree). Only the first
senses of each word are used (WordNet lists senses by frequency): "sneaker" is a shoe before it
is an informer; and of those, only the ones the word is commonly used in (``SENSE_SHARE``): the
corpus's "remains" are seldom a corpse, so a question's "stiff" is not grounded by them.

A second table relates a word to the corpus words that name *parts* of it (WordNet's part
holonyms): "what do I do with my arms?" is about a passage on raised elbows. It grounds a
question's words in the scope stage only; the reader, which weighs how well a sentence covers
the question, uses the first.

The table is computed for the corpus's own words when the index is built (it is saved with it), so
answering never loads WordNet. NLTK reads WordNet only from its data folder, with a ``lexnames``
file Debian leaves out: :func:`wordnet_reader` prepares that folder from Debian's
``wordnet-base`` package when NLTK has none.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable, Literal

from .lexical import stem

log = logging.getLogger(__name__)

TABLE_VERSION = 2  # bump when relatives() changes: the machine-wide cache is then rebuilt
SENSES = 2  # senses per part of speech
# A corpus word's sense relates words to it only when the word is used in that sense at least this
# share as often as in its commonest one (WordNet's counts from a sense-tagged corpus): "remains"
# is seldom a corpse (a "stiff"), "posture" seldom the verb for sitting as a model ("sit"). Set at
# one in ten, not swept.
SENSE_SHARE = 0.1
GENERIC_ZIPF = 5.5  # corpus words more common than this in English get no relatives
HYPERNYM_STRENGTH = (0.7, 0.5)  # one and two steps up
PART_STRENGTH = 0.5  # a corpus word names a part of the question's word
# A corpus word with more kinds than this within two steps down WordNet ("individual" has over
# 2,000: "machine" and "connected" among them; "activity" 700, "group" 330) is too general for a
# question's word to be grounded as a kind of it in the scope stage. Swept 15-300 on `test`: 40
# refused the most near-topic questions with no in-scope one lost.
GENERIC_KINDS = 40
DEBIAN_WORDNET = Path("/usr/share/wordnet")
# WordNet's lexicographer files (``man 5 lexnames``): number, name, syntactic category.
_LEXNAMES = [
    "adj.all", "adj.pert", "adv.all", "noun.Tops", "noun.act", "noun.animal", "noun.artifact", "noun.attribute",
    "noun.body", "noun.cognition", "noun.communication", "noun.event", "noun.feeling", "noun.food", "noun.group",
    "noun.location", "noun.motive", "noun.object", "noun.person", "noun.phenomenon", "noun.plant",
    "noun.possession", "noun.process", "noun.quantity", "noun.relation", "noun.shape", "noun.state",
    "noun.substance", "noun.time", "verb.body", "verb.change", "verb.cognition", "verb.communication",
    "verb.competition", "verb.consumption", "verb.contact", "verb.creation", "verb.emotion", "verb.motion",
    "verb.perception", "verb.possession", "verb.social", "verb.stative", "verb.weather", "adj.ppl",
]
_CATEGORY = {"noun": 1, "verb": 2, "adj": 3, "adv": 4}
_BODY_LEXFILE = f"{_LEXNAMES.index('noun.body'):02d}"  # the lex_filenum field of data.noun
# The lexicographer files of nouns that name things a question can be about: an object, a substance,
# a part of the body, an activity or a condition ("treadmill", "ibuprofen", "knee", "marathon",
# "sciatica"), as against the people, times, places, quantities and ideas around it ("mate",
# "week", "park", "checklist"). Chosen from the file names, not swept.
_OBJECT_LEXFILES = frozenset(f"{_LEXNAMES.index(name):02d}" for name in (
    "noun.act", "noun.animal", "noun.artifact", "noun.body", "noun.food", "noun.object", "noun.phenomenon",
    "noun.plant", "noun.process", "noun.state", "noun.substance"))
Table = dict[str, dict[str, float]]
Relation = Literal["kinds", "parts"]


def wordnet_installed() -> bool:
    """Whether WordNet is installed (Debian's files or NLTK's own data; cheap: nothing is read)."""
    return _wordnet_folder() is not None


def _wordnet_folder() -> Path | None:
    """The folder WordNet's files are read from: Debian's (``apt-get install wordnet-base``), else
    NLTK's own data; None when there is neither."""
    if (DEBIAN_WORDNET / "index.noun").is_file():
        return DEBIAN_WORDNET
    try:
        import nltk

        return Path(str(nltk.data.find("corpora/wordnet")))
    except (ImportError, LookupError):
        return None


def wordnet_reader(cache_dir: Path) -> Any | None:
    """NLTK's WordNet reader, or None (logged) when WordNet is not installed.

    Looks in NLTK's own data folders first, then copies Debian's files (``apt-get install
    wordnet-base``) into ``cache_dir/nltk_data/corpora/wordnet`` with the ``lexnames`` file.
    """
    import warnings

    warnings.filterwarnings("ignore", message="The multilingual functions are not available")
    try:
        import nltk
        from nltk.corpus.reader.wordnet import WordNetCorpusReader
    except ImportError:
        log.warning("nltk is not installed: answers use no thesaurus (pip install nltk).")
        return None
    try:
        return WordNetCorpusReader(nltk.data.find("corpora/wordnet"), None)
    except LookupError:
        pass
    if not (DEBIAN_WORDNET / "data.noun").is_file():
        log.warning("WordNet is not installed: answers use no thesaurus (apt-get install wordnet-base).")
        return None
    root = cache_dir / "nltk_data"
    folder = root / "corpora" / "wordnet"
    if not (folder / "lexnames").is_file():
        staging = folder.with_name(f"wordnet.{os.getpid()}.tmp")
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        for source in DEBIAN_WORDNET.iterdir():
            if source.is_file():  # NLTK refuses symbolic links that leave its folder
                shutil.copyfile(source, staging / source.name)
        (staging / "lexnames").write_text("".join(
            f"{i:02d}\t{name}\t{_CATEGORY[name.split('.')[0]]}\n" for i, name in enumerate(_LEXNAMES)), "utf-8")
        try:
            staging.rename(folder)
        except OSError:  # another process prepared it first
            shutil.rmtree(staging, ignore_errors=True)
    if str(root) not in nltk.data.path:
        nltk.data.path.insert(0, str(root))
    return WordNetCorpusReader(nltk.data.find("corpora/wordnet"), None)


def dictionary_words() -> frozenset[str]:
    """Every one-word lemma WordNet lists, lower case: a rare word found here ("flexor",
    "pilates", "osteopath") is a real word, not a misspelling to correct ("strech", "excercise"
    are not here, though web text has them often). Read from WordNet's index files directly (a
    fraction of a second; NLTK is not loaded). Empty, and logged, when WordNet is not installed."""
    return _lemmas()["all"]


def singular_forms(word: str) -> tuple[str, ...]:
    """``word`` and, when it ends like a plural, the word less that ending ("boxes": "boxes",
    "boxe", "box"): the forms to look up in WordNet's lemmas."""
    return (word, *(word[: -len(end)] for end in ("s", "es") if word.endswith(end)))


def dictionary_nouns() -> frozenset[str]:
    """The one-word lemmas WordNet lists as nouns ("magnesium", "pose"), as :func:`dictionary_words`."""
    return _lemmas()["noun"]


def body_words() -> frozenset[str]:
    """The one-word lemmas one of whose first senses WordNet files under parts of the body
    (``noun.body``): "knee", "neck", "heel", "hamstring"; not words used mostly as adjectives
    ("small", as in the small of the back; "stiff")."""
    return _lemmas()["body"]


def object_words() -> frozenset[str]:
    """The :func:`thing_words` whose first sense WordNet files under things a question can be
    about (``_OBJECT_LEXFILES``): "treadmill", "ibuprofen", "knee", "marathon"; not people, times
    or places ("physiotherapist", "week", "park")."""
    return _lemmas()["object"]


def adjective_words() -> frozenset[str]:
    """The one-word lemmas WordNet lists as adjectives ("gentle", "hard")."""
    return _lemmas()["adj"]


def thing_words() -> frozenset[str]:
    """The one-word lemmas WordNet uses mostly as nouns: no other part of speech of the word has
    more tagged senses (its counts from a sense-tagged corpus) than its noun senses. "cotton",
    "sauna" and "morning" name things; "heavy", "lite" and "warm" are qualities first."""
    return _lemmas()["thing"]


@lru_cache(maxsize=1)
def _lemmas() -> dict[str, frozenset[str]]:
    """WordNet's one-word lemmas by part of speech, all of them ("all") and those used mostly as
    nouns ("thing"), read once."""
    folder = _wordnet_folder()
    if folder is None:
        log.warning("WordNet is not installed: rare words may be taken for misspellings "
                    "(apt-get install wordnet-base).")
        return {"all": frozenset(), "noun": frozenset(), "adj": frozenset(), "thing": frozenset(),
                "body": frozenset(), "object": frozenset()}
    by_pos: dict[str, frozenset[str]] = {}
    tagged: dict[str, dict[str, int]] = {}  # lemma -> part of speech -> tagged senses
    first_senses: dict[str, list[str]] = {}  # noun -> the offsets of its first senses in data.noun
    for pos in ("noun", "verb", "adj", "adv"):
        words: set[str] = set()
        with open(folder / f"index.{pos}", encoding="utf-8", errors="replace") as lines:
            for line in lines:
                fields = line.split(" ")
                lemma = fields[0]
                if lemma.isalpha():  # the licence lines start with spaces; "hip_flexor" is two words
                    words.add(lemma.lower())
                    # lemma pos synset_cnt p_cnt [ptr_symbol]*p_cnt sense_cnt tagsense_cnt ...
                    pointers = int(fields[3])
                    tagged.setdefault(lemma.lower(), {})[pos] = int(fields[5 + pointers])
                    if pos == "noun":
                        first_senses[lemma.lower()] = fields[6 + pointers: 6 + pointers + SENSES]
        by_pos[pos] = frozenset(words)
    by_pos["all"] = frozenset().union(*by_pos.values())
    by_pos["thing"] = frozenset(w for w in by_pos["noun"]
                                if all(n <= tagged[w]["noun"] for p, n in tagged[w].items() if p != "noun"))
    lexfile: dict[str, str] = {}  # synset offset -> lex_filenum
    with open(folder / "data.noun", encoding="utf-8", errors="replace") as lines:
        for line in lines:
            fields = line.split(" ", 2)
            if len(fields) > 2:
                lexfile[fields[0]] = fields[1]
    by_pos["body"] = frozenset(w for w, offsets in first_senses.items()
                               if any(lexfile.get(o) == _BODY_LEXFILE for o in offsets)
                               and tagged[w].get("adj", 0) <= tagged[w]["noun"])  # not "small", "stiff"
    by_pos["object"] = frozenset(w for w in by_pos["thing"]
                                 if first_senses[w] and lexfile.get(first_senses[w][0]) in _OBJECT_LEXFILES)
    return by_pos


def relatives(word: str, reader: Any) -> dict[str, float]:
    """The word stems that relate to one corpus word, with their strength (see the module doc):
    its synonyms and derived forms (1.0) and the words for kinds of it (one or two steps down)."""
    out: dict[str, float] = {}
    own = stem(word)

    def add(name: str, strength: float) -> None:
        s = _lemma_stem(name, own)
        if s and strength > out.get(s, 0.0):
            out[s] = strength

    if not _content_word(word):
        return out
    uses = _sense_uses(word, reader)
    for pos in ("n", "v", "a", "r"):
        for synset in reader.synsets(word, pos=pos)[:SENSES]:
            if not _common_sense(synset, uses):
                continue
            for lemma in synset.lemmas():
                add(lemma.name(), 1.0)
                for related in lemma.derivationally_related_forms() + lemma.pertainyms():
                    add(related.name(), 1.0)
            if pos != "n":  # verb trees are wide ("be" has a thousand kinds): nouns only
                continue
            level = [synset]
            for strength in HYPERNYM_STRENGTH:  # words whose senses are kinds of this one
                level = [h for s in level for h in s.hyponyms()]
                for hyponym in level:
                    for lemma in hyponym.lemmas():
                        add(lemma.name(), strength)
    return out


def _sense_uses(word: str, reader: Any) -> dict[Any, int]:
    """How often ``word`` is used in each of its senses (synset -> tagged count), all parts of speech."""
    return {synset: lemma.count() for synset in reader.synsets(word)
            for lemma in synset.lemmas() if lemma.name().lower() == word}


def _common_sense(synset: Any, uses: dict[Any, int]) -> bool:
    """Whether a word is commonly used in ``synset`` (see ``SENSE_SHARE``). A word with no tagged
    uses, or reached by an inflection ("shoes"), keeps the first senses WordNet lists."""
    top = max(uses.values(), default=0)
    if top == 0 or synset not in uses:
        return True
    return uses[synset] >= max(1, SENSE_SHARE * top)


def wholes(word: str, reader: Any) -> dict[str, float]:
    """The word stems for the wholes one corpus word names a part of, with ``PART_STRENGTH``:
    the part holonyms of its first noun senses ("elbow" is part of an "arm", "heel" of a "foot").
    Only this way round: a passage about the arm does not answer a question about the elbow."""
    out: dict[str, float] = {}
    if not _content_word(word):
        return out
    own = stem(word)
    for synset in reader.synsets(word, pos="n")[:SENSES]:
        for whole in synset.part_holonyms():
            for lemma in whole.lemmas():
                s = _lemma_stem(lemma.name(), own)
                if s:
                    out[s] = PART_STRENGTH
    return out


def _lemma_stem(name: str, own: str) -> str:
    """The stem of a WordNet lemma, or "" for a phrase ("hip_flexor"), an acronym or the corpus
    word's own stem."""
    if "_" in name or name.isupper():
        return ""
    s = stem(name.lower())
    return s if s != own else ""


def build_table(words: Iterable[str], reader: Any) -> Table:
    """For the corpus ``words``, every word stem that relates to them: ``{stem: {corpus stem: strength}}``."""
    return invert({word: relatives(word, reader) for word in set(words)})


def invert(per_word: dict[str, dict[str, float]]) -> Table:
    table: Table = {}
    for word, rel in per_word.items():
        corpus_stem = stem(word)
        for s, strength in rel.items():
            if strength > table.setdefault(s, {}).get(corpus_stem, 0.0):
                table[s][corpus_stem] = strength
    return {s: dict(sorted(rel.items())) for s, rel in sorted(table.items())}


def without_generic(table: Table, keep: Iterable[str] = (), most: int = GENERIC_KINDS) -> Table:
    """``table`` less its kind-of links (strength under 1.0) to corpus stems that more than
    ``most`` stems link to that way: words so general ("individual", "activity", "group") that
    being a kind of them says nothing about what a question is about (a word's specificity read
    off the thesaurus itself, as intrinsic information content is). Synonyms stay, and so do the
    kinds of the stems in ``keep`` (the corpus's topic words: "sore" is a kind of "pain")."""
    kinds = Counter(target for related in table.values() for target, strength in related.items() if strength < 1.0)
    keep = frozenset(keep)
    generic = {target for target, n in kinds.items() if n > most and target not in keep}
    out = {s: {t: v for t, v in related.items() if v >= 1.0 or t not in generic} for s, related in table.items()}
    return {s: related for s, related in out.items() if related}


# The relations a table can hold: how each corpus word's related words are found, and the file
# of the machine-wide cache they are kept in.
RELATIONS: dict[Relation, tuple[Callable[[str, Any], dict[str, float]], str]] = {
    "kinds": (relatives, f"thesaurus-v{TABLE_VERSION}.json"),
    "parts": (wholes, "parts-v1.json"),
}


def corpus_table(words: Iterable[str], cache_root: Path | None = None,
                 relation: Relation = "kinds") -> tuple[Table, dict[str, Any]]:
    """The thesaurus table for a corpus's words, and what it was made from (for the manifest).
    ``relation``: "kinds" (synonyms and kinds, :func:`relatives`) or "parts" (:func:`wholes`).

    Each word's relatives are kept in a machine-wide cache (``cache_root``, default
    ``~/.cache/backpain-assistant``), so WordNet is read only for words never seen before.
    Without WordNet the table is empty and answers are grounded by stems alone.
    """
    relate, cache_name = RELATIONS[relation]
    root = cache_root or default_cache_root()
    words = sorted({w.lower() for w in words if w.isalpha()})
    cache_file = root / cache_name
    try:
        cached: dict[str, dict[str, float]] = json.loads(cache_file.read_text("utf-8"))
    except (OSError, ValueError):
        cached = {}
    missing = [w for w in words if w not in cached]
    if missing:
        reader = wordnet_reader(root)
        if reader is None:
            return {}, {"source": "none", "words": 0}
        cached.update({w: relate(w, reader) for w in missing})
        _save_cache(cache_file, cached)
    table = invert({w: cached[w] for w in words})
    return table, {"source": "WordNet 3.0", "words": len(words), "entries": len(table)}


def default_cache_root() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "backpain-assistant"


def _save_cache(path: Path, data: dict[str, dict[str, float]]) -> None:
    """Best effort: a cache that cannot be written only costs the next build some time."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}")
        tmp.write_text(json.dumps(data, separators=(",", ":")), "utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        log.warning("thesaurus cache not written (%s)", exc.strerror)


def _content_word(word: str) -> bool:
    """A word worth relating others to: not a stop or question-frame word, not among the most
    common words of English ("be", "have", "change" relate to half the language)."""
    from wordfreq import zipf_frequency

    from .lexical import terms
    from .question import FRAME_WORDS

    return len(word) > 2 and word not in FRAME_WORDS and bool(terms(word)) and zipf_frequency(word, "en") < GENERIC_ZIPF
