"""Step 2: the signals a text carries, as spans, each with a stable code.

Direct statements (wanting to die, to kill or hurt oneself), indirect warning signs
(farewell, being a burden, giving things away, a plan or a date, a passive wish to die),
self-harm, hopelessness (and the means nearby), method-seeking, pacts and encouragement
(held), and someone else at risk. The lists are in moderation.crisis.lexicons; this
module only finds them, in the text and, for Arabizi, in its looser skeleton and its
Latin form too.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from moderation.crisis import lexicons
from moderation.crisis.normalise import Normalised, skeleton

URGENT = "urgent"
POSSIBLE = "possible"
HOLD = "hold"
OTHER = "other"
MAX_SPANS = 16  # enough to decide; a post of a thousand repeated phrases stops here


@dataclass(frozen=True)
class Span:
    code: str
    group: str  # urgent | possible | hold | other
    text: str  # the form it was found in (context reads around it there)
    start: int
    end: int
    loose: bool = False  # found in an Arabizi post's skeleton form

    @property
    def words(self) -> str:
        return self.text[self.start : self.end]


def _merge(*lexicon_sets: dict[str, list[str]]) -> dict[str, list[str]]:
    merged: dict[str, list[str]] = {}
    for lexicon in lexicon_sets:
        for code, entries in lexicon.items():
            merged.setdefault(code, []).extend(entries)
    return merged


_GROUPS = {
    URGENT: (lexicons.URGENT_EN, lexicons.URGENT_AR),
    POSSIBLE: (lexicons.POSSIBLE_EN, lexicons.POSSIBLE_AR),
    HOLD: (lexicons.HOLD_EN, lexicons.HOLD_AR),
    OTHER: (lexicons.OTHER_EN, lexicons.OTHER_AR),
}


@lru_cache(maxsize=1)
def _compiled():
    """Per script (Latin, Arabic): a text is only read with the lists of its scripts."""
    strict: dict[str, list] = {"en": [], "ar": []}
    for group, (english, arabic) in _GROUPS.items():
        for script, lexicon in (("en", english), ("ar", arabic)):
            compiled = lexicons.compile_lexicon(lexicon)
            strict[script] += [(group, code, p) for code, p in compiled.items()]
    means = lexicons.compile_lexicon({"means": lexicons.MEANS_EN + lexicons.MEANS_AR})["means"]
    return strict, means


_LATIN = re.compile("[a-z]")
_ARABIC = re.compile("[\u0621-\u064a]")


def _patterns_for(form: str) -> list:
    strict, _means = _compiled()
    patterns = []
    if _LATIN.search(form):
        patterns += strict["en"]
    if _ARABIC.search(form):
        patterns += strict["ar"]
    return patterns


@lru_cache(maxsize=1)
def _compiled_loose():
    """The skeleton forms, compiled on the first Arabizi post."""
    loose = []
    for group, sets in _GROUPS.items():
        merged = _merge(*sets)
        loose += [(group, code, p) for code, p in lexicons.compile_loose(merged).items()]
    return loose


def find(normalised: Normalised) -> list[Span]:
    """Every signal in the text, in order of appearance per form."""
    light = normalised.light
    if normalised.arabizi:
        # Arabizi: the looser skeleton (which covers any Arabic script in the post too)
        # and the Latin form for English; two readings, not four, for the time budget.
        forms = [
            (skeleton(light), _compiled_loose()),
            (normalised.latin, _patterns_for(normalised.latin)),
        ]
    else:
        forms = [(normalised.text, _patterns_for(normalised.text))]
        if light != normalised.text:
            forms.append((light, _patterns_for(light)))
    spans: list[Span] = []
    loose_form = forms[0][0] if normalised.arabizi else None
    for form, patterns in forms:
        if not form:
            continue
        for group, code, pattern in patterns:
            for match in pattern.finditer(form):
                spans.append(
                    Span(code, group, form, match.start(), match.end(), form is loose_form)
                )
                if len(spans) >= MAX_SPANS:
                    return spans
    return spans


def mentions_means(normalised: Normalised) -> bool:
    _strict, means = _compiled()
    return bool(means.search(normalised.text) or means.search(normalised.latin))


def warm() -> None:
    """Compile every list now (at start-up, not on a member's first post)."""
    _compiled()
    _compiled_loose()
