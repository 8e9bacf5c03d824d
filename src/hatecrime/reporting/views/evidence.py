"""The evidence page: files are checked (real type, size, count) and cleaned (no EXIF or GPS)
as they are uploaded, then kept encrypted with the draft until the report is submitted."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from hatecrime.reporting.drafts.actions import do_add_evidence, do_remove_evidence, do_save_step
from hatecrime.reporting.drafts.selectors import draft_evidence, draft_evidence_pixels
from hatecrime.reporting.evidence import EvidenceInvalid, EvidenceUpload, prepare_evidence
from hatecrime.reporting.forms.contact import EvidenceForm
from hatecrime.reporting.intake_limits import EVIDENCE, IntakeLimited, count_intake
from hatecrime.reporting.steps import STEPS_BY_SLUG
from hatecrime.reporting.views.journey import after_save, guard, render_step, step_url
from hatecrime.reporting.views.limits import as_limited, limited_message, page_client

STEP = STEPS_BY_SLUG["evidence"]


@require_http_methods(["GET", "POST"])
def evidence_page(request: HttpRequest) -> HttpResponse:
    draft, elsewhere = guard(request, STEP)
    if elsewhere is not None:
        return elsewhere
    assert draft is not None  # evidence is never the first page
    change = request.GET.get("change") == "1" or request.POST.get("change") == "1"
    existing = draft_evidence(draft)
    form = EvidenceForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action.startswith("remove-"):
            evidence_id = action.removeprefix("remove-")
            # Only this page's own buttons make the action: anything else removes nothing.
            if evidence_id.isascii() and evidence_id.isdigit() and len(evidence_id) <= 18:
                do_remove_evidence(draft, evidence_id=int(evidence_id))
            return redirect(step_url(STEP, change=change))
        form.is_valid()
        limited: IntakeLimited | None = None
        uploads = request.FILES.getlist("upload")
        if len(existing) + len(uploads) > settings.HATECRIME_EVIDENCE_MAX_FILES:
            form.add_error(
                "upload",
                _("You can add up to %(max)s files. Remove a file or choose fewer files")
                % {"max": settings.HATECRIME_EVIDENCE_MAX_FILES},
            )
        elif uploads and (refusal := _spend_evidence_budget(request, len(uploads))):
            form.add_error("upload", limited_message(refusal))
            limited = refusal
        else:
            for upload in uploads:
                content = upload.read()
                try:
                    (prepared,) = prepare_evidence(
                        [EvidenceUpload(upload.name or "", content, upload.content_type or "")],
                        pixels_already=draft_evidence_pixels(draft),
                    )
                except EvidenceInvalid as invalid:
                    for messages in invalid.errors.values():
                        for message in messages:
                            form.add_error("upload", f"{upload.name}: {message}")
                    continue
                do_add_evidence(
                    draft,
                    name=prepared.original_name,
                    content=prepared.cleaned,
                    declared_type=prepared.content_type,
                )
        if form.errors:
            page = render_step(
                request,
                STEP,
                form,
                draft.answers,
                change=change,
                extra={
                    "evidence": draft_evidence(draft),
                    "max_files": settings.HATECRIME_EVIDENCE_MAX_FILES,
                    "limited": limited is not None,
                },
            )
            return as_limited(page, limited) if limited else page
        if action == "upload":
            return redirect(step_url(STEP, change=change))
        do_save_step(draft, step=STEP.slug, owned_keys=(), fragment={})
        return after_save(request, draft, STEP, change=change)
    return render_step(
        request,
        STEP,
        form,
        draft.answers,
        change=change,
        extra={
            "evidence": existing,
            "max_files": settings.HATECRIME_EVIDENCE_MAX_FILES,
            "max_mb": settings.HATECRIME_EVIDENCE_MAX_BYTES // (1024 * 1024),
        },
    )


def _spend_evidence_budget(request: HttpRequest, files: int) -> IntakeLimited | None:
    """Count the files against the address before any is checked or cleaned (the costly
    part); the refusal, if the budget is spent."""
    try:
        count_intake(EVIDENCE, page_client(request), weight=files)
    except IntakeLimited as refusal:
        return refusal
    return None
