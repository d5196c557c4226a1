"""Step 1 of the crisis detector: one written form for the many ways people write.

Builds on moderation.text's folding (the same tables: case, diacritics, hamza and alef
forms, taa marbuta, alef maqsura, tatweel, invisible characters, Eastern digits,
stretched and spaced-out letters, digits for Latin letters), done here with
whole-string operations because the detector has a budget of milliseconds per post.
On top of it:

- Arabizi (Arabic in Latin letters and digits: "ana 3ayez amoot", "bghit nmout") is
  transliterated to Arabic letters, so one Arabic lexicon covers both scripts. Its
  vowels are guesses, so the detector also compares "skeletons" (non-initial alef
  dropped) for Arabizi posts: "7ayati" and "حياتي" meet as "حيتي".
- light stemming (stem()): conjunctions, prepositions and the article in front, the
  dialects' verb prefixes (ب ه ح, and the separate رح / غادي), pronoun suffixes at the
  end, so the learned scorer sees one entry for all its inflections.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from config.arabic import ARABIC_LETTER_VARIANTS
from moderation import text as folding

_INVISIBLE = folding._INVISIBLE
_MARKS = folding._ARABIC_MARKS
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_VARIANTS = {
    **ARABIC_LETTER_VARIANTS,
    **{ord(a): b for a, b in zip("٠١٢٣٤٥٦٧٨٩", "0123456789", strict=True)},
}
_VARIANTS.update({ord(a): b for a, b in zip("۰۱۲۳۴۵۶۷۸۹", "0123456789", strict=True)})
_NON_WORD = re.compile(r"[^\w|]+")
_BARS = re.compile(r"^[\s|]+|[\s|]+$|(?<=\|)[\s|]+(?=\S)")
_SQUEEZE = re.compile(r"(\D)\1+")
_LATIN_TOKEN = re.compile(r"[a-z0-9@$]+")
_ARABIC = re.compile("[\u0621-\u064a]")

# --- Arabizi --------------------------------------------------------------------------------

_ARABIZI_DIGIT = re.compile(r"[a-z][2356789]|[2356789][a-z]")
_ARABIZI_INSIDE = re.compile(r"[a-z][2356789]+[a-z]|^[2356789]+[a-z]")
# Numbers with units, ordinals, times and English text-speak are numbers, not Arabizi.
_NOT_ARABIZI = re.compile(
    r"^\d+(st|nd|rd|th|am|pm|h|hr|hrs|k|m|mg|ml|kg|km|min|mins|s|x|yo|yrs|d|lb|lbs|ft)$"
    r"|^(2day|2nite|2night|2morrow|2moro|gr8|h8|l8r|m8|w8|b4|4ever|2gether|str8|sk8|any1|no1|some1)$"
)
# Words that only Arabizi uses (checked against English: none is an English word).
ARABIZI_WORDS = frozenset(
    [
        "ana",
        "enta",
        "inta",
        "enti",
        "inti",
        "ento",
        "ana",
        "mesh",
        "msh",
        "mish",
        "mosh",
        "mush",
        "bas",
        "walla",
        "wallah",
        "wallahi",
        "khalas",
        "5alas",
        "bdi",
        "badi",
        "biddi",
        "baddi",
        "3ayez",
        "3ayza",
        "3ayz",
        "3awz",
        "3awza",
        "abgha",
        "ab8a",
        "abgh",
        "abi",
        "bghit",
        "kanbghi",
        "nbghi",
        "la2",
        "kaman",
        "kman",
        "lesh",
        "leh",
        "lih",
        "ezay",
        "izay",
        "keef",
        "kif",
        "shu",
        "shou",
        "eh",
        "3ala",
        "3an",
        "elli",
        "illi",
        "hada",
        "hatha",
        "hadi",
        "haza",
        "hay",
        "dah",
        "deh",
        "keda",
        "kida",
        "kda",
        "ba3d",
        "wala",
        "aktar",
        "nafsi",
        "nefsi",
        "nafse",
        "rou7i",
        "ro7i",
        "7ayati",
        "7ayat",
        "7aya",
        "yalla",
        "habibi",
        "mafish",
        "mafeesh",
        "mabqash",
        "tab",
        "tayeb",
        "lazem",
        "lazim",
        "3ashan",
        "3shan",
        "3lshan",
        "ashan",
        "zay",
        "howa",
        "hiya",
        "heya",
        "dima",
        "daiman",
        "bzaf",
        "bezaf",
        "wakha",
        "safi",
        "chi",
        "hna",
        "ghadi",
        "ndir",
        "rani",
        "raho",
        "nta",
        "nti",
        "wach",
        "wesh",
        "mabqitsh",
        "mab2itsh",
        "ma3ad",
        "m3ad",
        "ya3ni",
        "y3ni",
        "tayeh",
        "ta3ban",
        "ta3bana",
        "ta3bt",
        "t3bt",
        "mot",
        "amoot",
        "amout",
        "amut",
        "nmout",
        "nmot",
        "nmut",
        "yemoot",
        "ymoot",
        "mawt",
        "mout",
        "moot",
        "entehar",
        "intihar",
        "ente7ar",
        "nente7er",
        "antehar",
        "a2tel",
        "aktol",
        "a9tel",
        "n9tel",
        "ne9tel",
        "nafs",
        "rabi",
        "rabbi",
        "allah",
        "inshallah",
        "yarab",
        "yarabi",
        "akhi",
        "ukhti",
        "habibti",
        "sahbi",
        "sa7bi",
        "5ayef",
        "khayef",
        "za3lan",
        "mdaye2",
        "ma7ad",
        "mahad",
        "7ad",
        "wala7ad",
        "hantehar",
        "antehar",
        "ntehar",
        "leila",
        "lela",
        "naharda",
        "enaharda",
        "delwa2ty",
        "dlw2ty",
        "7aga",
        "haga",
        "kol",
        "kolo",
        "awi",
        "2awi",
        "gedan",
        "gdn",
        "donya",
        "dunya",
        "hayati",
        "ahli",
        "ahlak",
        "m3a",
        "ma3a",
        "bardo",
        "lazm",
        "msh",
        "nefsy",
        "nafsy",
        "mabqetsh",
        "ma3adsh",
        "3ayesh",
        "a3eesh",
        "n3ish",
        "nmot",
        "bghit",
        "bghina",
        "baghi",
        "bghat",
        "nfsi",
        "amot",
        "amoot",
        "mot",
        "tamout",
        "ymout",
        "yentehar",
        "tentehar",
        "ta3ban",
        "ta3bana",
        "mkhno2",
        "makhno2",
        "zah2an",
        "zahqan",
        # crisis words as Arabizi writes them (a short post may have nothing else)
        "bde",
        "bdy",
        "mout",
        "moot",
        "amoot",
        "amout",
        "nmout",
        "nmoot",
        "amot",
        "ntehar",
        "nte7ar",
        "ente7ar",
        "2ente7ar",
        "2nte7ar",
        "ente7er",
        "2ente7er",
        "bfakker",
        "bfakar",
        "fiye",
        "fiyi",
        "ba2a",
        "ba2et",
        "ra7",
        "7ayati",
        "nafsi",
        "7ali",
    ]
)
# More of the dialects' little words and crisis verbs, Maghrebi and Levantine above all
# ("ghadi nqtel rassi", "bghit nemchi men had denya"); none is an English word.
_MORE_ARABIZI_WORDS = (
    "rassi rasi rassek nqtel nqtol n9tol nqetel nemchi nmchi nmshi nemshi nsali",
    "nsaliha denya dnya eddenya donia dounia lahum lahom lahm kont kunt kent konet",
    "eza iza ida mawjoud mawjood mawjud mawjouda nertah nerta7 nertaa7 nrta7 artah",
    "arta7 yertah bgheet bghyt bghit bghitu bghaw baghya ghadya ghadiya gha ghan",
    "ghanmchi daba dyal dial diali dyali walou walo walu mazal mazel bzzaf bezzaf",
    "wach wesh chno chnou chkoun chkon kifach kifash 3lach 3lash 3layach mabqitch",
    "mab9itch mab9ach ma9dertch 9ader 9adra qader qadra nfiq nfi9 manfiqch manfi9ch",
    "nn3es nna3s nan3as n3es sme7li sm7oli sam7ouni sam7oni sam7ini sam7ni sam7uni",
    "wadda3t wada3 wada3an bkhatri bye2a tani taniya bokra bukra elleila elleyla",
    "ellila hal2ad halla2 halla hala2 shi heik hek hayda haydi hayde ktir kteer kter",
    "shway shwaya shwayya ya3ni yaani ba3den ba3dein 2albi galbi 9albi albi 7ayeti",
    "hayati hayatee 7ayatee nafsee ro7ee rohi mote mout2 tamanet atmana atmanna nfsi",
    "nefsi t3bt t3abt ta3abt ta3bana 3yit 3yeet 3yyit 3ayit mallit malleit zhe2t",
    "zhe2et te3bet te3bt ta3ban ma3ad ma3adsh mab2ash",
)
ARABIZI_WORDS |= frozenset(word for line in _MORE_ARABIZI_WORDS for word in line.split())
_DIGRAPHS = {"sh": "ش", "ch": "ش", "kh": "خ", "gh": "غ", "th": "ث", "dh": "ذ", "3'": "غ"}
_LETTERS = {
    "2": "ق", "3": "ع", "5": "خ", "6": "ط", "7": "ح", "8": "غ", "9": "ق",
    "b": "ب", "t": "ت", "j": "ج", "g": "ج", "d": "د", "r": "ر", "z": "ز", "s": "س",
    "f": "ف", "q": "ق", "k": "ك", "l": "ل", "m": "م", "n": "ن", "h": "ه", "w": "و",
    "y": "ي", "p": "ب", "v": "ف", "x": "كس", "c": "ك",
}  # fmt: skip
_FUNCTION_WORDS = {"ana": "انا", "enta": "انت", "inta": "انت", "nta": "انت", "enti": "انتي",
                   "inti": "انتي", "nti": "انتي", "ya": "يا", "la": "لا", "ma": "ما",
                   "w": "و", "wa": "و", "el": "ال", "il": "ال", "al": "ال", "fi": "في",
                   "min": "من", "men": "من", "mn": "من", "allah": "الله",
                   "bde": "بدي", "bdy": "بدي", "fiye": "فيي", "fiyi": "فيي", "fiya": "فيا",
                   "ba2a": "بقي", "bi2a": "بقي",
                   "badde": "بدي", "bade": "بدي", "beddi": "بدي", "bidde": "بدي",
                   "baddi": "بدي", "biddi": "بدي", "badi": "بدي", "bddi": "بدي",
                   "ab8a": "ابغى", "abgha": "ابغى", "abga": "ابغى", "abi": "ابي",
                   "a5od": "اخد", "akhod": "اخد", "law": "لو", "eza": "اذا", "iza": "اذا",
                   "ida": "اذا", "kont": "كنت", "kunt": "كنت", "kontsh": "كنتش",
                   "nafsi": "نفسي", "nefsi": "نفسي", "nfsi": "نفسي", "rou7i": "روحي",
                   "ro7i": "روحي", "7ali": "حالي", "rassi": "راسي", "rasi": "راسي"}  # fmt: skip


def is_arabizi(tokens: list[str]) -> bool:
    """Latin letters used for Arabic: digits for Arabic sounds inside words, or the
    dialects' own little words."""
    marked = sum(1 for t in tokens if _ARABIZI_DIGIT.search(t) and not _NOT_ARABIZI.match(t))
    words = sum(1 for t in tokens if t in ARABIZI_WORDS)
    short = len(tokens) <= 3 and words >= 1  # "amoot", "bde mout"
    # A post of a line or two with one digit-letter word is Arabizi too ("nta7ar w
    # nertah", "a7san law ma kontsh atwaladt"); English keeps its own reading (latin).
    # The digit inside a word, or leading it ("a7san", "3ayez"); not a name's trailing
    # number ("layla.k22", "mp3").
    inside = any(_ARABIZI_INSIDE.search(t) and not _NOT_ARABIZI.match(t) for t in tokens)
    short_marked = len(tokens) <= 12 and inside
    return marked >= 2 or (marked >= 1 and words >= 1) or words >= 2 or short or short_marked


