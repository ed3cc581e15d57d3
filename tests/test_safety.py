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
    # trauma in everyday words
    "came off my mountain bike on a descent yesterday and my lower back is agony",
    "a van reversed into me in the car park and now my back hurts",
    "got rear-ended on the motorway last week, lower back still sore",
    "a cyclist knocked me down on the towpath, my back is killing me",
    "went over the handlebars and my spine hurts",
    "I was thrown from my horse and my back is really painful",
    "fell down the stairs at home, back pain since",
    "lost my footing on the climbing wall and landed hard on my tailbone",
    "got sacked in american football practice and my back hurts",
    # bladder, bowel, sex in lay words
    "my back hurts and I can barely feel anything when I wipe",
    "back pain and I can't get my wee started this morning",
    "since my back went I can't get it up",
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
    "tripped on a tree root on my run and my back hurts now",
    "I take prednisolone and had a little slip in the shower, now my back aches",
    "my jeans are hanging off me and I'm not dieting, plus my back aches",
    "back pain for two months that is no better even with rest and new shoes",
    "back keeps me up every nite, lying down makes no difference",
    "I had a melanoma removed and now my back hurts",
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
    # denied symptoms, every common form of negation
    "no numbness, no tingling, and my bladder is fine, just a stiff back",
    "I haven't noticed any pins and needles around my groin, my back is just tight",
    "Any numbness down below? None. It is just an ache after runs",
    "I've never had cancer and I'm not losing weight, my back is sore after running",
    "My legs feel fine. No weakness either. Which stretches?",
    "I didn't fall or crash or anything, my back just aches",
    "zero problems peeing, my back is sore after long runs",
    "no fever or chills, just stiff",
    # harmless words that look like trauma
    "I crashed on the sofa after my long run and my back is stiff",
    "my old trainers are falling apart, is that why my back hurts?",
    "I nearly fell on the ice but caught myself, my back is fine, which shoes grip best?",
    "when did the Roman Empire fall?",
    "my pace fell off a cliff in the second half and my back ached",
]


