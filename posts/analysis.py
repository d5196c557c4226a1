"""The search analyser: one function turns text into the words search compares, used
for what is indexed and for what a member types, on PostgreSQL and SQLite alike.

Folding first (config.arabic: case, diacritics, hamza and alef forms, taa marbuta as haa,
alef maqsura as yaa, digits), then common words dropped, then each word reduced to a
stem: Arabic by a light stemmer (clitics and possessive or plural endings, nothing
deeper), everything else by Porter's English stemmer. The script of the word decides,
not the group's language, so a mixed post is found by either part.

The stemmer is deliberately light and, above all, consistent: a stem need not be a real
word, only the same for the forms a member means (قلقي and بالقلق, صديقاتي and صديقة).
Both databases index and search these stems, so they agree by construction.
"""

import functools
import re

from config.arabic import normalise_arabic
from posts.porter import stem as english_stem

# Arabic letters (folded), or runs of any other letters and digits: a word never mixes
# the two, so PostgreSQL's parser and SQLite's tokenizer cut it where we do.
_TOKEN = re.compile(r"[\u0621-\u064a\u0660-\u0669\u0671-\u06d3]+|[^\W_\u0600-\u06ff]+")
_ARABIC = re.compile(r"[\u0621-\u064a]")
_WRITTEN_WORD = re.compile(r"\w+")
# Longer is a pasted link or a key, not a word anyone searches for.
MAX_WORD_LENGTH = 40

# Folded forms (إلى is الي, هذه is هذه, على stays على once ى is folded: علي).
STOP_WORDS = frozenset(
    """
    a an and are as at be been but by did do does for from had has have he her him his i
    if in into is it its me my of on or our she so than that the their them then there
    these they this those to too us was we were what when which who will with would you
    your
    في من الي علي عن مع ان او ما هذا هذه ذلك تلك التي الذي الذين هو هي هم انا انت نحن
    كان كانت قد ثم حتي لقد اذا
    """.split()  # noqa: SIM905 (a word list reads better as words)
)

_ARTICLE = re.compile(r"^(?:[وف]?[بكل]?ال|[وف]?لل)")
_POSSESSIVE = ("كما", "هما", "كم", "هم", "هن", "ها", "نا", "ي", "ك", "ه")
_PLURAL = ("ات", "ون", "ين", "ان")
_CLITICS = "وفبكل"


def arabic_stem(word: str) -> str:
    """Strip the definite article with its clitics, one possessive and one plural
    ending, then leading single-letter clitics, always leaving three letters or more.

    The single-letter clitics go last, on what the endings left: whether و or ب is
    taken off then depends only on the stem, so every form of one word agrees
    (وحدتي and الوحدة both give وحد, كتابي and الكتاب both give تاب).
    """
    match = _ARTICLE.match(word)
    if match and len(word) - match.end() >= 3:
        word = word[match.end() :]
    for suffix in _POSSESSIVE:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            # A taa marbuta becomes ت before an ending: مدرستي is مدرسة + ي.
            if word.endswith("ت") and not word.endswith("ات") and len(word) >= 4:
                word = word[:-1]
            break
    for suffix in _PLURAL:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    while len(word) >= 4 and word[0] in _CLITICS:
        word = word[1:]
    return word


def stem_word(word: str) -> str:
    """The stem of one folded word."""
    if _ARABIC.match(word):
        return arabic_stem(word)
    if word.isascii() and word.isalpha():
        return english_stem(word)
    return word


def words(text: str) -> list[str]:
    """The folded words of a text, common words and overlong words left out."""
    return [
        word
        for word in _TOKEN.findall(normalise_arabic(text))
        if word not in STOP_WORDS and len(word) <= MAX_WORD_LENGTH
    ]


def analyse(text: str) -> list[str]:
    """The stems of a text, in order: what is indexed and what is searched for."""
    return [stem_word(word) for word in words(text)]


def analysed_text(text: str) -> str:
    return " ".join(analyse(text))


def document(*, title: str, content_warning: str, body: str) -> str:
    """A post as stored for search: three lines, title, warning and body, analysed.

    PostgreSQL weighs the lines (title most, then body, then warning) when it builds
    the vector from this column; SQLite's FTS5 table indexes the column as it is.
    """
    return "\n".join(analysed_text(part or "") for part in (title, content_warning, body))


@functools.lru_cache(maxsize=100_000)
def _stems_of_written_word(word: str) -> frozenset[str]:
    return frozenset(
        stem_word(w) for w in _TOKEN.findall(normalise_arabic(word)) if w not in STOP_WORDS
    )


def stems_and_spans(text: str):
    """(stems, start, end) for each word of a text as written, for highlighting.

    Folding can change a text's length (ligatures, presentation forms), so each word is
    folded on its own and located in the original. Members repeat their words: each
    distinct one is analysed once per process."""
    for match in _WRITTEN_WORD.finditer(text):
        yield _stems_of_written_word(match.group()), match.start(), match.end()
