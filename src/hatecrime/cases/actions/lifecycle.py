"""Triage, moving between areas, assignment and closure."""

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hatecrime.accounts.models import Role, User
from hatecrime.accounts.permissions import has_permission
from hatecrime.accounts.selectors import area_supervisors
from hatecrime.cases.actions.base import CaseActionError, audit_case, change_case, check
from hatecrime.cases.actions.reported_person import remove_reported_person_data
from hatecrime.cases.clocks import stop_clocks
from hatecrime.cases.models import (
    INVESTIGATION_EVENTS,
    Case,
    CaseMove,
    CaseStatus,
    Classification,
    Clock,
    ClockStopReason,
    OnlineRoute,
    Priority,
    RiskLevel,
)
from hatecrime.cases.search import move_search_keys
from hatecrime.core.models import Area, Strand
from hatecrime.notifications.victims import message_staff, message_staff_after_commit

MOVE_REASON_MAX_LENGTH = 2000


def _choice(value: str, choices: Any, field: str, errors: dict[str, list[str]], msg: str) -> None:
    if value not in choices.values:
        errors.setdefault(field, []).append(msg)


@transaction.atomic
def do_triage_case(
    *,
    actor: User,
    case: Case,
    expected_version: int,
    strands: list[str],
    classification: str,
    not_trivial_irrational_or_malicious: bool | None,
    basis_for_hostility: bool | None,
    personal_data_threshold_met: bool | None,
    online_route: str,
    risk_level: str,
    repeat_victimisation: bool,
    vulnerability: bool,
    escalation: bool,
    priority: str,
    notes: str = "",
) -> Case:
    errors: dict[str, list[str]] = {}
    if not strands:
        errors["strands"] = [_("Select what the hostility was about")]
    elif set(strands) - set(Strand.values) or len(set(strands)) != len(strands):
        errors["strands"] = [_("Select strands from the list, each once")]
    _choice(classification, Classification, "classification", errors, _("Select crime or NCHI"))
    _choice(risk_level, RiskLevel, "risk_level", errors, _("Select the risk level"))
    _choice(priority, Priority, "priority", errors, _("Select the priority"))
    _choice(online_route, OnlineRoute, "online_route", errors, _("Select the online route"))
    if case.report.online and online_route == OnlineRoute.NOT_ONLINE:
        errors["online_route"] = [_("This report is about online hate: select where it goes")]
    if classification in (Classification.NCHI, Classification.NOT_RECORDED):
        tests = {
            "not_trivial_irrational_or_malicious": not_trivial_irrational_or_malicious,
            "basis_for_hostility": basis_for_hostility,
            "personal_data_threshold_met": personal_data_threshold_met,
        }
        for name, value in tests.items():
            if value is None:
                errors[name] = [_("Answer this NCHI Code question")]
        passes = bool(not_trivial_irrational_or_malicious) and bool(basis_for_hostility)
        answered = tests["basis_for_hostility"] is not None
        if classification == Classification.NCHI and answered and not passes:
            errors["classification"] = [
                _(
                    "An NCHI can only be recorded if it is not trivial, irrational or "
                    "malicious and there is a basis for intentional hostility"
                )
            ]
        if classification == Classification.NOT_RECORDED and passes:
            errors["classification"] = [
                _("Both NCHI Code tests are met: record it as an NCHI, or say which test fails")
            ]
    check(errors)
    changes: dict[str, Any] = {
        "strands": list(strands),
        "classification": classification,
        "nchi_not_trivial_irrational_or_malicious": not_trivial_irrational_or_malicious,
        "nchi_basis_for_hostility": basis_for_hostility,
        "nchi_personal_data_threshold_met": personal_data_threshold_met,
        "online_route": online_route,
        "risk_level": risk_level,
        "risk_repeat_victimisation": repeat_victimisation,
        "risk_vulnerability": vulnerability,
        "risk_escalation": escalation,
        "priority": priority,
        "triage_notes": notes,
        "triaged_at": timezone.now(),
        "triaged_by": actor,
    }
    if classification == Classification.CRIME:
        changes.update(
            nchi_not_trivial_irrational_or_malicious=None,
            nchi_basis_for_hostility=None,
            nchi_personal_data_threshold_met=None,
        )
    if case.status == CaseStatus.NEW:
        changes["status"] = CaseStatus.TRIAGED
    was_high = case.risk_level == RiskLevel.HIGH
    case = change_case(case, expected_version=expected_version, **changes)
    detail: dict[str, Any] = {"classification": classification, "risk_level": risk_level}
    if classification != Classification.CRIME:
        # An NCHI is not investigated: its investigation clocks (Right 6 decisions, the Right
        # to Review) stop as "not applicable", with the reason, and no new ones start.
        stopped = stop_clocks(
            case,
            at=changes["triaged_at"],
            by=actor,
            events=list(INVESTIGATION_EVENTS),
            reason=ClockStopReason.NCHI,
        )
        if stopped:
            detail["investigation_clocks_stopped"] = stopped
    if classification != Classification.CRIME and personal_data_threshold_met is False:
        # NCHI Code: no personal data of the person reported about below the threshold.
        removed = remove_reported_person_data(actor=actor, case=case)
        if removed:
            detail["reported_person_data_removed"] = removed
    audit_case("alter", actor=actor, case=case, fields=sorted(changes), detail=detail)
    if risk_level == RiskLevel.HIGH and not was_high:
        message_staff_after_commit(
            area_supervisors(case.area_id),
            case,
            template="supervisor_high_risk",
            purpose="high_risk",
        )
    return case


