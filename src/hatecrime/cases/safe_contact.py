"""Safe-contact preferences, read from the report as submitted (`safe_contact`): about the
person the police will contact (the victim, or the reporter when the victim does not know about
the report or has not agreed to contact: reporting/people.py).

Safe days and times are in Europe/London time; "working days" skip weekends and the bank
holidays of England and Wales (core/calendar.py). When the person said nothing, voicemail and
letters count as NOT safe: a wrong guess there can put someone at risk, a missed voicemail
cannot.
"""

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from hatecrime.core.calendar import is_working_day
from hatecrime.reporting import people

_CLOCK = r"(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?"
_RANGE = re.compile(_CLOCK + r"\s*(?:-|\u2013|to|and)\s*" + _CLOCK, re.IGNORECASE)
_AFTER = re.compile(r"after\s+" + _CLOCK, re.IGNORECASE)
_BEFORE = re.compile(r"before\s+" + _CLOCK, re.IGNORECASE)


@dataclass(frozen=True)
class SafeContact:
    """How and when it is safe to contact the person the police will contact (`person`:
    "victim" or "reporter"), and whether the victim may be contacted at all."""

    stated: bool
    methods: list[str] = field(default_factory=list)
    safe_times: str = ""
    voicemail_safe: bool = False
    letter_safe: bool = False
    person: str = people.VICTIM
    # "any", "working_days", "non_working_days" ("" when not said); clock times "HH:MM".
    safe_days: str = ""
    safe_from: str = ""
    safe_until: str = ""
    victim_not_contactable: str = ""  # why the victim must not be contacted ("" when they may)
    reporter_role: str = "victim"
    relationship: str = ""
    organisation: str = ""
    # How to reach the person who reported it, when that is not the victim.
    reporter: dict[str, Any] = field(default_factory=dict)

    @property
    def victim_contactable(self) -> bool:
        return not self.victim_not_contactable

    @property
    def about_the_victim(self) -> bool:
        return self.person == people.VICTIM

    @property
    def times_in_words(self) -> str:
        return safe_times_in_words(self)

    @property
    def reporter_rows(self) -> list[tuple[str, str, str]]:
        """(label, value, tel: link target or "") of how to reach the person who reported it."""
        labels = {
            "name": _("Name"),
            "phone": _("Phone"),
            "email": _("Email"),
            "address": _("Address"),
            "postcode": _("Postcode"),
        }
        return [
            (
                str(labels[key]),
                str(self.reporter[key]),
                re.sub(r"[^\d+]", "", str(self.reporter[key])) if key == "phone" else "",
            )
            for key in labels
            if self.reporter.get(key)
        ]

    @property
    def relationship_in_words(self) -> str:
        return self.relationship.replace("_", " ")

    def allows(self, method: str) -> bool:
        """A method the person listed (any method, when they listed none)."""
        return not self.methods or method in self.methods

    def windows(self) -> list[tuple[dt.time, dt.time]]:
        """Safe clock-time windows: the ones given, else those read from the free text."""
        if self.safe_from or self.safe_until:
            start = dt.time.fromisoformat(self.safe_from) if self.safe_from else dt.time.min
            end = dt.time.fromisoformat(self.safe_until) if self.safe_until else dt.time.max
            return [(start, end)]
        return parse_safe_times(self.safe_times)

    @property
    def times_unreadable(self) -> bool:
        """Times were given only in words this service cannot read as clock times."""
        return bool(self.safe_times.strip()) and not self.windows() and not self.safe_days

    def safe_day(self, day: dt.date) -> bool:
        if self.safe_days == "working_days":
            return is_working_day(day)
        if self.safe_days == "non_working_days":
            return not is_working_day(day)
        return True

    def within_safe_times(self, at: dt.datetime) -> bool | None:
        """True/False against the safe days and times (Europe/London); None when the times were
        given only in words that cannot be read as clock times."""
        if self.times_unreadable:
            return None
        local = timezone.localtime(at)
        if not self.safe_day(local.date()):
            return False
        windows = self.windows()
        moment = local.time().replace(tzinfo=None)
        return not windows or any(start <= moment < end for start, end in windows)

    def next_safe_time(self, after: dt.datetime) -> dt.datetime | None:
        """The first moment at or after `after` inside the safe days and times (Europe/London,
        bank holidays of England and Wales included); None when the times cannot be read."""
        if self.times_unreadable:
            return None
        if self.within_safe_times(after):
            return after
        local = timezone.localtime(after)
        zone = timezone.get_default_timezone()
        starts = sorted(start for start, _end in self.windows()) or [dt.time.min]
        for offset in range(0, 15):  # the longest run of unsafe days is well under two weeks
            day = local.date() + dt.timedelta(days=offset)
            if not self.safe_day(day):
                continue
            for start in starts:
                candidate = timezone.make_aware(dt.datetime.combine(day, start), zone)
                if candidate >= after and self.within_safe_times(candidate):
                    return candidate
        return None


