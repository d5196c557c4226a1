# ruff: noqa: E501 - the lists are data: one entry per line reads better than wrapped
"""The crisis detector's word lists, and the small language they are written in.

Entries are regular expressions over normalised text (moderation.crisis.normalise:
folded, Arabizi in Arabic letters, words one space apart, "|" between sentences),
written as people spell them; compile() folds each entry the same way and adds:

- for every Arabic word, the pronoun suffixes after it (and the text is also read with
  the clitics in front taken off: و ف ب ل ك ال س), so one entry covers "حياتي",
  "بحياتي", "وحياتك"; a word written "=word" takes no suffix (when the person matters:
  "=نفسي" is not "نفسه");
- {V}: the imperfect's prefixes in every dialect (ب ه ح س, رح, غادي, كن/كا, ت ي ن ا);
- ~: up to three other words in the same sentence;
- for English, doubled letters folded ("kill" is "kil") and a space that may be missing
  ("killmyself").

The lists name what a person says about themself, never a method itself.
"""

import re

from moderation.crisis.normalise import fold, skeleton

_ARABIC_RUN = re.compile("(=?)([\u0621-\u064a]+)")
_SUFFIX = "[يكهتناومو]{0,2}"
_MACROS = {
    "{V}": "(?:(?:رح|راح|ح|ه|غادي|غا|راني|را) )?(?:[بهحس]|كن|كا|تا)?[اتين]?",
    "~": "(?:[^ |]+ ){0,3}",
    "{NOT}": "(?:not|never|dont|don t|do not|didnt|didn t|cant|can t|no)",
}


def _expand_arabic(source: str, *, loose: bool) -> str:
    # Clitics in front are taken off the text (Normalised.light), not added to every
    # word here: a pattern with them on every word is ten times longer to compile.
    def wrap(match: re.Match) -> str:
        exact, word = match.group(1), match.group(2)
        end = match.end()
        after = source[end] if end < len(source) else " "
        if loose:
            word = skeleton(word)
        # A two-letter skeleton ("ابا" is "اب") with a suffix reads other words ("ابن").
        if not exact and after in " )|?" and not (loose and len(word) <= 2):
            return word + _SUFFIX
        return word

    return _ARABIC_RUN.sub(wrap, source)


def _fold_source(source: str) -> str:
    """Fold the letters of a pattern as normalise folds text, leaving regex syntax be."""
    folded = fold(source)
    # Doubled letters are squeezed in the text ("kill" -> "kil", "الله" -> "اله").
    return re.sub(r"([^\W\d_])\1+", r"\1", folded)


_START = r"(?<![^\s|])"  # a word starts here


def compile_entry(source: str, *, loose: bool = False) -> re.Pattern:
    """One lexicon entry as a compiled pattern (loose: the Arabizi skeleton form)."""
    return re.compile(_START + entry_source(source, loose=loose))


def join_entries(sources: list[str], *, loose: bool = False) -> re.Pattern:
    """Entries as one alternation. The word-start check comes once, before it: checked
    again for every entry it made the lists five times slower."""
    parts = "|".join(f"(?:{entry_source(s, loose=loose)})" for s in sources)
    return re.compile(f"{_START}(?:{parts})")


def entry_source(source: str, *, loose: bool = False) -> str:
    """One lexicon entry as regular-expression source, over normalised text, from
    where a word starts (the caller checks that)."""
    for macro, expansion in _MACROS.items():
        source = source.replace(macro, expansion)
    source = _fold_source(source)
    if re.search("[\u0621-\u064a]", source):
        source = _expand_arabic(source, loose=loose)
    else:
        # English words run together ("killmyself") or split apart: a space may be missing.
        source = re.sub(r"(?<=[a-z)]) (?=[a-z(])", " ?", source)
    # Grouped: an entry of several alternatives ends on a word boundary in every one of
    # them, not only in its last ("سمحو لي" must not end inside "ليا...").
    return rf"(?:{source})(?![^\s|])"


def compile_lexicon(entries: dict[str, list[str]]) -> dict[str, re.Pattern]:
    """Every entry of a signal joined into one alternation, for speed."""
    compiled = {}
    for code, sources in entries.items():
        compiled[code] = join_entries(sources)
    return compiled


def compile_loose(entries: dict[str, list[str]]) -> dict[str, re.Pattern]:
    compiled = {}
    for code, sources in entries.items():
        arabic = [s for s in sources if re.search("[\u0600-\u06ff]", s)]
        if arabic:
            compiled[code] = join_entries(arabic, loose=True)
    return compiled


# --- Signals: what a writer says about themself ------------------------------------------
# Each code is a stable name moderators see (moderation.crisis.SIGNAL_LABELS).

_I_AM = "(?:i m|im|i am|i ve been|ive been|i feel|feeling|i get|been|getting|so|i m so|im so)"
_WANT = "(?:want|wanna|need|going|gonna|ready|trying|plan|planning|deserve|just want|really want)"

URGENT_EN = {
    "direct.want_to_die": [
        f"i {_WANT} (?:to )?die",
        "(?:want|wanna|ready|need|deserve) (?:to )?die",
        "(?:wish|wishing) (?:i (?:was|were|could be) dead|to die|i could die|i would die)",
        "(?:rather|better off) (?:be )?dead",
        "(?:don t|dont|do not|no longer) (?:want|wanna|wish) (?:to )?(?:live|be alive|exist|be here|be around)",
        "(?:no|nothing) (?:reason )?(?:left )?to live for",
        "(?:don t|dont|can t|cant|do not) (?:see|find|have) (?:a|any) (?:reason|point) (?:to|in) (?:live|living|keep living|keep going|stay|go on|be alive|being alive)",
        "no reason to (?:live|stay|keep living|be alive)",
        "(?:want|wanna|need|want is) (?:to )?(?:stop existing|not exist|be dead|disappear forever)|stop existing",
        "(?:i m|im|i am) (?:so )?(?:ready|done) to (?:go|leave this world|die)",
        "(?:don t|dont|do not) want to (?:be here|wake up|be alive|exist) (?:anymore|any more|tomorow)",
        "(?:want|wanna|need) (?:it al|everything|this|the pain|my life|it) to (?:end|stop|be over)(?: forever| for good| permanently)?",
        "(?:keep|keeps|always|constantly) thinking (?:about|of) (?:dying|death|suicide|ending it|kiling myself|not being here)",
        "(?:death|dying|suicide) (?:is|seems|feels like) (?:the only|my only|the best|the easiest) (?:way out|option|answer|choice|solution|escape)",
        "(?:life|my life|living) (?:is not|isn t|isnt|no longer) worth (?:living|it)|(?:tired|sick) of (?:living|being alive|existing|waking up)",
        "(?:i m|im|i am) (?:going|gonna) to (?:jump|overdose|od|hang myself|do it)|(?:standing|sitting) (?:on|at) the (?:edge|ledge|bridge|roof)",
        "(?:took|swalowed|taken) (?:a bunch of|al my|al the|too many|a lot of|a handful of|\\d+) (?:pils|tablets|meds|painkilers|sleeping pils)",
        "(?:scared|afraid|worried) (?:that )?i (?:m going to|might|wil|ll) (?:hurt|kil) myself|i (?:just )?want out|want to end (?:it|everything|things|this)",
        "(?:can t|cant|cannot) (?:do|take|live) (?:this|it|like this) (?:anymore|any more|much longer)(?: i want to die| i m done)?",
        "i want to go to sleep forever|i want to sleep forever|(?:rather|prefer) (?:die|be dead)|suicide is (?:my|the only) (?:way out|option)",
    ],
    "direct.kill_self": [
        "(?:kil|kiling|kils|end|ending|ends|take|taking|hang|hanging|shoot|shooting|drown|drowning|ofing|unalive|unaliving) (?:myself|my self|my own life|my life)",
        # "off myself" is folded to "of myself", as in "proud of myself": a verb only after these.
        "(?:to|gonna|wanna|i l|i ll|wil|just|might|could|should) of (?:myself|my self)",
        "(?:end|ending|end it|finish) (?:it all|things|everything|my life)",
        "suicidal|kms|ctb|catch the bus|sewerslide|sewer slide|unalive|unaliving|commit suicide|commiting suicide|self delete|self deleting",
        f"{_I_AM} (?:so |really |very |pretty |kinda |kind of |super |extremely |more |quite |a bit |a litle )?suicidal",
        "suicidal (?:again|tonight|thoughts|ideation|feelings|urges|thinking)",
        "(?:thinking|think|thoughts|thinkin|considering|planning) (?:about|of)? ?(?:suicide|kiling myself|ending (?:it|my life|things)|taking my life)",
        "(?:going|gonna|about|plan|planning|trying|tried again|decided|want|wanna) to (?:end it|end things|do it tonight|kil myself|take my life|end my life)|(?:i m|im) (?:gonna|going to) end it",
    ],
    "selfharm.act": [
        "(?:cut|cuting|cuts|hurt|hurting|harm|harming|harmed|burn|burning|burned|burnt|punish|punishing|scratch|scratching|scratched|hit|hiting|starve|starving) (?:myself|my self|my arms|my wrists|my thighs|my legs)",
        "(?:cut|burned|burnt|hurt|hit|scratched|harmed|bruised) (?:myself|my \\w+) (?:\\w+ )?on purpose",
        "self ?harm|self ?harming|self ?injury|relapsed (?:on sh|on self harm|into cuting|and cut)|urge to cut|cuting again|started cuting|scars? (?:are )?fresh|fresh (?:cuts|scars)|sh urges|sh again",
    ],
    "indirect.farewell": [
        "(?:my|this is my|these are my) (?:final|last) (?:goodbye|message|post|words|note)(?! (?:in|on|about|for|of|here|today|tonight|before) )|(?:final|last) goodbye",
        "goodbye (?:everyone|forever|al|world|everybody|for good|guys)|(?:this is|it s) goodbye",
        "by the time (?:you|anyone) (?:read|reads|see|sees) this",
        "(?:won t|wont|will not) be (?:here|around|alive) (?:tomorrow|anymore|much longer|for long|by)",
        "when i m gone|after i m gone|once i m gone",
        # "I won't be around this weekend" is a plan; said alone at a sentence's end, a farewell.
        "i (?:wont|won t) be around(?= ?(?:\\||$))",
        "thank you (?:al |everyone )?for everything(?: and)? (?:\\| )?(?:goodbye|bye|i m sory)|it s been (?:nice|good) knowing",
        "sory for everything(?: i ve done)?(?: |\\| )(?:goodbye|bye|i love you)|tell (?:my|them|everyone) i (?:love|loved) them",
        "see you (?:on the other side|in another life)|(?:i m|im) done (?:\\| )?(?:goodbye|bye forever|bye everyone)",
    ],
    "indirect.burden": [
        f"(?:{_I_AM}|i m just|im just|i m only|just) (?:like )?(?:such )?(?:a |an )?(?:burden|waste of space|waste of air)",
        "(?:everyone|everybody|they|my family|my parents|people|the world|my kids|my friends|al of them) (?:would|d|will|would al) be (?:better|happier) (?:of )?without me",
        "better (?:of )?without me|(?:happier|easier) without me",
        "(?:nobody|no one|noone) (?:would|will|d) (?:even |realy )?(?:miss|notice|care) (?:me|if i (?:was|were) gone|if i died|if i disapeared)",
        "(?:would|d|wil) be (?:beter|happier|easier) (?:of )?(?:if i (?:was|were) dead|if i (?:was|were) gone|if i wasn t here|if i died|if i disapeared)",
        "i (?:only|just) (?:make|bring) (?:everything|things|everyone s life) worse",
    ],
    "indirect.giving_away": [
        "(?:giving|give|gave|given) away (?:al )?(?:my|of my)",
        "(?:won t|wont|will not) (?:need|be needing) (?:them|it|these|this|my \\w+) (?:anymore|where i m going|much longer)",
        "where i m going",
        "(?:sorted|sorting|put|puting|getting) (?:out )?(?:my affairs|my wil|things) in order|(?:wrote|writen|updated|made) my wil",
        "(?:take|taking|look after|keep) (?:care of )?my (?:cat|dog|pets|things|stuf|plants|kids) (?:after|when|once|for me)",
    ],
    "indirect.plan": [
        "(?:tonight|tomorow|this weekend|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|after (?:my birthday|the exams|christmas|eid)) (?:is|wil be|s) (?:the night|the day|it)",
        "(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tonight|tomorow|this weekend) is the (?:day|night)|(?:wrote|writen|writing) (?:the |my |al my |goodbye )?(?:leters|note|notes)",
        "(?:i ve|ive|i have) (?:made|got|a) (?:a )?plan|have a plan|made a plan|(?:set|picked|chose|chosen) (?:a|the) (?:date|day)",
        "it ends tonight|(?:ending|end) it (?:tonight|tomorow|soon|this week|on)|doing it (?:tonight|tomorow|this weekend)",
        "(?:saved|saving|stockpiled|stockpiling|hoarded|hoarding|colected|colecting|got) (?:up )?(?:enough )?(?:my |of my )?(?:pils|tablets|my meds|sleeping pils|painkilers)",
        "(?:take|swalow|taking|swalowing|down|downing) (?:al|every one of|the whole bottle of) (?:my |the |of my |these )?(?:pils|tablets|meds|painkilers)",
        "(?:bought|got|found) (?:a )?(?:rope|noose|gun)|wrote (?:my )?(?:note|leters to)|(?:writing|writen) (?:my|a) (?:suicide )?note",
    ],
    "indirect.passive_wish": [
        "(?:wish|hope|hoping|pray|praying) (?:i )?(?:could )?(?:just )?(?:wouldn t|won t|don t|dont|never|not) wake up",
        "(?:wish|want|wanna) (?:i could )?(?:to )?(?:sleep|go to sleep) (?:forever|and never wake up|and not wake up)",
        "(?:wish|wishing) (?:i )?(?:had never been born|was never born|didn t exist|did not exist|could disappear|could vanish|wasn t here|wasn t alive|could just stop existing)",
        "(?:hope|hoping|wish) (?:a |that )?(?:car|bus|truck|train|something) (?:hits|would hit|runs over) me",
        "(?:d|would) rather (?:not|never) wake up|rather be asleep forever",
        "(?:wouldn t|would not) mind (?:dying|if i died|not waking up|if i (?:just )?didn t wake up)",
        "(?:pray|praying|hope|hoping|wish) (?:every night |each night |every day )?(?:that )?i (?:die|don t wake up|would die)|die in my sleep",
        "(?:pray|praying|begging god|ask god) (?:for death|to die|i die|that i die|to take me)",
        "(?:don t|dont|do not) want to wake up",
    ],
}

