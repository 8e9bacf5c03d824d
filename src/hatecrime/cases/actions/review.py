"""The Victims' Right to Review (docs/adr/0812-right-to-review.md).

A decision not to charge (no further action) or not to investigate, recorded as a key decision
or as the approved outcome of a closure, opens a `RightToReview`: the victim is told through
their safe channel, in their language, that a decision was made and that they can ask for a
review (never a victim who may not be contacted), and 'track my report' shows the decision in
plain words, how to ask and by when (the window clock, three months). A request, from tracking
or recorded by staff, starts the acknowledge and decide clocks; a supervisor who was not
involved in the decision records the result, which the victim sees on tracking and is told of.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from hatecrime.accounts.models import User
from hatecrime.accounts.permissions import has_permission
from hatecrime.accounts.selectors import area_supervisors
from hatecrime.audit.actions import record_event
from hatecrime.cases.actions.base import CaseActionError, audit_case, change_case, check, not_future
from hatecrime.cases.clocks import active_rules, due_at_for, start_clocks, stop_clocks
from hatecrime.cases.models import (
    REVIEWABLE_KINDS,
    Case,
    CaseStatus,
    Clock,
    ClockEvent,
    Closure,
    Decision,
    Notice,
    RequestedVia,
    ReviewResult,
    RightToReview,
)
from hatecrime.cases.safe_contact import victim_can_be_contacted
from hatecrime.core.calendar import add_calendar_months
from hatecrime.core.readability import plain_words_problems
from hatecrime.notifications.models import MessageStatus
from hatecrime.notifications.victims import message_staff_after_commit, message_victim

# The clock that the acknowledgement stops (ClockRule data, cases migration 0003); the result
# stops every clock of the review.
ACKNOWLEDGE_RULE = "review-acknowledge"
WINDOW_MONTHS_WITHOUT_A_RULE = 3
REQUEST_TEXT_MAX = 2000
NEXT_STEPS_MAX = 2000
_NOTICE_OF_STATUS: dict[str, str] = {
    MessageStatus.SENT: Notice.SENT,
    MessageStatus.QUEUED: Notice.QUEUED,
    MessageStatus.FAILED: Notice.FAILED,
    MessageStatus.SUPPRESSED: Notice.NO_SAFE_WAY,
}


def ask_by_for(decided_at: dt.datetime) -> dt.datetime:
    """The end of the window to ask: the active rule started by a decision not to charge."""
    rules = active_rules(ClockEvent.DECISION_NOT_TO_CHARGE)
    if rules:
        return due_at_for(rules[0], decided_at)
    return add_calendar_months(decided_at, WINDOW_MONTHS_WITHOUT_A_RULE)


def _tell_victim(right_to_review_id: int, *, template: str, field: str) -> None:
    """After commit: the message (reference and link only) through the victim's safe channel,
    and what became of it."""
    right = RightToReview.objects.select_related("case__report").get(pk=right_to_review_id)
    message = message_victim(right.case, template=template, purpose="right_to_review")
    notice = Notice.NO_SAFE_WAY if message is None else _NOTICE_OF_STATUS.get(message.status)
    RightToReview.objects.filter(pk=right.pk).update(**{field: notice or Notice.SENT})


def _notify_victim(case: Case, right: RightToReview, *, template: str, field: str) -> None:
    if not victim_can_be_contacted(case):
        RightToReview.objects.filter(pk=right.pk).update(**{field: Notice.NOT_CONTACTABLE})
        setattr(right, field, Notice.NOT_CONTACTABLE)
        return
    RightToReview.objects.filter(pk=right.pk).update(**{field: Notice.PENDING})
    pk = right.pk
    transaction.on_commit(lambda: _tell_victim(pk, template=template, field=field))


def open_right_to_review(
    case: Case,
    *,
    kind: str,
    decided_at: dt.datetime,
    decided_by: User,
    decision: Decision | None = None,
    closure: Closure | None = None,
    approved_by: User | None = None,
) -> RightToReview | None:
    """Inside the transaction of the action that recorded the decision. None for a decision the
    victim cannot challenge, and for a closure whose decision the victim already has a right to
    review (an approved "no further action" after the same key decision)."""
    if kind not in REVIEWABLE_KINDS:
        return None
    if closure is not None:
        earlier = case.rights_to_review.filter(kind=kind).exclude(result=ReviewResult.OVERTURNED)
        if earlier.exists():
            return None
    right = RightToReview.objects.create(
        case=case,
        kind=kind,
        decision=decision,
        closure=closure,
        decided_at=decided_at,
        decided_by=decided_by,
        approved_by=approved_by,
        ask_by=ask_by_for(decided_at),
    )
    start_clocks(
        case, ClockEvent.DECISION_NOT_TO_CHARGE, at=decided_at, subject=right.clock_subject
    )
    _notify_victim(case, right, template="victim_decision_made", field="notice")
    return right


def start_review(
    *,
    case: Case,
    right_to_review: RightToReview,
    at: dt.datetime,
    via: str,
    recorded_by: User | None,
    text: str = "",
) -> RightToReview:
    """The victim asked (checked by the caller: from tracking, `reporting`; by staff,
    `do_record_review_request`). Claimed with a conditional UPDATE, so a request is recorded
    once even when two arrive together. Starts the acknowledge and decide clocks."""
    claimed = RightToReview.objects.filter(pk=right_to_review.pk, requested_at__isnull=True).update(
        requested_at=at,
        requested_via=via,
        request_recorded_by=recorded_by,
    )
    if not claimed:
        raise CaseActionError(
            {"right_to_review": ["A review of this decision was already asked for"]}
        )
    right_to_review.refresh_from_db()
    right_to_review.request_text = text.strip()
    right_to_review.save(update_fields=["request_text"])
    subject = right_to_review.clock_subject
    stop_clocks(
        case, at=at, by=recorded_by, events=[ClockEvent.DECISION_NOT_TO_CHARGE], subject=subject
    )
    start_clocks(case, ClockEvent.REVIEW_REQUESTED, at=at, subject=subject)
    fields = ["rights_to_review.request", *(["rights_to_review.request_text"] if text else [])]
    detail = {"right_to_review": right_to_review.pk, "via": via}
    if recorded_by is None:
        record_event(
            "collect",
            actor="public",
            object_type="case",
            object_id=case.report.reference,
            fields=fields,
            justification="asked for by the holder of the tracking code",
            detail=detail,
        )
    else:
        audit_case("alter", actor=recorded_by, case=case, fields=fields, detail=detail)
    message_staff_after_commit(
        area_supervisors(case.area_id),
        case,
        template="supervisor_review_requested",
        purpose="review",
    )
    return right_to_review


def _of_case(case: Case, right: RightToReview | None, errors: dict[str, list[str]]) -> None:
    if right is None or right.case_id != case.pk:
        errors["right_to_review"] = ["Select a decision of this case"]


@transaction.atomic
def do_record_review_request(
    *,
    actor: User,
    case: Case,
    expected_version: int,
    requested_at: dt.datetime,
    right_to_review: RightToReview | None = None,
    text: str = "",
) -> RightToReview:
    """Staff record that the victim asked for a review (by phone, in person, by letter). Late
    requests are accepted here (the Code says "usually within 3 months"); tracking refuses
    them. Without `right_to_review`, the case's latest decision not yet asked about."""
    if right_to_review is None:
        right_to_review = case.rights_to_review.filter(requested_at__isnull=True).last()
        if right_to_review is None:
            raise CaseActionError(
                {"requested_at": ["There is no decision not to charge or investigate to review"]}
            )
    errors: dict[str, list[str]] = {}
    _of_case(case, right_to_review, errors)
    at = not_future(requested_at, "requested_at", errors)
    if right_to_review.is_requested:
        errors["right_to_review"] = ["A review of this decision was already asked for"]
    elif at < right_to_review.decided_at:
        errors["requested_at"] = ["The victim cannot ask for a review before the decision"]
    if len(text) > REQUEST_TEXT_MAX:
        errors["text"] = [f"What the victim said must be {REQUEST_TEXT_MAX} characters or fewer"]
    check(errors)
    case = change_case(case, expected_version=expected_version)
    return start_review(
        case=case,
        right_to_review=right_to_review,
        at=at,
        via=RequestedVia.STAFF,
        recorded_by=actor,
        text=text,
    )


