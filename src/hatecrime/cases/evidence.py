"""Opening an evidence file (docs/adr/0441-serving-evidence.md): read from the evidence store
(a folder or a bucket, never through a URL of its own: ADR 0751) and decrypted for one
response, never written anywhere readable, and every opening audited: a `consult` by staff
working the case, a `disclose` (with the recipient) to a partner the victim agreed to share it
with. Fetch the case or referral and the file with `access_case_evidence` or
`access_shared_evidence` first."""

import logging
import re
from typing import Any

from django.http import Http404, HttpResponse
from django.utils.http import content_disposition_header

from hatecrime.audit.actions import record_event
from hatecrime.cases.actions.base import audit_case
from hatecrime.cases.models import Case
from hatecrime.core.crypto import DecryptionFailed
from hatecrime.reporting.evidence_store import read_evidence
from hatecrime.reporting.models import Evidence
from hatecrime.support.models import Referral

logger = logging.getLogger(__name__)

# Shown in the browser; anything else (none today: intake accepts only these) is downloaded.
INLINE_TYPES = {"image/jpeg", "image/png", "image/gif", "image/webp", "application/pdf"}
EXTENSIONS = {
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/gif": "gif",
    "image/webp": "webp",
    "application/pdf": "pdf",
}
# Nothing in the file may run or load anything. A sandboxed document cannot run scripts,
# submit forms or reach the service's origin; browsers' PDF viewers refuse to open in a
# sandbox, so a PDF shown in the browser gets the same policy without it.
SANDBOXED = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"
PDF_INLINE = "default-src 'none'; object-src 'self'; frame-ancestors 'none'; base-uri 'none'"


def _content(evidence: Evidence) -> bytes:
    try:
        return read_evidence(evidence.stored_name)
    except (FileNotFoundError, DecryptionFailed):
        # The row is there but its file is not: an operations problem (logged), and for the
        # person the file cannot be opened, which is said with the usual 404. A store that
        # does not answer (StorageUnavailable) is not caught: a 503, try again later.
        logger.exception("evidence %s could not be read", evidence.pk)
        raise Http404("No evidence found") from None


def evidence_for_staff(user: Any, case: Case, evidence: Evidence) -> bytes:
    content = _content(evidence)
    audit_case(
        "consult", actor=user, case=case, fields=["evidence"], detail={"evidence": evidence.pk}
    )
    return content


def evidence_for_partner(user: Any, referral: Referral, evidence: Evidence) -> bytes:
    content = _content(evidence)
    organisation = referral.organisation
    record_event(
        "disclose",
        actor=user,
        object_type="case",
        object_id=referral.case.report.reference,
        fields=["evidence"],
        recipient=f"support organisation {organisation.pk}: {organisation.name}",
        detail={"referral": referral.pk, "evidence": evidence.pk},
    )
    return content


def _file_name(evidence: Evidence) -> str:
    """The name the person gave, without anything a browser could read as a path; their own
    extension is replaced by the real type's."""
    stem = re.sub(r"[\x00-\x1f\x7f/\\:]+", "_", evidence.original_name or "").strip(" .")
    stem = stem.rsplit(".", 1)[0] if "." in stem else stem
    extension = EXTENSIONS.get(evidence.content_type, "bin")
    return f"{stem or f'evidence-{evidence.pk}'}.{extension}"


def evidence_response(evidence: Evidence, content: bytes, *, download: bool) -> HttpResponse:
    """The file with a safe type and headers: shown only if an image or a PDF and not asked
    for as a download, never sniffed, never cached, never able to run anything."""
    showable = evidence.content_type in INLINE_TYPES
    inline = showable and not download
    response = HttpResponse(
        content, content_type=evidence.content_type if showable else "application/octet-stream"
    )
    response["Content-Disposition"] = (
        content_disposition_header(as_attachment=not inline, filename=_file_name(evidence))
        or "attachment"
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    response["Content-Security-Policy"] = (
        PDF_INLINE if inline and evidence.content_type == "application/pdf" else SANDBOXED
    )
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    response["Referrer-Policy"] = "no-referrer"
    return response
