"""What people say: the words and phrasings the red-flag rules are built from (the places
and functions of the body, what can be lost, the ways people describe a fall or a crash)."""

from __future__ import annotations


# Not being able to do something, in any tense ("can not", "have not been able to", "have not
# managed to", "can barely"), and the same with difficulty ("trouble", "struggling to").
_CANNOT = (r"(?:can ?not|could not|unable to|not able to|stopped being able to|can no longer|no longer able to|(?:not|never) been able to|not managed to|"
           r"not (?:like|as if) (?:i|he|she|they) (?:can|could)(?! not)|"
           r"(?:have|has|had) not managed|failed to|can barely|can hardly|barely able to|hardly able to)")
_CANNOT_OR_HARD = rf"(?:{_CANNOT}|struggl\w* to|trouble|difficult\w*|hard to)"
# Sensation words and "saddle" places; a gap of a few words may stand between them.
# People whose age a message may give before the writer's back: "my dad is 70", "she's 58".
_AGED_OTHER = (r"(?:he|she|dad|mum|mom|father|mother|husband|wife|partner|grandad|grandpa|grandma|gran|nan|nana|friend|"
               r"client|uncle|aunt|auntie)")
_NUMB = (r"(?:numb(?!er)\w*|(?:do|does|did) not seem to feel (?:anything|a thing)(?! (?:odd|wrong|strange|weird|unusual|different|bad))|tingl\w*|pins (?:and|an|&) needles|(?:like|feel\w* of|feeling of) (?:\w+ )?ants\b|(?:feels?|felt|feeling) like (?:it is |its |it's |it was )?(?:someone|somebody) else'?s\b|ants? (?:crawling|walking|running)|formication|"
         r"(?:like|as if) (?:\w+ )?(?:electric|little|tiny) needles|electric needles|no dey feel|(?:e|it) (?:don|done) die|(?:do|does|did) not (?:have |get )?(?:any |much )?(?:feeling|sensation)|"
         r"(?:do|does|did) not feel (?:anything|a thing)(?! (?:odd|wrong|strange|weird|unusual|different|funny|abnormal|untoward|off|"
         r"bad|serious|worrying|out of the ordinary|else))|not (?:a lot of|much|any|a great deal of) (?:feeling|sensation)|(?:feel|felt) (?:not (?:so )?much|very little|nothing)|(?:gone|went|going|goes) to sleep|(?:feel\w*|is|are) like (?:sleeping|asleep)|without (?:any )?(?:feeling|sensation)\b|(?:do|does|did) not feel (?:them|it|there) (?:good|well|properly|normally|right)|feel (?:it|them|that|anything|the \w+) (?:much |a lot |far )?less\b|skin (?:there |down there )?(?:became|has become|is|feels|went|got) (?:\w+ )?thick\b|(?:feels?|felt|feeling) (?:kind of |kinda |sort of |a bit |a little |slightly )?asleep|no (?:real |proper |actual )?(?:feeling|sensation)|(?:can ?not|could not|unable to|can no longer|no longer|can barely|can hardly|barely|hardly) (?:really |properly |quite )?feel|(?:lost|lose|losing) (?:all )?(?:the )?(?:feeling|sensation)|loss of (?:feeling|sensation)|(?:reduced|decreased|diminished|altered|less) (?:\w+ )?(?:sensation|feeling)|dead(?:ness)?\b|no feel|(?:zero|no) (?:feeling|sensation)|"
         r"buzz\w*|fizz\w*|fuzzy|prickl\w*|(?:like|as if|as though) (?:\w+ ){0,2}?static|not registering|(?:like|as if|as though) (?:i am |i'm |i was |i were )?sitting on (?:nothing|air)|(?:feels?|felt) like nothing\b|(?:like|as if|as though) (?:\w+ ){0,3}?(?:touching|wiping|washing) (?:someone|somebody) else\b|(?:like|as if|as though) (?:\w+ ){0,4}?(?:is|are|was|were) not (?:mine|my own|his|hers|part of me)|(?:do|does|did) not feel (?:the )?(?:hot |cold |warm )?(?:water|shower|touch|toilet seat|seat)\b|half asleep|(?:belong|belongs|belonged|belonging) to (?:someone|somebody) else|(?:like|as if|as though) (?:\w+ ){0,3}?(?:someone|somebody) else's|not (?:my|his|her) own|(?:like|as if|as though) (?:they are|it is|they were|it was) not (?:mine|his|hers|theirs|part of me)|(?:is|are|was|were) asleep|(?:like|as if|as though) (?:[\w']+ ){0,4}?(?:injected|injection|(?:an? )?(?:local |general )?an(?:a)?esthe(?:tic|sia)|novocaine|at the dentist|(?:been|gone) to the dentist|dental))")
