"""Opening a case for a report (called by the reporting app inside its submit transaction)."""

import datetime as dt
import re
from typing import Any

from hatecrime.cases.clocks import due_at_for, start_clocks
from hatecrime.cases.models import Case, CaseIdentifier, ClockEvent, ClockRule, OnlineRoute
from hatecrime.cases.safe_contact import victim_details
from hatecrime.core.crypto import blind_index

SUSPECT_KINDS = ("suspect_name", "suspect_handle", "suspect_phone")


def _phone(value: str) -> str:
    digits = re.sub(r"\D", "", value)
    return "0" + digits[2:] if digits.startswith("44") else digits


def identifiers_in(submitted: dict[str, Any], victim: dict[str, Any]) -> set[tuple[str, str]]:
    """(kind, digest) pairs of what can tie two reports together, as keyed hashes only."""
    found: set[tuple[str, str]] = set()

    def add(kind: str, value: Any, purpose: str) -> None:
        if isinstance(value, str) and value.strip():
            found.add((kind, blind_index(value, purpose=f"case-link:{purpose}")))

    add("victim_email", victim.get("email"), "email")
    if victim.get("phone"):
        add("victim_phone", _phone(str(victim["phone"])), "phone")
    if victim.get("address"):
        add("victim_address", f"{victim['address']} {victim.get('postcode') or ''}", "address")
    if victim.get("name") and victim.get("date_of_birth"):
        add("victim_name_dob", f"{victim['name']}|{victim['date_of_birth']}", "name-dob")
    suspects = submitted.get("suspects") or {}
    for name in suspects.get("names") or []:
        add("suspect_name", name, "name")
    for handle in (suspects.get("handles") or []) + (
        (submitted.get("online") or {}).get("account_names") or []
    ):
        add("suspect_handle", str(handle).lstrip("@"), "handle")
    for phone in suspects.get("phone_numbers") or []:
        add("suspect_phone", _phone(str(phone)), "phone")
    return found


def open_case_for_report(report: Any) -> Case:
    """Open the case for a new report in its area's queue, with the 24-hour first-contact clock.
    Call it inside the transaction that saves the report."""
    rule = ClockRule.objects.filter(starts_on=ClockEvent.REPORT_RECEIVED, is_active=True).first()
    submitted = report.answers
    online = submitted.get("online") or {}
    route = OnlineRoute.NOT_ONLINE
    if report.online:
        local = any(
            online.get(flag)
            for flag in ("immediate_danger", "poster_identity_known", "future_event")
        )
        route = OnlineRoute.LOCAL if local else OnlineRoute.ONLINE_HUB
    case = Case(
        report=report,
        area=report.area,
        opened_at=report.submitted_at,
        strands=[m for m in report.motivations if m not in ("not_sure",)],
        targeted_community=report.targeted_community,
        online_route=route,
    )
    case.first_contact_due_at = (
        due_at_for(rule, report.submitted_at)
        if rule
        else report.submitted_at + dt.timedelta(hours=24)
    )
    case.save()
    start_clocks(case, ClockEvent.REPORT_RECEIVED, at=report.submitted_at)
    CaseIdentifier.objects.bulk_create(
        CaseIdentifier(case=case, kind=kind, digest=digest)
        for kind, digest in identifiers_in(submitted, victim_details(case))
    )
    return case
