"""Text rules for what members write: Arabic-aware normalisation for search and muted
words, invisible characters that disguise text, and the gentle personal-details check.

The folding itself is the one groups.text defines for the directory, so a word is found
the same way everywhere.
"""

import re

from groups.text import normalise_arabic

# Bidi overrides, embeddings and isolates reorder what a reader sees; zero-width spaces,
# joiners of nothing and byte-order marks hide inside words to slip past word lists.
# Left: ZWJ and ZWNJ (emoji sequences, Persian) and the plain LRM/RLM marks.
DISGUISING_CHARACTERS = re.compile("[\u202a-\u202e\u2066-\u2069\u200b\u2060-\u2064\ufeff\u180e]")


def normalize_search_text(text: str) -> str:
    """Fold a text so spelling variants meet: the same folding the group directory uses
    (case, diacritics, tatweel, alef and hamza forms, taa marbuta, alef maqsura, digits)."""
    return normalise_arabic(text)


def strip_disguising_characters(text: str) -> tuple[str, bool]:
    """The text without invisible direction and zero-width tricks, and whether any were there."""
    cleaned = DISGUISING_CHARACTERS.sub("", text)
    return cleaned, cleaned != text


def muted_word_list(raw: str) -> list[str]:
    """A reader's muted words: one per line or comma, normalised, without repeats."""
    words = []
    for part in re.split(r"[\n,،]+", raw):
        word = normalize_search_text(part.strip())
        if word and word not in words:
            words.append(word)
    return words


def mentions_muted_word(text: str, muted: list[str]) -> bool:
    if not muted or not text:
        return False
    folded = normalize_search_text(text)
    for word in muted:
        # Whole words only ("sad" must not hide "Ambassador"), but Arabic clings
        # prefixes (و, ال, ب...) to words, so Arabic words match inside a word too.
        if re.search(r"[\u0600-\u06ff]", word):
            if word in folded:
                return True
        elif re.search(rf"(?<!\w){re.escape(word)}(?!\w)", folded):
            return True
    return False


# The gentle check before posting: things that identify someone outside Sanad.
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
# Nine or more digits, allowing the spaces, dots, dashes and brackets people type (eight
# would flag every date written 2024-01-15).
_PHONE = re.compile(r"(?<![\w.])\+?(\d[\s().-]{0,2}){9,}(?!\w)")
_HANDLE = re.compile(r"(?<![\w@])@[A-Za-z0-9_.]{3,30}\b")
_PROFILE_LINK = re.compile(
    r"\b(instagram\.com|facebook\.com|fb\.com|twitter\.com|x\.com|tiktok\.com|"
    r"snapchat\.com|t\.me|wa\.me|linkedin\.com|threads\.net)/\S+",
    re.IGNORECASE,
)


def personal_details(text: str) -> list[str]:
    """Kinds of contact details found in the text: "email", "phone", "handle"."""
    text = normalise_arabic(text)
    found = []
    if _EMAIL.search(text):
        found.append("email")
    without_emails = _EMAIL.sub(" ", text)
    if _PHONE.search(without_emails):
        found.append("phone")
    if _HANDLE.search(without_emails) or _PROFILE_LINK.search(without_emails):
        found.append("handle")
    return found
