"""Generating persona names, and deciding whether a chosen one is acceptable.

A persona name is how a member is known, so it must never be usable to impersonate:
not another persona (even one that only looks the same), not the staff, not Sanad.
"""

import re
import secrets
import unicodedata

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from config.arabic import ARABIC_DIACRITICS, ARABIC_LETTER_VARIANTS

ENGLISH_ADJECTIVES = (
    "Gentle", "Quiet", "Steady", "Hopeful", "Patient", "Warm", "Brave", "Calm",
    "Kind", "Bright", "Tender", "Soft", "Honest", "Open", "Early", "Evening",
)  # fmt: skip
ENGLISH_NOUNS = (
    "Olive", "Harbour", "Lantern", "Cedar", "River", "Meadow", "Sparrow", "Willow",
    "Dune", "Palm", "Breeze", "Pebble", "Orchard", "Falcon", "Jasmine", "Moon",
)  # fmt: skip
ARABIC_NOUNS = (
    "زيتونة", "مرفأ", "فانوس", "أرزة", "نهر", "مرج", "عصفور", "صفصافة",
    "كثيب", "نخلة", "نسمة", "حصاة", "بستان", "صقر", "ياسمينة", "قمر",
)  # fmt: skip
# Adjectives agree with the noun's gender, so each noun carries its own pair.
ARABIC_ADJECTIVES_MASCULINE = ("هادئ", "دافئ", "صبور", "لطيف", "ساكن", "مضيء", "حنون", "شجاع")
ARABIC_ADJECTIVES_FEMININE = (
    "هادئة", "دافئة", "صبورة", "لطيفة", "ساكنة", "مضيئة", "حنونة", "شجاعة",
)  # fmt: skip

# Names nobody may take, compared by skeleton (see persona_name_key), whole words.
RESERVED_WORDS = (
    "admin", "administrator", "administration", "moderator", "moderators", "mod", "staff",
    "sanad", "anonymous", "official", "system", "support", "team", "helpline",
    "مشرف", "مشرفة", "المشرف", "مدير", "المدير", "الادارة", "ادارة", "سند", "مجهول",
    "مجهولة", "رسمي", "فريق", "موظف", "طاقم",
)  # fmt: skip
RESERVED_PHRASES = (
    "former member", "original poster", "anonymous member", "عضو سابق", "عضو مجهول",
)  # fmt: skip

# One folding of Arabic spelling variants for names and for search (config/arabic.py).
_ARABIC_DIACRITICS = ARABIC_DIACRITICS
_ARABIC_LETTER_VARIANTS = ARABIC_LETTER_VARIANTS
# Zero-width, joiner and direction-control characters: they can make two different
# names look identical, or flip how a name reads on screen.
_INVISIBLE = re.compile(r"[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f"
                        r"\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]")  # fmt: skip
# Letters that look like Latin ones in other alphabets, and Latin look-alikes of each
# other, folded to one form so that a disguised copy of a name collides with it.
_CONFUSABLES = str.maketrans(
    {
        "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i",
        "ѕ": "s", "ј": "j", "ԁ": "d", "ɡ": "g", "к": "k", "м": "m", "т": "t", "в": "b",
        "н": "h", "ο": "o", "α": "a", "ν": "v", "ρ": "p", "τ": "t", "ι": "i", "κ": "k",
        "ε": "e", "μ": "u", "υ": "u", "0": "o", "1": "l", "i": "l", "|": "l", "!": "l",
        "5": "s", "$": "s", "3": "e", "@": "a",
    }
)  # fmt: skip
_ALLOWED_PUNCTUATION = set(" -_.'")


def generate_persona_name(language: str) -> str:
    number = secrets.randbelow(900) + 100
    if language == "ar":
        noun = secrets.choice(ARABIC_NOUNS)
        adjectives = (
            ARABIC_ADJECTIVES_FEMININE if noun.endswith("ة") else ARABIC_ADJECTIVES_MASCULINE
        )
        return f"{noun} {secrets.choice(adjectives)} {number}"
    return f"{secrets.choice(ENGLISH_ADJECTIVES)} {secrets.choice(ENGLISH_NOUNS)} {number}"


def _digits_to_ascii(text: str) -> str:
    return "".join(str(unicodedata.digit(char)) if char.isdigit() else char for char in text)


def _words(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _INVISIBLE.sub("", text)
    text = _ARABIC_DIACRITICS.sub("", text)
    text = text.translate(_ARABIC_LETTER_VARIANTS)
    text = _digits_to_ascii(text)
    # Twice: a look-alike may fold to a letter that itself has a look-alike (і → i → l).
    text = text.translate(_CONFUSABLES).translate(_CONFUSABLES)
    text = text.replace("rn", "m").replace("vv", "w")
    return [word for word in re.split(r"[\s\-_.']+", text) if word]


def persona_name_key(name: str) -> str:
    """The skeleton two names are compared by.

    Case, spacing, punctuation, Arabic spelling variants (hamza forms, taa marbuta,
    alef maqsura, diacritics, tatweel), Arabic-Indic digits and letters that merely look
    alike all fold away, so "Quiet Cedar", "quiet-cedar" and "Quіet Cedar" (with a
    Cyrillic і) are one name.
    """
    return "".join(_words(name))


def _scripts(name: str) -> set[str]:
    scripts = set()
    for char in name:
        if char.isalpha():
            scripts.add(unicodedata.name(char, "UNKNOWN").split(" ")[0])
    return scripts


def validate_persona_name(name: str) -> str:
    """Return the cleaned name, or raise ValidationError naming the problem."""
    cleaned = unicodedata.normalize("NFC", name).strip()
    if _INVISIBLE.search(cleaned):
        raise ValidationError(
            _("The name contains invisible or direction-changing characters."), code="invisible"
        )
    cleaned = re.sub(r"\s+", " ", cleaned)
    if not cleaned:
        raise ValidationError(_("Choose a name."), code="empty")
    maximum = settings.SANAD_PERSONA_NAME_MAX_LENGTH
    if len(cleaned) > maximum:
        raise ValidationError(
            ngettext(
                "The name can be at most %(max)s character long.",
                "The name can be at most %(max)s characters long.",
                maximum,
            )
            % {"max": maximum},
            code="too_long",
        )
    if len(persona_name_key(cleaned)) < 3:
        raise ValidationError(_("The name needs at least three letters or digits."), code="short")
    for char in cleaned:
        category = unicodedata.category(char)
        if not (category[0] in "LMN" or char in _ALLOWED_PUNCTUATION):
            raise ValidationError(
                _("The name may contain only letters, digits, spaces and - _ . '"),
                code="characters",
            )
    if len(_scripts(cleaned)) > 1:
        raise ValidationError(
            _("The name mixes letters from different alphabets. Use one alphabet."),
            code="mixed_scripts",
        )
    words = _words(cleaned)
    reserved_words = {persona_name_key(word) for word in RESERVED_WORDS}
    reserved_phrases = {persona_name_key(phrase) for phrase in RESERVED_PHRASES}
    joined = "".join(words)
    if reserved_words & set(words) or joined in reserved_phrases or joined in reserved_words:
        raise ValidationError(
            _("This name is reserved: it could be mistaken for Sanad's staff or a system label."),
            code="reserved",
        )
    return cleaned