_SADDLE = r"(?:groin|genital\w*|(?<=my )junk\b(?! (?:food|miles|mail|drawer|room|yard))|buttock\w*|sit(?:ting)? ?bones|bum|yansh|backside|back side|bottom|arse|\bass\b|\bbutt\b|inner (?:thighs?|legs?)|insides? of (?:my|me|the|both|her|his|their|your) (?:thighs|legs)|(?:the )?(?:bits?|part|area) (?:you|i|we|one) sits? on|(?:the )?(?:place|part|zone|area) (?:of|for|where) (?:you |i |we |one )?sit\w*|saddle|privates?|private parts?|crotch|taint|gooch|between (?:my |the |his |her )?legs|back passage|rectum|down there|down below|perine\w*|anus|vagina\w*|penis|testic\w*|scrotum|nether regions?|(?:when|after|as) i wip\w*|wiping|undercarriage|(?:where|when) i sit|where (?:you|one|we|i)(?: would|'d)? sit\b|intimate (?:area|parts)|my bits|lady (?:bits|parts?)|seat of (?:my|me|the|his|her) (?:\w+ )?(?:shorts|pants|trousers|jeans|tights|leggings)|(?:trouser|downstairs|bedroom) department)"
_GAP = r"\W+(?:\w+\W+){0,8}?"
_BLADDER = r"(?:(?<!hydration )(?<!water )(?<!drinks )(?<!camelbak )(?<!pack )bladder(?! (?:pack|bag|vest|sloshing))|\burin\w*|pee|peeing|wee|weeing|piss\w*|toilet|loo|bathroom|lavatory|urinal|(?<!jumping )jacks|\blav\b|waterworks|(?:my|his|her|their) water(?! bottles?| bladder| pack| belt| intake| everywhere| all over| glass| on the))\b"
# whole words: "poor", "pool", "affect" and "perfect" hold no bowel
_BOWEL = (r"(?:bowels?|\bshart\w*|(?<=my )bowls\b|\bpoo(?:s|ed|ing|ey|p|ps|ped|ping|py|pie|pies)?\b|\bstool\w*|\bfaec\w*|\bfec(?:es|al|ally)\b|"
          # not a second child: "since bub number two"
          r"(?<!bub )(?<!baby )(?<!child )(?<!kid )(?<!son )(?<!daughter )number (?:two|2)|"
          # "motions" for stools (Indian and West African English), not a movement ("slow motion")
          r"(?<!range of )(?<!slow )(?<!through the )motions\b(?! of)|\bpass\w* (?:the |a )?motions?\b|"
          r"\bmotions? (?:is |was |are |were )?(?:coming|came|comes|passing|passed)\b|\bloose motions?|"
          # "go for motion" (Indian English): to open one's bowels
          r"\bgo\w* for (?:a )?motions?\b)")
_LOSS = rf"(?:dribbl\w*|(?:do not|does not|did not|can not|no longer|have not|has not|had not) (?:get|have|feel|felt|had|got) (?:the|any) (?:feeling|urge|sensation|need|warning)|no (?:urge|warning|sensation)|(?:not|never) (?:getting|feeling|having|get|feel|have) (?:the|any|a) (?:urge|warning|sensation|feeling)|no control|lost control|loss of control|lose control|losing control|(?:{_CANNOT_OR_HARD}|struggl\w*|problems?)\W+(?:\w+\W+){{0,3}}?(?:control|hold|start|initiat\w*|commenc\w*|begin|stop|pause|go(?!t\b)|empty|pass|feel|tell|notice|realis\w*|realiz\w*|know|sense)|control (?:is |has )?(?:lost|gone)|incontinen\w*|leak\w*|accidents?|reten[ts]ion|not noticing|did not notice|did not (?:even )?feel (?:it|a thing|anything)|without noticing|do not notice|does not notice|without (?:any |my |me |even )?(?:knowledge|knowing|warning|realising|realizing|feeling)|notic\w* only (?:after|later)|only notic\w* (?:after|later))"


