"""Fetching a case for retention review or for rectification: the same 404 for "does not exist"
and "not allowed", as `cases.access.access_case`.

Retention review is for a supervisor of the case's own area only (no justification route: the
decision belongs to the area that holds the record). Rectification is for an administrator,
who works outside the case queues (DPA 2018 Part 3 rights are handled centrally)."""

from typing import Any

from django.http import Http404

from hatecrime.accounts.permissions import cases_visible_to, has_permission
from hatecrime.cases.models import Case


def access_case_for_retention_review(user: Any, reference: str) -> Case:
    if not has_permission(user, "review_retention"):
        raise Http404("No case found")
    case = (
        cases_visible_to(user)
        .select_related("report", "area")
        .filter(report__reference=reference)
        .first()
    )
    if case is None:
        raise Http404("No case found")
    return case


def access_case_for_subject_access(user: Any, reference: str) -> Case:
    if not has_permission(user, "subject_access"):
        raise Http404("No case found")
    case = Case.objects.select_related("report", "area").filter(report__reference=reference)
    found = case.first()
    if found is None:
        raise Http404("No case found")
    return found
