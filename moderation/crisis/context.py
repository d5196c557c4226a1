"""Step 3: what turns the same words into something else.

Around one signal (the words just before it, in the same sentence): a negation ("I'm
not suicidal", "ما بدي موت"), the past ("I tried to kill myself when I was 15"), a
hypothetical or someone addressed ("if you want to die, please call..."), another
person as the subject ("she wants to die"), an idiom ("هموت من الضحك", "my boss will
kill me"). Over the whole post: a recovery story, the loss of someone (to suicide or
not), news, films and awareness days, a supportive reply naming a helpline, an
ordinary medication question.
"""

import re
from functools import lru_cache

from moderation.crisis import lexicons
from moderation.crisis.normalise import Normalised, skeleton
from moderation.crisis.signals import Span

_WINDOW = 3  # words before a signal that can change its meaning
_FAR_WINDOW = 7  # ...and for a negation read through "any thoughts of"
_ADDRESSED_SIGNS = ("indirect.farewell", "indirect.giving_away", "indirect.burden")
_PRESENT = re.compile(
    r"(?<![^\s|])(?:now|tonight|today|again|stil|right now|these days|lately|anymore|"
    r"الحين|الان|هلق|هلا|دلوقتي|دابا|هسه|اليوم|الليله|مازال|لسه|لسا|باقي|رجعت|"
    r"من جديد|تاني|ثاني)(?![^\s|])"
)


_FREE_OF = re.compile(r" (?:fre|clean)(?![^\s|])(?! (?:of|from)(?![^\s|]))")
_SAID = re.compile(
    r"(?<![^\s|])(?:says|said|keeps saying|told me|tels me|texted|wrote|posted|thinks|"
    r"قال|قالت|گال|گالت|كال|كالت|يقول|تقول|بيقول|بتقول|كيقول|كتقول|يحكي|تحكي|بيحكي|بتحكي|"
    r"قلي|قالي|قالتلي|كتب|كتبت|يكتب|تكتب)(?![^\s|])"
)


def _words(source: str) -> re.Pattern:
    return re.compile(rf"(?<![^\s|])(?:{source})(?![^\s|])")


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern]:
    def joined(entries: list[str]) -> re.Pattern:
        return lexicons.join_entries(entries)

    return {
        "negation": _words(f"{lexicons.NEGATION_EN}|{lexicons.NEGATION_AR}"),
        "negation.loose": _words(_skeletons(lexicons.NEGATION_AR)),
        "past": _words(lexicons.PAST),
        "past.loose": _words(_skeletons(lexicons.PAST)),
        "addressed": _words(_ADDRESSED),
        "addressed.loose": _words(_skeletons(_ADDRESSED)),
        "far_negation": re.compile(_FAR_NEGATION),
        "other": _words(
            "he|she|they|his|her|their|him|them|friend|sister|brother|son|daughter|mom|mum|dad|"
            "roomate|cousin|boyfriend|girlfriend|bf|gf|partner|wife|husband|kid|child|student|"
            "coworker|coleague|uncle|aunt|neighbour|neighbor|classmate|teen|someone|person|"
            "هو|هي|هم|هوا|هيا|صاحبي|صديقي|صديقتي|اخي|اختي|اخوي|ابني|بنتي|امي|ابوي|زوجي|زوجتي|"
            "ابن|بنت|خالتي|خالي|عمي|عمتي|جاري|جارتي|زميلي|زميلتي|ولدي|رفيقي|رفيقتي|ختي|خويا|"
            "شاب|شابه|فتاه|رجل|امراه|طالب|طالبه|فنان|ممثل|مغني|لاعب|واحد|فلان"
        ),
        "recovered": joined(lexicons.RECOVERED_EN + lexicons.RECOVERED_AR),
        "loss": joined(lexicons.LOSS_EN + lexicons.LOSS_AR),
        "news": joined(lexicons.NEWS_EN + lexicons.NEWS_AR),
        "supportive": joined(lexicons.SUPPORTIVE_EN + lexicons.SUPPORTIVE_AR),
        "idiom": joined(lexicons.IDIOM_EN + lexicons.IDIOM_AR),
        "medication": joined(lexicons.MEDICATION_EN + lexicons.MEDICATION_AR),
    }


_ADDRESSED = (
    "you|u|your|ur|yourself|if|anyone|someone|somebody|"
    "انت|انتي|انتا|لو|اذا|ان كنت|كل من|الواحد|الانسان|شخص"
)
# A negation further back, through the words that only follow one ("I don't have any
# thoughts of hurting myself", "ليس لدي أي نية لإيذاء نفسي"): read in a longer window.
_FAR_NEGATION = (
    r"(?<![^\s|])(?:not|never|no|don t|dont|do not|didn t|haven t|havent|have no|without|"
    r"ليس|لست|لا|ما|مش|مو|لم|لن|مافي|ما في|ماعندي|ما عندي|ماعنديش|معنديش|مالي|ماكو)"
    r" (?:[^\s|]+ ){0,3}(?:any|the slightest|اي|ادني|ادنى) "
    r"(?:intention|intentions|plan|plans|thought|thoughts|desire|urge|wish|نيه|رغبه|تفكير|نيت)"
    r"(?![^\s|])"
)
# Skeleton forms that are everyday words in Arabic script ("مره", very, once), never read
# as a negation or the past.
_SKELETON_CLASHES = frozenset({"مره"})


