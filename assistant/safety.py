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
from typing import Callable, Iterable, Literal

from rapidfuzz import fuzz, process
from rapidfuzz.distance import DamerauLevenshtein

from .lexical import untext
from .prefilter import Prefilter

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
    unless: str = ""  # the label of a rule that, when it fires too, says this one's case better
    # Looked for across the whole message, not one sentence: a history told in one sentence and
    # the event in another ("I'm on steroids. ... I missed a step and went down.").
    message_wide: bool = False
    # Whether a match is the rule's words in a harmless sense ("cabin fever", "crashed on the sofa").
    harmless: Callable[["_Rule", str, re.Match[str]], bool] | None = None


# Not being able to do something, in any tense ("can not", "have not been able to", "have not
# managed to", "can barely"), and the same with difficulty ("trouble", "struggling to").
_CANNOT = (r"(?:can ?not|could not|unable to|not able to|can no longer|no longer able to|(?:not|never) been able to|not managed to|"
           r"(?:have|has|had) not managed|failed to|can barely|can hardly|barely able to|hardly able to)")
_CANNOT_OR_HARD = rf"(?:{_CANNOT}|struggl\w* to|trouble|difficult\w*|hard to)"
# Sensation words and "saddle" places; a gap of a few words may stand between them.
_NUMB = (r"(?:numb\w*|tingl\w*|pins and needles|(?:feel|felt) (?:not (?:so )?much|very little|nothing)|(?:gone|went|going) to sleep|(?:feels?|felt|feeling) asleep|no (?:feeling|sensation)|(?:can ?not|could not|unable to|can no longer|no longer|can barely|can hardly|barely|hardly) (?:really |properly |quite )?feel|(?:lost|lose|losing) (?:all )?(?:the )?(?:feeling|sensation)|loss of (?:feeling|sensation)|(?:reduced|decreased|diminished|altered|less) (?:\w+ )?(?:sensation|feeling)|dead\b|no feel|(?:zero|no) (?:feeling|sensation)|"
         r"buzz\w*|fizz\w*|fuzzy|prickl\w*|(?:like|as if|as though) (?:\w+ ){0,2}?static|not registering|(?:like|as if|as though) (?:i am |i'm )?sitting on (?:nothing|air)|half asleep|(?:belongs?|belonged|belonging) to (?:someone|somebody) else|(?:like|as if|as though) (?:\w+ ){0,3}?(?:someone|somebody) else's|not (?:my|his|her) own|(?:like|as if|as though) (?:they are|it is|they were|it was) not (?:mine|his|hers|theirs|part of me)|(?:is|are|was|were) asleep|(?:like|as if|as though) (?:[\w']+ ){0,4}?(?:injected|an? anaesthetic|an? anesthetic|novocaine|at the dentist))")
_SADDLE = r"(?:groin|genital\w*|buttock\w*|bum|backside|back side|bottom|arse|ass|butt|inner (?:thighs?|legs?)|insides? of (?:my|me|the|both|her|his|their|your) (?:thighs|legs)|(?:the )?(?:bits?|part|area) (?:you|i|we|one) sits? on|saddle|privates?|private parts?|crotch|taint|between (?:my |the |his |her )?legs|back passage|rectum|down there|down below|perine\w*|anus|vagina\w*|penis|testic\w*|scrotum|nether regions?|(?:when|after|as) i wip\w*|wiping|undercarriage|(?:where|when) i sit|intimate (?:area|parts)|my bits|lady bits|(?:trouser|downstairs|bedroom) department)"
_GAP = r"\W+(?:\w+\W+){0,8}?"
_BLADDER = r"(?:(?<!hydration )(?<!water )(?<!drinks )bladder(?! (?:pack|bag|vest|sloshing))|urin\w*|pee|peeing|wee|weeing|piss\w*|toilet|loo|bathroom|lavatory|waterworks|(?:my|his|her|their) water(?! bottles?| bladder| pack| belt| intake))\b"
_BOWEL = (r"(?:bowels?|(?<=my )bowls\b|poo\w*|stool\w*|faec\w*|fec\w*|number (?:two|2)|"
          # "motions" for stools (Indian and West African English), not a movement ("slow motion")
          r"(?<!range of )(?<!slow )(?<!through the )motions\b(?! of)|\bpass\w* (?:the |a )?motions?\b|"
          r"\bmotions? (?:is |was |are |were )?(?:coming|came|comes|passing|passed)\b|\bloose motions?)")
_LOSS = rf"(?:dribbl\w*|(?:do not|does not|did not|can not|no longer|have not|has not|had not) (?:get|have|feel|felt|had|got) (?:the|any) (?:feeling|urge|sensation|need|warning)|no (?:urge|warning|sensation)|(?:not|never) (?:getting|feeling|having|get|feel|have) (?:the|any|a) (?:urge|warning|sensation|feeling)|no control|lost control|loss of control|lose control|losing control|(?:{_CANNOT_OR_HARD}|struggl\w*|problems?)\W+(?:\w+\W+){{0,3}}?(?:control|hold|start|initiat\w*|commenc\w*|begin|stop|go|empty|pass|feel|tell|notice|realis\w*|realiz\w*|know|sense)|control (?:is |has )?(?:lost|gone)|incontinen\w*|leak\w*|accidents?|reten[ts]ion|not noticing|did not notice|without noticing|do not notice|does not notice|without (?:any |my |me |even )?(?:knowledge|knowing|warning|realising|realizing|feeling)|notic\w* only (?:after|later)|only notic\w* (?:after|later))"


# Losing weight without trying: the loss (a unit, or clothes gone loose) and that it was not meant.
_WEIGHT_UNIT = r"(?:weight|kilos?|kg|pounds|lbs|stone)"
_CLOTHES = r"(?:clothes|trousers|jeans|pants|belt|shirts?|dress(?:es)?|skirts?|waistband|(?:running )?kit)"
_LOOSE = r"(?:falling off|hanging off|loose|baggy|too big|big on (?:me|him|her)|swimming in)"
_UNTRIED = (r"(?:without (?:any |even )?(?:trying|dieting|diet\w*|meaning to|effort)|(?:have|has) not (?:been )?tried|do not want (?:this|it|to)|not (?:on )?purpose|no (?:reason|idea why)|not (?:been )?(?:trying|dieting|on a diet)|"
            r"not on (?:a|any) diet|(?:do|did) not (?:make|do|made) (?:a |any )?diet|without chang\w*(?: anything)?|no (?:diet\w*|change\w*)\b|(?:not|nothing) (?:doing |done |changed )?(?:anything )?"
            r"differen\w*|nothing (?:has )?changed|eat\w* (?:more|as much)|do not know why|unexplained|unintentional\w*|for no|eat\w* (?:normally|normal|the same|same|as usual|properly|loads|"
            r"plenty|lots)|not changed (?:what|how much|how|anything about what) i eat|not changed my (?:diet|eating)|"
            r"same (?:diet|food|amount)|not changed (?:anything|a thing)|not changed (?:my |what i |how i )?(?:training|diet|eating|routine)|"
            r"(?:can not|could not) explain|no explanation)")
# Pain that rest and lying still do not relieve.
_NO_RELIEF = (r"(?:(?:do|does|will|did|is|was|would) not (?:eas\w*|go\w* away|settl\w*|stop\w*|improv\w*|(?:get|go)\w* better|"
              r"let\w* up|reduc\w*|subsid\w*|quit|shift|budge)|nothing (?:relieves|eases|"
              r"helps|stops|shifts|settles)|nothing (?:i|he|she|they|we) (?:do|try|tried|did) (?:\w+ )?(?:eases|helps|relieves|works|stops|shifts)|no position|can ?not get (?:comfortable|comfy)|constant|unbearable)")


# Trauma, the ways people describe it. Serious: a vehicle, a height, stairs, a horse, a tackle, a
# hard landing on the back; that is the emergency tier ("pain that started after a serious fall,
# a car crash or another major accident"). Any other fall or knock with back pain: see a doctor
# today (and the same day with osteoporosis or long-term steroids, whatever the fall).
_VEHICLE = (r"(?:car|cars|van|truck|lorry|bus|taxi|cab|vehicle|motorbike|motorcycle|moped|scooter|bike|bicycle|"
            r"cyclist|driver|tram|train|4x4|suv|rickshaw|auto-?rickshaw|tuk-?tuk|okada|keke|matatu|jeepney|danfo|"
            r"minibus)")
_BACK_PART = r"(?:back|lower back|spine|bum|backside|bottom|butt|tailbone|coccyx|behind|rear|hip|hips|side)"
_HEIGHT = (r"(?:ladder|roof|height|horse|pony|stairs?|staircase|flights?|steps|wall|tree|balcony|scaffold\w*|bike|bicycle|"
           r"motorbike|motorcycle|trampoline|cliff|rocks?|climbing wall|bunk bed|loft|window|fence|ledge|bank|"
           r"platform|stage|truck|lorry|van|skateboard|scooter|mountain bike|quad)")
