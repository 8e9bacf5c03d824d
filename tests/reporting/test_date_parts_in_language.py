"""A date with two parts missing names both parts in the page's language, joined in that
language too (it was joined with an English " and " in every language)."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from hatecrime.reporting.forms.base import DatePartsField


def message_for(parts: list[str], language: str) -> str:
    field = DatePartsField(subject="the date")
    with translation.override(language):
        with pytest.raises(ValidationError) as raised:
            field.compress(parts)
        return " ".join(raised.value.messages)


def test_in_english_both_parts_are_named():
    assert message_for(["", "", "2026"], "en-gb") == "The date must include a day and a month"
    assert message_for(["3", "", "2026"], "en-gb") == "The date must include a month"


def test_in_another_language_the_joiner_is_that_languages():
    assert " and " not in message_for(["", "", "2026"], "vi")
    assert " and " not in message_for(["", "", "2026"], "ar")
