"""The victim's safe-contact preferences, read from the report as submitted (`safe_contact`).

When the victim said nothing, voicemail and letters count as NOT safe: a wrong guess there can
put someone at risk, a missed voicemail cannot.
"""

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

_CLOCK = r"(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?"
_RANGE = re.compile(_CLOCK + r"\s*(?:-|\u2013|to|and)\s*" + _CLOCK, re.IGNORECASE)
_AFTER = re.compile(r"after\s+" + _CLOCK, re.IGNORECASE)
_BEFORE = re.compile(r"before\s+" + _CLOCK, re.IGNORECASE)


@dataclass(frozen=True)
class SafeContact:
    stated: bool
    methods: list[str] = field(default_factory=list)
    safe_times: str = ""
    voicemail_safe: bool = False
    letter_safe: bool = False

    def allows(self, method: str) -> bool:
        """A method the victim listed (any method, when they listed none)."""
        return not self.methods or method in self.methods

    def within_safe_times(self, at: dt.datetime) -> bool | None:
        """True/False when the safe times can be read as clock times; None when they cannot."""
        windows = parse_safe_times(self.safe_times)
        if not windows:
            return None
        moment = timezone.localtime(at).time()
        return any(start <= moment < end for start, end in windows)


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


def safe_contact_for(case: Any) -> SafeContact:
    submitted = case.report.answers
    preferences = submitted.get("safe_contact")
    if not isinstance(preferences, dict):
        return SafeContact(stated=False)
    return SafeContact(
        stated=True,
        methods=list(preferences.get("methods") or []),
        safe_times=preferences.get("safe_times") or "",
        voicemail_safe=bool(preferences.get("voicemail_safe")),
        letter_safe=bool(preferences.get("letter_safe")),
    )


def victim_details(case: Any) -> dict[str, Any]:
    """The victim's own details as far as the report gives them ({} when anonymous)."""
    submitted = case.report.answers
    if submitted.get("reporter_role", "victim") == "victim":
        details = submitted.get("contact")
    else:
        details = submitted.get("victim")
    return details if isinstance(details, dict) else {}


def victim_can_be_contacted(case: Any) -> bool:
    """Whether anyone may contact the victim at all: not anonymous, some way to reach them, and
    (when someone else reported) the victim knows of the report and agrees. When unsure: no."""
    report = case.report
    if report.anonymous:
        return False
    details = victim_details(case)
    if not any(details.get(key) for key in ("phone", "email", "address")):
        return False
    if report.answers.get("reporter_role", "victim") == "victim":
        return True
    on_behalf = report.answers.get("on_behalf") or {}
    return on_behalf.get("victim_knows") == "yes" and on_behalf.get("victim_agrees") == "yes"
