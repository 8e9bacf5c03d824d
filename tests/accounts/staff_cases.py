"""Helpers for the staff page tests: reports submitted through the reporting app's action, so
each case is opened exactly as in production."""

from typing import Any

from hatecrime.cases.models import Case
from hatecrime.reporting.actions import do_submit_report

A_REPORT: dict[str, Any] = {
    "reporter_role": "victim",
    "anonymous": False,
    "what_happened": "Shouted at and spat at outside the shop on the high street.",
    "behaviours": ["verbal_abuse"],
    "occurred_on": "2026-11-18",
    "borough": "hackney",
    "motivations": ["religion"],
    "contact": {"name": "Sam Example", "phone": "07700 900123", "email": "sam@example.invalid"},
    "safe_contact": {"methods": ["phone"], "voicemail_safe": False},
}

PERSONAL_VALUES = ["Sam Example", "07700 900123", "sam@example.invalid", "spat at outside"]


def make_case(borough: str = "hackney", **changes: Any) -> Case:
    payload = {**A_REPORT, "borough": borough, **changes}
    submitted = do_submit_report(payload=payload, channel="online", actor=None)
    return Case.objects.select_related("report").get(report=submitted.report)
