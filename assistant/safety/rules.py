"""The red-flag rules: each a tier, a label fit to repeat back to the person, and the patterns
that find the symptom, with an optional check for a harmless sense (``senses``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Literal

from .words import (
    _AGED_OTHER,
    _ANY_FALL,
    _ANY_FALL_LABEL,
    _BLADDER,
    _BLADDER_THEN_LEAK,
    _BOTH_LEGS_FIRST,
    _BOWEL,
    _CANNOT,
    _CANNOT_OR_HARD,
    _CLOTHES,
    _FALLING,
    _FRAGILE,
    _FRAGILE_FALL_LABEL,
    _FALL_THEN_FRAGILE,
    _FRAGILE_THEN_FALL,
    _GAP,
    _HARD_LANDING,
    _IN_CLAUSE,
    _KNEES_GIVE,
    _LEGS_FIRST,
    _LEG_SYMPTOM,
    _LOOSE,
    _LOSS,
    _NO_RELIEF,
    _NUMB,
    _SADDLE,
    _SERIOUS_TRAUMA,
    _THINNER,
    _SERIOUS_TRAUMA_LABEL,
    _UNTRIED,
    _WEIGHT_UNIT,
)
from .senses import (
    _as_if,
    _charity,
    _eased,
    _effort_not_onset,
    _idiom_fever,
    _in_a_thing,
    _not_a_fall,
    _performance,
    _advertised,
    _someone_elses_age,
    _someone_elses_heart,
    _spent_legs,
    _weight_meant,
    _worn_or_unfelt,
)


Tier = Literal["emergency", "urgent"]
# "need to go" as the toilet: the phrase ends there ("... when I need to go.", "... to go or not") or
# names the toilet; not "need to go easy", "need to go slower"
_GO_ENDS = r"(?:go(?= or not|[^\w ]|$| and (?:then )?(?:it|i|that)\b)|go to the (?:toilet|loo|bathroom|lav))"
_MONTH = r"(?:january|february|march|april|may|june|july|august|september|october|november|december)"


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


# The writer's own weight going down: "I'm getting lighter every week" (not lighter shoes, or
# lighter on their feet).
_LIGHTER = (r"\bi (?:am|have been|keep|seem to be) (?:\w+ )?(?:getting|becoming) (?:\w+ )?lighter\b"
            r"(?! (?:shoes|trainers|sneakers|runners|kit|gear|on my feet|feet))")


# What a chest strap, a chest press or a chest day is: the chest named as gear or a workout, not a pain.
_CHEST_GEAR = r"(?:heart[- ]rate |hr |heart )?(?:strap|band|press|day|muscles?|pocket|belt|monitor|of drawers)\b"


def _rx(*patterns: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in patterns)


_RULES: tuple[_Rule, ...] = (
    _Rule("emergency", "numbness or tingling around the genitals, buttocks or inner thighs",
          _rx(_NUMB + _GAP + _SADDLE, _SADDLE + _GAP + _NUMB, r"saddle (?:numb(?!er)\w*|anaesthesia|anesthesia)",
              # the seat not felt: "like the seat wasn't touching me properly"
              r"\b(?:toilet |loo |the )seat (?:was not|is not|were not|did not feel like it was) (?:really |properly |quite )?touching (?:me|my)\b",
              # a numb patch that has spread there: "the numb bit I mentioned has spread to my bum"
              _NUMB + r"[^.?!]{0,60}?\b(?:spread\w*|mov(?:ed|ing)|travell?\w*|creep\w*|crept) (?:\w+ ){0,5}?" + _SADDLE,
              # not feeling the paper when wiping
              r"\b(?:not|can not|could not|cannot|barely|hardly) (?:\w+ )?feel (?:the )?(?:toilet paper|toilet roll|loo roll|tissue|paper)\b",
              # a cold, dead seat: "like I'm sitting on a bag of frozen peas"
              r"sitting on (?:a |an )?(?:bag of frozen peas|bag of peas|ice ?pack|bag of ice|block of ice)",
              # where the person sits gone numb: "sitting on the bike it's numb in the middle"
              r"\bsitting on (?:the |a |my )?(?:\w+ )?(?:bike|saddle|seat|chair|toilet|loo)\b[^.?!]{0,20}?\b(?:it is|it's|its|gone|went|going) numb",
              # the seat under them feels wrong: "the toilet seat felt strange, like sitting on a cushion that wasn't there"
              r"(?:toilet seat|loo seat|the seat|saddle|sitting down|sitting on the (?:toilet|loo)) (?:\w+ ){0,2}?(?:feels?|felt|feeling) (?:\w+ )?"
              r"(?:strange|weird|odd|funny|different|wrong)\b[^.?!]{0,60}?(?:not there|not (?:really )?on it|nothing|numb(?!er)\w*|cushion|air)",
              r"\b(?:sit|sat|sitting) on the (?:toilet|loo|seat)\b[^.?!]{0,30}?\b(?:feels?|felt) like\b[^.?!]{0,50}?"
              r"(?:not there|is not there|was not there|nothing|air|cushion)",
              # numbness told by what the skin feels like: "my bottom feels like a block of wood"
              _SADDLE + r" (?:\w+ ){0,3}?(?:feels?|felt|feeling) (?:\w+ ){0,2}?like (?:a |an )?(?:block of wood|wood|cardboard|rubber|"
              r"leather|plastic|a slab|concrete|stone|brick|dead meat|someone else's)"), harmless=_effort_not_onset),
    _Rule("emergency", "new problems controlling or passing urine",
          _rx(_LOSS + _GAP + _BLADDER, _BLADDER + _GAP + _LOSS,
              r"wet(?:ting|ted)? (?:myself|himself|herself|themselves|me|my (?:pants|trousers|bed)|the bed)(?! (?:\w+ )?(?:laugh\w*|giggl\w*))",
              # "incontinent-ish since yesterday" (the adjective, of a person: not "does running cause incontinence?")
              r"\bincontinent\b",
              r"\b(?:urinat\w*|peeing|weeing|passing (?:urine|water)|to (?:pee|wee|urinate)) (?:is|has become|became|was|getting|gets|has got) "
              r"(?:\w+ )?(?:difficult|hard|a struggle|an effort|tough)\b",
              r"(?:loss|lost|losing|lose) (?:of )?(?:my |all |the )?(?:bladder|urinary) control",
              rf"(?:need\w*|urge) to (?:go|pee|wee|urinate)\b[^.?!]{{0,40}}?{_CANNOT} (?:actually |really |then )?(?:go|pee|wee|do anything)",
              _BLADDER + r"[^.?!]{0,120}?(?:can not tell (?:if|when|whether) (?:i have|i am|i've|it is|it has) (?:finished|done)|"
              r"(?:does|will|would) not stop when (?:i|he|she) (?:tell|want|ask))",
              r"\b(?:bed|sheets|mattress)\W+(?:(?:is|has|was|had|have) )?(?:been )?(?:wet|soaked|damp)\b(?![^.?!]{0,30}sweat)",
              _BLADDER + r"[^.?!]{0,60}?\b(?:barely|hardly|only) (?:anything|a (?:trickle|dribble|few drops))",
              _BLADDER_THEN_LEAK,
              r"(?:peed|pissed|weed|wet|leaked) (?:myself|himself|herself|themselves|my (?:pants|trousers|knickers|shorts|bed)|the bed)(?! (?:\w+ )?(?:laugh\w*|giggl\w*))(?! (?:with|in|from) (?:my |a |the |some )?(?:water|bottle|drinks?|sweat|rain|puddles?|hose|sports drink|gel|squash|coffee|tea))",
              _BLADDER + r"[^.?!]{0,40}?\bnothing (?:comes|came|will come|would come|is coming) out",
              # "I go to the loo and nothing happens"; "little accidents"; pads worn for leaks
              _BLADDER + r"[^.?!]{0,30}?\bnothing (?:happens|happened|is happening|will happen|came|comes|would come|will come)\b",
              rf"{_CANNOT} (?:\w+ )?stop (?:myself )?(?:leaking|dribbling|wetting)",
              r"\b(?:pee\w*|wee\w*|\burin\w*|water)\W+(?:\w+\W+){0,2}?(?:in )?dribs and drabs|\bleak\w* (?:in|into) (?:the |my )?bed\b",
              rf"\bcaught short\b[^.?!]{{0,40}}?{_CANNOT} (?:\w+ )?hold (?:it|on)|{_CANNOT} (?:\w+ )?hold (?:it|on)[^.?!]{{0,30}}?\bcaught short",
              r"\b(?:wet|soaked|peed|leaked) (?:through )?(?:my |me )?(?:\w+ )?(?:pants|trousers|knickers|shorts|underwear|tights)\W+"
              r"(?:\w+\W+){0,3}?without (?:realis|realiz|notic|feel)\w*",
              # no feeling of a full bladder; a weak stream that is slow to start
              r"\bno (?:\w+ )?(?:bladder|bowel) (?:sensation|feeling|control|warning)",
              r"\b(?:do not|does not|did not|can not|could not|no longer|not|never) (?:\w+ )?(?:feel|know|notice|sense|tell)\w* "
              r"(?:when|if|whether|that) (?:my|his|her|the) bladder(?:'s| is| gets| was| has got) (?:\w+ )?full\b",
              r"(?:can not|could not|unable to) (?:\w+ )?stop (?:\w+ )?(?:mid-?stream|the (?:flow|stream))",
              r"\b(?:need\w*|urge|want\w*) to (?:go|pee|wee)\W+(?:\w+\W+){0,2}?(?:but )?(?:nothing|not much|hardly anything|only drops?) "
              r"(?:comes?|came|happens|happened)\b",
              r"\b(?:stream|flow) (?:is |has been |has gone |has got |got |was )?(?:really |very |so )?(?:weak|slow|poor|a trickle)\b",
              r"\bwait\w* (?:ages|forever|for ever|a long time|minutes) for (?:it|the (?:flow|stream|pee|wee)) to (?:start|come|get going)",
              r"\blittle accidents?\b|\baccidents? in (?:my|his|her) (?:pants|underwear|knickers|trousers|shorts)",
              r"\b(?:incontinence pads|adult nappies|tena (?:pads|lady|men)|pads? (?:for|because (?:of )?)(?:my |the |i )?"
              r"(?:keep |am |have been )?(?:leak\w*|bladder|incontinence|dribbl\w*|wee|pee))\b",
              r"(?:has|have|had) not (?:peed|weed|urinated|passed (?:urine|water)|been to the (?:toilet|loo|bathroom))",
              r"(?:do|does|did) not feel (?:like )?(?:i|he|she|they|you) need\w* to (?:go|pee|wee|urinate)",
              r"(?:have|has|had|did) not (?:needed|felt the (?:need|urge)|wanted) (?:to )?(?:a |go for a |do a |have a )?"
              r"(?:wee|pee|piss|urinate|the (?:toilet|loo|bathroom))\b(?! (?:stop|break)s?\b)",
              r"dribbl\w* (?:\w+ ){0,2}?(?:in|into|onto) (?:my |his |her )?(?:shorts|pants|knickers|trousers|underwear|tights|boxers|undies)\b",
              r"\b(?:trying|tried|tries|try) to (?:pass water|pee|wee|urinate)\b[^.?!]{0,40}?\b(?:nothing|no luck|not a drop|can not|could not|will not)\b",
              r"['\"‘“](?:little )?accidents?['\"’”]|\b(?:toilet|bathroom|potty|loo) accidents?\b",
              _BLADDER + r"[^.?!]{0,60}?(?:did not|could not|do not|does not|not) (?:quite |always )?make it\b",
              r"(?:can|could) only (?:pee|wee|pass|go) (?:a )?(?:tiny|little|small|few)\b",
              rf"dribbl\w*\W+(?:\w+\W+){{0,6}}?(?:{_CANNOT_OR_HARD}|not able to) (?:\w+ )?hold (?:it|on)",
              r"(?:urine|pee|wee|it)\W+(?:\w+\W+){0,2}?(?:no|not|nor) (?:dey |de )?(?:come|comes|coming) out",
              r"(?:had not|did not|without) (?:\w+ )?(?:realis\w*|realiz\w*|notic\w*|felt)\W+(?:\w+\W+){0,3}?"
              r"(?:leaked|wet myself|peed|weed)",
              r"(?:pee|wee|urine|stream|flow)\W+(?:\w+\W+){0,3}?stops and starts",
              # leaks only found afterwards: "a few little leaks I didn't notice till later"
              r"\bi (?:\w+ ){0,5}?leak(?:s|ing)?\b[^.?!]{0,40}?(?:did not|do not|had not|have not|never|without) (?:even )?(?:notic\w*|realis\w*|realiz\w*|feel\w*|felt|know)",
              _BLADDER + rf"[^.?!]{{0,60}}?{_CANNOT_OR_HARD} (?:\w+ )?push",
              r"wet (?:bed|sheets)\b(?![^.?!]{0,30}sweat)",
              _BLADDER + r" (?:\w+ ){0,2}?(?:is|was|are|has) not (?:been )?(?:passing|coming|flowing)",
              r"(?:only|just) (?:a )?(?:few|couple of) drops",
              # hesitancy and a weak stream told in plain words: "have to concentrate to wee and it's a slow trickle"
              r"\b(?:pee|wee|urine|peeing|weeing|urinating|stream|flow)\b[^.?!]{0,40}?\b(?:slow|weak|thin|tiny|feeble) (?:trickle|dribble)",
              r"(?:have|had|has) to (?:\w+ ){0,4}?(?:concentrate|focus|strain|push) (?:\w+ ){0,2}?to (?:start )?(?:wee|pee|urinate)\b",
              r"(?:urine|pee|wee|piss)\W+(?:\w+\W+){0,2}?(?:no|not) (?:gree|agree|wan) (?:to )?(?:comot|commot|come out|pass)",
              rf"{_CANNOT_OR_HARD} (?:\w+ ){{0,3}}?(?:pee|wee|urinate|piss|slash|pass (?:urine|water)|empty my bladder)",
              r"(?:will not|would not|does not|did not) (?:\w+ )?start\W+(?:\w+\W+){0,4}?dribbl\w*",
              _BLADDER + r"\W+(?:\w+\W+){0,3}?(?:comes?|came|coming) out (?:alone|by itself|on its own)",
              r"not (?:managed|had|done|passed) (?:a |any )?(?:pee|wee|piss|urine|water)\b",
              r"(?:get|getting|start|starting) (?:my |the |a |any )?(?:pee|wee|urine|stream|flow) (?:\w+ )?(?:going|started|to start|out|flowing)",
              r"(?:pee|wee|urine|stream|flow) (?:\w+ ){0,2}?(?:will not|would not|does not|did not|is not) (?:\w+ )?"
              r"(?:start|come|flow|coming)",
              # straining to start, dribbling on, never emptying ("pushing myself to weekly runs" is not)
              r"(?:push|strain)\w* (?:\w+ ){0,8}?(?:to get|to start|to make) (?:a |my |the )?(?:wee|pee|urine|stream|flow)\b"
              r"[^.?!]{0,20}?(?:going|started|start|out|to come)",
              r"(?:push|strain)\w* (?:\w+ ){0,3}?to (?:start |get )?(?:pee|wee|urinate|peeing|weeing|urinating)\b",
              rf"(?:{_BLADDER}|dribbl\w*|after going)[^.?!]{{0,60}}?(?:never|not|do not|does not|did not) (?:\w+ )?feel\w* (?:\w+ )?empty",
              r"dribbl\w* (?:\w+ ){0,2}?after (?:going|i go|peeing|weeing)",
              r"\b(?:i )?no fit (?:piss|pee|wee|urinate)\b",
              # waking in a wet bed: "this morning I woke up and the sheets were wet"
              r"\b(?:woke|wake|waking) (?:up )?(?:\w+ ){0,6}?(?:the |my )?(?:sheets|bed|mattress|pyjamas|pajamas) (?:was|were) "
              r"(?:wet|soaked|damp|soaking)\b|\bwet (?:the|my) bed\b",
              # retention: "bursting and nothing would come out"
              rf"(?:bursting|busting|desperate (?:for|to)|{_BLADDER})\W+(?:\w+\W+){{0,8}}?nothing (?:\w+ )?(?:would|will|wants? to|wanted to|came|comes) "
              r"(?:come )?out",
              rf"(?:{_BLADDER})\W+(?:\w+\W+){{0,14}}?nothing (?:\w+ )?(?:would come|will come|came|comes|would happen)\b",
              # pressing on the belly to pass water; wet underwear found later; a leak found afterwards
              r"\b(?:press|push|squeez)\w* (?:on )?(?:my |his |her |the )?(?:tummy|belly|stomach|abdomen|bladder|lower belly) "
              r"(?:\w+ ){0,3}?to (?:wee|pee|urinate|go|get (?:it|the flow|the stream) (?:going|started|out))\b",
              r"\b(?:knickers|pants|underwear|boxers|undies)\W+(?:\w+\W+){0,2}?(?:wet|damp|soaked|soggy)\b[^.?!]{0,60}?"
              r"(?:never (?:felt|noticed)|did not (?:feel|notice)|without (?:feeling|noticing)|hours later|only (?:realis|realiz|notic)\w*)",
              r"(?:only (?:realis|realiz|notic)\w*|found|find|noticed)\W+(?:\w+\W+){0,3}?(?:knickers|pants|underwear|boxers|undies) "
              r"(?:were|was|had got|are|is) (?:\w+ )?(?:wet|damp|soaked)",
              r"\b(?:find|found|notice|noticed|realise|realised|realize|realized) (?:that )?(?:i|he|she) (?:have |had |has )?"
              r"(?:leaked|wet (?:myself|himself|herself))",
              r"\bdribbl\w* and (?:stops|stop|stopping|starts)\b",
              # a leak told by the smell; a stream "coming small", "like a tap almost closed"; not felt passing
              r"\b(?:smell\w*|smelt) (?:of|like) (?:wee|pee|urine|piss)\b",
              r"\b(?:urine|pee|wee|stream|flow)\W+(?:\w+\W+){0,3}?(?:coming|comes|came) (?:out )?(?:small|slow\w*|weak\w*|little|in drops)\b",
              r"\blike a (?:tap|faucet) (?:that is |that's )?(?:almost |nearly |half )?(?:closed|shut|off|dripping)\b",
              r"\b(?:did not|do not|can not|could not|does not) (?:even )?feel (?:the |my )?(?:pee|wee|urine|it) (?:pass|com|flow|go|leav)\w*",
              r"\bnot (?:much|a lot|anything) (?:comes|came|is coming|will come) out\b",
              r"\bdrops? (?:are |is )?(?:coming|come|came|going) (?:in|into|on) (?:my |his |her )?(?:underwear|pants|knickers|trousers)",
              r"\b(?:urine|bladder|pee|wee) control (?:is )?(?:not there|gone|lost|not (?:good|working))",
              _BLADDER + r"[^.?!]{0,60}?\b(?:takes|took|taking) (?:forever|ages|a long time|so long) to (?:get going|start|come)",
              r"(?:to make|to get|to help) (?:the |my )?(?:pee|wee|urine) (?:go|come|out|flow|start)\b",
              r"trickle when (?:it|i) (?:does |do )?(?:come|comes|go|pee|wee)\b",
              # a stream that stops and starts: "my wee keeps stopping and starting", "stop-start"
              _BLADDER + r"[^.?!]{0,70}?\b(?:stop[- ]start|stop(?:s|ping)? and start(?:s|ing)?|start(?:s|ing)? and stop(?:s|ping)?)\b"),
          harmless=_as_if),
    _Rule("emergency", "new problems controlling or passing urine",
          # "Is back pain linked to peeing? I have to push really hard to get it started": "it" is
          # the pee only where the message has named it
          _rx(_BLADDER + r"\W+(?:\w+\W+){0,20}?(?:push|strain)\w* (?:\w+ ){0,3}?to get it (?:going|started)",
              # "I keep going to the bathroom ... I stand there and it just won't start"
              _BLADDER + r"\W+(?:\w+\W+){0,25}?(?:it|nothing|the flow|the stream) (?:just )?(?:will not|would not|does not|did not) "
              r"(?:start|come|flow|get going)\b"),
          message_wide=True, harmless=_as_if),
    _Rule("emergency", "new loss of bowel control",
          _rx(_LOSS + _GAP + _BOWEL, _BOWEL + _GAP + _LOSS,
              r"\bfollow-?throughs?\b|\b(?:bum|bottom|backside|back passage|poo|poop|number two) accidents?\b",
              # found afterwards with no urge: "wiping and finding I've already gone a bit, no urge at all"
              r"\b(?:already )?(?:gone a (?:bit|little)|soiled (?:myself|my \w+)|messed (?:myself|my \w+))\W+(?:\w+\W+){0,4}?"
              r"no (?:urge|warning|feeling|sensation)\b",
              r"\b(?:anus|back passage|bum ?hole|sphincter) (?:is |does )?(?:not|no longer) (?:clos|shut|tight)\w*(?: (?:good|well|properly|normally|right|fully))?",
              r"\b(?:do not|does not|did not|can not|no longer) (?:feel|know|notice|sense) when (?:i|he|she) (?:have to|need to|want to|must) "
              rf"(?:{_GO_ENDS}|toilet|poo|pee|wee)\b",
              rf"\bno longer know when (?:i|he|she) (?:want|need|have) to (?:{_GO_ENDS}|toilet|poo|pee|wee)\b",
              r"\b(?:mess|poo|stool|a bit of mess)\W+(?:\w+\W+){0,2}?(?:escap\w*|com\w* out|leak\w*)[^.?!]{0,30}?"
              r"(?:without|not|never) (?:\w+ )?(?:feel\w*|felt|notic\w*|know\w*)",
              r"(?:loss|lost|losing|lose) (?:of )?(?:my |all |the )?(?:bowel|faecal|fecal|anal|sphincter) control",
              _BOWEL + r"\W+(?:\w+\W+){0,3}?(?:comes?|came|coming) out (?:alone|by itself|on its own)",
              r"accidents? in (?:my|his|her|their) (?:pants|underwear|knickers|trousers|shorts|boxers)",
              # soiling found afterwards: "I keep finding my underwear dirty and I didn't feel any urge"
              r"\b(?:underwear|pants|knickers|boxers|undies|shorts|drawers) (?:\w+ )?(?:dirty|soiled|messy|stained|mucky)\b[^.?!]{0,60}?"
              r"\b(?:no|not|never|did not|do not|without) (?:\w+ ){0,2}?(?:urge|warning|feel\w*|felt|notic\w*|sensation)\b",
              r"no control (?:down (?:below|there)|of (?:my |his |her )?(?:bowels?|back passage))",
              r"(?:comes?|came|coming) out\W+(?:\w+\W+){0,3}?(?:not|never) (?:feel|felt|notice\w*|know)",
              r"(?:had not|did not|never) (?:feel|felt|notice\w*|realis\w*|realiz\w*) (?:myself |himself |herself )?go\b",
              rf"{_CANNOT_OR_HARD} (?:\w+ )?(?:squeeze|clench|hold it in|hold it)\b[^.?!]{{0,30}}?(?:bottom|bum|back passage|bowel|poo|in)\b|"
              r"(?:bottom|bum|back passage|bowels?) (?:\w+ ){0,3}?(?:does not|do not|will not|is not) (?:\w+ )?work",
              r"(?:soil\w*|pooped|pood|pooed|mess(?:ed|ing)|shat|crapped) (?:myself|himself|herself|themselves|"
              r"(?:my|his|her) (?:pants|trousers|knickers|shorts|underwear)|(?:the|my|his|her) (?:bed|sheets))",
              _BOWEL + r"[^.?!]{0,30}?\b(?:in|on) (?:my|his|her|the) (?:underwear|pants|knickers|boxers|trousers|bed|clothes)",
              r"leak\w*\W+(?:\w+\W+){0,2}?from (?:behind|my (?:bum|backside|bottom|back passage)|the back passage)",
              r"(?:did not|do not|does not|could not|can not) (?:\w+ )?(?:realis\w*|realiz\w*|know|feel|notice)[^.?!]{0,30}?"
              rf"(?:(?:need|needed|had) to (?:poo|{_GO_ENDS}|open my bowels)|(?:urge|the urge) to (?:poo|go|open my bowels)|"
              r"(?:need|needed|had|urge|the urge) a (?:poo|number two))",
              r"(?:did not|do not|could not|can not) (?:quite )?make it (?:to the (?:toilet|loo|bathroom) )?in time",
              r"(?:loss|lost|losing|lose) (?:of )?control (?:of|over) (?:my |his |her )?(?:bum|bottom|backside|back passage|arse|butt)\b",
              # "can't control my bum", "not able to control the motion"; "motions without my knowledge"
              rf"{_CANNOT} (?:\w+ ){{0,2}}?control (?:my |the |his |her )?(?:bum|bottom|backside|back passage|arse|butt|bowels?|motions?)\b",
              _BOWEL + r"\W+(?:\w+\W+){0,3}?without (?:any |my |me |i |him |her )?(?:control|knowing|knowledge|noticing|feel\w*|felt|notic\w*|know|"
              r"being aware|awareness)\b",
              _BOWEL + r"\W+(?:\w+\W+){0,3}?(?:i|he|she) (?:did not|do not|never|could not) (?:even )?(?:feel|felt|notice|realis\w*|realiz\w*)\b",
              r"(?:sh[i*]t|shat|crapped|pooed|pooped|messed|soiled) (?:myself|himself|herself|themselves|them|it)\b[^.?!]{0,30}?"
              r"(?:without|not|never) (?:even )?(?:notic\w*|know\w*|feel\w*|felt|realis\w*|realiz\w*)",
              r"(?:marks?|stains?|skid\w*) (?:in|on) (?:my|his|her|their) (?:\w+ )?(?:shorts|pants|underwear|knickers|boxers|trousers)"
              r"[^.?!]{0,60}?(?:(?:not|never) (?:\w+ )?(?:realis\w*|realiz\w*|notic\w*|felt|know)|no idea|no clue|unaware)",
              r"(?:stop\w*|not|no longer|never) (?:\w+ ){0,2}?(?:feel\w*|know\w*|sens\w*|notic\w*) (?:when|if|whether) (?:i|you|he|she|they) "
              rf"(?:need|needs|have|has|want|wants)(?: to)? (?:{_GO_ENDS}|poo|a number (?:two|2)|a poo|number (?:two|2))",
              r"(?:can not|could not|unable to|not (?:be )?able to) (?:\w+ )?tell (?:\w+ ){0,2}?(?:if|when|whether) (?:i|you|he|she) (?:need|needs|have|has) "
              rf"(?:to {_GO_ENDS}|the (?:loo|toilet|bathroom)|a (?:poo|wee|pee|number two))")),
    _Rule("emergency", "weakness, numbness or pain in both legs, or legs giving way",
          _rx(_BOTH_LEGS_FIRST,
              rf"\b(?:weak\w*|numb(?!er)\w*|tingl\w*|pain\w*|ach\w*|sciatica)[ \-–]+{_IN_CLAUSE}{{0,5}}?(?:both|two) (?:of my )?legs",
              _LEGS_FIRST, _KNEES_GIVE,
              r"\b(?:both|two) (?:of )?(?:my |his |her |their )?legs\W+(?:\w+\W+){0,3}?(?:do not|does not|did not|have not|has not) "
              r"(?:\w+ )?(?:have|got) (?:the |any |enough )?(?:power|strength)\b",
              r"\b(?:both|two) (?:of )?(?:my |his |her |their )?legs,? (?:have |has |with |got )?no (?:strength|power|feeling)\b",
              r"\bwalk\w* (?:is |feels |felt |was )?like (?:stepping|walking|treading) on (?:cotton|clouds?|air|sponges?|marshmallows?|cushions?)\b",
              r"\b(?:stairs|steps|the staircase) (?:have |has )?(?:\w+ )?(?:become|got|gotten|are|is|feel) (?:\w+ )?(?:impossible|too hard|so hard)\b",
              # "my legs just won't go properly"; "no pain in my legs but they keep folding under me"
              r"\blegs? (?:just |simply )?(?:will not|would not|do not|does not|did not) (?:go|work|move|cooperate) "
              r"(?:properly|right|normally|like they should)\b",
              # "my legs went out from under me"
              r"\b(?:legs?|knees?) (?:\w+ ){0,2}?(?:went|go|goes|going|gone|came|keeps? going) (?:out )?(?:from )?under (?:me|him|her|them)\b",
              r"\bthey (?:keep|kept|keeps|have been|started|start) (?:folding|buckling|giving way|collapsing|giving out)"
              r"(?: (?:from )?under (?:me|him|her)| when (?:i|he|she) (?:step|walk|stand|get up))",
              r"\b(?:weak\w*|numb(?!er)\w*|tingl\w*|pins and needles)\b[^.?!]{0,30}?\b(?:both|two) (?:of )?(?:my |his |her |their )?(?:thighs|calves|feet|shins)\b",
              r"\b(?:both|two) (?:of )?(?:my |his |her |their |the )?(?:calves|shins)\W+(?:\w+\W+){0,3}?(?:weak\w*|numb(?!er)\w*|tingl\w*|"
              r"pins and needles|dead)\b",
              r"\b(?:legs|thighs)\b[^.?!]{0,20}?\b(?:are|feel|felt|were) (?:like they are |as if they are )?not (?:mine|my own)\b",
              # legs that are not one's own; feet that catch on the ground
              r"\blegs? (?:\w+ ){0,4}?(?:belong\w* to (?:someone|somebody) else|(?:like|as if|as though) (?:\w+ ){0,3}?(?:someone|somebody) "
              r"else's|not (?:my|his|her) own)",
              r"\blegs (?:\w+ )?(?:failed|fail|failing|keep failing) (?:me|him|her)\b|"
              r"\bknees (?:\w+ )?(?:did not|do not|does not|would not|will not|could not|can not) (?:\w+ )?(?:hold|support|carry) (?:me|him|her)\b",
              r"\b(?:foot|feet|toes?) (?:\w+ )?(?:will not|would not|does not|do not|can not|could not|is not|are not) (?:\w+ )?"
              r"(?:lift\w*|pick\w* up|come up|clear the ground)\b|"
              r"\b(?:keep|keeps|kept|keep on) (?:\w+ )?(?:catching|scuffing|dragging|tripping over) (?:my |his |her )?(?:toes?|foot|feet)\b",
              r"\b(?:feet|foot|toes) (?:\w+ ){0,2}?(?:keeps? |kept )?(?:catch\w*|scuff\w*|snag\w*) (?:on )?(?:the )?"
              r"(?:ground|floor|pavement|carpet|kerb|curb|steps?|stairs)\b",
              # "neither of my legs works properly", "no strength in either leg"
              r"(?:neither|none) of (?:my|his|her|their|me) legs (?:\w+ )?(?:works?|working|is right|are right)\b",
              r"no (?:strength|power|feeling|sensation) in (?:either|both|my|his|her) (?:of (?:my|his|her) )?legs?\b",

              r"\b(?:weak\w*|numb(?!er)\w*)\W+(?:\w+\W+){0,4}?legs",
              r"\b(?:weak\w*|numb(?!er)\w*|tingl\w*|pins and needles)[^.?!]{0,40}?\bone leg\b[^.?!]{0,40}?\b(?:both|the other|other one)\b",
              rf"{_CANNOT_OR_HARD} (?:\w+ )?walk",
              r"(?<!one-)(?<!one )(?<!a )(?<![\d]-)(?<![\d] )foot drop|dragging my (?:foot|leg)|dragging (?:his|her|their|both) (?:feet|legs|foot|leg)|"
              r"(?:legs|feet)\W+(?:\w+\W+){0,8}?dragging (?:them|both)",
              rf"{_LEG_SYMPTOM}[^.?!]{{0,60}}?\b(?:left|right) (?:leg|thigh|calf|foot)s? (?:\w+ ){{0,2}}?(?:and|&|as well as) "
              r"(?:now )?(?:the |my )?(?:right|left)\b",
              rf"{_LEG_SYMPTOM}[^.?!]{{0,60}}?\b(?:legs|thighs|calves|shins|feet)\W+(?:\w+\W+){{0,2}}?"
              r"(?:left and right|right and left|on both sides|both sides)",
              rf"{_CANNOT_OR_HARD} (?:get|make) (?:my|his|her|their|the|both) legs (?:to )?(?:work|move|go|do)",
              # legs that will not work, respond, lift or move
              r"legs? (?:\w+ ){0,2}?(?:will|would|do|does|did|can|are|were) not (?:\w+ )?"
              r"(?:work\w*|respond\w*|do what|(?:lift|move|obey|cooperate)\b)",
              rf"{_CANNOT} (?:\w+ )?push off (?:on|with|from|through) (?:that|this|my|the|his|her|their|either|both) (?:right |left )?"
              r"(?:foot|feet|leg|legs|toes)\b",
              rf"{_CANNOT_OR_HARD} (?:\w+ )?(?:lift|raise|pick up) (?:the front of )?(?:my|his|her|their|either|both|the) "
              r"(?:right |left )?(?:foot|feet|toes|leg|legs)\b",
              rf"{_LEG_SYMPTOM}[^.?!]{{0,70}}?\b(?:in|down|into|to) both (?:of )?(?:my |his |her |the )?legs",
              rf"{_CANNOT_OR_HARD} (?:\w+ )?(?:stand|get up|go up|rise) on (?:my |his |her |their )?(?:tip ?toes|toes|heels)",
              r"legs?\b[^.?!]{0,80}?\bboth (?:feel|felt|are|were|went|go|going|getting) (?:\w+ )?(?:weak|numb|heavy|dead|useless)",
              r"walking like (?:i am |i'm |he is |she is )?(?:drunk|a drunk)",
              r"walk\w* (?:\w+ ){0,3}?like (?:i|he|she) (?:have|has|had|am|is|was)? ?(?:had )?(?:a few|a few drinks|been drinking|drunk)",
              r"(?:walk\w*|gait)\W+(?:\w+\W+){0,7}?(?:wobbly|unsteady|wide and|all over the place)",  # not legs wobbly after a race
              r"(?:shoes?|trainers|sneakers|runners|slippers|flip[- ]flops) (?:\w+ ){0,2}?(?:flopped|fell|came|slipped) off\b"
              r"[^.?!]{0,40}?(?:not|never) (?:\w+ )?(?:notice\w*|feel|felt|realis\w*|realiz\w*)",
              r"(?:foot|feet|it) (?:\w+ ){0,2}?(?:kept|keeps|keep) slapp\w* (?:down|on)",
              # shuffling about the house, not a runner's shuffle along a run
              r"shuffl\w* (?:\w+ ){0,2}?(?:around|about|to|along|across) (?:the |my )?(?:house|flat|home|kitchen|bathroom|toilet|loo|"
              r"bed|stairs|office|landing|hallway|room)\b|walk\w*\W+(?:\w+\W+){0,6}?shuffl\w*|shuffl\w* (?:\w+ ){0,2}?when (?:i|he|she) walk",
              r"walking (?:is|has been|has become|became|was) (?:\w+ )?(?:hard|difficult|a struggle|impossible)",
              r"\b(?:it )?(?:hurts|painful|agony|hard|difficult|a struggle) to walk\b",
              r"(?:foot|feet) (?:keeps? |keep |are |is |was |were |have been |has been )?(?:(?:has |have )?(?:started|begun|begun to|started to) )?(?:slap\w*|drag\w*|flop\w*)|"
              r"\b(?:catch\w*|caught|stubb\w*|scuff\w*|snagg?\w*) (?:my |his |her )?(?:toes?|foot|feet) on (?:\w+ ){0,3}?(?:every|each|all the) "
              r"(?:kerb|curb|step|stair|crack|edge)|"
              r"(?:foot|feet) (?:\w+ ){0,2}?(?:slap\w*|drag\w*|flop\w*)[^.?!]{0,30}?\bwhen (?:i|he|she|they) walk|tripping over my (?:own )?(?:feet|toes)",
              r"weak\w*\W+(?:\w+\W+){0,4}?(?:getting worse|worsening|spreading)",
              r"(?:getting|grown|growing) weaker|weaker (?:and weaker|each day|every day|by the day)",
              r"\b(?:numb(?!er)\w*|weak\w*|dead|tingl\w*|pins and needles|paralys\w*)[^.?!]{0,30}?(?:from|below) (?:the|my|his|her) "
              r"(?:hips?|waist|pelvis|belly button) down",
              rf"(?:foot|feet)[^.?!]{{0,60}}?{_CANNOT_OR_HARD} (?:\w+ )?(?:lift|raise|pick up) (?:them|it)\b",
              r"\bslaps? (?:on |against )?(?:the )?(?:floor|ground)|(?:hold|holding|grab\w*) (?:on to |onto )?the (?:wall|furniture|rail)"),
          harmless=_spent_legs),
    _Rule("emergency", "new erection problems or numbness during sex",
          _rx(r"erect(?:ion|ile|yle)\w*", r"impoten\w*\b(?! (?:with )?(?:rage|fury|anger|frustration))", _NUMB + r"\W+(?:\w+\W+){0,4}?(?:sex|intercourse)",
              rf"{_CANNOT_OR_HARD} (?:get|keep) (?:it|him) up",
              r"\bnothing(?: has| is|'s)? been working down (?:there|below|stairs)\b|"
              r"\bnothing (?:happens|is happening|happening|works|working|will happen) down (?:there|below|stairs)",
              r"\b(?:stopped being able to|not (?:been )?able to|no longer able to|can not|could not),? (?:you know|ya know|y'?know|ykwim|if you know what i mean)\b",
              r"\b(?:man bits|manhood|todger|willy|penis|member|my junk|little fella|equipment|wedding tackle|bits down there) "
              r"(?:\w+ ){0,2}?(?:do not|does not|did not|will not|would not|is not|are not|has stopped|have stopped|stopped) "
              r"(?:\w+ )?(?:work\w*|function\w*|respond\w*|perform\w*|play\w* ball|cooperat\w*|behav\w*)",
              # "trouble getting it up", "the problem now is getting it up": not "up the hill" or "up
              # to speed"; "keeping it up" as a difficulty is left out, runners keep up a pace
              rf"(?:{_CANNOT_OR_HARD}|problems?|issues?) (?:\w+ ){{0,2}}?(?:get|getting) (?:it|him) up"
              r"(?! (?:the|a|an|to|onto|on|stairs|steps|hills?|there|here)\b)",
              rf"(?:{_CANNOT_OR_HARD}|problems?|issues?) (?:\w+ )?(?:get|stay|keep|getting|staying|keeping) hard",
              r"\b(?:thing|willy|penis|manhood|member|junk|erection)\W+(?:\w+\W+){0,2}?(?:does not|do not|will not|would not|is not|not) "
              r"(?:\w+ )?(?:get|getting|stay|staying|go|going) (?:\w+ )?hard\b",
              r"\bno morning (?:wood|glory)\b|(?:can not|could not|unable to|struggl\w* to) (?:\w+ )?(?:get|stay|keep) (?:\w+ )?erect\b",
              r"\b(?:things|everything|it|(?:the |my |his )?(?:lad|fella|little man|old boy|soldier)) (?:in (?:the )?bed(?:room)?|down (?:there|below|stairs)|downstairs) (?:have|has) (?:\w+ )?"
              r"stopped (?:\w+ )?(?:working|functioning)",
              r"nothing (?:is )?(?:happening|working) (?:down there|in bed|in the bedroom)",
              r"(?:in the bedroom|down there|in bed)\W+(?:\w+\W+){0,3}?nothing (?:works|is working|happens|is happening)\b",
              r"(?:problems?|trouble|issues?|difficult\w*) (?:\w+ )?(?:in|with) (?:the )?bedroom|sexual (?:problems?|dysfunction)",
              r"not working in (?:the )?bed(?:room)?|things (?:are not|have stopped) working (?:down there|in (?:the )?bed)",
              r"(?:\+|and|have|got|getting|developed|with) (?:an? )?(?:sudden |new )?ed\b|\b(?:sudden|new) ed\b|\bed (?:problems?|issues?|out of nowhere|since|for|after)\b|^ed\b",
              r"nothing (?:down there|down below) (?:works?|is working|happens|is happening)",
              r"(?:no action|nothing happening|dead) (?:downstairs|down there|down below)",
              rf"{_CANNOT_OR_HARD} (?:\w+ ){{0,2}}?(?:perform|do anything|manage anything) (?:\w+ )?(?:in (?:the )?bed(?:room)?|sexually)",
              r"(?:things?|it|everything)\W+(?:\w+\W+){0,2}?(?:do not|does not|will not|is not|are not|not) (?:\w+ )?work\w* "
              r"(?:\w+ )?(?:in (?:the )?bed(?:room)?|down (?:there|below|stairs)|downstairs)",
              r"(?:down (?:there|below|stairs)|downstairs|in the bedroom)\W+(?:\w+\W+){0,2}?(?:is not|are not|will not|does not|not) "
              r"(?:\w+ )?(?:cooperat\w*|work\w*|respond\w*|play\w* ball|perform\w*|ris\w*|stand\w*)",
              r"(?:wife|husband|partner|girlfriend|boyfriend|missus|other half)\W+(?:\w+\W+){0,12}?(?:together|intimate|in bed|tried|were trying|had a go)"
              r"\W+(?:\w+\W+){0,8}?(?:" + _NUMB + r"|(?:could not|can not|unable to) (?:climax|orgasm|finish|come)\b)",
              r"(?:willy|penis|dick|cock|manhood|man part|mr happy|(?:little|old) fella|old boy|member|todger|winkie|johnson)\W+"
              r"(?:\w+\W+){0,5}?(?:numb(?!er)\w*|will not|would not|(?:not|no longer) (?:work|stand|get|stay|respond|wak|ris|cooperat|behav|perform)\w*|dead|limp|floppy|"
              r"wake up|(?:gone|went) (?:\w+ )?on strike)",
              r"\b(?:in the bedroom|during sex|during intimacy|when we are intimate)\W+(?:\w+\W+){0,3}?" + _NUMB,
              r"\b(?:barely|hardly|can not|could not|can barely|can hardly|do not|does not|did not) feel (?:anything|a thing|much|it) during\b(?! (?:the|my|a|runs?|races?|training|exercise))",
              r"\b(?:climax|orgasm)\w*\W+(?:\w+\W+){0,2}?(?:feels?|felt|is|are|was) (?:\w+ )?(?:muted|dull\w*|numb\w*|weaker|muffled|like nothing)",
              _NUMB + r"[^.?!]{0,60}?\b(?:husband|wife|partner|boyfriend|girlfriend|in bed|making love)",
              r"sex (?:feels|felt) (?:\w+ )?(?:different|numb|dead)",
              r"(?:intimate|sex|making love|in bed with)\w*\W+(?:(?!no\b|not\b|never\b|without\b|nothing\b|fine\b)\w+\W+){0,10}?(?:" + _NUMB + r"|(?:could not|can not|unable to|"
              r"not able to) (?:climax|orgasm|finish|come)\b)",
              r"(?:wife|husband|partner|girlfriend|boyfriend|missus|other half)[^.?!]{0,40}?" + _NUMB +
              r"\W+(?:\w+\W+){0,3}?during\b",
              rf"{_CANNOT_OR_HARD} (?:\w+ )?(?:climax|orgasm)",
              rf"{_CANNOT_OR_HARD} (?:\w+ )?(?:finish|come) (?:during|in|when having|when we have|when we had) (?:sex|intercourse|bed)\b",
              rf"(?:{_CANNOT_OR_HARD}|problems?|issues?)\W+(?:you know\W+|um+\W+|er+\W+)?(?:\w+\W+){{0,2}}?performing\b(?! (?:well|badly|at|in (?:races?|training)))",
              r"\b(?:cause|causes|causing|give you|gives you|lead to|leads to) (?:an? )?ed\b",
              r"(?:no|lost|losing|less|not much|reduced) (?:\w+ )?(?:feeling|sensation) (?:\w+ ){0,2}?(?:during|in|with|when) "
              r"(?:intimacy|being intimate|sex|intercourse|making love)"), harmless=_advertised),
    _Rule("emergency", _SERIOUS_TRAUMA_LABEL,
          _rx(*_SERIOUS_TRAUMA), harmless=_not_a_fall),
    _Rule("emergency", _SERIOUS_TRAUMA_LABEL,
          _rx(*_HARD_LANDING), unless=_FRAGILE_FALL_LABEL, harmless=_not_a_fall),
    _Rule("emergency", "chest pain together with the back pain",
          _rx(r"chest ?(?:pain|pains|hurt\w*|tight\w*|pressure|ache\w*|is (?:hurting|tight|aching|painful))",
              # "my chest is having heaviness", "heaviness in my chest"
              r"\bchest (?:is |has been |was )?(?:having|feeling|got|has|had) (?:some |a |a bit of |this )?(?:heaviness|tightness|pressure|pain)\b|"
              r"\b(?:heaviness|tightness|pressure) (?:in|on|across) (?:my|his|her|the) chest\b",
              r"\bheart (?:place|area|region|side) (?:\w+ )?(?:pain\w*|hurt\w*|ach\w*|tight\w*)|"
              r"\b(?:pain\w*|hurt\w*|ach\w*) (?:in|at|around) (?:my |the )?heart (?:place|area|region|side)",
              r"chest (?!" + _CHEST_GEAR + r")(?:\w+ ){0,3}?(?:feels?|felt|is|was|has gone|has been|have been|getting|went|goes|going|gone) (?:\w+ ){0,2}?(?:tight|painful|heavy|sore|crushed|oppress\w*|"
              r"squeezed|pressure|hurting|aching)",
              r"(?:clutch\w*|holding|grabb\w*|gripp\w*|clasp\w*|rubb\w*) (?:at )?(?:my|his|her|their|the) chest(?! (?:up|out|high|proud|open|forward|lifted)\b)",
              # "his chest feels 'wrong'", "chest feels like someone is standing on it"
              r"chest (?!" + _CHEST_GEAR + r")(?:\w+ ){0,3}?(?:feels?|felt|is|was) "
              r"['\"‘“]?(?:wrong|funny|weird|strange|odd|not right|off)\b",
              r"chest (?:\w+ ){0,3}?(?:feels?|felt|feeling) like (?:\w+ ){0,4}?(?:standing|sitting|kneeling|pressing|pushing|squeezing|crushing|"
              r"sat|stood|an elephant|a weight|a brick|a rock|a vice)\b",
              r"(?:sitting|sat|standing|pressing|pushing|weight|pressure|crushing) on (?:my|his|her|the) chest",
              r"(?:tight|painful|sore|heavy|aching|crushing|squeezing|burning|hurting|pounding) (?:and |, ?)?(?:\w+ )?chest\b"
              r"(?! (?:strap|band|press|day|muscles?|pocket|belt|monitor|workout|exercises?|stretch\w*|cold|infection|of drawers))",
              r"chest (?!" + _CHEST_GEAR + r")(?:\w+ ){0,2}?"
              r"(?:hurts?|hurting|aches?|aching|burns?|burning|pounds?|pounding|is sore|feels sore)\b",
              r"(?:middle|centre|center|front) of (?:my|the|his|her|their) chest|(?:pain\w*|ach\w*|hurt\w*|heaviness|tightness|discomfort) in (?:the )?chest",
              r"(?<!swing )(?<!swings )(?<!swinging )(?<!arms )(?<!arm )(?<!hands )(?<!elbows )(?<!crossed )(?<!folded )"
              r"\b(?:in|through|across|into) (?:my|the|his|her) chest\b(?! (?:muscles?|strap|press|day|pocket))",
              r"from (?:my|the|his|her) chest (?:through )?to (?:my|the|his|her) back",
              r"chest\b(?! (?:strap|band|press|day|muscles?|pocket|of drawers))[^.?!]{0,30}?\b(?:squeez\w*|crush\w*|tightness|pressure)",
              r"chest (?!" + _CHEST_GEAR + r")(?:\w+ ){0,3}?(?:start\w*|began|begins?|kept|keeps) (?:\w+ )?(?:aching|hurting|to ache|to hurt|"
              r"squeez\w*|tighten\w*|pounding)",
              r"(?<!shoulders )(?<!shoulder )(?:back|pain\w*|ach\w*|hurt\w*) and (?:now )?(?:my |the |in (?:my |the )?)?chest\b"
              r"(?! (?:muscles?|strap|band|press|day|up|out|high|proud|open|forward|lifted)\b)",
              r"\bchest (?:and|&|/|\+) (?:my |the )?(?:upper |lower |mid |middle )?back\b",
              r"\b(?:pain\w*|crush\w*|squeez\w*|tight\w*|pressure|hurt\w*|ach\w*)\W+(?:\w+\W+){0,3}?(?:in|on) (?:my|the) chest", r"heart attack",
              # the breastbone, a pain spreading to the left arm, and Nigerian English "my chest dey pain me"
              r"\b(?:pain\w*|crush\w*|squeez\w*|tight\w*|pressure|hurt\w*|ach\w*|heav\w*)\W+(?:\w+\W+){0,3}?(?:behind|in|on|across|under) "
              r"(?:my|the) (?:breastbone|sternum)\b",
              r"\b(?:spread\w*|radiat\w*|go|goes|going|shoot\w*|travel\w*|mov\w*) (?:down |up )?(?:into|down|to|along) (?:my|the) left arm\b",
              r"\bchest (?:dey|is|was|a) pain(?:ing)? (?:me|am|mi)\b"),
          harmless=_someone_elses_heart),
    _Rule("urgent", "fever, a high temperature or chills",
          _rx(r"\bfe+v[ae]?r\w*|\b(?:lagnat|bukhaa?r|fiebre|calentura|gor[aą]czk\w*)\b|\bhot (?:then|one minute|and then) (?:\w+ )?cold\b|\bthe shakes\b|"
              r"\bhot (?:and (?:sweaty|clammy) )?(?:then|and then|one minute|,? then) (?:\w+ )?(?:cold|freezing|shivery|shivering)\b|"
              r"\b(?:shaking|shivering|trembling) (?:\w+ ){0,3}?(?:under|in) (?:the|my|\d+|two|three|all the|a pile of) (?:duvets?|covers|blankets?|bed)\b|"
              r"\bteeth (?:were |are |keep )?chattering\b|"
              r"thermometer\W+(?:\w+\W+){0,3}?(?:3[89]|4[01]|10[0-5])(?:[.,]\d)?\b",
              # West African English: "my body is hot since two days" (a body hot for days, not after a run)
              r"\bmy body (?:is|has been|was|dey|feels?|felt) (?:\w+ )?hot (?:since|for) (?:\w+ ){0,2}?(?:days?|nights?|yesterday|morning)\b",
              r"temp(?:erature)?\b[^.?!]{0,40}?\b(?:3[89]|4[01]|10[0-5])(?:[.,]\d)?\b(?! ?(?:km|k\b|miles?|minutes?|mins?|%))",
              r"temp(?:erature)?\W+(?:\w+\W+){0,4}?(?:is|was|has been|keeps?|stays?) (?:\w+ )?(?:high|raised|up|through the roof|sky high)\b", r"(?:high|a|raised|running a|got a|raging|huge|massive|sky high|burning) temp(?:erature)?\b|burning up|(?:shaking|shivering|shake|shook) with (?:the )?cold|septic|sepsis|abscess|temp(?:erature)? (?:of |was |is )?(?:thirty[- ](?:eight|nine)|forty)|temperature of|\b(?:3[89]|4[01])(?:[.,]\d)? ?(?:°|degrees|c\b)", r"\bchills?\b",
              r"shiver\w*|rigou?rs|night sweats|sweat\w* (?:\w+ ){0,2}?(?:at|in the|during the|through the) night|hot and cold",
              # sweats told by the bed: "woke up drenched in sweat", "sheets soaked with sweat again"
              r"\b(?:woke|wake|waking|night|nights|sheets|bed|pyjamas|pajamas|pillow)\W+(?:\w+\W+){0,6}?(?:drenched|soaked|soaking|"
              r"dripping|wringing wet|pouring|bathed|covered|wet) (?:\w+ ){0,2}?(?:in|with) sweat",
              r"\b(?:drenched|soaked|soaking|dripping|bathed|covered) (?:\w+ ){0,2}?(?:in|with) sweat\b[^.?!]{0,60}?"
              r"\b(?:night|nights|in bed|sheets|woke|wake|waking)\b",
              r"(?:thermometer|checked|took (?:my|his|her) temp\w*|felt (?:hot|warm|burning))\b[^.?!]{0,40}?\b(?:3[89]|4[01])[.,]\d\b",
              r"\b(?:3[89]|4[01])[.,]\d (?:on|according to) (?:the|my) (?:thermometer|watch|reading)",
              r"\bbody (?:is|dey|was|feels?|has been) (?:very |so )?(?:hot|warm)\b[^.?!]{0,40}?\b(?:cold|chill\w*|shiver\w*)",
              r"infection|malaria|typhoid|\butis?\b|inject\w* drugs|iv drugs?|drug use|immun\w* (?:system|suppress\w*)|immunosuppress\w*|\bhiv\b"), harmless=_idiom_fever),
    _Rule("urgent", "losing weight without trying",
          _rx(rf"(?:los\w*|lost|dropp\w*|shed\w*|down)\W+(?:\w+\W+){{0,5}}?(?:\d+(?:[.,]\d+)?\s*)?{_WEIGHT_UNIT}\W+"
              rf"(?:\w+\W+){{0,8}}?{_UNTRIED}",
              rf"\d+ ?{_WEIGHT_UNIT}[^.?!]{{0,60}}?(?:scales?|weigh\w*|now)[^.?!]{{0,30}}?\d+[^.?!]{{0,80}}?{_UNTRIED}",
              r"unexplained weight|weight loss (?:without|for no)|weight (?:\w+ ){0,3}?(?:falling|dropping|coming) off",
              rf"weight loss\W+(?:\w+\W+){{0,4}}?{_UNTRIED}",
              rf"{_UNTRIED}\W+(?:\w+\W+){{0,8}}?scales? (?:\w+ ){{0,3}}?(?:going down|go down|goes down|dropping|drop|lower|less|down)\b",
              rf"scales? (?:\w+ ){{0,3}}?(?:going down|go down|goes down|dropping|lower|less)\W+(?:\w+\W+){{0,10}}?{_UNTRIED}",
              rf"{_WEIGHT_UNIT}\W+(?:\w+\W+){{0,3}}?(?:dropp\w*|falling|going down|coming off|down|lighter|less|reduc\w*|decreas\w*)\W+"
              rf"(?:\w+\W+){{0,10}}?{_UNTRIED}",
              rf"(?:thinner|skinnier|gaunt|wasting away|new (?:belt )?holes?|(?:tighter|new|last|tightest|smallest) notch|notch\w* smaller|"
              rf"sizes? smaller|dropped (?:a )?(?:dress |jean |trouser )?sizes?)[^.?!]{{0,60}}?{_UNTRIED}",
              rf"{_CLOTHES} (?:\w+ ){{0,4}}?{_LOOSE}\W+(?:\w+\W+){{0,8}}?{_UNTRIED}",
              # "getting lighter every week without trying"
              rf"{_LIGHTER}[^.?!]{{0,60}}?{_UNTRIED}|{_UNTRIED}[^.?!]{{0,60}}?{_LIGHTER}",
              rf"{_UNTRIED}\W+(?:\w+\W+){{0,6}}?(?:los\w*|lost|dropp\w*|shed\w*)\W+(?:\w+\W+){{0,3}}?(?:\d+(?:[.,]\d+)?\s*)?{_WEIGHT_UNIT}\b",
              rf"{_UNTRIED}\W+(?:\w+\W+){{0,6}}?(?:{_CLOTHES}|{_WEIGHT_UNIT}|sizes?) "
              rf"(?:\w+ ){{0,3}}?(?:{_LOOSE}|dropp\w*|los\w*|lost|down)",
              rf"(?:from|was) \d+(?:[.,]\d+)? ?(?:to|down to|and now) \d+(?:[.,]\d+)? ?{_WEIGHT_UNIT}s?\W+(?:\w+\W+){{0,10}}?{_UNTRIED}",
              r"(?:say|says|said|saying|tells? me|told me|noticed|reckons?) (?:that )?(?:i(?:'ve| have)?|he(?:'s| has)?|she(?:'s| has)?) "
              r"(?:lost|dropped) (?:a lot of|loads of|so much|a ton of|heaps of) weight")),
    _Rule("urgent", "cancer now or in the past",
          _rx(r"cancer\w*|tumou?r\w*|chemo\w*|radiotherapy|radiation therapy|oncolog\w*|malignan\w*|leuka?emia|lymphoma|myeloma|metasta\w*",
              r"melanoma|carcinoma|sarcoma|mastectomy|lumpectomy|prostatectomy|in remission|the big c\b",
              r"\bshadow on (?:my |the |his |her )?(?:lungs?|x-?ray|scan|liver|bones?|kidney)\b",
              # clinical shorthand: "ca breast", "prostate ca"
              r"\bca (?:breast|prostate|lung|colon|bowel|rectum|cervix|ovary|kidney|thyroid|stomach)\b|"
              r"\b(?:breast|prostate|lung|colon|bowel|cervical|ovarian|kidney|thyroid) ca\b"), harmless=_charity),
    _Rule("urgent", "pain at night or lying down that does not ease with rest",
          _rx(rf"(?:\bnights?|in bed|to bed|lying down|lie down|lie in bed|lying flat|at rest|resting|asleep|sleep\w*)\W+(?:(?!never\b)\w+\W+){{0,8}}?"
              rf"(?:(?<!not )wakes? me|(?<!not )(?<!never )woken|(?<!not )waking me|(?<!not )keeps? me (?:up|awake)|{_NO_RELIEF}|(?:lying|lie|lay) (?:there )?awake|awake for hours|"
              r"no matter (?:what|how) (?:i|he|she|they) (?:do|does|did|lie|lay|try|tried|position)|(?<!not )gets? me up|(?<!not )got me up|"
              r"no amount of|not helping|makes? no differ\w*)",
              # what keeps one up is the pain: "her back pain keeps her up every night" (not "the baby keeps me up")
              r"(?:wakes? (?:me|him|her|them)|woken|waking (?:me|him|her|them)|"
              r"(?:pain|ache|aching|back|it|this|which|sciatica)\W+(?:(?!not\b|never\b)\w+\W+){0,2}?keeps? (?:me|him|her|them) (?:up|awake)|constant|unbearable)"
              r"\W+(?:\w+\W+){0,8}?(?:night|in bed|lying down|at rest|sleep\w*)",
              r"(?:keeps?|kept) (?:me|him|her|them) (?:up|awake)\W+(?:\w+\W+){0,3}?no matter",
              r"(?:worse|worst) (?:at|around|from|by) (?:\d{1,2} ?(?:am|a\.m\.|o'clock)|midnight|bedtime)(?:[^.?!]{0,40}?(?:nothing|no)\b)?|"
              r"(?:worse|worst) (?:at|in the|during the|through the) night|night pain|pain at night|even (?:when|while) (?:i am |i'm )?(?:resting|lying|i rest|i lie)",
              r"no (?:position|way of lying)[^.?!]{0,40}?(?:eas\w*|help\w*|comfortable|relie\w*|better)",
              r"(?:lying|lie|lay) (?:down|flat|in bed|still) (?:\w+ ){0,3}?(?:makes?|made) (?:it|the pain|things|my (?:\w+ ){0,3}?back(?: \w+)?) worse",
              r"\b(?:hurts?|hurting|painful|sore|aches?) too much to (?:lie|lay|sleep|rest)\b",
              r"(?:(?:however|whichever way|whatever way|wherever|no matter how|(?:does|do) not (?:matter|care) (?:how|which way|what position|which side)) "
              r"(?:i|he|she|they) (?:lie|lay|sleep|position)|"
              r"(?:any|every|whichever) (?:side|position)\W+(?:\w+\W+){0,3}?(?:same|no better|hurts))",
              rf"\b(?:pain|back|ache)[^.?!]{{0,40}}?\b(?:night|nighttime|night time)\b[^.?!]{{0,20}}?(?:{_CANNOT}|not able to) sleep",
              r"(?:worse|worst) in (?:my |the )?bed\b",
              r"\b(?:lie|lying|lay) (?:down )?(?:\w+ )?(?:more|worse|most) (?:pain|hurt\w*|ach\w*)\b|\brest(?:ing)?\b(?! of)(?: is| was)? not (?:better|helping|eas\w*)",
              r"\b(?:ach\w*|hurt\w*|pain\w*|throb\w*) (?:\w+ )?all night\b|\b(?:hurts?|aches?) more the longer (?:i|he|she|they) (?:lie|lay|rest|stay in bed)",
              rf"{_CANNOT} (?:\w+ )?lie (?:flat|down)\b[^.?!]{{0,40}}?(?:because|cos|coz|due to|with) (?:of )?(?:my |the )?(?:\w+ )?(?:back|pain)",
              r"(?:increas\w*|worse\w*|more) (?:\w+ )?(?:when|while|as soon as) (?:i |he |she )?(?:am |is |are )?(?:lie|lying|lay|go to bed|get into bed|in bed)\b",
              r"(?:not|never) (?:\w+ )?(?:reduc\w*|decreas\w*|better|eas\w*|improv\w*) (?:\w+ )?(?:with|after|even with|despite|for all the) (?:taking |having |getting )?(?:rest|resting|lying|sleep)",
              r"even (?:after |if |when |though )?(?:i |he |she )?(?:rest|rested|lie down|lay down)\w*[^.?!]{0,40}?(?:not|no) (?:\w+ )?(?:better|eas\w*|reduc\w*|improv\w*|relief)",
              r"(?:pacing|walking about|walking around|up|tossing and turning) (?:\w+ ){0,3}?(?:at night|all night|in the night|every night|"
              r"each night|at [1-5](?::\d\d)? ?am)"
              r"[^.?!]{0,30}?(?:because of|because|with|from) (?:my |the |his |her |their )?(?:back|pain)",
              r"\b(?:pain|it|back|ache|aching)\W+(?:(?!not\b|never\b)\w+\W+){0,2}?(?:wakes|woke|waking|keeps waking) (?:me|him|her|them|us)\b",
              r"\brest\w*\W+(?:\w+\W+){0,6}?(?:do|does|did|is|was) not (?:go\w*|get\w*) better",
              rf"(?:{_CANNOT}|struggl\w* to) (?:get to |get any )?sleep\w*[^.?!]{{0,30}}?(?:because|due to|with|from) "
              r"(?:\w+ ){0,3}?(?:pain|back|ache)",
              r"(?:rest\w*|lying down|lying still|sleep\w*) (?:does|did|will) not (?:help|ease|change|touch|shift|budge|dent)|"
              r"(?:rest\w*|lying|lie) (?:\w+ ){0,2}?(?:is|was) not helping",
              r"(?:rest\w*|lying down|lying still|lie down|sleep\w*|bed) (?:\w+ ){0,3}?(?:makes?|made|making) (?:no|zero|little) differ\w*",
              r"(?:hurts?|pain\w*|worse) (?:\w+ )?(?:when (?:i |he |she )?)?(?:lying|lie down|lie in bed|in bed|at night)",
              r"(?:worse|worst) (?:\w+ )?when (?:you are|you're|i am|i'm|he is|she is) (?:lying |laid )?(?:in bed|lying down|lying flat)",
              r"(?:lying|lie|laying) (?:down|flat|in bed)\W+(?:=|is|feels like|equals)?\W*(?:agony|unbearable|torture|hell|the worst|excruciating)",
              # "rest does nothing", "stays the same whatever position I'm in"
              r"(?:rest\w*|lying down|lying still|lying flat|sleep\w*) (?:does|did|is doing|makes|made) (?:nothing|not a thing|zilch|sod all)\b",
              r"(?:stays?|is|remains?|feels?) (?:exactly )?the same (?:whatever|whichever|in every|in any|no matter (?:what|which)) "
              r"(?:way |side |position)"), harmless=_eased),
    _Rule("urgent", "a new lump or swelling on the back, or the back changing shape",
          _rx(r"\blumps?\b(?! sums?)|swelling|swollen|\bbump on|\bmass on|\bmass in|\bbukol\b",
              r"\b(?:appeared|grew|grown|growing|formed|came up|popped up|there is|found|noticed) (?:me |up )?(?:a |an )?(?:\w+ )?ball "
              r"(?:in|on|under|near) (?:the |my |his |her )?(?:back|spine|skin)\b",
              r"\b(?:hump|growth|nodule|cyst)s?\W+(?:\w+\W+){0,6}?(?:spine|back|backbone)\b",
              # the back changing shape: "my back has started to curve to one side"
              r"\b(?:back|spine|backbone) (?:\w+ ){0,4}?(?:curv\w*|bend\w*|bent|lean\w*|tilt\w*|twist\w*) (?:\w+ )?(?:to|towards|over to) "
              r"(?:one|the (?:left|right)|one) side\b",
              r"\b(?:bump|lump|swelling|growth|bulge|knot|ball)s? (?:\w+ ){0,4}?(?:come|came|coming|appear\w*|pop\w*|develop\w*|form\w*|grow\w*) "
              r"(?:up )?(?:on|in|near|by|along) (?:my|your|the|his|her) (?:back|spine|lower back|backbone)",
              r"(?:back|spine|ribs?|rib ?cage|shoulder ?blades?)\W+(?:\w+\W+){0,4}?(?:sticks?|sticking|stuck|pok\w*|bulg\w*) out"
              r"\b[^.?!]{0,20}?\b(?:on|to) (?:the|one) (?:left|right|side)\b",
              r"\b(?:ball|lump|bump|knot|pea|marble)s? (?:\w+ )?under the skin",
              r"(?:back|spine) (?:\w+ ){0,4}?(?:hump|lump)s?\b",
              r"one side of (?:my|his|her|the) (?:lower |upper |mid )?(?:back|spine|body|ribs|rib cage) (?:\w+ ){0,2}?(?:higher|lower|bigger|sticks? out|bulg\w*)",
              r"raised (?:bit|area|patch|spot|lump) (?:\w+ ){0,2}?(?:on|over|near|along|by) (?:my|the|his|her) (?:spine|back)",
              # "a raised puffy patch on my lower back", "a hard knobbly thing on my spine"
              r"\b(?:raised|puffy|puffed|swollen|hard|knobbly|knobby|lumpy|bony|squishy|squidgy|spongy|firm) (?:\w+ )?"
              r"(?:bit|area|patch|spot|lump|bump|knot|ball|thing|part) (?:\w+ ){0,2}?(?:on|over|near|along|by|in) (?:my|the|his|her) "
              r"(?:lower |upper |mid |middle )?(?:spine|back|backbone)\b",
              # "my back has started to look curved"
              r"\b(?:back|spine) (?:\w+ ){0,2}?(?:started|starting|begun|beginning|begins?) to (?:look|get|go|become|bend|curve|lean) "
              r"(?:\w+ )?(?:curved|bent|crooked|twisted|lopsided|hunched|rounded|to one side)",
              r"\bbump (?:\w+ ){0,5}?(?:was not|was never|never used to be|did not used to be) there",
              r"one shoulder (?:\w+ ){0,2}?(?:higher|lower)|(?:back|spine) (?:looks|is|has gone|seems|is looking) "
              r"(?:\w+ )?(?:curved|bent|crooked|twisted)",
              r"\b(?:bump|bulge|knot|growth|mass|nodule|cyst)s? (?:\w+ ){0,3}?(?:on|next to|near|beside|by|along|over|at "
              r"the side of) (?:my|me|the|his|her) (?:spine|back|lower back|backbone)",
              r"(?:spine|back)\W+(?:\w+\W+){0,4}?(?:crooked|lopsided|uneven|twisted|bent to one side)",
              r"(?:spine|back) (?:is |has )?(?:not|no longer) (?:\w+ )?straight|(?:gone|going|grown|become|becoming) "
              r"(?:all )?(?:crooked|lopsided|hunched)",
              r"\b(?:back|spine)\W+(?:\w+\W+){0,2}?(?:gone|become|grown|got) (?:more |a bit |quite |really |very |so )?(?:crooked|lopsided|hunched)",
              r"(?:one side|a side|a bit)[^.?!]{0,30}?(?:sticks?|sticking) out|\bcurve (?:that|which) (?:was not|was never|"
              r"never was|did not used to be)",
              r"(?:back|spine)\W+(?:\w+\W+){0,4}?(?:different|new|odd|strange|chang\w*|wrong) shape|deformity|deformed",
              r"(?:back|spine|side)\W+(?:\w+\W+){0,4}?(?:puffy|swells?|puffed up|raised) (?:\w+ )?on (?:one|the (?:left|right)) side",
              r"(?:getting|developing|growing|got) a (?:hunch|hump)\b",
              r"(?:rounding|rounded|curving|curved|hunched|bent) (?:\w+ ){0,3}?more than (?:it|they|he|she) (?:used to|did|was)",
              # "my back looks way more hunched than it did at Christmas"
              r"\b(?:back|spine)\W+(?:\w+\W+){0,2}?(?:looks?|seems?|is) (?:\w+ )?more (?:hunched|curved|crooked|rounded|bent)"
              r"(?: and (?:hunched|curved|crooked|rounded|bent))? than\b",
              r"\b(?:back|spine) (?:\w+ ){0,2}?(?:looks?|looking|seems?) (?:\w+ ){0,2}?(?:different|odd|wrong)\b[^.?!]{0,40}?"
              r"\b(?:lean\w*|tilt\w*|curv\w*|bend\w*|bent|twist\w*|crooked|lopsided)\b"),
          harmless=_in_a_thing),
    _Rule("urgent", "pain between the shoulder blades or like a band around the chest",
          _rx(r"between (?:both |both of )?(?:my |me |the |his |her |their |your )?(?:two )?(?:shoulder[ -]?(?:blades?|blads?|blaids?|bones)|shoulders|(?<=two )shoulder\b|scapula\w*|wings)|(?<!resistance )(?<!bra )(?<!bra's )(?<!exercise )(?<!elastic )(?<!running )(?<!hydration )(?<!bum )(?<!waist )\b(?:band|belt|strap)\W+(?:\w+\W+){0,4}?(?:around|across|round) (?:my|the)?\s?(?:chest|ribs?|rib ?cage|body|middle|trunk|sides?|waist)",
              r"(?<!resistance band )\b(?:around|round) (?:my|the) (?:chest|ribs|rib ?cage)",
              r"(?:around|round|circles?|encircl\w*) (?:your|his|her|their) (?:chest|ribs|rib ?cage)",
              r"(?:chest|ribs|rib ?cage|body|middle|trunk)\W+(?:\w+\W+){0,3}?like a (?:ring|band|belt|girdle|hoop|vice|corset)",
              r"middle of (?:my|the|his|her) back|(?:middle|centre|center) of (?:both |my |the |his |her )*shoulder[ -]?blades|mid[- ]back|behind (?:my|her|the) bra (?:strap|line)",
              # the thoracic spine placed by landmarks: "my spine just below my neck", "level with my armpits"
              r"\b(?:spine|back|backbone)\W+(?:\w+\W+){0,3}?(?:just |right )?(?:below|under|beneath) (?:my|the|his|her) neck\b",
              r"\b(?:back|spine|sore|pain\w*|ach\w*|hurt\w*)\W+(?:\w+\W+){0,6}?(?:level with|in line with) (?:the (?:bottom|top|tips?|base|lower edge|edge) of )?"
              r"(?:my|the|his|her) (?:armpits?|shoulder ?blades?)\b",
              r"\b(?:pain\w*|ach\w*|hurt\w*|sore)\W+(?:\w+\W+){0,3}?(?:middle|centre|center) of (?:my|the|his|her) upper back\b",
              r"(?<!resistance )(?<!bra )(?<!exercise )(?<!elastic )(?<!watch )(?<!monitor )(?<!running )(?<!hydration )(?<!bum )(?<!waist )\b(?:band|belt|girdle|strap)\W+"
              r"(?:\w+\W+){0,6}?(?:a?round|from (?:my |the )?back to (?:my |the )?front)",
              r"(?:wraps?|wrapping|goes|going|spreads?|spreading|comes|coming) (?:all the way )?a?round\W+(?:\w+\W+){0,6}?(?:to )?(?:the |my )?"
              r"(?:front|chest|ribs|sides|stomach|tummy|belly)"), harmless=_worn_or_unfelt),
    _Rule("urgent", "age over 50 with a new episode of back pain",
          _rx(r"(?:i am|i'm|im|aged|age|age is|at|turned|over)\s+(?:5\d|[6-9]\d|1[01]\d)\b(?!\s*(?:km|k|miles?|minutes?|mins?|seconds?|m\b|%|kg))",
              r"\b(?:5\d|[6-9]\d|1[01]\d)\s*(?:-\s*)?(?:years?|yrs?|yo|y/o)\b",
              rf"\b{_AGED_OTHER}(?:'s| is| was|,)? \(?(?:5\d|[6-9]\d|1[01]\d)\b\)?(?!\s*(?:km|k|miles?|minutes?|mins?|"
              r"seconds?|m\b|%|kg))",
              r"\b(?:in (?:my|his|her|their) |late |early |mid[- ]?)(?:fifties|sixties|seventies|eighties|nineties|"
              r"[5-9]0s)\b|\b(?:i am|aged|turned|over) (?:fifty|sixty|seventy|eighty|ninety)\b",
              r"(?:^|[.!?]\s+)(?:fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
              r"\s*(?:,|years|yrs|year old)",
              r"(?:^|[.!?,(]\s*)(?:5\d|[6-9]\d) ?(?:f|m|male|female|yo|y\.o\.)\b(?! ?(?:km|k\b|miles?|mins?))",
              r"^\s*(?:5\d|[6-9]\d)\s*,|\((?:5\d|[6-9]\d)\)",
              r"(?:^|[.!?,]\s*)(?:5\d|[6-9]\d) and (?:new|just|only|still|starting|started|never|fairly|quite|relatively)\b",
              r",\s*(?:5\d|[6-9]\d)\s*,\s*(?:has|have|had|is|was|with|who|says|said|complains|started|gets|got)\b"), harmless=_someone_elses_age),
    _Rule("urgent", "pain that has not improved after several weeks",
          _rx(r"\b(?:pain\w*|ach\w*|hurt\w*|sore\w*|bad back|backache|it|this)\W+(?:\w+\W+){0,5}?"
              r"(?:for|over|past|last|nearly|almost|more than|about) (?:the )?(?:past |last )?(?:(?:like|maybe|around|about|roughly|"
              r"nearly|almost|over|more than|at least|a good|the best part of) )?(?:(?:[4-9]|1\d|four|five|six|"
              r"seven|eight|nine|ten|several|many) weeks|(?:\d+|a|one|two|three|four|five|six|several|a few|many|couple of) "
              r"months?|a year|years)\b",
              r"(?:(?:[4-9]|1\d|four|five|six|seven|eight|nine|ten|several|many) weeks|(?:\d+|two|three|four|five|six|several|"
              r"a few|many) months) of (?:\w+ )?(?:pain|aching|back ?ache)",
              r"\b(?:pain\w*|ach\w*|hurt\w*|sore\w*|bad) (?:\w+ ){0,3}?since (?:(?:the )?(?:beginning|start|end|middle) of |early |late |mid[- ]?)?(?:january|february|march|april|may|june|july|august|"
              r"september|october|november|december|last (?:year|month|spring|summer|autumn|fall|winter)|christmas|new year)",
              r"(?:weeks|months|a month|\d+ weeks?|\d+ months?|several weeks|a few weeks)[^.?!]{0,120}?(?:not (?:improv\w*|get\w* better|better|gone|eas\w*|changed|budg\w*|shift\w*|settl\w*|let up)|not (?:got|gotten|getting) (?:any )?better|no better|nothing (?:is|gets|got) (?:any )?better|no improvement|no change|still (?:hurts|painful|there|sore|bad|the same|aching)|has not (?:improved|gone|eased)|persist\w*|worse|nothing (?:has )?(?:improved|helped|changed|changes|worked|works|helps)|(?:as bad as|the same as|no different (?:from|to|than)) (?:on )?(?:day one|the (?:first|start|beginning)|when it (?:started|began)|ever))",
              r"(?:not (?:improv\w*|getting better|gone away|eased|changed|budged|shifted|settled)|not (?:got|gotten|getting) (?:any )?better|no better|no improvement|no change|still hurts|still painful)[^.?!]{0,120}?(?:weeks|months|a month)",
              # counted as the week it is now: "it is now week seven with no change", "the sixth week and still sore"
              r"\b(?:week (?:[4-9]|1\d|four|five|six|seven|eight|nine|ten|eleven|twelve)|(?:fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
              r"eleventh|twelfth) week)\b[^.?!]{0,60}?(?:no change|no better|no improvement|not (?:improv\w*|better|changed|eased)|"
              r"still (?:sore|hurts|hurting|painful|there|bad|aching|the same)|nothing (?:has )?(?:helped|worked|changed))",
              r"still (?:sore|hurting|painful|aching|bad|there|the same) (?:\w+ )?after (?:(?:[4-9]|1\d|four|five|six|seven|eight|nine|ten|several|many) weeks|"
              r"(?:\d+|two|three|four|five|six|several|a few|many) months)"), harmless=_performance),
    _Rule("urgent", "pain that has not improved after several weeks",
          _rx(r"(?:(?:[4-9]|1\d|four|five|six|seven|eight|nine|ten|several|many) weeks|(?:\d+|two|three|four|five|six|"
              r"several|a few|many) months)\W+(?:\w+\W+){0,6}?(?:still (?:sore|hurts|hurting|painful|there|bad|aching)|"
              r"no better|not (?:improv\w*|getting better|working|helping))",
              r"since (?:(?:the )?(?:beginning|start|end|middle) of )?(?:the )?(?:spring|summer|autumn|fall|winter|january|"
              r"february|march|april|may|june|july|august|september|october|november|december|christmas|new year)\W+"
              r"(?:\w+\W+){0,15}?(?:no better|not (?:improv\w*|getting better|got better|eased)|no improvement|"
              r"nothing (?:has )?(?:helped|worked|changed))",
              # "Back pain week 7. Tried: rest, physio, new shoes. Pain score hasn't moved."
              r"\b(?:week (?:[4-9]|1\d|four|five|six|seven|eight|nine|ten|eleven|twelve)|(?:fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
              r"eleventh|twelfth) week)\b\W+(?:\w+\W+){0,30}?(?:no change|no better|no improvement|"
              r"not (?:improv\w*|better|changed|eased|moved|budged|shifted))",
              # "since April, it's August now and it's exactly the same"
              rf"since\W+(?:\w+\W+){{0,4}}?{_MONTH}\b[^.?!]{{0,30}}?\b(?:it is|now) {_MONTH}\b"
              r"[^.?!]{0,40}?(?:the same|no better|still|not (?:improv\w*|better))"), message_wide=True),
    _Rule("urgent", _ANY_FALL_LABEL,
          _rx(*_ANY_FALL), harmless=_not_a_fall),
    _Rule("urgent", _FRAGILE_FALL_LABEL,
          _rx(_FRAGILE_THEN_FALL, _FALL_THEN_FRAGILE),
          message_wide=True, harmless=_not_a_fall),
    # the signs and the "without trying" anywhere in the message, either way round
    _Rule("urgent", "losing weight without trying",
          _rx(rf"{_THINNER}\W+(?:\w+\W+){{0,40}}?{_UNTRIED}", rf"{_UNTRIED}\W+(?:\w+\W+){{0,40}}?{_THINNER}"),
          message_wide=True, harmless=_weight_meant),
)
