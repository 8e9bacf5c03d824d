"""Real PDFs for tests, made with pikepdf (a bare `%PDF-1.4` line is refused as damaged now that
PDFs are rewritten without active content, docs/adr/0530)."""

import io

import pikepdf

from hatecrime.reporting.cleaning import clean_pdf


def raw_letter_pdf(text: str = "letter") -> pikepdf.Pdf:
    pdf = pikepdf.new()
    page = pdf.add_blank_page(page_size=(200, 200))
    page.obj["/Contents"] = pdf.make_stream(f"BT /F1 12 Tf 20 100 Td ({text}) Tj ET".encode())
    return pdf


def pdf_bytes(pdf: pikepdf.Pdf) -> bytes:
    output = io.BytesIO()
    pdf.save(output)
    return output.getvalue()


def letter_pdf(text: str = "letter") -> bytes:
    """A one-page PDF already in the form the service keeps (cleaning it again changes nothing),
    so a test can compare what it reads back with what it sent."""
    return clean_pdf(pdf_bytes(raw_letter_pdf(text)))
