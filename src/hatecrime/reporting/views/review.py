"""Ask for a review of a decision from 'track my report' (docs/adr/0812). Like additions, only
after the reference and tracking code were given on /track/ (the sealed session reference)."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.views.decorators.http import require_http_methods, require_safe

from hatecrime.cases.actions import CaseActionError
from hatecrime.cases.selectors import decision_letter_text
from hatecrime.reporting.review_requests import (
    do_ask_for_review,
    refusal,
    right_to_review_for_tracking,
)
from hatecrime.reporting.tracking import decisions_for
from hatecrime.reporting.views.additions import tracked_case
from hatecrime.reporting.views.session import seal, unseal

ASKED_KEY = "tracked_review_asked"


@require_http_methods(["GET", "POST"])
def ask_for_review(request: HttpRequest, right_id: int) -> HttpResponse:
    case = tracked_case(request)
    if case is None:
        return redirect("reporting:track")
    right = right_to_review_for_tracking(case, right_id)
    if right is None:
        raise Http404
    errors: dict[str, list[str]] = {}
    reason = ""
    if request.method == "POST":
        reason = request.POST.get("reason", "")
        try:
            do_ask_for_review(case=case, right=right, reason=reason)
        except CaseActionError as refused:
            errors = refused.errors
        else:
            seal(request, ASKED_KEY, right.pk)
            return redirect("reporting:track-review-asked")
    error_list = [
        {"href": "#reason", "text": message} for messages in errors.values() for message in messages
    ]
    context = {
        "reference": case.report.reference,
        "letter": decision_letter_text(right.kind, get_language() or case.report.language),
        "ask_by": right.ask_by,
        "closed": "" if errors else refusal(right),
        "reason": reason,
        "reason_errors": errors.get("reason", []),
        "error_list": error_list,
    }
    return render(request, "reporting/track_review.html", context, status=400 if errors else 200)


@require_safe
def review_asked(request: HttpRequest) -> HttpResponse:
    right_id = unseal(request, ASKED_KEY)
    case = tracked_case(request)
    if right_id is None or case is None:
        return redirect("reporting:track")
    asked = next((d for d in decisions_for(case.report, case) if d.id == right_id), None)
    if asked is None:
        return redirect("reporting:track")
    return render(request, "reporting/track_review_asked.html", {"decision": asked})
