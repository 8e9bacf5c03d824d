"""Reports and cases for tests of case work (import from `cases.factories`)."""

import datetime as dt
import itertools
from typing import Any

import pytest
from django.utils import timezone

_numbers = itertools.count(1)

VICTIM_REPORT: dict[str, Any] = {
    "reporter_role": "victim",
    "anonymous": False,
    "what_happened": "Shouted abuse about my religion outside the shop",
    "behaviours": ["verbal_abuse"],
    "occurred_on": "2026-11-18",
    "borough": "hackney",
    "motivations": ["religion"],
    "suspects": {"count": "one", "names": ["Jon Suspect"], "handles": ["@hater"]},
    "safe_contact": {
        "methods": ["phone", "email"],
        "voicemail_safe": False,
        "letter_safe": False,
    },
    "contact": {
        "name": "Vera Victim",
        "email": "vera@example.invalid",
        "phone": "07700 900123",
        "address": "1 High Street",
        "postcode": "E8 1AA",
        "date_of_birth": "1980-02-03",
    },
}


def make_case(
    area: str = "hackney",
    *,
    submitted: dict[str, Any] | None = None,
    submitted_at: dt.datetime | None = None,
    online: bool = False,
):
    from hatecrime.cases.actions import open_case_for_report
    from hatecrime.core.models import Area
    from hatecrime.reporting.models import Report

    payload = dict(VICTIM_REPORT if submitted is None else submitted)
    when = submitted_at or timezone.now()
    report = Report.objects.create(
        reference=f"HC-{next(_numbers):06d}",
        tracking_code_hash="x" * 64,
        submitted_at=when,
        reporter_role=payload.get("reporter_role", "victim"),
        anonymous=payload.get("anonymous", False),
        area=Area.objects.get(slug=area),
        occurred_on=when.date(),
        online=online,
        motivations=payload.get("motivations", ["race"]),
        submitted={"raw": payload, "cleaned": payload},
    )
    return open_case_for_report(report)


@pytest.fixture
def hackney_case(db):
    return make_case("hackney")


@pytest.fixture
def camden_case(db):
    return make_case("camden")


def triage(case, actor, **overrides):
    from hatecrime.cases.actions import do_triage_case

    arguments = dict(
        strands=["religion"],
        classification="crime",
        not_trivial_irrational_or_malicious=None,
        basis_for_hostility=None,
        personal_data_threshold_met=None,
        online_route="not_online",
        risk_level="standard",
        repeat_victimisation=False,
        vulnerability=False,
        escalation=False,
        priority="routine",
    )
    arguments.update(overrides)
    return do_triage_case(actor=actor, case=case, expected_version=case.version, **arguments)


def events(kind: str | None = None, object_id: str | None = None):
    from hatecrime.audit.models import AuditEvent

    queryset = AuditEvent.objects.order_by("seq")
    if kind:
        queryset = queryset.filter(kind=kind)
    if object_id:
        queryset = queryset.filter(object_id=object_id)
    return list(queryset)
