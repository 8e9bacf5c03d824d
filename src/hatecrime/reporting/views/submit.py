"""Check your answers, submit (once), the confirmation, and save-and-resume."""

import logging

from django import forms
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from hatecrime.core.network import client_address
from hatecrime.reporting import people
from hatecrime.reporting.actions import ReportNotStored, do_submit_report
from hatecrime.reporting.drafts.actions import (
    do_delete_draft,
    do_record_failed_resume,
    evidence_content,
)
from hatecrime.reporting.drafts.models import Draft
from hatecrime.reporting.drafts.selectors import draft_for_resume_code, resume_rate_limited
from hatecrime.reporting.evidence import EvidenceUpload
from hatecrime.reporting.idempotency import IdempotencyConflict, IdempotencyInFlight
from hatecrime.reporting.intake_limits import IntakeLimited
from hatecrime.reporting.models import Channel
from hatecrime.reporting.payload import ReportInvalid, validate_report
from hatecrime.reporting.proof_of_work import new_challenge
from hatecrime.reporting.steps import first_incomplete
from hatecrime.reporting.views.journey import step_url
from hatecrime.reporting.views.limits import (
    HONEYPOT,
    SOLUTION_FIELD,
    HoneypotFilled,
    as_limited,
    limited_message,
    spend_send_budget,
)
from hatecrime.reporting.views.session import (
    CONFIRMATION_KEY,
    RESUME_CODE_KEY,
    attach_draft,
    current_draft,
    draft_expired,
    forget_draft,
    seal,
    unseal,
)
from hatecrime.reporting.views.summary import summary_cards

log = logging.getLogger(__name__)


def _complete_draft(request: HttpRequest) -> tuple[Draft | None, HttpResponse | None]:
    if draft_expired(request):
        forget_draft(request)
        return None, render(request, "reporting/expired.html", status=410)
    draft = current_draft(request)
    if draft is None:
        if request.session.get(CONFIRMATION_KEY):
            return None, redirect("reporting:confirmation")
        return None, redirect("reporting:start")
    blocker = first_incomplete(draft.answers, draft.completed_steps)
    if blocker is not None:
        return draft, redirect(step_url(blocker))
    return draft, None


@require_http_methods(["GET"])
def check_answers(request: HttpRequest) -> HttpResponse:
    draft, elsewhere = _complete_draft(request)
    if elsewhere is not None:
        return elsewhere
    assert draft is not None
    return render(request, "reporting/check_answers.html", check_context(draft))


def check_context(draft: Draft) -> dict[str, object]:
    """Check your answers, with a fresh proof-of-work challenge for the page's script."""
    return {
        "cards": summary_cards(draft),
        "challenge": new_challenge(),
        "honeypot": HONEYPOT,
        "solution_field": SOLUTION_FIELD,
    }


@require_POST
def submit(request: HttpRequest) -> HttpResponse:
    draft, elsewhere = _complete_draft(request)
    if elsewhere is not None:
        return elsewhere
    assert draft is not None
    try:
        payload = validate_report(draft.answers, require_behaviours=True)
    except ReportInvalid as invalid:
        errors = [message for messages in invalid.errors.values() for message in messages]
        return render(
            request,
            "reporting/check_answers.html",
            {**check_context(draft), "errors": errors},
            status=400,
        )
    try:
        spend_send_budget(request)
    except HoneypotFilled:
        return not_sent(request, draft, None)
    except IntakeLimited as refusal:
        return not_sent(request, draft, refusal)
    uploads = [
        EvidenceUpload(item.name, evidence_content(item), item.declared_type)
        for item in draft.evidence.all()
    ]
    try:
        submitted = do_submit_report(
            payload=payload,
            evidence=uploads,
            channel=Channel.ONLINE,
            actor=None,
            language=get_language() or settings.LANGUAGE_CODE,
            raw=draft.answers,
            idempotency_key=f"web-draft:{draft.pk}",
        )
    except ReportNotStored:
        log.error("a report could not be stored; the draft is kept")
        return render(
            request,
            "reporting/not_stored.html",
            {"cards": summary_cards(draft, with_links=False)},
            status=503,
        )
    except (IdempotencyInFlight, IdempotencyConflict):
        # The same draft is being sent by another request (a double click): wait for it.
        return render(request, "reporting/in_flight.html", status=409)
    details = {
        "reference": submitted.reference,
        "tracking_code": submitted.tracking_code,
        "anonymous": bool(payload.get("anonymous")),
        # Whom the police will contact: "victim", "reporter" (reporting/people.py) or "".
        "contact_person": people.safe_contact_subject(payload),
        "for_someone_else": people.reports_for_someone_else(payload),
    }
    seal(request, CONFIRMATION_KEY, details)
    do_delete_draft(draft.pk)
    forget_draft(request)
    return redirect("reporting:confirmation")


def not_sent(request: HttpRequest, draft: Draft, refusal: IntakeLimited | None) -> HttpResponse:
    """The report was not sent (limit, or the hidden field filled): what they wrote is still
    here (the draft stays in the session), a way back to send it, and the other ways."""
    context = {
        "cards": summary_cards(draft, with_links=False),
        "message": limited_message(refusal) if refusal else None,
    }
    response = render(request, "reporting/not_sent.html", context, status=400)
    return as_limited(response, refusal) if refusal else response


@require_http_methods(["GET"])
def confirmation(request: HttpRequest) -> HttpResponse:
    # Shown once: the tracking code leaves the session as it is displayed.
    details = unseal(request, CONFIRMATION_KEY)
    return render(request, "reporting/confirmation.html", {"details": details})


@require_http_methods(["GET"])
def saved(request: HttpRequest) -> HttpResponse:
    draft = current_draft(request)
    code = unseal(request, RESUME_CODE_KEY)
    if draft is None or code is None:
        return redirect("reporting:start")
    return render(request, "reporting/saved.html", {"code": code, "draft": draft})


class ResumeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Enter your code"),
        help_text=gettext_lazy("It is 12 letters and numbers, for example ACDE-FGH2-JK34."),
        required=False,
        max_length=40,
    )


@require_http_methods(["GET", "POST"])
def resume(request: HttpRequest) -> HttpResponse:
    """Wrong codes are counted per client (its address as a keyed hash, proxy-aware like
    tracking); past the limit every code is refused, the right one too, for an hour."""
    form = ResumeForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        client_ip = client_address(request.META)
        if not code.strip():
            form.add_error("code", _("Enter the code you were given when you saved your report"))
        elif resume_rate_limited(client_ip=client_ip):
            status = 429
            form.add_error(
                "code",
                _(
                    "You have entered a wrong code too many times. For your security, try "
                    "again in an hour, or start a new report"
                ),
            )
        else:
            draft, expired = draft_for_resume_code(code)
            if draft is not None:
                attach_draft(request, draft)
                blocker = first_incomplete(draft.answers, draft.completed_steps)
                return redirect(step_url(blocker) if blocker else "reporting:check")
            if expired:
                status = 410
                form.add_error(
                    "code",
                    _(
                        "This saved report has expired. Saved reports are deleted after "
                        "%(hours)s hours: start a new report"
                    )
                    % {"hours": settings.HATECRIME_DRAFT_TTL_HOURS},
                )
            else:
                do_record_failed_resume(client_ip=client_ip)
                form.add_error("code", _("Enter the code exactly as it was shown to you"))
    return render(request, "reporting/resume.html", {"form": form}, status=status)


def expired(request: HttpRequest) -> HttpResponse:
    forget_draft(request)
    return render(request, "reporting/expired.html", status=410)