@lru_cache(maxsize=65536)
def transliterate(token: str) -> str:
    """One Arabizi word in Arabic letters: consonants as written, long vowels as
    letters, short vowels dropped (Arabic does not write them)."""
    if token in _FUNCTION_WORDS:
        return _FUNCTION_WORDS[token]
    token = re.sub(r"([a-z])\1{2,}", r"\1\1", token)  # "amoooot" is "amoot"
    out: list[str] = []
    i, n = 0, len(token)
    while i < n:
        pair = token[i : i + 2]
        char = token[i]
        if pair in _DIGRAPHS:
            out.append(_DIGRAPHS[pair])
            i += 2
            continue
        if char == "2" and i == 0:
            out.append("ا")  # a hamza on the first letter: "2ente7ar" is "انتحار"
            i += 1
            continue
        if char in "aeiou":
            run = re.match(r"[aeiou]+", token[i:]).group()
            end = i + len(run) >= n
            if i == 0:
                out.append("ا" + ("و" if run[0] in "ou" else ""))
            elif end:
                if run[-1] in "iy" or run in ("ee", "ei"):
                    out.append("ي")
                elif run[-1] in "ou":
                    out.append("و")
                else:  # a final "a" or "e" is most often taa marbuta
                    out.append("ه" if len(out) >= 3 else "ا")
            elif run in ("o", "u"):
                pass  # a short vowel, not written: "bt2tol" is "بتقتل", "mot" is "مت"
            elif "o" in run or "u" in run:
                out.append("و")
            elif run in ("ee", "ii", "ie", "ei", "i"):
                out.append("ي")
            i += len(run)
            continue
        out.append(_LETTERS.get(char, ""))
        i += 1
    return "".join(out)


