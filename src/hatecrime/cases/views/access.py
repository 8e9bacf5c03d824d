"""Fetching the case a page is about, through the case domain's `access_case`, with the
justification the user gave for opening a case outside their own queue (kept for the session,
so that every later read and change of that case carries it into the audit)."""

from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from hatecrime.accounts.decorators import staff_page
from hatecrime.cases.access import JustificationRequired, access_case, access_case_to_read
from hatecrime.cases.models import Case

SESSION_KEY = "case_justifications"


class NeedsJustification(Exception):
    def __init__(self, response: HttpResponse) -> None:
        self.response = response


def session_justification(request: HttpRequest, reference: str) -> str | None:
    """The reason the user gave, in this session, for opening this case (if any)."""
    reasons = request.session.get(SESSION_KEY, {})
    return reasons.get(reference) if isinstance(reasons, dict) else None


def to_justify(request: HttpRequest, reference: str) -> HttpResponse:
    query = urlencode({"next": request.get_full_path()})
    return HttpResponseRedirect(f"/staff/cases/{reference}/justify/?{query}")


def case_for(request: HttpRequest, reference: str, *, to_read: bool = False) -> Case:
    justification = session_justification(request, reference)
    fetch = access_case_to_read if to_read else access_case
    try:
        return fetch(request.user, reference, justification=justification)
    except JustificationRequired:
        raise NeedsJustification(to_justify(request, reference)) from None


def _with(view: Any, *, to_read: bool) -> Any:
    def wrapper(request: HttpRequest, reference: str, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            case = case_for(request, reference, to_read=to_read)
        except NeedsJustification as needed:
            return needed.response
        return view(request, case, *args, **kwargs)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


def with_case(view: Any) -> Any:
    """Pass the case (from `access_case`) to the view; ask for a justification when needed."""
    return _with(view, to_read=False)


def with_case_to_read(view: Any) -> Any:
    """`with_case` for pages that only read the case: a case of another area that the user was
    granted to read (`access_case_to_read`) opens too."""
    return _with(view, to_read=True)


@staff_page()
def justify(request: HttpRequest, reference: str) -> HttpResponse:
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not next_url.startswith(f"/staff/cases/{reference}/"):
        next_url = f"/staff/cases/{reference}/"
    # Whoever could not open the case gets the same 404 as for a missing one (GET and POST);
    # for a case of their own queue there is nothing to justify.
    try:
        access_case(request.user, reference)
    except JustificationRequired:
        pass
    else:
        return HttpResponseRedirect(next_url)
    error = ""
    if request.method == "POST":
        reason = request.POST.get("justification", "").strip()
        if not reason:
            error = _("Enter why you need to open this case")
        elif len(reason) > 500:
            error = _("The reason must be 500 characters or fewer")
        else:
            reasons = request.session.get(SESSION_KEY, {})
            reasons[reference] = reason
            request.session[SESSION_KEY] = reasons
            return HttpResponseRedirect(next_url)
    return render(
        request,
        "cases/justify.html",
        {
            "reference": reference,
            "next": next_url,
            "error": error,
            "value": request.POST.get("justification", ""),
        },
    )