POSSIBLE_EN = {
    "indirect.hopelessness": [
        "what s the point(?: of)?(?: anything| living| trying| life| going on| any of this)?|whats the point",
        "no point (?:in )?(?:anything|living|trying|going on|any of this|anymore)",
        "(?:nothing|it) (?:wil|s going to|is going to) (?:ever )?(?:change|get beter)|(?:never|won t ever) get beter",
        "(?:so |just )?(?:done|tired|sick|exhausted) (?:with|of) (?:everything|life|living|being alive|existing|it al|this life)",
        "(?:can t|cant|cannot) (?:go on|keep going|do this anymore|take it anymore|take this anymore|cope anymore|handle life)",
        f"{_I_AM} (?:so |completely |totaly )?(?:hopeles|empty inside|empty and numb|numb|worthles|broken inside|empty)",
        "nothing (?:is )?(?:ever )?(?:going to|gonna|wil) (?:ever )?(?:get beter|change)",
        "i hate my life|i m (?:so )?worthles|everything (?:is|feels) pointles|(?:feel|feeling) like giving up|i want to give up|i give up|no way out|trapped with no way out|(?:so |just )?tired of (?:everything|it al|trying|fighting)",
        "nothing (?:realy )?matters(?: anymore)?|no hope|lost (?:al )?hope|hopeles|life is meaningles|(?:don t|dont) see a future|no future for me|give up on (?:everything|life)|giving up on (?:everything|life)",
        "(?:don t|dont) (?:know|see) (?:why|how) i (?:keep going|bother|should keep going)",
    ],
}

MEANS_EN = [
    "pils|tablets|painkilers|sleeping pils|my meds|rope|noose|gun|razor|razors|blade|blades|bridge|rooftop|the roof|train tracks|the edge|overdose",
]

HOLD_EN = {
    "method.question": [
        "how (?:do i|to|can i|would i|should i|does one|do you|do people|would someone|could i) (?:kil (?:myself|yourself|oneself)|end it|end my life|end their life|die|commit suicide|hang (?:myself|yourself)|overdose|od|unalive|do it painlessly|slit)",
        "how to tie a (?:noose|knot to hang)|(?:does|would|wil) (?:an overdose|overdosing|hanging|jumping|drowning|bleding out|slitting) (?:hurt|be painful|be quick|work)|is (?:an overdose|hanging|jumping) (?:painful|painles|quick|fatal)",
        "what (?:would|wil|happens if i|happens if you) (?:happen if i )?(?:take|took|swalow|drink|mix) (?:al|the whole|a whole|a bunch of|too many|(?:[2-9]\\d|\\d{3,}) (?!mg|ml|mcg|milligrams|units|iu)) ?\\w+",
        "(?:which|what) (?:is|would be|s) (?:more|most|the most|les|least) (?:efective|painful|painles|lethal|reliable|certain|quick)",
        "how (?:high|tal|many floors) (?:does|do|would|should) (?:a|the) (?:building|bridge|jump|fal|flor)",
        "(?:quickest|fastest|easiest|best|surest|painles|simplest) way (?:out|to go|to end (?:it|things|my life|everything)|to do it)",
        "(?:best|easiest|quickest|fastest|painles|surest|most efective|least painful|quick|quietest|simplest|reliable|guaranteed) (?:way|ways|method|methods|option|options) (?:to|of|for) (?:die|dying|kil|end|suicide|go|do it|unalive|od|overdose)",
        "painles (?:way|method)s? (?:to (?:die|go|end|kil|do it|unalive|od|overdose)|out|of (?:dying|suicide|going))|painles (?:death|suicide|exit)|suicide (?:method|methods|instructions|guide)|methods? of suicide",
        "lethal (?:dose|amount|quantity|combination|mix)|fatal (?:dose|amount)",
        "how (?:many|much) (?:\\w+ )?(?:pils|tablets|paracetamol|tylenol|panadol|ibuprofen|insulin|aspirin|xanax|benadryl|sleeping pils|mg|of (?:these|this|my)) (?:\\w+ )?(?:to|would|wil|does it take|kils?|until|before|is fatal|are fatal|is lethal|are lethal|to overdose|to od|to die|to not wake up|would kil)",
        "(?:enough|how much|how many) (?:\\w+ )?to (?:overdose|od|die|kil (?:me|myself|a person|someone)|not wake up|never wake up)",
        "(?:what|which|how high a) (?:height|flor|building|bridge) (?:would|is|to) (?:be )?(?:enough|high enough|kil|fatal|lethal|die)|high enough to (?:die|kil)|(?:fal|jump) from (?:what|which) (?:height|flor)",
        "how long does it (?:take|take someone|take a person) to (?:die|bleed out|suffocate)|does (?:overdosing|hanging|drowning|bleding out|it hurt to) (?:hurt|die)",
        "where (?:can|do) i (?:buy|get|find) (?:a )?(?:gun|rope|pils|poison) to (?:die|end|kil)",
    ],
    "harm.pact": [
        "(?:let s|lets|we should|we could|we can|we wil|shal we|you and i|want to|wanna) (?:al )?(?:die|end it|end things|do it|kil ourselves) together(?! (?:to|on|for|at|in) (?:the|a|an|our|my|this|that|his|her|some))",
        "(?:let s|lets|we should|we could|we can|we wil|shal we|you and i|want to|wanna) (?:al )?(?:go|leave) together(?= ?(?:\\||$|forever|for good|from this world))",
        "suicide pact|death pact|pact to (?:die|end it)",
        "(?:anyone|someone|who|anybody) (?:else )?(?:want|wants|wanna|ready) to (?:die|end it|end things|do it|kil themselves) (?:with me|together)",
        "(?:die|end it|do it) (?:with me|together) (?:tonight|tomorow|this weekend|on)",
        "(?:anyone|someone|anybody|who) (?:wants|want|wanna) to (?:do it|end it|die) with me|we could (?:both )?(?:end it|do it|die) together|i ll do it if you (?:do|wil)|(?:let s|lets) both (?:end it|die|do it)|(?:do it|end it) together (?:tonight|tomorow|this weekend|on)",
    ],
    "harm.encouragement": [
        "kil (?:yourself|urself|yourselves|ur self|your self)|kys|go die|neck yourself|unalive yourself|hang yourself|off yourself|end yourself",
        "why (?:don t|dont|do not) you (?:just )?(?:die|kil yourself|end it|do it)|(?:just )?do it(?: already)?,? (?:coward|you coward|you won t)|nobody (?:would|wil) care if you (?:died|were dead|kiled yourself)",
        "(?:stop|quit) (?:whining|complaining|talking about it|crying) and (?:do it|die|end it|just do it)|you (?:deserve|ought) to die|(?:hope|hoping) you (?:die|kil yourself)",
        "(?:you|u|ya) (?:should|shuld|need to|ought to|better|might as wel) (?:just )?(?:die|kil yourself|end it|do it|go die|disappear forever|not exist)",
        "do (?:us|everyone|the world|yourself) a favou?r and (?:die|disappear|end it|kil yourself|just go)",
        "(?:nobody|no one|noone) (?:would|wil|is going to) miss you|the world (?:would be|is|d be) better without you|everyone (?:would be|d be) better without you",
        "(?:go|just) (?:jump|drink bleach|jump of a bridge|walk into traffic)|just do it already|do it already|no one is stopping you",
    ],
}

OTHER_EN = {
    "context.other_person": [
        "(?:kil|kils|kiling|kiled|hurt|hurting|harm|harming|cut|cuting|unalive|end|ending|take|taking) (?:himself|herself|themselves|themself|his life|her life|their life|their own life|his own life|her own life)",
        "(?:he|she|they) (?:doesn t|does not|don t|do not) want to (?:live|be alive|be here)|beter of without (?:him|her|them)",
        "(?:he|she|they) (?:s|is|are|wil|has been|have been|keeps|keep|said (?:he|she|they)|says (?:he|she|they)|told me (?:he|she|they)|talks about|talk about|mentioned|is talking about|might|may|could|wants|want|tried|tried to|is planing|s planing|is going|s going) (?:is |s |are |wants? to |wanted to |is going to |would |might |to )?(?:suicidal|kil|die|dying|end it|cuting|self harming|harming|not be here|disappear|take (?:his|her|their) (?:own )?life|no reason to live|wanting to die|suicide)",
        "(?:my|our) (?:\\w+ )?(?:friend|bestie|bf|gf|boyfriend|girlfriend|sister|brother|son|daughter|mom|mum|mother|dad|father|partner|wife|husband|cousin|roomate|clasmate|student|coworker|coleague|kid|child|teen|teenager|niece|nephew|uncle|aunt|flatmate|fiance|fiancee|sibling|grandma|grandad|grandfather|grandmother) (?:~)(?:is |s |has been |keeps |wants |talks |talking |texted |told me |said |says |posted |mentioned |might |tried |threatened |keeps saying )(?:~)(?:suicidal|suicide|kil|die|dying|cuting|self harm|end it|end (?:his|her|their) life|not being here|unalive)",
        "(?:how|what) (?:can|do|should|could) i (?:do to )?(?:help|support|talk to|say to|keep) (?:my|a|him|her|them|someone|somebody|a friend) (?:~)(?:suicidal|who (?:wants|is|s|talks|said)|safe|alive|through)",
        "(?:help|support|talk to|reach) (?:someone|somebody|a friend|a person|my \\w+) (?:who is|who s|who has been|that is) (?:suicidal|self harming|cuting|talking about (?:suicide|dying|death))",
        "(?:worried|scared|afraid|terified|concerned) (?:that )?(?:my \\w+ |he |she |they )(?:might|wil|could|is going to|s going to|may) (?:hurt|kil|harm|end|do something to) (?:himself|herself|themselves|his life|her life|their life)",
        "(?:he|she|they) (?:wishes|wish|wished) (?:he|she|they) (?:was|were) dead|(?:threatened|threatening|threatens) (?:to )?(?:kil|hurt|harm|end) (?:himself|herself|themselves|his life|her life)",
        "(?:he|she|they) (?:has|have|s got) (?:pils|a plan|a rope|a gun|a note) (?:saved|ready|hidden)?",
        "worried (?:about|for) (?:my|a) (?:~)(?:suicidal|safety|life|self harm)|(?:friend|someone|somebody|person) (?:who is|who s|is) suicidal",
    ],
}