# Losing weight without trying: the loss (a unit, or clothes gone loose) and that it was not meant.
_WEIGHT_UNIT = r"(?:weight|kilos?|kg|pounds|lbs|stone)"
_CLOTHES = (r"(?:clothes|trousers|jeans|pants|belt|shirts?|dress(?:es)?|skirts?|waistband|(?:running )?kit|(?:running )?tights|shorts|"
            r"leggings|watch ?strap|rings?)")
_LOOSE = r"(?:falling off|falling down|falls? (?:off|down)|fell (?:off|down)|hanging off|loose|baggy|too big|big on (?:me|him|her)|swimming in|needs? (?:another|a new|an extra) hole|(?:\w+ )?notch\w* (?:tighter|smaller|in|further))"
_UNTRIED = (r"(?:without (?:any |even )?(?:trying|dieting|diet\w*|meaning to|effort|wanting(?: to)?)|"
            r"without (?:any |a |an |obvious |real |good |apparent |particular ){0,2}(?:reason|cause|explanation)\b|(?:have|has) not (?:been )?tried|do not want (?:this|it|to)|not (?:on )?purpose|no (?:reason|idea why)|not (?:been )?(?:trying|dieting|on a diet)|not doing (?:any |a )?diet\w*|not try\b|(?:was|were|am|are) not (?:trying|dieting)|"
            r"not on (?:a|any) diet|(?:do|did) not (?:make|do|made) (?:a |any )?diet|without chang\w*(?: anything)?|no (?:dey )?(?:diet\w*|change\w*)\b|not even (?:been )?(?:training|running|exercising|trying|dieting)\b|(?:not|nothing) (?:doing |done |changed )?(?:anything )?"
            r"differen\w*|nothing (?:has )?changed|eat\w* (?:more|as much)|do not know why|unexplained|unintentional\w*|for no|eat\w* (?:normally|normal|the same|same|as usual|properly|loads|"
            r"plenty|lots)|not changed (?:what|how much|how|anything about what) i eat|not chang\w* (?:my |his |her |what i |how i |how much i )?(?:diet|eating|food|meals|eat)\b|"
            r"same (?:diet|food|amount|appetite)|appetite (?:is |has been )?(?:the same|normal|unchanged|fine|good)|appetite (?:has not|had not|did not|is not) (?:\w+ )?chang\w*|not changed (?:anything|a thing)|not changed (?:my |what i |how i )?(?:training|diet|eating|routine)|"
            r"(?:can not|could not) explain|no explanation|"
            # eating and training as ever, said in other ways
            r"(?:have not|has not|had not|did not|not|never) (?:been )?diet(?:ed|ing)|eat\w* like (?:a horse|i always do|always)|eat\w* (?:my|his|her) usual|"
            r"eat\w* (?:well|as usual)|(?:running|training|run|jogging|mileage) (?:\w+ )?(?:the )?same\b|same (?:training|running|mileage)|"
            r"no change in (?:my|his|her) (?:running|training|diet|eating)|not (?:training|running|doing|exercising) (?:any )?(?:more|harder|extra)|"
            r"not eating less|not (?:been )?on (?:a|any) diet|no (?:secret|reason)|did not set out to|(?:could not|can not) find (?:a|any) reason)")