_SERIOUS_TRAUMA = (
    r"\b(?:crash\w*|collid\w*|collision|smash(?:ed|ing)? into|pile-?up|write-?off|written off|"
    r"head-on|t-?boned|side-?swiped|rear-?ended|shunt(?:ed)?|fender[- ]bender|prang(?:ed)?)",
    rf"\b(?:hit|knocked|clipped|struck|run|ran|mowed|bumped|clobbered|side-?swiped|taken out) "
    rf"(?:down |over |off |flat |sideways )?(?:by|from) (?:a |an |the |some )?(?:\w+ )?{_VEHICLE}\b",
    r"\b(?:rolled|flipped|overturned|wrapped) (?:my|the|our|a) (?:\w+ )?(?:car|van|truck|lorry|vehicle|quad|jeep|suv|4x4)\b",
    rf"\b{_VEHICLE} (?:\w+ )?(?:rolled|flipped|overturned|somersault\w*|capsized|turned over|tipped over|spun|skidded|went off the road|left the road|hit a (?:tree|wall|lamp))",
    r"\b(?:knocked|run|ran) (?:me )?(?:down|over)\b|\bknocked (?:me )?off (?:my|the) (?:bike|feet|horse)",
    rf"\b{_VEHICLE} (?:\w+ )?(?:hit|clipped|struck|knocked|bumped|swiped|caught|smacked|ran into|ran over|drove into) "
    rf"(?:me|my|us|into me)\b",
    rf"\b{_VEHICLE} (?:went|drove|ran|ploughed|plowed|slammed|smashed|ran|backed|reversed|pulled out) "
    rf"(?:\w+ ){{0,3}}?(?:into|in to|out in front of|over) (?:the back of )?(?:me|mine|my|us)",
    rf"\b(?:accident|incident|collision) (?:in|on|with) (?:a |my |the )?{_VEHICLE}",
    r"\b(?:car|road|traffic|motor|motor vehicle|vehicle|bus|scooter|motorbike|motorcycle|bike|cycling|skiing|snowboarding|riding|horse|work|rugby|football|"
    r"climbing|diving|sledging|skating) (?:accident|crash|collision|smash|incident|fall|wreck)",
    r"\b(?:a|an|the|my|in an?|had an?|was in an?|involved in an?) (?:big |bad |serious |major |nasty |horrible |"
    r"terrible )?accident\b",
    rf"\b(?:f[ae]ll\w*|fallen|tumbl\w*|slipp?\w*|tripp?\w*|thrown|flung|came|come|coming|got thrown|bucked|"
    rf"flew|went flying|wiped out|came a cropper) (?:\w+ ){{0,5}}?(?:off|from|down|out of|over|through|top of) "
    rf"(?:\w+ ){{0,5}}?{_HEIGHT}\b(?! roots?\b| stumps?\b| branch)",
    r"\b(?:tackled|rugby tackle|body ?checked|sacked|speared|piled on|stamped on|trampled|kicked|punched|"
    r"assaulted|attacked|beaten up|hit with|struck with|whacked with|blow to (?:my|the) (?:back|spine|head))\b",
    r"\b(?:wiped out|wipe-?out|went flying|went over the (?:handlebars|bars|top)|over the handlebars|"
    r"came off (?:my|the|a) (?:bike|horse|motorbike|motorcycle|scooter|board|skis?)|thrown (?:off|from|by)|"
    r"bucked off|took a (?:big |bad |nasty |hard |heavy |massive |huge |proper |serious )?(?:tumble|spill|hit|knock|fall|header))\b",
    r"\blanded on (?:top of )?(?:me|him|her)\b|\b(?:big|massive|huge|hard) hit\b",
    r"\b(?:\d+|two|three|four|five|six|ten)\s*(?:metres|meters|m|feet|ft|foot|storeys|stories|floors)\b[^.?!]{0,40}?"
    r"\b(?:down|onto|on to|fall|fell|drop\w*)",
    r"\b(?:fell|came down|came off|dropped|toppled|collapsed|crashed)\b[^.?!]{0,40}?\b(?:onto|on to|on top of) "
    r"(?:my|his|her) (?:back|spine|head)\b",
    r"\b(?:went|ran|crashed|skied|rode|cycled|flew|slid|skidded) (?:straight |head first |headfirst )?into a "
    r"(?:tree|wall|post|lamp ?post|fence|barrier|pole|rock|car|van|bus)\b",
    r"\b(?:f[ae]ll\w*|landed|slipp\w*|came down|went down)[^.?!]{0,80}?(?:heard|felt) (?:a |something )?(?:crack|snap)",
    r"\b(?:landed|fell|came down) (?:\w+ ){0,6}?(?:on|onto) (?:the |a )?(?:edge|corner) of\b",
    r"\b(?:serious|bad|big|nasty|heavy|hard|major|horrible|awful|huge) (?:fall|accident|tumble|crash|spill|"
    r"knock|impact|collision|blow)\b|\bmajor (?:trauma|injury)\b|\bwhiplash\b",
)
_PERSON = (r"(?:i|i have|i had|he|she|we|they|you|mum|mom|dad|husband|wife|partner|son|daughter|grandad|grandpa|"
           r"grandma|gran|nan|nana|friend|client)")
# Landing hard on the back: the emergency tier, except after the minor fall of someone with
# osteoporosis or on steroids, which has its own (urgent) rule.
_HARD_LANDING = (
    rf"\b(?:landed|land|landing|came down|fell|fallen|slammed|thumped|crashed) (?:\w+ ){{0,2}}?(?:hard |heavily |"
    rf"flat |right |square(?:ly)? |awkwardly )?(?:on|onto) (?:my|the|his|her) {_BACK_PART}\b",
)
_ANY_FALL = (
    rf"(?:\b{_PERSON} (?:(?!not\b|never\b)\w+ )?|(?:^|(?<=[.!?;,] )|(?<=[.!?;,])))(?:f[ae]ll\w*|fallen|tumbl\w*|slipp(?:ed|ing)|tripp(?:ed|ing)|stumbl\w*|lost (?:my|his|her) "
    rf"(?:footing|balance)|went over|went down|keeled over|face-?planted|came down|hit the (?:ground|deck|floor|pavement))\b",
    r"\b(?:had|took|taken|have had|a) (?:a |an )?(?:\w+ )?(?:fall|slip|tumble|trip|spill)\b|\bfell over\b|\bslipped (?:on|over)\b",
    r"\bmissed (?:a|the|my) (?:step|stair|footing|kerb|curb)\b",
    r"\b(?:knocked|bumped|banged|hit|jarred|twisted|wrenched|jolted|whacked|smacked) (?:\w+ ){0,2}?"
    r"(?:my|the) (?:back|spine|tailbone|coccyx)\b",
)
# What makes "crash" or "fall" harmless: sleep, the sofa, a diet, a computer, a plan falling through.
_NOT_TRAUMA = re.compile(
    r"\b(?:crash\w*|collaps\w*|flopp?\w*) (?:out )?(?:on|onto|in|into) (?:the |my |a )?(?:sofa|couch|settee|bed|chair)"
    r"|\bcrash(?:ed|ing)? out\b|\b(?:crash|fad) diet|\bcrash course|\b(?:energy|sugar|caffeine|blood sugar|market|computer|laptop|"
    r"motivation|mood|confidence|morale|battery|stock|share|price|"
    r"app|phone|watch|garmin|strava|website|system|server) (?:crash\w*|fall\w*)|\bf[ae]ll\w* (?:asleep|apart|behind|"
    r"through(?! (?:the|a|an) (?:\w+ )?(?:loft|hatch|floor|floorboards|ceiling|roof|ice|window|gap|hole|trapdoor|decking))|ill|sick|pregnant|in love|short|off the (?:wagon|plan|routine)|out of (?:love|the habit|shape))"
    r"|\bwent down (?:the |a flight of )?(?:stairs|steps)\b|\btrip (?:to|into|out|away|abroad|home)\b|\b(?:road|day|school|round|return|business|shopping|camping|family|"
    r"weekend) trip\b|\b(?:fall|autumn) (?:season|marathon|race|half|10k|5k|training|running)\b|\bin the fall\b|\bthis fall\b"
    r"|\bfall(?:ing)? (?:off|down) (?:the|my) (?:training|plan|wagon)|\b(?:shoes?|trainers|sneakers|runners|laces|"
    r"soles?|clothes|shorts|tights) (?:\w+ )?(?:are |is )?(?:falling|fall) apart|\bslipp\w* (?:disc|disk)\b"
    r"|\b(?:heart|hopes|spirits|motivation|pace|times?|weight|mileage|numbers) (?:\w+ )?(?:fell|dropped|has fallen)"
    r"|\b(?:a bit|a little|feeling|feel|felt|very|quite|so|really|rather|generally|am|was|been|getting) run[- ]down\b(?! by)"
)
# A fall counts when the text is about a body in pain (prices and empires fall too).
_BODY = re.compile(r"\b(?:back|spine|tailbone|coccyx|hip|hips|bum|pain\w*|hurt\w*|ach\w*|sore\w*|injur\w*|bruis\w*)\b")
_SERIOUS_TRAUMA_LABEL = "pain that started after a serious fall, crash or accident"
_ANY_FALL_LABEL = "a fall or a knock to the back"
_FRAGILE_FALL_LABEL = "a minor fall with osteoporosis or long-term steroids"
# Cancer named as a cause to run for, not a history: "Race for Life for Cancer Research UK".
_NOT_CANCER = re.compile(r"\bcancer (?:research|charity|charities|awareness|fundrais\w*|trust|society|council|ward|nurse)|"
                         r"\b(?:run\w*|race|racing|walk\w*|rais\w*|fundrais\w*|sponsor\w*|charity|donat\w*|money) "
                         r"(?:\w+ ){0,3}?(?:for|in aid of) (?:\w+ )?cancer|macmillan|"
                         r"race for life|relay for life|(?:cancer|tumour|tumor) (?:run|walk|5k|10k|race)|"
                         r"(?:star sign|zodiac|horoscope|sun sign|moon sign|rising sign)\b[^.?!]{0,20}?\bcancer|"
                         r"\bcancer (?:star sign|zodiac|season|sun|moon|rising)\b")
_IDIOM_FEVER = re.compile(r"\b(?:marathon|race|racing|running|run|spring|cabin|football|world cup|gold|saturday night|"
                          r"christmas|holiday|olympic|training|parkrun) fever|\bfeverish(?:ly)? (?:with )?(?:excitement|"
                          r"anticipation|nerves|impatience)|\bfever[- ]pitch")
_AS_IF = re.compile(r"\b(?:look\w*|as if|as though|like) (?:\w+ )?(?:i|i'd|i had|i have|you|he|she) (?:just )?\w*$")
_FRAGILE = (r"(?:osteop[eo]r\w*|osteopenia|(?:brittle|thin|weak|fragile|soft) bones|bones (?:are|were|is|being) \W?(?:thin|brittle|weak|fragile|soft)|(?:low|poor) bone density|"
            r"steroid\w*|prednis\w*|cortisone|dexamethasone)")
_FALLING = (r"(?:f[ae]ll\w*|fallen|slip\w*|trip\w*|stumbl\w*|tumbl\w*|knock\w*|bump\w*|landed|came down|went over|jolt\w*|jarr\w*|"
            r"sat down (?:\w+ ){0,2}?(?:hard|heavily)|missed (?:a|the|my) (?:chair|seat)|"
            r"went down|lost (?:my|her|his) (?:footing|balance)|missed (?:a|the|my) (?:step|stair|footing|kerb|curb))")
_MINOR = re.compile(r"\b(?:minor|small|little|slight|gentle|light|tiny|soft|silly|not (?:a )?(?:big|bad|hard|heavy|serious)|"
                    r"nothing (?:dramatic|major|big|bad)|not (?:dramatic|major|much of a)|"
                    r"nothing serious|only a|just a|barely)\b")


def _sentence_end(text: str, pos: int) -> int:
    """Where the sentence that ``text[pos]`` is in ends."""
    stops = [i for i in (text.find(c, pos) for c in ".;!?\n") if i >= 0]
    return min(stops, default=len(text))


def _sentence(text: str, match: re.Match[str]) -> tuple[int, int]:
    """The bounds of the sentence ``match`` is in."""
    return max(text.rfind(c, 0, match.start()) for c in ".;!?\n") + 1, _sentence_end(text, match.end())


