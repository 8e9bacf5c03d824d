"""Closed cases of every kind of victim, for the feedback survey's tests."""

import datetime as dt
from typing import Any

from hatecrime.cases.models import Case
from hatecrime.reporting.actions import do_submit_report

BASE: dict[str, Any] = {
    "what_happened": "Shouted abuse about my religion outside the shop",
    "occurred_on": "2026-10-01",
    "borough": "hackney",
    "motivations": ["religion"],
}
VICTIM = {
    **BASE,
    "reporter_role": "victim",
    "anonymous": False,
    "contact": {"name": "Vera Victim", "email": "vera@example.invalid", "phone": "07700 900123"},
    "safe_contact": {"methods": ["email", "text"], "safe_days": "any"},
}
ANONYMOUS = {**BASE, "reporter_role": "victim", "anonymous": True}
# The victim is safe to reach by phone call only: no email or text the survey could use.
PHONE_ONLY = {
    **VICTIM,
    "safe_contact": {"methods": ["phone"], "safe_days": "any"},
}
WITNESS = {
    **BASE,
    "reporter_role": "witness",
    "anonymous": False,
    "contact": {"name": "Walter Witness", "email": "walter@example.invalid"},
    "safe_contact": {"methods": ["email"], "safe_days": "any"},
}
ON_BEHALF_VICTIM_DOES_NOT_KNOW = {
    **BASE,
    "reporter_role": "on_behalf",
    "anonymous": False,
    "on_behalf": {"relationship": "friend"},
    "victim_knows": "no",
    "contact": {"name": "Fay Friend", "email": "fay@example.invalid"},
    "victim": {"name": "Vic Tim", "email": "vic@example.invalid"},
    "safe_contact": {"methods": ["email"], "safe_days": "any"},
}
ON_BEHALF_VICTIM_NOT_AGREED = {
    **ON_BEHALF_VICTIM_DOES_NOT_KNOW,
    "victim_knows": "yes",
    "victim_agrees_to_contact": "no",
}
ON_BEHALF_VICTIM_AGREES = {
    **ON_BEHALF_VICTIM_NOT_AGREED,
    "victim_agrees_to_contact": "yes",
}


def closed_case(payload: dict[str, Any], closed_at: dt.datetime, language: str = "en-gb") -> Case:
    """A report made, and its case closed at `closed_at` (only what the sweep reads)."""
    submitted = do_submit_report(payload=payload, channel="online", actor=None, language=language)
    case = Case.objects.get(report__reference=submitted.reference)
    Case.objects.filter(pk=case.pk).update(
        status="closed", closed_at=closed_at, outcome="charged", strands=["religion"]
    )
    case.refresh_from_db()
    return case
