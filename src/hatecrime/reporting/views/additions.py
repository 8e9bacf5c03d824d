"""Add to a report from 'track my report': more information, more evidence, or "please call
me" (docs/adr/0432). Only after the reference and tracking code were given on /track/: the
session then holds the reference, sealed, for half an hour (and "Exit this page" forgets it)."""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods, require_safe

from hatecrime.cases.actions import CaseActionError, do_add_to_report
from hatecrime.cases.models import AdditionKind, Case
from hatecrime.core import languages
from hatecrime.reporting.evidence import EvidenceUpload
from hatecrime.reporting.tracking import MessageLanguageRefused, do_choose_message_language
from hatecrime.reporting.views.session import peek, seal, unseal

TRACKED_KEY = "tracked_report"
ADDED_KEY = "tracked_report_added"
TRACKED_FOR = dt.timedelta(minutes=30)


@dataclass(frozen=True)
class AdditionPage:
    kind: str
    title: Promise
    label: Promise
    hint: Promise


PAGES = {
    "information": AdditionPage(
        AdditionKind.INFORMATION,
        _lazy("Add more information"),
        _lazy("What do you want to add?"),
        _lazy("For example, something that has happened since, or something you remembered."),
    ),
    "evidence": AdditionPage(
        AdditionKind.EVIDENCE,
        _lazy("Add more evidence"),
        _lazy("Anything we should know about the files (optional)"),
        _lazy("For example, when a photo was taken."),
    ),
    "call-me": AdditionPage(
        AdditionKind.CALL_ME,
        _lazy("Ask us to call you"),
        _lazy("Anything we should know before we call (optional)"),
        _lazy("We will call you at the times you told us are safe."),
    ),
}


def remember_tracked(request: HttpRequest, reference: str) -> None:
    request.session.cycle_key()
    until = (timezone.now() + TRACKED_FOR).timestamp()
    seal(request, TRACKED_KEY, {"reference": reference, "until": until})


def forget_tracked(request: HttpRequest) -> None:
    request.session.pop(TRACKED_KEY, None)


def tracked_case(request: HttpRequest) -> Case | None:
    """The case whose report this browser tracked in the last half hour, or None."""
    value = peek(request, TRACKED_KEY)
    if not isinstance(value, dict) or float(value.get("until", 0)) < timezone.now().timestamp():
        return None
    return (
        Case.objects.select_related("report", "area", "assigned_officer")
        .filter(report__reference=str(value.get("reference", "")))
        .first()
    )


def _error_list(errors: dict[str, list[str]], kind: str) -> list[dict[str, str]]:
    """The GOV.UK error summary's links: file errors point at the file input, others at the
    text box (or, for a refusal of the whole addition, at the page's first field)."""
    first = "evidence" if kind == AdditionKind.EVIDENCE else "text"
    listed: list[dict[str, str]] = []
    for key, messages in errors.items():
        anchor = "evidence" if key.startswith("evidence") else "text" if key == "text" else first
        listed.extend({"href": f"#{anchor}", "text": message} for message in messages)
    return listed


def _field_errors(errors: dict[str, list[str]]) -> dict[str, list[str]]:
    shown: dict[str, list[str]] = {"text": [], "evidence": []}
    for key, messages in errors.items():
        shown["evidence" if key.startswith("evidence") else "text"].extend(messages)
    return shown


@require_http_methods(["GET", "POST"])
def add_to_report(request: HttpRequest, slug: str) -> HttpResponse:
    page = PAGES.get(slug)
    if page is None:
        raise Http404
    case = tracked_case(request)
    if case is None:
        return redirect("reporting:track")
    if page.kind == AdditionKind.CALL_ME and case.report.anonymous:
        raise Http404
    errors: dict[str, list[str]] = {}
    text = ""
    if request.method == "POST":
        text = request.POST.get("text", "")
        uploads = [
            EvidenceUpload(upload.name or "", upload.read(), upload.content_type or "")
            for upload in request.FILES.getlist("evidence")
        ]
        try:
            do_add_to_report(case=case, kind=page.kind, text=text, evidence=uploads)
        except CaseActionError as refused:
            errors = refused.errors
        else:
            seal(request, ADDED_KEY, page.kind)
            return redirect("reporting:track-added")
    context = {
        "page": page,
        "text": text,
        "errors": _field_errors(errors) if errors else {},
        "error_list": _error_list(errors, page.kind),
        "max_files": settings.HATECRIME_EVIDENCE_MAX_FILES,
        "max_mb": f"{settings.HATECRIME_EVIDENCE_MAX_BYTES / (1024 * 1024):g}",
        "reference": case.report.reference,
    }
    return render(request, "reporting/track_add.html", context, status=400 if errors else 200)


@require_safe
def added(request: HttpRequest) -> HttpResponse:
    kind = unseal(request, ADDED_KEY)
    if kind is None:
        return redirect("reporting:track")
    return render(request, "reporting/track_added.html", {"kind": kind})


@require_http_methods(["GET", "POST"])
def message_language(request: HttpRequest) -> HttpResponse:
    """Choose the language of the messages about the tracked report (docs/adr/0701)."""
    case = tracked_case(request)
    if case is None:
        return redirect("reporting:track")
    if case.report.anonymous:  # nobody to send messages to
        raise Http404
    chosen = case.report.language_for_messages
    error = ""
    if request.method == "POST":
        chosen = request.POST.get("language", "")
        try:
            do_choose_message_language(report=case.report, code=chosen)
        except MessageLanguageRefused:
            error = str(_lazy("Select the language for messages about your report"))
        else:
            seal(request, ADDED_KEY, "language")
            return redirect("reporting:track-added")
    context = {
        "reference": case.report.reference,
        "languages": languages.available(),
        "chosen": chosen,
        "error": error,
        "error_list": [{"href": "#language", "text": error}] if error else [],
        "errors": {"language": [error]} if error else {},
    }
    return render(request, "reporting/track_language.html", context, status=400 if error else 200)
