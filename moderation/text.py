"""Text matching for the automatic checks: watched words, crisis phrases, contact details.

People write the same words in many ways: with or without diacritics, hamza on alef,
taa marbuta, tatweel, letters stretched ("nooooo", "لااااا") or spaced out
("s u i c i d e"), capitals, digits for letters. Everything is folded to one form
before matching, on the text and on the phrase alike, and the form keeps a map back to
the original characters so that a censored word can be blanked out where it was
written. Kept free of models so tests and benchmarks can use it directly.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from django.utils.translation import gettext as _

from config.arabic import ARABIC_DIACRITICS, ARABIC_LETTER_VARIANTS
from posts.contact_details import contact_details as _contact_details

# The same folding tables the directory, post search and persona names use, so a word
# is recognised the same way everywhere; this module folds character by character
# (keeping where each came from), hence the per-character form of the table.
_ARABIC_MARKS = ARABIC_DIACRITICS
_INVISIBLE = re.compile("[\u00ad\u034f\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]")
_LETTER_VARIANTS = {chr(code): value for code, value in ARABIC_LETTER_VARIANTS.items()}
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
# Digits and symbols standing in for Latin letters ("k1ll", "$uicide"); only inside a
# Latin word, so numbers stay numbers.
_LEET = {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"}
_ARABIC_LETTER = re.compile("[\u0600-\u06ff]")
_LATIN_LETTER = re.compile("[a-z]")


@dataclass(frozen=True)
class Folded:
    """A normalised text and, for each of its characters, where it came from."""

    text: str
    origin: tuple[int, ...]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        return self.origin[start], self.origin[end - 1] + 1


def _fold_characters(text: str) -> list[tuple[str, int]]:
    folded: list[tuple[str, int]] = []
    for index, char in enumerate(text):
        if _INVISIBLE.match(char) or _ARABIC_MARKS.match(char):
            continue
        for piece in unicodedata.normalize("NFKD", char):
            if unicodedata.category(piece) == "Mn":
                continue  # accents and combining marks: "suicíde" is "suicide"
            piece = unicodedata.normalize("NFKC", piece).casefold()
            for out in piece:
                out = _LETTER_VARIANTS.get(out, out).translate(_DIGITS)
                if out:
                    folded.append((out, index))
    # Digits and symbols inside a Latin word become the letters they stand for.
    for position, (char, index) in enumerate(folded):
        if char in _LEET:
            before = folded[position - 1][0] if position else ""
            after = folded[position + 1][0] if position + 1 < len(folded) else ""
            if _LATIN_LETTER.match(before or " ") or _LATIN_LETTER.match(after or " "):
                folded[position] = (_LEET[char], index)
    return folded


def fold(text: str) -> Folded:
    """Case, letter variants, diacritics, stretched and spaced-out letters folded away;
    every run of punctuation and space is one space."""
    chars: list[tuple[str, int]] = []
    for char, index in _fold_characters(text):
        if not (char.isalnum() or char == "_"):
            if chars and chars[-1][0] != " ":
                chars.append((" ", index))
            continue
        # Stretched letters: "soooo" and "so" are one word; phrases are squeezed too.
        if chars and chars[-1][0] == char:
            continue
        chars.append((char, index))
    while chars and chars[-1][0] == " ":
        chars.pop()
    chars = _join_spaced_letters(chars)
    return Folded("".join(char for char, _index in chars), tuple(i for _c, i in chars))


def _join_spaced_letters(chars: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """ "k i l l" and "ا ن ت ح ر" are written to slip past word lists: join runs of
    three or more single letters back into a word."""
    words: list[list[tuple[str, int]]] = [[]]
    for pair in chars:
        if pair[0] == " ":
            words.append([])
        else:
            words[-1].append(pair)
    words = [word for word in words if word]
    joined: list[list[tuple[str, int]]] = []
    run: list[list[tuple[str, int]]] = []

    def flush():
        if len(run) >= 3:
            merged = [pair for word in run for pair in word]
            # Joining can bring two equal letters together ("k i l l"): squeeze again.
            squeezed = [p for n, p in enumerate(merged) if n == 0 or merged[n - 1][0] != p[0]]
            joined.append(squeezed)
        else:
            joined.extend(run)
        run.clear()

    for word in words:
        if len(word) == 1 and word[0][0].isalpha():
            run.append(word)
        else:
            flush()
            joined.append(word)
    flush()
    result: list[tuple[str, int]] = []
    for word in joined:
        if result:
            result.append((" ", word[0][1]))
        result.extend(word)
    return result


def normalise(text: str) -> str:
    return fold(text).text


def normalise_lightly(text: str) -> str:
    """Case, letter variants, diacritics and invisible characters folded, and nothing
    else: what an admin's regular expression expects to read."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _ARABIC_MARKS.sub("", _INVISIBLE.sub("", text))
    return "".join(_LETTER_VARIANTS.get(char, char) for char in text).translate(_DIGITS)


