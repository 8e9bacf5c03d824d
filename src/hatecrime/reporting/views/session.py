"""The one link between a browser and its draft: the draft's random id in the session."""

from django.http import HttpRequest

from hatecrime.reporting.drafts.actions import do_create_draft
from hatecrime.reporting.drafts.models import Draft
from hatecrime.reporting.drafts.selectors import live_draft

DRAFT_KEY = "report_draft_id"
CONFIRMATION_KEY = "report_confirmation"
RESUME_CODE_KEY = "report_resume_code"


def current_draft(request: HttpRequest) -> Draft | None:
    draft_id = request.session.get(DRAFT_KEY)
    return live_draft(draft_id) if draft_id else None


def draft_expired(request: HttpRequest) -> bool:
    """The session points at a draft that has expired (or was swept away)."""
    return bool(request.session.get(DRAFT_KEY)) and current_draft(request) is None


def start_draft(request: HttpRequest) -> Draft:
    draft = do_create_draft()
    request.session.cycle_key()
    request.session[DRAFT_KEY] = str(draft.pk)
    return draft


def attach_draft(request: HttpRequest, draft: Draft) -> None:
    request.session.cycle_key()
    request.session[DRAFT_KEY] = str(draft.pk)


def forget_draft(request: HttpRequest) -> None:
    request.session.pop(DRAFT_KEY, None)
