"""The only ways to fetch a case (or its evidence) for a person: the same 404 for "does not exist"
and "not yours", used by every page, API endpoint, export and job acting for a user."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from hatecrime.accounts.permissions import (
    cases_granted_to,
    cases_openable_with_justification,
    cases_visible_to,
)
from hatecrime.cases.models import Case, CaseAccessRequest
from hatecrime.core.access import id_or_404
from hatecrime.reporting.models import Evidence


class JustificationRequired(PermissionDenied):
    """The case is outside the user's own queue: they may open it only with a justification.
    Raised only for users who could open it, so it reveals nothing to anyone else."""

    def __init__(self, reference: str) -> None:
        super().__init__(
            f"Case {reference} is outside your own queue: give a reason for opening it."
        )
        self.reference = reference


def access_case(user: Any, reference: str, *, justification: str | None = None) -> Case:
    """The case with this reference, if the user may work on it.

    In the user's own areas: returned. Outside them but openable (supervisors: any case;
    officers: the central triage queue): needs a justification, which travels with the case
    object (`case.access_justification`) into the audit event of whatever selector or action
    then reads or changes it. Otherwise, or when the reference does not exist: Http404.
    """
    queryset = Case.objects.select_related("report__submitted_by", "area", "assigned_officer")
    case = cases_visible_to(user).filter(report__reference=reference).first()
    if case is not None:
        return queryset.get(pk=case.pk)
    if not cases_openable_with_justification(user).filter(report__reference=reference).exists():
        raise Http404("No case found")
    if not justification or not justification.strip():
        raise JustificationRequired(reference)
    case = queryset.get(report__reference=reference)
    case.access_justification = justification.strip()
    return case


def access_case_to_read(user: Any, reference: str, *, justification: str | None = None) -> Case:
    """`access_case`, or else a case of another area that one of its supervisors granted the
    user to read, while the grant lasts (docs/adr/0830): for pages that only read a case, never
    for an action. The grant travels with the case (`case.access_grant`) and, as its
    justification, into the audit event of every read."""
    try:
        return access_case(user, reference, justification=justification)
    except (Http404, JustificationRequired):
        if not cases_granted_to(user).filter(report__reference=reference).exists():
            raise
    grant = (
        CaseAccessRequest.objects.filter(
            requested_by=user, case__report__reference=reference, status="granted"
        )
        .select_related("decided_by")
        .order_by("-expires_at")
        .first()
    )
    assert grant is not None and grant.expires_at is not None
    case = Case.objects.select_related("report", "area", "assigned_officer").get(pk=grant.case_id)
    case.access_grant = grant
    case.access_justification = (
        f"Read under access request {grant.pk}, granted by {grant.decided_by} "
        f"until {grant.expires_at:%Y-%m-%d %H:%M}"
    )
    return case


def access_case_evidence(
    user: Any, reference: str, evidence_id: int | str, *, justification: str | None = None
) -> tuple[Case, Evidence]:
    """An evidence file of a case the user may work on (`access_case`, with its justification
    rule); Http404 when either does not exist or is not theirs."""
    case = access_case(user, reference, justification=justification)
    evidence = case.report.evidence.filter(pk=id_or_404(evidence_id, "No evidence found")).first()
    if evidence is None:
        raise Http404("No evidence found")
    return case, evidence
