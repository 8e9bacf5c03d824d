"""A message written with a Python escape (`"I don\\u2019t know"`) is extracted by xgettext as
the six characters `\\u2019`, so no translation ever matched it and the page stayed English.
Public text is written with the character itself."""

import re
from pathlib import Path

import polib
from django.utils import translation

import hatecrime
from hatecrime.reporting.forms.people import YES_NO_NOT_SURE

LOCALE = Path(hatecrime.__file__).parent / "locale"


def test_no_message_holds_an_escape_instead_of_its_character():
    for path in LOCALE.glob("*/LC_MESSAGES/django.po"):
        for entry in polib.pofile(str(path)):
            assert not re.search(r"\\u[0-9a-fA-F]{4}", entry.msgid), (path, entry.msgid)


def test_the_answers_with_an_apostrophe_are_translated(settings):
    with translation.override("vi"):
        assert str(dict(YES_NO_NOT_SURE)["not_sure"]) != "I\u2019m not sure"
