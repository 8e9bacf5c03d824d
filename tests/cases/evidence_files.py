"""A case whose report came with a photo and a PDF (import from `cases.evidence_files`)."""

import io

from PIL import Image

from accounts.staff_cases import A_REPORT
from hatecrime.cases.models import Case
from hatecrime.reporting.actions import do_submit_report
from hatecrime.reporting.evidence import EvidenceUpload
from hatecrime.reporting.models import Evidence
from pdf_files import letter_pdf

PDF = letter_pdf()


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, format="PNG")
    return buffer.getvalue()


def make_case_with_evidence(borough: str = "hackney") -> Case:
    submitted = do_submit_report(
        payload={**A_REPORT, "borough": borough},
        evidence=[EvidenceUpload("photo of the van.png", png()), EvidenceUpload("letter.pdf", PDF)],
        channel="online",
        actor=None,
    )
    return Case.objects.select_related("report").get(report=submitted.report)


def photo_of(case: Case) -> Evidence:
    return case.report.evidence.get(content_type="image/png")


def pdf_of(case: Case) -> Evidence:
    return case.report.evidence.get(content_type="application/pdf")
