"""Writes on drafts. A draft is not a record of the service (nothing is audited until the
report is submitted): it is the person's own unfinished text, deleted on submit or expiry."""

import contextlib
import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hatecrime.core.crypto import blind_index, decrypt_bytes, encrypt_bytes, is_current
from hatecrime.core.scheduler import rows_read_before_writing
from hatecrime.reporting.drafts.models import Draft, DraftEvidence, ResumeAttempt

# No 0/O, 1/I/L, 5/S, 8/B: the code may be read aloud or written down by hand.
RESUME_ALPHABET = "ACDEFGHJKMNPQRTUVWXY234679"
RESUME_CODE_LENGTH = 12  # about 56 bits: not guessable, still short enough to write down
RESUME_PURPOSE = "draft-resume-code"
RESUME_CLIENT_PURPOSE = "draft-resume-client"
# Wrong resume codes are counted per client over this window (rate limiting), then forgotten.
RESUME_ATTEMPT_WINDOW = timedelta(hours=1)
KEEP_RESUME_ATTEMPTS_FOR = timedelta(days=1)


def _expiry() -> Any:
    return timezone.now() + timedelta(hours=settings.HATECRIME_DRAFT_TTL_HOURS)


def normalise_resume_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def format_resume_code(code: str) -> str:
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def resume_client_hash(client_ip: str) -> str:
    """The client's address as a keyed hash: enough to count its attempts, not to find it."""
    return blind_index(client_ip or "unknown", purpose=RESUME_CLIENT_PURPOSE)


def do_record_failed_resume(*, client_ip: str) -> None:
    ResumeAttempt.objects.create(
        client_hash=resume_client_hash(client_ip), attempted_at=timezone.now()
    )


def prune_resume_attempts() -> int:
    cutoff = timezone.now() - KEEP_RESUME_ATTEMPTS_FOR
    deleted, _counts = ResumeAttempt.objects.filter(attempted_at__lt=cutoff).delete()
    return deleted


def do_create_draft() -> Draft:
    return Draft.objects.create(
        answers={},
        completed_steps=[],
        expires_at=_expiry(),
    )


def do_save_step(
    draft: Draft, *, step: str, owned_keys: tuple[str, ...], fragment: dict[str, Any]
) -> None:
    """Replace the answers a page owns with what it just collected, and mark the page done.
    Each save pushes the expiry back: a draft expires a set time after it was last touched."""
    answers = {key: value for key, value in draft.answers.items() if key not in owned_keys}
    answers.update(fragment)
    draft.answers = answers
    if step not in draft.completed_steps:
        draft.completed_steps = [*draft.completed_steps, step]
    draft.expires_at = _expiry()
    draft.save(update_fields=["answers", "completed_steps", "expires_at", "updated_at"])


def do_issue_resume_code(draft: Draft) -> str:
    """A fresh code each time (an earlier code stops working). Only its keyed hash is kept."""
    code = "".join(secrets.choice(RESUME_ALPHABET) for _ in range(RESUME_CODE_LENGTH))
    draft.resume_code_hash = blind_index(code, purpose=RESUME_PURPOSE)
    draft.expires_at = _expiry()
    draft.save(update_fields=["resume_code_hash", "expires_at", "updated_at"])
    return format_resume_code(code)


def do_add_evidence(draft: Draft, *, name: str, content: bytes, declared_type: str) -> None:
    DraftEvidence.objects.create(
        draft=draft,
        name=name,
        declared_type=declared_type[:100],
        size=len(content),
        content=encrypt_bytes(content),
    )


def do_remove_evidence(draft: Draft, *, evidence_id: int) -> None:
    DraftEvidence.objects.filter(draft=draft, pk=evidence_id).delete()


def evidence_content(item: DraftEvidence) -> bytes:
    return decrypt_bytes(bytes(item.content))


def do_delete_draft(draft_id: Any) -> None:
    Draft.objects.filter(pk=draft_id).delete()


def do_forget_unsaved_draft(draft_id: Any) -> None:
    """On "Exit this page": a draft nobody saved can never be reached again, so it goes now
    (with its files); a saved one stays for its resume code until it expires."""
    with contextlib.suppress(ValueError, ValidationError):  # not a draft id: nothing to forget
        Draft.objects.filter(pk=draft_id, resume_code_hash="").delete()


def delete_expired_drafts() -> int:
    """Delete every draft past its expiry, with its files. Returns how many were deleted."""
    with transaction.atomic():
        expired = Draft.objects.filter(expires_at__lte=timezone.now())
        count = expired.count()
        DraftEvidence.objects.filter(draft__in=expired).delete()
        expired.delete()
    return count


def reencrypt_draft_evidence() -> int:
    """Key rotation: evidence content is encrypted bytes outside an encrypted model field."""
    count = 0
    for item in rows_read_before_writing(DraftEvidence.objects.only("pk", "content")):
        token = bytes(item.content)
        if not is_current(token):
            item.content = encrypt_bytes(decrypt_bytes(token))
            item.save(update_fields=["content"])
            count += 1
    return count
