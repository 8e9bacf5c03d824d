"""Starting, stopping and reading Victims' Code clocks. The lengths live in `ClockRule` rows."""

import datetime as dt
from typing import Any

from django.utils import timezone

from hatecrime.cases.models import AppliesWhen, Case, Clock, ClockEvent, ClockRule, ClockUnit
from hatecrime.core.calendar import add_calendar_months, add_working_days


def due_at_for(rule: ClockRule, start: dt.datetime, *, case: Case | None = None) -> dt.datetime:
    length = rule.length
    if rule.starts_on == ClockEvent.UPDATE_GIVEN and case is not None:
        length = case.update_every_days  # the frequency agreed with the victim
    if rule.unit == ClockUnit.HOURS:
        return start + dt.timedelta(hours=length)
    if rule.unit == ClockUnit.WORKING_DAYS:
        return add_working_days(start, length)
    if rule.unit == ClockUnit.CALENDAR_DAYS:
        local = timezone.localtime(start)
        return timezone.make_aware(local.replace(tzinfo=None) + dt.timedelta(days=length))
    return add_calendar_months(start, length)


def rule_applies(rule: ClockRule, case: Case) -> bool:
    if rule.applies_when == AppliesWhen.ENHANCED:
        return case.enhanced_rights
    if rule.applies_when == AppliesWhen.STANDARD:
        return not case.enhanced_rights
    return True


def start_clocks(case: Case, event: str, *, at: dt.datetime, subject: str = "") -> list[Clock]:
    rules = ClockRule.objects.filter(starts_on=event, is_active=True)
    return [
        Clock.objects.create(
            case=case,
            rule=rule,
            subject=subject,
            started_at=at,
            due_at=due_at_for(rule, at, case=case),
        )
        for rule in rules
        if rule_applies(rule, case)
    ]


def stop_clocks(
    case: Case,
    *,
    at: dt.datetime,
    by: Any,
    events: list[str] | None = None,
    subject: str | None = None,
    exclude_events: list[str] | None = None,
) -> int:
    running = Clock.objects.filter(case=case, stopped_at__isnull=True)
    if events is not None:
        running = running.filter(rule__starts_on__in=events)
    if exclude_events:
        running = running.exclude(rule__starts_on__in=exclude_events)
    if subject is not None:
        running = running.filter(subject=subject)
    return running.update(stopped_at=at, stopped_by=by)


def clock_state(clock: Clock, now: dt.datetime | None = None) -> str:
    """One of: met, missed (stopped after it was due), overdue, due_today, running."""
    now = now or timezone.now()
    if clock.stopped_at is not None:
        return "met" if clock.stopped_at <= clock.due_at else "missed"
    if clock.due_at < now:
        return "overdue"
    if timezone.localtime(clock.due_at).date() == timezone.localtime(now).date():
        return "due_today"
    return "running"
