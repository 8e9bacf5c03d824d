"""The supervisor's board for one area, and its CSV export (audited as a disclosure)."""

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, Q
from django.http import Http404
from django.utils import timezone

from hatecrime.accounts.models import Role, User
from hatecrime.accounts.permissions import can_view_board, has_permission
from hatecrime.audit.actions import record_event
from hatecrime.cases.models import (
    OPEN_STATUSES,
    Case,
    CaseStatus,
    Clock,
    Closure,
    WithdrawalRisk,
)
from hatecrime.cases.selectors import cases_at_risk
from hatecrime.core.models import Area
from hatecrime.support.models import Referral

NO_OUTCOME_AFTER_DAYS = 28


@dataclass
class Board:
    area: Area
    open_by_stage: dict[str, int]
    first_contact_within_24h: int
    first_contact_total: int
    first_contact_overdue: list[Case]
    # Cases of the last 30 days with no one to contact (anonymous, or the victim does not
    # know or has not agreed): counted apart, never in the share.
    no_one_to_contact: int
    clocks_due_today: list[Clock]
    clocks_overdue: list[Clock]
    referrals: list[Referral]
    workload: list[tuple[User, int]]
    no_outcome: list[Case]
    # Proposed decisions not to proceed, waiting for a supervisor's review (ADR 0450).
    closures_to_review: list[Closure] = field(default_factory=list)
    # Open cases flagged at risk of withdrawal, highest score first (cases.risk).
    at_risk: list[WithdrawalRisk] = field(default_factory=list)

    @property
    def first_contact_share(self) -> float | None:
        if not self.first_contact_total:
            return None
        return self.first_contact_within_24h / self.first_contact_total


def _check(user: Any, area: Area) -> None:
    if not can_view_board(user, area.pk):
        raise Http404("No board found")


def board_for(user: Any, area: Area, *, now: dt.datetime | None = None) -> Board:
    """Http404 unless the user supervises the area. Shows references, stages, officers and
    clock times (no victim details); audited as a consult of the board."""
    _check(user, area)
    now = now or timezone.now()
    cases = Case.objects.filter(area=area)
    open_cases = cases.filter(status__in=OPEN_STATUSES)
    by_stage = dict(open_cases.values_list("status").annotate(n=Count("pk")).order_by())
    # First-contact performance over the last 30 days, judged only where it can be: a case
    # counts once contact was made or its 24 hours ran out, and never when there is no one to
    # contact (no first-contact clock).
    # (Anonymous cases opened before that rule may still carry a due time: never counted.)
    last_30_days = cases.filter(opened_at__gte=now - dt.timedelta(days=30), opened_at__lte=now)
    no_one_to_contact = Q(first_contact_due_at__isnull=True) | Q(report__anonymous=True)
    recent = last_30_days.exclude(no_one_to_contact).filter(
        Q(first_contact_made_at__isnull=False) | Q(first_contact_due_at__lt=now)
    )
    within = recent.filter(first_contact_made_at__lte=F("first_contact_due_at")).count()
    local_today = timezone.localtime(now).date()
    start_of_tomorrow = timezone.make_aware(
        dt.datetime.combine(local_today + dt.timedelta(days=1), dt.time())
    )
    # Found by the clock's own area (its index); the case's area stays the rule.
    running = Clock.objects.filter(
        area=area, case__area=area, stopped_at__isnull=True
    ).select_related("rule", "case__report", "case__assigned_officer")
    officers = User.objects.filter(
        areas=area, role__in=[Role.OFFICER, Role.SUPERVISOR], is_active=True
    )
    # Counted from the area's open cases, not from each officer's cases of every year.
    open_by_officer = dict(
        open_cases.filter(assigned_officer__isnull=False)
        .values_list("assigned_officer")
        .annotate(n=Count("pk"))
        .order_by()
    )
    board = Board(
        area=area,
        open_by_stage={status: by_stage.get(status, 0) for status in CaseStatus.values},
        first_contact_within_24h=within,
        first_contact_total=recent.count(),
        no_one_to_contact=last_30_days.filter(no_one_to_contact).count(),
        first_contact_overdue=list(
            open_cases.filter(first_contact_made_at__isnull=True, first_contact_due_at__lt=now)
            .select_related("report", "assigned_officer")
            .order_by("first_contact_due_at")
        ),
        clocks_due_today=list(running.filter(due_at__gte=now, due_at__lt=start_of_tomorrow)),
        clocks_overdue=list(running.filter(due_at__lt=now)),
        referrals=list(
            Referral.objects.filter(case__area=area)
            .select_related("organisation", "case__report")
            .order_by("-sent_at")[:200]
        ),
        workload=[(officer, open_by_officer.get(officer.pk, 0)) for officer in officers],
        no_outcome=list(
            open_cases.filter(
                outcome="", opened_at__lt=now - dt.timedelta(days=NO_OUTCOME_AFTER_DAYS)
            )
            .select_related("report", "assigned_officer")
            .order_by("opened_at")
        ),
        closures_to_review=list(
            Closure.objects.filter(case__area=area, needs_review=True, reviewed_at__isnull=True)
            .exclude(case__status=CaseStatus.CLOSED)
            .select_related("case__report", "proposed_by")
            .order_by("proposed_at")
        ),
        at_risk=cases_at_risk(area.pk),
    )
    record_event(
        "consult", actor=user, object_type="area_board", object_id=area.slug, fields=["board"]
    )
    return board