# More everyday phrasings of every item of both tiers, and denials (written for these tests).
EMERGENCY_MORE = [
    'back pain and my bum feels numb when I sit on the toilet',
    "I can't feel the toilet paper when I wipe and my back aches",
    'no sensation around my privates since my back went',
    'my inner thighs have gone numb and my lower back is sore',
    'strange numb feeling in my crotch area with back ache',
    'back pain and my backside feels dead',
    'pins and needles in my saddle area after my run, back hurts',
    'back ache and tingling down below',
    "back pain and I've been dribbling urine",
    'I peed myself without realising and my back is killing me',
    "back pain and I can't tell when I need to pee",
    'had an accident and wet myself, lower back pain too',
    'my bladder feels full but nothing comes out and my back hurts',
    "I'm not able to empty my bladder properly, back pain",
    'lost control of my bladder on my run and my back hurts',
    'back pain and I keep leaking wee',
    'I messed myself yesterday and my back is agony',
    "I couldn't hold it in and soiled myself, back pain since",
    "I didn't realise I needed to poo and had an accident, back hurts",
    'back pain and I have no control over when I go to the toilet',
    'both legs feel weak and my back hurts',
    'my legs keep buckling under me, lower back pain',
    'my legs are going from under me and my back aches',
    "I'm struggling to walk with this back pain",
    'my legs feel like jelly and keep giving out, back pain',
    'numbness down both legs and back pain',
    'sciatica in both legs now',
    "I can't lift my feet properly and my back hurts",
    'back pain and my foot slaps the ground when I walk',
    "back pain and I can't get an erection",
    'problems in the bedroom since my back went',
    'back pain and no feeling during sex',
    'I was knocked off my bike by a car and my back hurts',
    'back pain after a car accident last night',
    'I rolled my car and my back is sore',
    'I fell from a height at work and hurt my back',
    'fell off the roof and my back hurts',
    'came off a horse and landed on my back',
    'a bus hit me and now my back hurts',
    'I slipped down the stairs and my back is really sore',
    'fell down a flight of stairs, back pain',
    'tumbled down the stairs last night and my lower back hurts',
    'got taken out by a car at a junction on my run, back hurts',
    'I landed on my coccyx after slipping and it is agony',
    'thrown off my motorbike, back hurts',
    'back pain and tightness in my chest',
    'pain in my chest and back',
    'crushing feeling in my chest and my back hurts',
]
URGENT_MORE = [
    "back pain and I've been feverish",
    "my back hurts and I'm running a temperature",
    'back pain with sweating and shivering',
    'back ache and I feel hot and cold',
    "lower back pain and I've got the chills",
    'I feel flu-ish with a temperature and my back aches',
    'high temp 38.5 and back pain',
    'lost a lot of weight without dieting and my back hurts',
    "my weight is dropping and I don't know why, back pain too",
    'lost 6kg in a month without trying and my back aches',
    "people say I look thinner and I haven't been trying to lose weight, back pain",
    'I had prostate cancer and now my back hurts',
    'breast cancer survivor with new back pain',
    'had chemo last year and now back pain',
    'in remission from lymphoma, new lower back pain',
    'history of cancer and my back has started hurting',
    'my back pain is worse at night',
    'the back pain wakes me up',
    "I can't sleep because of my back pain",
    'my back hurts even when lying still',
    "resting doesn't help my back at all",
    'constant back pain day and night',
    "there's a lump on my spine",
    'swelling on my lower back',
    'my back looks a different shape',
    'pain between my shoulder blades',
    'pain in my upper back between the shoulders',
    'a band of pain around my ribs',
    "I'm 58 and this is new back pain",
    "at 62 I've just started getting back pain",
    'aged 55 with a new bad back',
    'back pain for 6 weeks and not getting better',
    "had this back pain for over a month and it's not improving",
    'my back has hurt for three months',
    'I have brittle bones and slipped on a step, back hurts',
    'I take steroids and tripped over, now my back aches',
    'osteoporosis and a small fall, back pain',
]
ORDINARY_MORE = [
    'no numbness or tingling anywhere, just a stiff back after running',
    'my bladder and bowels are normal, my back just aches after runs',
    "I haven't fallen or anything, my back just hurts after long runs",
    'no fever, back sore after my run',
    "I'm not losing weight, back aches after running",
    'never had cancer, my back is stiff after runs',
    'no pain at night, just after running',
    'both legs are fine, just my lower back is tight',
    'no weakness in my legs, my back aches after runs',
    'no chest pain, just back ache after running',
    'peeing fine, back a bit sore',
    'no problems down below, just a sore back',
    'nothing wrong with my waterworks, lower back ache after runs',
    "I'm 30 and my back aches after running",
    'it has only been 3 days and my back is already better',
    'sleeping fine, back sore in the morning before runs',
    "I'm not 50 yet, I'm 42, and my back is sore after runs",
    'no lumps or bumps, just aching after running',
    'legs feel strong, back just aches',
    'I have not had any accidents, my back aches after running',
    'my back was killing me after the hills but it is easing',
    'I crashed out early after my run and my back is stiff',
    'my legs were dead after the marathon and my back aches',
    'I feel weak after my long run and my back aches',
    "I've been running for 3 months and my back aches after runs",
    'I have been training for six weeks for a 10k and my back is stiff',
    'after years of running my lower back is sore this week',
    'over the past few weeks I have upped my mileage, back a bit sore',
]


