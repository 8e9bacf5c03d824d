"""Opening the case for a new report, inside the transaction that stores the report."""

import datetime as dt
import re
from typing import Any

from hatecrime.cases.clocks import active_rules, due_at_for, new_clocks
from hatecrime.cases.models import (
    Case,
    CaseIdentifier,
    CaseSearchKey,
    Clock,
    ClockEvent,
    OnlineRoute,
)
from hatecrime.cases.safe_contact import victim_details
from hatecrime.cases.search import new_search_keys
from hatecrime.core.crypto import blind_index
from hatecrime.reporting import people
from hatecrime.reporting.models import Report

_NOT_DIGIT = re.compile(r"\D")


def _phone(value: str) -> str:
    digits = _NOT_DIGIT.sub("", value)
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


def _online_route(report: Report) -> str:
    """Online reports: the local CSU when a True Vision flag is set, else the online hub."""
    if not report.online:
        return OnlineRoute.NOT_ONLINE
    online = report.answers.get("online") or {}
    flags = ("immediate_danger", "poster_identity_known", "future_event")
    return OnlineRoute.LOCAL if any(online.get(flag) for flag in flags) else OnlineRoute.ONLINE_HUB


def open_case_for_report(report: Report) -> Case:
    """Open the case for a new report in its area's queue, with the identifiers that link it to
    other cases and, when the victim can be contacted, its first-contact clock. Call it inside
    the transaction that saves the report."""
    at = report.submitted_at
    rules, due = [], None
    if people.victim_can_be_contacted(report.answers):
        rules = active_rules(ClockEvent.REPORT_RECEIVED)
        due = due_at_for(rules[0], at) if rules else at + dt.timedelta(hours=24)
    case = Case.objects.create(
        report=report,
        area=report.area,
        opened_at=at,
        first_contact_due_at=due,
        strands=[m for m in report.motivations if m != "not_sure"],
        targeted_communities=list(report.targeted_communities),
        targeted_community_other=report.answers.get("targeted_community_other", ""),
        online_route=_online_route(report),
        # The interpreter the person asked for reaches the case at once (the needs assessment
        # confirms or changes it); the report's own language is report.language.
        interpreter_language=str(
            (report.answers.get("support") or {}).get("interpreter_language") or ""
        ),
    )
    Clock.objects.bulk_create(new_clocks(case, rules, at=at))
    CaseIdentifier.objects.bulk_create(
        CaseIdentifier(case=case, kind=kind, digest=digest)
        for kind, digest in sorted(identifiers_in(report.answers, victim_details(case)))
    )
    CaseSearchKey.objects.bulk_create(new_search_keys(case))
    return case
