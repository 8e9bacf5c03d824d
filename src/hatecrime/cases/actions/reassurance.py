"""Reassurance contacts, and the steps offered to a persistently targeted victim."""

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from hatecrime.accounts.models import Role, User
from hatecrime.accounts.permissions import area_ids_of
from hatecrime.cases.actions.base import (
    CaseActionError,
    UnsafeContact,
    audit_case,
    change_case,
    check,
)
from hatecrime.cases.actions.victim import (
    do_record_contact,
    refuse_unless_victim_may_be_contacted,
)
from hatecrime.cases.clocks import start_clocks
from hatecrime.cases.models import (
    REACHED_OUTCOMES,
    REASSURANCE_EVENTS,
    Case,
    CaseStatus,
    Clock,
    ClockEvent,
    ContactPerson,
    ReassuranceContact,
    ReassuranceOutcome,
    TargetingAction,
    TargetingStep,
    TargetingStepStatus,
)
from hatecrime.cases.risk import persistently_targeted
from hatecrime.cases.safe_contact import safe_contact_for, safe_times_in_words


@dataclass
class ReassuranceRecorded:
    reassurance: ReassuranceContact
    case: Case
    warnings: list[str] = field(default_factory=list)


def refuse_unless_may_reassure(actor: User, case: Case) -> None:
    """A reassurance contact is made by someone who is not investigating the case: another
    officer or a supervisor of the case's area."""
    if case.status == CaseStatus.CLOSED:
        raise CaseActionError("The case is closed: reassurance contacts have stopped")
    if case.assigned_officer_id is not None and case.assigned_officer_id == actor.pk:
        raise CaseActionError(
            "You are the investigating officer for this case. A reassurance contact must be "
            "made by another officer or a supervisor of the area"
        )
    if actor.role not in (Role.OFFICER, Role.SUPERVISOR) or case.area_id not in area_ids_of(actor):
        raise CaseActionError(
            "A reassurance contact is made by an officer or a supervisor of the case's area"
        )


@transaction.atomic
def do_record_reassurance_contact(
    *,
    actor: User,
    case: Case,
    expected_version: int,
    method: str,
    outcome: str,
    note: str = "",
    occurred_at: dt.datetime | None = None,
) -> ReassuranceRecorded:
    """Record a reassurance contact with the victim and what came of it. It is a contact like
    any other (the safe-contact rules refuse a victim who may not be contacted and an unsafe
    method) and, never being urgent, it is refused outside the victim's safe times. One that
    reaches the victim meets the reassurance clock due first; when none is left running, the
    next is due 28 days later."""
    if outcome not in ReassuranceOutcome.values:
        check({"outcome": ["Select what came of the reassurance contact"]})
    refuse_unless_may_reassure(actor, case)
    refuse_unless_victim_may_be_contacted(case, field="method")
    preferences = safe_contact_for(case)
    if (
        preferences.about_the_victim
        and preferences.within_safe_times(occurred_at or timezone.now()) is False
    ):
        raise UnsafeContact(
            {
                "occurred_at": [
                    "This is outside the times the victim said are safe ("
                    + safe_times_in_words(preferences)
                    + "). A reassurance contact is never urgent: make it at a safe time"
                ]
            }
        )
    reached = outcome in REACHED_OUTCOMES
    recorded = do_record_contact(
        actor=actor,
        case=case,
        expected_version=expected_version,
        method=method,
        made=reached,
        person=ContactPerson.VICTIM,
        outcome=note,
        occurred_at=occurred_at,
    )
    contact, case = recorded.contact, recorded.case
    reassurance = ReassuranceContact.objects.create(case=case, contact=contact, outcome=outcome)
    if reached:
        running = Clock.objects.filter(
            case=case, stopped_at__isnull=True, rule__starts_on__in=REASSURANCE_EVENTS
        ).order_by("due_at", "pk")
        first = running.first()
        if first is not None:
            Clock.objects.filter(pk=first.pk).update(
                stopped_at=contact.occurred_at, stopped_by=actor
            )
        if not running.exists():
            start_clocks(
                case, ClockEvent.REASSURANCE_GIVEN, at=contact.occurred_at, subject="reassurance"
            )
    audit_case(
        "alter",
        actor=actor,
        case=case,
        fields=["reassurance_contacts"],
        detail={"contact": contact.pk, "outcome": outcome},
    )
    return ReassuranceRecorded(reassurance=reassurance, case=case, warnings=recorded.warnings)


@transaction.atomic
def do_record_targeting_step(
    *,
    actor: User,
    case: Case,
    expected_version: int,
    step: str,
    status: str,
    note: str = "",
) -> TargetingAction:
    """Record that a persistently targeted victim was offered (or given, or declined) the
    anti-social behaviour case review or a multi-agency panel referral."""
    errors: dict[str, list[str]] = {}
    if step not in TargetingStep.values:
        errors["step"] = ["Select the case review or the panel referral"]
    if status not in TargetingStepStatus.values:
        errors["status"] = ["Select whether it was offered, made or declined"]
    if len(note) > 2000:
        errors["note"] = ["The note must be 2000 characters or fewer"]
    check(errors)
    if not persistently_targeted(case):
        raise CaseActionError(
            "This victim is not persistently targeted (three or more reports in six months, "
            "or marked as persistently targeted)"
        )
    case = change_case(case, expected_version=expected_version)
    action = TargetingAction.objects.create(
        case=case,
        step=step,
        status=status,
        note=note.strip(),
        recorded_at=timezone.now(),
        recorded_by=actor,
    )
    audit_case(
        "alter",
        actor=actor,
        case=case,
        fields=["targeting_actions"],
        detail={"step": step, "status": status},
    )
    return action


__all__ = [
    "ReassuranceRecorded",
    "do_record_reassurance_contact",
    "do_record_targeting_step",
    "refuse_unless_may_reassure",
]