# Classes of wording the rules once missed, in phrasings of this file's own: an inability in any
# tense, a place named before its symptom, chest before back, relief that never comes, clothes
# gone loose with the same diet, a lump beside the spine, pain wrapping round to the front.
EMERGENCY_FORMS = [
    "my back went into spasm and I have not been able to wee all afternoon",
    "lower back agony and I haven't managed to pee since breakfast",
    "since last night my bladder has gone strange, I just can't hold it in, and my back is killing me",
    "my back hurts and I didn't realise I needed a poo until it was too late",
    "I couldn't make it to the loo in time this morning, first time ever, and my lower back is awful",
    "my chest and upper back have been aching together since lunch",
    "my backside and inner legs have gone to sleep since my back went",
    "I can barely walk since my back went yesterday",
    "my bum and the insides of my thighs feel numb since my back flared up",
    "pins and needels around my privates and my lower back hurts",
    "I fell down a flight of stairs and my back has hurt since",
    "my back is killing me and I can't get the stream started when I go to the loo",
    "back spasms since Tuesday and only a few drops come out when I try",
    "I can no longer tell when I need a number 2 and my lower back aches",
    "both my thighs have gone heavy and numb since my back flared up",
    "my partner says I was clutching my chest at the finish, and my back has ached all week",
    "my back aches and my chest has been really tight and painful since this morning",
    "since my back went the little fella is not responding at all",
    # Numbness as a likeness or a buzz; retention with dribbling; leaks noticed only afterwards.
    "my groin and backside feel like they've had an anaesthetic since my long run, back is sore",
    "there is a weird buzzing in my bum cheeks and my lower back hurts",
    "back hurts and when I go it won't start and then just dribbles",
    "sore back and the wee comes out by itself now",
    "my back went on Friday and I've had leaks from behind without knowing",
    # Both legs told side by side; legs that will not work; sex described by intimacy.
    "lower back pain and numbness in the left leg and now the right one too",
    "back pain with a heavy ache in my thighs, left and right",
    "since my back went I can't get my legs to work properly",
    "back has been bad and when we were intimate I felt nothing at all",
    # Chest pain said another way.
    "back pain and a squeezing pain through my chest",
    "my back hurts and my chest started aching on the run",
    'my lower back went on me and now the bit I sit on feels numb',
    'pins and needles in me arse since the back went, is that normal',
    'up to the toilet five times a night and barely anything comes, back is agony',
    "back's been bad all week and twice I've woken up and the bed's been wet",
    "sore back and I keep going to the loo, then I'm leaking a little in my pants all day",
    'had an accident with my bowels without realising, back pain since Sunday',
    'back pain + ED since last week',
    "since my back went things just don't work in the bedroom",
    "my back's wrecked and down below isn't cooperating any more",
    'me legs turn to jelly when I stand, both of them, and my back is sore',
    'both my legs went dead on me and my back hurts',
    'my right foot has started slapping down when I walk and my back aches',
    'tripped at the top of the concrete steps and went all the way down them, back agony',
    'no helmet and landed on my back when I came off',
    "chest's been aching since the run and it goes through to my back",
    'back went. tingling between legs now',
    'my bottom feels like it belongs to someone else since my back went',
    'a patch of pins and needles round my back passage and my back aches',
    'stood at the loo for ages and nothing would come out, back is killing me',
    "his back went two days ago and he hasn't peed since this morning",
    "I keep having to rush to the toilet and twice didn't make it, back pain since Monday",
    'the poo comes out on its own and my lower back hurts',
    "can't squeeze and hold it in any more at the back passage, back sore",
    'sciatica in my left leg first, now the pain is down both legs',
    'my legs are like cotton and my back hurts',
    "she can't lift either foot properly and her back is sore",
    "can't stand on my tiptoes and walking has become hard, back aches",
    'nothing down below works since my back went',
    'skied into a tree and my back has hurt since',
    'fell on the icy steps and heard a crack, my back is bad',
    'my grandad was knocked flat by a reversing car and his back hurts',
    'tearing pain from my chest to my back on the run',
    'is chest pain normal with lower back pain?',
    "drying off after my bath I couldn't really feel the towel on my backside, back is agony",
    "ma back's been murder and ah cannae get a pee oot at aw",
    'mi back a hurt and mi cyaan hold di pee, it just come out',
    "back pain since the weekend and I hadn't realised I'd leaked until I saw my knickers",
    "when I wee it stops and starts and I can't push it out, back sore",
    'woke up in a wet bed this morning and my back is killing me',
    "back's been awful and I had two accidents in my pants today",
    "it comes out and I don't feel it, back agony since Sunday",
    "since my back went I wiped and realised I hadn't felt myself go",
    "both me legs feel like they're full of concrete and my back is bad",
    "both my legs are lame and I'm walking like I'm drunk, back sore",
    "can't lift the front of either foot since my back went",
    "tried with the missus last night and nothing doing, couldn't get hard, back's bad",
    'no action downstairs since my back went',
    "since my back went I can't perform in bed at all",
    'two big lads landed on me in the scrum and my back is sore now',
    'fell about 3 metres down onto concrete and my back hurts',
    'a box came off the top shelf onto my back at work, back agony',
    "my back's been hurtin and now my chest is too, kind of squeezin",
    'my chest went all tight on the run and my back hurts',
    'I fell off a ladder and it has not healed, back agony',
    'fell off a ladder last month, I was fine at first but now my back is agony',
    'crashed my car two years ago and the back pain never went away',
    # formal and clinical words
    'lumbar pain with diminished sensation around the perineum since yesterday',
    'back pain, and difficulty initiating urination since this morning',
    # Indian and West African English
    'my chest is paining me and it goes into my back after my jog',
    'back is paining and motions are coming without my knowledge',
    'back is paining, I have been stooling on myself without knowing',
    'a tuk-tuk hit my scooter and now my back is paining badly',
    'was in a road accident, our minibus somersaulted, back very painful',
    # told by what the person notices
    'when I wipe it feels like someone else\'s skin down there, back hurts',
    "haven't felt the need to do a number two for days but it just comes, back agony",
    "I don't feel the urge to go any more and my back is bad",
    'both my legs are shaking and weak and my back is killing me',
    'both legs have gone all pins and needles, lower back bad',
    # euphemism and slips of the fingers
    'back went and since then no joy in the trouser department, completely numb',
    'chestpain and back pain after my 10k',
    "lower back pain and i can't control my bowles",
    # round five: sensations and functions told by effect, and the symptom asked about in passing
    "back's been awful since the weekend and my backside feels fuzzy, like it isn't mine",
    "lower back went on my run, now the skin round my groin prickles like static",
    "sitting on the loo it's like sitting on nothing, my bottom is not registering, back is sore",
    "which stretch is best? back hurts, and I keep needing to go but then I can't actually go",
    "lower back pain plus loss of bladder control since this morning",
    "i dont get any warning anymore when i need a number two and my back is killing me",
    "my back is wrecked and I'm not getting the urge to poo, then there's an accident",
    "can't control my bowls since my back went",
    "dead from the waist down on both sides, back agony after my run",
    "back went and my legs just folded under me twice today",
    "do stretches help when your legs keep going from under you? back pain, new",
    "my feet keep slapping down because I can't lift them, since my back flared",
    "we tried being intimate and my partner says I had no feeling at all, back's been bad",
    "like a weight pressing on my chest, and my back aches, just got back from a run",
    "back ache and a tight painful chest that won't go away",
    "my chest sort of hurts and my back too after today's run",
    "wife says I keep rubbing my chest, back is sore as well",
    # round six: erection trouble told as a difficulty ("problems keeping it up")
    "the problem now is getting it up with my wife, new since the back went",
    "issues staying hard lately, should I still stretch?",
]
URGENT_FORMS = [
    "my back aches at night and nothing relieves it, I end up pacing the kitchen",
    "my trousers are baggy these days though I have not changed what I eat, and my back aches",
    "I've lost about five kilos over the last couple of months without trying and my back hurts",
    "there is a new knot next to my spine and my back is sore",
    "the pain wraps round from my back to the front of my ribs",
    "on steroids for asthma, missed a step on the bus and now my lower back aches",
    "I have osteoporosis. Last week I tripped on the kerb. Now my lower back hurts",
    "my shirts are baggy on me. I have not been dieting at all. Back aches after runs",
    "down a stone in two months and not on any diet, and my back hurts",
    "my back is fine on runs but in bed nothing eases it and no position helps",
    "I did not expect my back to be worse at night than after a run",
    "I have had back pain for like 3 months now and it is not getting better",
    "had lymfoma years ago and my back hurts after running",
    "fevr and back ache, hot then cold all evening",
    "my spine looks crooked since my back started aching",
    "I have a raging temperature and my back aches",
    "my lower back hurts and I keep shaking with the cold",
    "my weight keeps reducing, 4 kilos this year without any dieting, and my back hurts",
    "back pain at night that keeps me up no matter what I do",
    "my back aches and resting is not helping at all at night",
    "my spine is not straight any more and my back aches",
    "pain between my shoulderblades on every run",
    "a pain that wraps round from my mid back to the ribs at the front",
    "my mum is 72 and her back started hurting for the first time",
    "my back has hurt since the start of March and nothing has improved",
    'lower back pain and my thermometer said 38.6 this morning',
    'back ache and I keep getting hot then freezing cold',
    'sweating buckets in the night, back is sore',
    'had a UTI last week and now my lower back hurts',
    "I've dropped 6kg and I'm not doing anything different, back pain too",
    'down 5 kilos in two months, no diet, and my back aches on runs',
    "my belt needs new holes and I'm eating more than ever, back is sore",
    "there's a hump forming low on my back and it aches",
    'pain between her two shoulder blades when she runs',
    'my back pain is worst at night and lying still makes it worse',
    "he's up pacing at 3am because his back is so bad",
    "lying in bed it's a deep ache that won't quit",
    'I have osteoporosis and sat down too hard on a wall, felt a jolt in my back',
    'Sixty-two, never had back trouble, now it aches after every run',
    'my back has hurt since the start of the summer. No better with rest or stretches.',
    "my weight keeps going down and I eat same, I don't make diet, back sore",
    "the tailor had to take my suit in twice. I'm not trying to lose weight. Back aches too.",
    'down 4kg this month without changing anything and my back aches',
    "in the night the back is worse and I rest all day but it don't go better",
    'her back pain wakes her up every night',
    "there's a ball under the skin low on my back",
    "a raised bit over my spine that's tender",
    'one shoulder sits higher than the other and her back looks curved, she has back ache',
    'aching in the middle of my back behind my bra strap',
    'Been 2 months. Still sore. Stretches not working.',
    'I have osteoperosis and missed the chair when I sat down, back hurts',
    "my clothes are big on me now and I'm not trying to slim, back aches",
    'two belt notches smaller without trying and my back aches',
    "tossing and turning all night because of my back, it doesn't ease however I lie",
    'back pain is more at night time, not able to sleep, any side is the same',
    "ma back's worse in ma bed, nae position helps",
    'my back has a weird hump in it now and it hurts',
    'my son had a fever and he is not fine, and my back hurts too',
    'at night my back is paining, even after I rest all day it is not reducing',
    'back pain increasing when I lie down, worse every night',
    'my bones are "thin" per the scan and I bumped down two stairs on my bum, back hurts now',
    'one side of my back looks higher than the other now and it aches',
    'my husband had a melanoma removed two years ago, all clear, and now he has new lower back pain',
    # round five
    "every time I check my temperature it's 38 or so, and my back has hurt since I started running",
    "my temperature keeps going up in the evenings and my lower back aches",
    "haven't changed anything but my jeans are falling off me, and my back aches after runs",
    "not changed my diet but the scales keep going down, lower back sore lately",
    "the weight just keeps dropping off me even though I eat more, and now my back aches",
    "weight loss I can't explain, about 6kg, and back pain",
    "my back gets worse when I go to bed and nothing I do eases it",
    "back pain keeps me awake, it doesn't matter how I lie",
    "a bump has come up on my back this week, right where it hurts",
    "my back is sticking out on the right now and it's sore",
    "pain right between my shoulder blads, not going away",
    "back pain that wraps around my ribcage like a tight band",
    "it's been two months and my back hasn't got any better",
    "six weeks now and the ache is as bad as day one",
    "I take prednisolone for years, tripped over a tree root running and now my back hurts",
    "on steroids for my lungs, took a tumble on the treadmill, nothing dramatic, back sore since",
]
ORDINARY_FORMS = [
    "both legs feel fine, no weakness at all, just a stiff lower back after my run",
    "my legs do not give way or anything, my back is just sore after running",
    "the path was all lumpy and my back ached after the trail run",
    "bladder fine, no leaks, my back is just tight after runs",
    "I am able to walk fine, my back is only a bit stiff",
    "my water bottle leaked on my shorts and it looked like I had wet myself, back a bit stiff",
    "marathon fever has got me, how do I keep my back happy?",
    "I take steroids for asthma and I have not fallen, my back just aches after runs",
    "both legs were fine but my back aches after runs",  # the pain word belongs to the back
    "I did squats with both legs and my back aches a bit",
    "both my legs feel strong, my back just aches after long runs",
    "I feel less sore in my bum after the stretches",
    "my run is a trip to the shop and back, lower back aches after",
    "my hydration bladder leaked down my back, which stretch helps my sore lower back?",
    "spent a lump sum on shoes and my back still aches",
    "sex life all normal, no numbness anywhere, just a sore back after runs",
    "ran with my wife but could not finish the 10k because my back was sore",
    "I was awake at 5 for the race and my back felt stiff",
    'feeling feverish with excitement before my first marathon, back a bit stiff',
    'a lump in my shoe insole is making me run oddly and my back aches',
    "I slipped on ice last winter but that's long healed; my back is just tight after runs",
    "my dad had a bad fall last year but that's not why I'm asking, which stretches help?",
    'Cancer? Never had it. My back just aches after trail runs',
    'I can pee normally, no leaks, back sore after runs',
    'down 3 kilos on purpose since I started running, back a bit stiff, no diet needed',
    "I checked for a lump on my back. There isn't one. My back is just stiff after runs",
    "my dad has cancer and I'm running to raise money for his charity; my own back aches a bit",
    "rolled my ankle and it's swollen, and my lower back is a bit sore from limping",
    'the forecast says a really high temperature for race day, my back is a bit stiff',
    'my friend fell off her bike and broke her wrist, my back is just tight after runs',
    "my partner's dad had a heart attack, so I run alone now and my back aches a bit",
    "my mum (72) has osteoporosis so I run for my bones. I'm 35 and my back is a bit sore",
    "my son had a fever last week, he's fine now, nothing to do with me, which stretch for my back?",
    'shivering on the start line in the cold, back gets achy after races',
    'got a swollen lip from a sting on my run, my lower back is achy after hills',
    'a motivation crash lately and my back twinges after long runs',
    'when I am tired on the climbs my feet start slapping down and my lower back aches',  # form, not foot drop
    'slipped on wet grass, landed on my bum, laughed, no pain at all; core exercises for my achy back?',
    'had a car accident years ago, fully recovered; now my back aches after long runs',
    'my calves were so sore I went down the stairs backwards, back a bit stiff',
    "bumped my back on the car door, tiny bruise, doesn't hurt; posture tips for runs?",
    'my heart-rate chest strap feels tight on long runs and my back aches a bit',
    # a denial in the next sentence; someone else's illness, set apart; a story
    'the internet says numbness in the groin is serious with back pain. I do not have that, luckily. Stretches?',
    'my dad had bowel cancer years ago and he is fine now, but my back aches after my long runs',
    "our cat had a fever last month, she's better now, but my back is stiff after runs",
    'watched a documentary about a runner with cancer and started running; my back is sore',
    'my gran fell last winter and broke her hip; my back is just stiff from running',
    # tired legs after a race, a fall with the usual back ache, an idiom, a word inside a word
    'legs like jelly at the end of the half marathon, totally normal, they are fine now, back a bit stiff',
    'tripped on the kerb and grazed my knee, the usual ache in my back after long runs, nothing new',
    'tried to get a physio appointment, no joy; my back is stiff after runs',
    'my backside is sore after deadlifts and the long run, which stretch helps?',
    "my back isn't waking me up at night or anything, it just aches after runs",
    'my coach really knocked my confidence and my back aches after runs',
    "I filmed my running in slow motion and can't tell if I overstride, my back aches",
    "the twisting motion hurts my back and I cannot hold it for long",
    "just going through the motions on runs lately, can't tell why my back is stiff",
    "borrowed someone else's shorts for parkrun and my groin chafed, back a bit stiff too",
    # round five
    "running at a fever-pitch pace lately and my lower back is sore afterwards",
    "my star sign is Cancer, we worry a lot! is back ache after running common?",
    "my dad had cancer but I never have, I'm 30 and my back aches after runs",
    "slipped on a wet path but caught myself, didn't actually go down, back a little tight",
    "had a small cyst on my back once, the doctor said it was harmless and removed it",
    "feeling a bit run down lately and my back is sore after runs",
    "had a fever last winter, long gone, now it's just normal stiffness after running",
    "my shoulder blades stick out when I run, is my posture wrong?",
    # round six
    "had real trouble getting it up the hill on today's run and my back was tight after",
    "my pace dropped over winter, any issues getting it up to speed again with a stiff back?",
    "I have trouble keeping it up for a whole 10k, my lower back gets tired",
]