def skeleton(text: str) -> str:
    """Non-initial alef dropped: Arabizi's vowels are guesses, so Arabizi is compared
    with the lexicon on this looser form."""
    return re.sub("(?<=[\u0621-\u064a])ا", "", text).translate(_LOOSE)


# Sounds Arabizi writes alike ("h" for ح and ه, "s" for س and ص...).
_LOOSE = str.maketrans("حصضطظذثء", "هسدتززت ")


# --- Folding ------------------------------------------------------------------------------

_LEET = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"}
)
_LEET_WORD = re.compile(r"[a-z0-9@$]*[a-z][a-z0-9@$]*")
_SPACED = re.compile(r"(?<!\S)(?:[^\W\d_] ){2,}[^\W\d_](?!\S)")


def _deleet(match: re.Match) -> str:
    word = match.group()
    if _NOT_ARABIZI.match(word) or word.isalpha():
        return word
    return word.translate(_LEET)


_CLAUSE = re.compile(r"\s*(?:[.!?;,\n؟؛،]|\.\.\.|…)[\W_]*")


def _squeeze_and_join(text: str) -> str:
    # Sentence ends stay as "|": negation and tense are read within one clause. A comma
    # ends a clause in either script ("I'm not ok, I want to die" is no denial).
    text = _CLAUSE.sub(" | ", text)
    text = _NON_WORD.sub(" ", text).replace("_", " ")
    text = _BARS.sub(lambda m: "" if m.start() == 0 or m.end() == len(text) else " ", text)
    text = _SQUEEZE.sub(r"\1", text).strip()
    # "k i l l" and "ا ن ت ح ر" are written to slip past word lists: join them back.
    if _SPACED.search(text):
        text = _SPACED.sub(lambda m: m.group().replace(" ", ""), text)
        text = _SQUEEZE.sub(r"\1", text)
    return text


