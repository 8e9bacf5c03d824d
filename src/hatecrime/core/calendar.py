"""Working days: weekdays that are not bank holidays in England and Wales.

The holidays come from the maintained `holidays` library (`country_holidays("GB", subdiv="ENG")`,
which also covers Wales), so a new bank holiday needs a library upgrade, not a code change.

`add_working_days(start, n)` is defined as follows (Victims' Code clocks depend on it):

- `start` is taken in local time (Europe/London).
- If `start` falls on a working day, the result is the same local time of day on the `n`th
  working day after it: a Friday 16:00 decision with 1 working day is due Monday 16:00.
- If `start` falls on a weekend or bank holiday, the clock starts at 00:00 on the next working
  day, so a Saturday decision with 1 working day is due at 00:00 on the working day after that
  Monday: the victim has had the whole of one working day.
- `n == 0` returns the (possibly moved) start. `n` must not be negative.
"""

import calendar as _calendar
import datetime as dt
from functools import cache

import holidays
from django.conf import settings
from django.utils import timezone


@cache
def _bank_holidays(subdivision: str) -> holidays.HolidayBase:
    return holidays.country_holidays("GB", subdiv=subdivision)


def bank_holidays() -> holidays.HolidayBase:
    return _bank_holidays(settings.HATECRIME_WORKING_DAYS_SUBDIVISION)


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in bank_holidays()


def next_working_day(day: dt.date) -> dt.date:
    """The first working day strictly after `day`."""
    day += dt.timedelta(days=1)
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def _aware(day: dt.date, time: dt.time) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, time), timezone.get_default_timezone())


def add_working_days(start: dt.datetime, n: int) -> dt.datetime:
    if n < 0:
        raise ValueError("n must not be negative")
    local = timezone.localtime(start)
    day, time = local.date(), local.time().replace(tzinfo=None)
    if not is_working_day(day):
        day, time = next_working_day(day), dt.time(0, 0)
    for _ in range(n):
        day = next_working_day(day)
    return _aware(day, time)


def add_calendar_months(start: dt.datetime, months: int) -> dt.datetime:
    """The same local time `months` later; the 31st becomes the last day of a shorter month."""
    local = timezone.localtime(start)
    month_index = local.month - 1 + months
    year, month = local.year + month_index // 12, month_index % 12 + 1
    day = min(local.day, _calendar.monthrange(year, month)[1])
    return _aware(dt.date(year, month, day), local.time().replace(tzinfo=None))


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days in (start, end]: how many working days after `start` `end` is."""
    count, day = 0, start
    while day < end:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count