def _skeletons(source: str) -> str:
    """The Arabic alternatives in their Arabizi skeleton: an Arabizi post's signals are
    found in its skeleton, where "ma bdi mout" reads "م بدي موت". Read only around
    signals found there, never in Arabic script, where "م" is a time of day."""
    words = [w for w in source.split("|") if re.search("[\u0621-\u064a]", w)]
    loose = {skeleton(w) for w in words} - _SKELETON_CLASHES
    return "|".join(sorted(w for w in loose if len(w.strip()) > 1))


_ONE_LETTER_NEGATIONS = frozenset({"م", "ل"})  # ما, لا in the skeleton


# The second half of a contraction, which normalise splits off ("don t", "i m"): not a
# word of its own when counting the words before a signal.
_CONTRACTED = frozenset({"t", "m", "s", "re", "ve", "ll", "d"})


def _before(span: Span, window: int = _WINDOW) -> str:
    """The words just before the span, in its sentence ("I don't want to hurt myself":
    "don t want to", a contraction counting as one word)."""
    head = span.text[: span.start]
    head = head.rsplit("|", 1)[-1]
    words, counted = head.split(), 0
    start = len(words)
    while start > 0 and counted < window:
        start -= 1
        counted += words[start] not in _CONTRACTED
    return " ".join(words[start:])


def span_context(span: Span) -> frozenset[str]:
    """What the words around one signal say about it."""
    patterns = _patterns()
    before = _before(span)
    found = set()
    own = span.words
    loose = ".loose" if span.loose else ""

    def said(name: str) -> bool:
        if not before:
            return False
        if patterns[name].search(before):
            return True
        if not loose:
            return False
        # "ma" and "la" are also "what" and "to" in Arabizi ("wselt la mar7ale bdi
        # mout"): one letter in the skeleton, a negation only right before the signal.
        last = before.split()[-1]
        return bool(patterns[name + loose].search(before)) or (
            name == "negation" and last in _ONE_LETTER_NEGATIONS
        )

    if span.group != "hold":
        # A negation inside an entry ("I don't want to live") is part of what it says.
        if said("negation") or patterns["far_negation"].search(_before(span, _FAR_WINDOW)):
            found.add("negated")
        if said("past") and not _PRESENT.search(before):
            found.add("past")
        if span.code.startswith("selfharm") and _FREE_OF.match(span.text, span.end):
            found.add("past")  # "a year self harm free": what was, not what is
        if said("addressed"):
            found.add("addressed")
        # Someone named before a farewell, a gift or a burden is who it is said to
        # ("إلى أمي: سامحيني", "gave my sister my books"), not who is at risk.
        if (
            before
            and not span.code.startswith(_ADDRESSED_SIGNS)
            and patterns["other"].search(before)
            # Hopelessness after someone named is theirs only when reported ("صديقي
            # گال ماكو داعي أعيش"); "my boyfriend left me, no reason to live" is mine.
            and (span.group == "urgent" or (span.group == "possible" and _SAID.search(before)))
        ):
            found.add("other")
        # An idiom overlapping the signal, in its sentence ("هموت من الضحك").
        start = span.text.rfind("|", 0, span.start) + 1
        end = span.text.find("|", span.end)
        end = len(span.text) if end < 0 else end
        for idiom in patterns["idiom"].finditer(span.text, start, end):
            if idiom.start() < end and idiom.end() > span.start:
                found.add("idiom")
                break
    elif said("negation") and "you" not in own:
        found.add("negated")
    return frozenset(found)


def names_someone(text: str) -> bool:
    """Whether the text names another person ("my friend", "she", "أختي")."""
    return bool(_patterns()["other"].search(text))


def post_context(normalised: Normalised) -> frozenset[str]:
    """What the whole post is: a recovery story, a loss, news, a supportive reply..."""
    found = set()
    texts = [normalised.text, normalised.light]
    if normalised.arabizi:
        texts.append(normalised.latin)
    for name in ("recovered", "loss", "news", "supportive", "medication"):
        if any(_patterns()[name].search(t) for t in texts if t):
            found.add(name)
    if "recovered" in found and not any(_PRESENT.search(t) for t in texts):
        found.add("recovered_now")
    return frozenset(found)


def warm() -> None:
    _patterns()
