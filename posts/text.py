"""Text rules for what members write: Arabic-aware normalisation for search and muted
words, and invisible characters that disguise text. The contact-details check has a
module of its own (posts.contact_details).

The folding itself is the one config.arabic defines for the directory, so a word is found
the same way everywhere.
"""

import re

from config.arabic import normalise_arabic

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
