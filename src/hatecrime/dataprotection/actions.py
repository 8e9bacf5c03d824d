"""Retention writes (docs/retention.md): the review date a closing case gets, a supervisor's
review (retain or dispose), disposal itself, the erasure ledger and its re-application after a
restore, and an administrator's change to a rule. Each is atomic with its audit event.

This module reads and writes case rows through `cases.models` only: `cases.actions` calls
`schedule_review` when a case closes, so importing `cases.actions` here would be a cycle.
"""

import datetime as dt
import os
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from hatecrime.accounts.models import User
from hatecrime.accounts.permissions import has_permission
from hatecrime.audit.actions import record_event
from hatecrime.cases.models import (
    Case,
    CaseAccessRequest,
    CaseIdentifier,
    CaseLink,
    CaseMove,
    CaseSearchKey,
    CaseStatus,
    Classification,
    Closure,
    Contact,
    CourtDate,
    Decision,
    ReportAddition,
    SuspectRecord,
    TargetingAction,
    VictimUpdate,
)
from hatecrime.dataprotection.models import (
    CaseRetention,
    Erasure,
    Handling,
    RecordKind,
    RetentionDecision,
    RetentionRule,
)
from hatecrime.notifications.models import Message
from hatecrime.reporting.evidence_store import remove_files
from hatecrime.reporting.models import Evidence, Report
from hatecrime.support.models import Referral

# What disposal erases, named in its `erase` audit event (never the data itself).
ERASED = [
    "report.submitted",
    "report.tracking_code",
    "case.free_text",
    "contacts.outcome",
    "decisions.reasons",
    "updates.text",
    "court_dates.text",
    "moves.reason",
    "closures.text",
    "additions.text",
    "referrals.shared",
    "messages.recipient",
    "suspect_records",
    "access_requests.reasons",
    "targeting_actions.note",
    "identifiers",
    "search_keys",
    "links",
    "evidence",
]
# What disposal keeps, because monitoring counts it (monitoring.rollups._report_rows and
# monitoring.packs): coarse categories in the clear, none of them personal.
KEPT = [
    "reference",
    "area",
    "dates",
    "strands",
    "behaviours",
    "communities",
    "online",
    "classification",
    "outcome",
]
CASE_FREE_TEXT = [
    "targeted_community_other",
    "triage_notes",
    "interpreter_language",
    "accessibility_needs",
    "arrest_wishes",
    "closure_reason",
]