# --- Context: what turns the same words into something else -------------------------------

NEGATION_EN = (
    "not|never|no|dont|don t|didnt|didn t|isnt|isn t|wasnt|wasn t|wont|won t|wouldnt|wouldn t|"
    "aint|ain t|no longer|nor|nothing like|not once|m not|am not|im not"
)
RECOVERED_EN = [
    "(?:\\d+|one|two|three|four|five|six|seven|eight|nine|ten|a few|many|several) (?:years|months|weeks) (?:ago|clean|free|sober|since|later|on)",
    "(?:\\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|a few|many|several) (?:year|month|week|day)s? (?:clean|free|sober|self ?harm free|sh free|without (?:cuting|self ?harming|hurting myself))",
    "(?:self ?harm|sh|cuting|relapse) free|(?:stayed|been|staying) clean",
    "(?:back (?:then|in)|in the past|used to|when i was (?:younger|a teen|a teenager|in school|at uni|\\d+)|at my lowest|my darkest (?:time|days))",
    "(?:now|today|these days|since then) (?:i m|im|i am|i feel|life is|things are) (?:much |so |a lot )?(?:beter|doing beter|ok|okay|fine|good|in a beter place|alive|grateful|happy|stable|healing)",
    "(?:i m|im|i am) (?:so )?(?:glad|grateful|thankful) (?:i|that i) (?:didn t|did not|stayed|survived|am still here|m still here|got help|reached out)",
    "years ago|months ago|long ago|a while ago|(?:now|today) (?:i m|im|i am) (?:(?:so|much|a lot|way|realy) )*(?:beter|grateful|ok|okay|fine|good|happy)|recovered|recovering|in recovery|in remission|survivor|survived|therapy helped|got help|got beter|it gets beter|stil here",
]
LOSS_EN = [
    "(?:lost|losing|lose) (?:my|a|our|her|his|their) (?:\\w+ )?(?:\\w+ )?to suicide",
    "(?:died|passed|passed away|gone) (?:by|from|to) suicide|(?:kiled|kils|shot|hanged|hung) (?:himself|herself|themselves)",
    "(?:took|taken|take) (?:his|her|their) (?:own )?life|(?:committed|commited) suicide|suicide los|los to suicide|(?:his|her|their) suicide",
    "funeral|grief|grieving|griefs|passed away|anniversary of (?:his|her|their|my)|memorial|rest in peace|rip|miss (?:him|her|them) (?:so much|every day)|(?:\\w+ )?(?:years|months) since (?:he|she|they) died",
]
NEWS_EN = [
    "news|article|report|reported|reports|study|studies|statistics|stats|research|documentary|film|movie|series|tv show|episode|book|novel|character|song|lyrics|podcast|headline|journalist|celebrity|actor|singer",
    "awarenes|prevention (?:day|month|week)|world suicide prevention|mental health (?:day|week|month)|charity|fundraiser|fundraising|campaign|walk for|according to|rates? (?:of|in)|per \\d+|percent",
    "(?:essay|presentation|asignment|paper|project|thesis|clas|lecture|training|course|workshop) (?:on|about)",
]
SUPPORTIVE_EN = [
    "(?:cal|text|reach out to|contact|ring|dial|talk to|speak to|message) (?:a |the |your |local |an )?(?:helpline|hotline|crisis line|crisis text line|lifeline|samaritans|988|911|999|112|116 123|741741|emergency|someone you trust|a profesional|a therapist|your doctor|a counselor|a counsellor)",
    "(?:you are|you re|youre|ur) not alone|please stay|(?:we re|we are|i m|im|i am) here for you|sending (?:you )?(?:hugs|love|strength)|you matter|your life matters|please (?:talk|reach out|hold on|don t give up|stay safe|get help)|proud of you|hang in there|stay safe|you deserve (?:help|support|to live)",
    "if you(?: re| are| ever)? (?:thinking|feeling|struggling|having|in crisis|want to|feel)|if anyone (?:is|here is|feels|needs)|for anyone (?:who|struggling)",
]
IDIOM_EN = [
    "(?:d|would|i d) rather (?:die|be dead) than (?:go|do|sit|watch|eat|listen|wear|work|talk|sing|dance|cal|ask|take|have|admit|mis|lose|use|pay|drive|fly|wait|stand|clean|cook|read|study|run|play|touch|hear|be seen|give|share|spend a|get up early|make smal talk|miss)",
    "(?:die|died|dying|dead|diying) (?:of|from|laughing|lol|lmao|haha|to (?:see|know|try|hear|go|get|meet|watch|read|tel|find)|for (?:a|some|coffee|food|chocolate|sleep))",
    "(?:i m|im|i am|literaly|lmao|lol|omg) (?:so |literaly |actualy )?dead (?:lol|lmao|haha|hahaha)|(?:lmao|lol|haha|hahaha|omg) (?:i m |im )?(?:so |literaly )?dead",
    "(?:mom|mum|dad|boss|teacher|she|he|they|my wife|my husband|coach|my mom|my dad|my mum) (?:is going to|s gona|s going to|gona|wil|would|wil literaly) kil me",
    "(?:traffic|heat|exam|exams|homework|song|workout|comute|wait|suspense|cold|deadline|deadlines|shoes|feet|back|neck|headache|hangover|this|that|it|kids|meeting|shift|job|work|class|math|boredom|cramps) (?:is |are |s )?(?:literaly |actualy |realy )?(?:kiling|gona kil|going to kil|wil kil|kiled|kils) me",
    "kil me now|someone kil me|shoot me now|kiling it|kiled it|kil (?:two birds|time|the lights|the engine|the mood|the vibe)|bored to death|scared to death|to death|dead tired|dead on my feet|over my dead body|dying for|i could (?:just )?die|dead serious|dead end|drop dead gorgeous|dead last|deadline|deadlines|dying (?:phone|battery|plant|plants)|my (?:phone|battery|laptop|plant|plants) (?:is |s )?(?:dying|dead|died)|die hard|to die for|die of embarasment|dying inside lol|i wil die on this hil|hil to die on",
    "(?:kil|kiling|kiled|slay|slaying|slayed) (?:a|the|this|that|my) (?:spider|bug|mosquito|fly|game|exam|interview|presentation|boss|level|workout|plant|plants|vibe|mood|bacteria|germs)",
]
MEDICATION_EN = [
    "(?:can|could|should|is it safe to|is it ok to|may) i (?:take|mix|have|drink)|(?:side efects|dosage|missed (?:a|my) dose|refil|prescription|pharmacist|pharmacy|with food|my doctor said)",
]

# Arabic: MSA and the dialect families side by side in each entry.
_AR_WANT = (
    "(?:اريد|اود|ابغي|ابغا|ابغى|ابي|ابا|بدي|نفسي|عايز|عاوز|عايزه|عاوزه|عاوزا|حابب|حابه|ودي|"
    "بغيت|نبغي|كنبغي|نحب|بغيت|اتمني|اتمني لو|اشتهي|محتاج|ناوي|ناويه|قررت|بفكر|افكر|نفكر|كنفكر|"
    "اريد ان|ابي اني|بدي اني|ودي اني|حاسس اني|حاسه اني|حاسس|خلاص|جاي علي|راسي)"
)
_AR_DIE = "(?:=اموت|=موت|=الموت|=نموت|=نمت|=امت|=مت|انتحر|=انتحار|=الانتحار|ننتحر|=انهي =حياتي|نقتل =روحي|اقتل =نفسي|اقتل =روحي|اقتل =حالي|=نتحر)"
_AR_SELF = "(?:=نفسي|=روحي|=حالي|=راسي|=نفسيتي)"
_AR_LIVE = "(?:=اعيش|=عيش|=نعيش|=العيش|=الحياه|=اكمل|=كمل|=نكمل|=ابقي|=اتنفس|=اعيشها|=عايش|=عايشه|=اصحي|=اقوم)"
_AR_NOT = "(?:ما|مش|مو|لا|مب|ماني|مانيش|ميش|موب|مابي|مابغيت|مابدي|ماعاد|ما عاد|ما عدت|معدتش|مابقيتش|ما بقيتش|مبقتش|ماعدش|ما عدش|مابقاش|لم اعد|لم يعد|ما بقا|ما بقى)"

