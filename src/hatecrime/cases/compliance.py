"""Which Victims' Code rights were met on time for a case, read from its clocks (docs/adr/0821).

Each right the service measures is a set of clock events (`cases.models.ClockEvent`; the rules
and their lengths are data, `ClockRule`). A case's state for a right combines the states of
its clocks for those events (`cases.clocks.clock_state`), worst first:

- overdue: a clock is running past its deadline;
- not met: a clock stopped late, or stopped without what it measures happening;
- pending: a clock is running, not yet due;
- met: every clock stopped in time;
- not applicable: no clock (it never arose, e.g. no key decision yet) or every clock read "not
  applicable" (a victim who may not be contacted, a non-crime hate incident).

Every case has exactly one state per right, so counts by state add up to the cases.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import models

from hatecrime.cases.clocks import clock_state
from hatecrime.cases.models import Clock, ClockEvent


class RightState(models.TextChoices):
    MET = "met", "Met"
    NOT_MET = "not_met", "Not met on time"
    OVERDUE = "overdue", "Overdue"
    PENDING = "pending", "In time so far"
    NOT_APPLICABLE = "not_applicable", "Not applicable"


@dataclass(frozen=True)
class Right:
    code: str
    name: str
    events: tuple[str, ...]


# The victim's Right to Review window (a decision not to charge) is the victim's time to ask,
# not something the police must do, and reassurance contacts are the service's own promise, not
# a right of the Code: neither is measured here.
RIGHTS: tuple[Right, ...] = (
    Right("first_contact", "First contact within 24 hours", (ClockEvent.REPORT_RECEIVED,)),
    # The referral after the needs assessment, and the default referral to the general victim
    # service for a victim who agreed when reporting (docs/adr/0801).
    Right(
        "right_4_referral",
        "Right 4: referral to support",
        (ClockEvent.NEEDS_ASSESSED, ClockEvent.DEFAULT_REFERRAL),
    ),
    Right("right_6_decisions", "Right 6: told of key decisions", (ClockEvent.KEY_DECISION,)),
    Right("right_6_updates", "Right 6: updates as agreed", (ClockEvent.UPDATE_GIVEN,)),
    Right(
        "right_to_review",
        "Right to Review: acknowledged and decided",
        (ClockEvent.REVIEW_REQUESTED,),
    ),
)
STATES: tuple[str, ...] = tuple(RightState.values)

_FROM_CLOCK = {
    "overdue": RightState.OVERDUE,
    "missed": RightState.NOT_MET,
    "not_met": RightState.NOT_MET,
    "due_today": RightState.PENDING,
    "running": RightState.PENDING,
    "met": RightState.MET,
    "not_applicable": RightState.NOT_APPLICABLE,
}
_WORST_FIRST = (
    RightState.OVERDUE,
    RightState.NOT_MET,
    RightState.PENDING,
    RightState.MET,
    RightState.NOT_APPLICABLE,
)


def combined(clock_states: Iterable[str]) -> str:
    found = {_FROM_CLOCK[state] for state in clock_states}
    return next((str(state) for state in _WORST_FIRST if state in found), RightState.NOT_APPLICABLE)


def rights_of(clocks: Iterable[Clock], now: dt.datetime | None = None) -> dict[str, str]:
    """{right code: state} for one case's clocks (with their rules loaded)."""
    by_event: dict[str, list[str]] = {}
    for clock in clocks:
        by_event.setdefault(clock.rule.starts_on, []).append(clock_state(clock, now))
    return {
        right.code: combined(state for event in right.events for state in by_event.get(event, []))
        for right in RIGHTS
    }


def rights_by_case(
    case_ids: Iterable[int], now: dt.datetime | None = None
) -> dict[int, dict[str, str]]:
    """{case id: {right code: state}} for many cases, in one query over their clocks."""
    clocks: dict[int, list[Clock]] = {pk: [] for pk in case_ids}
    for clock in Clock.objects.filter(case_id__in=list(clocks)).select_related("rule"):
        clocks[clock.case_id].append(clock)
    return {pk: rights_of(found, now) for pk, found in clocks.items()}


@dataclass(frozen=True)
class RightOnCase:
    right: Right
    state: str

    @property
    def label(self) -> str:
        return str(RightState(self.state).label)


def rights_on_case(clocks: Iterable[Clock], now: dt.datetime | None = None) -> list[RightOnCase]:
    """What the case page shows: each right, in order, with its state."""
    states = rights_of(clocks, now)
    return [RightOnCase(right, states[right.code]) for right in RIGHTS]
