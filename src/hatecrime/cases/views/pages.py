"""The area queue and the case page."""

import re
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from hatecrime.accounts.decorators import staff_page
from hatecrime.accounts.permissions import require_permission
from hatecrime.cases.compliance import rights_on_case
from hatecrime.cases.matches import matches_elsewhere, suspect_records_for
from hatecrime.cases.models import Case
from hatecrime.cases.selectors import aftercare_for, case_detail_for, case_queue_for
from hatecrime.cases.views.access import with_case_to_read
from hatecrime.cases.views.actions import ACTIONS

QUEUE_LIMIT = 300


@staff_page()
def queue(request: HttpRequest) -> HttpResponse:
    require_permission(request.user, "view_associated_case")
    cases = case_queue_for(request.user)
    mine = request.GET.get("mine") == "1"
    if mine:
        cases = cases.filter(assigned_officer_id=request.user.pk)
    return render(
        request,
        "cases/queue.html",
        {
            "cases": list(cases[:QUEUE_LIMIT]),
            "mine": mine,
            "now": timezone.now(),
            "limit": QUEUE_LIMIT,
        },
    )


# A code, a date, a time or a number: not words the person wrote.
NOT_WRITTEN = re.compile(r"[a-z0-9_:.+-]*")


def answer_rows(answers: dict[str, Any], prefix: str = "") -> list[tuple[str, str, bool]]:
    """The answers flattened to (label, text, written) rows, in the order they were given;
    `written` is True for the person's own words (shown exactly as written, in their language
    and direction), False for codes, dates and numbers."""
    rows: list[tuple[str, str, bool]] = []
    for key, value in answers.items():
        label = f"{prefix}{key.replace('_', ' ')}"
        if isinstance(value, dict):
            rows.extend(answer_rows(value, f"{label}: "))
        elif isinstance(value, list):
            items = [str(item) for item in value]
            written = any(not NOT_WRITTEN.fullmatch(item) for item in items)
            rows.append((label, ("\n" if written else ", ").join(items), written))
        elif isinstance(value, bool):
            rows.append((label, "yes" if value else "no", False))
        elif value not in (None, ""):
            rows.append((label, str(value), not NOT_WRITTEN.fullmatch(str(value))))
    return rows


@staff_page()
@with_case_to_read
def case_page(request: HttpRequest, case: Case) -> HttpResponse:
    detail = case_detail_for(request.user, case)
    # Read under an access request granted by another area (docs/adr/0830): nothing to change.
    granted = case.access_grant is not None
    answers = detail.submitted  # the validated answers (report.answers)
    victim = (
        detail.victim
        or (
            answers.get("contact")
            if answers.get("reporter_role", "victim") == "victim"
            else answers.get("victim")
        )
        or {}
    )
    return render(
        request,
        "cases/case.html",
        {
            "case": case,
            "detail": detail,
            "answers": answers,
            "answer_rows": answer_rows(answers),
            "aftercare": aftercare_for(case),
            "victim": victim,
            "actions": [
                a
                for a in ACTIONS.values()
                if not granted and a.offered(request.user, detail.safe_contact, case)
            ],
            "now": timezone.now(),
            "matches": matches_elsewhere(request.user, case),
            "suspect_records": suspect_records_for(request.user, case),
            "rights": rights_on_case([view.clock for view in detail.clocks]),
        },
    )