# Weight lost told by its signs: clothes, a ring or a strap gone loose, the scales, a face in photos.
_THINNER = (r"(?:thinner|skinnier|gaunt|wasting away|(?:got|gone|getting|become|became|look\w*) (?:\w+ )?(?:skinny|thin|bony)|"
            r"(?:face|body|arms|legs) (?:has |have )?(?:\w+ )?(?:thinned|reduc\w*|shrunk|shrinking)|"
            r"(?:cheekbones?|collarbones?|ribs|hip ?bones?) (?:are |is )?(?:\w+ )?(?:sticking|poking|showing) out|"
            rf"{_CLOTHES} (?:\w+ ){{0,4}}?{_LOOSE}|(?:take|taken|took|taking) (?:it|them|\w+ \w+) in\b|"
            r"(?:wedding ring|ring|watch ?strap|strap|band|dentures|bra band|suit|vest|boardies|dress|collar) (?:\w+ ){0,4}?"
            r"(?:loose|looser|fell off|falls off|falling off|slides?|sliding|slipping|swimming|hanging|flap\w*|down a size|last (?:hole|notch))|"
            r"(?:swimming|hanging) on me|falling off me|"
            r"(?:lost|losing|lose|dropp\w*|shed\w*) (?:\w+ ){0,3}?(?:weight|kilos?|kg|pounds|lbs|stone|dress sizes?|sizes?)\b|"
            r"(?:weight|scales?) (?:\w+ ){0,4}?(?:dropp\w*|going down|gone down|falling|down|reducing|went from)\b|"
            r"\bdown (?:\d+(?:[.,]\d+)? ?(?:kg|kilos?|lbs?|pounds|stone|st)\b|(?:two|three|\d) (?:dress |jeans? )?sizes?)|"
            r"\d+(?:[.,]\d+)? ?(?:kg|kilos?|lbs?|pounds|stone) (?:off|lighter|down|less)\b|-\d+ ?(?:kg|lbs?)\b|"
            r"(?:you|i) (?:have |had )?lost weight|(?:from|gone from) \d+(?:[.,]\d+)? ?(?:st\w*|kg|kilos?|lbs?)? ?(?:\d+ )?(?:to|-) \d+\w*)")
# Pain that rest and lying still do not relieve.
_NO_RELIEF = (r"(?:not (?:going|reducing|easing|stopping|decreasing) (?:\w+ )?(?:after|with) (?:\w+ )?rest\b|"
              r"(?:do|does|will|did|is|was|would) not (?:eas\w*|go\w* away|settl\w*|stop\w*|improv\w*|(?:get|go)\w* better|"
              r"let\w* up|reduc\w*|subsid\w*|quit|shift|budge)|nothing (?:relieves|eases|"
              r"helps|stops|shifts|settles)|nothing (?:i|he|she|they|we) (?:do|try|tried|did) (?:\w+ )?(?:eases|helps|relieves|works|stops|shifts)|no position|can ?not get (?:comfortable|comfy)|constant|unbearable)")


# Trauma, the ways people describe it. Serious: a vehicle, a height, stairs, a horse, a tackle, a
# hard landing on the back; that is the emergency tier ("pain that started after a serious fall,
# a car crash or another major accident"). Any other fall or knock with back pain: see a doctor
# today (and the same day with osteoporosis or long-term steroids, whatever the fall).
_VEHICLE = (r"(?:car|cars|van|truck|lorry|bus|taxi|cab|vehicle|motorbike|motorcycle|moped|scooter|bike|bicycle|"
            r"cyclist|driver|tram|train|4x4|suv|rickshaw|auto-?rickshaw|auto|tuk-?tuk|okada|keke|matatu|jeepney|danfo|boda(?:-?boda)?|"
            r"minibus)(?:s|es)?\b")  # whole words: "on the carpet" is no car
_BACK_PART = r"(?:back|lower back|spine|bum|backside|bottom|butt|tailbone|coccyx|behind|rear|hip|hips|side)"
_HEIGHT = (r"(?:ladder|roof|height|horse|pony|stairs?|staircase|flights?|steps|wall|tree|balcony|scaffold\w*|bike|bicycle|"
           r"motorbike|motorcycle|trampoline|cliff|rocks?|climbing wall|bunk bed|loft|window|fence|ledge|bank|"
           r"platform|stage|truck|lorry|van|skateboard|scooter|mountain bike|quad|hayloft|hay ?bales?|haystack|stack|ravine|gorge|"
           r"embankment|step-?ladder|step ladder|ute|tractor|trailer|pick-?up|mezzanine)")