def fold(text: str) -> str:
    """moderation.text's folding, done on the whole string at once."""
    text = _INVISIBLE.sub("", text)
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = _COMBINING.sub("", _MARKS.sub("", text))
        text = unicodedata.normalize("NFKC", text)
    return text.casefold().translate(_VARIANTS)


@dataclass(frozen=True)
class Normalised:
    """A text ready for the lexicons and the scorer."""

    text: str  # folded words, one space apart; Arabizi written in Arabic letters
    latin: str = ""  # an Arabizi post's Latin form too (its English parts, its slang)
    arabizi: bool = False

    @property
    def light(self) -> str:
        """The text with Arabic clitics in front taken off ("وبالموت" -> "موت")."""
        return _ARABIC_WORD.sub(lambda m: strip_proclitics(m.group()), self.text)

    @property
    def stems(self) -> str:
        return " ".join(stem(word) for word in self.text.split())


def normalise(text: str) -> Normalised:
    folded = fold(text)
    latin = _squeeze_and_join(_LEET_WORD.sub(_deleet, folded))
    tokens = _LATIN_TOKEN.findall(folded)
    if tokens and is_arabizi(tokens):
        arabic = _LATIN_TOKEN.sub(lambda m: transliterate(m.group()), folded)
        return Normalised(_squeeze_and_join(arabic), latin=latin, arabizi=True)
    return Normalised(latin)