def _is_arabic(text: str) -> bool:
    return bool(_ARABIC_LETTER.search(text))


# Arabic attaches conjunctions, prepositions and the article to the front of a word and
# pronouns to its end: a watched Arabic word is found inside those.
_ARABIC_PREFIX = "(?:و|ف|ب|ل|ك|ال|وال|بال|فال|كال|لل|ولل)?"
_ARABIC_SUFFIX = r"\w{0,3}"


@lru_cache(maxsize=2048)
def compile_watched_pattern(pattern: str, *, is_regex: bool) -> re.Pattern:
    """The compiled form of a watched word, matched against normalised text.

    Raises ValueError with a message for the admin when the pattern cannot work.
    """
    if is_regex:
        try:
            compiled = re.compile(pattern, re.IGNORECASE)
        except re.error as error:
            raise ValueError(
                _("This is not a valid regular expression: %(error)s") % {"error": error}
            ) from error
        if compiled.search(""):
            raise ValueError(_("This pattern matches empty text, so it would catch every post."))
        return compiled
    folded = normalise(pattern)
    if not folded:
        raise ValueError(_("Write at least one letter or digit."))
    body = re.escape(folded)
    if _is_arabic(folded):
        return re.compile(rf"(?<!\w){_ARABIC_PREFIX}{body}{_ARABIC_SUFFIX}(?!\w)")
    return re.compile(rf"(?<!\w){body}(?!\w)")


@dataclass(frozen=True)
class PhraseMatcher:
    """One crisis phrase, folded once."""

    phrase: str
    folded: str
    compact: str
    pattern: re.Pattern | None

    @classmethod
    def build(cls, phrase: str) -> "PhraseMatcher":
        folded = normalise(phrase)
        pattern = None
        if folded and not _is_arabic(folded):
            pattern = re.compile(rf"(?<!\w){re.escape(folded)}(?!\w)")
        return cls(phrase, folded, folded.replace(" ", ""), pattern)

    def found_in(self, folded_text: str, compact_text: str) -> bool:
        if not self.folded:
            return False
        if self.pattern is not None:
            if self.pattern.search(folded_text):
                return True
        elif self.folded in folded_text:
            return True
        # Words run together or split apart ("killmyself", "end mylife"): compared
        # without spaces, for phrases long enough not to turn up by accident.
        return len(self.compact) >= 8 and self.compact in compact_text


@lru_cache(maxsize=4096)
def phrase_matcher(phrase: str) -> PhraseMatcher:
    return PhraseMatcher.build(phrase)


def matching_phrases(text: str, phrases) -> list[str]:
    folded = normalise(text)
    compact = folded.replace(" ", "")
    return [phrase for phrase in phrases if phrase_matcher(phrase).found_in(folded, compact)]


# --- Contact details ---------------------------------------------------------------------

# One check for the composer's warning and for screening's hold: a member is warned about
# exactly what would be held. It lives with posts, on the floor below.
contact_details = _contact_details


def censor(text: str, patterns: list[re.Pattern], mask: str = "•••") -> str:
    """The text with every match of the patterns blanked out where it was written."""
    folded = fold(text)
    spans = []
    for pattern in patterns:
        for match in pattern.finditer(folded.text):
            if match.end() > match.start():
                spans.append(folded.original_span(match.start(), match.end()))
    if not spans:
        return text
    spans.sort()
    merged = [list(spans[0])]
    for start, end in spans[1:]:
        if start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    pieces, position = [], 0
    for start, end in merged:
        pieces.append(text[position:start])
        pieces.append(mask)
        position = end
    pieces.append(text[position:])
    return "".join(pieces)