class RetentionError(Exception):
    """A review or a rule change refused; `errors` maps form fields to messages."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__(errors)
        self.errors = errors


class RetentionConflict(Exception):
    """The case changed since the review page was opened."""


def kind_of_case(case: Case) -> str:
    """The record kind a case is kept as: a crime is a crime record even when reported
    anonymously; an NCHI follows the NCHI Code; anything else reported anonymously is
    intelligence; the rest was not recorded (no crime)."""
    if case.classification == Classification.CRIME:
        return RecordKind.CRIME
    if case.classification == Classification.NCHI:
        return RecordKind.NCHI
    if case.report.anonymous:
        return RecordKind.ANONYMOUS_INTELLIGENCE
    return RecordKind.NOT_RECORDED


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (the month's last day when it has no such day)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=candidate)
        except ValueError:
            continue
    raise ValueError(f"no date {months} months after {day}")


def first_review_on(kind: str, closed_at: dt.datetime) -> dt.date | None:
    rule = RetentionRule.objects.filter(kind=kind, handling=Handling.REVIEW).first()
    if rule is None or rule.review_after_months is None:
        return None
    return add_months(timezone.localtime(closed_at).date(), rule.review_after_months)


def schedule_review(*, case: Case, closed_at: dt.datetime) -> CaseRetention:
    """Give a case that has just closed its kind and first review date (inside the closure's
    transaction; the closure's audit event names `retention`)."""
    kind = kind_of_case(case)
    retention, _created = CaseRetention.objects.update_or_create(
        case=case,
        defaults={"kind": kind, "review_due_on": first_review_on(kind, closed_at)},
    )
    return retention


@transaction.atomic
def do_change_retention_rule(
    *, actor: User, rule: RetentionRule, review_after_months: int | None, basis: str
) -> RetentionRule:
    """An administrator changes a rule's review period or basis. Review dates already set are
    not moved: the new period applies to cases closed from now on."""
    if not has_permission(actor, "manage_retention_rules"):
        raise RetentionError({"__all__": ["Only an administrator can change a retention rule"]})
    errors: dict[str, list[str]] = {}
    if rule.handling == Handling.REVIEW:
        if review_after_months is None or not 1 <= review_after_months <= 1200:
            errors["review_after_months"] = ["Enter a number of months between 1 and 1200"]
    elif review_after_months is not None:
        errors["review_after_months"] = ["This kind of record is not reviewed by a person"]
    if not basis.strip():
        errors["basis"] = ["Enter the guidance this rule follows"]
    if errors:
        raise RetentionError(errors)
    before = rule.review_after_months
    rule.review_after_months, rule.basis = review_after_months, basis.strip()
    rule.changed_at, rule.changed_by = timezone.now(), actor
    rule.save()
    record_event(
        "alter",
        actor=actor,
        object_type="retention_rule",
        object_id=rule.kind,
        fields=["review_after_months", "basis"],
        detail={"review_after_months": [before, review_after_months]},
    )
    return rule


@transaction.atomic
def do_review_retention(
    *,
    actor: User,
    case: Case,
    expected_version: int,
    decision: str,
    reason: str,
    next_review_on: dt.date | None = None,
) -> RetentionDecision:
    """A supervisor of the case's area reviews a closed case: retain it (with a reason and the
    date of the next review) or dispose of it (its personal data erased, the counts kept)."""
    if not has_permission(actor, "review_retention"):
        raise RetentionError({"__all__": ["Only a supervisor can review a case's retention"]})
    retention = CaseRetention.objects.filter(case=case).first()
    errors: dict[str, list[str]] = {}
    if case.status != CaseStatus.CLOSED or retention is None:
        errors["__all__"] = ["Only a closed case is reviewed for retention"]
    elif retention.disposed_at is not None:
        errors["__all__"] = ["This case has already been disposed of"]
    if decision not in (RetentionDecision.RETAIN, RetentionDecision.DISPOSE):
        errors["decision"] = ["Select whether to retain or dispose of the case"]
    if not reason.strip():
        errors["reason"] = ["Enter the reason for your decision"]
    if decision == RetentionDecision.RETAIN:
        today = timezone.localdate()
        if next_review_on is None:
            errors["next_review_on"] = ["Enter the date of the next review"]
        elif next_review_on <= today:
            errors["next_review_on"] = ["The next review must be after today"]
        elif next_review_on > add_months(today, 120):
            errors["next_review_on"] = ["The next review must be within 10 years"]
    if errors:
        raise RetentionError(errors)
    if not Case.objects.filter(pk=case.pk, version=expected_version).update(
        version=F("version") + 1
    ):
        raise RetentionConflict(case.reference)
    if decision == RetentionDecision.DISPOSE:
        return dispose_of_case(actor=actor, case=case, reason=reason.strip())
    CaseRetention.objects.filter(case=case).update(review_due_on=next_review_on)
    review = RetentionDecision.objects.create(
        case=case,
        decision=RetentionDecision.RETAIN,
        reason=reason.strip(),
        next_review_on=next_review_on,
        decided_at=timezone.now(),
        decided_by=actor,
    )
    record_event(
        "alter",
        actor=actor,
        object_type="case",
        object_id=case.reference,
        fields=["retention.review_due_on", "retention.decisions"],
        justification=case.access_justification,
        detail={"decision": "retain", "next_review_on": str(next_review_on)},
    )
    return review


def dispose_of_case(*, actor: User | None, case: Case, reason: str) -> RetentionDecision:
    """Erase a case's personal data (inside the caller's transaction): what the report said,
    every free text staff wrote, the people's details in identifiers, search keys, links,
    referral copies and message recipients, and the evidence files with their rows. Keeps what
    monitoring counts (KEPT). Records an `erase` event and the erasure ledger entry; the files
    and the ledger line are written once the transaction commits. `actor` None: re-applied
    from the ledger after a restore."""
    report = case.report
    now = timezone.now()
    evidence = list(Evidence.objects.filter(report=report).values_list("stored_name", flat=True))
    Evidence.objects.filter(report=report).delete()
    Report.objects.filter(pk=report.pk).update(submitted={}, tracking_code_hash="")
    Case.objects.filter(pk=case.pk).update(**dict.fromkeys(CASE_FREE_TEXT, ""))
    Contact.objects.filter(case=case).update(outcome="")
    Decision.objects.filter(case=case).update(reasons="")
    VictimUpdate.objects.filter(case=case).update(text="")
    CourtDate.objects.filter(case=case).update(description="", outcome="")
    CaseMove.objects.filter(case=case).update(reason="")
    Closure.objects.filter(case=case).update(reason="", review_note="")
    ReportAddition.objects.filter(case=case).update(text="")
    Referral.objects.filter(case=case).update(shared={})
    Message.objects.filter(case=case).update(recipient="", recipient_digest="", context=None)
    SuspectRecord.objects.filter(case=case).delete()
    TargetingAction.objects.filter(case=case).update(note="")
    CaseAccessRequest.objects.filter(Q(case=case) | Q(from_case=case)).update(
        reason="", decision_reason=""
    )
    identifiers, _ = CaseIdentifier.objects.filter(case=case).delete()
    CaseSearchKey.objects.filter(case=case).delete()
    links, _ = CaseLink.objects.filter(Q(case=case) | Q(linked_case=case)).delete()
    CaseRetention.objects.update_or_create(
        case=case,
        defaults={"kind": kind_of_case(case), "review_due_on": None, "disposed_at": now},
    )
    decision = RetentionDecision.objects.create(
        case=case,
        decision=RetentionDecision.DISPOSE,
        reason=reason,
        decided_at=now,
        decided_by=actor,
    )
    erased_on = timezone.localdate(now)
    Erasure.objects.get_or_create(reference=report.reference, defaults={"erased_on": erased_on})
    record_event(
        "erase",
        actor=actor or "system",
        object_type="case",
        object_id=report.reference,
        fields=ERASED,
        justification=case.access_justification,
        detail={
            "reason": "retention_review" if actor else "erasure_ledger_reapplied",
            "evidence_files": len(evidence),
            "identifiers": identifiers,
            "links": links,
            "kept": KEPT,
        },
    )
    transaction.on_commit(lambda: remove_files(evidence))
    if actor is not None:  # a re-application is already in the ledger
        transaction.on_commit(lambda: append_to_ledger([(erased_on, report.reference)]))
    return decision


# --- The erasure ledger ----------------------------------------------------------------------


def ledger_path() -> Path:
    return Path(settings.HATECRIME_ERASURE_LEDGER_FILE)


def read_ledger(path: Path | None = None) -> list[tuple[dt.date, str]]:
    """(date, reference) of each line of the ledger file; none when there is no file yet."""
    path = path or ledger_path()
    if not path.is_file():
        return []
    entries = []
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        if not line.strip():
            continue
        parts = line.split()
        try:
            entries.append((dt.date.fromisoformat(parts[0]), parts[1]))
        except (IndexError, ValueError) as error:
            raise ValueError(f"{path}, line {number}: not a ledger entry ({line!r})") from error
    return entries


def append_to_ledger(entries: list[tuple[dt.date, str]], path: Path | None = None) -> None:
    """Append `date reference` lines, flushed to disk (as the audit's head file is)."""
    if not entries:
        return
    path = path or ledger_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    text = "".join(f"{day.isoformat()} {reference}\n" for day, reference in entries)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, text.encode())
        os.fsync(fd)
    finally:
        os.close(fd)


def reapply_erasures(path: Path | None = None) -> list[str]:
    """After a restore: dispose again of every case the ledger lists whose personal data is
    back. First the ledger gains any erasure the database has but the file lacks (a crash
    between the commit and the file write). Returns the references erased again."""
    in_file = read_ledger(path)
    listed = {reference for _day, reference in in_file}
    missing = [
        (day, reference)
        for day, reference in Erasure.objects.values_list("erased_on", "reference")
        if reference not in listed
    ]
    append_to_ledger(missing, path)
    references = listed | {reference for _day, reference in missing}
    disposed = CaseRetention.objects.filter(disposed_at__isnull=False).values_list(
        "case__report__reference", flat=True
    )
    again = Case.objects.filter(report__reference__in=references - set(disposed))
    erased = []
    for case in again.select_related("report").order_by("pk"):
        with transaction.atomic():
            dispose_of_case(
                actor=None, case=case, reason="Re-applied from the erasure ledger after a restore"
            )
        erased.append(case.reference)
    return erased
