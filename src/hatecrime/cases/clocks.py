"""Starting, stopping and reading Victims' Code clocks. The lengths live in `ClockRule` rows."""

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.utils import timezone

from hatecrime.cases.models import (
    INVESTIGATION_EVENTS,
    NOT_APPLICABLE_REASONS,
    VICTIM_CONTACT_EVENTS,
    AppliesWhen,
    Case,
    Classification,
    Clock,
    ClockEvent,
    ClockRule,
    ClockStopReason,
    ClockUnit,
)
from hatecrime.cases.safe_contact import victim_can_be_contacted
from hatecrime.core.calendar import add_calendar_months, add_working_days


def active_rules(event: str) -> list[ClockRule]:
    """The active rules that `event` starts, in `code` order."""
    return list(ClockRule.objects.filter(starts_on=event, is_active=True).order_by("code"))


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


def new_clocks(
    case: Case, rules: Iterable[ClockRule], *, at: dt.datetime, subject: str = ""
) -> list[Clock]:
    """Unsaved clocks for the rules that apply to `case`, started at `at`."""
    return [
        Clock(
            case=case,
            area_id=case.area_id,
            rule=rule,
            subject=subject,
            started_at=at,
            due_at=due_at_for(rule, at, case=case),
        )
        for rule in rules
        if rule_applies(rule, case)
    ]


def is_investigated(case: Case) -> bool:
    """False for a non-crime hate incident (or a report not recorded at all): no investigation,
    so no investigation clocks."""
    return case.classification not in (Classification.NCHI, Classification.NOT_RECORDED)


def start_clocks(case: Case, event: str, *, at: dt.datetime, subject: str = "") -> list[Clock]:
    """Start the clocks of `event`'s active rules. A non-crime hate incident gets no
    investigation clocks; a victim who may not be contacted gets the clocks that measure telling
    them already stopped as "not applicable" (once per rule and subject)."""
    if event in INVESTIGATION_EVENTS and not is_investigated(case):
        return []
    clocks = new_clocks(case, active_rules(event), at=at, subject=subject)
    if event in VICTIM_CONTACT_EVENTS and not victim_can_be_contacted(case):
        not_applicable = ClockStopReason.VICTIM_NOT_CONTACTABLE
        already = set(
            Clock.objects.filter(
                case=case, subject=subject, stop_reason=not_applicable
            ).values_list("rule_id", flat=True)
        )
        clocks = [clock for clock in clocks if clock.rule_id not in already]
        for clock in clocks:
            clock.stopped_at, clock.stop_reason = at, not_applicable
    return Clock.objects.bulk_create(clocks)


def stop_clocks(
    case: Case,
    *,
    at: dt.datetime,
    by: Any,
    events: Sequence[str] | None = None,
    subject: str | None = None,
    exclude_events: Sequence[str] | None = None,
    reason: str = "",
) -> int:
    """Stop the running clocks chosen. Without a `reason` what they measure has happened (they
    read met or missed); with one (a `ClockStopReason`) it has not, and they read not met or
    not applicable, with the reason shown."""
    running = Clock.objects.filter(case=case, stopped_at__isnull=True)
    if events is not None:
        running = running.filter(rule__starts_on__in=events)
    if exclude_events:
        running = running.exclude(rule__starts_on__in=exclude_events)
    if subject is not None:
        running = running.filter(subject=subject)
    return running.update(stopped_at=at, stopped_by=by, stop_reason=reason)


def clock_state(clock: Clock, now: dt.datetime | None = None) -> str:
    """One of: met, missed (stopped after it was due), not_met or not_applicable (stopped without
    what it measures happening: `clock.stop_reason` says why), overdue, due_today, running."""
    now = now or timezone.now()
    if clock.stop_reason:
        return "not_applicable" if clock.stop_reason in NOT_APPLICABLE_REASONS else "not_met"
    if clock.stopped_at is not None:
        return "met" if clock.stopped_at <= clock.due_at else "missed"
    if clock.due_at < now:
        return "overdue"
    if timezone.localtime(clock.due_at).date() == timezone.localtime(now).date():
        return "due_today"
    return "running"