def _time(hour: str, minute: str | None, meridiem: str | None) -> dt.time | None:
    h, m = int(hour), int(minute or 0)
    if meridiem:
        if not 1 <= h <= 12:
            return None
        h = h % 12 + (12 if meridiem.lower() == "pm" else 0)
    if h == 24 and m == 0:
        return dt.time.max
    if h > 23 or m > 59:
        return None
    return dt.time(h, m)


def parse_safe_times(text: str) -> list[tuple[dt.time, dt.time]]:
    """Clock-time windows in free text: "6pm-9pm", "18:00 to 21:00", "after 6pm", "before 9am"."""
    windows: list[tuple[dt.time, dt.time]] = []
    for match in _RANGE.finditer(text or ""):
        h1, m1, ap1, h2, m2, ap2 = match.groups()
        start, end = _time(h1, m1, ap1 or ap2), _time(h2, m2, ap2)
        if start and end and start < end:
            windows.append((start, end))
    for match in _AFTER.finditer(text or ""):
        start = _time(*match.groups())
        if start:
            windows.append((start, dt.time.max))
    for match in _BEFORE.finditer(text or ""):
        end = _time(*match.groups())
        if end:
            windows.append((dt.time.min, end))
    return windows


def safe_times_in_words(preferences: SafeContact) -> str:
    """The safe days and times as an officer reads them, e.g. "working days, 18:00 to 21:00"."""
    days = {
        "working_days": _("working days (not weekends or bank holidays)"),
        "non_working_days": _("weekends and bank holidays"),
    }.get(preferences.safe_days, "")
    hours = ""
    if preferences.safe_from or preferences.safe_until:
        hours = _("%(start)s to %(end)s") % {
            "start": preferences.safe_from or "00:00",
            "end": preferences.safe_until or "24:00",
        }
    parts = [part for part in (days, hours, preferences.safe_times) if part]
    return "; ".join(parts) or _("Not given")


def safe_contact_from_answers(answers: dict[str, Any]) -> SafeContact:
    """The safe-contact profile in a report's answers, with who it is about."""
    preferences = answers.get("safe_contact")
    raw_behalf = answers.get("on_behalf")
    behalf: dict[str, Any] = raw_behalf if isinstance(raw_behalf, dict) else {}
    about = preferences.get("about") if isinstance(preferences, dict) else None
    nobody_said = SafeContact(
        stated=False,
        person=about or people.safe_contact_subject(answers) or people.VICTIM,
        victim_not_contactable=people.victim_not_contactable_reason(answers),
        reporter_role=answers.get("reporter_role") or "victim",
        relationship=behalf.get("relationship") or "",
        organisation=behalf.get("organisation") or "",
        reporter=people.reporter_details(answers)
        if people.reports_for_someone_else(answers)
        else {},
    )
    if not isinstance(preferences, dict):
        return nobody_said
    return replace(
        nobody_said,
        stated=True,
        methods=list(preferences.get("methods") or []),
        safe_times=preferences.get("safe_times") or "",
        voicemail_safe=bool(preferences.get("voicemail_safe")),
        letter_safe=bool(preferences.get("letter_safe")),
        safe_days=preferences.get("safe_days") or "",
        safe_from=preferences.get("safe_from") or "",
        safe_until=preferences.get("safe_until") or "",
    )


def safe_contact_for(case: Any) -> SafeContact:
    return safe_contact_from_answers(case.report.answers)


def victim_details(case: Any) -> dict[str, Any]:
    """The victim's own details as far as the report gives them ({} when anonymous)."""
    return people.victim_details(case.report.answers)


def victim_can_be_contacted(case: Any) -> bool:
    """Whether anyone may contact the victim at all: not anonymous, some way to reach them, and
    (when someone else reported) the victim knows of the report and agrees to police contact
    (reporting/people.py). When unsure: no."""
    return people.victim_can_be_contacted(case.report.answers)
