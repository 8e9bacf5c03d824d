"""Dates on public pages, written as the page's language writes them (docs/adr/0701)."""

import datetime as dt

from django.utils import formats, timezone, translation

from hatecrime.core import languages


def public_date(value: dt.date | dt.datetime | None, *, with_time: bool = False) -> str:
    """A date on a public page, written as the page's language writes dates: "7 December 2026"
    in English, the locale's DATE_FORMAT (with its grammatical month forms and word order) in
    the languages Django formats, our own month names where Django has none or abbreviates
    (languages.OWN_MONTHS). `with_time` adds the 24-hour time. Aware datetimes are
    shown in the service's time zone."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    language = languages.get(translation.get_language())
    english = language.code in (languages.DEFAULT, languages.EASY_READ)
    if english:
        text = formats.date_format(value, "j F Y")
    elif language.code in languages.OWN_MONTHS:
        pattern, months = languages.OWN_MONTHS[language.code]
        text = pattern.format(day=value.day, month=months[value.month - 1], year=value.year)
    else:
        text = formats.date_format(value, "DATE_FORMAT")
    if with_time and isinstance(value, dt.datetime):
        text = f"{text}{', ' if english else ' '}{value:%H:%M}"
    return text