URGENT_AR = {
    "direct.want_to_die": [
        f"{_AR_WANT} {_AR_DIE}",
        f"{_AR_WANT} ~{_AR_DIE}",
        "(?:اتمني|اتمنى|تمنيت|نتمني|يا ريت|ياريت|ياريتني|يا ريتني|ليتني|لو اني|ليت) (?:لو )?(?:اني )?(?:=اموت|=مت|=ميت|=ميته|=الموت|نموت|=متت|كنت ميت|اكون ميت)",
        f"{_AR_NOT} {_AR_WANT.replace('(?:', '(?:=', 1)} ?(?:ان )?{_AR_LIVE}",
        f"{_AR_NOT} (?:بدي|ابي|ابغي|ابغى|عايز|عاوز|عايزه|اريد|اقدر|قادر|قادره|بقدر|نقدر|حابب|حابه|نبغي|بغيت|ودي) (?:ان )?{_AR_LIVE}",
        "(?:لا اريد|لا ارغب في|لا اطيق) (?:ان )?(?:اعيش|العيش|الحياه|البقا)",
        f"(?:ما |م)?(?:بغيتش|بغيتش|بديش|عايزش|ابغاش|باغيش|بغاش|نبغيش|كنبغيش) (?:ان )?{_AR_LIVE}",
        "(?:ما|مش|مو|ما عاد|ماعاد|ما عندي|ماعندي|ماعنديش|لا يوجد|ما في|مافي|مفيش) (?:سبب|شي|حاجه|حد) (?:يخليني|يخلياني|عشان|علشان|لكي|لاجل|باش) (?:اعيش|اكمل|نعيش|ابقي|اتمسك)",
        "(?:حياتي|الحياه) (?:ما عادت|لا|ما|مش|مو) (?:تستاهل|تستحق|تسوي)|ما استاهل (?:اعيش|الحياه)|لا استحق الحياه|ما استحق اعيش|مش مستاهل اعيش",
        "=الموت (?:=ارحم|=اهون|=اريح)|(?:الموت|الموت) (?:ارحم|احسن|افضل|اهون|اريح) (?:لي|من|لي من)|(?:احسن|افضل|ارحم) (?:لي )?(?:اموت|اني اموت|لو مت|نموت)",
    ],
    "direct.kill_self": [
        f"{{V}}قتل {_AR_SELF}|{{V}}موت {_AR_SELF}|{{V}}خلص (?:من|على|علي) (?:{_AR_SELF}|=حياتي|=عمري)|{{V}}نهي =حياتي|=انها =حياتي|{{V}}ذبح {_AR_SELF}",
        "(?:س|ح|ه|ب|رح |راح |غادي |غا |راني غادي |بدي |ابي |ابغي |ناوي |قررت |حابب |عايز |بفكر |بفكر ا|افكر ب|افكر في |نفكر ف|كنفكر ن|ودي )(?:ا|ن)?نتحر",
        "(?:افكر|بفكر|نفكر|كنفكر|اتفكر|تراودني|تجيني|جاتني|عندي|يجيني) (?:في |ب|ف)?(?:=الانتحار|=انتحار|افكار انتحاريه|فكره الانتحار|الموت)",
        "افكار انتحاريه|افكار الانتحار|=انتحاريه|ميول انتحاريه|انا انتحاري|=انتحاري",
        "(?:اليوم|الليله|بكره|بكرا|غدا|غدوه|قريب|خلاص) (?:ا|ن)?نتحر",
        "ا ?نتحر|ننتحر|سانتحر|حانتحر|هانتحر",
    ],
    "selfharm.act": [
        f"{{V}}(?:جرح|اذي|وذي|ذي|ضرب|حرق|قطع|عور|شرط|جلد|عاقب) {_AR_SELF}|{{V}}(?:جرح|شرط|قطع|حرق) (?:=ايدي|=يدي|=ذراعي|=معصمي|=رجلي|=جسمي|=جلدي|=فخذي)",
        "(?:ايذا|=اذيه|=اذيت|اذا) (?:النفس|=نفسي)|=ايذا النفس|الاذي الذاتي|=جروحي|=جرحت =نفسي|=جرحت =ايدي|رجعت (?:اجرح|اشرط|اذي|نجرح|نشرط)|(?:بجرح|بشرط|كنجرح|نجرح|نشرط|اشرط) (?:في )?(?:=روحي|=نفسي|=ايدي)|=شفره|امواس",
    ],
    "indirect.farewell": [
        "وداعا (?:للابد|للجميع|يا دنيا|يا عالم|يا اصحاب|لكل|الكل|يا ناس)|(?:سامحوني|سامحني|اسامحوني|سمحولي|سمحو لي|سامحيني)(?! (?:(?:على|ع|عل|علي|من|عن) ?)?(?:ال)?(?:تاخير|تاخر|تاخرت|اتاخرت|تعطال|تعطلت|عطلت|غياب|غبت|الغيبه|ازعاج|ازعجت|ازعجتكم|اطاله|طولت|غلط|غلطت|اخطا|تعطيل|رد|رديت|ما رديت|مارديت|ماجاوبتش|كلام|سؤال|بوست|نسيت))|مع السلامه (?:للابد|يا دنيا)",
        "(?:هذه|هذي|هاي|دي|هادي|هادا|هذا) (?:اخر|اخر) (?:رساله|كلمه|كلام|بوست|منشور|ليله|مشاركه)(?! (?:مني )?(?:الي |لي |ي )?(?:قبل|(?:ال)?يوم|لليوم|(?:ال)?ليله|لهاليوم|بالموضوع|في الموضوع|موضوع|عن|حول|بخصوص))|(?:رسالتي|كلمتي|=مشاركتي|=منشوري) الاخيره(?! (?:في|ف|ب|عن|حول|بخصوص|على|هنا|اليوم|الليله|لليوم|لهذا|لهاد|بهذا|بهالموضوع|بالموضوع|قبل))|اخر (?:كلماتي|رساله مني|مره تشوفوني|مره تسمعوا)",
        "(?:لن|مش ه|مش ح|ما رح|مارح|ما راح|مراح|ماغاديش|ما غاديش|ما غادي|مش حت|مش هت|ما عاد) ?(?:تروني|تشوفوني|تشوفونيش|تسمعوا مني|تسمعو مني|تلقوني|تسمعو صوتي|اكون هنا|اكون موجود|اكون موجوده|اكون معكم|ابقي)",
        "(?:لما|عندما|بعد ما|بعدما|ملي|كي) (?:اروح|ارحل|اموت|امشي|اختفي|نمشي|نموت|نروح|اكون مش موجود) (?:~)(?:ديرو|خلو|اهتمو|اعتنو|سامحو|تذكرو|قولو|انتبهو|ادعولي|ادعو)",
        "(?:ادعولي|ادعو لي|ادعيلي) (?:بالرحمه|بالمغفره)|(?:اوصيكم|وصيتي لكم|وصيتي)",
        "(?:=كتبت|=كتبتلهم|=بكتب|=عم اكتب|=كنكتب|=جهزت) (?:~)?(?:=رساله|=رسايل|=رسائل|=جواب) (?:=وداع|=الوداع|=اخيره|=الاخيره)",
    ],
    "indirect.burden": [
        "(?:=انا|=اني|راني|صرت|صرت|حاسس اني|حاسه اني|احس اني|اشعر اني|اشعر بانني|اشعر انني|بحس اني|كنحس براسي) ?(?:مجرد )?(?:=عب|=عبا|=عبيا|=عالة|=عاله|=حمل|=تقل|=ثقل|=تقيل|=ثقيل|=هم) (?:على|علي|ع|عل)",
        "(?:=عب|=عبا|=عبيا|=عاله|=حمل ثقيل|=ثقل) (?:على|علي|ع) (?:=اهلي|=عيلتي|=عائلتي|=الكل|=الجميع|=اسرتي|=امي|=ابوي|=ناسي|=اصحابي|=الناس|=كل اللي)",
        "(?:احسن|افضل|ارتاحو|يرتاحو|يرتاحون|حيرتاحو|حيرتاحوا|بيرتاحو|بيرتاحوا|غادي يرتاحو|رح يرتاحو|راح يرتاحون|هيرتاحو|هيرتاحوا|سيرتاحون|حترتاحو|رح ترتاحو|ترتاحو) (?:~)(?:مني|بدوني|من دوني|من غيري|بلايا|بلاي|من وجودي|بغيابي|لو مت|لما اموت|لو رحت|اذا مت|اذا رحت)",
        "(?:الكل|الجميع|العالم|الدنيا|اهلي|عيلتي|عائلتي|حياتهم|حياه الكل) (?:احسن|افضل|اريح) (?:بدوني|من دوني|من غيري|بلايا|بلاي|بلاش مني)",
        "(?:ما حد|ماحد|محدش|ما احد|ماحدا|ما حدا|حتى واحد|لا احد|ما كاين لي|حد ما) (?:~)(?:رح يفتقدني|راح يفقدني|حيفتقدني|هيفتقدني|يفتقدني|بيفتقدني|سيفتقدني|يحس بغيابي|هيحس بغيابي|بيحس بغيابي|رح يحس|راح يحس|سيلاحظ|حيلاحظ|يلاحظ|يسال علي|يهمه|غادي يحس|غادي يفتقدني)",
    ],
    "indirect.giving_away": [
        "(?:{V}وزع|وزعت|عطيت|اعطيت|اديت|ادي|اعطي|عطيت|بعطي|حعطي|هدي|نعطي|فرقت|بفرق) (?:~)(?:=اغراضي|=اشيائي|=حاجاتي|=حوايجي|=اغراض|=ملابسي|=كتبي|=قطتي|=كلبي|=حيواناتي|كل ما املك|كل شي عندي|كل حاجه عندي|=ممتلكاتي|=فلوسي|=جهازي)",
        "(?:مش هحتاج|مش حتاج|ما رح احتاج|ماراح احتاج|مارح احتاج|ما عاد احتاج|لن احتاج|ما غاديش نحتاج|ما عادش نحتاج|ما راح احتاج|ما حتاج) ?(?:ه|ها|هم|هن|هاد|هادو|هذي|هاي|دول)?(?:=لها|=له|=ليها)? ?(?:بعد|خلاص|بعد اليوم|بعد الحين|بعدين|مره تانيه)?",
        "(?:=كتبت|=خلصت|=جهزت|=رتبت|=حضرت) (?:=وصيتي|الوصيه|وصيه|رسايل وداع|=رسايلي|=اموري|=كل اموري)",
        "(?:خلو|خلي|اهتمو|اعتنو|ديرو) (?:بالكم|بالك|) ?(?:على|من|ب|مع) (?:=قطتي|=كلبي|=امي|=اهلي|=اخواتي|=اخوتي|=ولادي|=اطفالي|=بيتي) (?:بعدي|من بعدي|لما اروح|لما ارحل|بعد ما اروح|بعد ما امشي|كي نمشي)",
    ],
    "indirect.plan": [
        "(?:الليله|اليوم|بكره|بكرا|غدا|غدوه|الخميس|الجمعه|السبت|الاحد|الاثنين|الاتنين|الثلاثا|التلات|الاربعا|نهايه الاسبوع|بعد الامتحانات|بعد العيد|بعد عيد ميلادي) (?:~)(?:هي الليله|هو اليوم|بيكون اخر|حيكون اخر|هيكون اخر|رح يكون اخر|راح يكون اخر|سيكون اخر|اخر يوم|اخر ليله|النهايه|بخلص كل شي|رح خلص|راح اخلص|حخلص|هخلص|بنهي|انهي|ننهي|نخلص)",
        "(?:حددت|اخترت|قررت|جهزت|وضعت|رسمت|درت) (?:~)(?:=الموعد|=موعد|=اليوم|=يوم|=تاريخ|=التاريخ|=الخطه|=خطه|=الطريقه|=طريقه|=كل شي)(?! (?:مع|عند|ويا|في|ف|لزياره|للدكتور|للطبيب|للدكتوره|للطبيبه|للامتحان|للسفر|للفرح|للعرس|للمقابله|للشغل|للعمل|للدراسه))(?: (?:خلاص|للنهايه|للموت|لانهي))?",
        "(?:جمعت|بجمع|كنجمع|نجمع|عم اجمع|قاعد اجمع|خزنت|خبيت|شريت|اشتريت|اشتريتو|جبت|حضرت) (?:~)(?:=حبوب|=الحبوب|=ادويه|=الادويه|=الدوا|=دوا|=حبل|=الحبل|=سم|=شفرات|=مسدس|=حبات)",
        "(?:اخر يوم|اخر ليله|اخر مره) (?:~)(?:في حياتي|لي|اعيش|بعيش|اشوف|عايش)|(?:قررت|خلاص قررت|حسمت امري) (?:~)(?:امشي|ارحل|اموت|انهي|نمشي|نرحل|نموت|الرحيل|انتحر)",
    ],
    "indirect.passive_wish": [
        "(?:ا|ن|ب|بن|بت)?(?:نام|نعس|رقد|ارقد) (?:و|ومن|وما|ولا|وم|ومش|ومعاد) ?(?:=ما|=مش|=لا|=ما عاد)? ?(?:اصحي|اقوم|اصحا|اصحى|نوض|نفيق|افيق|اصحاش|اصحيش|اقومش|نصحاش|نفيقش|اصحو|استيقظ|صحي|قوم|مصحاش|مصحيش|ماصحاش|ماصحيش|اكعد|اكعدش|اكوم|نوضش|نفيقش|نقومش)",
        "(?:يا ريت|ياريت|ليت|ليتني|يا ريتني|ياريتني|اتمني|اتمنى|اتمني لو|نتمني|تمنيت|لو) (?:ما|لم|اني ما|اني لم|لو ما|ما كنت|مكنتش|ماكنتش)? ?(?:=انولدت|=اتولدت|=ولدت|=اولد|=خلقت|=اتخلقت|=انخلقت|=اخلق|=جيت|=جيت للدنيا|=تزاد|=تزديت|=صحيت|=اصحي|=استيقظ|اختفي|=نختفي|=اكون موجود|=موجود)",
        "(?:يا ?رب|ياربي|يارب|الله|ربي|اللهم) (?:~)(?:=خذني|=تاخذني|=تاخدني|=ياخذني|=ياخدني|=اخذني|=خدني|=اقبضني|=يقبض روحي|=توفني|=توفاني|=موتني|=تموتني|=تديني الموت|=ريحني بالموت|=ارحمني بالموت|=عجل)",
        "(?:=ادعي|=بدعي|=ندعي|=كندعي|=اتمني|=اتمنى) (?:~)(?:=اموت|=الموت|=نموت|ربي ياخذني|الله ياخذني|ربنا ياخدني|يجي اجلي|ما اصحي)",
        "(?:=اختفي|=اختفا|=نختفي|=اتلاشي) (?:للابد|من الدنيا|من الوجود|من العالم|و ?ما حد يلاقيني|نهاييا|نهائيا)",
        "(?:=تصدمني|=تدعسني|=تخبطني|=تدهسني) (?:سياره|عربيه|طوموبيل|طوبيس|ترين|قطار)",
    ],
}

