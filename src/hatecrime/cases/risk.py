"""Withdrawal risk: the signals read from a case, scored by the rules an administrator keeps
(`WithdrawalRiskRule`, `WithdrawalRiskThreshold`), and the case's stored flag.

`refresh_withdrawal_risk` is the one place a case's flag (and its reassurance and
default-referral schedules, which feed it) is brought up to date: every case action reaches it
through `cases.actions.audit_case` (after the action's writes, in its transaction), and the
daily sweep (`cases.jobs.withdrawal_risk_job`) through `refresh_open_cases`, because time alone
raises some signals. docs/withdrawal-risk.md and ADR 0800 explain the rules.
"""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from hatecrime.audit.actions import record_event
from hatecrime.cases.clocks import start_clocks
from hatecrime.cases.models import (
    REACHED_OUTCOMES,
    REASSURANCE_EVENTS,
    Case,
    CaseIdentifier,
    CaseLink,
    CaseStatus,
    Clock,
    ClockEvent,
    Contact,
    PoliceActionWish,
    ReassuranceContact,
    ReassuranceOutcome,
    StatementStatus,
    WithdrawalRisk,
    WithdrawalRiskLevel,
    WithdrawalRiskRule,
    WithdrawalRiskSignal,
    WithdrawalRiskThreshold,
)
from hatecrime.cases.safe_contact import victim_can_be_contacted
from hatecrime.core.models import Strand
from hatecrime.core.scheduler import leave_room_for_writers
from hatecrime.support.models import DefaultReferral, Referral, ReferralStatus, SupportOrganisation

Signal = WithdrawalRiskSignal
# The ASB case review's common local threshold (Anti-social Behaviour, Crime and Policing Act
# 2014): three or more reports within six months make a victim persistently targeted.
PERSISTENT_REPORTS = 3
PERSISTENT_WINDOW = dt.timedelta(days=183)
# The flag is the system's judgement, so its changes are audited as the system's (after the
# user's own event, in the same transaction).
SYSTEM = "system"


@dataclass(frozen=True)
class Assessment:
    level: str
    score: int
    reasons: list[dict[str, Any]]