_SERIOUS_TRAUMA = (
    r"\b(?:crash\w*|collid\w*|collision|smash(?:ed|ing)? into|pile-?up|write-?off|written off|"
    r"head-on|t[- ]?boned|side[- ]?swiped|rear[- ]?ended|shunt(?:ed)?|fender[- ]bender|prang(?:ed)?)",
    rf"\b(?:hit|knocked|clipped|struck|run|ran|mowed|bumped|clobbered|side-?swiped|taken out|creamed|doored|flattened|"
    rf"ploughed|plowed|wiped out|smashed|crushed|pinned|squashed|sandwiched|dragged) "
    rf"(?:down |over |off |flat |sideways )?(?:from (?:behind|the side|the front|the back) )?(?:by|from) (?:a |an |the |some )?(?:\w+ )?{_VEHICLE}\b",
    r"\b(?:rolled|flipped|overturned|wrapped) (?:my|the|our|a) (?:\w+ )?(?:car|van|truck|lorry|vehicle|quad|jeep|suv|4x4)\b",
    rf"\b{_VEHICLE} (?:\w+ )?(?:rolled|flipped|overturned|somersault\w*|capsized|turned over|tipped over|spun|skidded|went off the road|left the road|hit a (?:tree|wall|lamp)|"
    r"(?:slid|skidded|went|ended up|careered|veered) (?:off the road )?(?:into|in) (?:a|the) (?:ditch|hedge|barrier|river|verge))",
    r"\bair ?bags? (?:went off|deployed|blew|exploded|came out|popped)",
    r"\bdiv\w* (?:\w+ ){0,3}?(?:into|in) (?:the )?(?:shallow|shallows)\b|\b(?:car|van|bike|motorbike|vehicle) (?:is |was |got |has been )?(?:completely |totally )?"
    r"(?:destroyed|totall?ed|wrecked|a write-?off|crushed)\b",
    rf"\b{_VEHICLE}\b[^.?!]{{0,30}}?\b(?:it|they|he|she) (?:hit|clipped|struck|knocked|ran into|ran over|ploughed into|smashed into) (?:me|us)\b",
    # "I was knocked over", "a car ran me down"; not the writer knocking something over ("knocked over a bookshelf")
    r"\b(?:knocked|run|ran) (?:me )?(?:down|over)\b(?! (?:\d|(?:a|an|the|my|his|her|their|our|some|it|them|that|this|those|these)\b))|\bknocked (?:me )?off (?:my|the|his|her|their) (?:bike|bicycle|motorbike|scooter|feet|horse)",
    rf"\b{_VEHICLE} (?:\w+ )?(?:hit|clipped|struck|knocked|bumped|swiped|caught|smacked|ran into|ran over|drove into) "
    rf"(?:me|my|us|into me)\b",
    rf"\b{_VEHICLE} (?:\w+ ){{1,4}}?and (?:then )?(?:hit|clipped|struck|knocked|ran over|ploughed into) (?:me|us)\b",
    rf"\b{_VEHICLE} (?:\w+ )?(?:went|drove|ran|ploughed|plowed|slammed|smashed|ran|backed|reversed|pulled out) "
    rf"(?:\w+ ){{0,3}}?(?:into|in to|out in front of|over|out on) (?:the back of )?(?:me|mine|my|us)",
    rf"\b(?:accident|incident|collision) (?:in|on|with) (?:a |my |the )?{_VEHICLE}",
    r"\b(?:car|road|traffic|motor|motor vehicle|vehicle|bus|scooter|motorbike|motorcycle|bike|cycling|skiing|snowboarding|riding|horse|work|rugby|football|"
    r"climbing|diving|sledging|skating) (?:accident|crash|collision|smash|incident|fall|wreck)",
    r"\b(?:we|i) (?:had|get|got|have) accident\b|\bwrote (?:my|the|our|his|her) (?:\w+ )?(?:car|van|bike|motorbike) off\b|"
    r"\b(?:collapsed|collapsing) (?:scrum|ruck|maul)|\bscrum (?:collapsed|went down)|\bbottom of (?:a|the) (?:ruck|pile|scrum|maul)|"
    r"\bfolded (?:\w+ ){0,3}?under\b|"
    r"\b(?:landed|fell|jumped|dropped|came down) (?:\w+ ){0,4}?from (?:about |around |nearly |over |maybe |like )?\d+(?:[.,]\d+)?\s*"
    r"(?:metres|meters|m|feet|ft|foot|storeys|stories)\b|"
    r"\b(?:fell|dropped|came down|tumbled) (?:about |around |nearly |over |maybe |like |some )?\d+(?:[.,]\d+)?\s*"
    r"(?:metres|meters|feet|ft|foot|storeys|stories)\b|"
    # "came down from the top onto the floor", "fell off the top of a stepladder"
    r"\b(?:fell|came down|came off|dropped|tumbled) (?:\w+ ){0,2}?(?:from|off) (?:the )?(?:very )?top\b|"
    r"\b(?:someone|somebody|a driver|another driver|the driver|he|she|they|(?:a |some |this )?(?:bloke|guy|man|woman|lady|lad|kid|idiot|driver)) "
    r"(?:drove|ran|crashed|smashed|went|ploughed|slammed|reversed|backed) "
    r"(?:\w+ ){0,2}?into (?:the (?:back|side|front) of )?(?:me|us|(?:my|our)(?! parked| empty| unattended))\b|"
    r"\bpinned (?:me|him|her|us) (?:against|between|under|to)\b|\bthrew (?:me|him|her) (?:over|across|into|onto|off)\b|"
    r"\b(?:had|came|took) a (?:\w+ )?stack\b|\bstacked (?:it|my (?:\w+ )?(?:bike|car|motorbike|ute))\b|"
    r"\bcartwheel\w* (?:down|over|off|across)\b|"
    r"\b(?:skydiv|parachut|paraglid|hang-?glid|bungee)\w* (?:\w+ ){0,3}?(?:landing|accident|went wrong|crash\w*|fail\w*)",
    r"\bthrown (?:on|onto|on to|across) (?:the )?(?:road|ground|tarmac|pavement|floor|bonnet)\b|"
    r"\b(?:a|an|the|my|in an?|had an?|was in an?|involved in an?) (?:big |bad |serious |major |nasty |horrible |"
    r"terrible )?(?:okada |bike |car |road |motorbike |scooter |keke |bus |taxi )?accident\b",
    rf"\b(?:f[ae]ll\w*|fallen|tumbl\w*|roll(?:ed|ing)|bounc(?:ed|ing)|slipp?\w*|tripp?\w*|thrown|flung|came|come|coming|got thrown|bucked|"
    rf"flew|went flying|wiped out|came a cropper) (?:\w+ ){{0,5}}?(?:off|from|down|out of|over|through|top of) "
    rf"(?:\w+ ){{0,5}}?{_HEIGHT}\b(?! roots?\b| stumps?\b| branch)",
    r"\bover the (?:bonnet|hood|windscreen|windshield|handlebars) of\b|\b(?:went|flew|thrown|landed) (?:over|onto|on to|into) the (?:bonnet|hood|windscreen|windshield)\b|"
    rf"\bcrush\w* (?:\w+ ){{0,4}}?(?:by|under|between|against) (?:a |an |the |two )?(?:\w+ )?{_VEHICLE}\b|"
    r"\bflattened by (?:a|an|another|some) (?:\w+ )?(?:runner|player|cyclist|rider|skater|skier|horse|cow|dog)\b",
    r"\b(?:tackled|rugby tackle|body ?checked|body-?slammed|slammed (?:into|onto|against) the (?:ground|floor|mat|wall)|"
    r"sacked|speared|piled on|stamped on|trampled|kicked|punched|"
    r"assaulted|attacked|beaten up|hit with|struck with|whacked with|blow to (?:my|the) (?:back|spine|head))\b",
    r"\b(?:wiped out|wipe-?out|went flying|went over the (?:handlebars|bars|top)|over the handlebars|"
    r"came off (?:my|the|a) (?:bike|horse|motorbike|motorcycle|scooter|board|skis?)|thrown (?:off|from|by)|"
    r"bucked off|took a (?:big |bad |nasty |hard |heavy |massive |huge |proper |serious )(?:tumble|spill|hit|knock|fall|header)|took a (?:hit|header))\b",
    r"\blanded on (?:top of )?(?:me|him|her)\b|\b(?:big|massive|huge|hard) hit\b",
    r"\b(?:horse|pony|bull|mule) (?:\w+ )?(?:threw|flung|tossed|bucked|dumped) (?:me|him|her|them)\b",
    r"\b(?:\d+|two|three|four|five|six|ten)\s*(?:metres|meters|m|feet|ft|foot|storeys|stories|floors)\b[^.?!]{0,40}?"
    r"\b(?:down|onto|on to|fall|fell|drop\w*|tumbl\w*)",
    r"\b(?:fell|came down|came off|dropped|toppled|collapsed|crashed)\b[^.?!]{0,40}?\b(?:onto|on to|on top of) "
    r"(?:my|his|her) (?:back|spine|head)\b",
    r"\b(?:went|ran|crashed|skied|rode|cycled|flew|slid|skidded) (?:straight |head first |headfirst )?into a "
    r"(?:tree|wall|post|lamp ?post|fence|barrier|pole|rock|car|van|bus)\b",
    r"\b(?:f[ae]ll\w*|landed|slipp\w*|came down|went down)[^.?!]{0,80}?(?:heard|felt) (?:a |something )?(?:crack|snap)",
    r"\b(?:landed|fell|came down) (?:\w+ ){0,6}?(?:on|onto) (?:the |a )?(?:edge|corner) of\b",
    r"\b(?:serious|bad|big|nasty|heavy|hard|major|horrible|awful|huge) (?:fall|accident|tumble|crash|spill|"
    r"knock|impact|collision|blow|smash|wreck|pile-?up)\b|\bmajor (?:trauma|injury)\b|\bwhiplash\b",
)
_PERSON = (r"(?:i|i have|i had|he|she|we|they|you|mum|mom|dad|husband|wife|partner|son|daughter|grandad|grandpa|"
           r"grandma|gran|nan|nana|friend|client)")
