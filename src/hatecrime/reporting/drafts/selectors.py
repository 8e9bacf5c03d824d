"""Reads of drafts. An expired draft is as good as gone: it is never returned."""

import uuid
from typing import Any

from django.conf import settings
from django.utils import timezone

from hatecrime.core.crypto import blind_index
from hatecrime.reporting.drafts.actions import (
    RESUME_ATTEMPT_WINDOW,
    RESUME_PURPOSE,
    evidence_content,
    normalise_resume_code,
    resume_client_hash,
)
from hatecrime.reporting.drafts.models import Draft, DraftEvidence, ResumeAttempt
from hatecrime.reporting.evidence import IMAGE_TYPES, image_pixels


def live_draft(draft_id: Any) -> Draft | None:
    try:
        key = uuid.UUID(str(draft_id))
    except ValueError:
        return None
    return Draft.objects.filter(pk=key, expires_at__gt=timezone.now()).first()


def draft_for_resume_code(code: str) -> tuple[Draft | None, bool]:
    """The draft a resume code opens, and whether a draft with that code exists but expired."""
    normalised = normalise_resume_code(code)
    if not normalised:
        return None, False
    digest = blind_index(normalised, purpose=RESUME_PURPOSE)
    draft = Draft.objects.filter(resume_code_hash=digest).first()
    if draft is None:
        return None, False
    if draft.expires_at <= timezone.now():
        return None, True
    return draft, False


def draft_evidence(draft: Draft) -> list[DraftEvidence]:
    return list(draft.evidence.defer("content"))


def draft_evidence_pixels(draft: Draft) -> int:
    """Pixels of the images a draft holds (read from their headers), for the report's budget."""
    return sum(
        image_pixels(evidence_content(item))
        for item in draft.evidence.filter(declared_type__in=IMAGE_TYPES)
    )


def resume_attempts_per_hour() -> int:
    return int(settings.HATECRIME_RESUME_ATTEMPTS_PER_HOUR)


def resume_rate_limited(*, client_ip: str) -> bool:
    """Too many wrong resume codes from this client within the window."""
    since = timezone.now() - RESUME_ATTEMPT_WINDOW
    recent = ResumeAttempt.objects.filter(
        client_hash=resume_client_hash(client_ip), attempted_at__gte=since
    )
    return recent.count() >= resume_attempts_per_hour()