# --- Light stemming -------------------------------------------------------------------------

_ARABIC_WORD = re.compile("[\u0621-\u064a]{3,}")
_AND_NOT = frozenset({"وما", "ومش", "ولا", "ومو", "ومب", "فما", "فلا"})


@lru_cache(maxsize=50_000)
def strip_proclitics(word: str) -> str:
    if word in _AND_NOT:
        return word[1:]  # "وما عاد فيني": the negation after "and"
    for article in _ARTICLE:
        if word.startswith(article) and len(word) - len(article) >= 2:
            return word[len(article) :]
    if len(word) < 4 or word.startswith("في"):
        return word  # "فيني" is a word, not "ف" + "يني"
    if word[0] in "وف":
        word = word[1:]
        if word.startswith("ال") and len(word) >= 4:
            return word[2:]
        if word[0] in "بل" and len(word) >= 4:
            return word[1:]
        return word
    # One-letter prepositions and the future: only where a verb or noun clearly follows
    # ("سأنتحر", "بحياتي", "لحياتي"); "كثيرة" keeps its kaf.
    if (word[0] in "بل" and len(word) >= 5) or (word[0] == "س" and word[1] in "اتين"):
        return word[1:]
    return word


_ARTICLE = ("وال", "فال", "بال", "كال", "ولل", "فلل", "لل", "ال")
_VERB_PREFIX = re.compile("^(?:[بهس](?=[اتين])|ح(?=[اتن]))")
_SUFFIXES = ("كما", "هما", "تما", "تين", "تان", "كم", "هم", "هن", "ها", "نا", "ني", "وا",
             "ون", "ين", "ات", "ي", "ك", "ه", "ت")  # fmt: skip
_FUTURE_WORDS = frozenset({"رح", "راح", "رايح", "غادي", "غا", "حا", "ها", "هاد"})


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    """The light stem of one word: Arabic clitics, dialect verb prefixes and pronoun
    suffixes off ("وبحياتي" -> "حيا", "سانتحر" -> "انتحر"); other words as they are."""
    if not _ARABIC.match(word) or len(word) <= 3:
        return word
    word = strip_proclitics(word)
    if len(word) >= 4:
        word = _VERB_PREFIX.sub("", word)
    for _round in range(2):
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                word = word[: -len(suffix)]
                break
        else:
            break
    return word
