"""Trigger words in a harmless sense: "cabin fever", "crashed on the sofa", a lump in a shoe,
someone else's illness, a past fall long healed. Each check gets the rule, the normalised text
and the match, and says whether the match is *not* the symptom."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .words import _AGED_OTHER, _ANY_FALL_LABEL
from .text import _THATS_ME, _sentence, _sentence_end, _sentence_start, _to_next_sentence_end
from .negation import _clause, _negated

if TYPE_CHECKING:
    from .rules import _Rule


# Someone else who survived cancer: "my friend from running club is a breast cancer survivor".
_THEIR_SURVIVAL = re.compile(r"\b(?:friend|mum|mom|dad|father|mother|sister|brother|wife|husband|partner|aunt|uncle|gran\w*|"
                             r"colleague|mate|neighbou?r|coach)\b(?: \w+){0,4}? (?:is|was) (?:an? )?(?:\w+ )?cancer survivor")
# What makes "crash" or "fall" harmless: sleep, the sofa, a diet, a computer, a plan falling through.
_NOT_TRAUMA = re.compile(
    r"\b(?:crash\w*|collaps\w*|flopp?\w*) (?:out |hard |early |straight |right )?(?:on|onto|in|into) (?:the |my |a )?(?:sofa|couch|settee|bed|chair)"
    r"|\bcrash(?:ed|ing)? out\b|\bcrash[- ]and[- ]burn\w*|\bfall(?:ing)?[- ]out\b|\bfell out with\b|"
    r"\bf[ae]ll\w* (?:down |into )(?:a |the )?(?:\w+ )?(?:rabbit ?hole|wormhole|trap|habit)|\b(?:crash|fad) diet|\bcrash course|\b(?:energy|sugar|caffeine|blood sugar|market|computer|laptop|"
    r"motivation|mood|confidence|morale|battery|stock|share|price|crypto|bitcoin|housing|pc|console|game|xbox|playstation|ps5|screen|tablet|ipad|"
    r"app|phone|watch|garmin|strava|website|system|server)s?(?:'s)? (?:keeps? |kept |has |have |had |just |always |randomly |is |was |are |were )?(?:crash\w*|fall\w*)|\bf[ae]ll\w* (?:head over heels )?(?:asleep|apart|behind|"
    r"through(?! (?:the|a|an) (?:\w+ )?(?:loft|hatch|floor|floorboards|ceiling|roof|ice|window|gap|hole|trapdoor|decking))|ill|sick|pregnant|in love|short|off the (?:wagon|plan|routine)|out of (?:love|the habit|shape))"
    r"|\bcrash\w* (?:my |the |our |a |his |her )?(?:training|plan|schedule|diet|streak|taper|block|routine|season|week|month)\b"
    # a pet's or a small child's "accident" on the floor: "my dog had an accident on the carpet"
    r"|\b(?:dog|puppy|pup|cat|kitten|toddler|baby|little one)(?:'s)?\W+(?:\w+\W+){0,2}?(?:had|has|having|did) "
    r"(?:an? |another |a little |his |her )?accidents?\b"
    # a crash that held up the traffic, not one the writer was in
    r"|\b(?:crash|accident|collision|pile-?up)\W+(?:\w+\W+){0,4}?(?:held (?:us|me|everyone|everybody|traffic|the traffic) up|"
    r"caused (?:a |huge |massive |big )?(?:delay|tailback|queue|traffic|jam)|closed the (?:road|motorway|bridge|route))"
    r"|\b(?:stuck|held up|delayed|sat|queued?|queuing|diverted) (?:\w+ ){0,4}?(?:behind|because of|due to|by) (?:a |an |the )?(?:\w+ ){0,2}?"
    r"(?:crash|accident|collision|pile-?up)\b"
    # "my pace falls off a cliff"; the season: "fall trail season", "a fall marathon"
    r"|\b(?:pace|times?|speed|form|motivation|energy|performance|fitness|splits?|numbers|mileage|power|cadence|legs) (?:\w+ ){0,2}?"
    r"(?:falls?|fell|falling|dropp?\w*) off a cliff"
    r"|\bfall (?:trail |running |race |racing |marathon |road )?(?:season|marathons?|races?|half|training|weather|colou?rs|leaves|"
    r"foliage|semester|term|schedule|block|plans?)\b|\b(?:this|last|next|in the|early|late) fall\b(?! (?:on|off|onto|over|down|from)\b)"
    r"|\b(?:a |an )?(?:total |complete |absolute |utter )?car ?crash of an? (?:\w+ )?(?:day|race|run|week|session|month|year|marathon|time|event)\b"
    r"|\b(?:tumble|fall|fell|falling|drop\w*|slid\w*|slump\w*) (?:\w+ )?(?:in|down) the (?:rankings|standings|table|league|results|polls|charts|leaderboard)"
    r"|\bcrash of the (?:\w+ )?(?:market|markets|economy|website|app|system)\b|\bhit the ground running\b|\bcrash\w* (?:and burn\w* )?(?:at|around|by|after|from) (?:\d+ ?(?:k|km|miles?)|mile \d+|the \d+)"
    r"|\b(?:account|wallet|bank|savings|budget|finances|pride|ego|confidence|times?|pace|form|plans?) (?:\w+ )?took a (?:\w+ )?"
    r"(?:hit|knock|battering|beating|pounding|tumble|dive|nosedive|hammering)"
    r"|\bf[ae]ll\w* off the (?:pace|back of the (?:group|pack|bunch|field)|leaders?|lead (?:group|pack))\b"
    # a crash watched or worked with, not had: "watched a crash in the Tour", "car crash patients", "crash-tested"
    r"|\b(?:watch\w*|saw|see|seeing|seen|witness\w*) (?:a |an |the |some )?(?:\w+ ){0,2}?(?:crash(?:es)?|accidents?|falls?|collisions?)\b"
    r"(?! (?:into|in to|onto|on to|on) (?:me|my|us)\b)"
    r"|\b(?:crash|accident|trauma|fall) (?:patients|victims|scenes?|cases|investigators?|statistics|figures)\b|\bcrash[- ]test\w*"
    # falling words in other senses: an illness come down with, a number gone down, an article stumbled on
    r"|\b(?:was|is|been|felt like|turned into) (?:an? )?(?:absolute |total |complete |utter |bit of a |proper )?car ?crash\b"
    r"|\bcame down with\b|\bwent down (?:to|by|from) (?:\d|one|two|three|four|five|six|a|fewer|less)\b"
    r"|\bstumbled (?:across|upon|on|onto) (?:this|an?|the|your|some) (?:\w+ )?(?:article|post|site|page|video|thread|website|blog|forum)\b"
    r"|\bslipp?\w* (?:back )?into (?:\w+ )?(?:habits?|ways|routine|patterns?|the habit)\b"
    r"|\btripped (?:the|a) (?:circuit|breaker|fuse|alarm|switch|trip)\b"
    # an accident with a thing: "had an accident on the treadmill - spilled my water everywhere"
    r"|\baccident\w*\W+(?:\w+\W+){0,6}?(?:spill\w*|spilt|dropp\w*|knock\w* over|smash\w* (?:a|my|the) (?:glass|mug|cup|plate|phone))"
    r"|\bwent down (?:the |a flight of )?(?:stairs|steps)\b|\btrip (?:to|into|out|away|abroad|home)\b|\b(?:road|day|school|round|return|business|shopping|camping|family|"
    r"weekend) trip\b|\b(?:fall|autumn) (?:season|marathon|race|half|10k|5k|training|running)\b|\bin the fall\b|\b(?:this|last|next|every|each) fall\b"
    r"|\bfall (?:is|was) (?:my |the )?(?:favou?rite|best)\b"
    r"|\bfall(?:ing)? (?:off|down) (?:the|my) (?:training|plan|wagon)|\b(?:shoes?|trainers|sneakers|runners|laces|"
    r"soles?|clothes|shorts|tights) (?:\w+ )?(?:are |is )?(?:falling|fall) apart|\bslipp\w* (?:disc|disk)\b"
    r"|\b(?:heart|hopes|spirits|motivation|pace|times?|weight|mileage|numbers) (?:\w+ )?(?:fell|dropped|has fallen)"
    r"|\ba (?:\w+ )?(?:fall|drop) in (?:my |the |his |her )?(?:pace|times?|speed|numbers|mileage|fitness|form|results|"
    r"motivation|confidence|performance|heart rate|cadence)"
    r"|\b(?:a bit|bit|a little|feeling|feel|felt|very|quite|so|really|rather|generally|am|was|been|getting) run[- ]down\b(?! by)"
    # crashed meaning slept: "I crashed hard after the race (slept 11 hours)"
    r"|\bcrash\w* (?:hard |early |big time )?(?:after|post)[- ](?:the |my )?(?:race|run|marathon|parkrun|half|work|shift)\b"
    r"[^.?!]{0,30}?\b(?:slept|sleep\w*|napp?\w*|hours)"
)
# A likeness just before a trauma word: "feels like it has been hit by a truck".
_LIKENESS = re.compile(r"\b(?:feels?|felt|feeling|looks?|looked) (?:\w+ ){0,2}?(?:like|as if|as though)\b[^.?!]{0,25}$")
# A fall counts when the text is about a body in pain (prices and empires fall too).
_BODY = re.compile(r"\b(?:back|spine|tailbone|coccyx|hip|hips|bum|pain\w*|hurt\w*|ach\w*|sore\w*|injur\w*|bruis\w*)\b")


# Cancer named as a cause to run for, not a history: "Race for Life for Cancer Research UK".
_NOT_CANCER = re.compile(r"\bcancer (?:risks?|screening|screen|prevention|check-?ups?|checks?|tests?)\b|\brisk of (?:\w+ )?cancer|\b(?:oncology|cancer|chemo) (?:ward|unit|department|clinic|centre|center|nurse|team)\b|"
                         r"\b(?:in memory of|in aid of|in hono(?:u)?r of|race for life|relay for life)\b[^.?!]{0,60}?\bcancer|"
                         r"\bcancer (?:research|charity|charities|awareness|fundrais\w*|trust|society|council|ward|nurse|"
                         r"cent(?:er|re)|hospital|unit|clinic|institute|foundation)|"
                         r"\b(?:i am|i'm|im) an? cancer\b(?! (?:patient|survivor|sufferer|case|diagnosis))|"
                         r"\b(?:run\w*|racing|walk\w*) (?:\w+ ){0,3}?for (?:\w+ )?awareness\b|"
                         r"\b(?:run\w*|race|racing|walk\w*|rais\w*|fundrais\w*|sponsor\w*|charity|donat\w*|money) "
                         r"(?:\w+ ){0,3}?(?:for|in aid of) (?:\w+ )?cancer|macmillan|"
                         r"race for life|relay for life|(?:cancer|tumour|tumor) (?:run|walk|5k|10k|race)|"
                         r"(?:star sign|zodiac|horoscope|sun sign|moon sign|rising sign)\b[^.?!]{0,20}?\bcancer|"
                         r"\bcancer\W+(?:\w+\W+){0,5}?(?:star sign|zodiac|horoscope|season|sun|moon|rising)\b|"
                         # a check someone else wants: "she is saying get checked for cancer"
                         r"\b(?:says?|saying|said|wants?|told me|thinks?|reckons?) (?:\w+ ){0,3}?(?:get|be|getting) (?:\w+ )?"
                         r"(?:checked|screened|tested) for (?:\w+ )?cancer|"
                         # running for someone who has it: "has bowel cancer so I'm running for him"
                         r"\b(?:running|racing|walking|doing (?:it|this|the \w+)) (?:it |this )?(?:for|in memory of|in hono(?:u)?r of) "
                         r"(?:him|her|them|my \w+)\b")
_IDIOM_FEVER = re.compile(r"\bhay ?fever|\b\w+ fever (?:is real|has (?:hit|set in|kicked in|gripped)|is (?:spreading|catching|in the air))|"
                          r"\b(?:marathon|race|racing|running|run|spring|cabin|football|world cup|gold|saturday night|"
                          r"christmas|holiday|olympic|training|parkrun) fever|\bfeverish(?:ly)? (?:with )?(?:excitement|"
                          r"anticipation|nerves|impatience)|\bfever[- ]pitch|"
                          # a frantic stretch of training, not a temperature: "a feverish week of training"
                          r"\bfeverish(?:ly)? (?:\w+ )?(?:week|weeks|month|pace|training|schedule|block|spell|rush|activity|"
                          r"preparation|prep|day|days)\b|"
                          r"\bfeverish(?:ly)? (?:about|over|for)\b|\bfever of (?:excitement|anticipation|nerves|impatience|activity|enthusiasm)\b|\bcatch (?:my|your|his|her|their) death\b|"
                          r"\bgive (?:me|you|him|her) a chill\b|"
                          # a thrill, not a fever: "got chills watching the elites finish"
                          r"\b(?:got|get|gets|getting|gave|gives|giving)(?: me)? (?:the )?(?:chills|goosebumps)(?: and goosebumps)? "
                          r"(?:watching|seeing|hearing|listening|reading|thinking about|just thinking|at the)\b|\b(?:fever|infection|infectious diseases?) (?:clinic|ward|unit|hospital|"
                          r"control|team|nurse|department)\b|"
                          r"\b(?:i|we|to|just|and) chill\b|\bchill(?:ing|ed|s)? (?:on|with|at|in front of|by|after)\b|"
                          r"\bhot and cold (?:running )?(?:water|taps?)\b|\bhot and cold (?:about|on|with|over)\b|\bnetflix and chill\b|\bchill(?:ed|ing)? out\b|\b(?:a |the )?(?:\w+ )?chill in the (?:air|morning|evening)s?\b|"
                          r"\bshiver\w* (?:\w+ )?(?:with|from) (?:excitement|anticipation|nerves|delight|joy|fear|dread)|"
                          # chills of feeling, not of fever: "got chills when my kids cheered", "chills down my spine"
                          r"\bchills\b[^.?!]{0,40}?\b(?:cheer\w*|sang|sing\w*|clapp\w*|crowd|anthem|music|song|speech|"
                          r"goosebumps|proud|tears)|chills (?:down|up) (?:my|the) spine|"
                          # shivers the cold gives: a cool-down, an ice bath, a cold snap ("until I warm up")
                          r"\b(?:ice baths?|cold (?:snap|water|shower|plunge|swim|dip)|cool(?:ing)? down|cold weather)\b"
                          r"[^.?!]{0,40}?\b(?:shiver\w*|chills|goosebumps)|\bshiver\w*[^.?!]{0,40}?\b(?:until i warm up|while i (?:cool down|stretch)|"
                          r"in the (?:ice bath|cold water)|after (?:an |the )?ice bath)|"
                          r"\b(?:cool|cooling) down (?:\w+ ){0,3}?(?:and )?(?:get|got|feel|am) (?:a bit |a little |quite )?shiver\w*|"
                          r"\bshiver\w*[^.?!]{0,40}?\buntil i (?:have|get|take|had|got) (?:a |my )?(?:hot |warm )?(?:shower|bath|tea|coffee|drink)|"
                          # sweats of the menopause: "the night sweats were from the menopause"
                          r"\b(?:night )?sweats?[^.?!]{0,30}?\b(?:menopaus\w*|perimenopaus\w*|hormon\w*|hrt)\b|\bhot (?:flush|flash)\w*")
_AS_IF = re.compile(r"\b(?:look\w*|as if|as though|like) (?:\w+ )?(?:i|i'd|i had|i have|you|he|she) (?:just )?\w*$")


_MINOR = re.compile(r"\b(?:minor|small|little|slight|gentle|light|tiny|soft|silly|not (?:a )?(?:big|bad|hard|heavy|serious)|"
                    r"nothing (?:dramatic|major|big|bad)|not (?:dramatic|major|much of a)|"
                    r"nothing serious|only a|just a|barely)\b")


# A cancer feared and ruled out: the worry before it, a clear test anywhere in the message.
# A scare that came to nothing: "a cancer scare in 2021 that turned out to be a harmless cyst".
_BENIGN_SCARE = re.compile(r"cancer scare\b[^.?!]{0,60}?\b(?:turned out|was|came back|proved|ended up)\b[^.?!]{0,30}?"
                           r"\b(?:benign|harmless|nothing|fine|clear|negative|not cancer\w*|a cyst)\b|cancer scare\b[^.?!]{0,40}?\ball (?:clear|fine)\b")
_FEARED = re.compile(r"\b(?:worried|worrying|scared|afraid|paranoid|concerned|terrified|frightened|panicked|thought|"
                     r"convinced|feared)\b[^.?!]{0,30}$")
_ALL_CLEAR = re.compile(r"\b(?:scans?|tests?|results?|biopsy|bloods?|blood tests?|mri|x-?rays?|ct|ultrasound)\b[^.?!]{0,20}?"
                        r"\b(?:was|were|came back|all|is|are)\b[^.?!]{0,10}?\b(?:clear|fine|normal|negative|ok|okay|nothing)\b|"
                        r"\ball clear\b|\bruled (?:it )?out\b|\bgiven the all clear\b")


# The writer sharing a relative's illness: "me too", "runs in the family" (not any "both": "both knees").
_SHARED_ILLNESS = re.compile(r"\b(?:me too|i (?:do|did|have|had|got) (?:it |one )?too|(?:it|one|cancer) too|as well as me|we both|both of us|"
                             r"the same (?:cancer|illness|disease)|runs in (?:the|my|our) family)\b")


# The writer's own illness told beside a relative's: "and I had it too", "I was diagnosed in 2019".
_MY_OWN_ILLNESS = re.compile(r"\bi (?:had|have|have had|was diagnosed|was treated|am in remission|beat|survived|went through|am going through|"
                             r"finished|am having|am on)\b(?:(?!\b(?:never|not|no)\b)[^.?!]){0,30}?\b(?:cancer\w*(?! (?:screening|screen|check|test|scare|risk))|tumou?r\w*|chemo\w*|radiotherapy|lymphoma|"
                             r"leuka?emia|melanoma|myeloma|carcinoma|sarcoma|myself|it too|it as well|the same|one too)")


def _charity(rule: _Rule, text: str, match: re.Match[str]) -> bool:
    """"Cancer" as a cause to run or raise money for, not a history of it; a film about it; or a
    relative's cancer the person sets apart from their own back ("dad had cancer but I never have",
    "he's fine now, and my back aches")."""
    sentence_start, sentence_end = _sentence(text, match)
    if _NO_TROUBLE.search(text) and _untroubled(_undenied(text)):
        return True  # "breast cancer 8 years ago, all clear, and I've never had back pain": no back pain to refer
    if _BENIGN_SCARE.match(text, match.start()):
        return True  # "a cancer scare in 2021 that turned out to be a harmless cyst"
    if _MY_OWN_ILLNESS.search(text):
        return False  # "I work on an oncology ward and I had breast cancer myself"
    if (_NOT_CANCER.search(text, max(0, match.start() - 80), match.end() + 30)
            or _THEIR_SURVIVAL.search(text, sentence_start, sentence_end)
            or _FUNDRAISING.search(text, sentence_start, sentence_end)
            or _A_STORY.search(text, sentence_start, match.start())):
        return True
    if _FEARED.search(text, max(0, match.start() - 40), match.start()) and _ALL_CLEAR.search(text):
        return True  # "I was worried about cancer but the scan was clear"
    others = list(_OTHERS_ILLNESS.finditer(text, sentence_start, match.start()))
    if not others:
        return False
    if not _FIRST_PERSON.search(text, others[-1].end(), match.start()) and not _SHARED_ILLNESS.search(text) \
            and not _THEIR_BACK.search(text):
        return True  # "my dad's 67 and going through prostate cancer treatment ... I'm 31, back a bit stiff"
    return bool(_NOT_ME.match(text, match.end())
                or (_set_apart(text, match.end(), _to_next_sentence_end(text, match))
                    and _MY_BACK.search(text) is not None and _THEIR_BACK.search(text) is None))


def _idiom_fever(rule: _Rule, text: str, match: re.Match[str]) -> bool:
    """"Marathon fever", "cabin fever"; a hot day's temperature, shivering in the cold on a start
    line; a fever the person sets apart ("she's fine now, nothing to do with me", "last week with
    a cold, but that's gone") unless it comes back; someone else off ill while the writer is well,
    or someone else's fever when the back asked about is the writer's ("my son had a fever over
    the weekend. My back is sore after running")."""
    sentence = _sentence(text, match)
    idiom = any(m.start() < match.end() and match.start() < m.end()
                for m in _IDIOM_FEVER.finditer(text, max(0, match.start() - 60), match.end() + 50))
    return bool(idiom
                or (_WEATHER.search(text, *sentence) and not _LASTING.search(text, *sentence))
                or _set_apart(text, match.end(), _to_next_sentence_end(text, match), recurs=_FEVERISH)
                or (_OTHERS_BUG.search(text, max(0, match.start() - 60), match.end()) and _I_AM_WELL.search(text))
                # "fully recovered from a chest infection three weeks back"
                or bool(_RECOVERED_FROM.search(text, max(0, match.start() - 40), match.start()))
                or _someone_elses(text, match)
                or _assessed(text, match)
                # "years ago I had a fever with a kidney infection", and nothing of it since
                or (_long_ago(text, *sentence)
                    and not _FEVERISH.search(text, sentence[1])))


# Seen by a clinician since, and told it is nothing serious: "the x-ray was clear and the doctor
# said it's just bruising", "checked over by paramedics, all fine", "GP said it's a virus". The
# referral has happened; unless the pain is said to be getting worse since.
_ASSESSED = re.compile(
    r"\b(?:x-?rays?|scans?|mri|ct|bloods?|blood tests?|tests?)\b[^.?!]{0,20}?\b(?:was|were|came back|is|are|all)\b[^.?!]{0,10}?"
    r"\b(?:clear|fine|normal|negative|ok|okay)\b|"
    r"\b(?:doctors?|gp|physio\w*|a&e|a and e|hospital|paramedics?|nurse|consultant|"
    r"(?:they|she|he) (?:scanned|x-?rayed|examined|checked|assessed) (?:me|him|her))\b[^.?!]{0,40}?"
    r"\b(?:said|says|told me|confirmed|reckons?|thinks?|diagnosed)\b[^.?!]{0,15}?\b(?:it is |it was |it's |its |it has been )?"
    r"(?:just|only|nothing(?: is| was| has been|'s)? (?:serious|broken|damaged|wrong|to worry about)|fine|muscular|bruis\w*|soft tissue|a (?:virus|bug|cold)|"
    r"viral|a sprain|a strain|mechanical)\b|"
    r"\bcleared (?:to run|me to run|by (?:my|the|a) (?:doctor|gp|physio\w*|consultant|hospital))\b|"
    r"\b(?:doctors?|gp|physio\w*|nurse|consultant|paramedics?|a&e|er|urgent care|clinic|hospital|they|she|he) (?:\w+ ){0,2}?"
    r"(?:checked|examined|looked at|assessed|x-?rayed|scanned)(?: me| him| her)?(?: over)?\b[^.?!]{0,50}?"
    r"\b(?:nothing (?:wrong|broken|serious|damaged)|all clear|all fine|(?:just|only) bruis\w*)\b|"
    r"\b(?:checked|looked at|assessed|seen|examined) (?:over )?(?:at|by|in) (?:the )?(?:a&e|a and e|er|hospital|paramedics|doctors?|gp|"
    r"physio\w*|urgent care|walk-in)\b[^.?!]{0,40}?\b(?:all fine|fine|cleared|nothing (?:broken|wrong|serious|damaged)|all clear|ok)\b")
_WORSENING = re.compile(r"\b(?:getting worse|worse and worse|worsening|keeps? getting worse|unbearable|agony|excruciating|"
                        r"worse (?:every|each) day|worse since)\b")


def _assessed(text: str, match: re.Match[str]) -> bool:
    """Whether, after the fall or the fever at ``match``, the writer says a clinician or a test has
    since found nothing serious, and not that the pain is getting worse."""
    return bool(_ASSESSED.search(text, match.end())) and not _WORSENING.search(text)


# The words of a fever, for its return ("recovered, but now the fever's back").
_FEVERISH = re.compile(r"\b(?:fever\w*|temperature|temp|chills?|shiver\w*|sweats?|sweating|hot|cold|flu|ill|sick|unwell|"
                       r"poorly|infection)\b")


# The writer sharing another person's illness: "my back hurts too", "we've both got it", "caught it".
_SHARED = re.compile(r"\b(?:too|also|as well|both|same thing|caught it|picked it up|got it from)\b")


def _someone_elses(text: str, match: re.Match[str]) -> bool:
    """Whether the symptom is another person's, named just before it in its sentence with the
    writer not named in between ("my son had a fever"; not "my son had flu and now I have a
    fever"), and the back the message asks about is the writer's, in another sentence, with
    nothing that says the writer shares the illness ("... and my back hurts too")."""
    start, end = _sentence(text, match)
    others = list(_OTHERS_ILLNESS.finditer(text, start, match.start()))
    other = others[-1] if others else None  # the one named last before the symptom
    if other is None or _FIRST_PERSON.search(text, other.end(), match.start()) or _SHARED.search(text):
        return False
    if _THEIR_BACK.search(text):
        return False
    # the writer's back, in another sentence or later in this one ("my partner's got a fever so I'm
    # on the sofa, which is wrecking my lower back"), or a back only in sentences the writer tells
    # of themself ("When I go back out, is there a warm-up kind to an achy lower back?"), or none
    # at all ("My running buddy had a fever, so our long run got cancelled")
    if _MY_BACK.search(text[:start] + " " * (match.end() - start) + text[match.end():]):
        return True
    backs = [m.start() for m in _A_BACK.finditer(text)]
    return all(not start <= at < end and _writers_sentence(text, at) for at in backs)


_THIRD_PERSON = re.compile(r"\b(?:he|she|they|him|her|them|his|hers|their)\b")


def _writers_sentence(text: str, at: int) -> bool:
    """Whether the sentence around ``at`` tells of the writer (names them) and of no one else."""
    start, end = _sentence_start(text, at), _sentence_end(text, at)
    return bool(_FIRST_PERSON.search(text, start, end)) and not _THIRD_PERSON.search(text, start, end)



def _as_if(rule: _Rule, text: str, match: re.Match[str]) -> bool:
    """A likeness, not the symptom: "looked like I'd wet myself" after a leaking bottle; or the
    leak of a jump or a sneeze that has been there since a birth or is being treated (stress
    incontinence, not a new loss of control)."""
    if _STRESS_LEAK.search(text, *_sentence(text, match)) and _LONG_KNOWN_LEAK.search(text):
        return True
    if _BEDDING.search(match.group(0)) and _SWEAT.search(text, *_sentence(text, match)):
        return True  # "drenched in sweat again, sheets soaked": night sweats (the fever rule's), not a wet bed
    if _TOLD_AS_PAST.search(text, *_sentence(text, match)) \
            and _set_apart(text, match.end(), _to_next_sentence_end(text, match), recurs=_LEAK_WORDS):
        return True  # "after my pregnancy 3 years ago I had some bladder leaks, all sorted with pelvic floor physio"
    return bool(_AS_IF.search(text, max(0, match.start() - 30), match.start() + 1))


# A leak told as the past ("3 years ago", "used to"), and the words that would say it is back.
_TOLD_AS_PAST = re.compile(r"\b(?:years|months|decades) ago\b|\bused to\b|\bin the past\b|\bas a (?:kid|child|teen\w*)\b|\bwhen i was\b")
_LEAK_WORDS = re.compile(r"\b(?:bladder|pee\w*|wee\w*|urin\w*|leak\w*|wet\w*|dribbl\w*|incontinen\w*|toilet|loo)\b")
_BEDDING = re.compile(r"\b(?:bed|sheets|mattress|pyjamas|pajamas)\b")
_SWEAT = re.compile(r"\bsweat\w*|\bclammy\b")
_STRESS_LEAK = re.compile(r"\b(?:when|if|as) i (?:jump|sneeze|cough|laugh|sprint|skip|lift|run fast)\w*|"
                          r"\b(?:on|during) (?:my |long |the )?runs\b|\bwhen (?:running|i run)\b|\bwhile running\b")
_LONG_KNOWN_LEAK = re.compile(r"\bpelvic floor\b|\bsince (?:bubs?|baby) (?:number )?\w+\b|\bsince (?:having|giving birth|the birth|my (?:son|daughter|baby|babies|kids?|children|"
                              r"pregnancy)|i had (?:my |the )?(?:son|daughter|baby|kids?))|\bafter (?:childbirth|having (?:my )?(?:kids|babies|a baby))|"
                              r"\bfor years\b")


# A lump in a thing, not in the body: "a lump in my shoe insole", "a lump in the mattress".
_IN_A_THING = re.compile(r"\W+(?:\w+\W+){0,2}?(?:in|on|under|inside) (?:my |the |a |an |his |her |their )?(?:\w+ )?"
                         r"(?:shoes?|socks?|insoles?|soles?|trainers?|sneakers?|runners|boots?|laces?|seams?|tongue|"
                         r"mattress|bed|pillow|cushion|seat|sofa|couch|carpet|road|path|pavement|track|trail|ground|"
                         r"floor|mat|porridge|custard|sauce|gravy|bag|pocket|waistband|bra|strap)\b")
# A lump of some stuff: "a lump of ice wrapped in a towel", "a lump of frozen peas".
_LUMP_OF_STUFF = re.compile(r"\s+of (?:frozen |crushed |solid )?(?:ice|peas|gel|sugar|butter|cheese|bread|dough|clay|wood|rock|stone|"
                            r"metal|plastic|foam|chalk|coal|cash|money|snow|mud|concrete)\b")
# The ground's lumps, not the body's: "the trail was all lumps and tree roots", "a lumpy field".
_GROUND_BEFORE = re.compile(r"\b(?:trails?|paths?|roads?|tracks?|ground|pavements?|sidewalks?|fields?|course|grass|route|terrain|"
                            r"surfaces?|towpath|verge|park|pitch|beach|sand)\b(?: (?:is|was|were|are|has|had|full of|covered in))?"
                            r"(?: (?:all|so|really|very|a bit|just|nothing but))?\W+$")
# Unhurt, said of the back or the writer, and no harm done at all: shared by ``_SET_APART`` and ``_UNHURT``.
_UNHURT_STATE = (r"(?:totally |completely |perfectly |absolutely |all |100% )?"
                 r"(?:fine|ok|okay|grand|good as new|normal|unchanged|untouched|not touched|no different|unhurt|unharmed|unscathed|unaffected|"
                 r"not involved|not affected|exactly as usual|as usual|(?:exactly )?the same as (?:before|usual|ever|always))\b"
                 r"(?: then and still is\b)?")
_NO_HARM = (r"\b(?:no|zero) (?:pain|damage|injur\w*|aches?) (?:anywhere|at all|whatsoever)\b|\blaughed it off\b|"
            r"\bno (?:back )?(?:pain|damage|injur\w*|aches?) (?:from|because of|after) (?:it|that|the (?:fall|trip|tumble|slip))\b|"
            r"\bno (?:pain|damage|injur\w*|aches?|problems?|issues?) (?:then|at the time) (?:or|and|nor) (?:now|since)\b")
# A fall the person sets apart from this pain: "that's long healed", "that's not why I'm here".
_SET_APART = re.compile(r"(?:long |fully |all |completely )?healed|\b(?:all|much|completely|fully|totally) better\b|"
                        r"\b(?:that|it|which)(?:'s| is) the only (?:thing|bit|part|place) (?:that )?(?:hurts|hurt|is sore|got hurt|is injured)\b|"
                        r"\b(?:bruis\w*|scrap\w*|graz\w*|cut|twist\w*|sprain\w*|roll\w*) (?:\w+ ){0,2}?\w+,? nothing else\b|(?:that|it|this) (?:is|was) not (?:why|what|related|"
                        r"the (?:reason|cause|problem))|nothing to do with|unrelated|not related|"
                        r"\b(?:she|he|they|it)(?:'s| is| are| was) (?:all |fully |completely |totally )?(?:fine|better|ok|okay|recovered|over it)\b|"
                        r"\b(?:she|he|they)(?:'s| is| are) recovering (?:well|fine|nicely|ok|okay)\b|"
                        r"\b(?:she|he|they)(?:'s| is| are) (?:all |fully |completely )?back (?:racing|running|training|playing|riding|"
                        r"at work|to (?:normal|full fitness|running|training|racing))\b|"
                        r"\b(?:she|he|they)(?:'s| is| are) doing (?:great|well|fine|brilliantly)\b|(?:all )?sorted(?: out)?\b|"
                        r"\b(?:treated|resolved|cured|cleared up)(?: with (?:\w+ ){1,2}?)?,? and (?:now )?(?:all |long |completely |totally |fully )?(?:gone|fine|better|over|finished|done)\b|"
                        # "all gone now", "gone for months", "fine by the next morning"
                        r"(?:^|(?<=[,;.(] )|(?<=[,;.(]))(?:all gone|(?:all |totally |completely )?fine now)\b|(?<=[,;] )that(?:'s| is) (?:it|all)\b|"
                        r"\bback(?:'s| is| was| feels)? all good\b|\bgone for (?:months|years|ages|a year|weeks)\b|"
                        r"\bfine (?:again )?by (?:the )?(?:next )?(?:morning|day|evening|afternoon|weekend|lunchtime|lunch)\b|"
                        r"no pain at all|no harm done|unhurt|\b(?:back|it|i) (?:was|were) (?:totally |completely )?fine\b(?: then and still is\b)?|"
                        r"(?:did|does) not hurt\b(?! (?:at first|until|then))|not hurt at all\b|(?:was|were) not hurt\b(?! (?:at first|until|then|at the time))|(?:fully |completely )?recovered|"
                        r"\b(?:years|winters|summers|seasons) ago|as a (?:kid|child|teenager)|\bi (?:have|'ve) been fine\b|"
                        r"(?:nothing|no (?:issues|problems|trouble|pain)) (?:ever )?since|when i was (?:about |around |maybe |like )?(?:young|little|a kid|a child|\d+)|"
                        r"no (?:lasting|ongoing) (?:issues|problems|damage)|no problems since|ancient history|long gone|"
                        r"all in the past|(?:completely |fully |totally |all )?cleared(?: up)?\b|done and dusted|"
                        # over: "that's gone", "been fine ever since"
                        r"\b(?:that|it|this|which)(?:'s| is| has| has been| was) (?:all |long |completely |totally )?gone\b|"
                        r"\b(?:been|felt|was|were) (?:totally |completely |perfectly )?(?:fine|ok|okay|good|great) (?:ever )?since\b|"
                        r"\b(?:totally|completely|perfectly|all) fine since\b|\bthat was (?:it|all)\b|"
                        r"\bnever (?:hurt|injured|damaged|done anything to) (?:my|the) back\b|\b(?:long |well |all )?behind me\b|"
                        r"\bat (?:uni|university|college|school)\b|"
                        r"\bi am (?:fully |completely |totally |all )?(?:well|better|recovered) (?:now|again)\b|"
                        r"\b(?:felt|been|feeling) (?:totally |completely |perfectly )?(?:well|better|fine|ok|okay|good|great) (?:ever )?since\b|"
                        r"\b(?:\w+ )?months ago\b|\b(?:\d+|a|one|two|three|four|six) (?:months?|years?) back\b|\b(?:fully )?cured\b|\bback in (?:january|february|march|april|may|june|july|august|september|october|november|december|the spring|the summer|the autumn|the winter)\b|"
                        r"\bfever (?:broke|went|has gone|is gone|cleared)\b|(?:^|(?<=[,;.(] )|(?<=[,;.(]))(?:all|long|completely) over(?: now| and done(?: with)?)\b|"
                        r"\b(?:was|were|felt|am|is|are) (?:totally |completely |perfectly )?fine (?:again )?(?:once|after|when|by)\b|"
                        # the back or the writer unhurt: "back's not involved at all", "no pain anywhere", "laughed it off"
                        rf"\b(?:back|i)(?:'s| is| am| was| were| has been|'s been| feels?| felt)? {_UNHURT_STATE}(?! (?:until|till|at first|then))|"
                        rf"{_NO_HARM}|"
                        r"\b(?:hopped|got|jumped|bounced|popped) (?:straight |right )?(?:back )?(?:up|off|on) (?:totally |completely )?fine\b|"
                        r"\b(?:totally|completely|perfectly|absolutely) fine (?:apart from|except|bar|other than|but for) "
                        r"(?:an? |my |the |some )?(?:\w+ )?(?:bruis\w*|graz\w*|scrap\w*|cut|scratch\w*|knee|elbow|wrist|hand|palm|ankle|pride|ego)")
# What undoes a setting apart: "not healed", "fine at first but", "years ago and it never went away".
# "She's fine now but my back aches": the "but" turns to the writer, it does not undo her recovery.
_SOMEONE_ELSE = re.compile(r"(?:she|he|they)\b")
_TO_ME = re.compile(r"\W*(?:\w+\W+){0,2}?(?:my|i|i am|i have|me)\b")
# What follows a "now" that keeps the past apart: "... long gone. Now it's just normal stiffness".
# An ordinary ache, in the words people use of it (see also ``_ONLY_ORDINARY``).
_ACHE = r"(?:sore|soreness|ache|achy|aching|stiff|stiffness|tight|tightness)"
_JUST_USUAL = re.compile(r"\W+(?:\w+\W+){0,3}?(?:just|only|simply) (?:\w+ )?(?:normal|usual|regular|ordinary|general|everyday)\b|"
                         # "... sorted itself out. Now I just have a sore back after running"
                         rf"\W+(?:\w+\W+){{0,3}}?(?:just|only) (?:\w+ ){{0,3}}?{_ACHE}\b")
_NOT_BEFORE = re.compile(r"\b(?:not|never|yet to|no)\W+(?:\w+\W+)?$|"
                         r"\b(?:thought|assumed|hoped|believed|presumed|figured) (?:that )?(?:it |i |he |she )?(?:had |was |would |has )?(?:\w+ )?$")
_BUT_AFTER = re.compile(r"^\W*(?:\w+\W+){0,6}?(?:but|until|now|since|never|still|ever since|at first|initially|then)\b")
# What keeps a recovery a recovery whatever follows: back to running, or said to be beside the point.
_RESUMED = re.compile(r"\W+back to (?:running|training|normal|full)")
# A "now" that ends the clause keeps the recovery: "she's fully recovered now."
_NOW_SO = re.compile(r"\W*(?:now|since|since then|ever since)\W*(?:[.!?;,]|$)")
# A "now" that turns to what the writer wants, not to pain: "... sorted it. Now I just want to improve my posture."
_NOW_A_WISH = re.compile(r"\W*(?:i )?(?:just |only |really )?(?:want|would like|wanna|hope|am hoping|plan|am planning|need|am trying) to\b")
_BESIDE_THE_POINT = re.compile(r"\b(?:so |which is |that is |it is )?(?:not relevant|irrelevant)\b")


def _returns(symptom: re.Pattern[str], text: str, start: int) -> bool:
    """Whether the symptom is told again from ``start`` to its sentence's end, and not denied
    there: "... cured in three days and now I feel healthy, no temperature" tells of none."""
    return any(not _negated(text, m.start(), m.end()) for m in symptom.finditer(text, start, _sentence_end(text, start)))


def _set_apart(text: str, start: int, end: int, recurs: re.Pattern[str] | None = None) -> bool:
    """Whether ``text[start:end]`` sets an illness or a fall apart from the pain asked about
    ("that's long healed", "she's fine now", "years ago, fully recovered"), and nothing undoes it
    ("not healed", "I was fine at first but now ...", "years ago and it never went away"). With
    ``recurs`` (the words of the symptom), only the symptom's return undoes it: "flu two months
    ago, recovered fully. Now my back aches" is a back that aches, not a fever back."""
    for m in _SET_APART.finditer(text, start, end):
        if _NOT_BEFORE.search(text[max(0, m.start() - 20):m.start()]):
            continue
        undo = _BUT_AFTER.search(text[m.end():end])
        if undo and undo.group(0).endswith("now") and re.match(r"\W*(?:[.!?;,]|$)", text[m.end() + undo.end():end]) \
                and not _TROUBLE.search(undo.group(0)):
            undo = None  # "(she's recovering well), so I run on trails now.": a "now" that ends the clause, no pain in it
        if undo and recurs is not None and not _returns(recurs, text, m.end() + undo.end()):
            undo = None
        if undo and not (_SOMEONE_ELSE.match(m.group(0)) and _TO_ME.match(text, m.end() + undo.end())) \
                and not _JUST_USUAL.match(text, m.end() + undo.end()) and not _RESUMED.match(text, m.end()) \
                and not _BESIDE_THE_POINT.search(text, m.end(), m.end() + undo.end()) \
                and not _NOW_SO.match(text, m.end()) \
                and not (undo.group(0).endswith("now") and _NOW_A_WISH.match(text, m.end() + undo.end())):
            continue
        return True
    return False


# Chills or a temperature that outlast the weather, or a cause the writer only supposed: "the chills
# all day, I thought it was from my run in the cold".
_LASTING = re.compile(r"\b(?:all day|all night|for (?:\w+ )?(?:hours|days)|since (?:yesterday|last night|this morning)|"
                      r"i thought it was|i assumed|will not (?:stop|go)|keep coming back|"
                      # the weather only supposed as the cause: "I've got the chills ... is that from running in the rain?"
                      r"(?:is|could|would|might|can) (?:that|it|this) (?:be )?(?:from|because of|due to|down to|caused by))\b")
# Weather, not a fever: "30 degrees on race day, a really high temperature"; "shivering on the start line".
_WEATHER = re.compile(r"\b(?:forecast|weather|outside|outdoors|heat ?wave|sunny|humid|hot day|the sun|start line|in the heat|"
                      r"scorch\w*|sweltering|(?:it is|it was|it's|was|a) boiling hot|boiling hot (?:day|weather|out|outside|sun)|hot tarmac|air ?con\w*|air conditioning|"
                      r"the wind|wind chill|winter (?:race|run|morning|evening|night)|when i stopped|once i stopped|"
                      # "it was 38 degrees": the day's temperature (a body's is "my temp was 38")
                      r"it (?:is|was|has been|got to|hit|reached) (?:about |around |nearly |over |almost |like )?\d+ ?(?:°|degrees)|"
                      r"waiting for the (?:gun|start)|in the (?:cold|rain|wind|snow)|(?:cold|freezing|chilly|wet|windy) "
                      r"(?:weather|morning|day|night|wind|start))\b")
# The people close to the writer whose illness a message may mention in passing.
_RELATIVE = (r"husband|wife|partner|mum|mom|mother|dad|father|brother|sister|son|daughter|friend|aunt|uncle|grand\w*|nephew|niece|"
             r"colleague|neighbou?r|mate|pal|buddy|teammate|flatmate|housemate|roommate|coach|boss")
# Someone else off ill ("my club mate is off with a chest infection"), and the writer well.
_OTHERS_BUG = re.compile(rf"\b(?:{_RELATIVE}|boyfriend|girlfriend|kids?|children|half the (?:club|office|team))\b(?:'s)? "
                         r"(?:\w+ ){0,2}?(?:is|are|was|were|has been|have been) (?:off|down|in bed|ill|sick|poorly|unwell|laid up)\b|"
                         # "son's had a fever", "mum's in hospital with a fever", "kids have all had chickenpox and fevers"
                         rf"\b(?:{_RELATIVE}|boyfriend|girlfriend|kids?|children|baby|toddler|little one)\b(?:'s| has| have| is| are)? (?:\w+ ){{0,5}}?"
                         r"(?:fevers?|temp|temperature|flu|chickenpox|infection|bug|virus)\b")
_I_AM_WELL = re.compile(r"\bi am (?:\w+ but )?(?:well|fine|ok|okay|healthy|not ill|not sick|fighting fit)\b|\b(?:i |and |but )?(?:feel|felt) (?:fine|well)\b|"
                        r"\bno (?:illness|bug|fever|symptoms) (?:for|in) me\b|\bi have (?:stayed clear|avoided it|not caught it|dodged it)\b")
_RECOVERED_FROM = re.compile(r"\b(?:fully |completely |totally )?(?:recovered|better now) from (?:a |an |the |my |that )?(?:\w+ ){0,2}?$")
# Someone else who fell: "my grandma had a fall", "my husband fell off a ladder".
_THEIR_FALL = re.compile(rf"\b(?:{_RELATIVE}|gran|nan|nana|boyfriend|girlfriend|cousin|he|she)\b"
                         r"(?:'s)? (?:\w+ ){0,2}?(?:had a (?:\w+ )?fall|fell|has fallen|took a (?:\w+ )?(?:tumble|fall)|"
                         r"(?:crashed (?:her|his|their) (?:\w+ )?(?:bike|car|scooter|motorbike|van)|(?:met with|had|was in|was involved in) an? (?:\w+ )?accident|came off (?:her|his|their) (?:\w+ )?(?:bike|horse|scooter)))"
                         # not with the writer in it or hit by it: "crashed his car into mine", "with me in it"
                         r"(?![^.?!]{0,30}?\b(?:into (?:me|mine|my|us|ours)\b|with (?:me|us) (?:in|on|as|riding)\b|"
                         r"(?:i|we) (?:was|were) (?:in|on) (?:it|the back|board|the passenger)|passenger))"
                         r"(?! (?:on|onto|into|against) (?:me|top of me|my)\b)")
# A film, a book or an article about someone with the illness, not the person's own.
_A_STORY = re.compile(r"\b(?:film|movie|documentary|book|novel|tv show|series|story|article|podcast|programme|program|"
                      r"video|play)\b (?:about|on|where|in which)\b[^.?!]*$")
# Someone else's illness, the subject before it: "my husband had prostate cancer ten years ago".
_OTHERS_ILLNESS = re.compile(rf"\b(?:{_RELATIVE}|boyfriend|girlfriend|nan|gran|cousin|dog|cat|youngest|eldest|oldest|little one|wee one|"
                             r"baby|toddler|kids?|kiddo|child)\b"
                             r"(?:'s| is)? (?:\w+ ){0,3}?(?:had|has|was diagnosed with|got|ran|runs|is running|came down with|caught|picked up|beat|survived|passed (?:away )?(?:with|from)|died (?:of|from|with)|going through|having (?:\w+ )?treatment|is (?:going through|having|on|in|"
                             r"getting|starting|finishing|doing)|is an? (?:\w+ ){0,2}?survivor)\b|"
                             rf"\b(?:{_RELATIVE}|boyfriend|girlfriend|nan|gran|cousin)'s (?:\w+ ){{0,2}}?$")
# The writer sets themself apart from a relative's illness: "my dad had cancer but I never have".
_NOT_ME = re.compile(r"\W*(?:but|and|though|whereas|while) (?:i|me)(?: have| had| do| did| am)? (?:never|not)\b|"
                     r"\W*(?:\w+\W+){0,3}?not me\b|"
                     # the writer's worry about it, or running to cope: "so I'm paranoid about everything"
                     r"\W*(?:so|and|which)\b[^.?!]{0,30}?\b(?:i am|i'm|im|i have been|i've been|i get|i got|i feel|i felt) (?:\w+ ){0,2}?(?:paranoid|worried|"
                     r"anxious|scared|nervous|rattled|stressed|running to (?:destress|de-stress|cope|clear my head))")
# Whose back hurts: the writer's ("my back aches"), or the other person's ("he's now getting back pain").
_MY_BACK = re.compile(r"\b(?:my|me) (?:own )?(?:lower |upper |mid |middle )?back\b|\bi (?:have|am|get|got)\b[^.?!]{0,40}?\bback\b|"
                      r"(?:^|[.!?]\s+)(?:lower |upper |mid )?back(?:'s| is| has| feels| was| gets)\b")
_THEIR_BACK = re.compile(r"\b(?:his|her|their) (?:lower |upper |mid |middle )?back\b|"
                         r"\b(?:he|she|they) (?:(?:now|also|still|just|then|recently|suddenly|always|often) )?"
                         r"(?:is|are|has|have|had|was|were|keeps?|gets?|got|started)\b(?:(?!\b(?:my|i|but|no|not|never)\b)[^.?!]){0,40}?\bback\b")
_FUNDRAISING = re.compile(r"\b(?:rais\w* (?:money|funds)|fundrais\w*|charity|charities|sponsor\w*|donat\w*)\b")
# A swelling or lump somewhere other than the back: "a swollen ankle", "a lump on my heel".
_ELSEWHERE = re.compile(r"\b(?:ankles?|knees?|foot|feet|toes?|lips?|face|eyes?|fingers?|hands?|wrists?|elbows?|calf|calves|"
                        r"shins?|heels?|arms?|glands?|gums?|tongue|throat|tonsils?|neck|nose|cheeks?|breasts?|armpits?|belly|tummy|stomach|"
                        r"abdomen|gut)\b")
# The back as a part of the body: not "the back of the treadmill", "at the back of the pack".
_BACK_WORD = re.compile(r"\b(?:back(?! of (?:the|a|an|my|his|her) (?!neck\b|head\b|legs?\b|knees?\b|thighs?\b)\w+)|spine|backbone)\b")
# The back as a part of the body, not the adverb ("get back out", "go back to running").
_A_BACK = re.compile(r"(?<!\bget )(?<!\bgot )(?<!\bgo )(?<!\bgoing )(?<!\bgetting )(?<!\bcome )(?<!\bcoming )(?<!\bbe )"
                     r"(?!back (?:out|into|to|on|in|home|up|off)\b)" + _BACK_WORD.pattern)
_OTHERS_INJURY = re.compile(r"\b(?:her|his|their) (?:wrist|arm|ankle|leg|collarbone|hand|finger|nose|knee|elbow|shoulder|"
                            r"foot|toe|head|face|ribs?|hips?|pelvis|legs)\b")
_OTHERS_HEART = re.compile(rf"\b(?:{_RELATIVE}|coach)(?:'s)? (?:\w+ ){{0,2}}?(?:had|has|died of|suffered) "
                           r"(?:a |an )?(?:\w+ )?heart attack")
# Someone else the subject of what happened "at 70": "my father had a heart bypass at 70".
_THEIR_AGE = re.compile(rf"\b(?:{_RELATIVE}|grand\w*|gran|nan|nana|he|she)\b(?:'s)? (?:\w+ ){{0,6}}?$")
_OWN_AGE_UNDER_50 = re.compile(r"\b(?:i am|i'm|im|aged|me,?) (?:an? )?(?:[1-4]\d)\b(?!\s*(?:km|k\b|miles?|minutes?|mins?|kg|%))|"
                               r"\b[1-4]\d ?(?:m|f)\b|\b[1-4]\d,? (?:male|female|m|f)\b")


_CHECKED_LUMP = re.compile(r"\b(?:harmless|benign|lipoma|(?:was|were|got it|had it|have had it|had them) (?:\w+ )?removed|"
                           r"(?:had|got|have had) (?:a |an |the |my |this )?(?:\w+ )?(?:cyst|lump|lipoma|mole|growth|bump)s? "
                           r"(?:\w+ )?(?:cut out|removed|taken out|taken off|drained|lanced)|"
                           r"removed (?:it|them))\b")


# What swells when it is not the back: a noun just before "is swollen" that names no part of the
# body ("the river's swollen"); a pronoun or a word for the back's region keeps it a symptom.
_SWOLLEN_SUBJECT = re.compile(r"\b([a-z]+)(?:'s| is| was| were| are| has been| had been| got| looks?| looked) "
                              r"(?:all |really |so |very |a bit |quite )?$")
_SWELLING_PLACE = frozenset("""back spine backbone side sides hip hips bum buttock buttocks area bit part parts muscle muscles
lump bump spot patch region base bottom top it that this there everything something skin tailbone coccyx""".split())


def _in_a_thing(rule: _Rule, text: str, match: re.Match[str]) -> bool:
    """A lump or a bump in a shoe, a sock or a mattress, or on another part of the body, or one a
    doctor has called harmless or taken away ("a cyst, removed years ago")."""
    if re.search(r"\b(?:new|another|different|second|fresh)\s+(?:\w+\s+)?$", text[max(0, match.start() - 25):match.start()]):
        return False  # "a cyst removed years ago, but now there's a new lump"
    if _IN_A_THING.match(text, match.end()) or _LUMP_OF_STUFF.match(text, match.end()) or _CHECKED_LUMP.search(text, *_sentence(text, match)) \
            or _GROUND_BEFORE.search(text, max(0, match.start() - 40), match.start()):
        return True
    if _set_apart(text, match.end(), _to_next_sentence_end(text, match)):
        return True  # "a cyst on my back years ago, all fine since"
    start, end = _clause(text, match)

    def distance(pattern: re.Pattern[str]) -> int:
        """How far from the match the nearest word of ``pattern`` in its clause is."""
        return min((min(abs(m.end() - match.start()), abs(m.start() - match.end()))
                    for m in pattern.finditer(text, start, end)), default=len(text))

    subject = _SWOLLEN_SUBJECT.search(text, max(0, match.start() - 40), match.start())
    if match.group(0).startswith("swollen") and subject and subject.group(1) not in _SWELLING_PLACE \
            and not _BACK_WORD.search(text, start, end):
        return True  # "the river's swollen after all the rain"
    return distance(_ELSEWHERE) < distance(_BACK_WORD)  # "it's swollen" after "my ankle": the ankle


# A feeling word: what makes a place between the shoulder blades a symptom, not where a vest sits.
_FEELING = re.compile(r"\b(?:pain\w*|ach\w*|hurt\w*|sore\w*|sharp|stab\w*|burn\w*|throb\w*|twing\w*|niggl\w*|tight\w*|"
                      r"stiff\w*|agony|agonis\w*|agoniz\w*|discomfort|pressure|squeez\w*|crush\w*|pinch\w*|feel\w*|felt|"
                      r"sensation|pull\w* (?:a |my )?muscle|spasm\w*|cramp\w*|kill\w*|excruciat\w*|grip\w*|heav\w*|numb(?!er)\w*|"
                      r"tingl\w*|band|belt|vice|girdle|ring)\b")


_IT = re.compile(r"\b(?:it|its|mine|the pain)\b")


def _no_feeling(rule: _Rule, text: str, match: re.Match[str]) -> bool:
    """A place named with nothing felt there in the whole message, and no "it" that could be the
    pain: "my hydration vest sits between my shoulder blades" (not "it's moved up between the
    shoulder blades now")."""
    start, _end = _sentence(text, match)
    return not _FEELING.search(text) and not _IT.search(text, start, match.start())


# A thing worn round the chest that feels like a band: "my heart rate strap feels like a tight band".
_WORN = re.compile(r"\b(?:(?:heart[- ]rate|hr|chest) (?:strap|monitor|belt|band)|sports bra|bra strap|(?:hydration|running|race) vest|"
                   r"waist ?(?:pack|belt|bag)|backpack|rucksack|running belt|compression (?:top|shirt|vest))s? (?:\w+ ){0,3}?"
                   r"(?:feels?|felt|is|was|has|had|gives?|gave|digs?|dug|sits?|sat|squeez\w*|pinch\w*|rubs?|rubbed|leaves?|left)\b|"
                   # a band worn for exercise, a strap's chafing, a physio's taping
                   r"\b(?:resistance|exercise|elastic|loop|thera) ?bands?\b|\bchaf\w*|\b(?:taped|taping|kinesio\w*|strapped)\b")
_PAINFUL = re.compile(r"\b(?:pain\w*|hurt\w*|ach\w*|sore\w*|sharp|stab\w*|burn\w*|throb\w*)\b")


def _worn_or_unfelt(rule: _Rule, text: str, match: re.Match[str]) -> bool:
    """A band round the chest that is a thing worn, with no pain in its sentence ("my heart rate
    strap feels like a tight band round my chest"); or a place with nothing felt (``_no_feeling``)."""
    start, end = _sentence(text, match)
    near = min(end, match.end() + 40)  # a run-on sentence may go on to the back's own ache
    return ((bool(_WORN.search(text, start, near)) and not _PAINFUL.search(text, start, near))
            or _set_apart(text, match.end(), end)  # "... taped between my shoulder blades, and that all sorted out"
            or _no_feeling(rule, text, match))


# A race time, a pace or a fitness that has not improved, with nothing about pain in the sentence;
# the back or its trouble named anywhere (a relative's age, below).
_PERFORMANCE = re.compile(r"\b(?:times?|pace|pb|pbs|pr|prs|personal best|speed|splits?|fitness|endurance|stamina|"
                          r"performance|results?|progress|\d+ ?k|10k|5k|parkrun|marathon|half|race)\b")
_ANY_BACK_TROUBLE = re.compile(r"\b(?:back|spine|backache|pain\w*|ach\w*|hurt\w*|sore\w*|stiff\w*|tight\w*|"
                               r"niggl\w*|twing\w*|injur\w*|spasm\w*)\b")

# A trouble told by a pronoun in a follow-up: "the first time I've had it", "only just started
# getting it", "it started last week".
_TROUBLE_AS_IT = re.compile(r"\b(?:had|have|having|get|gets|getting|got|feel|feeling|felt)\s+(?:it|this|that)\b(?!\s+(?:in my head|into my head|done|right|sorted|wrong))|"
                            r"\b(?:it|this|that)\s+(?:\w+\s+)?(?:started|began|begun|came on|come on|kicked in|flared|appeared)\b")


def _performance(rule: _Rule, text: str, match: re.Match[str]) -> bool:
    """"My 10k time hasn't improved for several weeks": a time, not a pain, that is no better; or
    the same ache after runs the writer has had for years, which comes and goes with them."""
    start, end = _sentence(text, match)
    if _PERFORMANCE.search(text, start, end) and not _ANY_BACK_TROUBLE.search(text, start, end):
        return True
    if _GOT_BETTER.search(match.group(0)):
        return True  # "it settled completely after about six weeks of physio": it did improve
    if re.match(r"(?:it|this)\b", match.group(0)) and re.search(r"\b(?:on|taking|taken|take) $", text[max(0, match.start() - 8):match.start()]):
        return True  # "I'm on sertraline, been on it for years": a medicine, not a pain
    return _long_standing(text) and bool(_AFTER_RUNS.search(text)) and not _CONSTANT.search(text)


_GOT_BETTER = re.compile(r"(?<!not )(?<!never )\b(?:settled|cleared|resolved|eased|improved|healed|recovered|went away|got better)\b")


# An ache that comes with running, not one that stays: "after long runs", "after every session".
_AFTER_RUNS = re.compile(r"\b(?:after|post)[- ](?:\w+ ){0,2}?(?:runs?|running|races?|sessions?|training|marathons?|parkruns?|jogs?|jogging|"
                         r"workouts?|intervals)\b")
_CONSTANT = re.compile(r"\b(?:constant\w*|all the time|every day|all day|never (?:goes|eases|stops|settles)|not going away|"
                       r"does not go|no longer goes|at rest|at night)\b")


# Someone else's chest pain the writer sets against their own trouble: "a guy at my club collapsed
# with chest pain ... but my own issue is just a tight lower back".
_OTHER_PERSON = re.compile(rf"\b(?:my )?(?:{_RELATIVE}|running buddy|buddy)\b[^.?!]{{0,50}}?\b(?:has been having|had|has|got|went to a&e with|"
                           r"had to go to a&e with|complained of|collapsed)\b|"
                           r"\b(?:a|one|another|some) (?:guy|man|woman|lady|bloke|girl|runner|friend|mate|member|lad|chap|fella|"
                           r"person|competitor)\b[^.?!]{0,50}?\b(?:collapsed|had|got|suffered|complained of)\b")
_MY_OWN = re.compile(r"\b(?:my own|but my|as for me|i am fine|i'm fine|me,? i (?:just|only)|my (?:\w+ )?back is (?:just|only)|i just have my usual)\b")


# A chest sore from laughing, coughing or cold air: its cause told, not a heart.
_LAUGHED = re.compile(r"\W+(?:\w+\W+){0,2}?(?:from|after|with) (?:all (?:the|that) )?(?:laugh\w*|giggl\w*|coughing|a cough|sneez\w*|"
                      r"(?:the )?cold air|singing|shouting|cheering)\b")


# A chest known to tighten with asthma or cold air, and settling; not with the signs of a heart.
_ASTHMA = re.compile(r"\b(?:asthma\w*|inhaler|cold air|exercise[- ]induced)\b")
_SETTLES = re.compile(r"\b(?:settles|settled|eases|eased|goes away|went away|well controlled|controlled|fine with (?:my|the) inhaler|"
                      r"inhaler (?:helps|sorts it|works))\b")
_CARDIAC = re.compile(r"\b(?:arm|jaw|sweat\w*|clammy|crushing|elephant|not (?:helping|settling|easing)|worse|will not (?:settle|ease|go))\b")


def _someone_elses_heart(rule: _Rule, text: str, match: re.Match[str]) -> bool:
    """"My partner's husband had a heart attack", "a guy at my club collapsed with chest pain,
    but my own issue is ...": not the person's chest."""
    if _OTHERS_HEART.search(text, max(0, match.start() - 60), match.end()):
        return True
    if _LAUGHED.match(text, match.end()):
        return True  # "my chest hurts from laughing so much"
    if _ASTHMA.search(text) and _SETTLES.search(text) and not _CARDIAC.search(text):
        return True  # "chest tight in cold air; I have asthma and it's well controlled with my inhaler"
    start, end = _sentence(text, match)
    if _WORN.search(text, start, end) and re.search(r"\b(?:does not|did not|do not|doesn't|no) (?:hurt|pain|ache)", text[start:end]):
        return True  # "my HR strap sits across my chest and leaves a red line, doesn't hurt"
    return bool(_OTHER_PERSON.search(text, start, match.start()) and _MY_OWN.search(text, match.end(), end))


_TROUBLE = re.compile(r"\b(?:backache|pain\w*|ach\w*|hurt\w*|sore\w*|stiff\w*|tight\w*|niggl\w*|twing\w*|injur\w*|"
                      r"spasm\w*|playing up|play up|went|gone|flare\w*|problem\w*|issue\w*|trouble\w*)\b")
# Back trouble denied: "no pain at all", "no back issues", "pain-free".
_NO_TROUBLE = re.compile(r"\b(?:no|zero|without|never had(?: any)?|never (?:given|caused)(?: me)?(?: any)?)(?: \w+)? "
                         r"(?:pain|aches?|issues?|problems?|trouble|injur\w*|bother)"
                         r"(?:,? (?:or|and|nor) (?:pains?|aches?|issues?|problems?|niggles?|twinges?|injur\w*))*"
                         r"(?: at all| whatsoever| to speak of)?\b(?![^.?!]{0,40}?\b(?:until|till|up until|now (?:\w+ )?(?:has|have|got|gets?|it))\b|[^.?!]{0,40}?\bbefore(?=\W*(?:[.,;!?]|$)|\s+(?:this|last|now|then|recently|yesterday|today|a few|the (?:last|past)|\w+day)\b))|\bpain[- ]free\b|"
                         r"\bnever had a (?:single )?(?:day|minute|moment|twinge|day's) (?:of )?(?:\w+ )?(?:pain|trouble|bother|problems?)\b|"
                         r"\b(?:(?:my |the )?(?:back|spine)(?:'s| has| had)? )?(?:has |have |had )?never (?:once )?(?:troubled|bothered|hurt|"
                         r"given (?:me )?(?:any )?(?:trouble|problems|bother))(?: me)?\b")
# Back trouble only to be kept away: "I want to prevent back pain as I get older".
_PREVENTED = re.compile(r"\b(?:back ?)?pain (?:warning signs?|red flags?)\b|\bwarning signs? (?:of|for|with|in) (?:low(?:er)? )?(?:back ?)?pain\b|"
                        r"\b(?:prevent\w*|avoid\w*|ward\w* off|stave off|keep\w* (?:\w+ )?away|stop (?:myself |me )?(?:from )?"
                        r"(?:getting|developing)|(?:risk|chance)s? of (?:getting |developing )?)\W+(?:\w+\W+){0,3}?"
                        r"(?:back ?(?:pain|aches?|problems?|issues?|trouble|injur\w*)|backache|pains?|aches?|injur\w*|problems?|issues?|trouble)\b")
_BACK_FINE = re.compile(r"\b(?:back|it)(?:'s| is| has been| feels| felt| was) (?:totally |completely |perfectly |absolutely )?"
                        r"(?:fine|ok|okay|good|great|grand|perfect|healthy|strong)\b")


_THIRD_PERSON_SENTENCE = re.compile(rf"[^.?!,]*\b(?:she|he|they|her|his|their|{_RELATIVE}|member|runner|someone|somebody)\b[^.?!,]*")
_GROUP_BEFORE = re.compile(r"\b(?:runners|people|athletes|women|men|adults|folks|those|anyone|everyone|masters|veterans|vets|"
                           r"patients|clients|members|customers|students|"
                           r"joggers|walkers|ladies|guys|players)\s+$")


def _someone_elses_age(rule: _Rule, text: str, match: re.Match[str]) -> bool:
    """"My mum (70) has osteoporosis ... I'm 38": the age over 50 is not the writer's; "my grandad
    is 80 and still runs!": someone's age with no back trouble anywhere in the message."""
    undenied = _undenied(text)
    untroubled = _untroubled(undenied)
    fine = (bool(_BACK_FINE.search(text) or _NO_TROUBLE.search(text) or _PREVENTED.search(text))
            and not _TROUBLE.search(undenied))
    if re.match(r"over\b", match.group(0)) and _GROUP_BEFORE.search(text, max(0, match.start() - 30), match.start()):
        return True  # "is core work more important for runners over 50?": a group, not the writer
    if re.match(r"(?:at|turned)\b", match.group(0)) and fine:
        return True  # "At 55 I'm the youngest in my walking group, back's fine"
    if re.match(r"at\b", match.group(0)) and _THEIR_AGE.search(text, _sentence(text, match)[0], match.start()):
        return True  # "my father had a heart bypass at 70": his age at it
    # "I'm 52 and never had back pain ... a new member at my club keeps getting lower back ache": the
    # pain told of is someone else's
    if re.match(r"(?:i am|i'm|im|aged)\b|\s*\d+\s*,", match.group(0)):  # "I'm 52", "52, running for 30 years"
        fine_for_me = bool(_NO_TROUBLE.search(text)) and not _TROUBLE.search(_undenied(_THIRD_PERSON_SENTENCE.sub(" ", text)))
        # "I'm 52 ... my back is fine, just asking about shoes": no episode of back pain; "the same
        # ache after runs for years": no new one; "I'm 65 and new to running. Which shoes?": no back
        # trouble at all ("I'm 63 and this is the first time I've had it" tells of one by a pronoun)
        untold = untroubled and not _TROUBLE_AS_IT.search(text)
        return fine or fine_for_me or _long_standing(text) or _episode_over(text) or untold
    # "my dad's 70 ... he's got no back trouble, I'm the one who gets a sore back": the back is the
    # writer's, the age is not
    theirs = bool(re.match(rf"{_AGED_OTHER}\b", match.group(0)))
    return (bool(_OWN_AGE_UNDER_50.search(text)) or untroubled
            or _long_standing(text) or (theirs and bool(_MY_BACK.search(text)) and not _THEIR_BACK.search(text)))


# Media about the symptom, not the writer's: "ads for erectile dysfunction pills keep popping up".
_ADVERTISED = re.compile(r"\b(?:ads?|adverts?|advertisements?|commercials?|spam|emails?|banners?|pop-?ups?) "
                         r"(?:for|about|selling|promoting) (?:\w+ ){0,2}$")


def _advertised(rule: _Rule, text: str, match: re.Match[str]) -> bool:
    """The symptom named as what an advert or spam is for, just before it."""
    return bool(_ADVERTISED.search(text, max(0, match.start() - 40), match.start()))


def _undenied(text: str) -> str:
    """``text`` without its denied back trouble ("never had back pain") and trouble only to be
    kept away ("to prevent back pain"): what is left is trouble the writer tells of."""
    return _PREVENTED.sub(" ", _NO_TROUBLE.sub(" ", text))


def _untroubled(undenied: str) -> bool:
    """No back trouble told anywhere in ``undenied`` (a message less its denials: ``_undenied``)."""
    return not _ANY_BACK_TROUBLE.search(undenied)


def _episode_over(text: str) -> bool:
    """Every trouble the message tells of is set apart as over in its sentence ("a bout of back
    pain in the spring that cleared up with physio, and I'm completely fine now")."""
    troubles = list(_TROUBLE.finditer(_NO_TROUBLE.sub(lambda m: " " * len(m.group(0)), text)))
    return bool(troubles) and all(_set_apart(text, m.end(), _sentence(text, m)[1]) for m in troubles)


# Pain the writer has had for years, the same as ever: not a new episode ("the same mild ache after
# long runs for 20 years", "on and off since my 30s"); unless something about it is new or worse.
_PAINED = r"(?:(?:back)?ach\w*|pain\w*|hurt\w*|sore\w*|stiff\w*|niggl\w*|tight\w*|grumbl\w*|twing\w*)\b[^.?!]{0,50}?"
_FOR_YEARS = re.compile(rf"\b{_PAINED}\b(?:for (?:[\w']+ ){{0,2}}?(?:years|decades|ages|\d+ years)|since my (?:\d0s|teens|twenties|thirties|forties|fifties)|"
                        r"for (?:most of |all of )?my (?:whole |entire )?(?:running |adult )?life|since (?:many|several|a few|\d+) years|"
                        r"since (?:uni|university|school|college))|"
                        r"\b(?:has|have|is|'s) always (?:been )?(?:\w+ ){0,2}?(?:tight|stiff|achy|sore|there|grumbl\w*)\b|\blifelong\b|"
                        r"\balways (?:had|got|gets?) (?:\w+ ){0,2}?(?:ache|pain|stiff\w*|niggl\w*)|"
                        r"\b(?:the )?same (?:old )?(?:\w+ ){0,2}?(?:back ?)?(?:ache|pain|stiffness|niggle|tightness)|\bfamiliar (?:ache|pain)|\bthe usual one\b|"
                        r"\bsame (?:\w+ ){0,2}?(?:ache|pain|stiffness|niggle) as (?:always|ever|usual|it has always been)|"
                        r"\bon and off for years\b")
_CHANGED = re.compile(r"\b(?:new(?! (?:shoes|trainers|runners|sneakers|pair|job|house|watch|plan|programme|program|club|route|"
                      r"coach|bike|kit|season|year|baby|puppy|insoles|stretch\w*|exercises?|routine|tips|ideas|drills|advice))|"
                      r"(?<!no )(?<!not )(?<!any )different|(?<!no )worse|worsening|(?<!nothing has )(?<!nothing )(?<!has not )(?<!not )changed|suddenly|sudden|first(?! (?:\w+ )?(?:kilometre|km|mile|miles|k|minutes?|mins?|few|couple|lap|time i ran|marathon|race|half|10k|5k|run|bit|thing))|developed|"
                      r"(?:started|began|begun)(?! (?:\w+ )?(?:running|jogging|to run|to jog|training|parkrun|couch to|c25k|a (?:new )?(?:job|plan|programme|program)))|"
                      r"never had|lately it|recently it|this time)\b")


def _long_standing(text: str) -> bool:
    """Whether the writer's back pain is said to be long-standing and unchanged (see ``_FOR_YEARS``)."""
    return bool(_FOR_YEARS.search(text) or _AS_EVER.search(text)) and not _CHANGED.search(_AS_EVER.sub(" ", text))


# The back's pain as it always is, so not one a fall began: "the usual ache it always gets".
_AS_EVER = re.compile(r"\b(?:(?:the|my) usual (?:ache|pain|stiffness|niggle|soreness)|nothing new|same as (?:always|usual|ever)|"
                      r"for as long as i (?:can|could) remember|never (?:any )?(?:worse|better)(?:,? (?:and )?never (?:any )?(?:worse|better))?|"
                      r"no (?:change|different) at all|not changed|has not changed|no worse|nowt new|nothing new at all|"
                      r"same as (?:it|it has|it is|it's) (?:always |ever )?(?:been|was|were)|same as it ever (?:was|were)|"
                      r"since i (?:was|were) a (?:lad|lass|kid|boy|girl|teenager))\b")
# Legs spent by a race or a hard session: "legs like jelly for the last 2k of the marathon".
_SPENT = re.compile(r"\b(?:marathon|half|race|racing|ultra|parkrun|\d+ ?k|\d+ ?miler|long run|finish\w*|mile \d+|"
                    r"last (?:\d+ ?(?:k|km|miles?)|mile|few miles|couple of miles)|"
                    r"sprints?|intervals?|hill reps|squats|leg day|session|workout|\d+ ?x ?\d+ ?(?:m|k|km|metres|meters|s)?|tempo|fartlek)\b")


# An effort the legs or the seat are tired from, and words that say a symptom goes on after it.
_EXERTION = re.compile(r"\b(?:marathon|half|race|racing|ultra|parkrun|mile \d+|\d+ ?(?:k|km|miles?)|finish\w*|sprints?|intervals?|"
                       r"hills?|hill reps|squats|leg day|session|workout|long (?:run|ride|bike ride)|tired|knackered|exhausted|"
                       r"bike|cycl\w*|ride|spin class|turbo|saddle sore)\b")
_RIDE = re.compile(r"\b(?:bike|bikes|cycl\w*|ride|rides|riding|saddle|spin class|turbo|peloton|sportive|gran fondo|century)\b")
_OFF_THE_BIKE = re.compile(r"\b(?:fine|goes away|went away|wears off|wore off|passes|passed|back to normal|disappears|disappeared|gone|"
                           r"normal)\W+(?:\w+\W+){0,2}?(?:(?:as soon as|once|when|after|the moment) (?:i )?(?:get off|got off|stand|"
                           r"stood|stop|stopped|walk|hop off|hopped off|climb off)\b|by (?:tea ?time|dinner|lunch|the evening|bedtime|"
                           r"the next day|the morning))|"
                           r"\bfor (?:about |around |maybe )?(?:\d+|a few|twenty|ten|five) (?:min|mins|minutes)\W+(?:\w+\W+){0,3}?"
                           r"(?:back to normal|fine|gone|went away|wore off)")
# A seat or the cold that numbs for a while, and the words that say it passed at once.
_SEAT_OR_COLD = re.compile(r"\b(?:bench|car seat|seat|drive|driving|flight|plane|train|sit|sitting|sat|chair|stool|cross-?legged|cold|freezing|"
                           r"ice|ice bath|frost\w*)\b")
_PASSED = re.compile(r"\b(?:fine|went|gone|goes|passed|wore off|back to normal)\b[^.?!]{0,30}?\b(?:once|as soon as|when|after) (?:i |he |she )?"
                     r"(?:warmed up|warm up|got moving|get moving|got up|get up|stood up|stand up|got out|get out|walked about|"
                     r"walked around|walk about|walk around|moved|move|started moving|got going)\b|\btotally fine once\b")
_ONGOING = re.compile(r"\b(?:since|anymore|any more|still|for (?:days|a week|weeks)|ever since|now|keeps? getting worse|worse)\b")
_TIRED_WORDS = re.compile(r"not (?:\w+ )?(?:move|lift|obey|respond|cooperate|do what)|belong|someone else|not (?:my|his|her) own|"
                          r"scuff|catch|snag|block of wood|wood|cardboard|rubber|leather|plastic|concrete|stone|brick")


def _effort_not_onset(rule: _Rule, text: str, match: re.Match[str]) -> bool:
    """Legs that "won't move after a marathon", a bum "like a block of wood after the long bike
    ride": told of an effort and with nothing that says it goes on ("since", "still", "now"); a
    seat numb on the bike that is fine as soon as the rider gets off, or numb from a bench, a car
    seat or the cold that passed as soon as the person got moving."""
    if _RIDE.search(text, *_sentence(text, match)) and _OFF_THE_BIKE.search(text, match.end(), _to_next_sentence_end(text, match)):
        return True
    if _SEAT_OR_COLD.search(text, *_sentence(text, match)) and _PASSED.search(text, match.end(), _to_next_sentence_end(text, match)):
        return True  # "my bum went numb on the cold bench, fine once I got moving"; "numb from the car seat, went as soon as I got out"
    if not _TIRED_WORDS.search(match.group(0)):
        return False
    start, end = _sentence(text, match)
    return bool(_EXERTION.search(text, start, end)) and not _ONGOING.search(text, start, end)


# Legs sore from an effort told in the same sentence: "both legs ache after leg day", and nothing
# of weakness, numbness or giving way in the message.
_SORE_AFTER = re.compile(r"\b(?:ache|aches|aching|achy|sore|stiff|tight|tired|knackered|burning|burn)\b")
_AFTER_EFFORT = re.compile(r"\b(?:after|from|post)[- ](?:\w+ ){0,3}?(?:leg day|squats|lunges|sprints?|intervals?|hill (?:reps|sprints|session)|"
                           r"session|workout|gym|race|marathon|half|parkrun|long run|\d+ ?(?:k|km|miles?|miler)|"
                           r"\d+ ?x ?\d+ ?(?:m|k|km|metres|meters|s)?|track (?:session|workout)|tempo(?: run)?|fartlek)\b")
_SAT_ON = re.compile(r"\b(?:after|from|when) (?:sitting|sat|kneeling|knelt|squatting|crouching) (?:\w+ ){0,3}?"
                     r"(?:cross-?legged|on (?:my|the) (?:legs|feet|heels|floor|loo|toilet)|too long|for ages|for hours|awkwardly)")
# Tired legs explained as what an effort does: "normal tiredness", "bonked at mile 20".
_EXPLAINED = re.compile(r"\b(?:expected|normal|standard|usual|bonk\w*|hit the wall|glycogen|ran out of (?:fuel|energy|gas|steam)|"
                        r"out of fuel|under-?fuel\w*)\b")
# Muscles named as what hurts: "quads are destroyed", "DOMS".
_SORE_MUSCLES = re.compile(r"\b(?:quads?|quadriceps|hamstrings?|calf|calves|glutes?|doms|muscles?)\b[^.?!]{0,20}?"
                           r"\b(?:destroyed|wrecked|shot|trashed|sore|aching|burning|killing|dead|battered|tight)\b|\bdoms\b")
# Only the pace that could not be held: "my legs gave out in the sense that I couldn't hold the pace".
_PACE_ONLY = re.compile(r"\b(?:could not|can not|unable to|not able to) (?:hold|keep|maintain|keep up|sustain) (?:the |my |that |a )?"
                        r"(?:pace|speed|tempo|effort)\b")
# Out of fuel in a race: "legs gave out at mile 20, classic bonk".
_OUT_OF_FUEL = re.compile(r"\b(?:bonk\w*|hit (?:the|a) wall|hitting the wall|ran out of (?:fuel|gas|energy|steam|glycogen))\b")
_NERVE = re.compile(r"\b(?:numb(?!er)\w*|weak\w*|tingl\w*|pins and needles|giv\w* way|gave way|buckl\w*|collaps\w*|drag\w*|"
                    r"can not (?:feel|walk|lift|stand))")


_ON_PURPOSE = re.compile(r"\b(?:on purpose|ice bath|ice baths|ice pack|cryo\w*|deliberately)\b")


def _spent_legs(rule: _Rule, text: str, match: re.Match[str]) -> bool:
    """Legs "like jelly" after a race or a hard session, and the person says so or says they are
    fine again: tired legs, not legs giving way ("... and both knees buckled" is not); or legs
    that will not move after an effort (``_effort_not_onset``)."""
    if _effort_not_onset(rule, text, match):
        return True
    start, end = _sentence(text, match)
    if _ON_PURPOSE.search(text, start, end):
        return True  # "I numb my legs on purpose in an ice bath"
    if _SAT_ON.search(text, start, end) and not _ONGOING.search(text, start, end):
        return True  # "both legs went dead after sitting cross-legged": a position, not a nerve
    if (_SORE_AFTER.search(match.group(0)) or _SORE_MUSCLES.search(text, start, end)) and _AFTER_EFFORT.search(text, start, end) \
            and not _ONGOING.search(text, start, end) and not _NERVE.search(text):
        return True  # "both legs ache after leg day", "can barely walk down stairs after my first marathon, quads destroyed"
    if _PACE_ONLY.search(text, start, end):
        return True  # "my legs gave out on me in the sense that I just couldn't hold the pace"
    if _OUT_OF_FUEL.search(text, start, end) and not _ONGOING.search(text, start, end) \
            and not re.search(r"numb|tingl|pins and needles", text):
        return True  # "my legs gave out at mile 20, classic bonk"
    if _set_apart(text, match.end(), end) and re.search(r"\b(?:years|decades) ago\b|\brecovered\b", text[start:end]):
        return True  # "sciatica down both legs about 6 years ago ..., fully recovered"
    if re.search(r"buckl|gave way|giv\w* way|collaps|worse", text):
        return False  # legs that gave way are not tired legs
    if re.search(r"jelly|rubber|spaghetti|noodles?", match.group(0)) and _AFTER_EFFORT.match(text, match.end() + 1) \
            and not _ONGOING.search(text, start, end) and not _NERVE.search(text):
        return True  # "legs like jelly after 8x400m today": tired legs, straight after the effort
    following = _to_next_sentence_end(text, match)
    return (bool(re.search(r"jelly|rubber|spaghetti|cotton|noodles?", match.group(0))) and bool(_SPENT.search(text, start, end))
            and bool(_EXPLAINED.search(text, start, following) or _set_apart(text, match.end(), following)))


# A fall taken on the hands, knees or feet: "landed on my hands", "fell onto my knees".
_LANDED_ELSEWHERE = re.compile(r"\b(?:landed|fell|came down|went down) (?:on|onto) (?:my |both |his |her )?"
                               r"(?:hands?|knees?|wrists?|elbows?|arms?|feet|face|chin|palms?|front|shoulders?)\b|"
                               r"\bonly (?:my )?(?:hands?|knees?|wrists?|elbows?|palms?|pride|ego) took (?:it|the (?:brunt|impact|fall))\b")
# A graze or a bruise somewhere else than the back: "bruise on my arm", "skinned both palms".
_HURT_ELSEWHERE = re.compile(r"\b(?:bruis\w*|graz\w*|scrap\w*|cut|scratch\w*|skinned|sprain\w*) (?:\w+ ){0,2}?(?:on |to )?"
                             r"(?:my |both |the |one |his |her )?(?:arms?|knees?|elbows?|palms?|hands?|wrists?|shins?|ankles?|"
                             r"shoulders?|face|chin|nose|legs?|fingers?)\b")
_CAUGHT = re.compile(r"\b(?:caught (?:myself|himself|herself|themselves)|never (?:actually |really )?(?:go|went|hit the) (?:down|ground|deck|floor)|(?:did|do|does) not (?:actually |quite |really )?"
                     r"(?:go down|fall|hit the (?:ground|deck|floor))|stayed (?:up|upright|on my feet)|kept my (?:feet|balance)|"
                     r"regained my balance|managed not to fall|caught (?:the|a|my) (?:banister|railing|rail|handrail|wall|door|post|fence|branch|edge))\b")


# The back said to be unhurt, in the sentence after the fall: "Knee's scabbing over, back's not involved".
_UNHURT = re.compile(rf"\bback(?:'s| is| was| has been|'s been| feels| felt)? {_UNHURT_STATE}|{_NO_HARM}")


# The knocks of a contact sport told as its ordinary run ("get tackled a lot", "part of the game").
_HABITUAL_CONTACT = re.compile(r"\b(?:tackl\w*|thrown|flung|hit|knocked|bumped|barged|shoulder\w*|kicked|sacked)\b")
_HABITUALLY = re.compile(r"\b(?:a lot|all the time|loads|lots|often|regularly|usually|always|every (?:week|game|match|session|time|weekend)|"
                         r"part of the (?:job|fun|game|sport))\b")


# A fall or a crash imagined, feared or guarded against, not one that happened.
_IMAGINED = re.compile(r"\b(?:what if|in case|hypothetically|if (?:someone|somebody|a runner|a person|you)\b|avoid\w*|prevent\w*|afraid of|scared of|terrified of|fear of|(?:my )?(?:biggest )?fear is|"
                       r"risk of|chance of|worried (?:about|that) (?:i will|i might|i would|i could|getting|being)|"
                       r"if i (?:ever |were to |was to )?(?:get|got|was|were|am)|so (?:that )?i do not|to stop (?:myself )?(?:from )?)"
                       r"(?:(?!\b(?:but|and then|because|since)\b)[^.?!]){0,30}$")
# A fall or crash long ago, and nothing that says the pain has been there since.
_LONG_AGO = re.compile(r"\b(?:years|decades) ago|\bas a (?:kid|child|teenager|teen|student|boy|girl|youngster)|\bwhen i was (?:young|little|a kid|a child|at school)|"
                       r"\bin my (?:teens|twenties|thirties|teenage years|20s|30s)\b|\baged? (?:[1-9]|1\d)\b(?! ?(?:k|km|miles?|weeks?|months?))|"
                       r"\bin (?:19|20)\d\d\b|\b(?:an|my|that|the) old (?:\w+ )?(?:crash|accident|fall|injury)")
_SINCE_THEN = re.compile(r"\b(?:ever since|since then|since that|since the (?:\w+ )?(?:crash|accident|fall)|never (?:fully )?"
                         r"(?:recovered|healed|been the same|went away|gone away|got better)|not (?:been )?the same since|still (?:hurts|painful|sore|aching))\b")


def _long_ago(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` tells of its event as long past ("years ago", "as a kid") and
    nothing from ``start`` on says it has lasted since ("ever since", "never healed")."""
    return bool(_LONG_AGO.search(text, start, end)) and not _SINCE_THEN.search(text, start)


# A fall denied after the words that named it: "the watch said 'hard fall' ... No fall at all."
_NO_FALL = re.compile(r"\b(?:no (?:actual |real )?fall|(?:did|do) not (?:actually |really )?fall|never (?:actually )?fell|"
                      r"(?:was|were) not (?:a|an) (?:real |actual )?fall)\b")


# Back pain told as older than the fall or crash: "my back pain began before the accident".
_BEFORE_IT = re.compile(r"\b(?:ach\w*|pain\w*|hurt\w*|sore\w*|niggl\w*|stiff\w*|began|started|had it)\b[^.?!]{0,40}?"
                        r"\b(?:before|prior to) (?:the |my |that |this |a |an )?(?:\w+ ){0,2}?$")


_NOBODY_DOWN = re.compile(r"\b(?:nobody|no one|no-one|neither of us|none of us) (?:actually |even )?(?:went down|fell|hit the (?:ground|deck|floor))\b")


def _not_a_fall(rule: _Rule, text: str, match: re.Match[str]) -> bool:
    """Trauma words in a harmless sense ("crashed on the sofa", "fell asleep", "the Roman Empire
    fell"), a fall that nearly happened, or one the person calls minor (not the emergency tier: the
    fall rules of the urgent tier still apply)."""
    if re.search(r"\b(?:nearly|almost|close to|about to)\W+(?:\w+\W+)?$", text[max(0, match.start() - 20):match.start()]) \
            or re.search(r"\b(?:nearly|almost)\b", match.group(0)):
        return True
    sentence_start, sentence_end = _sentence(text, match)
    if _NOBODY_DOWN.search(text, sentence_start, sentence_end):
        return True  # "we crashed into each other at the cone, nobody went down"
    if _CAUGHT.search(text, match.end(), sentence_end):
        return True  # "slipped but caught myself, didn't go down"
    if _LANDED_ELSEWHERE.search(text, sentence_start, sentence_end) and not _BACK_WORD.search(text, sentence_start, sentence_end):
        return True  # "slipped but landed on my hands, only a grazed palm"
    if _HURT_ELSEWHERE.search(text, sentence_start, sentence_end) and not _BACK_WORD.search(text, sentence_start, sentence_end) \
            and _untroubled(_undenied(text[match.end():])):
        return True  # "knocked by a cyclist's handlebar, bruise on my arm. Should I wear hi-vis?"
    if rule.label == _ANY_FALL_LABEL and (not _BODY.search(_undenied(text)) or _AS_EVER.search(text)):
        return True  # no pain of the back told at all ("no pain at all"), or the back's pain is the usual one
    if any(m.start() < match.end() and match.start() < m.end() for m in _NOT_TRAUMA.finditer(text)):
        return True
    if _LIKENESS.search(text, max(0, match.start() - 40), match.start()):
        return True  # "my back feels like it's been hit by a truck": a likeness, not a crash
    if _assessed(text, match):
        return True  # "fell off my bike, the x-ray was clear and the doctor said it's just bruising"
    if _HABITUAL_CONTACT.search(match.group(0)) and _HABITUALLY.search(text, sentence_start, sentence_end):
        return True  # "I play rugby and get tackled a lot": the sport, not an injury
    if _IMAGINED.search(text, sentence_start, match.start()):
        return True  # "what if I get hit by a car?", "how do cyclists avoid crashes?"
    if _long_ago(text, sentence_start, _to_next_sentence_end(text, match)):
        return True  # "could an old car crash be why my back hurts?", "an accident years ago"
    if _BEFORE_IT.search(text, sentence_start, match.start()):
        return True  # "my back started aching months before the accident": the pain came first
    if _set_apart(text, match.end(), sentence_end):
        return True
    next_end = _to_next_sentence_end(text, match)
    if _UNHURT.search(text, sentence_end, next_end) and _set_apart(text, sentence_end, next_end):
        return True  # "slipped at the track. Wrist is sore, back is totally fine."
    if re.search(r"f[ae]ll|fallen|slip|trip|tumbl|land|came down", match.group(0)) and _NO_FALL.search(text, match.end()):
        return True  # "my watch said I'd had a hard fall ... No fall at all."
    start, end = _clause(text, match)
    if _OTHERS_INJURY.search(text, start, end) and not re.search(r"\b(?:back|spine|tailbone|coccyx)\b", text[start:end]):
        return True  # "my friend fell off her bike and broke her wrist": someone else's fall
    if _THEIR_FALL.search(text, max(0, match.start() - 40), sentence_end) and not _THEIR_BACK.search(text) \
            and (_MY_BACK.search(text) or _BACK_WORD.search(text, sentence_end)):
        return True  # "my grandma had a fall last year ... which exercises help my back?"
    if rule.tier == "emergency" and re.search(r"f[ae]ll|fallen|slip|trip|tumbl|land|came down", match.group(0)):
        return bool(_MINOR.search(text, sentence_start, sentence_end))
    return False


# Night pain that eased with rest or a turn in bed: "turned over and went back to sleep, fine by morning".
_EASED = re.compile(r"(?<!not )(?<!never )\b(?:went|got|drifted|dropped) (?:straight |right )?back (?:off )?to sleep|"
                    r"(?<!not )(?<!never )\bfell back asleep|\b(?:fine|gone|better|ok|okay|eased) by (?:the )?(?:morning|breakfast)|"
                    r"\b(?:turned|rolled) over and (?:it|went|was|fell)\b")


_USED_TO = re.compile(r"\bused to\b")


def _eased(rule: _Rule, text: str, match: re.Match[str]) -> bool:
    """Pain in the night that the person says eased there and then ("turned over and went back to
    sleep, fine by morning"), or that they used to have and is over ("used to ..., a new mattress
    sorted it"): not pain that does not ease with rest."""
    start, _ = _sentence(text, match)
    following = _to_next_sentence_end(text, match)
    if _USED_TO.search(text, start, match.start()) and _set_apart(text, match.end(), following):
        return True  # "I used to get back pain at night from an old mattress, a new one sorted it completely"
    return bool(_EASED.search(text, start, following))


# A symptom asked about as a thing to know, not reported: "What does saddle numbness mean?",
# "Why do doctors ask about numbness in the groin?", "how common is it to lose bladder control?",
# "I read that weight loss is a red flag. Why?". The sentence names no one who has it: no first
# person but the reader or hearer of what was said ("I read that ...").
_HEARSAY = (r"(?:read|heard|saw|see|keep seeing|keep reading|have read|have heard|did read|did hear|had read|had heard|was told|"
            r"been reading|reading|was reading)")  # what was said of it
_ASKED_ABOUT = re.compile(
    r"^\W*(?:(?:so|and|but|ok|okay|also|hi|hey|quick question),? )*(?:"
    r"what (?:does|do|would|is|are) (?!(?:it|this|that) (?:\w+ )?mean (?:if|when)\b)[^.?!]*\bmean\b|what is meant by\b|"
    r"why (?:do|does|would|might|are|is|did) (?:the )?(?:doctors?|gps?|nurses?|physios?|physiotherapists?|clinicians?|"
    r"the nhs|nhs \d+|111|websites?|articles?|people|they|you)\b[^.?!]*\b(?:ask|check|mention|say|warn|worry|care|test)\w*\b|"
    r"how (?:common|rare) (?:is|are)\b|is it true\b|what (?:counts|qualifies) as\b|"
    r"(?:i )?(?:saw|read|seen|watched) (?:a |an |this |that |some )?(?:post|article|video|thread|tweet|thing|tiktok|reel|leaflet|poster) "
    r"(?:saying|that says|which says|that said|about|on)\b|"
    rf"(?:i )?{_HEARSAY} (?:that|about|somewhere|online)\b)")
# The same, anywhere in the sentence: a sign asked about ("does losing weight without trying count as
# a warning sign?"), or what the writer knows of it ("I know losing control of your bowels is an
# emergency"). Not what someone says happens "if you" have it: the next sentence often says "well, I do".
_ASKED_WITHIN = re.compile(
    r"\b(?:is|are|does|do|would|could|can)\b[^.?!]*\b(?:count|counts|qualify|qualifies) as (?:a |an )?(?:warning|red flag|emergency|serious)|"
    r"\b(?:is|are)\b[^.?!]*\b(?:something to worry about|a (?:warning|red) (?:sign|flag)|an emergency)\W*$|"
    r"^\W*(?:is|are|do|does|can)\b[^.?!]*\b(?:something )?(?:that )?(?:runners|people|athletes|everyone|anyone|(?:many|most|lots of) "
    r"(?:people|runners)) (?:\w+ )?(?:get|have|experience|suffer\w*|report)\b|"
    r"^\W*i know (?:that )?")
# A general question ("is X a sign of ...?", "does X always mean ...?"), when nothing after it
# tells of the writer's own ("Mine started on Thursday", "I've had it since Monday").
_ASKED_GENERAL = re.compile(r"^\W*(?:is|are)\b[^.?!]*\b(?:a (?:\w+ )?sign of|a symptom of)\b|"
                            r"^\W*(?:does|do|can|could|would|will|is|are)\b[^.?!]*\b(?:always |usually |necessarily )?mean\b")
_OWN_AFTER = re.compile(r"\b(?:mine|i have|i had|i get|i got|i am|i keep|started|since|my|me)\b")
# Symptoms named in general, as a clinician or a teacher speaks of them: "red flags like saddle
# anaesthesia", "revising red flags (cauda equina, ...)", "I screen runners for", "I tell students
# that chest pain with back pain means 999", "we see loads of back injuries from crashes".
_IN_GENERAL = re.compile(r"\b(?:red flags?|warning signs?|alarm (?:signs?|symptoms?|bells?)|danger signs?)\W+(?:\w+\W+){0,3}?"
                         r"(?:like|such as|including|e\.?g\.?|for example)\b|\b(?:red flags?|warning signs?)\s*\(|"
                         r"\bscreen\w* (?:\w+ ){0,3}?for\b|"
                         r"\b(?:teach|tell|remind|warn)\w* (?:my |the |our |all |new )?(?:students|clients|patients|people|everyone|"
                         r"runners|class|members|trainees)\b|\bwe (?:see|get|treat) (?:loads|lots|plenty|a lot|many|hundreds|dozens)\b")
# The writer's own symptom in the same sentence: "I have red flags like ...", "my own legs".
_MINE_NOW = re.compile(r"\bi (?:have|had|am having|got|get|feel|felt|noticed|developed|can not|could not)\b|"
                       r"\bmy (?:own )?(?:back|legs?|bladder|bowels?|groin|chest|bum|bottom)\b")
# A symptom supposed, not had: "what if I got numbness ...?", "if my back pain ever started waking me".
# Not "what if I have ...", often a real symptom asked about.
_SUPPOSED = re.compile(r"\bwhat if (?:i |he |she |my (?:\w+ ){1,2}?)(?:ever |suddenly |one day )?(?:got|started|began|developed|were to|was to|ever)\b|"
                       r"\b(?:if|should|in case) (?:i |he |she |my (?:\w+ ){1,2}?)(?:\w+ )?ever\b|\bhypothetically\b")
# What the writer adds after a question to say it is not about them: "Just curious.", "Purely
# curious, no symptoms.", "Not me, I'm asking generally.", "I haven't been in one, just wondering."
_ONLY_CURIOUS = re.compile(
    r"\b(?:(?:i am |i'm )?(?:just |purely |only |simply )?(?:curious|wondering|(?:asking|reading up|reading|"
    r"interested|asking (?:this )?so i know|asking so i am prepared)(?: (?:this|it|generally|in general|for (?:the )?future|"
    r"for (?:interest|reference|a friend)|out of (?:curiosity|interest)))*)|"
    r"out of (?:curiosity|interest)|a general question|hypothetically|for future reference|(?:so|in case) i know(?: for (?:the )?future)?|"
    r"not (?:for )?me|(?:i am |i'm )?(?:totally |perfectly |completely )?fine(?: myself)?|no symptoms?(?: (?:here|myself))?|"
    r"(?:i )?(?:do not|did not|have not|have never) (?:have |had |got |been in )?(?:either|both|any of (?:them|those|these)|that|it|them|one|"
    r"anything like (?:that|it))|nothing like that(?: here)?)\b")


def _only_curious_after(text: str, start: int, end: int) -> bool:
    """Whether the sentence ``text[start:end]`` asks a question that names no one who has the
    symptom, and all the message says after it is that the writer is only curious or has nothing of
    the kind (``_ONLY_CURIOUS``): "Does chest pain ever come from the back? Purely curious, no
    symptoms." A word more of its own ("Just curious, lost 5kg") and it is not."""
    if not _asks_of_no_one(text, start, end):
        return False
    said, disclaimers = _ONLY_CURIOUS.subn(" ", text[end + 1:])
    return disclaimers > 0 and len(re.findall(r"[a-z0-9]+", said)) <= 1


# The writer saying they have only the ordinary ache ("I've only got a back ache after running",
# "mine's just a sore back", "my own back's only sore after long runs"), and not that they have
# what was asked about ("I only get it after long runs").
_ONLY_ORDINARY = re.compile(rf"\b(?:only|just|nothing but|no more than)\b[^.?!,;]{{0,30}}?\b(?:back ?ache|aches|{_ACHE}|niggles?|"
                            r"niggly|twinges?)\b")
_HAS_IT = re.compile(r"\bi (?:\w+ )?(?:have|had|get|got|feel|felt|noticed|keep getting) (?:it|that|this|some|them|those|one)\b|"
                     r"\b(?:that|this) is what i\b|\bit (?:started|began)\b")


# The writer looked and found none: "I read that ... is a warning sign, so I checked and there's nothing like that".
_CHECKED_NONE = re.compile(r"\b(?:so |and )?i (?:have |did |also )?(?:checked|looked|made sure)\b[^.?!]{0,30}?"
                           r"\b(?:there is nothing like that|nothing like that|there is none|none|no sign of (?:it|that|any)|"
                           r"i do not have (?:it|that|any)|i have not got (?:it|that|any))\b")
# The hearer's worry in a general question: "When should chest pain worry me?", "should I be worried about ...".
_MY_WORRY = re.compile(r"\b(?:worry|concern|bother) me\b|\b(?:should|would|do) i (?:worry|be worried|be concerned)\b")


def _only_ordinary_after(text: str, start: int, end: int) -> bool:
    """Whether the sentence ``text[start:end]`` asks a question that names no one who has the
    symptom, and the writer then says they have only an ordinary ache (``_ONLY_ORDINARY``), not
    the thing asked about: "When should chest pain with back pain worry me? Just curious, I've only
    got a back ache after running." """
    if not _asks_of_no_one(text, start, end, _MY_WORRY):
        return False
    rest = text[end + 1:]
    return bool(_ONLY_ORDINARY.search(rest)) and not _HAS_IT.search(rest)


def _asks_of_no_one(text: str, start: int, end: int, hearer: re.Pattern[str] | None = None) -> bool:
    """Whether the sentence ``text[start:end]`` is a question that names no one who has the symptom,
    the words of ``hearer`` ("worry me") left out first."""
    sentence = hearer.sub(" ", text[start:end]) if hearer else text[start:end]
    return text[start:end + 1].rstrip().endswith("?") and _names_no_one(sentence)


def _names_no_one(sentence: str) -> bool:
    """No first person in ``sentence`` but the reader or hearer of what was said ("I read that ...")."""
    return not _FIRST_PERSON.search(_REPORTING.sub(" ", sentence))


_FIRST_PERSON = re.compile(r"\b(?:i|me|my|mine|myself|we|us|our|ours|i am|i have)\b")
_REPORTING = re.compile(rf"\bi {_HEARSAY}\b|\bi know\b|\b(?:my|our) (?:\w+ ){{0,3}}?(?:says?|said|told me|tells me|reckons?|thinks?)\b")


# Someone else told of with the symptom ("a patient last night with cauda equina", "my husband had
# foot drop"), and the writer setting their own back against it ("mine is nothing like that",
# "me, I'm fine, just stiff"): a story the message tells, not the writer's symptom.
_ANOTHER = re.compile(rf"\b(?:{_RELATIVE}|boyfriend|girlfriend|nan|gran|cousin|patient|customer|passenger|client|bloke|guy|man|"
                      r"woman|lady|lad|girl|runner|someone|somebody|he|she|they)\b")
_OUR_GROUP = re.compile(r"\b(?:in|at|from|of|on) (?:my|our) (?:\w+ )?(?:club|team|group|class|office|work|gym|street|family|ward|"
                        r"shift|crew|squad|road|building)\b")
# What another person told the writer of their own symptom: "a patient told me both his legs ...".
_TOLD_ME = re.compile(r"\b(?:told|tells|telling|said to|says to|asked|showed|messaged|texted|rang|called) me\b")
_CONTRAST = re.compile(r"\bmine (?:is|was|has been|feels) (?:just|only|nothing like|not like|different|fine)|\bnot me\b|"
                       r"\bmy (?:\w+ )?back is (?:just|only)\b|\bme,? i (?:am|just|only)\b|\bi just have my usual\b|"
                       r"\bnothing like (?:that|hers|his|theirs|it|this)\b|\b(?:me|as for me),? i am (?:totally |completely )?fine\b|"
                       r"\bi am (?:totally |completely )?fine,? (?:no|nothing|my (?:back|own)|just|only)\b|\bmy own back\b[^.?!]{0,40}?\b(?:just|only)\b|"
                       r"\b(?:for|as for|about) (?:myself|me)\W*[:,\-–]|\bnothing to do with me\b|\bmy own (?:form|running|technique|stride|posture|training)\b")


def _told_of_another(text: str, match: re.Match[str]) -> bool:
    """Whether the symptom at ``match`` is another person's, named before it in its sentence with
    the writer not named in between, and the writer sets their own back against it afterwards."""
    start, _ = _sentence(text, match)
    others = list(_ANOTHER.finditer(text, start, match.start()))
    if not others:
        return False
    between = _TOLD_ME.sub(" ", _OUR_GROUP.sub(" ", text[others[-1].end():match.start()]))
    if _FIRST_PERSON.search(between):
        return False
    # "my husband's legs are numb and his back is agony. I'm fine, no worries about me": his referral
    if _CONTRAST.search(text, match.end()) and not _THEIR_BACK.search(text):
        return True
    return _their_story(text, match, start)


# A story told of someone else: "our coach told us about a runner who ...", "a runner's memoir where she ...".
_STORY_FRAME = re.compile(r"\b(?:told|tells|telling|warned) (?:us|me|everyone|the (?:\w+ )?(?:group|club|class|team)) "
                          r"(?:a (?:\w+ )?stor(?:y|ies) )?(?:about|of)\b|\bstor(?:y|ies) (?:about|of)\b|"
                          r"\b(?:memoir|biography|autobiography|documentary|podcast|novel)\b")


def _their_story(text: str, match: re.Match[str], start: int) -> bool:
    """Whether another person's symptom at ``match`` (named from ``start``) is a story told ("our
    coach told us about a runner who ignored leg weakness") or one that is over ("collapsed with
    chest pain last year (he recovered)", "years ago"), and the writer is not in the rest of its
    sentence ("... and now I have it too")."""
    end = _sentence_end(text, match.end())
    if _FIRST_PERSON.search(text, match.end(), end) or _THEIR_BACK.search(text):
        return False  # "... and she's doing well now. She's got a back pain that's come on recently"
    if _STORY_FRAME.search(text, start, match.start()):
        return True
    next_end = _to_next_sentence_end(text, match)
    return bool(_THEY_RECOVERED.search(text, match.end(), next_end)) or (
        _long_ago(text, start, next_end))


# The other person over it, in words of their own recovery ("he recovered", "she's fine now after
# surgery", "laughs about it now"); not what they say of it now ("she says it's fine").
_THEY_RECOVERED = re.compile(r"\b(?:he|she|they)(?:'s| is| are| has| have)? (?:since )?(?:fully |completely |totally |all )?"
                             r"(?:recovered|fine now|better now|ok now|okay now|all better|back to normal)\b|"
                             r"\blaugh(?:s|ed|ing)? about it\b")


def _asked_about(text: str, match: re.Match[str]) -> bool:
    """Whether the sentence of ``match`` asks about the symptom as a thing to know ("what does
    saddle numbness mean?") or repeats what is said of it ("I read that ... is a red flag"), and
    names no one who has it: a question to answer, not a symptom to refer."""
    start, end = _sentence(text, match)
    if _SUPPOSED.search(text, start, match.end()):
        return True
    if _IN_GENERAL.search(text, start, match.start()) and not _MINE_NOW.search(text, start, end):
        return True  # "As a physio I screen runners for red flags like saddle anaesthesia"
    if _THATS_ME.match(text, end):
        return False  # "Can back pain cause ED? Because that's what I have."
    sentence = text[start:end]
    if _ASKED_GENERAL.search(sentence) and not _OWN_AFTER.search(text, end) and not _FIRST_PERSON.search(sentence):
        return True
    if _only_curious_after(text, start, end) or _only_ordinary_after(text, start, end):
        return True
    if not _ASKED_ABOUT.search(sentence) and not _ASKED_WITHIN.search(sentence):
        return False
    return _names_no_one(_CHECKED_NONE.sub(" ", sentence))


# Weight lost on purpose: "trying to lose", "racing weight", "the weight-loss injections my GP prescribed".
_MEANT = re.compile(r"\b(?:on purpose|deliberately|intentional\w*|trying to (?:lose|drop|get (?:down|lighter))|(?:wanted|want|wanting|aiming|plan\w*) to (?:lose|drop|get (?:down|lighter))|"
                    r"racing weight|race weight|weight[- ]loss (?:injections?|jabs?|drugs?|medication|plan|programme|program|journey|group|club)|"
                    r"ozempic|wegovy|mounjaro|semaglutide|tirzepatide|slimming (?:world|club)|weight watchers|calorie (?:deficit|counting)|"
                    r"in a (?:calorie )?deficit|cutting (?:for|before))\b")


def _weight_meant(rule: _Rule, text: str, match: re.Match[str]) -> bool:
    """Weight lost on purpose (``_MEANT``), unless the message says it was not ("not on purpose")."""
    return bool(_MEANT.search(text)) and not re.search(r"\bnot (?:\w+ )?(?:on purpose|deliberately|trying|intentional\w*)", text)
