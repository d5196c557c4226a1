"""Counts agree with what they count in Arabic: never "5 حرف"."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from accounts.names import validate_persona_name


@pytest.mark.parametrize(
    ("maximum", "words"), [(5, "5 أحرف"), (40, "40 حرفًا"), (2, "حرفين"), (100, "100 حرف")]
)
def test_a_too_long_name_is_refused_in_arabic_that_agrees(settings, maximum, words):
    settings.SANAD_PERSONA_NAME_MAX_LENGTH = maximum

    with translation.override("ar"), pytest.raises(ValidationError) as refused:
        validate_persona_name("نجمة" * 40)

    assert refused.value.messages == [f"لا يمكن أن يزيد الاسم على {words}."]
