"""Generating and comparing persona names in Arabic and English."""

import re
import secrets
import unicodedata

ENGLISH_ADJECTIVES = (
    "Gentle",
    "Quiet",
    "Steady",
    "Hopeful",
    "Patient",
    "Warm",
    "Brave",
    "Calm",
    "Kind",
    "Bright",
    "Tender",
    "Soft",
    "Honest",
    "Open",
    "Early",
    "Evening",
)
ENGLISH_NOUNS = (
    "Olive",
    "Harbour",
    "Lantern",
    "Cedar",
    "River",
    "Meadow",
    "Sparrow",
    "Willow",
    "Dune",
    "Palm",
    "Breeze",
    "Pebble",
    "Orchard",
    "Falcon",
    "Jasmine",
    "Moon",
)
ARABIC_NOUNS = (
    "زيتونة",
    "مرفأ",
    "فانوس",
    "أرزة",
    "نهر",
    "مرج",
    "عصفور",
    "صفصافة",
    "كثيب",
    "نخلة",
    "نسمة",
    "حصاة",
    "بستان",
    "صقر",
    "ياسمينة",
    "قمر",
)
# Adjectives agree with the noun's gender, so each noun carries its own pair.
ARABIC_ADJECTIVES_MASCULINE = ("هادئ", "دافئ", "صبور", "لطيف", "ساكن", "مضيء", "حنون", "شجاع")
ARABIC_ADJECTIVES_FEMININE = (
    "هادئة",
    "دافئة",
    "صبورة",
    "لطيفة",
    "ساكنة",
    "مضيئة",
    "حنونة",
    "شجاعة",
)

_ARABIC_DIACRITICS = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ARABIC_LETTER_VARIANTS = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ؤ": "و", "ئ": "ي"}
)
_INVISIBLE = re.compile(r"[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\s]+")


def generate_persona_name(language: str) -> str:
    number = secrets.randbelow(900) + 100
    if language == "ar":
        noun = secrets.choice(ARABIC_NOUNS)
        adjectives = (
            ARABIC_ADJECTIVES_FEMININE if noun.endswith("ة") else ARABIC_ADJECTIVES_MASCULINE
        )
        return f"{noun} {secrets.choice(adjectives)} {number}"
    return f"{secrets.choice(ENGLISH_ADJECTIVES)} {secrets.choice(ENGLISH_NOUNS)} {number}"


def persona_name_key(name: str) -> str:
    """The form two names are compared in: "Quiet  Cedar" and "quiet cedar" are one name,
    and so are Arabic spellings that differ only by hamza, taa marbuta or diacritics."""
    text = unicodedata.normalize("NFKC", name).casefold()
    text = _ARABIC_DIACRITICS.sub("", text)
    text = text.translate(_ARABIC_LETTER_VARIANTS)
    return _INVISIBLE.sub(" ", text).strip()
