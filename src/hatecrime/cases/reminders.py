"""Reminders and escalations for running clocks. Each clock is claimed with a conditional UPDATE
of `reminded_at` / `escalated_at`, and its messages are queued in the same transaction (sent by
the worker's next `notifications.due_messages` sweep), once per clock, due time and recipient:
a reminder goes once per clock state even with several workers, a job run twice sends nothing
new, and a worker killed mid-job leaves either the claim and its messages or neither."""

import datetime as dt
from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone

from hatecrime.accounts.selectors import area_supervisors
from hatecrime.cases.models import Clock, ClockEvent
from hatecrime.notifications.victims import message_staff

FIRST_CONTACT = [ClockEvent.REPORT_RECEIVED]
UPDATES = [ClockEvent.UPDATE_GIVEN]
VICTIMS_CODE = [
    ClockEvent.KEY_DECISION,
    ClockEvent.NEEDS_ASSESSED,
    ClockEvent.REVIEW_REQUESTED,
    ClockEvent.DEFAULT_REFERRAL,
]
# Reassurance contacts are made by someone other than the investigating officer: overdue ones
# go to the area's supervisors.
REASSURANCE = [ClockEvent.REASSURANCE_START, ClockEvent.REASSURANCE_GIVEN]


def _claim(clock: Clock, column: str, now: dt.datetime) -> bool:
    won = Clock.objects.filter(
        pk=clock.pk, stopped_at__isnull=True, **{f"{column}__isnull": True}
    ).update(**{column: now})
    return bool(won)


def _due(clock: Clock) -> str:
    return timezone.localtime(clock.due_at).strftime("%d %B %Y %H:%M")


def _event(clock: Clock, column: str) -> str:
    """The event a reminder or escalation is about: this clock falling due at this time."""
    return f"clock:{clock.pk}:{column}:{clock.due_at.isoformat()}"


def remind_officers(
    *, events: Sequence[str], lead: dt.timedelta, template: str, now: dt.datetime | None = None
) -> int:
    """Tell the assigned officer (or, with none, the area's supervisors) once, `lead` before due."""
    now = now or timezone.now()
    clocks = Clock.objects.filter(
        stopped_at__isnull=True,
        reminded_at__isnull=True,
        rule__starts_on__in=events,
        due_at__lte=now + lead,
        due_at__gte=now,
    ).select_related("case__report", "case__assigned_officer")
    sent = 0
    for clock in clocks:
        with transaction.atomic():
            if not _claim(clock, "reminded_at", now):
                continue
            case = clock.case
            people = (
                [case.assigned_officer]
                if case.assigned_officer
                else list(area_supervisors(case.area_id))
            )
            for person in people:
                message_staff(
                    person,
                    case,
                    template=template,
                    purpose=template,
                    queue=True,
                    event=_event(clock, "reminded_at"),
                    due_at=_due(clock),
                )
            sent += 1
    return sent


def escalate_overdue(
    *, events: Sequence[str], template: str, now: dt.datetime | None = None
) -> int:
    """Tell the area's supervisors once about each overdue clock."""
    now = now or timezone.now()
    clocks = Clock.objects.filter(
        stopped_at__isnull=True,
        escalated_at__isnull=True,
        rule__starts_on__in=events,
        due_at__lt=now,
    ).select_related("case__report")
    sent = 0
    for clock in clocks:
        with transaction.atomic():
            if not _claim(clock, "escalated_at", now):
                continue
            for supervisor in area_supervisors(clock.case.area_id):
                message_staff(
                    supervisor,
                    clock.case,
                    template=template,
                    purpose=template,
                    queue=True,
                    event=_event(clock, "escalated_at"),
                    due_at=_due(clock),
                )
            sent += 1
    return sent
