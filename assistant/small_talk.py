"""Small talk: messages that ask nothing of the articles ("hi", "thanks, that's helpful!", "ok
bye", "what can you do?", "what are your sources?").

A chat gets greetings, thanks and goodbyes between its questions. Searched like a question, such
a message finds whatever shares one of its words ("that's helpful" meets "should be able to help
you choose"), which is an unrelated answer; refused as not covered, it reads as cold. A message
made only of the phrases below gets a short reply of its kind instead (``answer.small_talk``); a
question about the assistant itself ("are you a doctor?", "help") is told what it is and what the
articles cover; a question about where its answers come from ("what are your sources?", "who wrote
this?") is given the articles, linked.
Anything more ("thanks, and how long do I hold it?", "hi, my legs went numb") makes it a message
like any other: it is searched, and checked for red flags first.

The phrases are general chat English, not words of any one article.
"""

from __future__ import annotations

import re
from typing import Literal

from .lexical import untext

Kind = Literal["sources", "about", "greeting", "thanks", "farewell", "acknowledgement"]

# The phrases of each kind, as regular expressions over the lower-cased message with texting
# spellings written out ("thx" -> "thanks"). A message is small talk when it is nothing but these,
# the fillers below, punctuation and emoji.
_PHRASES: dict[Kind, str] = {
    "sources": r"sources?|references?|refs|citations?|"
               r"(?:what|which) (?:is|are|r) (?:your|ur|the|these|its|their) (?:sources?|references?|articles?|evidence)|"
               r"what'?s (?:your|ur|the) (?:sources?|references?|evidence)|"
               r"(?:what|which) (?:articles?|sources?|references?) (?:do|did|are) (?:you|u) (?:use|using|answer from|"
               r"quote|quoting|rely on|based on|draw on|read from)|"
               r"where (?:does|do|did) (?:this|that|the|these|your|ur) (?:info|information|advice|answers?|stuff|facts?|"
               r"quotes?|content) (?:come|comes) from|"
               r"where (?:do|did) (?:you|u) get (?:this|that|your|ur|the|these) (?:info|information|advice|answers?|stuff|"
               r"facts?|quotes?)(?: from)?|"
               r"where (?:is|are) (?:this|that|these|the) (?:info|information|advice|answers?|quotes?) from|"
               r"who (?:wrote|writes|published|authored) (?:this|that|these|it|them|the articles?|your articles?|"
               r"the (?:info|information|content|source))|"
               r"who (?:is|'s) the author|who are the authors|"
               r"(?:can|could|may) i (?:see|read|have|get) (?:the|your|these|those) (?:articles?|sources?|references?|links?)"
               r"(?: myself)?|(?:give|send|show) me (?:the|your) (?:links?|sources?|references?|articles?)|"
               r"links? to (?:the|your) (?:articles?|sources?)|"
               r"(?:is|are) (?:this|these|it|they|the articles?|your answers?) (?:evidence[- ]based|reliable|trustworthy|"
               r"accurate|legit|peer[- ]reviewed)|how reliable is (?:this|it)|can i trust (?:this|you|it)",
    "about": r"help(?: me| please)?|(?:can|could) you help(?: me)?|i need (?:some )?help|what (?:can|do|could) you (?:do|help with|"
             r"help me with|tell me(?: about)?|know(?: about)?)|what do you do|who (?:are|r) (?:you|u)|what are you|"
             r"are you (?:a |an )?(?:bot|robot|doctor|human|real person|real|ai|chatbot|physio\w*|nurse|person|medical professional)|"
             r"is this (?:a |an )?(?:bot|robot|real person|human|ai|doctor)|how does this (?:work|thing work)|"
             r"how do i use (?:this|you|it)|what (?:can|should|do) i ask(?: you)?|"
             r"what (?:topics|things|subjects) (?:do|can) you (?:cover|answer|help with|know about|talk about)|"
             r"what (?:do|does) (?:the|your|these) articles? (?:cover|talk about)|what is this(?: site| chat| bot| for| about)?|"
             r"menu|start|options|commands",
    "farewell": r"bye(?:-?bye)?|goodbye|good night|night night|see (?:you|ya)(?: later| soon| around)?|cya|"
                r"take care|have a (?:good|great|nice|lovely) (?:day|one|evening|night|weekend|run)|later|ciao|"
                r"that(?: is|'s) all(?: for now)?|all (?:for now|done)|i(?: am|'m) done",
    "thanks": r"thanks?(?: you)?|thank u|thankyou|thanx|thnx|thnks|tq|cheers|ta|many thanks|much appreciated|"
              r"appreciated?(?: it)?|i appreciate (?:it|that|this|you)|grateful|god bless(?: you)?|"
              r"you(?: are|'re) (?:a |the )?(?:star|legend|lifesaver|life saver|gem|hero|best|great|amazing|"
              r"brilliant|awesome|so helpful|very helpful|helpful)",
    "greeting": r"hi+|hey+|hello+|hiya|howdy|yo|heya|hallo|greetings|good (?:morning|afternoon|evening|day)|"
                r"morning|afternoon|evening|g'?day|how are (?:you|u)(?: doing| today)?|how(?: i|')s it going|"
                r"what'?s up|sup|hi there|hello there|hey there",
    "acknowledgement": r"nice one|good one|great stuff|good stuff|ok(?:ay)?|okey|kk?|alright|all right|right|"
                       r"sure|cool|great|nice|good|perfect|awesome|helpful|useful|informative|brilliant|lovely|"
                       r"excellent|fantastic|wonderful|super|amazing|sweet|fab|neat|got it|gotcha|"
                       r"understood|noted|i see|makes sense|that makes sense|fair enough|sounds good|will do|"
                       r"i will (?:try|do) (?:that|it|this)|i'?ll (?:try|do) (?:that|it|this)|yes|yeah|yep|yup|"
                       r"no worries|no problem|np|interesting|good to know|wow|oh|aha|hmm+|lol|haha+|"
                       r"(?:that|this|it)(?: is|'s| was| helps?| helped)?(?: very| really| so| super| most)? "
                       r"(?:helpful|useful|great|good|clear|perfect|brilliant|interesting|informative|"
                       r"what i needed|(?:a |a big |a great )?help)",
}
# Words that go with those phrases without asking anything ("thanks so much for the help, mate").
_FILLERS = (r"so|very|much|really|a lot|lots|loads|again|mate|man|guys|everyone|all|doc|bot|buddy|friend|dear|"
            r"sir|madam|doctor|there|then|well|just|and|"
            r"for (?:that|this|the (?:help|info|information|advice|answer|tips?|reply))|"
            r"for (?:your|ur) (?:help|time|advice|answer)|for helping(?: me)?|for (?:answering|explaining)|"
            r"indeed|too|as well|x+|:\)|:-\)|:d|<3")
_KINDS: tuple[Kind, ...] = ("sources", "about", "farewell", "thanks", "greeting", "acknowledgement")  # a mix takes the first it has
_UNIT = re.compile(r"\s*(?:" + "|".join(f"(?P<{k}>\\b(?:{p})\\b)" for k, p in _PHRASES.items())
                   + rf"|\b(?:{_FILLERS})\b|[^\w\s']+)")  # each unit takes the whitespace before it
MAX_CHARS = 80  # longer than this, a message says more than hello or thanks


def small_talk(text: str) -> Kind | None:
    """The kind of small talk ``text`` is, or None when it says anything more."""
    if len(text) > MAX_CHARS:
        return None
    message = untext(text).replace("’", "'").strip()  # lower case: untext lowers it
    found: set[str] = set()
    at = 0
    while at < len(message):
        match = _UNIT.match(message, at)
        if not match:
            return None
        found.update(k for k in _KINDS if match.group(k))
        at = match.end()
    return next((k for k in _KINDS if k in found), None)