# Landing hard on the back: the emergency tier, except after the minor fall of someone with
# osteoporosis or on steroids, which has its own (urgent) rule.
_HARD_LANDING = (
    rf"\b(?:landed|land|landing|came down|went down|fell|fallen|slammed|thumped|crashed) (?:\w+ ){{0,2}}?(?:hard |heavily |"
    rf"flat |right |square(?:ly)? |awkwardly )?(?:on|onto) (?:my|the|his|her) {_BACK_PART}\b",
    r"\b(?:landed|land|landing|came down|went down|fell|fallen) (?:\w+ )?(?:back|bum|bottom|backside)[- ]first\b",
    rf"\bhit the (?:ground|deck|floor|tarmac|ice|water) (?:\w+ )?(?:hard |heavily )?(?:on|onto) (?:my|his|her) {_BACK_PART}\b",
)
_ANY_FALL = (
    rf"(?:\b{_PERSON} (?:(?!not\b|never\b|no\b)\w+ )?|(?:^|(?<=[.!?;,] )|(?<=[.!?;,])))(?:f[ae]ll\w*|fallen|tumbl\w*|toppl\w*|slipp(?:ed|ing)|tripp(?:ed|ing)|stumbl\w*|lost (?:my|his|her) "
    rf"(?:footing|balance)|went over|went down|keeled over|face-?planted|came down|hit the (?:ground|deck|floor|pavement))\b",
    r"\b(?:had|took|taken|have had|a) (?:a |an )?(?:\w+ )?(?:fall|slip|tumble|spill)\b|\bfell over\b|\btoppled (?:over|off)\b|\bslipped (?:on|over)\b",
    # "trip" the stumble, not the journey: "had a little trip on the kerb", not "went on a work trip"
    r"\b(?:had|took|taken|have had) (?:a |an )?(?:\w+ )?trip (?:on|over|up|and (?:fell|went down|landed))\b",
    r"\bmissed (?:a|the|my|one) (?:step|stair|footing|kerb|curb)\b",
    r"\b(?:knocked|bumped|banged|hit|jarred|twisted|wrenched|jolted|whacked|smacked) (?:\w+ ){0,2}?"
    r"(?:my|the) (?:whole |entire |lower |upper )?(?:back|spine|tailbone|coccyx)\b",
    # "backed into the corner of the worktop", "head-butted me in the lower back", "took a knee to the back"
    r"\b(?:backed|walked|bumped|banged|slammed|smacked) (?:\w+ ){0,2}?into (?:the |a )?(?:\w+ ){0,3}?(?:corner|edge|worktop|counter|"
    r"table|door ?frame|railing|banister|post)\b",
    r"\b(?:head-?butt\w*|kneed|elbowed|rammed|barged|shoulder-?charged) (?:me )?(?:\w+ ){0,2}?(?:in|on|into) (?:the |my )?"
    r"(?:lower |low |upper |small of (?:the |my )?)?back\b",
    r"\btook (?:a|an) (?:\w+ )?(?:knee|elbow|boot|kick|shoulder|whack|knock|blow|ball|tackle) (?:\w+ )?(?:to|in|on) (?:the |my )?"
    r"(?:lower |low |upper )?back\b",
    r"\bcame off (?:the (?:back|end) of )?(?:the |a |my )?treadmill\b|\b(?:came|fell|flew) off the (?:back|end) of (?:it|the belt)\b",
)