POSSIBLE_AR = {
    "indirect.hopelessness": [
        "(?:ما|مافي|ما في|مفيش|ما فيه|لا|ماكاين|ما كاين|مكانش) (?:=فايده|=فائده|=امل|=معني|=معنى|=داعي|=لازمه|=طعم) (?:~)?(?:من|في|ف|لـ|ل)? ?(?:=حياتي|=الحياه|=شي|=اي شي|=كل شي|=العيش|=الدنيا|=عيشتي|=وجودي)?",
        "(?:فقدت|فقدنا|ضيعت|راح|خسرت) (?:كل )?(?:=الامل|=امل|=الشغف|=الرغبه في)",
        "(?:=حياتي|=الحياه|=الدنيا|=عيشتي|=وجودي) (?:~)(?:=ما لها|=ملهاش|=مالها|=ماعندهاش|=بلا|=بدون|=ما الها|=مالهاش|=لا|=سودا|=سوداء|=ظلام|=جحيم|=كلها وجع|=خلصت|=انتهت) ?(?:=معني|=معنى|=طعم|=قيمه|=لازمه|=امل)?",
        "(?:=تعبت|=تعبان|=تعبانه|=مليت|=طفشت|=طفشان|=طفشانه|=زهقت|=سئمت|=قرفت|=كرهت|=عييت|=عيت|=فديت|=طفرت|=تعيت|=هلكت|=خنقت|=اختنقت|=زهئت) (?:من )?(?:=الحياه|=حياتي|=الدنيا|=كل شي|=كلشي|=كل حاجه|=العيش|=عيشتي|=وجودي|=نفسي|=روحي|=العالم)",
        "(?:=ما عاد|=ماعاد|=ما عدت|=مش|=معدتش|=لم اعد|=ما بقيتش|=مبقتش|=ما بقى|=ما بقا|=ما) (?:=فيني|=فيا|=فيه حيل|=اقدر|=قادر|=قادره|=بقدر|=نقدر|=قادر نكمل|=اتحمل|=نتحمل|=عندي طاقه|=عندي قوه) (?:~)?(?:=اكمل|=اتحمل|=اعيش|=نكمل|=كمل|=نعيش|=اقاوم|=استحمل|=نستحمل|=اتحمل اكتر)?",
        "(?:=انا|=حاسس|=حاسه|=احس|=اشعر|=بحس|=حاس) (?:ب|انني|اني|بانني)? ?(?:=فاضي|=فاضيه|=ميت من جوا|=ميته من جوا|=مكسور|=مكسوره|=يائس|=يائسه|=يايس|=يايسه|=محطم|=محطمه|=ضايع|=ضايعه|=بلا قيمه|=ولا شي|=ما اسوي شي|=ماليش لازمه|=ملوش لازمه|=فاشل|=مفيش مني فايده|=خرا)",
        "(?:=ما في|=مافي|=ولا|=مفيش|=ماكو|=ماكاين) (?:=شي|=شيء|=حاجه|=اشي) (?:=يستاهل|=تستاهل|=يسوي|=له معني|=يستحق)",
        "(?:=ليش|=ليه|=علاش|=لماذا|=لشو|=ليش اعيش|=لمين) (?:~)?(?:=اكمل|=اعيش|=عايش|=نعيش|=اتعب|=احاول|=اصحي)",
        "(?:=خلاص|=يكفي|=بس|=كفايه|=كفي|=صافي) (?:=تعبت|=مش قادر|=ما اقدر|=ما عاد فيني|=استسلمت|=ما بقدر|=ما نقدرش|=معدتش قادر)|=استسلمت|=استسلام|=يائس|=يايس|=ياس|=الياس|=اليائس",
    ],
}

MEANS_AR = [
    "=حبوب|=الحبوب|=ادويه|=الادويه|=دوا|=الدوا|=حبل|=الحبل|=مسدس|=شفره|=شفرات|=موس|=امواس|=سطح|=السطح|=جسر|=الجسر|=كوبري|=الكوبري|=سكين|=السكينه|=سم|=السم|=الدور|=طابق|=الشباك|=البلكونه|=سطوح",
]

HOLD_AR = {
    "method.question": [
        "(?:كيف|ازاي|ازاى|شلون|كيفاش|كيفكاش|كيفية|كيفيه|طريقه|طريقة|اسهل طريقه|اسرع طريقه|احسن طريقه|افضل طريقه|وش الطريقه|ايش الطريقه|شو الطريقه|ايه الطريقه) (?:~)(?:انتحر|ننتحر|=الانتحار|=للانتحار|=انتحار|اموت|نموت|=للموت|=الموت|اقتل =نفسي|اقتل =روحي|نقتل =روحي|انهي =حياتي|اشنق =نفسي|يموت الواحد|الواحد يموت|يموت الانسان|ينتحر)",
        "(?:=طرق|=طريقه|=وسيله|=وسائل) (?:~)(?:=الانتحار|=للانتحار|=انتحار|=الموت|=للموت)|(?:بدون|بلا|من غير|مافيها|ما فيها) (?:=الم|=وجع|=ما توجع)",
        "(?:كم|قديش|اديش|قداش|قداه|شحال|شحال من|شكد|شگد|قد ايه|كام|كمية|كميه|اي كميه|ايش كمية|كم عدد) (?:~)(?:=حبه|=حبات|=حبت|=قرص|=اقراص|=حبايه|=حبوب|=ملغ|=مل|=جرعه|=علبه|=شريط) (?:~)(?:=تقتل|=تموت|=يموت|=لازم|=عشان اموت|=علشان اموت|=للموت|=حتى اموت|=توقف القلب|=قاتله|=تكفي|=يكفي|=باش نموت|=كافيه|=ما اصحى)",
        "(?:=الجرعه|=جرعه|=كميه|=كام حبايه|=كام حبه|=كم حبه|=انهي جرعه) (?:~)(?:=تموت|=تقتل|=يموت|=بتموت|=بتقتل|=بيموت|=تخلص علي)",
        "(?:=جرعه|=الجرعه|=كميه|=كمية) (?:=قاتله|=زايده|=مميته|=تقتل|=توصل للموت)|=جرعه زايده|=الجرعه القاتله|=اوفردوز",
        "(?:كم|اي|شو|ايش|وش|ايه|انهي|اشمن) (?:~)(?:=طابق|=دور|=ارتفاع|=علو|=طبقه) (?:~)(?:=يكفي|=يموت|=تموت|=يقتل|=كافي|=مضمون|=للموت|=عشان اموت|=نموت)|=ارتفاع كافي",
        "(?:وش|ايش|شو|ايه|اشنو|شنو|شنهو|ايه اللي|ايش اللي|شو اللي|وش اللي|شنو اللي|اش اللي) (?:~)?(?:=يقتل|=بيقتل|=يموت|=بيموت|=تقتل|=يوقف القلب) (?:~)?(?:=بسرعه|=بدون الم|=بلا الم|=الواحد|=الانسان|=نهائي)",
        "(?:=حبوب|=دوا|=ادويه|=سم|=مبيد) (?:~)?(?:=تقتل|=يقتل|=يموت|=تموت|=للموت|=للانتحار|=قاتل|=قاتله)",
        "(?:=وين|=فين|=منين|=من وين|=من فين|=فاين) (?:~)(?:=اشتري|=اجيب|=الاقي|=نشري|=نلقا|=القا) (?:~)(?:=سم|=مسدس|=حبل|=حبوب) (?:~)?(?:=للانتحار|=عشان اموت|=للموت|=اموت|=انتحر)",
    ],
    "harm.pact": [
        "(?:خلينا|يلا|يالله|يلاه|تعال|تعالي|تعالوا|خلونا|هيا|اجي|اجيو|يا الله|يا لله|ايا) (?:~)?(?:ننتحر|نموت|ننهيها|ننهي حياتنا|نقتل =روحنا|نقتل =نفسنا|نخلص من حياتنا|نتخلص من حياتنا)",
        "(?:ننتحر|نموت|ننهيها|ننهي حياتنا|ننهي كل شي|نقتل =روحنا) (?:~)?(?:مع بعض|=سوا|=سوى|=سويا|=سويه|=جميعا|مع بعضنا|=بعض|=مجموعه|=جماعه|=كاملين|=جميع)",
        "(?:حد|احد|مين|شكون|واحد|في حد|فيه حد|اي حد|حدا|شي حد|حد هنا|احد هنا) (?:~)(?:=يبي|=يبغي|=عايز|=عاوز|=بدو|=بغا|=حاب|=مستعد|=يريد|=يحب|=ودو|=ودّه) (?:~)?(?:=ينتحر|=يموت|=ننتحر|=نموت) (?:~)?(?:=معي|=معايا|=معاي|=وياي|=ويايا|=معيا|=معاك|=سوا)",
        "=اتفاق انتحار|=ميثاق انتحار|=اتفاق (?:~)(?:=نموت|=ننتحر)",
    ],
    "harm.encouragement": [
        "(?:روح|روحي|اذهب|يلا|يالله|سير|سيري|امشي|انقلع|انقلعي|ايا) (?:~)?(?:موت|موتي|انتحر|انتحري|مت|اقتل =نفسك|اقتلي =نفسك|اقتل =روحك|اقتل =حالك|تموت|تنتحر|نتحر)",
        "(?:=انتحر|=انتحري|=موت|=موتي|=مت) (?:~)?(?:=وريحنا|=ريحنا|=وريحينا|=ريحينا|=وارتاح|=وخلصنا|=خلصنا|=وفكنا|=فكنا|=يا)",
        # "Better for you", said to someone: "الموت ارحم" alone is the writer's own wish
        # (its article is taken off in the light form, where it reads as "die!").
        "(?:=انتحر|=انتحري|=موت|=موتي|=مت) (?:~)?(?:=احسن|=افضل|=ارحم|=اريح) (?:=لك|=ليك|=لكي|=الك|=ليكي|=لينا|=لنا|=للكل|=للجميع|=للعالم|=للناس)",
        "اقتل =نفسك|اقتلي =نفسك|اقتل =روحك|اقتلي =روحك|اقتل =حالك|اقتلي =حالك|اقتلو =نفسكم|اقتلوا =انفسكم|قتل =راسك|=نقتل راسك|قتل =روحك",
        "(?:ما حد|ماحد|محدش|ما احد|لا احد|ماحدا|حتى واحد) (?:~)(?:=رح يفتقدك|=راح يفقدك|=هيفتقدك|=حيفتقدك|=يفتقدك|=بيفتقدك|=سيفتقدك|=سيفتقدكي|=يحس بغيابك|=هيحس بغيابك)|(?:=الدنيا|=العالم|=الكل) (?:=احسن|=افضل) (?:=بدونك|=من غيرك|=من دونك|=بلاك)",
        "(?:=ياريتك|=يا ريتك|=ليتك|=اتمنالك|=اتمنى لك|=نتمنالك|=اتمني انك) (?:=تموت|=تموتي|=الموت|=تنتحر|=تنتحري|=مت)",
    ],
}

OTHER_AR = {
    "context.other_person": [
        "(?:{V}قتل|{V}موت|{V}ذي|{V}اذي|{V}جرح|{V}نهي|قتل|اذي|جرح|انهي) (?:=نفسه|=نفسها|=روحه|=روحها|=حاله|=حالها|=راسه|=راسها|=حياته|=حياتها|=نفسهم|=روحهم|=حياتهم)",
        "(?:يبي|تبي|بدو|بدها|عايز|عايزه|عاوز|عاوزه|يريد|تريد|بغا|بغات|ودها|وده|يفكر|تفكر|بيفكر|بتفكر|كيفكر|كتفكر|حاول|حاولت|يحاول|تحاول|هدد|هددت|يهدد|تهدد|قال|قالت|بيقول|بتقول|يقول|تقول|كيقول|كتقول|يحكي|تحكي|بيحكي|بتحكي|ناوي|ناويه|قرر|قررت|ينوي|تنوي) (?:~)?(?:ان )?(?:ينتحر|تنتحر|=الانتحار|=بالانتحار|=انتحار|=يموت|=تموت|=يموتو|=الموت|=بالموت|ينهي|تنهي|=يقتل|=تقتل|يجرح|تجرح|يختفي|تختفي)",
        "(?:=ابني|=بنتي|=صاحبي|=صاحبتي|=صديقي|=صديقتي|=اخي|=اختي|=اخوي|=اخويا|=اختي|=اخوك|=ختي|=خويا|=خوي|=امي|=ابوي|=ابي|=زوجي|=زوجتي|=خطيبي|=خطيبتي|=ولدي|=رفيقي|=رفيقتي|=جاري|=جارتي|=طالب|=طالبه|=زميلي|=زميلتي|=قريبي|=قريبتي|=ابن عمي|=بنت عمي|=بنت خالتي|=ولد عمي|=حبيبي|=حبيبتي|=صاحبي) (?:~)(?:=انتحاري|=انتحاريه|=يائس|=يائسه|=بيجرح|=بتجرح|=كيجرح|=كتجرح|=يتكلم عن الموت|=تتكلم عن الموت|=بيتكلم عن الموت|=بتتكلم عن الموت|=يحكي عن الموت|=تحكي عن الموت|=كيهضر على الموت|=كتهضر على الموت|=يكتب رسايل وداع|=تكتب رسايل وداع|=عنده افكار|=عندها افكار)",
        "(?:كيف|ازاي|شلون|كيفاش|شو|ايش|وش|ايه) (?:~)?(?:=اساعد|=نساعد|=نعاون|=اعاون|=اتصرف|=نتصرف|=اتعامل|=نتعامل|=اقول|=نقول|=اكلم|=احمي|=انقذ|=اوقف|=امنع) (?:~)?(?:=ه|=ها|=هم|=معه|=معها|=معاه|=معاها|=ويا|=صاحبي|=صديقي|=صديقتي|=اختي|=اخوي|=اخي|=ابني|=بنتي|=اياه|=اياها)",
    ],
}