@transaction.atomic
def do_move_case(
    *, actor: User, case: Case, expected_version: int, area: Area, reason: str
) -> Case:
    """Move the case to another area's queue. Its officer (of the old area) is unassigned. The
    move and its reason (encrypted) go on the case's history for the receiving team to read."""
    errors: dict[str, list[str]] = {}
    if not area.is_active:
        errors["area"] = [_("Select an active area")]
    elif area.pk == case.area_id:
        errors["area"] = [_("The case is already in this area's queue")]
    if not reason.strip():
        errors["reason"] = [_("Enter why the case is moving")]
    elif len(reason.strip()) > MOVE_REASON_MAX_LENGTH:  # refused, never cut short
        errors["reason"] = [
            _("The reason must be %(limit)s characters or fewer")
            % {"limit": MOVE_REASON_MAX_LENGTH}
        ]
    if not has_permission(actor, "move_case"):
        errors["__all__"] = [_("You cannot move cases")]
    check(errors)
    old_area = case.area
    status = case.status
    if status in (CaseStatus.ASSIGNED, CaseStatus.IN_PROGRESS):
        status = CaseStatus.TRIAGED
    case = change_case(
        case,
        expected_version=expected_version,
        area=area,
        assigned_officer=None,
        assigned_at=None,
        status=status,
    )
    move_search_keys(case)
    Clock.objects.filter(case=case).exclude(area=area).update(area=area)
    move = CaseMove.objects.create(
        case=case,
        from_area=old_area,
        to_area=area,
        reason=reason.strip(),
        moved_at=timezone.now(),
        moved_by=actor,
    )
    audit_case(
        "alter",
        actor=actor,
        case=case,
        fields=["area", "assigned_officer", "status", "moves"],
        detail={"from": old_area.slug, "to": area.slug, "move": move.pk},
    )
    return case


@transaction.atomic
def do_assign_case(*, actor: User, case: Case, expected_version: int, officer: User) -> Case:
    """Assign the case to an officer of its area (supervisors only). The officer's name and direct
    phone number then show on 'track my report'."""
    if not has_permission(actor, "assign_case"):
        raise CaseActionError(_("Only a supervisor can assign cases"))
    if case.status == CaseStatus.CLOSED:
        raise CaseActionError(_("This case is closed"))
    eligible = (
        officer.is_active
        and officer.role in (Role.OFFICER, Role.SUPERVISOR)
        and officer.areas.filter(pk=case.area_id).exists()
    )
    if not eligible:
        raise CaseActionError({"officer": [_("Select an officer of this case's area")]})
    status = case.status if case.status == CaseStatus.IN_PROGRESS else CaseStatus.ASSIGNED
    case = change_case(
        case,
        expected_version=expected_version,
        assigned_officer=officer,
        assigned_at=timezone.now(),
        status=status,
    )
    audit_case(
        "alter",
        actor=actor,
        case=case,
        fields=["assigned_officer", "status"],
        detail={"officer": officer.get_username()},
    )

    transaction.on_commit(
        lambda: message_staff(officer, case, template="officer_case_assigned", purpose="assigned")
    )
    return case
