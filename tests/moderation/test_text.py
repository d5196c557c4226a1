"""The folding behind every automatic check."""

import pytest

from moderation.text import (
    censor,
    compile_watched_pattern,
    contact_details,
    matching_phrases,
    normalise,
)


@pytest.mark.parametrize(
    ("written", "folded"),
    [
        ("أَهْلاً", "اهلا"),
        ("مدرسـة", "مدرسه"),
        ("إلى", "الي"),
        ("HELLOOOO", "helo"),
        ("k i l l", "kil"),
        ("su1c1de", "suicide"),
        ("٣ أيام", "3 ايام"),
        ("in\u200bvisible", "invisible"),
        ("suicíde", "suicide"),
    ],
)
def test_it_folds_spelling_variants(written, folded):
    assert normalise(written) == folded


def test_numbers_stay_numbers_outside_words():
    assert normalise("call 112 now") == "cal 12 now"
    assert normalise("10 days") == "10 days"


def test_phrases_match_across_spacing_but_not_inside_other_words():
    assert matching_phrases("endmylife tonight", ["end my life"]) == ["end my life"]
    assert matching_phrases("I was skilled myself", ["kill myself"]) == []


def test_censor_blanks_the_original_characters():
    pattern = compile_watched_pattern("stupid", is_regex=False)

    assert censor("So STUUUPID, honestly.", [pattern]) == "So •••, honestly."
    assert censor("nothing here", [pattern]) == "nothing here"


def test_contact_details_kinds():
    assert contact_details("ring 07700 900 123 or mail a@b.co") == ["phone", "email"]
    assert contact_details("see you on insta @tuesday_group") == ["handle"]
    # Someone addressed by name is not an account being shared.
    assert contact_details("see you @tuesday_group") == []
    assert contact_details("We met in 1998 and again in 2004.") == []


def test_a_bad_regular_expression_says_why():
    with pytest.raises(ValueError, match="not a valid regular expression"):
        compile_watched_pattern("([a-z]", is_regex=True)