@transaction.atomic
def do_acknowledge_review(
    *,
    actor: User,
    case: Case,
    expected_version: int,
    right_to_review: RightToReview,
    acknowledged_at: dt.datetime | None = None,
) -> RightToReview:
    """The request was acknowledged to the victim: stops the acknowledge clock."""
    errors: dict[str, list[str]] = {}
    _of_case(case, right_to_review, errors)
    at = not_future(acknowledged_at, "acknowledged_at", errors)
    if not right_to_review.is_requested:
        errors["right_to_review"] = ["The victim has not asked for a review of this decision"]
    elif right_to_review.acknowledged_at is not None or right_to_review.is_decided:
        errors["right_to_review"] = ["This review request has already been acknowledged"]
    elif right_to_review.requested_at and at < right_to_review.requested_at:
        errors["acknowledged_at"] = ["A request cannot be acknowledged before it was made"]
    check(errors)
    case = change_case(case, expected_version=expected_version)
    right_to_review.acknowledged_at, right_to_review.acknowledged_by = at, actor
    right_to_review.save(update_fields=["acknowledged_at", "acknowledged_by"])
    Clock.objects.filter(
        case=case,
        subject=right_to_review.clock_subject,
        rule__code=ACKNOWLEDGE_RULE,
        stopped_at__isnull=True,
    ).update(stopped_at=at, stopped_by=actor)
    audit_case(
        "alter",
        actor=actor,
        case=case,
        fields=["rights_to_review.acknowledged"],
        detail={"right_to_review": right_to_review.pk},
    )
    return right_to_review


