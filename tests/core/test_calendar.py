"""Working days across weekends and England and Wales bank holidays (Europe/London times)."""

import datetime as dt

import pytest
from django.utils import timezone

from hatecrime.core.calendar import (
    add_calendar_months,
    add_working_days,
    is_working_day,
    working_days_between,
)


def london(*args):
    return timezone.make_aware(dt.datetime(*args))


def test_weekends_and_bank_holidays_are_not_working_days():
    assert is_working_day(dt.date(2026, 11, 20))  # Friday
    assert not is_working_day(dt.date(2026, 11, 21))  # Saturday
    assert not is_working_day(dt.date(2026, 12, 25))  # Christmas Day
    assert not is_working_day(dt.date(2026, 12, 28))  # Boxing Day (substitute)
    assert not is_working_day(dt.date(2027, 3, 26))  # Good Friday
    assert not is_working_day(dt.date(2027, 3, 29))  # Easter Monday


@pytest.mark.parametrize(
    ("start", "n", "due"),
    [
        (london(2026, 11, 18, 14, 30), 1, london(2026, 11, 19, 14, 30)),  # Wed -> Thu
        (london(2026, 11, 20, 16, 0), 1, london(2026, 11, 23, 16, 0)),  # Fri -> Mon
        (london(2026, 11, 20, 16, 0), 5, london(2026, 11, 27, 16, 0)),  # a working week
        (london(2026, 11, 21, 10, 0), 1, london(2026, 11, 24, 0, 0)),  # Sat: all of Monday
        (london(2026, 12, 24, 10, 0), 1, london(2026, 12, 29, 10, 0)),  # over Christmas
        (london(2026, 12, 25, 9, 0), 1, london(2026, 12, 30, 0, 0)),  # starts on Christmas
        (london(2026, 12, 23, 9, 0), 2, london(2026, 12, 29, 9, 0)),  # referral clock
        (london(2027, 3, 25, 11, 0), 1, london(2027, 3, 30, 11, 0)),  # over Easter
        (london(2027, 3, 25, 11, 0), 10, london(2027, 4, 12, 11, 0)),  # review acknowledged
        (london(2026, 11, 20, 16, 0), 0, london(2026, 11, 20, 16, 0)),
    ],
)
def test_add_working_days(start, n, due):
    assert add_working_days(start, n) == due


def test_a_start_in_utc_is_read_in_london_time():
    # 23:30 UTC on Friday 2026-06-05 is 00:30 on Saturday in London (BST): a weekend start.
    start = dt.datetime(2026, 6, 5, 23, 30, tzinfo=dt.UTC)
    assert add_working_days(start, 1) == london(2026, 6, 9, 0, 0)


def test_working_days_cannot_be_negative():
    with pytest.raises(ValueError):
        add_working_days(london(2026, 11, 20, 9, 0), -1)


def test_calendar_months_clamp_to_the_end_of_a_short_month():
    assert add_calendar_months(london(2026, 11, 30, 12, 0), 3) == london(2027, 2, 28, 12, 0)
    assert add_calendar_months(london(2026, 10, 1, 9, 0), 3) == london(2027, 1, 1, 9, 0)


def test_working_days_between_counts_after_the_start():
    assert working_days_between(dt.date(2026, 12, 24), dt.date(2026, 12, 31)) == 3
