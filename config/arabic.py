"""Folding Arabic spelling variants, so that text written one way is found written another.

Arabic is written with or without hamza on alef, with taa marbuta or a plain haa at the
end of a word, with alef maqsura or yaa, with or without diacritics and tatweel, and
people type whichever their keyboard or habit gives them. Search (and comparing persona
names) folds all of these to one form, on the stored text and on the query alike.
"""

import re
import unicodedata

ARABIC_DIACRITICS = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
# Persian kaf and yeh too: Persian and Urdu keyboards type them for Arabic words.
ARABIC_LETTER_VARIANTS = str.maketrans(
    {
        "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ؤ": "و", "ئ": "ي",
        "ء": "", "ک": "ك", "ی": "ي",
    }
)  # fmt: skip
# Zero-width and direction-control characters: invisible, but they split a word in two.
_INVISIBLE = re.compile(r"[\u00ad\u034f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]")
_WORD = re.compile(r"\w+")


def _digits_to_ascii(text: str) -> str:
    return "".join(str(unicodedata.digit(char)) if char.isdigit() else char for char in text)


def normalise_arabic(text: str) -> str:
    """The folded form of a text: lower case, Arabic variants and diacritics folded,
    Arabic-Indic digits as ASCII. Spacing and punctuation are kept."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _INVISIBLE.sub("", text)
    text = ARABIC_DIACRITICS.sub("", text)
    text = text.translate(ARABIC_LETTER_VARIANTS)
    return _digits_to_ascii(text)


def search_words(text: str) -> list[str]:
    """The normalised words of a text, punctuation dropped: safe to build a raw
    full-text query from, since nothing but letters, digits and _ survives."""
    return _WORD.findall(normalise_arabic(text).replace("_", " "))