_FRAGILE = (r"(?:osteop[eo]r\w*|osteopenia|(?:brittle|thin|weak|fragile|soft) bones|bones (?:are|were|is|being) \W?(?:thin|brittle|weak|fragile|soft)|(?:low|poor) bone density|"
            r"steroid\w*|prednis\w*|cortisone|dexamethasone)")
# whole words: "slippers", "triple" and a car's "bumper" are no fall
_FALLING = (r"(?:f[ae]ll\w*|fallen|\bslip(?:s|ped|ping)?\b|\btrip(?:s|ped|ping)?\b|stumbl\w*|\btumbl(?:e|ed|es|ing)\b|knock\w*|"
            r"\bbump(?:s|ed|ing)?\b|landed|came down|went over|jolt\w*|jarr\w*|"
            r"(?:sat|sit|sits|sitting) down (?:\w+ ){0,2}?(?:hard|heavily)|\bslid (?:off|down|out of)\b|missed (?:a|the|my) (?:chair|seat)|"
            r"went down|lost (?:my|her|his) (?:footing|balance)|missed (?:a|the|my|one) (?:step|stair|footing|kerb|curb)|toppl\w*)")


_SERIOUS_TRAUMA_LABEL = "pain that started after a serious fall, crash or accident"
_ANY_FALL_LABEL = "a fall or a knock to the back"
_FRAGILE_FALL_LABEL = "a minor fall with osteoporosis or long-term steroids"