def involvement_error(actor: User, case: Case, right: RightToReview) -> str:
    """Why `actor` may not review this decision ("" when they may): the review is by someone
    who was not involved in it."""
    if actor.pk == right.decided_by_id:
        return (
            "You made this decision, so you cannot review it. A supervisor who was not "
            "involved in the decision must decide the review"
        )
    if actor.pk == right.approved_by_id:
        return (
            "You approved this decision, so you cannot review it. A supervisor who was not "
            "involved in the decision must decide the review"
        )
    if actor.pk == case.assigned_officer_id:
        return (
            "You are the officer on this case, so you cannot review its decision. A "
            "supervisor who was not involved in the decision must decide the review"
        )
    return ""


def _result_errors(
    actor: User, case: Case, right: RightToReview, result: str, reasons: str, next_steps: str
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    _of_case(case, right, errors)
    if errors:
        return errors
    if not right.is_requested:
        return {"right_to_review": ["The victim has not asked for a review of this decision"]}
    if right.is_decided:
        return {"right_to_review": ["This review already has a result"]}
    if involved := involvement_error(actor, case, right):
        return {"__all__": [involved]}
    if result not in ReviewResult.values:
        errors["result"] = ["Select the result of the review"]
    if not reasons.strip():
        errors["reasons"] = ["Enter the reasons for the result"]
    if not next_steps.strip():
        errors["next_steps"] = ["Enter what happens next, in plain words for the victim"]
    elif len(next_steps) > NEXT_STEPS_MAX:
        errors["next_steps"] = [f"What happens next must be {NEXT_STEPS_MAX} characters or fewer"]
    elif problems := plain_words_problems(next_steps):
        errors["next_steps"] = problems
    return errors


@transaction.atomic
def do_record_review_result(
    *,
    actor: User,
    case: Case,
    expected_version: int,
    right_to_review: RightToReview,
    result: str,
    reasons: str,
    next_steps: str,
) -> RightToReview:
    """A supervisor not involved in the decision records the result: upheld, or overturned
    (a closed case is then open again). Stops the review's clocks; the victim sees the result
    and what happens next on tracking and is told through their safe channel."""
    if not has_permission(actor, "decide_review"):
        raise CaseActionError("Only a supervisor can decide a review")
    check(_result_errors(actor, case, right_to_review, result, reasons, next_steps))
    now = timezone.now()
    changes: dict[str, object] = {}
    if result == ReviewResult.OVERTURNED and case.status == CaseStatus.CLOSED:
        changes = {"status": CaseStatus.IN_PROGRESS, "outcome": "", "closed_at": None}
    case = change_case(case, expected_version=expected_version, **changes)
    right_to_review.result, right_to_review.result_at = result, now
    right_to_review.reviewed_by = actor
    right_to_review.result_reasons, right_to_review.next_steps = reasons.strip(), next_steps.strip()
    right_to_review.save(
        update_fields=["result", "result_at", "reviewed_by", "result_reasons", "next_steps"]
    )
    stop_clocks(case, at=now, by=actor, subject=right_to_review.clock_subject)
    _notify_victim(case, right_to_review, template="victim_review_result", field="result_notice")
    audit_case(
        "alter",
        actor=actor,
        case=case,
        fields=["rights_to_review.result", *changes],
        detail={"right_to_review": right_to_review.pk, "result": result},
    )
    return right_to_review