EXPORT_COLUMNS = [
    "reference",
    "status",
    "opened_at",
    "first_contact_due_at",
    "first_contact_made_at",
    "assigned_officer",
    "risk_level",
    "priority",
    "classification",
    "outcome",
    "clocks_overdue",
    "withdrawal_risk",
    "crime_number",
    "crime_classification",
]


def export_board_csv(user: Any, area: Area, *, now: dt.datetime | None = None) -> str:
    """Every case of the area as CSV (no victim details). Audited as a disclosure to the user."""
    _check(user, area)
    if not has_permission(user, "export_area_board"):
        raise Http404("No board found")
    now = now or timezone.now()
    cases = (
        Case.objects.filter(area=area)
        .select_related("report", "assigned_officer")
        .annotate(
            overdue=Count(
                "clocks", filter=Q(clocks__stopped_at__isnull=True, clocks__due_at__lt=now)
            )
        )
        .select_related("withdrawal_risk")
        .order_by("opened_at")
    )
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(EXPORT_COLUMNS)
    count = 0
    for case in cases:
        count += 1
        writer.writerow(
            [
                case.report.reference,
                case.status,
                case.opened_at.isoformat(),
                case.first_contact_due_at.isoformat() if case.first_contact_due_at else "",
                case.first_contact_made_at.isoformat() if case.first_contact_made_at else "",
                case.assigned_officer.get_username() if case.assigned_officer else "",
                case.risk_level,
                case.priority,
                case.classification,
                case.outcome,
                case.overdue,
                _risk_level(case),
                case.crime_number,
                case.crime_classification,
            ]
        )
    record_event(
        "disclose",
        actor=user,
        object_type="area_board",
        object_id=area.slug,
        fields=EXPORT_COLUMNS,
        recipient=user.get_username(),
        detail={"format": "csv", "rows": count},
    )
    return out.getvalue()


def _risk_level(case: Case) -> str:
    try:
        return str(case.withdrawal_risk.level)
    except WithdrawalRisk.DoesNotExist:
        return ""


def at_risk_for(user: Any, area: Area) -> list[WithdrawalRisk]:
    """The supervisor's list of the area's open cases at risk of withdrawal, highest score
    first, with the reasons (Http404 unless they supervise the area). Audited as a consult."""
    _check(user, area)
    found = cases_at_risk(area.pk)
    record_event(
        "consult",
        actor=user,
        object_type="area_board",
        object_id=area.slug,
        fields=["withdrawal_risk"],
        detail={"cases": len(found)},
    )
    return found