def _clause(text: str, match: re.Match[str]) -> tuple[int, int]:
    """The bounds of the clause ``match`` is in (between negation terminators: "but", ", and", ...)."""
    start = max((m.end() for m in _TERMINATOR.finditer(text, 0, match.start())), default=0)
    stop = _TERMINATOR.search(text, match.end())
    return start, stop.start() if stop else len(text)


def _to_next_sentence_end(text: str, match: re.Match[str]) -> int:
    """Where the sentence after the one ``match`` is in ends."""
    return _sentence_end(text, _sentence(text, match)[1] + 1)


def _charity(rule: _Rule, text: str, match: re.Match[str]) -> bool:
    """"Cancer" as a cause to run or raise money for, not a history of it; or a relative's cancer
    the person is raising money for."""
    sentence_start, sentence_end = _sentence(text, match)
    return bool(_NOT_CANCER.search(text, max(0, match.start() - 30), match.end() + 30)
                or _FUNDRAISING.search(text, sentence_start, sentence_end)
                or _A_STORY.search(text, sentence_start, match.start())
                or (_OTHERS_ILLNESS.search(text, sentence_start, match.start())
                    and _NOT_ME.match(text, match.end()) is not None)
                or (_OTHERS_ILLNESS.search(text, sentence_start, match.start())
                    and _set_apart(text, match.end(), _to_next_sentence_end(text, match))
                    and _MY_BACK.search(text) is not None and _THEIR_BACK.search(text) is None))


def _idiom_fever(rule: _Rule, text: str, match: re.Match[str]) -> bool:
    """"Marathon fever", "cabin fever"; a hot day's temperature, shivering in the cold on a start
    line; or someone else's fever the person sets apart ("she's fine now, nothing to do with me")."""
    return bool(_IDIOM_FEVER.search(text, max(0, match.start() - 20), match.end() + 30)
                or _WEATHER.search(text, *_sentence(text, match))
                or _set_apart(text, match.end(), _to_next_sentence_end(text, match)))


def _as_if(rule: _Rule, text: str, match: re.Match[str]) -> bool:
    """A likeness, not the symptom: "looked like I'd wet myself" after a leaking bottle."""
    return bool(_AS_IF.search(text, max(0, match.start() - 30), match.start() + 1))


# A lump in a thing, not in the body: "a lump in my shoe insole", "a lump in the mattress".
_IN_A_THING = re.compile(r"\W+(?:\w+\W+){0,2}?(?:in|on|under|inside) (?:my |the |a |an |his |her |their )?(?:\w+ )?"
                         r"(?:shoes?|socks?|insoles?|soles?|trainers?|sneakers?|runners|boots?|laces?|seams?|tongue|"
                         r"mattress|bed|pillow|cushion|seat|sofa|couch|carpet|road|path|pavement|track|trail|ground|"
                         r"floor|mat|porridge|custard|sauce|gravy|bag|pocket|waistband|bra|strap)\b")
# A fall the person sets apart from this pain: "that's long healed", "that's not why I'm here".
_SET_APART = re.compile(r"(?:long |fully |all |completely )?healed|(?:that|it|this) (?:is|was) not (?:why|what|related|"
                        r"the (?:reason|cause|problem))|nothing to do with|unrelated|not related|"
                        r"\b(?:she|he|they|it)(?:'s| is| are| was) (?:all )?(?:fine|better|ok|okay|recovered|over it)\b|"
                        r"no pain at all|no harm done|unhurt|\b(?:back|it|i) (?:was|were) (?:totally |completely )?fine\b|"
                        r"(?:did|does) not hurt\b(?! (?:at first|until|then))|(?:fully |completely )?recovered|"
                        r"\byears ago|as a (?:kid|child|teenager)|when i was (?:young|little|a kid|a child|\d+)|"
                        r"no (?:lasting|ongoing) (?:issues|problems|damage)|no problems since|ancient history|long gone|"
                        r"all in the past")
# What undoes a setting apart: "not healed", "fine at first but", "years ago and it never went away".
# "She's fine now but my back aches": the "but" turns to the writer, it does not undo her recovery.
_SOMEONE_ELSE = re.compile(r"(?:she|he|they)\b")
_TO_ME = re.compile(r"\W*(?:\w+\W+){0,2}?(?:my|i|i am|i have|me)\b")
# What follows a "now" that keeps the past apart: "... long gone. Now it's just normal stiffness".
_JUST_USUAL = re.compile(r"\W+(?:\w+\W+){0,3}?(?:just|only|simply) (?:\w+ )?(?:normal|usual|regular|ordinary|general|everyday)\b")
_NOT_BEFORE = re.compile(r"\b(?:not|never|yet to|no)\W+(?:\w+\W+)?$")
_BUT_AFTER = re.compile(r"^\W*(?:\w+\W+){0,6}?(?:but|until|now|since|never|still|ever since|at first|initially|then)\b")


