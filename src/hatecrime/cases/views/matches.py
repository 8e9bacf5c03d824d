"""Suspects across areas (docs/adr/0830): the officer's page of matches in other areas and their
requests, and the supervisor's pages that answer requests about their areas' cases."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render

from hatecrime.accounts.decorators import staff_page, staff_user
from hatecrime.accounts.permissions import require_permission
from hatecrime.cases.actions import CaseActionError
from hatecrime.cases.actions.matches import do_decide_case_access, do_request_case_access
from hatecrime.cases.clusters import GRAPH_LIMIT, cluster_graph, offender_clusters
from hatecrime.cases.forms.matches import AccessDecisionForm, AccessRequestForm
from hatecrime.cases.matches import (
    access_access_request,
    access_requests_for,
    matched_case_for,
    matches_elsewhere,
)
from hatecrime.cases.models import AccessRequestStatus, Case
from hatecrime.cases.views.access import with_case
from hatecrime.core.forms import add_refusal


@staff_page()
@with_case
def case_matches(request: HttpRequest, case: Case) -> HttpResponse:
    """Matches of this case's suspect in other areas (area and date only), and asking one of
    those areas' supervisors to read the case."""
    user = staff_user(request)
    require_permission(user, "request_case_access")
    form = AccessRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        other = matched_case_for(user, case, form.cleaned_data["match"])
        try:
            do_request_case_access(
                actor=user, case=case, other=other, reason=form.cleaned_data["reason"]
            )
        except CaseActionError as refused:
            add_refusal(form, refused.errors)
        else:
            messages.success(request, f"Request sent to the supervisors of {other.area.name}")
            return HttpResponseRedirect(f"/staff/cases/{case.reference}/matches/")
    return render(
        request,
        "cases/matches.html",
        {
            "case": case,
            "matches": matches_elsewhere(user, case),
            "form": form,
            "posted_match": request.POST.get("match", ""),
        },
    )


@staff_page()
def access_requests(request: HttpRequest) -> HttpResponse:
    """A supervisor's requests from other areas to read their areas' cases."""
    user = staff_user(request)
    require_permission(user, "decide_case_access")
    requests = list(access_requests_for(user)[:200])
    return render(
        request,
        "cases/access_requests.html",
        {
            "pending": [r for r in requests if r.status == AccessRequestStatus.PENDING],
            "decided": [r for r in requests if r.status != AccessRequestStatus.PENDING],
        },
    )


@staff_page()
def access_request(request: HttpRequest, request_id: int) -> HttpResponse:
    """One request: who asks, from which area, why; grant (for some days) or refuse, with a
    reason. The requesting case is shown by its area and date only."""
    user = staff_user(request)
    access = access_access_request(user, request_id)
    form = AccessDecisionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        grant = form.cleaned_data["answer"] == "grant"
        try:
            do_decide_case_access(
                actor=user,
                request=access,
                grant=grant,
                reason=form.cleaned_data["reason"],
                days=form.cleaned_data["days"] or 0 if grant else 0,
            )
        except CaseActionError as refused:
            add_refusal(form, refused.errors)
        else:
            messages.success(request, "Access granted" if grant else "Access refused")
            return HttpResponseRedirect("/staff/cases/access-requests/")
    return render(request, "cases/access_request.html", {"access": access, "form": form})


@staff_page()
def clusters(request: HttpRequest) -> HttpResponse:
    """A central analyst's service-wide clusters of reports tied by a suspect identifier: a list
    and a server-drawn graph, counts and areas only."""
    user = staff_user(request)
    require_permission(user, "view_offender_clusters")
    found = offender_clusters(user)
    across = request.GET.get("across") == "1"
    shown = [c for c in found if c.area_count > 1] if across else found
    return render(
        request,
        "cases/clusters.html",
        {
            "clusters": shown,
            "across": across,
            "graph": cluster_graph(shown),
            "graph_limit": GRAPH_LIMIT,
        },
    )
