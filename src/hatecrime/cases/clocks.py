"""Starting, stopping and reading Victims' Code clocks. The lengths live in `ClockRule` rows.

The active rules are also cached per process for case opening (one case per report, so on the
intake path: docs/adr/0301-intake-performance.md). Rules change a few times a year, in the
admin: a save or delete of a ClockRule in this process forgets the cache at once and again when
its transaction commits, a flush (tests) forgets it too, and other processes see a change within
`RULES_TTL_SECONDS`. The cache is only ever FILLED outside a transaction (what a transaction sees,
perhaps its own uncommitted change, must not outlive it); inside one it is read when fresh, or
else the rules are queried. Callers get copies of the rules.
"""

import datetime as dt
import threading
import time
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection
from django.utils import timezone

from hatecrime.cases.models import (
    INVESTIGATION_EVENTS,
    NOT_APPLICABLE_REASONS,
    AppliesWhen,
    Case,
    Classification,
    Clock,
    ClockEvent,
    ClockRule,
    ClockUnit,
)
from hatecrime.core.caches import forget_on_change
from hatecrime.core.calendar import add_calendar_months, add_working_days
from hatecrime.core.rows import PreparedRow, build, copy_instance, new_row

RULES_TTL_SECONDS = 10.0

_rules_lock = threading.Lock()
# (monotonic time loaded, active rules by the event that starts them, in `code` order)
_rules: tuple[float, dict[str, tuple[ClockRule, ...]]] | None = None


def _query_rules() -> dict[str, tuple[ClockRule, ...]]:
    by_event: dict[str, list[ClockRule]] = {}
    for rule in ClockRule.objects.filter(is_active=True).order_by("code"):
        by_event.setdefault(rule.starts_on, []).append(rule)
    return {event: tuple(rules) for event, rules in by_event.items()}


def load_clock_rules() -> None:
    """Fill the per-process cache if it is missing or old. Call it outside any transaction
    (inside one it does nothing), e.g. before the transaction that opens a case."""
    global _rules
    if connection.in_atomic_block:
        return
    current = _rules
    if current is not None and time.monotonic() - current[0] < RULES_TTL_SECONDS:
        return
    with _rules_lock:
        _rules = (time.monotonic(), _query_rules())


def cached_active_rules(event: str) -> list[ClockRule]:
    """The active rules that `event` starts (in `code` order), from the per-process cache when
    it is fresh, else from the database (filling the cache only outside a transaction)."""
    load_clock_rules()
    current = _rules
    if current is not None and time.monotonic() - current[0] < RULES_TTL_SECONDS:
        return [copy_instance(rule) for rule in current[1].get(event, ())]
    return list(ClockRule.objects.filter(starts_on=event, is_active=True).order_by("code"))


def forget_clock_rules() -> None:
    global _rules
    _rules = None


forget_on_change(ClockRule, forget_clock_rules, "cases-clock-rules")


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


def _clock_values(
    case: Case, rules: Iterable[ClockRule], at: dt.datetime, subject: str
) -> list[dict[str, Any]]:
    return [
        {
            "case": case,
            "rule": rule,
            "subject": subject,
            "started_at": at,
            "due_at": due_at_for(rule, at, case=case),
        }
        for rule in rules
        if rule_applies(rule, case)
    ]


def new_clocks(
    case: Case, rules: Iterable[ClockRule], *, at: dt.datetime, subject: str = ""
) -> list[Clock]:
    """Unsaved clocks for the rules that apply to `case`, started at `at`."""
    return [build(Clock, **values) for values in _clock_values(case, rules, at, subject)]


def new_clock_rows(
    case: Case, rules: Iterable[ClockRule], *, at: dt.datetime, subject: str = ""
) -> list[PreparedRow]:
    """`new_clocks` as rows ready to INSERT (core.rows.write_rows), e.g. for a case not yet
    written (they refer to it once it is)."""
    return [new_row(Clock, **values) for values in _clock_values(case, rules, at, subject)]


def is_investigated(case: Case) -> bool:
    """False for a non-crime hate incident (or a report not recorded at all): no investigation,
    so no investigation clocks."""
    return case.classification not in (Classification.NCHI, Classification.NOT_RECORDED)


def start_clocks(case: Case, event: str, *, at: dt.datetime, subject: str = "") -> list[Clock]:
    if event in INVESTIGATION_EVENTS and not is_investigated(case):
        return []
    rules = ClockRule.objects.filter(starts_on=event, is_active=True)
    return Clock.objects.bulk_create(new_clocks(case, rules, at=at, subject=subject))


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
