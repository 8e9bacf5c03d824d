"""Who may do what. Each permission names its scope and is paired with the queryset filter that
implements it (as in Data Hub: `view_associated_case` <-> `cases_visible_to`).

Rights are read from the user row on every call (role and areas), never cached, so a change of
role or of areas applies to the very next request.
"""

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from hatecrime.accounts.models import Role
from hatecrime.cases.models import Case
from hatecrime.support.models import Referral

# Permission -> the roles that hold it.
RULES: dict[str, frozenset[str]] = {
    # Cases of the areas the user works in (`cases_visible_to`).
    "view_associated_case": frozenset({Role.OFFICER, Role.SUPERVISOR}),
    "change_associated_case": frozenset({Role.OFFICER, Role.SUPERVISOR}),
    # Search the cases of the user's areas, open or closed (`cases_visible_to`).
    "search_cases": frozenset({Role.OFFICER, Role.SUPERVISOR}),
    # Any case, with a justification recorded in the audit (`cases_openable_with_justification`).
    "view_any_case_with_justification": frozenset({Role.SUPERVISOR}),
    "assign_case": frozenset({Role.SUPERVISOR}),
    # Approve or send back a proposal to close a case with a decision not to proceed.
    "review_closure": frozenset({Role.SUPERVISOR}),
    # Decide a Victims' Right to Review (never one involved in the decision: cases.actions).
    "decide_review": frozenset({Role.SUPERVISOR}),
    "move_case": frozenset({Role.OFFICER, Role.SUPERVISOR}),
    # Suspects across areas (docs/adr/0830): ask another area's supervisors to read a case that
    # shares a suspect identifier with one's own; answer those asks for one's own areas
    # (`cases.matches.access_requests_for`); read a case so granted (`cases_granted_to`).
    "request_case_access": frozenset({Role.OFFICER, Role.SUPERVISOR}),
    "decide_case_access": frozenset({Role.SUPERVISOR}),
    # Service-wide clusters of reports sharing a suspect identifier: counts and areas only.
    "view_offender_clusters": frozenset({Role.ANALYST}),
    # Stop a Victims' Code clock by hand (e.g. a review acknowledged outside the service).
    "override_clock": frozenset({Role.SUPERVISOR}),
    "view_area_board": frozenset({Role.SUPERVISOR}),
    # Review the closed cases of the user's areas for retention: retain or dispose
    # (`dataprotection.access.access_case_for_retention_review`).
    "review_retention": frozenset({Role.SUPERVISOR}),
    # Change a retention rule's review period (audited).
    "manage_retention_rules": frozenset({Role.ADMINISTRATOR}),
    # Find a data subject by the blind indexes, produce their records, record a rectification.
    "subject_access": frozenset({Role.ADMINISTRATOR}),
    "export_area_board": frozenset({Role.SUPERVISOR}),
    "record_report_for_public": frozenset({Role.CALL_HANDLER, Role.OFFICER, Role.SUPERVISOR}),
    # Referrals sent to the user's organisations (`referrals_visible_to`).
    "view_associated_referral": frozenset({Role.PARTNER}),
    "respond_to_referral": frozenset({Role.PARTNER}),
    # Monitoring: counts, trends, alarms, packs, open data; no personal data
    # (`monitoring.access.access_monitoring`); one's own alarm notices (`access_alarm_notice`).
    "view_aggregates": frozenset({Role.ANALYST, Role.COMMAND, Role.SUPERVISOR}),
    # Add the trigger events shown on every chart (`monitoring.actions.do_record_trigger_event`).
    "record_trigger_event": frozenset({Role.ANALYST, Role.COMMAND}),
    # Run spike detection now for the series a page shows (`do_run_detection_now`).
    "run_detection": frozenset({Role.ANALYST}),
    # Victims' Code compliance and victims' feedback, counted and protected like the packs
    # (`monitoring.compliance`); the CSV for the Police and Crime Commissioner needs step-up.
    "view_victims_code_compliance": frozenset({Role.ANALYST, Role.COMMAND}),
    "search_audit": frozenset({Role.SUPERVISOR, Role.ADMINISTRATOR}),
    "manage_support_organisations": frozenset({Role.ADMINISTRATOR}),
    "manage_users": frozenset({Role.ADMINISTRATOR}),
    # Data that case work is checked against: the crime number format, decision letters.
    "manage_case_settings": frozenset({Role.ADMINISTRATOR}),
}


def has_permission(user: Any, permission: str) -> bool:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.role in RULES[permission]


def require_permission(user: Any, permission: str) -> None:
    """Http404 unless the user holds the permission: a page someone may not use is hidden, not
    denied (the same answer as a page that does not exist)."""
    if not has_permission(user, permission):
        raise Http404


def area_ids_of(user: Any) -> list[int]:
    return list(user.areas.values_list("pk", flat=True))


def cases_visible_to(user: Any) -> QuerySet[Case]:
    """The cases of the areas the user works in; nothing for anyone without the permission."""

    if not has_permission(user, "view_associated_case"):
        return Case.objects.none()
    return Case.objects.filter(area_id__in=area_ids_of(user))


def cases_openable_with_justification(user: Any) -> QuerySet[Case]:
    """Cases outside the user's own areas that they may open by giving a justification:
    supervisors, any case; officers, the central triage queue (reports with no known area)."""

    if has_permission(user, "view_any_case_with_justification"):
        return Case.objects.all()
    if has_permission(user, "view_associated_case"):
        return Case.objects.filter(area__is_triage=True)
    return Case.objects.none()


def cases_granted_to(user: Any) -> QuerySet[Case]:
    """Cases of other areas a supervisor granted the user to read, until the grant expires."""

    if not has_permission(user, "request_case_access"):
        return Case.objects.none()
    return Case.objects.filter(
        access_requests__requested_by=user,
        access_requests__status="granted",
        access_requests__expires_at__gt=timezone.now(),
    )


def referrals_visible_to(user: Any) -> QuerySet[Referral]:

    if not has_permission(user, "view_associated_referral"):
        return Referral.objects.none()
    return Referral.objects.filter(organisation__members=user, organisation__is_active=True)


def can_view_board(user: Any, area_id: int) -> bool:
    return has_permission(user, "view_area_board") and area_id in area_ids_of(user)
