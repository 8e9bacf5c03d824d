"""One validation agrees with itself about what day it is, even across midnight."""

import datetime as dt

import time_machine

from hatecrime.reporting import checks


def test_a_validation_reads_today_once_and_keeps_it_until_it_ends():
    with time_machine.travel(dt.datetime(2026, 11, 20, 23, 59, 59, tzinfo=dt.UTC)) as traveller:
        with checks.one_language():
            first = checks.today()
            traveller.shift(dt.timedelta(seconds=2))  # now 21 November
            assert checks.today() == first == dt.date(2026, 11, 20)
        assert checks.today() == dt.date(2026, 11, 21)  # outside a validation: read each time


def test_two_validations_each_read_their_own_today():
    with time_machine.travel(dt.datetime(2026, 11, 20, 12, tzinfo=dt.UTC)) as traveller:
        with checks.one_language():
            assert checks.today() == dt.date(2026, 11, 20)
        traveller.shift(dt.timedelta(days=1))
        with checks.one_language():
            assert checks.today() == dt.date(2026, 11, 21)