def _set_apart(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` sets an illness or a fall apart from the pain asked about
    ("that's long healed", "she's fine now", "years ago, fully recovered"), and nothing undoes it
    ("not healed", "I was fine at first but now ...", "years ago and it never went away")."""
    for m in _SET_APART.finditer(text, start, end):
        if _NOT_BEFORE.search(text[max(0, m.start() - 20):m.start()]):
            continue
        undo = _BUT_AFTER.search(text[m.end():end])
        if undo and not (_SOMEONE_ELSE.match(m.group(0)) and _TO_ME.match(text, m.end() + undo.end())) \
                and not _JUST_USUAL.match(text, m.end() + undo.end()):
            continue
        return True
    return False


# Weather, not a fever: "30 degrees on race day, a really high temperature"; "shivering on the start line".
_WEATHER = re.compile(r"\b(?:forecast|weather|outside|outdoors|heat ?wave|sunny|humid|hot day|the sun|start line|"
                      r"waiting for the (?:gun|start)|in the (?:cold|rain|wind|snow)|(?:cold|freezing|chilly|wet|windy) "
                      r"(?:weather|morning|day|night|wind|start))\b")
# The people close to the writer whose illness a message may mention in passing.
_RELATIVE = (r"husband|wife|partner|mum|mom|mother|dad|father|brother|sister|son|daughter|friend|aunt|uncle|grand\w*|"
             r"colleague|neighbou?r")
# A film, a book or an article about someone with the illness, not the person's own.
_A_STORY = re.compile(r"\b(?:film|movie|documentary|book|novel|tv show|series|story|article|podcast|programme|program|"
                      r"video|play)\b (?:about|on|where|in which)\b[^.?!]*$")
# Someone else's illness, the subject before it: "my husband had prostate cancer ten years ago".
_OTHERS_ILLNESS = re.compile(rf"\b(?:{_RELATIVE}|boyfriend|girlfriend|nan|gran|cousin|dog|cat)\b"
                             r"(?:'s)? (?:\w+ ){0,2}?(?:had|has|was diagnosed with|got|beat|survived)\b")
# The writer sets themself apart from a relative's illness: "my dad had cancer but I never have".
_NOT_ME = re.compile(r"\W*(?:but|and|though|whereas|while) (?:i|me)(?: have| had| do| did| am)? (?:never|not)\b|"
                     r"\W*(?:\w+\W+){0,3}?not me\b")
# Whose back hurts: the writer's ("my back aches"), or the other person's ("he's now getting back pain").
_MY_BACK = re.compile(r"\b(?:my|me) (?:lower |upper |mid |middle )?back\b|\bi (?:have|am|get|got)\b[^.?!]{0,40}?\bback\b")
_THEIR_BACK = re.compile(r"\b(?:his|her|their) (?:lower |upper |mid |middle )?back\b|"
                         r"\b(?:he|she|they) (?:is|are|has|have|was|were|keeps?)\b(?:(?!\b(?:my|i|but)\b)[^.?!]){0,40}?\bback\b")
_FUNDRAISING = re.compile(r"\b(?:rais\w* (?:money|funds)|fundrais\w*|charity|charities|sponsor\w*|donat\w*)\b")
# A swelling or lump somewhere other than the back: "a swollen ankle", "a lump on my heel".
_ELSEWHERE = re.compile(r"\b(?:ankles?|knees?|foot|feet|toes?|lips?|face|eyes?|fingers?|hands?|wrists?|elbows?|calf|calves|"
                        r"shins?|heels?|arms?|glands?|gums?|tongue|throat|tonsils?|neck|nose|cheeks?|breasts?|armpits?)\b")
_BACK_WORD = re.compile(r"\b(?:back|spine|backbone)\b")
_OTHERS_INJURY = re.compile(r"\b(?:her|his|their) (?:wrist|arm|ankle|leg|collarbone|hand|finger|nose|knee|elbow|shoulder|"
                            r"foot|toe|head|face|ribs?|hips?|pelvis|legs)\b")
_OTHERS_HEART = re.compile(rf"\b(?:{_RELATIVE}|coach)(?:'s)? (?:\w+ ){{0,2}}?(?:had|has|died of|suffered) "
                           r"(?:a |an )?(?:\w+ )?heart attack")
_OWN_AGE_UNDER_50 = re.compile(r"\b(?:i am|i'm|im|aged|me,?) (?:[1-4]\d)\b(?!\s*(?:km|k\b|miles?|minutes?|mins?|kg|%))")


_CHECKED_LUMP = re.compile(r"\b(?:harmless|benign|lipoma|(?:was|were|got it|had it|have had it|had them) (?:\w+ )?removed|"
                           r"removed (?:it|them))\b")


def _in_a_thing(rule: _Rule, text: str, match: re.Match[str]) -> bool:
    """A lump or a bump in a shoe, a sock or a mattress, or on another part of the body, or one a
    doctor has called harmless or taken away ("a cyst, removed years ago")."""
    if _IN_A_THING.match(text, match.end()) or _CHECKED_LUMP.search(text, *_sentence(text, match)):
        return True
    start, end = _clause(text, match)

    def distance(pattern: re.Pattern[str]) -> int:
        """How far from the match the nearest word of ``pattern`` in its clause is."""
        return min((min(abs(m.end() - match.start()), abs(m.start() - match.end()))
                    for m in pattern.finditer(text, start, end)), default=len(text))

    return distance(_ELSEWHERE) < distance(_BACK_WORD)  # "it's swollen" after "my ankle": the ankle


def _someone_elses_heart(rule: _Rule, text: str, match: re.Match[str]) -> bool:
    """"My partner's husband had a heart attack": not the person's chest."""
    return bool(_OTHERS_HEART.search(text, max(0, match.start() - 60), match.end()))


def _someone_elses_age(rule: _Rule, text: str, match: re.Match[str]) -> bool:
    """"My mum (70) has osteoporosis ... I'm 38": the age over 50 is not the writer's."""
    return not re.match(r"(?:i am|i'm|im|aged)\b", match.group(0)) and bool(_OWN_AGE_UNDER_50.search(text))


# The back's pain as it always is, so not one a fall began: "the usual ache it always gets".
_AS_EVER = re.compile(r"\b(?:(?:the|my) usual (?:ache|pain|stiffness|niggle|soreness)|nothing new|same as (?:always|usual|ever))\b")
# Legs spent by a race or a hard session: "legs like jelly for the last 2k of the marathon".
_SPENT = re.compile(r"\b(?:marathon|half|race|racing|ultra|parkrun|\d+ ?k|finish\w*|last (?:\d+ ?(?:k|km|miles?)|mile|few miles)|"
                    r"sprints?|intervals?|hill reps|squats|leg day|session|workout)\b")


def _spent_legs(rule: _Rule, text: str, match: re.Match[str]) -> bool:
    """Legs "like jelly" after a race or a hard session, and the person says so or says they are
    fine again: tired legs, not legs giving way ("... and both knees buckled" is not)."""
    start, end = _sentence(text, match)
    return (bool(re.search(r"jelly|rubber|spaghetti|cotton", match.group(0))) and bool(_SPENT.search(text, start, end))
            and bool(re.search(r"\b(?:expected|normal|standard|usual)\b", text[start:end])
                     or _set_apart(text, match.end(), _to_next_sentence_end(text, match)))
            and not re.search(r"buckl|gave way|giv\w* way|collaps|worse", text))


_CAUGHT = re.compile(r"\b(?:caught (?:myself|himself|herself|themselves)|(?:did|do|does) not (?:actually |quite |really )?"
                     r"(?:go down|fall|hit the (?:ground|deck|floor))|stayed (?:up|upright|on my feet)|kept my (?:feet|balance)|"
                     r"regained my balance|managed not to fall)\b")


def _not_a_fall(rule: _Rule, text: str, match: re.Match[str]) -> bool:
    """Trauma words in a harmless sense ("crashed on the sofa", "fell asleep", "the Roman Empire
    fell"), a fall that nearly happened, or one the person calls minor (not the emergency tier: the
    fall rules of the urgent tier still apply)."""
    if re.search(r"\b(?:nearly|almost|close to|about to)\W+(?:\w+\W+)?$", text[max(0, match.start() - 20):match.start()]) \
            or re.search(r"\b(?:nearly|almost)\b", match.group(0)):
        return True
    if _CAUGHT.search(text, match.end(), _sentence(text, match)[1]):
        return True  # "slipped but caught myself, didn't go down"
    if rule.label == _ANY_FALL_LABEL and (not _BODY.search(text) or _AS_EVER.search(text)):
        return True  # no pain of the back told at all, or the back's pain is the usual one, not new
    if any(m.start() < match.end() and match.start() < m.end() for m in _NOT_TRAUMA.finditer(text)):
        return True
    sentence_start, sentence_end = _sentence(text, match)
    if _set_apart(text, match.end(), sentence_end):
        return True
    start, end = _clause(text, match)
    if _OTHERS_INJURY.search(text, start, end) and not re.search(r"\b(?:back|spine|tailbone|coccyx)\b", text[start:end]):
        return True  # "my friend fell off her bike and broke her wrist": someone else's fall
    if rule.tier == "emergency" and re.search(r"f[ae]ll|fallen|slip|trip|tumbl|land|came down", match.group(0)):
        return bool(_MINOR.search(text, sentence_start, sentence_end))
    return False


def _rx(*patterns: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in patterns)


# Words between the legs and their symptom, within one clause: not across a comma or a "but", and
# not past the back ("both legs were fine but my back aches" is about the back).
_IN_CLAUSE = r"(?:(?!(?:back|spine|but|though|although|and|while|whereas)\b)[\w']+[ \-–]+)"
_BOTH_LEGS_FIRST = (rf"(?:both|two) (?:of )?(?:my |me |the )?(?:legs|pins|thighs|feet|foot)[ \-–]+{_IN_CLAUSE}{{0,8}}?"
                    r"(?:[\w']+ and )?(?:pins and needles|weak\w*|numb\w*|tingl\w*|pain\w*|hurt\w*|ach\w*|giv\w*|gave|buckl\w*|dead|heavy|lame|"
                    r"useless|wobbly|concrete|lead)\b")
_LEGS_FIRST = (rf"legs?[ \-–]+{_IN_CLAUSE}{{0,4}}?(?:giv\w* (?:way|out)|gave (?:way|out)|buckl\w*|collaps\w*|weak\w*|numb\w*|"
               r"not (?:hold|support)\w*|(?:going|gone|went|go) (?:from )?under (?:me|you|him|her|them|us)|fold\w*|crumpl\w*|like (?:jelly|cotton|rubber|water|spaghetti)|(?:turn\w*|gone|go|going|went) "
               r"(?:to )?jelly|(?:went|gone|going|go) dead)")
# Patterns that name the place or function first and the symptom last (see _denied_last):
# "bladder fine, no leaks", "both legs feel normal, no weakness", "my legs do not give way".
_FRAGILE_THEN_FALL = _FRAGILE + r"\W+(?:\w+\W+){0,40}?" + _FALLING  # across sentences: see _Rule.message_wide
_LEG_SYMPTOM = r"(?:weak\w*|numb\w*|tingl\w*|pins and needles|shooting|heavy|dragging|limp\w*|pain\w*|ach\w*|sciatica|dead)"
_BLADDER_THEN_LEAK = _BLADDER + r"[^.?!]{0,80}?\bleak(?:ing|ed|s)?\b"  # "up to the loo all night ... leaking"
_PLACE_FIRST = frozenset((_SADDLE + _GAP + _NUMB, _BLADDER + _GAP + _LOSS, _BOWEL + _GAP + _LOSS, _BOTH_LEGS_FIRST,
                          _LEGS_FIRST, _FRAGILE_THEN_FALL, _BLADDER_THEN_LEAK))

_RULES: tuple[_Rule, ...] = (
    _Rule("emergency", "numbness or tingling around the genitals, buttocks or inner thighs",
          _rx(_NUMB + _GAP + _SADDLE, _SADDLE + _GAP + _NUMB, r"saddle (?:numb\w*|anaesthesia|anesthesia)")),
    _Rule("emergency", "new problems controlling or passing urine",
          _rx(_LOSS + _GAP + _BLADDER, _BLADDER + _GAP + _LOSS,
              r"wet(?:ting|ted)? (?:myself|me|my (?:pants|trousers|bed)|the bed)",
              r"(?:loss|lost|losing|lose) (?:of )?(?:my |all |the )?(?:bladder|urinary) control",
              rf"(?:need\w*|urge) to (?:go|pee|wee|urinate)\b[^.?!]{{0,40}}?{_CANNOT} (?:actually |really |then )?(?:go|pee|wee|do anything)",
              _BLADDER + r"[^.?!]{0,120}?(?:can not tell (?:if|when|whether) (?:i have|i am|i've|it is|it has) (?:finished|done)|"
              r"(?:does|will|would) not stop when (?:i|he|she) (?:tell|want|ask))",
              r"\b(?:bed|sheets|mattress)\W+(?:(?:is|has|was|had|have) )?(?:been )?(?:wet|soaked|damp)\b(?![^.?!]{0,30}sweat)",
              _BLADDER + r"[^.?!]{0,60}?\b(?:barely|hardly|only) (?:anything|a (?:trickle|dribble|few drops))",
              _BLADDER_THEN_LEAK,
              r"(?:peed|pissed|weed|wet|leaked) (?:myself|my (?:pants|trousers|knickers|shorts|bed)|the bed)",
              _BLADDER + r"[^.?!]{0,40}?\bnothing (?:comes|came|will come|would come|is coming) out",
              r"(?:has|have|had) not (?:peed|weed|urinated|passed (?:urine|water)|been to the (?:toilet|loo|bathroom))",
              r"(?:do|does|did) not feel (?:like )?(?:i|he|she|they|you) need\w* to (?:go|pee|wee|urinate)",
              _BLADDER + r"[^.?!]{0,60}?(?:did not|could not|do not|does not|not) (?:quite |always )?make it\b",
              r"(?:can|could) only (?:pee|wee|pass|go) (?:a )?(?:tiny|little|small|few)\b",
              rf"dribbl\w*\W+(?:\w+\W+){{0,6}}?(?:{_CANNOT_OR_HARD}|not able to) (?:\w+ )?hold (?:it|on)",
              r"(?:urine|pee|wee|it)\W+(?:\w+\W+){0,2}?(?:no|not|nor) (?:dey |de )?(?:come|comes|coming) out",
              r"(?:had not|did not|without) (?:\w+ )?(?:realis\w*|realiz\w*|notic\w*|felt)\W+(?:\w+\W+){0,3}?"
              r"(?:leaked|wet myself|peed|weed)",
              r"(?:pee|wee|urine|stream|flow)\W+(?:\w+\W+){0,3}?stops and starts",
              _BLADDER + rf"[^.?!]{{0,60}}?{_CANNOT_OR_HARD} (?:\w+ )?push",
              r"wet (?:bed|sheets)\b(?![^.?!]{0,30}sweat)",
              _BLADDER + r" (?:\w+ ){0,2}?(?:is|was|are|has) not (?:been )?(?:passing|coming|flowing)",
              r"only (?:a )?(?:few|couple of) drops",
              rf"{_CANNOT_OR_HARD} (?:\w+ ){{0,3}}?(?:pee|wee|urinate|piss|slash|pass (?:urine|water)|empty my bladder)",
              r"(?:will not|would not|does not|did not) (?:\w+ )?start\W+(?:\w+\W+){0,4}?dribbl\w*",
              _BLADDER + r"\W+(?:\w+\W+){0,3}?(?:comes?|came|coming) out (?:alone|by itself|on its own)",
              r"not (?:managed|had|done|passed) (?:a |any )?(?:pee|wee|piss|urine|water)\b",
              r"(?:get|getting|start|starting) (?:my |the )?(?:pee|wee|urine|stream|flow) (?:\w+ )?(?:going|started|to start|out|flowing)",
              r"(?:pee|wee|urine|stream|flow) (?:\w+ ){0,2}?(?:will not|would not|does not|did not|is not) (?:\w+ )?"
              r"(?:start|come|flow|coming)"), harmless=_as_if),
    _Rule("emergency", "new loss of bowel control",
          _rx(_LOSS + _GAP + _BOWEL, _BOWEL + _GAP + _LOSS,
              r"\bfollow-?throughs?\b",
              r"(?:loss|lost|losing|lose) (?:of )?(?:my |all |the )?(?:bowel|faecal|fecal|anal|sphincter) control",
              _BOWEL + r"\W+(?:\w+\W+){0,3}?(?:comes?|came|coming) out (?:alone|by itself|on its own)",
              r"accidents? in (?:my|his|her|their) (?:pants|underwear|knickers|trousers|shorts|boxers)",
              r"no control (?:down (?:below|there)|of (?:my |his |her )?(?:bowels?|back passage))",
              r"(?:comes?|came|coming) out\W+(?:\w+\W+){0,3}?(?:not|never) (?:feel|felt|notice\w*|know)",
              r"(?:had not|did not|never) (?:feel|felt|notice\w*|realis\w*|realiz\w*) (?:myself |himself |herself )?go\b",
              rf"{_CANNOT_OR_HARD} (?:\w+ )?(?:squeeze|clench|hold it in|hold it)\b[^.?!]{{0,30}}?(?:bottom|bum|back passage|bowel|poo|in)\b|"
              r"(?:bottom|bum|back passage|bowels?) (?:\w+ ){0,3}?(?:does not|do not|will not|is not) (?:\w+ )?work",
              r"(?:soil\w*|pooped|pood|pooed|mess(?:ed|ing)|shat|crapped) (?:myself|himself|herself|themselves|"
              r"(?:my|his|her) (?:pants|trousers|knickers|shorts|underwear))",
              _BOWEL + r"[^.?!]{0,30}?\b(?:in|on) (?:my|his|her|the) (?:underwear|pants|knickers|boxers|trousers|bed|clothes)",
              r"leak\w*\W+(?:\w+\W+){0,2}?from (?:behind|my (?:bum|backside|bottom|back passage)|the back passage)",
              r"(?:did not|do not|does not|could not|can not) (?:\w+ )?(?:realis\w*|realiz\w*|know|feel|notice)[^.?!]{0,30}?"
              r"(?:need|needed|had|urge|the urge) (?:to (?:poo|go|open my bowels)|a (?:poo|number two))",
              r"(?:did not|do not|could not|can not) (?:quite )?make it (?:to the (?:toilet|loo|bathroom) )?in time")),
    _Rule("emergency", "weakness, numbness or pain in both legs, or legs giving way",
          _rx(_BOTH_LEGS_FIRST,
              rf"(?:weak\w*|numb\w*|tingl\w*|pain\w*|ach\w*|sciatica)[ \-–]+{_IN_CLAUSE}{{0,5}}?(?:both|two) (?:of my )?legs",
              _LEGS_FIRST,
              r"(?:weak\w*|numb\w*)\W+(?:\w+\W+){0,4}?legs",
              r"(?:weak\w*|numb\w*|tingl\w*|pins and needles)[^.?!]{0,40}?\bone leg\b[^.?!]{0,40}?\b(?:both|the other|other one)\b",
              rf"{_CANNOT_OR_HARD} (?:\w+ )?walk",
              r"foot drop|dragging my (?:foot|leg)|dragging (?:his|her|their|both) (?:feet|legs|foot|leg)|"
              r"(?:legs|feet)\W+(?:\w+\W+){0,8}?dragging (?:them|both)",
              rf"{_LEG_SYMPTOM}[^.?!]{{0,60}}?\b(?:left|right) (?:leg|thigh|calf|foot)s? (?:\w+ ){{0,2}}?(?:and|&|as well as) "
              r"(?:now )?(?:the |my )?(?:right|left)\b",
              rf"{_LEG_SYMPTOM}[^.?!]{{0,60}}?\b(?:legs|thighs|calves|shins|feet)\W+(?:\w+\W+){{0,2}}?"
              r"(?:left and right|right and left|on both sides|both sides)",
              rf"{_CANNOT_OR_HARD} (?:get|make) (?:my|his|her|their|the|both) legs (?:to )?(?:work|move|go|do)",
              r"legs (?:\w+ ){0,2}?(?:will not|would not|do not|did not|are not|were not) (?:\w+ )?(?:work\w*|respond\w*|do what)",
              rf"{_CANNOT_OR_HARD} (?:\w+ )?(?:lift|raise|pick up) (?:the front of )?(?:my|his|her|their|either|both|the) (?:foot|feet|toes)",
              rf"{_LEG_SYMPTOM}[^.?!]{{0,70}}?\b(?:in|down|into|to) both (?:of )?(?:my |his |her |the )?legs",
              rf"{_CANNOT_OR_HARD} (?:\w+ )?(?:stand|get up|go up|rise) on (?:my |his |her |their )?(?:tip ?toes|toes|heels)",
              r"legs?\b[^.?!]{0,80}?\bboth (?:feel|felt|are|were|went|go|going|getting) (?:\w+ )?(?:weak|numb|heavy|dead|useless)",
              r"walking like (?:i am |i'm |he is |she is )?(?:drunk|a drunk)",
              r"walking (?:is|has been|has become|became|was) (?:\w+ )?(?:hard|difficult|a struggle|impossible)",
              r"(?:foot|feet) (?:keeps? |keep |are |is |have been |has been )?(?:slap\w*|drag\w*|flop\w*)|"
              r"(?:foot|feet) (?:\w+ ){0,2}?(?:slap\w*|drag\w*|flop\w*)[^.?!]{0,30}?\bwhen (?:i|he|she|they) walk|tripping over my (?:own )?(?:feet|toes)",
              r"weak\w*\W+(?:\w+\W+){0,4}?(?:getting worse|worsening|spreading)",
              r"(?:getting|grown|growing) weaker|weaker (?:and weaker|each day|every day|by the day)",
              r"(?:numb\w*|weak\w*|dead|tingl\w*|pins and needles|paralys\w*)[^.?!]{0,30}?(?:from|below) (?:the|my|his|her) "
              r"(?:hips?|waist|pelvis|belly button) down",
              rf"(?:foot|feet)[^.?!]{{0,60}}?{_CANNOT_OR_HARD} (?:\w+ )?(?:lift|raise|pick up) (?:them|it)\b",
              r"\bslaps? (?:on |against )?(?:the )?(?:floor|ground)|(?:hold|holding|grab\w*) (?:on to |onto )?the (?:wall|furniture|rail)"),
          harmless=_spent_legs),
    _Rule("emergency", "new erection problems or numbness during sex",
          _rx(r"erect\w*", r"impoten\w*", _NUMB + r"\W+(?:\w+\W+){0,4}?(?:sex|intercourse)",
              rf"{_CANNOT_OR_HARD} (?:get|keep) (?:it|him) up",
              rf"{_CANNOT_OR_HARD} (?:get|stay|keep) hard",
              r"nothing (?:is )?(?:happening|working) (?:down there|in bed|in the bedroom)",
              r"(?:problems?|trouble|issues?|difficult\w*) (?:\w+ )?(?:in|with) (?:the )?bedroom|sexual (?:problems?|dysfunction)",
              r"not working in (?:the )?bed(?:room)?|things (?:are not|have stopped) working (?:down there|in (?:the )?bed)",
              r"(?:\+|and|have|got|getting|developed|with) (?:an? )?ed\b|\bed (?:problems?|issues?|out of nowhere|since|for|after)\b|^ed\b",
              r"nothing (?:down there|down below) (?:works?|is working|happens|is happening)",
              r"(?:no action|nothing happening|dead) (?:downstairs|down there|down below)",
              rf"{_CANNOT_OR_HARD} (?:\w+ ){{0,2}}?(?:perform|do anything|manage anything) (?:\w+ )?(?:in (?:the )?bed(?:room)?|sexually)",
              r"(?:things?|it|everything)\W+(?:\w+\W+){0,2}?(?:do not|does not|will not|is not|are not|not) (?:\w+ )?work\w* "
              r"(?:\w+ )?(?:in (?:the )?bed(?:room)?|down (?:there|below))",
              r"(?:down (?:there|below)|in the bedroom)\W+(?:\w+\W+){0,2}?(?:is not|are not|will not|does not|not) "
              r"(?:\w+ )?(?:cooperat\w*|work\w*|respond\w*|play\w* ball|perform\w*|ris\w*|stand\w*)",
              r"(?:wife|husband|partner|girlfriend|boyfriend|missus|other half)\W+(?:\w+\W+){0,12}?(?:together|intimate|in bed|tried|were trying|had a go)"
              r"\W+(?:\w+\W+){0,8}?(?:" + _NUMB + r"|(?:could not|can not|unable to) (?:climax|orgasm|finish|come)\b)",
              r"(?:willy|penis|dick|cock|manhood|man part|mr happy|(?:little|old) fella|old boy|member|todger|winkie|johnson)\W+"
              r"(?:\w+\W+){0,5}?(?:numb\w*|will not|would not|not (?:work|stand|get|stay|respond|wak)\w*|dead|limp|floppy|"
              r"wake up)",
              _NUMB + r"[^.?!]{0,60}?\b(?:husband|wife|partner|boyfriend|girlfriend|in bed|making love)",
              r"sex (?:feels|felt) (?:\w+ )?(?:different|numb|dead)",
              r"(?:intimate|sex|making love|in bed with)\w*\W+(?:(?!no\b|not\b|never\b|without\b)\w+\W+){0,10}?(?:" + _NUMB + r"|(?:could not|can not|unable to|"
              r"not able to) (?:climax|orgasm|finish|come)\b)",
              r"(?:wife|husband|partner|girlfriend|boyfriend|missus|other half)[^.?!]{0,40}?" + _NUMB +
              r"\W+(?:\w+\W+){0,3}?during\b",
              rf"{_CANNOT_OR_HARD} (?:\w+ )?(?:climax|orgasm)")),
    _Rule("emergency", _SERIOUS_TRAUMA_LABEL,
          _rx(*_SERIOUS_TRAUMA), harmless=_not_a_fall),
    _Rule("emergency", _SERIOUS_TRAUMA_LABEL,
          _rx(*_HARD_LANDING), unless=_FRAGILE_FALL_LABEL, harmless=_not_a_fall),
    _Rule("emergency", "chest pain together with the back pain",
          _rx(r"chest ?(?:pain|pains|hurt\w*|tight\w*|pressure|ache\w*|is (?:hurting|tight|aching|painful))",
              r"chest (?!(?:heart[- ]rate |hr |heart )?(?:strap|press|day|muscles?|pocket|belt|monitor)\b)(?:\w+ ){0,3}?(?:feels?|felt|is|was|has gone|has been|have been|getting|went|goes|going|gone) (?:\w+ )?(?:tight|painful|heavy|sore|crushed|"
              r"squeezed|pressure|hurting|aching)",
              r"(?:clutch\w*|holding|grabb\w*|gripp\w*|clasp\w*|rubb\w*) (?:at )?(?:my|his|her|their|the) chest",
              r"(?:sitting|sat|standing|pressing|pushing|weight|pressure|crushing) on (?:my|his|her|the) chest",
              r"(?:tight|painful|sore|heavy|aching|crushing|squeezing|burning|hurting|pounding) (?:and |, ?)?(?:\w+ )?chest\b"
              r"(?! (?:strap|press|day|muscles?|pocket|belt|monitor|workout|exercises?|stretch\w*|cold|infection))",
              r"chest (?!(?:heart[- ]rate |hr |heart )?(?:strap|press|day|muscles?|pocket|belt|monitor)\b)(?:\w+ ){0,2}?"
              r"(?:hurts?|hurting|aches?|aching|burns?|burning|pounds?|pounding|is sore|feels sore)\b",
              r"(?:middle|centre|center|front) of (?:my|the) chest|(?:pain\w*|ach\w*|hurt\w*) in (?:the )?chest",
              r"\b(?:in|through|across|into) (?:my|the|his|her) chest\b(?! (?:muscles?|strap|press|day|pocket))",
              r"from (?:my|the|his|her) chest (?:through )?to (?:my|the|his|her) back",
              r"chest\b(?! (?:strap|press|day|muscles?|pocket))[^.?!]{0,30}?\b(?:squeez\w*|crush\w*|tightness|pressure)",
              r"chest (?!(?:heart[- ]rate |hr |heart )?(?:strap|press|day|muscles?|pocket|belt|monitor)\b)(?:\w+ ){0,3}?(?:start\w*|began|begins?|kept|keeps) (?:\w+ )?(?:aching|hurting|to ache|to hurt|"
              r"squeez\w*|tighten\w*|pounding)",
              r"(?:back|pain\w*|ach\w*|hurt\w*) and (?:now )?(?:my |the |in (?:my |the )?)?chest\b(?! (?:muscles?|strap|press|day))",
              r"\bchest (?:and|&|/|\+) (?:my |the )?(?:upper |lower |mid |middle )?back\b",
              r"(?:pain\w*|crush\w*|squeez\w*|tight\w*|pressure|hurt\w*|ach\w*)\W+(?:\w+\W+){0,3}?(?:in|on) (?:my|the) chest", r"heart attack"),
          harmless=_someone_elses_heart),
    _Rule("urgent", "fever, a high temperature or chills",
          _rx(r"\bfe+v[ae]?r\w*|\bhot (?:then|one minute|and then) (?:\w+ )?cold\b|\bthe shakes\b|"
              r"thermometer\W+(?:\w+\W+){0,3}?(?:3[89]|4[01]|10[0-5])(?:[.,]\d)?\b",
              r"temp(?:erature)?\b[^.?!]{0,40}?\b(?:3[89]|4[01]|10[0-5])(?:[.,]\d)?\b(?! ?(?:km|k\b|miles?|minutes?|mins?|%))",
              r"temp(?:erature)?\W+(?:\w+\W+){0,4}?(?:is|was|has been|keeps?|stays?) (?:\w+ )?(?:high|raised|up|through the roof|sky high)\b", r"(?:high|a|raised|running a|got a|raging|huge|massive|sky high|burning) temp(?:erature)?\b|burning up|(?:shaking|shivering|shake|shook) with (?:the )?cold|septic|sepsis|abscess|temp(?:erature)? (?:of |was |is )?(?:thirty[- ](?:eight|nine)|forty)|temperature of|\b(?:3[89]|4[01])(?:[.,]\d)? ?(?:°|degrees|c\b)", r"\bchills?\b",
              r"shiver\w*|rigou?rs|night sweats|sweat\w* (?:\w+ ){0,2}?(?:at|in the|during the|through the) night|hot and cold",
              r"infection|\butis?\b|inject\w* drugs|iv drugs?|drug use|immun\w* (?:system|suppress\w*)|immunosuppress\w*|hiv"), harmless=_idiom_fever),
    _Rule("urgent", "losing weight without trying",
          _rx(rf"(?:los\w*|lost|dropp\w*|shed\w*|down)\W+(?:\w+\W+){{0,3}}?(?:\d+(?:[.,]\d+)?\s*)?{_WEIGHT_UNIT}\W+"
              rf"(?:\w+\W+){{0,8}}?{_UNTRIED}",
              rf"\d+ ?{_WEIGHT_UNIT}[^.?!]{{0,60}}?(?:scales?|weigh\w*|now)[^.?!]{{0,30}}?\d+[^.?!]{{0,80}}?{_UNTRIED}",
              r"unexplained weight|weight loss (?:without|for no)|weight (?:\w+ ){0,3}?(?:falling|dropping|coming) off",
              rf"weight loss\W+(?:\w+\W+){{0,4}}?{_UNTRIED}",
              rf"{_UNTRIED}\W+(?:\w+\W+){{0,8}}?scales? (?:\w+ ){{0,3}}?(?:going down|go down|goes down|dropping|drop|lower|less|down)\b",
              rf"scales? (?:\w+ ){{0,3}}?(?:going down|go down|goes down|dropping|lower|less)\W+(?:\w+\W+){{0,10}}?{_UNTRIED}",
              rf"{_WEIGHT_UNIT}\W+(?:\w+\W+){{0,3}}?(?:dropp\w*|falling|going down|coming off|down|lighter|less|reduc\w*|decreas\w*)\W+"
              rf"(?:\w+\W+){{0,10}}?{_UNTRIED}",
              rf"(?:thinner|skinnier|gaunt|wasting away|new (?:belt )?holes?|(?:tighter|new) notch|notch\w* smaller|"
              rf"sizes? smaller|dropped (?:a )?(?:dress |jean |trouser )?sizes?)[^.?!]{{0,60}}?{_UNTRIED}",
              rf"{_CLOTHES} (?:\w+ ){{0,3}}?{_LOOSE}\W+(?:\w+\W+){{0,8}}?{_UNTRIED}",
              rf"{_UNTRIED}\W+(?:\w+\W+){{0,6}}?(?:{_CLOTHES}|{_WEIGHT_UNIT}|sizes?) "
              rf"(?:\w+ ){{0,3}}?(?:{_LOOSE}|dropp\w*|los\w*|lost|down)")),
    _Rule("urgent", "cancer now or in the past",
          _rx(r"cancer\w*|tumou?r\w*|chemo\w*|radiotherapy|radiation therapy|oncolog\w*|malignan\w*|leuka?emia|lymphoma|myeloma|metasta\w*",
              r"melanoma|carcinoma|sarcoma|mastectomy|lumpectomy|prostatectomy|in remission|the big c\b"), harmless=_charity),
    _Rule("urgent", "pain at night or lying down that does not ease with rest",
          _rx(rf"(?:nights?|in bed|to bed|lying down|lie down|lie in bed|lying flat|at rest|resting|asleep|sleep\w*)\W+(?:\w+\W+){{0,8}}?"
              rf"(?:wakes? me|woken|waking me|keeps? me (?:up|awake)|{_NO_RELIEF}|(?:lying|lie|lay) (?:there )?awake|awake for hours|"
              r"no matter (?:what|how) (?:i|he|she|they) (?:do|does|did|lie|lay|try|tried|position)|gets? me up|got me up|"
              r"no amount of|not helping|makes? no differ\w*)",
              r"(?:wakes? me|woken|waking me|keeps? me (?:up|awake)|constant|unbearable)\W+(?:\w+\W+){0,8}?(?:night|in bed|lying down|at rest|sleep\w*)",
              r"(?:keeps?|kept) (?:me|him|her|them) (?:up|awake)\W+(?:\w+\W+){0,3}?no matter",
              r"(?:worse|worst) (?:at|in the|during the|through the) night|night pain|pain at night|even (?:when|while) (?:i am |i'm )?(?:resting|lying|i rest|i lie)",
              r"no (?:position|way of lying)[^.?!]{0,40}?(?:eas\w*|help\w*|comfortable|relie\w*|better)",
              r"(?:lying|lie|lay) (?:down|flat|in bed|still) (?:\w+ ){0,2}?(?:makes?|made) (?:it|the pain|things|my back) worse",
              r"(?:(?:however|whichever way|whatever way|wherever|no matter how|(?:does|do) not matter (?:how|which way|what position|which side)) "
              r"(?:i|he|she|they) (?:lie|lay|sleep|position)|"
              r"(?:any|every|whichever) (?:side|position)\W+(?:\w+\W+){0,3}?(?:same|no better|hurts))",
              rf"(?:pain|back|ache)[^.?!]{{0,40}}?\b(?:night|nighttime|night time)\b[^.?!]{{0,20}}?(?:{_CANNOT}|not able to) sleep",
              r"(?:worse|worst) in (?:my |the )?bed\b",
              r"(?:increas\w*|worse\w*|more) (?:\w+ )?(?:when|while|as soon as) (?:i |he |she )?(?:lie|lying|lay|go to bed|get into bed|am in bed)\b",
              r"(?:not|never) (?:\w+ )?(?:reduc\w*|decreas\w*|better|eas\w*|improv\w*) (?:\w+ )?(?:with|after|even with|despite|for all the) (?:rest|resting|lying|sleep)",
              r"even (?:after |if |when |though )?(?:i |he |she )?(?:rest|rested|lie down|lay down)\w*[^.?!]{0,40}?(?:not|no) (?:\w+ )?(?:better|eas\w*|reduc\w*|improv\w*|relief)",
              r"(?:pacing|walking about|walking around|up|tossing and turning) (?:\w+ ){0,3}?(?:at night|all night|in the night|at [1-5](?::\d\d)? ?am)"
              r"[^.?!]{0,30}?(?:because of|because|with|from) (?:my |the |his |her |their )?(?:back|pain)",
              r"(?:pain|it|back|ache|aching)\W+(?:(?!not\b|never\b)\w+\W+){0,2}?(?:wakes|woke|waking|keeps waking) (?:me|him|her|them|us)\b",
              r"\brest\w*\W+(?:\w+\W+){0,6}?(?:do|does|did|is|was) not (?:go\w*|get\w*) better",
              rf"(?:{_CANNOT}|struggl\w* to) (?:get to |get any )?sleep\w*[^.?!]{{0,30}}?(?:because|due to|with|from) "
              r"(?:\w+ ){0,3}?(?:pain|back|ache)",
              r"(?:rest\w*|lying down|lying still|sleep\w*) (?:does|did|will) not (?:help|ease|change)|"
              r"(?:rest\w*|lying|lie) (?:\w+ ){0,2}?(?:is|was) not helping",
              r"(?:rest\w*|lying down|lying still|lie down|sleep\w*|bed) (?:\w+ ){0,3}?(?:makes?|made|making) (?:no|zero|little) differ\w*",
              r"(?:hurts?|pain\w*|worse) (?:\w+ )?(?:when (?:i |he |she )?)?(?:lying|lie down|lie in bed|in bed|at night)")),
    _Rule("urgent", "a new lump or swelling on the back, or the back changing shape",
          _rx(r"\blumps?\b(?! sums?)|swelling|swollen|\bbump on|\bmass on|\bmass in",
              r"\b(?:hump|growth|nodule|cyst)s?\W+(?:\w+\W+){0,6}?(?:spine|back|backbone)\b",
              r"\b(?:bump|lump|swelling|growth|bulge|knot)s? (?:\w+ ){0,4}?(?:come|came|coming|appear\w*|pop\w*|develop\w*|form\w*|grow\w*) "
              r"(?:up )?(?:on|in|near|by|along) (?:my|your|the|his|her) (?:back|spine|lower back|backbone)",
              r"(?:back|spine|ribs?|rib ?cage|shoulder ?blades?)\W+(?:\w+\W+){0,4}?(?:sticks?|sticking|stuck|pok\w*|bulg\w*) out"
              r"\b[^.?!]{0,20}?\b(?:on|to) (?:the|one) (?:left|right|side)\b",
              r"\b(?:ball|lump|bump|knot|pea|marble)s? (?:\w+ )?under the skin",
              r"(?:back|spine) (?:\w+ ){0,4}?(?:hump|lump)s?\b",
              r"one side of (?:my|his|her|the) (?:back|spine|body|ribs|rib cage) (?:\w+ ){0,2}?(?:higher|lower|bigger|sticks? out|bulg\w*)",
              r"raised (?:bit|area|patch|spot|lump) (?:\w+ ){0,2}?(?:on|over|near|along|by) (?:my|the|his|her) (?:spine|back)",
              r"\bbump (?:\w+ ){0,5}?(?:was not|was never|never used to be|did not used to be) there",
              r"one shoulder (?:\w+ ){0,2}?(?:higher|lower)|(?:back|spine) (?:looks|is|has gone|seems|is looking) "
              r"(?:\w+ )?(?:curved|bent|crooked|twisted)",
              r"\b(?:bump|bulge|knot|growth|mass|nodule|cyst)s? (?:\w+ ){0,3}?(?:on|next to|near|beside|by|along|over|at "
              r"the side of) (?:my|me|the|his|her) (?:spine|back|lower back|backbone)",
              r"(?:spine|back)\W+(?:\w+\W+){0,4}?(?:crooked|lopsided|uneven|twisted|bent to one side)",
              r"(?:spine|back) (?:is |has )?(?:not|no longer) (?:\w+ )?straight|(?:gone|going|grown|become|becoming) "
              r"(?:all )?(?:crooked|lopsided|hunched)",
              r"(?:one side|a side|a bit)[^.?!]{0,30}?(?:sticks?|sticking) out|\bcurve (?:that|which) (?:was not|was never|"
              r"never was|did not used to be)",
              r"(?:back|spine)\W+(?:\w+\W+){0,4}?(?:different|new|odd|strange|chang\w*|wrong) shape|deformity|deformed"),
          harmless=_in_a_thing),
    _Rule("urgent", "pain between the shoulder blades or like a band around the chest",
          _rx(r"between (?:both |both of )?(?:my |me |the |his |her |their |your )?(?:two )?(?:shoulder ?(?:blades?|blads?|blaids?|bones)|shoulders|scapula\w*|wings)|(?:band|belt|strap)\W+(?:\w+\W+){0,4}?(?:around|across|round) (?:my|the)?\s?(?:chest|ribs?|rib ?cage|body|middle|trunk|sides?|waist)",
              r"(?:around|round) (?:my|the) (?:chest|ribs|rib ?cage)",
              r"middle of (?:my|the|his|her) back|mid[- ]back|behind (?:my|her|the) bra (?:strap|line)",
              r"(?:band|belt|girdle|strap)\W+(?:\w+\W+){0,6}?(?:a?round|from (?:my |the )?back to (?:my |the )?front)",
              r"(?:wraps?|wrapping|goes|going|spreads?|spreading|comes|coming) (?:all the way )?a?round\W+(?:\w+\W+){0,5}?(?:to )?(?:the |my )?"
              r"(?:front|chest|ribs|stomach|tummy|belly)")),
    _Rule("urgent", "age over 50 with a new episode of back pain",
          _rx(r"(?:i am|i'm|im|aged|age|at|turned|over)\s+(?:5\d|[6-9]\d|1[01]\d)\b(?!\s*(?:km|k|miles?|minutes?|mins?|seconds?|m\b|%|kg))",
              r"\b(?:5\d|[6-9]\d|1[01]\d)\s*(?:-\s*)?(?:years?|yrs?|yo|y/o)\b",
              r"\b(?:he|she|dad|mum|mom|father|mother|husband|wife|partner|grandad|grandpa|grandma|gran|nan|nana|friend|"
              r"client|uncle|aunt|auntie)(?:'s| is| was|,)? \(?(?:5\d|[6-9]\d|1[01]\d)\b\)?(?!\s*(?:km|k|miles?|minutes?|mins?|"
              r"seconds?|m\b|%|kg))",
              r"\b(?:in (?:my|his|her|their) |late |early |mid[- ]?)(?:fifties|sixties|seventies|eighties|nineties|"
              r"[5-9]0s)\b|\b(?:i am|aged|turned|over) (?:fifty|sixty|seventy|eighty|ninety)\b",
              r"(?:^|[.!?]\s+)(?:fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
              r"\s*(?:,|years|yrs|year old)"), harmless=_someone_elses_age),
    _Rule("urgent", "pain that has not improved after several weeks",
          _rx(r"(?:pain\w*|ach\w*|hurt\w*|sore\w*|bad back|backache|it|this)\W+(?:\w+\W+){0,5}?"
              r"(?:for|over|past|last|nearly|almost|more than|about) (?:the )?(?:past |last )?(?:(?:like|maybe|around|about|roughly|"
              r"nearly|almost|over|more than|at least|a good|the best part of) )?(?:(?:[4-9]|1\d|four|five|six|"
              r"seven|eight|nine|ten|several|many) weeks|(?:\d+|a|one|two|three|four|five|six|several|a few|many|couple of) "
              r"months?|a year|years)\b",
              r"(?:(?:[4-9]|1\d|four|five|six|seven|eight|nine|ten|several|many) weeks|(?:\d+|two|three|four|five|six|several|"
              r"a few|many) months) of (?:\w+ )?(?:pain|aching|back ?ache)",
              r"(?:pain\w*|ach\w*|hurt\w*|sore\w*|bad) (?:\w+ ){0,3}?since (?:(?:the )?(?:beginning|start|end|middle) of |early |late |mid[- ]?)?(?:january|february|march|april|may|june|july|august|"
              r"september|october|november|december|last (?:year|month|spring|summer|autumn|fall|winter)|christmas|new year)",
              r"(?:weeks|months|a month|\d+ weeks?|\d+ months?|several weeks|a few weeks)[^.?!]{0,120}?(?:not (?:improv\w*|get\w* better|better|gone|eas\w*|changed)|not (?:got|gotten|getting) (?:any )?better|no better|no improvement|still (?:hurts|painful|there|sore|bad|the same|aching)|has not (?:improved|gone|eased)|persist\w*|worse|nothing (?:has )?(?:improved|helped|changed|changes|worked|works|helps)|(?:as bad as|the same as|no different (?:from|to|than)) (?:on )?(?:day one|the (?:first|start|beginning)|when it (?:started|began)|ever))",
              r"(?:not (?:improv\w*|getting better|gone away|eased)|not (?:got|gotten|getting) (?:any )?better|no better|no improvement|still hurts|still painful)[^.?!]{0,120}?(?:weeks|months|a month)")),
    _Rule("urgent", "pain that has not improved after several weeks",
          _rx(r"(?:(?:[4-9]|1\d|four|five|six|seven|eight|nine|ten|several|many) weeks|(?:\d+|two|three|four|five|six|"
              r"several|a few|many) months)\W+(?:\w+\W+){0,6}?(?:still (?:sore|hurts|hurting|painful|there|bad|aching)|"
              r"no better|not (?:improv\w*|getting better|working|helping))",
              r"since (?:(?:the )?(?:beginning|start|end|middle) of )?(?:the )?(?:spring|summer|autumn|fall|winter|january|"
              r"february|march|april|may|june|july|august|september|october|november|december|christmas|new year)\W+"
              r"(?:\w+\W+){0,15}?(?:no better|not (?:improv\w*|getting better|got better|eased)|no improvement|"
              r"nothing (?:has )?(?:helped|worked|changed))"), message_wide=True),
    _Rule("urgent", _ANY_FALL_LABEL,
          _rx(*_ANY_FALL), harmless=_not_a_fall),
    _Rule("urgent", _FRAGILE_FALL_LABEL,
          _rx(_FRAGILE_THEN_FALL, _FALLING + r"\W+(?:\w+\W+){0,40}?" + _FRAGILE),
          message_wide=True, harmless=_not_a_fall),
    _Rule("urgent", "losing weight without trying",
          _rx(rf"(?:thinner|skinnier|gaunt|wasting away|{_CLOTHES} (?:\w+ ){{0,3}}?{_LOOSE}|(?:take|taken|took|taking) (?:it|them|\w+ \w+) in\b)"
              rf"\W+(?:\w+\W+){{0,25}}?"
              rf"{_UNTRIED}"), message_wide=True),
)

# Words a misspelling may be corrected to: the distinctive words the rules look for.
_VOCABULARY = (
    "numbness", "numb", "tingling", "tingly", "groin", "genitals", "buttocks", "bladder", "urine", "urinate",
    "bowel", "bowels", "incontinence", "incontinent", "weakness", "collapsing", "buckling", "erection",
    "erectile", "impotence", "accident", "collision", "chest", "fever", "feverish", "temperature",
    "shivering", "chills", "infection", "cancer", "tumour", "tumor", "chemotherapy", "lymphoma",
    "swelling", "swollen", "shoulder", "osteoporosis", "steroids", "prednisolone", "unexplained",
    "weight", "control", "walking", "sensation", "feeling", "between", "constant", "unbearable", "needles",
)
# Negation, after NegEx (Chapman et al., J Biomed Inform 2001;34:301): a trigger before the symptom
# ("no", "never had", "I don't have any") or after it ("... is fine", "? none") denies it, within a
# few words and unless a terminator ("but", "however", a new sentence, ", and now") comes between.
# Pseudo-triggers look like negation and are not ("no longer", "not sure", "not only").
_PRE_NEGATION = re.compile(
    r"\b(?:no|not|never|without|none|nothing|nor|neither|zero|denies|denied|deny|negative for|free of|"
    r"absence of|ruled out|rule out|nothing like|not any|not a single|not one|no sign of|no signs of|"
    r"no trace of|lack of|not experiencing|not having|not had|have not|has not|had not|do not|does not|"
    r"did not|am not|is not|are not|was not|were not|have never|has never|had never)\b")
_PSEUDO_NEGATION = re.compile(
    r"\b(?:(?:can|could|will|would) not \w+|no (?:control|feeling|sensation|urge|warning|strength|power)|"
    r"(?:do|does|did) not (?:get|have|feel) (?:the|any) (?:feeling|urge|sensation)|"
    r"(?:do|does|did) not (?:notice|realis\w*|realiz\w*|know when|seem to know)|"
    r"without (?:any |even |my |me )?(?:realis\w*|realiz\w*|notic\w*|know\w*|warning|feeling|meaning to|trying|dieting)|"
    r"(?:like|as if|as though) (?:\w+ ){0,3}?(?:nothing|no)\b|nothing doing|no joy|no luck|no longer|not sure|not certain|no idea|not only|not just|no doubt|not necessarily|no matter|"
    r"not even sure|not improv\w*|no improvement|no better|not better|not getting|not going away|not go away|"
    r"not stop\w*|not eas\w*|not settl\w*|not help\w*|not able|not been able|never been able|not managed|not feel\w*|not control\w*|not hold\w*|"
    r"not walk\w*|not move|not get|not pee|not wee|not urinate|not go|not start|not empty|not tell|not notice|"
    r"not sleep|not support|not let up|not get comfortable|not have control|not have any control|nothing helps|"
    r"not (?:expect|think|know|want|mind|care|understand|believe|realis|realiz|suppose|imagine)\w*|"
    r"not (?:mine|my own|his own|her own|theirs|part of me))\b")
_POST_NEGATION = re.compile(
    r"^\W*(?:(?:is|are|was|were|has been|have been|seems?|feels?|seem to be|looks?)\s+)?(?:all |both |totally |"
    r"completely |perfectly |totally )?(?:fine|normal|ok|okay|good|alright|all right|perfect|unaffected|unchanged|"
    r"stable|absent|not affected|not a problem|not an issue|no problems?|no issues?|working (?:fine|normally|normal|ok)|"
    r"as normal|none|nope|not really|not at all|(?:no|never|nothing)(?=\s*(?:$|[.,;!?])))\b")
# The next sentence denies what the one before named: "I checked for a lump. There isn't one."
_DENIED_NEXT = re.compile(r"^\W*(?:there (?:is|are|was|were) (?:not|no)\b(?! doubt)|none\b|not one\b|nope\b|"
                          r"i (?:do not|did not|have not) (?:have |had |got )?(?:that|this|it|those|them|any of (?:that|those|them|these))"
                          r"\b(?! much| many| bad| often| badly)|(?:thankfully|luckily|fortunately),? not\b)")
# The answer to a symptom asked about ("Cancer? Never had it.", "Numbness? No, none.").
_ANSWERED_NO = re.compile(r"^\W*(?:no|never|none|nope|nothing|not really|not at all|not once)\b")
# A symptom that is an inability ("can not walk") is not denied by the manner after it ("... normal").
_INABILITY = re.compile(rf"\b(?:{_CANNOT_OR_HARD}|unable)\b")
_TERMINATOR = re.compile(
    r"[.;!?\n]|\b(?:but|however|although|though|except|apart from|aside from|other than|yet|whereas|"
    r"besides|now|since|still|until|then|which|who)\b|\band (?=(?:i |he |she |we |they )?\w+ed\b)|,\s*(?=(?:i|my|mine|it|its|they|there|he|she|we|and|so|"
    r"plus|also|the|this|that)\b)")
_SENTENCE = re.compile(r"[^.!?;\n]+[.!?;\n]*")
NEGATION_WINDOW = 8  # words between a trigger and the symptom it denies
# Contractions typed without the apostrophe: "cant", "didnt", "hasnt".
_BARE_NOT = re.compile(r"\bcant\b|\bwont\b|\b(did|does|do|has|have|had|is|are|was|were|could|would|should)nt\b")
_QUOTES = (("’", "'"), ("‘", "'"))
_CONTRACTIONS = (("can't", "can not"), ("cannot", "can not"), ("won't", "will not"), ("n't", " not"),
                 ("i'm", "i am"), ("'s been", " has been"), ("'s gone", " has gone"), ("'s got", " has got"),
                 ("'s started", " has started"), ("'s getting", " is getting"), ("'s not", " is not"),
                 ("he's", "he is"), ("she's", "she is"), ("it's", "it is"), ("that's", "that is"),
                 ("they're", "they are"), ("we're", "we are"), ("you're", "you are"), ("i've", "i have"))




def normalize(text: str, known: Iterable[str] = ()) -> str:
    """Lower-case, expand contractions, and correct misspelt trigger words."""
    text = text.lower()
    for short, full in _QUOTES + _CONTRACTIONS:
        text = text.replace(short, full)
    text = _BARE_NOT.sub(_expand_bare_not, text)
    text = untext(text)  # texting spellings written out (``lexical.TEXTING``)
    known_words = frozenset(known)
    return re.sub(r"[a-z]{5,}", lambda m: _correct(m.group(0), known_words), text)


def _expand_bare_not(match: re.Match[str]) -> str:
    word = match.group(0)
    if word == "cant":
        return "can not"
    if word == "wont":
        return "will not"
    return f"{match.group(1)} not"


# Spellings that sound alike, undone before comparing ("lymfoma" is "lymphoma").
_SOUNDS = (("ph", "f"), ("ck", "k"), ("ea", "e"))


def _sound(word: str) -> str:
    for spelt, sound in _SOUNDS:
        word = word.replace(spelt, sound)
    return word


_VOCABULARY_SOUNDS = tuple(_sound(v) for v in _VOCABULARY)
_BY_LETTERS: dict[str, list[str]] = {}
for _word in _VOCABULARY:
    _BY_LETTERS.setdefault("".join(sorted(_word)), []).append(_word)


@lru_cache(maxsize=8192)
def _correct(word: str, known: frozenset[str]) -> str:
    if word in known or word in _VOCABULARY:
        return word
    match = process.extractOne(word, _VOCABULARY, scorer=fuzz.ratio, score_cutoff=84)
    if match:
        return match[0]
    match = process.extractOne(_sound(word), _VOCABULARY_SOUNDS, scorer=fuzz.ratio, score_cutoff=90)
    if match:
        return _VOCABULARY[match[2]]
    # Two letters swapped, the commonest slip of the fingers ("bowles"), which the ratio above
    # scores as two edits: a trigger word with the same letters one transposition away.
    swapped = [v for v in _BY_LETTERS.get("".join(sorted(word)), ()) if DamerauLevenshtein.distance(word, v) == 1]
    return swapped[0] if swapped else word


def _negated(text: str, start: int, end: int) -> bool:
    """Whether the symptom at ``text[start:end]`` is denied (NegEx-style, see above)."""

    scope_start = 0
    for sep in _TERMINATOR.finditer(text, 0, start + 40):  # past ``start``: a terminator may look ahead
        if sep.end() > start:
            break
        scope_start = sep.end()
    before = text[scope_start:start]
    words_before = before.split()
    window = " ".join(words_before[-NEGATION_WINDOW:])
    # A pseudo-trigger may run on into the symptom ("i can not | get the flow going"): look for
    # them in the window and the symptom together, then keep the window's part.
    joined = f"{window} {text[start:end]}"
    cleaned = _PSEUDO_NEGATION.sub(lambda m: " " * len(m.group(0)), joined)[:len(window)]
    if _PRE_NEGATION.search(cleaned):
        return True
    after = text[end:end + 80]
    stop = _TERMINATOR.search(after)
    # A question answered at once ("numbness? none") crosses its question mark.
    if stop and after[stop.start()] == "?" and (_POST_NEGATION.match(after[stop.end():])
                                                or _ANSWERED_NO.match(after[stop.end():])):
        return True
    full_stop = re.search(r"[.!?]", after)
    if full_stop and full_stop.group(0) == "." and _DENIED_NEXT.match(after[full_stop.end():]):
        return True  # "I checked for a lump. There isn't one."
    if stop and after[stop.start()] == "?":
        return False  # "is chest pain normal with this?" asks; it does not deny
    near = _PSEUDO_NEGATION.sub(" ", after[:stop.start()] if stop else after)  # "no matter how" denies nothing
    # right after it: "bladder control is fine", "bowels all normal"
    return not _INABILITY.search(text, start, end) and bool(_POST_NEGATION.match(near))


def _denied_last(matched: str) -> bool:
    """For a match that names the body part first and the symptom last ("pee normally, no leaks"),
    whether a negation stands right before the symptom. An inability at the end ("... i can not
    hold it") is the symptom, not its denial."""
    words = matched.split()
    if len(words) < 2:
        return False
    kept = _PSEUDO_NEGATION.sub(" ", " ".join(words[-7:])).split()
    if kept and kept[-1] == words[-1]:
        kept = kept[:-1]  # the symptom word itself
    return bool(_PRE_NEGATION.search(" ".join(kept[-3:])))


_PREFILTER = Prefilter(p for rule in _RULES for p in rule.patterns)


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
        # A symptom is looked for inside one sentence ("My legs feel fine. No weakness." is not
        # "legs ... weakness"); its negation may come from the next ("Numbness? None.").
        sentences = [(m.start(), m.end()) for m in _SENTENCE.finditer(norm)]
        found: list[RedFlag] = []
        fired: list[_Rule] = []
        possible = _PREFILTER.possible(norm)  # most patterns need words this message lacks
        for rule in _RULES:
            if possible.isdisjoint(rule.patterns):
                continue
            spans = [(0, len(norm))] if rule.message_wide else sentences
            for pattern in rule.patterns:
                if pattern in possible and any(not _negated(norm, m.start(), m.end()) and not (rule.harmless and rule.harmless(rule, norm, m))
                       and not (pattern.pattern in _PLACE_FIRST and _denied_last(m.group(0)))
                       for start, end in spans for m in pattern.finditer(norm, start, end)):
                    found.append(RedFlag(rule.tier, rule.label))
                    fired.append(rule)
                    break
        labels = {f.label for f in found}
        found = [f for f, rule in zip(found, fired) if not (rule.unless and rule.unless in labels)]
        if any(f.label == _SERIOUS_TRAUMA_LABEL for f in found):  # the serious fall says it already
            found = [f for f in found if f.label != _ANY_FALL_LABEL]
        found = list(dict.fromkeys(found))
        return tuple(sorted(found, key=lambda f: f.tier != "emergency"))


def tier_of(flags: tuple[RedFlag, ...]) -> Tier | None:
    if not flags:
        return None
    return "emergency" if any(f.tier == "emergency" for f in flags) else "urgent"
