"""Opening a case for a report, in the transaction that stores the report.

This is on the intake path (one case per report), so it is lean
(docs/adr/0301-intake-performance.md) and in two steps: `prepare_case_for_report(report)`
builds every row (the case, its clocks, its identifiers: the clock rules from a per-process
cache, the due times, the blind indexes, each field's conversion) BEFORE the write transaction,
possibly before the report itself is written; `insert_case_opening(prepared)` only INSERTs them,
inside it, after the report. `open_case_for_report(report)` does both (inside the caller's
transaction). Rows are written with prepared INSERTs rather than `save()` (no model here has a
custom save or signal receivers; `Case` and `Clock` have none to skip).
"""

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from hatecrime.cases.clocks import (
    cached_active_rules,
    due_at_for,
    load_clock_rules,
    new_clock_rows,
)
from hatecrime.cases.models import Case, CaseIdentifier, ClockEvent, OnlineRoute
from hatecrime.cases.safe_contact import victim_details
from hatecrime.cases.search import search_key_rows
from hatecrime.core.crypto import blind_index
from hatecrime.core.rows import PreparedRow, new_row, write_prepared, write_rows

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


def prepare_case_opening() -> None:
    """Load what opening a case reads (the active clock rules) into the process cache. Call it
    before, outside, the transaction that will open the case; it is cheap when already loaded."""
    load_clock_rules()


@dataclass
class PreparedCaseOpening:
    case: Case
    row: PreparedRow
    clocks: list[PreparedRow]
    identifiers: list[PreparedRow]
    search_keys: list[PreparedRow]


def prepare_case_for_report(report: Any) -> PreparedCaseOpening:
    """Every row of the case for `report` (which need not be written yet), ready to INSERT.
    Call it before the transaction (it reads the clock rules, cached per process)."""
    rules = cached_active_rules(ClockEvent.REPORT_RECEIVED)
    rule = rules[0] if rules else None
    submitted = report.answers
    online = submitted.get("online") or {}
    route = OnlineRoute.NOT_ONLINE
    if report.online:
        local = any(
            online.get(flag)
            for flag in ("immediate_danger", "poster_identity_known", "future_event")
        )
        route = OnlineRoute.LOCAL if local else OnlineRoute.ONLINE_HUB
    row = new_row(
        Case,
        report=report,
        area=report.area,
        opened_at=report.submitted_at,
        first_contact_due_at=(
            due_at_for(rule, report.submitted_at)
            if rule
            else report.submitted_at + dt.timedelta(hours=24)
        ),
        strands=[m for m in report.motivations if m not in ("not_sure",)],
        targeted_community=report.targeted_community,
        online_route=route,
    )
    case = row.instance
    assert isinstance(case, Case)
    return PreparedCaseOpening(
        case=case,
        row=row,
        clocks=new_clock_rows(case, rules, at=report.submitted_at),
        identifiers=[
            new_row(CaseIdentifier, case=case, kind=kind, digest=digest)
            for kind, digest in sorted(identifiers_in(submitted, victim_details(case)))
        ],
        search_keys=search_key_rows(case),
    )


def insert_case_opening(prepared: PreparedCaseOpening) -> Case:
    """INSERT the prepared case, clocks and identifiers, inside the transaction that wrote the
    report (after it: the case refers to it)."""
    case = write_prepared(prepared.row)
    assert isinstance(case, Case)
    write_rows(prepared.clocks)
    write_rows(prepared.identifiers)
    write_rows(prepared.search_keys)
    return case


def open_case_for_report(report: Any) -> Case:
    """Open the case for a new report in its area's queue, with the 24-hour first-contact clock.
    Call it inside the transaction that saves the report."""
    return insert_case_opening(prepare_case_for_report(report))