NEGATION_AR = (
    "ما|مش|مو|لا|مب|ماني|مانيش|ميش|موب|لست|لسنا|لن|لم|ماراح|مارح|ما رح|ما راح|مراح|ماغاديش|"
    "ما غاديش|مش ه|مش ح|ولا|ابدا|عمري ما|عمرى ما|مستحيل|ماعمري|ما عمري|مني|منيش|ماهو|ماهي|"
    "مابي|مانيش|ماكنتش|ما كنت"
)
# The past, in the words just before a signal ("I tried to...", "چنت اجرح نفسي"). Not
# "مره" (once): in the Gulf it is "very" ("ضايق مره ابي انتحر").
PAST = (
    "was|were|used to|had been|tried|attempted|wanted|ago|back then|once|"
    # Iraqi and Gulf write كنت with چ/ج.
    "كنت|كان|كانت|كنا|زمان|قبل|سابقا|حاولت|چنت|جنت|چان|چانت|چنا|جنا"
)
RECOVERED_AR = [
    "(?:من|قبل|قبل حوالي|من حوالي|صار لي|صارلي|عندي|بقالي|هادي|هادا|هذي) (?:~)?(?:سنين|سنه|سنتين|سنوات|شهور|اشهر|شهرين|سنوات|عام|عامين|اعوام)",
    "(?:الحمد لله|الحمدلله|الحمد الله|ولله الحمد|والحمد لله|بفضل الله|الحمد ل ?له)|(?:=تعافيت|=تعالجت|=اتعالجت|=تحسنت|=اتحسنت|=تجاوزت|=نجوت|=صرت احسن|=بقيت احسن|=وليت احسن|=ولّيت مزيان|=صرت بخير|=انا بخير|=الحين احسن|=الان افضل|=اليوم افضل|=دلوقتي احسن|=هلق احسن|=هلا احسن|=دابا مزيان|=هسه احسن|=العلاج ساعدني|=العلاج النفسي)",
    "(?:في الماضي|زمان|سابقا|قبل سنين|من سنين|ايام المراهقه|لما كنت صغير|لما كنت صغيره|لما كنت في|ايام الجامعه|ايام المدرسه|في مرحله|مريت|مرت علي|عديت)",
    # Stopped, clean, never went back: only ever read beside a signal in the past.
    "=مبطل|=مبطله|=بطلت|=موقف|=موگف|=وقفت|=تارك|=تاركه|=تركت|=ماعاودتش|=ما عاودتش|=ما عاودت|=حبست|=نضيف|=نظيف|=نضيفه|=نظيفه|=ما رجعتش|=مارجعتش|=ما رجعت|=مارجعت|=ما رجعتلو",
]
LOSS_AR = [
    "(?:=انتحر|=انتحرت|=توفي|=توفيت|=اتوفي|=اتوفت) (?:=ابني|=بنتي|=صاحبي|=صاحبتي|=صديقي|=صديقتي|=اخي|=اختي|=اخوي|=اخويا|=زميلي|=زميلتي|=جاري|=جارتي|=ابن عمي|=بنت عمي|=ابن خالي|=بنت خالتي|=خالي|=عمي|=قريبي|=قريبتي|=رفيقي|=رفيقتي|=زوجي|=زوجتي|=طالب|=طالبه|=شاب|=شابه)",
    "(?:=اخويا|=اختي|=خويا|=ختي|=ابويا|=امي|=بابا|=ماما|=ابن خالي|=بنت خالتي|=زميلتي|=جارتي|=صاحبتي|=قريبتي|=رفيقتي) (?:~)?(?:=انتحر|=انتحرت|=قتل =نفسه|=قتلت =نفسها|=انهى حياته|=انهت حياتها)",
    "(?:=ابني|=بنتي|=صاحبي|=صاحبتي|=صديقي|=صديقتي|=اخي|=اختي|=اخوي|=امي|=ابوي|=ابي|=زوجي|=زوجتي|=خطيبي|=ولدي|=رفيقي|=جاري|=ابن عمي|=بنت عمي|=خالي|=عمي|=زميلي|=قريبي|=شاب|=شابه|=بنت|=ولد|=طالب|=طالبه|=فنان|=ممثل|=مغني|=لاعب|=رجل|=امراه|=شخص|=واحد) (?:~)?(?:=انتحر|=انتحرت|=مات|=ماتت|=توفي|=توفيت|=اتوفي|=اتوفت|=رحل|=رحلت|=قتل =نفسه|=قتلت =نفسها|=انهى حياته|=انهت حياتها)",
    "(?:=فقدت|=خسرت|=فقدنا|=خسرنا|=فقدان|=خساره|=رحيل|=وفاه|=عزا|=العزا|=جنازه|=الجنازه|=ذكرى|=الذكري|=الله يرحم|=يرحمه|=يرحمها|=رحمه الله|=الله يرحمه|=الله يرحمها|=الفاتحه|=انتحاره|=انتحارها|=بعد انتحار|=بسبب انتحار|=الحزن|=حزني|=الفقد|=المرحوم|=المرحومه|=الفقيد|=الفقيده)",
]
NEWS_AR = [
    "(?:=خبر|=الاخبار|=اخبار|=مقال|=مقاله|=دراسه|=احصائيات|=احصائيه|=فيلم|=مسلسل|=حلقه|=روايه|=كتاب|=شخصيه|=اغنيه|=برنامج|=وثائقي|=تقرير|=بحث|=صحيفه|=جريده|=قناه|=الاعلام|=بودكاست|=محاضره|=ندوه|=ورشه|=مشروع تخرج|=نسبه|=نسب|=معدل|=معدلات|=حمله|=حملات|=توعيه|=التوعيه)",
    "(?:=يوم عالمي|=اليوم العالمي|=الوقايه من الانتحار|=منع الانتحار|=شهر التوعيه|=اسبوع التوعيه|=الصحه النفسيه)",
]
SUPPORTIVE_AR = [
    "(?:=اتصل|=اتصلي|=كلم|=كلمي|=تواصل|=تواصلي|=اطلب|=اطلبي|=روح|=روحي|=كلموا|=اتصلوا|=ارجوك كلم|=رن|=دق) (?:~)?(?:ب|على|مع|ع)? ?(?:=خط|=رقم|=مختص|=طبيب|=دكتور|=معالج|=الطوارئ|=الاسعاف|=النجده|=المساعده|=الدعم|=حد تثق|=احد تثق|=شخص تثق|=حد بتثق)",
    "(?:=انت|=انتي|=انتا|=راك|=انتي مش|=انت مش)? ?(?:=لست|=مش|=مو|=ما|=ماك|=ماكش|=مانكش|=مانتش) ?(?:=وحدك|=لوحدك|=لحالك|=بروحك|=وحيد|=وحيده)|(?:=نحن|=احنا|=نحنا|=كلنا|=احنا كلنا) (?:~)?(?:=معك|=معاك|=معاكي|=جنبك|=هنا لك|=هنا عشانك|=هون)|=انت مهم|=انتي مهمه|=حياتك غاليه|=حياتك مهمه|=وجودك مهم|=لا تستسلم|=لا تستسلمي|=متستسلمش|=خليك قوي|=خليكي قويه|=الله يحفظك|=الله يحفظك|=ربي يحفظك|=الله يعينك|=ربي يعينك|=ان شا الله تتحسن|=انشالله تتحسن",
    "(?:=اذا|=لو|=ان|=الى|=كان|=في حال|=اي حد|=اي احد|=كل من|=لكل من|=لكل اللي|=للي) (?:~)(?:=تفكر|=تفكري|=حاسس|=حاسه|=تحس|=تحسي|=يفكر|=يحس|=تمر|=يمر|=عندك|=عنده|=كنت|=كنتي|=تعاني|=يعاني)",
]
IDIOM_AR = [
    "{V}موت (?:~)?(?:من|م|ب) ?(?:=الضحك|=ضحك|=الجوع|=جوع|=الحر|=حر|=البرد|=برد|=العطش|=التعب|=الملل|=الخوف|=الغيره|=الفرحه|=الفرح|=الشوق|=النوم|=الكسل|=الزهق|=الخجل|=الكسوف|=الحماس|=الفضول|=القهر|=الغيظ)",
    "(?:=ميت|=ميته|=ميتين|=مت|=متت|=موتت|=فطست|=فطسان|=فطسانه) (?:~)?(?:من|م|ب) ?(?:=الضحك|=ضحك|=الجوع|=جوع|=الحر|=البرد|=التعب|=النوم|=الملل|=الخوف|=العطش|=الفرحه|=الفرح|=الزحمه|=الشغل|=الدراسه|=المذاكره)",
    "(?:=قتلني|=قتلتني|=قتلتيني|=قاتلني|=قاتلتني|=يقتلني|=تقتلني|=بيقتلني|=بتقتلني|=هيقتلني|=هتقتلني|=حيقتلني|=حتقتلني|=رح يقتلني|=غادي يقتلني|=كيقتلني|=موتني|=موتتني|=يموتني|=تموتني|=هيموتني|=حيموتني|=بيموتني|=بتموتني)",
    "(?:{V}موت|=اموت|=بموت|=هموت|=حموت|=نموت|=يموت|=تموت|=ميت|=ميته|=هاموت|=نموت) (?:في|فيك|فيكي|فيه|فيها|عليك|عليه|عليها|على|عشان|علشان|و ?اعرف|و ?اشوف|و ?اجرب|و ?اروح|واعرف|واشوف|واجرب|وانام) ?",
    "(?:=حتى الموت|=لحد الموت|=للموت|=لدرجه الموت|=ضحك للموت|=ضحكت لين|=الموت ضحك|=تعبان موت|=جوعان موت|=زهقان موت|=حلو موت|=حلوه موت|=عسل موت)",
    # Worn out or laughing, not harmed: "قتلت نفسي مذاكرة", "موتت نفسي ضحك".
    "(?:=قتلت|=موتت|=هلكت|=دمرت) (?:=نفسي|=روحي|=حالي|=راسي) (?:~)?(?:=ضحك|=من الضحك|=مذاكره|=دراسه|=مراجعه|=شغل|=تعب|=اكل|=نوم|=رياضه|=تمرين|=جري|=تنضيف|=ترتيب)",
    # Apologies for a long post, a late reply or a silly question, not a farewell.
    "(?:=سامحوني|=سامحني|=سامحيني|=اعذروني|=اعذرني|=سمحولي|=سمحو ليا) (?:~)?(?:(?:=لو|=اذا|=ان كان) (?:~)?(?:=سوالي|=سؤالي|=السوال|=السؤال|=سوال|=سؤال|=طولت|=البوست|=الموضوع|=المكان|=القسم|=مكرر|=غبي|=تافه|=الاملا|=كتبت غلط)|=على الاطاله|=عالاطاله|=للاطاله|=على التاخير|=عالتاخير|=على الازعاج|=على السؤال|=على الغياب|=على اللغه|=على الاخطا|=على الاملا|=تاخرت|=طولت|=طولت عليكم)",
]
# --- Method questions, pacts and encouragement in plain words (cross-validation found
# them read as ordinary questions once the corpus had many everyday dose questions) -----
HOLD_EN["method.question"] += [
    "(?:most|more|least|quickest|fastest|surest) (?:lethal|deadly|fatal|painless|certain|reliable) (?:\\w+ )?(?:way|ways|method|pills|meds|medication|medications|drug|drugs|dose|combination|combo|poison|together)",
    "(?:which|what) (?:\\w+ ){0,3}(?:is|are) (?:the )?(?:most|more) (?:lethal|deadly|fatal)(?= ?(?:\\?|\\||$|together|to take|if you take|for a person|for me))",
    "(?:lethal|deadly|fatal) (?:dose|amount|quantity|combination|combo|height|fal)",
    "(?:sure|certain|painless|quick|quickest|fastest|easiest|best|reliable|peaceful) (?:way|method|means) (?:to|of) (?:die|dying|go|end it|end my life|kill myself|do it|not wake up)",
    "(?:how|what) (?:many|much) (?:\\w+ ){0,5}(?:would|will|to|does it take to|is enough to|needed to) (?:kill|stop (?:my|a|the) heart|be fatal|be lethal|be deadly)",
    "(?:too many|too much)(?: \\w+){0,3} (?:like |as in )?(?:deadly|lethal|fatal|to survive|to wake up)",
    "(?:high|tall) enough (?:to (?:die|kill|not survive|be fatal))?(?= ?(?:\\?|\\||$|to die|to kill))",
    "(?:\\d+(?:st|nd|rd|th)?|\\w+) (?:floor|storey|story) (?:balcony |window |building |drop )?(?:high enough|enough|fatal|lethal)",
    # Not "how long does it take for my phone battery to die": a person, or an overdose.
    "(?:how long|how much time) (?:does it take|would it take|will it take|do you have|before)(?: (?:for )?(?:me|you|a person|someone|a human|your body|my body))? (?:to die|it kills|to kill)",
    "how long (?:does|would|will) (?:a |an |my |the )?(?:\\w+ )?(?:od|overdose)(?: \\w+){0,2} take",
    "(?:where|which) (?:on|in) (?:the|my) (?:neck|wrist|arm|body) (?:is|are) (?:the )?(?:vein|artery|arteries|veins)",
    "(?:buy|get|get hold of|find|order) (?:\\w+ ){0,3}(?:that ll|that will|to) (?:put (?:me|you) to sleep forever|kill me|end it)",
    "painless (?:poison|death|way out|method)",
]
HOLD_EN["harm.pact"] += [
    "(?:suicide|ctb|kms|death) (?:buddy|partner|pact)",
    "(?:ctb|kms|end it|end things|die) with me",
    "(?:end it|ctb|kms|die|do it) (?:\\w+ ){0,3}same (?:day|night|time)",
    "if one of us goes(?:,| \\|)? the other (?:follows|goes)",
]
HOLD_EN["harm.encouragement"] += [
    "(?:go|just|pls|please|should just|should) (?:kms|kys|die|drink bleach|jump)(?= ?(?:\\||$|already|lol|lmao|then|and))",
    "drink bleach|finish the job|(?:actually|just) do it or (?:shut up|stop)",
    "(?:everyone|everybody|the world|we) (?:would|d) be (?:happier|better(?: off)?) if you (?:died|were dead|killed yourself|were gone)",
    "(?:people like you|you|u) should (?:just )?(?:kill|kil) (?:yourself|themselves|urself)",
    "(?:i d|i would) have killed myself (?:ages ago|long ago|by now)",
]
HOLD_AR["method.question"] += [
    "(?:اسهل|اسرع|احسن|افضل|اضمن|اكيد|مضمون|مضمونه|اكيده) (?:~)(?:=طريقه|=وسيله|=حل) (?:~)?(?:للموت|=اموت|=نموت|انتحر|ننتحر|=انهي|=ننهي|=اخلص|=نخلص)",
    "(?:=طريقه|=وسيله) (?:~)?(?:=مضمونه|=اكيده|=بلا الم|=بدون الم|=ما توجع|=ما تعور|=مبتوجعش)",
    "(?:=جرعه|=كميه|=عدد الحبوب|=عدد حبوب) (?:~)?(?:=قاتله|=مميته|=تقتل|=تموت|=يؤدي الي الوفاه|=تؤدي الي الوفاه)",
]
HOLD_AR["harm.pact"] += [
    "(?:=نتفق|=نتفقو|=منتفق|=نحدد|=نختار) (?:~)(?:=موعد|=ميعاد|=وقت|=يوم|=ساعه) (?:~)(?:=نموت|=ننتحر|=ننهي|=نخلص|=نموتو|=ننتحرو)",
    "(?:=شخص|=حد|=حدا|=احد|=واحد|=رفيق) (?:~)?(?:=يشاركني|=يشاركني في) (?:=الموت|=الانتحار)",
    "(?:=نموت|=ننتحر|=ننهي حياتنا|=نموتو|=ننتحرو|=نديروها) (?:~)?(?:في نفس|بنفس|ف نفس|فنفس) (?:=الوقت|=اللحظه|=اليوم|=النهار|=الليله|=الساعه)",
]
HOLD_AR["harm.encouragement"] += [
    "(?:=انتحر|=موت|=روح موت|=روح انتحر|=روح امت|=امت) (?:~)?(?:و ?ريحنا|و ?ارتاح|وخلصنا|وريحنا|لو انت جد|ان كنت جاد|ان كنت جادا|اذا انت جد)",
    "(?:لماذا لا|ليش ما|ليه ما|علاش ما|ليش م) (?:=تقتل =نفسك|=تنتحر|=تموت)",
    "(?:لو|اذا|كون) (?:كنت|كنتي) (?:~)?(?:مكانك|فبلاصتك|محلك) (?:~)(?:انتحرت|=قتلت =نفسي|=موت =نفسي)",
]

