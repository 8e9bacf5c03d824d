"""What the public journey keeps in the session, and nothing more: the draft's random id, and
(until shown once) the reference and tracking code of a report just sent or a fresh resume
code, sealed with the service's encryption key. The session table is not encrypted, so nothing
that is an answer, a code or a reference sits in it in the clear."""

import json
from typing import Any

from django.http import HttpRequest

from hatecrime.core.crypto import DecryptionFailed, decrypt_text, encrypt_text
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


def seal(request: HttpRequest, key: str, value: Any) -> None:
    """Keep `value` (JSON-able) in the session encrypted, until `unseal` takes it out."""
    request.session[key] = encrypt_text(json.dumps(value))


def unseal(request: HttpRequest, key: str) -> Any:
    """Take a sealed value out of the session (it is gone afterwards); None when absent or
    unreadable (e.g. sealed with a key since retired)."""
    return _opened(request.session.pop(key, None))


def peek(request: HttpRequest, key: str) -> Any:
    """A sealed value, left in the session; None when absent or unreadable."""
    return _opened(request.session.get(key))


def _opened(token: Any) -> Any:
    if not isinstance(token, str):
        return None
    try:
        return json.loads(decrypt_text(token))
    except (DecryptionFailed, ValueError):
        return None
