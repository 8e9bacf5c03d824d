"""The question pages of the report journey: one topic per page, saved to the draft on the
server after each page (POST, then redirect to the next page)."""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from hatecrime.reporting.drafts.actions import do_issue_resume_code, do_save_step
from hatecrime.reporting.drafts.models import Draft
from hatecrime.reporting.forms.base import GovukForm
from hatecrime.reporting.forms.contact import ContactForm
from hatecrime.reporting.forms.render import error_summary, render_fields
from hatecrime.reporting.intake_limits import DRAFTS, IntakeLimited, count_intake
from hatecrime.reporting.payload import SECTION_CONTEXT, validate_section
from hatecrime.reporting.steps import STEPS, STEPS_BY_SLUG, Step, first_incomplete, next_step
from hatecrime.reporting.views.limits import as_limited, limited_message, page_client
from hatecrime.reporting.views.session import (
    RESUME_CODE_KEY,
    current_draft,
    draft_expired,
    forget_draft,
    seal,
    start_draft,
)


def step_url(step: Step, *, change: bool = False) -> str:
    if step.slug == "evidence":
        url = reverse("reporting:evidence")
    else:
        url = reverse("reporting:step", args=[step.slug])
    return f"{url}?change=1" if change else url


def build_form(
    step: Step, answers: dict[str, Any], data: Any = None, files: Any = None
) -> GovukForm:
    kwargs: dict[str, Any] = {"answers": answers}
    if step.form is ContactForm:
        kwargs["reporter_role"] = answers.get("reporter_role")
    if data is not None:
        return step.form(data, files, **kwargs)
    return step.form(initial=step.form.initial_from(answers), **kwargs)


def guard(request: HttpRequest, step: Step) -> tuple[Draft | None, HttpResponse | None]:
    """The draft, or where to go instead: steps cannot be skipped; expired drafts are refused."""
    if draft_expired(request):
        forget_draft(request)
        return None, render(request, "reporting/expired.html", status=410)
    draft = current_draft(request)
    if draft is None:
        if step is STEPS[0]:
            return None, None
        return None, redirect(step_url(STEPS[0]))
    blocker = first_incomplete(draft.answers, draft.completed_steps, before=step.slug)
    if blocker is not None:
        return draft, redirect(step_url(blocker))
    if not step.applies(draft.answers):
        following = next_step(step.slug, draft.answers)
        return draft, redirect(step_url(following) if following else reverse("reporting:check"))
    return draft, None


def back_url(step: Step, answers: dict[str, Any], change: bool) -> str:
    if change:
        return reverse("reporting:check")
    previous = None
    for candidate in STEPS:
        if candidate.slug == step.slug:
            break
        if candidate.applies(answers):
            previous = candidate
    return step_url(previous) if previous else reverse("reporting:start")


def render_step(
    request: HttpRequest,
    step: Step,
    form: GovukForm,
    answers: dict[str, Any],
    *,
    change: bool,
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    context = {
        "step": step,
        "form": form,
        "fields": render_fields(form),
        "error_list": error_summary(form),
        "change": change,
        "back_url": back_url(step, answers, change),
        "answers": answers,
        **(extra or {}),
    }
    return render(request, step.template, context)


def validate_page(step: Step, form: GovukForm, answers: dict[str, Any]) -> dict[str, Any]:
    """Parse the page, then check it with the report's own rules (the same as the API's)."""
    form.is_valid()
    # Empty objects stay: {"contact": {}} gets "Enter an email address..." rather than a
    # vaguer message about the whole section.
    fragment = {k: v for k, v in form.to_fragment().items() if v not in (None, "")}
    context = {key: answers[key] for key in SECTION_CONTEXT.get(form.section, ()) if key in answers}
    cleaned, errors = validate_section(form.section, {**context, **fragment})
    form.add_payload_errors(errors)
    return {key: value for key, value in cleaned.items() if key in form.owned_keys}


@require_http_methods(["GET", "POST"])
def step_page(request: HttpRequest, slug: str) -> HttpResponse:
    step = STEPS_BY_SLUG.get(slug)
    if step is None or step.slug == "evidence":
        raise Http404
    draft, elsewhere = guard(request, step)
    if elsewhere is not None:
        return elsewhere
    answers = draft.answers if draft else {}
    change = request.GET.get("change") == "1" or request.POST.get("change") == "1"
    if request.method == "GET":
        return render_step(request, step, build_form(step, answers), answers, change=change)
    form = build_form(step, answers, request.POST)
    fragment = validate_page(step, form, answers)
    if form.errors:
        return render_step(request, step, form, answers, change=change)
    try:
        count_intake(DRAFTS, page_client(request))
    except IntakeLimited as refusal:
        # Not saved: the page comes back with what they typed, and the other ways to report.
        form.add_error(None, limited_message(refusal))
        page = render_step(request, step, form, answers, change=change, extra={"limited": True})
        return as_limited(page, refusal)
    if draft is None:
        draft = start_draft(request)
    do_save_step(draft, step=step.slug, owned_keys=form.owned_keys, fragment=fragment)
    return after_save(request, draft, step, change=change)


def after_save(request: HttpRequest, draft: Draft, step: Step, *, change: bool) -> HttpResponse:
    if request.POST.get("action") == "save":
        seal(request, RESUME_CODE_KEY, do_issue_resume_code(draft))
        return redirect("reporting:saved")
    if change:
        return redirect("reporting:check")
    following = next_step(step.slug, draft.answers)
    return redirect(step_url(following) if following else reverse("reporting:check"))