MEDICATION_AR = [
    "(?:=ينفع|=يصلح|=ممكن|=هل يمكن|=هل ينفع|=هل يجوز|=اقدر|=عادي|=مسموح|=يجوز) (?:~)?(?:=اخذ|=اخد|=اتناول|=ناخذ|=ناخد|=اشرب|=نشرب|=اخلط|=اجمع)|(?:=جرعه|=جرعتي|=الجرعه|=الصيدلي|=الصيدليه|=الطبيب|=الدكتور|=الروشته|=الوصفه|=اعراض جانبيه|=الاعراض الجانبيه|=مع الاكل|=بعد الاكل|=نسيت جرعه|=نسيت الجرعه|=نسيت حبه)",
]

# --- More ways of saying it (spelling variants, dialects, slang), kept apart for review ----
URGENT_EN["direct.kill_self"] += [
    "(?:i m|im|i am|i feel|feeling|so) (?:so |very |really )?(?:suicial|sucidal|suicdal|suicidle|suisidal|sewersidal)",
]
URGENT_EN["indirect.farewell"] += [
    "tell (?:my \\w+ (?:\\w+ )?|them |everyone |him |her )?(?:that )?it (?:wasn t|was not|isn t) (?:his|her|their|your|anyone s) fault",
    "i m sory (?:that )?(?:it|i) (?:wasn t|was not) (?:enough|strong enough)",
]
URGENT_EN["direct.want_to_die"] += [
    "death (?:sounds|seems|feels|looks) (?:so )?(?:better|nicer|easier|peaceful|like (?:a relief|the answer|peace))",
]
HOLD_EN["method.question"] += [
    "how many (?:\\w+ ){0,2}(?:pils|tablets|capsules|caps|pils of \\w+)(?: \\w+){0,4} (?:take|kil|die|fatal|lethal|enough|od|overdose)",
    "what (?:dose|amount|quantity) (?:of \\w+ )?(?:would|wil|is|could|does it take to) (?:kil|be fatal|be lethal|stop (?:a|the|my) heart|die)",
    "(?:tallest|highest) (?:bridge|building|cliff|car park|parking garage|rooftop)(?: \\w+){0,3} (?:near me|to jump|jump from|to die|around here)",
    "(?:is|would) (?:jumping|falling) (?:from|of) (?:a|the|\\w+) (?:\\w+ )?(?:\\w+ )?(?:enough|fatal|lethal|kil)",
]
HOLD_EN["harm.encouragement"] += [
    "kil (?:yourelf|yourslf|urslf|yoself|yaself|urselves)",
    "(?:just )?go (?:and )?(?:die|kil yourself|end it)",
]
OTHER_EN["context.other_person"] += [
    "(?:he|she|they) (?:said|says|keeps saying|kept saying|told me|texted me|wrote|posted) (?:that )?(?:he|she|they) (?:wants?|wanted|wanna|is going|s going|was going|might) (?:to )?(?:die|kil|end it|end (?:his|her|their) life|disappear|not be here)",
]

URGENT_AR["direct.want_to_die"] += [
    "(?:=الانتحار|=الموت) (?:~)?(?:=الحل|=المخرج|=الطريق|=الخلاص) (?:=الوحيد|=الاخير)",
    "(?:انوي|ناوي|ناويه|نويت|عازم|عازمه|قررت|حاطط في بالي) (?:علي )?(?:=الانتحار|انتحر|=الموت|اموت|نموت)",
]
URGENT_AR["direct.kill_self"] += [
    "(?:فكرت|فكرت جديا|افكر جديا|صرت افكر|عم فكر|قاعد افكر|قاعده افكر) (?:في |ب|ف)?(?:=الانتحار|=انتحار|انتحر|اموت|اقتل =نفسي|انهي =حياتي)",
    "{V}(?:قفز|نط|رمي) (?:=نفسي |=حالي |=روحي |=راسي )?(?:من|م|فوق|تحت|قدام) (?:=الشباك|=النافذه|=البلكونه|=البلكون|=السطح|=الجسر|=الكوبري|=الطابق|=العماره|=القطار|=سياره|=الترين)",
]
POSSIBLE_AR["indirect.hopelessness"] += [
    "=ماكو (?:=فايده|=فائده|=امل|=داعي|=شي يستاهل)|=ماكو شي يستاهل",
]
HOLD_AR["method.question"] += [
    # "Which is the highest tower I can jump from?": a height asked for a jump.
    "(?:اعلي|اطول|اعلا) (?:~)(?:=برج|=عماره|=بنايه|=بنايت|=مبني|=مبنى|=جسر|=كوبري|=بلاصه|=مكان|=سطح|=عمارت) (?:~)(?:{V}نط|{V}قفز|{V}رمي =نفسي|{V}رمي =روحي|{V}لوح =راسي|{V}ذب =نفسي|{V}طيح|{V}نقز)",
    "(?:=حبوب|=ادويه|=دوا|=دوي|=ادوي|=اقراص) (?:~)(?:=توقف القلب|=يوقف القلب|=تسبب توقف|=توقف قلب|=توقف التنفس)",
    "(?:=القفز|=النط|=الرمي|=السقوط) (?:~)(?:=يقتل|=يموت|=بيموت|=بموت|=قاتل|=مميت|=تموت)",
    "(?:اذا|لو|ان|اذ) (?:شربت|بلعت|اخذت|اخدت|خذيت|خدت|اشرب|ابلع) (?:~)(?:=بموت|=اموت|=يموتني|=يقتلني|=بيقتلني|=هموت|=حموت|=نموت|=يقتل)",
    "(?:اي|انهي|وين|فين|اشمن|شو|ايش) (?:=شريان|=عرق|=وريد|=الشريان|=العرق|=الوريد)",
]
HOLD_AR["harm.encouragement"] += [
    "(?:لو|لو كنت|لو انا|لو اني|لو كنت انا) (?:~)?(?:=مكانك|=مطرحك|=بدالك|=محلك) (?:~)?(?:=لانتحرت|=انتحرت|=كنت انتحرت|=كان انتحرت|=نتحرت|=لقتلت =نفسي|=قتلت =نفسي|=موت|=مت)",
    "(?:=الدنيا|=العالم|=الكل|=الناس) (?:~)(?:=احسن|=افضل|=اريح) (?:=بدونك|=من غيرك|=من دونك|=بلاك|=بلاش منك)",
]
POSSIBLE_AR["indirect.hopelessness"] += [
    "(?:ما عاد|ماعاد|ما عدت|ما بقا|ما بقى|مابقا|ما بقيت|ما ضل|ماضل) (?:=فيني|=فيا|=فيي|=في حيل|=فيه حيل|=عندي حيل)",
]
HOLD_EN["method.question"] += [
    "(?:can|could|would|will) (?:you|i|a person|someone|people) (?:die|od|overdose) (?:from|of|if|by) (?:taking|swalowing|drinking|mixing|jumping|\\d+|al|too many|a whole)",
    "what happens if (?:you|i|someone) (?:take|takes|swalow|swalows|drink|drinks|mix|mixes) (?:al|a whole|a bottle of|too many|a lot of|(?:[2-9]\\d|\\d{3,}) (?!mg|ml|mcg|milligrams|units|iu)) ?\\w+",
    "(?:is|would) (?:\\d+|al|a bottle of|a whole (?:box|bottle|pack) of) (?:\\w+ )?(?:pils|tablets|of (?:my|these|the) \\w+) (?:enough|fatal|lethal)",
]
HOLD_AR["method.question"] += [
    "(?:هل|ممكن|يمكن|بيقدر|ينفع) (?:~)(?:=يموت|=يقتل|=تقتل|=تموت|=اموت|=نموت|=بموت) (?:~)?(?:اذا|لو|من|ب) (?:~)?(?:=شرب|=شربت|=بلع|=بلعت|=اخذ|=اخذت|=اخد|=اخدت|=علبه|=شريط|=كل|=حبوب|=قفز|=نط)(?! (?:=الماي|=المي|=المويه|=الميه|=الماء|=ماء|=مويه|=القهوه|=قهوه|=الشاي|=شاي|=الكافيين|=العصير|=الحليب|=الاكل|=السكر|=الملح))",
    "(?:=يموت|=تموت|=بيموت|=بتموت) (?:=الواحد|=الانسان|=الشخص) (?:~)?(?:اذا|لو|من|ب)",
]

