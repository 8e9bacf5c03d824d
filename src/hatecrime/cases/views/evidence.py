"""Opening an evidence file from the case page (shown in the browser, or downloaded)."""

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from hatecrime.accounts.decorators import staff_page
from hatecrime.cases.access import JustificationRequired, access_case_evidence
from hatecrime.cases.evidence import evidence_for_staff, evidence_response
from hatecrime.cases.views.access import session_justification, to_justify


@require_GET  # only ever read; the same 405 whether or not the file exists
@staff_page()
def case_evidence(request: HttpRequest, reference: str, evidence_id: int) -> HttpResponse:
    try:
        case, evidence = access_case_evidence(
            request.user,
            reference,
            evidence_id,
            justification=session_justification(request, reference),
        )
    except JustificationRequired:
        return to_justify(request, reference)
    content = evidence_for_staff(request.user, case, evidence)
    return evidence_response(evidence, content, download=request.GET.get("download") == "1")