def _days(delta: dt.timedelta) -> int:
    return int(delta.total_seconds() // 86400)


def other_reports_of_victim(case: Case) -> list[Case]:
    """Other cases of the same victim: linked by hand or by a match, or sharing a keyed hash of
    the victim's email, phone, address or name and date of birth (any area; only counted)."""
    linked = CaseLink.objects.filter(case=case).values("linked_case")
    digests = CaseIdentifier.objects.filter(case=case, kind__startswith="victim_").values("digest")
    matched = CaseIdentifier.objects.filter(kind__startswith="victim_", digest__in=digests).values(
        "case"
    )
    # One IN over a UNION, not `IN linked OR IN matched`: PostgreSQL answers an OR of two
    # subqueries by reading every case (39 ms at 50,000 cases, seconds at 5,000,000; the union
    # is 0.3 ms at any size: bench/national.py, docs/adr/0790).
    return list(
        Case.objects.filter(pk__in=linked.union(matched))
        .exclude(pk=case.pk)
        .only("pk", "opened_at")
    )


def persistently_targeted(case: Case, others: list[Case] | None = None) -> bool:
    """Three or more reports of this victim within six months (any six months), or marked
    persistently targeted at the needs assessment or when linking."""
    if case.persistently_targeted:
        return True
    others = other_reports_of_victim(case) if others is None else others
    dates = sorted([case.opened_at, *(other.opened_at for other in others)])
    span = PERSISTENT_REPORTS - 1
    return any(dates[i + span] - dates[i] <= PERSISTENT_WINDOW for i in range(len(dates) - span))


def _has_support_referral(case: Case) -> bool:
    return Referral.objects.filter(
        case=case, status__in=[ReferralStatus.SENT, ReferralStatus.ACCEPTED]
    ).exists()


def _signals(
    case: Case, rules: dict[str, WithdrawalRiskRule], now: dt.datetime
) -> list[dict[str, Any]]:
    """The signals present in `case` under `rules` (enabled ones only), with their figures."""
    found: list[dict[str, Any]] = []

    def add(signal: str, **extra: Any) -> None:
        found.append({"signal": signal, "weight": rules[signal].weight, **extra})

    def param(signal: str) -> int:
        return rules[signal].parameter

    contacts = list(Contact.objects.filter(case=case).order_by("occurred_at", "pk"))
    two_way = [c.occurred_at for c in contacts if c.made]
    last_two_way = two_way[-1] if two_way else None
    if Signal.NO_TWO_WAY_CONTACT in rules:
        days = _days(now - (last_two_way or case.opened_at))
        if days >= param(Signal.NO_TWO_WAY_CONTACT):
            add(Signal.NO_TWO_WAY_CONTACT, figure=days, never=last_two_way is None)
    if Signal.MISSED_CONTACTS in rules:
        missed = sum(
            1
            for c in contacts
            if not c.made and (last_two_way is None or c.occurred_at > last_two_way)
        )
        if missed and missed >= param(Signal.MISSED_CONTACTS):
            add(Signal.MISSED_CONTACTS, figure=missed)
    declined = StatementStatus.DECLINED
    if Signal.STATEMENT_DECLINED in rules and declined in (
        case.statement,
        case.personal_statement,
    ):
        add(Signal.STATEMENT_DECLINED)
    if Signal.WORRIED_ABOUT_REPRISALS in rules and case.worried_about_reprisals:
        add(Signal.WORRIED_ABOUT_REPRISALS)
    if Signal.NO_POLICE_ACTION in rules and case.wants_police_action == PoliceActionWish.NO:
        add(Signal.NO_POLICE_ACTION)
    suspects = case.report.answers.get("suspects") or {}
    if Signal.SUSPECT_KNOWN in rules and suspects.get("known_to_victim") == "yes":
        add(Signal.SUSPECT_KNOWN)
    if Signal.REPEAT_VICTIMISATION in rules:
        others = len(other_reports_of_victim(case))
        marked = case.risk_repeat_victimisation or case.persistently_targeted
        if marked or (others and others >= param(Signal.REPEAT_VICTIMISATION)):
            add(Signal.REPEAT_VICTIMISATION, figure=others)
    if Signal.DISABILITY in rules and (
        Strand.DISABILITY in case.strands or case.accessibility_needs.strip()
    ):
        add(Signal.DISABILITY)
    if Signal.NO_SUPPORT_REFERRAL in rules and victim_can_be_contacted(case):
        days = _days(now - case.opened_at)
        if days >= param(Signal.NO_SUPPORT_REFERRAL) and not _has_support_referral(case):
            add(Signal.NO_SUPPORT_REFERRAL, figure=days)
    if Signal.SLOW_FIRST_CONTACT in rules and case.first_contact_due_at is not None:
        made_at = case.first_contact_made_at
        hours = int(((made_at or now) - case.opened_at).total_seconds() // 3600)
        if hours >= param(Signal.SLOW_FIRST_CONTACT):
            add(Signal.SLOW_FIRST_CONTACT, figure=hours, never=made_at is None)
    outcomes = list(
        ReassuranceContact.objects.filter(case=case)
        .order_by("contact__occurred_at", "pk")
        .values_list("outcome", flat=True)
    )
    reached = [outcome for outcome in outcomes if outcome in REACHED_OUTCOMES]
    last_reached = reached[-1] if reached else None
    if (
        Signal.REASSURANCE_WANTS_TO_WITHDRAW in rules
        and last_reached == ReassuranceOutcome.WANTS_TO_WITHDRAW
    ):
        add(Signal.REASSURANCE_WANTS_TO_WITHDRAW)
    if (
        Signal.REASSURANCE_NEEDS_SUPPORT in rules
        and last_reached == ReassuranceOutcome.NEEDS_MORE_SUPPORT
    ):
        add(Signal.REASSURANCE_NEEDS_SUPPORT)
    if Signal.REASSURANCE_NO_ANSWER in rules:
        in_a_row = 0
        for outcome in reversed(outcomes):
            if outcome != ReassuranceOutcome.NO_ANSWER:
                break
            in_a_row += 1
        if in_a_row and in_a_row >= param(Signal.REASSURANCE_NO_ANSWER):
            add(Signal.REASSURANCE_NO_ANSWER, figure=in_a_row)
    return found


def compute_withdrawal_risk(case: Case, *, now: dt.datetime | None = None) -> Assessment:
    """The flag `case` should carry now under the current rules (a closed case carries none)."""
    now = now or timezone.now()
    if case.status == CaseStatus.CLOSED:
        return Assessment(level=WithdrawalRiskLevel.NONE, score=0, reasons=[])
    rules = {rule.signal: rule for rule in WithdrawalRiskRule.objects.filter(enabled=True)}
    reasons = _signals(case, rules, now)
    reasons.sort(key=lambda reason: (-reason["weight"], reason["signal"]))
    score = sum(reason["weight"] for reason in reasons)
    level = WithdrawalRiskLevel.NONE.value
    for threshold in WithdrawalRiskThreshold.objects.order_by("min_score"):
        if score >= threshold.min_score:
            level = threshold.level
    return Assessment(level=level, score=score, reasons=reasons)


def default_organisation() -> SupportOrganisation | None:
    """The general victim service the administrator chose (offered by default), if any."""
    return SupportOrganisation.objects.filter(offered_by_default=True, is_active=True).first()


def agreed_to_referral(case: Case) -> bool:
    """The victim said yes to being referred for support when reporting."""
    return bool((case.report.answers.get("support") or {}).get("referral_consent"))


def _ensure_schedules(case: Case) -> None:
    """Start the reassurance schedule (day 3 and day 14 from the report; not applicable for a
    victim who may not be contacted) and, for a victim who agreed to a referral when
    reporting, the default-referral clock (two working days from the report), once each."""
    if case.status == CaseStatus.CLOSED:
        return
    started = set(
        Clock.objects.filter(
            case=case, rule__starts_on__in=[*REASSURANCE_EVENTS, ClockEvent.DEFAULT_REFERRAL]
        ).values_list("rule__starts_on", flat=True)
    )
    if not started & set(REASSURANCE_EVENTS):
        start_clocks(case, ClockEvent.REASSURANCE_START, at=case.opened_at, subject="reassurance")
    if ClockEvent.DEFAULT_REFERRAL in started or not agreed_to_referral(case):
        return
    organisation = default_organisation()
    if (
        organisation is None
        or not victim_can_be_contacted(case)
        or DefaultReferral.objects.filter(case=case).exists()
        or Referral.objects.filter(case=case, organisation=organisation).exists()
    ):
        return
    start_clocks(
        case,
        ClockEvent.DEFAULT_REFERRAL,
        at=case.opened_at,
        subject=f"organisation:{organisation.pk}",
    )


def refresh_withdrawal_risk(case: Case, *, now: dt.datetime | None = None) -> WithdrawalRisk:
    """Bring the case's schedules and withdrawal-risk flag up to date. A change of level is
    audited (`alter` of the case's `withdrawal_risk`, with the signals, no personal data)."""
    now = now or timezone.now()
    _ensure_schedules(case)
    assessment = compute_withdrawal_risk(case, now=now)
    previous = WithdrawalRisk.objects.filter(case=case).first()
    risk, _created = WithdrawalRisk.objects.update_or_create(
        case=case,
        defaults={
            "level": assessment.level,
            "score": assessment.score,
            "reasons": assessment.reasons,
            "computed_at": now,
        },
    )
    old_level = previous.level if previous else WithdrawalRiskLevel.NONE
    if old_level != assessment.level:
        record_event(
            "alter",
            actor=SYSTEM,
            object_type="case",
            object_id=case.report.reference,
            fields=["withdrawal_risk"],
            detail={
                "from": old_level,
                "to": assessment.level,
                "score": assessment.score,
                "signals": [reason["signal"] for reason in assessment.reasons],
            },
        )
    return risk


def refresh_open_cases(*, now: dt.datetime | None = None) -> dict[str, int]:
    """The daily sweep: every open case, one at a time, each read and written in its own small
    transaction. The ids are read first and no cursor stays open while it writes: on SQLite a
    read left open cannot become a write once anyone else has committed ("database is locked"
    at once, without waiting), and each case is judged as it is now, not as it was when the
    sweep began."""
    now = now or timezone.now()
    counts = {level: 0 for level in WithdrawalRiskLevel.values}
    open_cases = Case.objects.exclude(status=CaseStatus.CLOSED)
    for pk in list(open_cases.order_by("pk").values_list("pk", flat=True)):
        with transaction.atomic():
            case = open_cases.select_related("report").filter(pk=pk).first()
            if case is not None:  # closed meanwhile
                counts[refresh_withdrawal_risk(case, now=now).level] += 1
        leave_room_for_writers()
    return counts