# Method questions as members ask them: how long it takes, an amount that is "enough",
# a height, "painless", "does it hurt"; pacts ("together", "same night") and telling
# someone to go through with it. Ordinary medication questions stay out: no entry
# names a dose without dying, killing, a heart stopping or not waking up.
HOLD_EN["method.question"] += [
    "how long (?![^|]*(?:batery|phone|laptop|plant|plants|bacteria|germs|flowers|fish|car|engine|cels|hair))(?:does it|would it|wil it|does an overdose|does a \\w+ overdose|until|before|after) (?:\\w+ ){0,5}(?:to )?(?:die|kil you|kil me|kil a person|bleed out|suffocate|stop breathing|not wake up|be gone|be dead|finish you|finish me|be fatal)",
    "(?:is|would|are|wil|could) (?:\\d+|al|a whole|the whole|a bottle of|a box of|a pack of) (?:\\w+ ){0,3}(?:enough to (?:kil|die|end|od|overdose|not wake)|fatal|lethal|deadly|kil (?:you|me|someone|a person))",
    "(?:mg|dose|amount|quantity|how many pils|how many tablets) (?:of )?(?:\\w+ ){0,3}(?:is|are|would be|wil be|to be) (?:fatal|lethal|deadly)(?! to (?:dogs|cats|pets|animals|fish))",
    "(?:dose|amount|much|many|quantity) (?:of )?(?:\\w+ ){0,3}(?:stops?|would stop|to stop|wil stop) (?:your|my|the|a|someone s|a person s) heart",
    "is (?:jumping|hanging|drowning|an overdose|overdosing|bleding out|freezing to death|carbon monoxide) (?:\\w+ ){0,5}(?:instant|instantaneous|quick|painles|fatal|certain|guaranted)",
    "(?:easiest|quickest|quietest|surest|least painful|least mesy|most reliable|fastest) (?:way|method) (?:to go|out|to end things|to end it|to die)",
    "(?:does|would|wil) (?:an overdose|overdosing|hanging|jumping|drowning|carbon monoxide|freezing to death) (?:hurt|be painful|feel like anything)|do you feel (?:anything|pain) when you (?:od|overdose|hang|drown|jump)",
    "(?:how deep|which vein|which artery|what vein) (?:do you|do i|should i|to) (?:have to )?cut",
    "(?:what|which) (?:height|flor|storey|story) (?:guarantees|is enough|would be enough|wil kil|kils)|(?:high|tal) enough to not survive|not survive the fal",
    "(?:height|flor|storey|balcony|roof|bridge) (?:\\w+ ){0,4}(?:be enough to|definitely do it|not survive)",
    "(?:pil|pils|something) (?:that )?(?:just )?(?:makes you|would make me|to make me) (?:not wake up|never wake up|die in your sleep)",
    "(?:looks|look) like an acident|way to go in (?:my|your) sleep|(?:what|which) (?:combination|mix) of (?:meds|pils|drugs) is (?:deadly|lethal|fatal)",
]
HOLD_EN["harm.pact"] += [
    "(?:do it|end it|die|leave this world|end things|end our lives|kil ourselves) (?:\\w+ ){0,2}(?:together|at the same time|on the same (?:night|day))",
    "(?:i l|il|i wil) (?:do it|end it) (?:with you|too if you)|i l (?:do it|go) too if you (?:do|go)",
    "(?:someone|anyone|a partner|somebody) to (?:do it|end it|die) with (?:me|us)|(?:a )?partner for it|count me in if (?:anyone|someone|you) (?:is|are) (?:doing it|going)",
    "(?:we re|we are|we wil|we l|we both|both of us) (?:\\w+ ){0,2}(?:doing it|ending it|taking the pils) (?:together|tonight|on)",
]
HOLD_EN["harm.encouragement"] += [
    "just do it (?:then|already|this time|finaly)|(?:stop|quit) (?:\\w+ ){0,3}and (?:just )?(?:end it|actualy do it|go through with it)",
    "(?:nobody s|no one s|nobody is|no one is) stopping you|go (?:on|ahead) (?:then )?(?:and )?(?:jump|end it|take them al)",
    "why are you (?:even )?still (?:here|alive|breathing)|(?:nobody|no one) (?:would|wil) (?:even )?(?:miss|notice) you",
    "you never do it|might as wel (?:end it|die)|(?:go|just) (?:take|swalow) (?:the|al the|al your) (?:pils|tablets)",
    "(?:you re|youre|ur|you are) (?:a )?(?:waste of (?:air|space|oxygen)|burden)(?:,| )(?:do us|just|go)|do (?:us|everyone) (?:al )?a favou?r and",
]
HOLD_EN["method.question"] += [
    "is it (?:painful|painles|quick|fast) to (?:die|overdose|od|hang|drown|bleed out|jump)",
]
HOLD_AR["method.question"] += [
    "(?:كم|قديش|اديش|قداش|شحال|كام|شكد|شگد|قد ايه|قد اي) (?:~)(?:=حبه|=حبات|=حبايه|=حبايات|=قرص|=اقراص|=حبوب|=دوا|=الدوا|=الدوه|=فنيده|=ملغ|=علبه|=شريط) (?:~)(?:=ما فيق|=ما افيق|=ما يصحاش|=ما اصحاش|=ما اصحى|=ما نفيق|=ما نفيقش|=ما اقوم|=ما يقوم|=ما اگعد|=ما اقعد|=ما اكعد|=حتى اخلص|=لين اموت|=لحتى موت|=لحتى اموت|=باش نموت|=عشان اموت|=حتى اموت|=اخلص من روحي|=اخلص من =حياتي)",
    "(?:كم|قديش|اديش|قداش|شحال|شكد|شگد|قد ايه|قد اي) (?:~)?(?:=وقت|=الوقت|=ساعه|=ساعات|=دقيقه|=دقايق|=ياخذ|=ياخد|=بياخد|=بياخذ|=كيدي) (?:~)(?:=يموت|=اموت|=تموت|=نموت|=يقتل|=تقتل|=بيموت|=يخلص عليه)",
    "(?:اذا|لو|ان|الا|كان) (?:نطيت|قفزت|رميت|نقزت|طحت) (?:~)(?:=بموت|=اموت|=هموت|=حموت|=نموت|=راح اموت|=رح موت|=يموتني)",
    "(?:=اموت|=نموت|=يموت|=تموت|=الموت|=انتحر|=ننتحر|=ينتحر|=يخلص|=اخلص) (?:~)?(?:بدون|بلا|من غير|بلاش|دون) (?:ما )?(?:=احس|=نحس|=يحس|=تحس|=الم|=وجع|=ما يحس|=والو)",
    "(?:=الطابق|=الدور|=طابق|=دور|=الكوبري|=الجسر|=المبنى|=العماره) (?:~)?(?:=عالي كفايه|=كافي لحتى|=كافي عشان|=كافي باش|=يكفي عشان|=يكفي لحتى|=يكفي باش|=كافي للموت|=يكفي للموت)",
    "(?:=اقل|=اسهل|=اسرع|=احسن|=افضل|=انجح|=اضمن) (?:=طريقه|=طريقة|=وسيله) (?:~)?(?:=مؤلمه|=للموت|=للانتحار|=تموت|=اموت|=نموت|=انتحر|=اخلص|=تنهي|=انهي|=بلا الم|=بدون الم|=مضمونه)",
    "(?:=ابي|=ابغى|=بدي|=عايز|=بغيت|=اريد|=محتاج|=ابحث عن) (?:~)?(?:=طريقه|=طريقة) (?:=مضمونه|=سريعه|=بلا الم|=بدون الم|=مافيها الم)",
]
HOLD_AR["harm.pact"] += [
    "(?:ننتحر|نموت|ننهيها|ننهي =حياتنا|ننهي كل شي|نخلص من =حياتنا|نمشي من =الدنيا|نخلصها|نكملوها|نعملها|نسويها|ندير ها) (?:~)?(?:سوه|معا|سويا|=بنفس الليله|=بنفس اليوم|=بنفس الوقت|=مع بعض|=احنا الاتنين|=انا وياك|=انا وانت|=انا وانتي)",
    "(?:=انا وصاحبي|=انا وصاحبتي|=انا واختي|=انا واخوي|=انا وحبيبي|=انا وحبيبتي) (?:~)(?:=اتفقنا|=قررنا|=ناويين) (?:~)(?:=نموت|=ننتحر|=نمشي من الدنيا|=نروح سوا|=ننهيها|=نروح مع بعض|=نخلص)",
    "(?:=ابحث عن|=بدور على|=ادور|=نقلب على|=بدي) (?:=شخص|=حد|=حدا|=احد|=واحد) (?:~)?(?:=ينهي حياته معي|=يموت معي|=ينتحر معي|=يموت معايا|=ينتحر معايا)",
    "(?:=اذا|=لو) (?:~)?(?:=جاد|=ناوي|=بتعملها|=تسويها|=بتسويها) (?:~)?(?:=بدي اعملها معك|=نسويها سوا|=اعملها معاك|=اعملها معك|=نعملها سوا)",
]
HOLD_AR["harm.encouragement"] += [
    "(?:ياريت|يا ريت|ياليت|يا ليت|ليت|اتمنى) (?:~)?(?:تموت|تموتي|تنتحر|تنتحري|تختفي من الدنيا)",
    "(?:ما حد|ماحد|محد|محدش|ما حدا|ماحدا|حتى واحد|ولا واحد|محدا) (?:~)?(?:=يتوحشك|=غادي يتوحشك|=هيزعل عليك|=بيزعل عليك|=حيزعل عليك|=يزعل عليك|=يهتم بيك|=يهتم فيك|=بيفقدك|=يفقدك|=هيفتقدك|=راح يفتقدك|=بيفتقدك|=رح يفتقدك)",
    "(?:اذا|لو|ان|الا) (?:~)?(?:=بدك|=تريد|=تبي|=تبغي|=عايز|=حاب|=بغيتي|=بغيت) (?:~)?(?:تموت|تنتحر) (?:~)?(?:=موت|=انتحر|=مت|=روح موت)",
    "(?:=ريحهم|=ريحيهم|=ريحنا|=ريحينا|=وريحهم|=فكنا|=هنينا) (?:~)?(?:=منك|=وروح|=وموت|=وانتحر|=واختفي)|(?:=سير|=روح|=امشي) (?:=انتحر|=موت|=تنتحر) (?:~)?(?:=وهنينا|=وريحنا|=وفكنا)",
    "(?:لو|لو كنت|لو انا|لو اني) (?:~)?(?:=مكانك|=بدالك|=محلك) (?:~)?(?:=سويتها|=عملتها|=درتها|=كنت سويتها|=كنت عملتها)",
]

# Ordinary dosing questions: how many a day, what is allowed, what is safe.
MEDICATION_EN += [
    "how (?:many|much) (?:\\w+ ){0,3}(?:can i|can you|should i|am i alowed to|is it safe to) (?:take|have)(?: \\w+){0,3}(?: a day| per day| in a day| at once for| for (?:a|my|the) (?:headache|migraine|pain|cold|fever))?|(?:a|per) day (?:max|maximum)|max(?:imum)? (?:daily )?dose",
]
MEDICATION_AR += [
    "(?:كم|قديش|اديش|قداش|شحال|كام|شكد|شگد) (?:~)(?:=مسموح|=باليوم|=في اليوم|=فاليوم|=يوميا|=فالنهار|=في النهار|=بالنهار|=نقدر ناخد|=اقدر اخذ|=اقدر اخد|=ينفع اخد|=يصلح اخذ)",
]
