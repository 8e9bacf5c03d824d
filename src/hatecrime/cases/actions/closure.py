"""Closing a case (docs/adr/0450-closing-a-case.md).

A case closes only once triaged, with an outcome and a reason and, where the victim can be
contacted, the recorded contact in which they were told. A decision not to proceed (no further
action, not investigated, victim does not support action, not recorded) is a proposal until a
supervisor other than its proposer approves it: the victim must be told of it and of their
Right to Review. Closing stops the clocks still running as "not met" (or, for a first contact
with a victim nobody may contact, "not applicable"): a clock reads "met" only when what it
measures happened.
"""

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hatecrime.accounts.models import User
from hatecrime.accounts.permissions import has_permission
from hatecrime.accounts.selectors import area_supervisors
from hatecrime.cases.actions.base import CaseActionError, audit_case, change_case, check
from hatecrime.cases.actions.review import open_right_to_review
from hatecrime.cases.clocks import stop_clocks
from hatecrime.cases.models import (
    OUTCOMES_NEEDING_REVIEW,
    Case,
    CaseStatus,
    ClockEvent,
    ClockStopReason,
    Closure,
    Contact,
    ContactPerson,
    Outcome,
)
from hatecrime.cases.safe_contact import victim_can_be_contacted
from hatecrime.dataprotection.actions import schedule_review
from hatecrime.notifications.victims import message_staff_after_commit

# Review clocks outlive the case: the victim may still ask for a review.
OUTLIVE_CLOSURE = [ClockEvent.DECISION_NOT_TO_CHARGE, ClockEvent.REVIEW_REQUESTED]


def pending_closure(case: Case) -> Closure | None:
    return case.closures.filter(needs_review=True, reviewed_at__isnull=True).first()


def _closure_errors(
    case: Case,
    *,
    outcome: str,
    reason: str,
    told_in_contact: Contact | None,
    told_of_right_to_review: bool,
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if case.status == CaseStatus.CLOSED:
        return {"__all__": [_("This case is already closed")]}
    if pending_closure(case) is not None:
        return {"__all__": [_("A closure of this case is waiting for a supervisor's review")]}
    if case.triaged_at is None:
        errors["__all__"] = [_("Triage the case before closing it")]
    if outcome not in Outcome.values:
        errors["outcome"] = [_("Select the outcome")]
    if not reason.strip():
        errors["reason"] = [_("Enter the reason for closing the case")]
    if not victim_can_be_contacted(case):
        return errors
    if told_in_contact is None:
        if case.contacts.filter(made=True).exclude(person=ContactPerson.REPORTER).exists():
            message = _("Select the recorded contact in which you told the victim the outcome")
        else:
            message = _(
                "Record the contact in which you told the victim the outcome, then close the case"
            )
        errors["told_in_contact"] = [message]
    elif (
        told_in_contact.case_id != case.pk
        or not told_in_contact.made
        or told_in_contact.person == ContactPerson.REPORTER
    ):
        errors["told_in_contact"] = [
            _("Select a contact of this case in which the victim was reached")
        ]
    if outcome in OUTCOMES_NEEDING_REVIEW and not told_of_right_to_review:
        errors["told_of_right_to_review"] = [
            _(
                "Tell the victim of the decision not to proceed and of their Right to Review, "
                "then confirm that you have"
            )
        ]
    return errors


@transaction.atomic
def do_close_case(
    *,
    actor: User,
    case: Case,
    expected_version: int,
    outcome: str,
    reason: str,
    told_in_contact: Contact | None = None,
    told_of_right_to_review: bool = False,
) -> Closure:
    """Close the case, or, for a decision not to proceed, propose its closure to a supervisor."""
    check(
        _closure_errors(
            case,
            outcome=outcome,
            reason=reason,
            told_in_contact=told_in_contact,
            told_of_right_to_review=told_of_right_to_review,
        )
    )
    needs_review = outcome in OUTCOMES_NEEDING_REVIEW
    now = timezone.now()
    changes = {} if needs_review else _closed(outcome, reason.strip(), told_in_contact, now)
    case = change_case(case, expected_version=expected_version, **changes)
    closure = Closure.objects.create(
        case=case,
        outcome=outcome,
        reason=reason.strip(),
        told_in_contact=told_in_contact,
        told_of_right_to_review=told_of_right_to_review,
        needs_review=needs_review,
        proposed_at=now,
        proposed_by=actor,
    )
    if needs_review:
        reviewers = area_supervisors(case.area_id).exclude(pk=actor.pk)
        message_staff_after_commit(
            reviewers, case, template="supervisor_closure_review", purpose="closure"
        )
    else:
        _stop_clocks_on_closure(case, actor=actor, at=now)
        schedule_review(case=case, closed_at=now)
    audit_case(
        "alter",
        actor=actor,
        case=case,
        fields=["closures", *changes, *([] if needs_review else ["retention"])],
        detail={"outcome": outcome, "closure": closure.pk, "needs_review": needs_review},
    )
    return closure


@transaction.atomic
def do_review_closure(
    *, actor: User, case: Case, expected_version: int, approve: bool, note: str = ""
) -> Closure:
    """A supervisor approves a proposed closure (the case closes) or sends it back (it stays
    open, with the note saying why)."""
    if not has_permission(actor, "review_closure"):
        raise CaseActionError(_("Only a supervisor can review a closure"))
    closure = pending_closure(case)
    if closure is None or case.status == CaseStatus.CLOSED:
        raise CaseActionError(_("No closure of this case is waiting for review"))
    if closure.proposed_by_id == actor.pk:
        raise CaseActionError(_("A closure you proposed must be reviewed by another supervisor"))
    if not approve and not note.strip():
        raise CaseActionError({"note": [_("Enter why the closure is sent back")]})
    now = timezone.now()
    changes = (
        _closed(closure.outcome, closure.reason, closure.told_in_contact, now) if approve else {}
    )
    case = change_case(case, expected_version=expected_version, **changes)
    closure.reviewed_at, closure.reviewed_by = now, actor
    closure.approved, closure.review_note = approve, note.strip()
    closure.save(update_fields=["reviewed_at", "reviewed_by", "approved", "review_note"])
    if approve:
        _stop_clocks_on_closure(case, actor=actor, at=now)
        schedule_review(case=case, closed_at=now)
        open_right_to_review(
            case,
            kind=closure.outcome,
            decided_at=now,
            decided_by=closure.proposed_by,
            approved_by=actor,
            closure=closure,
        )
    audit_case(
        "alter",
        actor=actor,
        case=case,
        fields=["closures.review", *changes, *(["retention"] if approve else [])],
        detail={"outcome": closure.outcome, "closure": closure.pk, "approved": approve},
    )
    return closure


def _closed(
    outcome: str, reason: str, told_in_contact: Contact | None, at: dt.datetime
) -> dict[str, Any]:
    return {
        "status": CaseStatus.CLOSED,
        "outcome": outcome,
        "closure_reason": reason,
        "closed_at": at,
        "victim_told_of_closure": told_in_contact is not None,
    }


def _stop_clocks_on_closure(case: Case, *, actor: User, at: dt.datetime) -> None:
    first_contact = (
        ClockStopReason.CASE_CLOSED
        if victim_can_be_contacted(case)
        else ClockStopReason.VICTIM_NOT_CONTACTABLE
    )
    stop_clocks(case, at=at, by=actor, events=[ClockEvent.REPORT_RECEIVED], reason=first_contact)
    stop_clocks(
        case, at=at, by=actor, exclude_events=OUTLIVE_CLOSURE, reason=ClockStopReason.CASE_CLOSED
    )
