"""Retention pages: the review queue of a supervisor's areas, one case's review (retain or
dispose; a fresh second factor first), and the rules an administrator may change. Subject
access pages: finding a data subject, their bundle, and a rectification (administrators, a
fresh second factor first)."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from hatecrime.accounts.decorators import staff_page, staff_user, step_up_required
from hatecrime.accounts.permissions import require_permission
from hatecrime.core.forms import add_refusal
from hatecrime.dataprotection.access import (
    access_case_for_retention_review,
    access_case_for_subject_access,
)
from hatecrime.dataprotection.actions import (
    RetentionConflict,
    RetentionError,
    do_change_retention_rule,
    do_review_retention,
)
from hatecrime.dataprotection.forms import (
    RectificationForm,
    RetentionReviewForm,
    RetentionRuleForm,
    SubjectSearchForm,
)
from hatecrime.dataprotection.models import RetentionDecision, RetentionRule
from hatecrime.dataprotection.rectification import RECTIFIABLE, do_rectify_subject_detail
from hatecrime.dataprotection.selectors import retention_record, retention_rules, reviews_due
from hatecrime.dataprotection.subject_access import (
    WITHHELD,
    SubjectIdentifiers,
    find_subject,
    produce_bundle,
)

CONFLICT = "Someone else changed this case while you were reviewing it: check it and decide again."


@staff_page()
def review_queue(request: HttpRequest) -> HttpResponse:
    require_permission(request.user, "review_retention")
    return render(
        request, "dataprotection/review_queue.html", {"reviews": reviews_due(request.user)}
    )


@staff_page()
@step_up_required
def retention_review(request: HttpRequest, reference: str) -> HttpResponse:
    user = staff_user(request)
    case = access_case_for_retention_review(user, reference)
    form = RetentionReviewForm(request.POST or None, initial={"version": case.version})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            decision = do_review_retention(
                actor=user,
                case=case,
                expected_version=data["version"],
                decision=data["decision"],
                reason=data["reason"],
                next_review_on=data["next_review_on"],
            )
        except RetentionConflict:
            case.refresh_from_db()
            form.add_error(None, CONFLICT)
        except RetentionError as refused:
            add_refusal(form, refused.errors)
        else:
            if decision.decision == RetentionDecision.DISPOSE:
                messages.success(request, f"{case.reference} disposed of: personal data erased")
            else:
                messages.success(request, f"{case.reference} retained until its next review")
            return HttpResponseRedirect("/staff/records/reviews/")
    context = {"case": case, "form": form, "record": retention_record(user, case)}
    return render(request, "dataprotection/review.html", context)


@staff_page()
def rule_list(request: HttpRequest) -> HttpResponse:
    require_permission(request.user, "manage_retention_rules")
    return render(request, "dataprotection/rule_list.html", {"rules": retention_rules()})


@staff_page()
def rule_edit(request: HttpRequest, kind: str) -> HttpResponse:
    user = staff_user(request)
    require_permission(user, "manage_retention_rules")
    rule = get_object_or_404(RetentionRule, kind=kind)
    initial = {"review_after_months": rule.review_after_months, "basis": rule.basis}
    form = RetentionRuleForm(request.POST or None, rule=rule, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            do_change_retention_rule(
                actor=user,
                rule=rule,
                review_after_months=form.cleaned_data.get("review_after_months"),
                basis=form.cleaned_data["basis"],
            )
        except RetentionError as refused:
            add_refusal(form, refused.errors)
        else:
            messages.success(request, f"Retention rule for {rule.get_kind_display()} saved")
            return HttpResponseRedirect("/staff/records/rules/")
    return render(request, "dataprotection/rule_form.html", {"form": form, "rule": rule})


# --- Subject access and rectification (administrators, step-up) -----------------------------


@staff_page()
@step_up_required
def subject_search(request: HttpRequest) -> HttpResponse:
    """Find the subject's cases by their blind indexes (a POST: what is typed stays out of URLs
    and logs), then choose the cases for the bundle."""
    require_permission(request.user, "subject_access")
    form = SubjectSearchForm(request.POST or None)
    matches = None
    if request.method == "POST" and form.is_valid():
        matches = find_subject(
            request.user,
            SubjectIdentifiers(**form.identifiers()),
            request_reference=form.cleaned_data["request_reference"],
        )
    return render(request, "dataprotection/subjects.html", {"form": form, "matches": matches})


@staff_page()
@step_up_required
def subject_bundle(request: HttpRequest) -> HttpResponse:
    """The printable bundle of the chosen cases (each a `disclose` event)."""
    require_permission(request.user, "subject_access")
    if request.method != "POST":
        return HttpResponseRedirect("/staff/records/subjects/")
    form = SubjectSearchForm(request.POST)
    references = request.POST.getlist("references")
    if not form.is_valid() or not references:
        if form.is_valid():
            form.add_error(None, "Select at least one case for the bundle")
        return render(request, "dataprotection/subjects.html", {"form": form, "matches": None})
    bundles = produce_bundle(
        request.user,
        SubjectIdentifiers(**form.identifiers()),
        references=references,
        request_reference=form.cleaned_data["request_reference"],
    )
    context = {
        "bundles": bundles,
        "request_reference": form.cleaned_data["request_reference"],
        "produced_at": timezone.now(),
        "withheld": WITHHELD,
    }
    return render(request, "dataprotection/bundle.html", context)


@staff_page()
@step_up_required
def rectify(request: HttpRequest, reference: str) -> HttpResponse:
    user = staff_user(request)
    case = access_case_for_subject_access(user, reference)
    form = RectificationForm(
        request.POST or None, choices=RECTIFIABLE, initial={"version": case.version}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            do_rectify_subject_detail(
                actor=user,
                case=case,
                expected_version=data["version"],
                detail=data["detail"],
                value=data["value"],
                what_was_wrong=data["what_was_wrong"],
                request_reference=data["request_reference"],
            )
        except RetentionConflict:
            form.add_error(None, CONFLICT)
        except RetentionError as refused:
            add_refusal(form, refused.errors)
        else:
            messages.success(request, f"Rectification of {case.reference} recorded")
            return HttpResponseRedirect("/staff/records/subjects/")
    return render(request, "dataprotection/rectify.html", {"form": form, "case": case})
