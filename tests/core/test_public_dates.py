"""Dates on public pages are written as each language writes them (docs/adr/0701): the
locale's own format and grammatical month forms where Django has them, our own month names for
the languages it lacks, never an English month or "Dec. 7" on a page in another language."""

import datetime as dt
import re

import pytest
from django.utils import translation

from cases.factories import VICTIM_REPORT
from hatecrime.core import languages
from hatecrime.core.templatetags.labels import public_date
from hatecrime.reporting.actions import do_submit_report

WHEN = dt.datetime(2026, 12, 7, 14, 30, tzinfo=dt.UTC)
ENGLISH_MONTH = re.compile(r"\bDec(ember)?\b")


def shown(code, value=WHEN, with_time=""):
    with translation.override(code):
        return public_date(value, with_time)


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("en-gb", "7 December 2026"),
        ("en-x-easy", "7 December 2026"),
        ("pl", "7 grudnia 2026"),  # the genitive, not "grudzień"
        ("ru", "7 декабря 2026 г."),  # noqa: RUF001
        ("zh-hans", "2026年12月7日"),
        ("so", "7 Desembar 2026"),
        ("tl", "Disyembre 7, 2026"),
        ("gu", "7 ડિસેમ્બર 2026"),
        ("my", "7 ဒီဇင်ဘာ 2026"),
        ("pa", "7 ਦਸੰਬਰ 2026"),
        ("ur", "7 دسمبر 2026"),
    ],
)
def test_a_date_in_each_language(code, expected):
    assert shown(code) == expected
    assert shown(code, WHEN.date()) == expected


@pytest.mark.parametrize("code", [language.code for language in languages.REGISTRY])
def test_no_language_but_english_shows_an_english_month(code):
    text = shown(code)
    if code in (languages.DEFAULT, languages.EASY_READ):
        assert text == "7 December 2026"
    else:
        assert not ENGLISH_MONTH.search(text), text
        assert "2026" in text


def test_the_time_is_added_in_the_service_time_zone():
    summer = dt.datetime(2026, 7, 1, 13, 5, tzinfo=dt.UTC)  # 14:05 in London
    assert shown("en-gb", summer, "time") == "1 July 2026, 14:05"
    assert shown("so", summer, "time") == "1 Luuliyo 2026 14:05"


def test_the_tracking_timeline_is_dated_in_the_page_language(client, db, time_machine):
    time_machine.move_to("2026-12-07 10:00 +0000", tick=False)
    submitted = do_submit_report(payload=VICTIM_REPORT, channel="online", actor=None)
    data = {"reference": submitted.reference, "tracking_code": submitted.tracking_code}
    for prefix, expected in (
        ("/so", "7 Desembar 2026"),
        ("/pl", "7 grudnia 2026"),
        ("", "7 December 2026"),
    ):
        page = client.post(f"{prefix}/track/", data).content.decode()
        assert expected in page, prefix
