"""The investigation log: key decisions (each starts the Right 6 clock) and telling the victim.
(The Victims' Right to Review: cases.actions.review; court dates and their results:
cases.actions.court.)"""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from hatecrime.accounts.models import User
from hatecrime.cases.actions.base import CaseActionError, audit_case, change_case, check, not_future
from hatecrime.cases.actions.review import open_right_to_review
from hatecrime.cases.actions.victim import refuse_unless_victim_may_be_contacted
from hatecrime.cases.clocks import start_clocks, stop_clocks
from hatecrime.cases.models import (
    Case,
    Clock,
    ClockEvent,
    ContactMethod,
    Decision,
    DecisionKind,
)


@transaction.atomic
def do_record_decision(
    *,
    actor: User,
    case: Case,
    expected_version: int,
    kind: str,
    reasons: str,
    decided_at: dt.datetime | None = None,
) -> Decision:
    errors: dict[str, list[str]] = {}
    if kind not in DecisionKind.values:
        errors["kind"] = [_("Select the decision")]
    if not reasons.strip():
        errors["reasons"] = [_("Enter the reasons (the victim must be told them)")]
    at = not_future(decided_at, "decided_at", errors)
    check(errors)
    case = change_case(case, expected_version=expected_version)
    decision = Decision.objects.create(
        case=case, kind=kind, reasons=reasons.strip(), decided_at=at, recorded_by=actor
    )
    start_clocks(case, ClockEvent.KEY_DECISION, at=at, subject=f"decision:{decision.pk}")
    # No further action or not investigated: the victim may ask for a review.
    open_right_to_review(case, kind=kind, decided_at=at, decided_by=actor, decision=decision)
    audit_case(
        "alter", actor=actor, case=case, fields=["decisions"], detail={"decision": decision.pk}
    )
    return decision


@transaction.atomic
def do_record_victim_told(
    *,
    actor: User,
    case: Case,
    expected_version: int,
    decision: Decision,
    told_by: User,
    told_at: dt.datetime,
    how: str,
) -> Decision:
    """Who told the victim of a decision, when and how: stops its Right 6 clock. Refused for a
    victim who may not be contacted (their Right 6 clocks read "not applicable" instead)."""
    refuse_unless_victim_may_be_contacted(case, field="__all__")
    errors: dict[str, list[str]] = {}
    if decision.case_id != case.pk:
        errors["decision"] = [_("Select a decision of this case")]
    if how not in ContactMethod.values:
        errors["how"] = [_("Select how the victim was told")]
    not_future(told_at, "told_at", errors)
    if told_at < decision.decided_at:
        errors.setdefault("told_at", []).append(_("The victim cannot be told before the decision"))
    if decision.victim_told_at is not None:
        errors["decision"] = [_("The victim has already been recorded as told")]
    check(errors)
    case = change_case(case, expected_version=expected_version)
    decision.victim_told_at, decision.victim_told_by, decision.victim_told_how = (
        told_at,
        told_by,
        how,
    )
    decision.save(update_fields=["victim_told_at", "victim_told_by", "victim_told_how"])
    stop_clocks(
        case,
        at=told_at,
        by=actor,
        events=[ClockEvent.KEY_DECISION],
        subject=f"decision:{decision.pk}",
    )
    audit_case(
        "alter",
        actor=actor,
        case=case,
        fields=["decisions.victim_told"],
        detail={"decision": decision.pk},
    )
    return decision


@transaction.atomic
def do_stop_clock(
    *, actor: User, case: Case, expected_version: int, clock: Clock, at: dt.datetime | None = None
) -> Clock:
    """Record that what a clock was waiting for has happened (e.g. a review acknowledged)."""
    if clock.case_id != case.pk or clock.stopped_at is not None:
        raise CaseActionError({"clock": [_("Select a running deadline of this case")]})
    errors: dict[str, list[str]] = {}
    when = not_future(at, "at", errors)
    check(errors)
    case = change_case(case, expected_version=expected_version)
    Clock.objects.filter(pk=clock.pk).update(stopped_at=when, stopped_by=actor)
    clock.refresh_from_db()
    audit_case("alter", actor=actor, case=case, fields=["clocks"], detail={"clock": clock.pk})
    return clock
