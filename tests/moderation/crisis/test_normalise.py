"""Normalising: one written form for the many ways people write, and no more."""

import pytest

from moderation.crisis.normalise import is_arabizi, normalise, skeleton, stem, transliterate


@pytest.mark.parametrize(
    "written, expected",
    [
        ("أُرِيدُ أَنْ أَمُوتَ", "اريد ان اموت"),  # diacritics, hamza
        ("أريـــد أن أمـــوت", "اريد ان اموت"),  # tatweel
        ("أريييييد أن أمووووت", "اريد ان اموت"),  # stretched
        ("ا ن ت ح ر", "انتحر"),  # spaced out
        ("انت\u200bحر", "انتحر"),  # zero-width space inside the word
        ("ki\u200bll my\u202eself", "kil myself"),  # zero-width and bidi override
        ("I want to KIIILL myself", "i want to kil myself"),
        ("su1c1dal", "suicidal"),  # digits for letters
        ("حياة", "حياه"),  # taa marbuta
    ],
)
def test_it_folds_what_people_write_to_one_form(written, expected):
    assert normalise(written).text == expected


@pytest.mark.parametrize("written", ["2nd time at 5pm", "I take 20mg daily", "see you 2morrow"])
def test_numbers_in_english_stay_numbers(written):
    n = normalise(written)
    assert not n.arabizi
    assert any(char.isdigit() for char in n.text)


def test_sentence_ends_stay_as_bars_so_context_reads_one_sentence():
    assert normalise("I am not ok. I want to die!!").text == "i am not ok | i want to die"


@pytest.mark.parametrize(
    "tokens, expected",
    [
        (["ana", "3ayez", "amoot"], True),
        (["bghit", "nmout"], True),
        (["i", "want", "to", "die"], False),
        (["meet", "at", "5pm", "2nd", "floor"], False),
    ],
)
def test_it_tells_arabizi_from_english(tokens, expected):
    assert is_arabizi(tokens) is expected


@pytest.mark.parametrize(
    "word, expected",
    [("amoot", "اموت"), ("nafsi", "نفسي"), ("7ayati", "حيتي"), ("3ayez", "عيز"), ("mesh", "مش")],
)
def test_it_writes_arabizi_in_arabic_letters(word, expected):
    # Short vowels are dropped: "7ayati" meets "حياتي" on the skeleton, not letter for letter.

    assert transliterate(word) == expected


def test_arabizi_and_arabic_meet_on_the_skeleton():
    assert skeleton(normalise("ana 3ayez amoot").text) == skeleton(normalise("انا عايز اموت").text)
    assert normalise("ana 3ayez amoot").latin  # the Latin form is kept for the English lists


@pytest.mark.parametrize(
    "word, expected",
    [
        ("وبحياتي", "حيا"),
        ("الحياة", "حيا"),
        ("سأنتحر", "انتحر"),
        ("والموت", "موت"),
        ("حياتي", "حيا"),
        ("help", "help"),  # English words stay as they are
        ("بيت", "بيت"),  # a short word is not cut down
    ],
)
def test_light_stemming_brings_inflections_to_one_entry(word, expected):
    assert stem(normalise(word).text) == expected


@pytest.mark.parametrize("written", ["", "😭😭😭", "...", "\u200b\u200f", "\x00\x01"])
def test_it_never_fails_on_empty_or_symbol_only_text(written):
    assert normalise(written).text == ""
