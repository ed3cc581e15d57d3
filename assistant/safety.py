"""Safety stage: spot red-flag symptoms before any retrieval.

The symptom lists come from ``shared/notes/red-flags.md`` (NHS, NICE NG59, ACP/APS). Two tiers:
*emergency* (go to the emergency department now) and *urgent* (see a doctor today). Detection
is rule-based over a normalised text, so every trigger can be read and tested; misspellings
are mapped to the trigger vocabulary with rapidfuzz first. When in doubt it flags: single red
flags are weak predictors, and a needless referral costs far less than a missed one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Literal

from rapidfuzz import fuzz, process

Tier = Literal["emergency", "urgent"]


@dataclass(frozen=True)
class RedFlag:
    tier: Tier
    label: str  # what the person described, in words fit to repeat back to them


@dataclass(frozen=True)
class _Rule:
    tier: Tier
    label: str
    patterns: tuple[re.Pattern[str], ...]


# Sensation words and "saddle" places; a gap of a few words may stand between them.
_NUMB = r"(?:numb\w*|tingl\w*|pins and needles|no (?:feeling|sensation)|(?:can ?not|could not|unable to) feel|lost (?:all )?(?:feeling|sensation)|loss of (?:feeling|sensation)|dead|no feel)"
_SADDLE = r"(?:groin|genital\w*|buttock\w*|bum|backside|bottom|inner thighs?|saddle|privates?|private parts?|crotch|between (?:my|the) legs|down there|perine\w*|anus|vagina\w*|penis|testic\w*|scrotum|nether regions?)"
_GAP = r"\W+(?:\w+\W+){0,6}?"
_BLADDER = r"(?:bladder|urin\w*|pee|peeing|wee|weeing|piss\w*)"
_BOWEL = r"(?:bowels?|poo\w*|stools?|faec\w*|fec\w*|number two)"
_LOSS = r"(?:no control|lost control|loss of control|lose control|losing control|(?:can ?not|could not|unable to|trouble|difficulty|struggl\w*|hard to|problems?|not able to)\W+(?:\w+\W+){0,3}?(?:control|hold|start|stop|go|empty|pass|feel|tell|notice)|control (?:is |has )?(?:lost|gone)|incontinen\w*|leak\w*|accidents?|retention|not noticing|did not notice|without noticing|do not notice|does not notice)"


def _rx(*patterns: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in patterns)


_RULES: tuple[_Rule, ...] = (
    _Rule("emergency", "numbness or tingling around the genitals, buttocks or inner thighs",
          _rx(_NUMB + _GAP + _SADDLE, _SADDLE + _GAP + _NUMB, r"saddle (?:numb\w*|anaesthesia|anesthesia)")),
    _Rule("emergency", "new problems controlling or passing urine",
          _rx(_LOSS + _GAP + _BLADDER, _BLADDER + _GAP + _LOSS,
              r"wet(?:ting|ted)? (?:myself|me|my (?:pants|trousers|bed)|the bed)",
              r"(?:can ?not|could not|unable to|not able to) (?:pee|wee|urinate)")),
    _Rule("emergency", "new loss of bowel control",
          _rx(_LOSS + _GAP + _BOWEL, _BOWEL + _GAP + _LOSS,
              r"(?:soil\w*|pooped|pood|messed) (?:myself|my (?:pants|trousers))")),
    _Rule("emergency", "weakness, numbness or pain in both legs, or legs giving way",
          _rx(r"(?:both|two) (?:of my )?legs\W+(?:\w+\W+){0,5}?(?:weak\w*|numb\w*|tingl\w*|pain\w*|hurt\w*|ach\w*|giv\w*|gave|buckl\w*|dead|heavy)",
              r"(?:weak\w*|numb\w*|tingl\w*|pain\w*|ach\w*|sciatica)\W+(?:\w+\W+){0,5}?(?:both|two) (?:of my )?legs",
              r"legs?\W+(?:\w+\W+){0,4}?(?:giv\w* way|gave way|buckl\w*|collaps\w*|weak\w*|numb\w*|not (?:hold|support)\w*)",
              r"(?:weak\w*|numb\w*)\W+(?:\w+\W+){0,4}?legs",
              r"(?:can ?not|could not|unable to|struggl\w* to|trouble|difficult\w*|hard to|not able to) (?:\w+ )?walk",
              r"foot drop|dragging my (?:foot|leg)",
              r"weak\w*\W+(?:\w+\W+){0,4}?(?:getting worse|worsening|spreading)")),
    _Rule("emergency", "new erection problems or numbness during sex",
          _rx(r"erect\w*", r"impoten\w*", _NUMB + r"\W+(?:\w+\W+){0,4}?(?:sex|intercourse)")),
    _Rule("emergency", "pain that started after a serious fall, crash or accident",
          _rx(r"(?:car|road|traffic|motorbike|motorcycle|bike|cycling|skiing) (?:crash|accident|collision)",
              r"\bcrash\w*|collision|hit by (?:a |an )?(?:car|vehicle|van|truck|bus|bike|cyclist)",
              r"(?:serious|bad|big|nasty|heavy|hard|major) (?:fall|accident|tumble)",
              r"f[ae]ll\w*\W+(?:\w+\W+){0,3}?(?:off|from|down)\W+(?:\w+\W+){0,2}?(?:ladder|roof|height|horse|stairs|steps|wall|tree|balcony|scaffold\w*|bike)",
              r"major (?:trauma|injury)|whiplash")),
    _Rule("emergency", "chest pain together with the back pain",
          _rx(r"chest (?:pain|pains|hurt\w*|tight\w*|pressure|ache\w*|is (?:hurting|tight|aching|painful))",
              r"(?:pain\w*|crush\w*|squeez\w*|tight\w*|pressure|hurt\w*|ach\w*)\W+(?:\w+\W+){0,3}?(?:in|on) (?:my|the) chest", r"heart attack")),
    _Rule("urgent", "fever, a high temperature or chills",
          _rx(r"fever\w*", r"(?:high|a|raised) temperature|temperature of|running a temp", r"\bchills?\b",
              r"shiver\w*|rigou?rs|night sweats|sweating at night|hot and cold",
              r"infection|inject\w* drugs|iv drugs?|drug use|immun\w* (?:system|suppress\w*)|immunosuppress\w*|hiv")),
    _Rule("urgent", "losing weight without trying",
          _rx(r"(?:los\w*|lost|dropp\w*|shed\w*)\W+(?:\w+\W+){0,3}?(?:weight|kilos?|kg|pounds|lbs|stone)\W+(?:\w+\W+){0,5}?(?:without (?:trying|dieting|meaning to)|no (?:reason|idea why)|not (?:trying|dieting)|unexplained|unintentional\w*|for no)",
              r"unexplained weight|weight loss (?:without|for no)|weight (?:is )?falling off")),
    _Rule("urgent", "cancer now or in the past",
          _rx(r"cancer\w*|tumou?r\w*|chemo\w*|radiotherapy|radiation therapy|oncolog\w*|malignan\w*|leuka?emia|lymphoma|myeloma|metasta\w*")),
    _Rule("urgent", "pain at night or lying down that does not ease with rest",
          _rx(r"(?:night|in bed|lying down|lie down|lying flat|at rest|resting|asleep|sleep\w*)\W+(?:\w+\W+){0,8}?(?:wakes? me|woken|waking me|keeps? me (?:up|awake)|(?:does|will|did) not (?:ease|go away|settle|stop|improve|get better|let up)|no position|can ?not get comfortable|constant|unbearable)",
              r"(?:wakes? me|woken|waking me|keeps? me (?:up|awake)|constant|unbearable)\W+(?:\w+\W+){0,8}?(?:night|in bed|lying down|at rest|sleep\w*)",
              r"worse at night|night pain|pain at night|even (?:when|while) (?:resting|lying|i rest|i lie)",
              r"(?:rest\w*|lying down|lying still|sleep\w*) (?:does|did|will) not (?:help|ease|change)",
              r"(?:hurts?|pain\w*|worse) (?:\w+ )?(?:when )?(?:lying|in bed|at night)")),
    _Rule("urgent", "a new lump or swelling on the back, or the back changing shape",
          _rx(r"\blump\w*|swelling|swollen|\bbump on|\bmass on|\bmass in",
              r"(?:back|spine)\W+(?:\w+\W+){0,4}?(?:different|new|odd|strange|chang\w*|wrong) shape|deformity|deformed")),
    _Rule("urgent", "pain between the shoulder blades or like a band around the chest",
          _rx(r"between (?:my|the) shoulder ?blades|(?:band|belt|strap)\W+(?:\w+\W+){0,4}?(?:around|across|round) (?:my|the)?\s?(?:chest|ribs?|rib cage|body|middle|trunk)",
              r"(?:around|round) (?:my|the) (?:chest|ribs|rib cage)")),
    _Rule("urgent", "age over 50 with a new episode of back pain",
          _rx(r"(?:i am|i'm|im|aged|age|at|turned|over)\s+(?:5\d|[6-9]\d|1[01]\d)\b(?!\s*(?:km|k|miles?|minutes?|mins?|seconds?|m\b|%|kg))",
              r"\b(?:5\d|[6-9]\d|1[01]\d)\s*(?:-\s*)?(?:years?|yrs?|yo|y/o)\b")),
    _Rule("urgent", "pain that has not improved after several weeks",
          _rx(r"(?:weeks|months|a month|\d+ weeks?|\d+ months?|several weeks|a few weeks)\W+(?:\w+\W+){0,8}?(?:not (?:improv\w*|get\w* better|better|gone|eas\w*|changed)|no better|no improvement|still (?:hurts|painful|there|sore|bad|the same|aching)|has not (?:improved|gone|eased)|persist\w*|worse)",
              r"(?:not (?:improv\w*|getting better|gone away|eased)|not (?:got|gotten|getting) (?:any )?better|no better|no improvement|still hurts|still painful)\W+(?:\w+\W+){0,8}?(?:weeks|months|a month)")),
    _Rule("urgent", "a minor fall with osteoporosis or long-term steroids",
          _rx(r"(?:osteopor\w*|osteopenia|brittle bones|steroid\w*|prednis\w*)\W+(?:\w+\W+){0,12}?(?:f[ae]ll\w*|slip\w*|trip\w*|knock\w*|bump\w*|tumbl\w*)",
              r"(?:f[ae]ll\w*|slip\w*|trip\w*|knock\w*|tumbl\w*)\W+(?:\w+\W+){0,12}?(?:osteopor\w*|osteopenia|brittle bones|steroid\w*|prednis\w*)")),
)

# Words a misspelling may be corrected to: the distinctive words the rules look for.
_VOCABULARY = (
    "numbness", "numb", "tingling", "tingly", "groin", "genitals", "buttocks", "bladder", "urine", "urinate",
    "bowel", "bowels", "incontinence", "incontinent", "weakness", "collapsing", "buckling", "erection",
    "erectile", "impotence", "accident", "collision", "chest", "fever", "feverish", "temperature",
    "shivering", "chills", "infection", "cancer", "tumour", "tumor", "chemotherapy", "lymphoma",
    "swelling", "swollen", "shoulder", "osteoporosis", "steroids", "prednisolone", "unexplained",
    "weight", "control", "walking", "sensation", "feeling", "between", "constant", "unbearable",
)
_NEGATION = re.compile(r"\b(?:no|without|never had|not had|do not have|does not have|did not have|have not had|has not had|have not got|free of|denies|not experiencing|not having|nor)\b")
# Contractions typed without the apostrophe: "cant", "didnt", "hasnt".
_BARE_NOT = re.compile(r"\bcant\b|\bwont\b|\b(did|does|do|has|have|had|is|are|was|were|could|would|should)nt\b")
_CLAUSE = re.compile(r"[.;!?\n]|\bbut\b|\bhowever\b|\balthough\b|\bthough\b")
_QUOTES = (("’", "'"), ("‘", "'"))
_CONTRACTIONS = (("can't", "can not"), ("cannot", "can not"), ("won't", "will not"), ("n't", " not"),
                 ("i'm", "i am"))


def normalize(text: str, known: Iterable[str] = ()) -> str:
    """Lower-case, expand contractions, and correct misspelt trigger words."""
    text = text.lower()
    for short, full in _QUOTES + _CONTRACTIONS:
        text = text.replace(short, full)
    text = _BARE_NOT.sub(_expand_bare_not, text)
    known_words = frozenset(known)
    return re.sub(r"[a-z]{5,}", lambda m: _correct(m.group(0), known_words), text)


def _expand_bare_not(match: re.Match[str]) -> str:
    word = match.group(0)
    if word == "cant":
        return "can not"
    if word == "wont":
        return "will not"
    return f"{match.group(1)} not"


@lru_cache(maxsize=8192)
def _correct(word: str, known: frozenset[str]) -> str:
    if word in known or word in _VOCABULARY:
        return word
    match = process.extractOne(word, _VOCABULARY, scorer=fuzz.ratio, score_cutoff=84)
    return match[0] if match else word


def _negated(text: str, start: int) -> bool:
    """Whether a negation cue precedes ``start`` within the same clause."""
    clause_start = 0
    for sep in _CLAUSE.finditer(text, 0, start):
        clause_start = sep.end()
    return bool(_NEGATION.search(text, clause_start, start))


class RedFlagDetector:
    """Finds red flags in free text.

    ``known_words`` are real words that must never be 'corrected' to a trigger word (so
    "ladder" does not become "bladder"): the model's word-piece vocabulary and the corpus words.
    """

    def __init__(self, known_words: Iterable[str] = ()) -> None:
        self.known = frozenset(w.lower() for w in known_words if len(w) >= 5 and w.isalpha())

    @classmethod
    def with_vocabulary(cls, vocab_file: Path | None, extra: Iterable[str] = ()) -> "RedFlagDetector":
        """A detector that knows the whole words of a word-piece ``vocab.txt`` plus ``extra``."""
        words: list[str] = list(extra)
        if vocab_file is not None and vocab_file.is_file():
            words.extend(line.strip() for line in vocab_file.read_text("utf-8").splitlines())
        return cls(words)

    def detect(self, text: str) -> tuple[RedFlag, ...]:
        """Every red flag found, emergency tier first; empty when there is none."""
        norm = normalize(text, self.known)
        found: list[RedFlag] = []
        for rule in _RULES:
            for pattern in rule.patterns:
                if any(not _negated(norm, m.start()) for m in pattern.finditer(norm)):
                    found.append(RedFlag(rule.tier, rule.label))
                    break
        return tuple(sorted(found, key=lambda f: f.tier != "emergency"))


def tier_of(flags: tuple[RedFlag, ...]) -> Tier | None:
    if not flags:
        return None
    return "emergency" if any(f.tier == "emergency" for f in flags) else "urgent"