@pytest.mark.parametrize("text", EMERGENCY_FORMS)
def test_emergency_wordings_by_class(detector, text):
    assert tier_of(detector.detect(text)) == "emergency", text


@pytest.mark.parametrize("text", URGENT_FORMS)
def test_urgent_wordings_by_class(detector, text):
    assert tier_of(detector.detect(text)) == "urgent", text


@pytest.mark.parametrize("text", ORDINARY_FORMS)
def test_ordinary_wordings_by_class_are_not_flagged(detector, text):
    assert detector.detect(text) == (), text


@pytest.mark.parametrize("text", EMERGENCY + EMERGENCY_MORE)
def test_emergency_tier(detector, text):
    assert tier_of(detector.detect(text)) == "emergency"


@pytest.mark.parametrize("text", URGENT + URGENT_MORE)
def test_urgent_tier(detector, text):
    assert tier_of(detector.detect(text)) == "urgent"


@pytest.mark.parametrize("text", ORDINARY + ORDINARY_MORE)
def test_ordinary_questions_are_not_flagged(detector, text):
    assert detector.detect(text) == ()


def test_real_words_are_not_corrected_into_triggers(detector):
    # "ladder" is one edit from "bladder"; it is a real word, so it stays itself.
    assert detector.detect("I carried a ladder on my run") == ()
    assert tier_of(detector.detect("my bladdr control is gone")) == "emergency"


def test_labels_name_what_was_described(detector):
    (flag,) = detector.detect("my back hurts and I can't control my bladder")
    assert "urine" in flag.label


def test_a_minor_fall_is_not_the_emergency_tier(detector):
    # a small slip: see a doctor today (steroids), not the emergency department
    assert tier_of(detector.detect("on long-term steroids, a small slip on wet grass and my back hurts")) == "urgent"
    assert tier_of(detector.detect("on long-term steroids, fell off a wall and my back hurts")) == "emergency"


def test_negation_does_not_reach_past_a_terminator(detector):
    assert tier_of(detector.detect("no fever, but I can't control my bladder and my back hurts")) == "emergency"
    assert tier_of(detector.detect("I don't feel unwell. My groin is numb and my back hurts")) == "emergency"
    assert tier_of(detector.detect("I can no longer feel my groin and my back aches")) == "emergency"