# Words between the legs and their symptom, within one clause: not across a comma or a "but", and
# not past the back ("both legs were fine but my back aches" is about the back).
_IN_CLAUSE = r"(?:(?!(?:back|spine|but|though|although|and|while|whereas)\b)[\w']+[ \-–]+)"
_BOTH_LEGS_FIRST = (rf"(?:both|two) (?:of )?(?:my |me |the |his |her |their |your )?(?:legs|pins|thighs|feet|foot)[ \-–]+{_IN_CLAUSE}{{0,8}}?"
                    r"(?:[\w']+ and )?(?:pins and needles|weak\w*|numb(?!er)\w*|tingl\w*|pain\w*|hurt\w*|ach\w*|giv\w*|gave|buckl\w*|dead|heavy|lame|"
                    r"useless|wobbly|concrete|lead|asleep|(?:going|gone|go|goes|went) to sleep)\b")
# Knees that give way, both of them by the plural ("my knees keep buckling"): legs giving way.
_KNEES_GIVE = r"\bknees (?:\w+ ){0,2}?(?:buckl\w*|giv\w* (?:way|out)|gave (?:way|out)|collaps\w*|fold\w*)"
_LEGS_FIRST = (rf"legs?[ \-–]+{_IN_CLAUSE}{{0,4}}?(?:giv\w* (?:way|out)|gave (?:way|out)|buckl\w*|collaps\w*|weak\w*|numb(?!er)\w*|"
               r"not (?:hold|support|carry|carrie)\w*|(?:going|gone|went|go) (?:from )?under (?:me|you|him|her|them|us)|fold\w*|crumpl\w*|like (?:jelly|cotton|rubber|water|spaghetti|noodles?|cooked pasta|wet noodles)|(?:turn\w*|gone|go|going|went) "
               r"(?:to )?jelly|(?:went|gone|going|go) dead)")
# Patterns that name the place or function first and the symptom last (see _denied_last):
# "bladder fine, no leaks", "both legs feel normal, no weakness", "my legs do not give way".
_FRAGILE_THEN_FALL = _FRAGILE + r"\W+(?:\w+\W+){0,40}?" + _FALLING  # across sentences: see _Rule.message_wide
_FALL_THEN_FRAGILE = _FALLING + r"\W+(?:\w+\W+){0,40}?" + _FRAGILE  # "tripped ..., no osteoporosis or anything": denied last
_LEG_SYMPTOM = r"(?:weak\w*|numb(?!er)\w*|tingl\w*|pins and needles|shooting|heavy|dragging|limp\w*|pain\w*|ach\w*|sciatica|dead)"
_BLADDER_THEN_LEAK = _BLADDER + r"[^.?!]{0,80}?\bleak(?:ing|ed|s)?\b"  # "up to the loo all night ... leaking"
_PLACE_FIRST = frozenset((_SADDLE + _GAP + _NUMB, _BLADDER + _GAP + _LOSS, _BOWEL + _GAP + _LOSS, _BOTH_LEGS_FIRST,
                          _LEGS_FIRST, _FRAGILE_THEN_FALL, _FALL_THEN_FRAGILE, _BLADDER_THEN_LEAK))
