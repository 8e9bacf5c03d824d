"""An officer opens the evidence of a case from the case page in a real browser: a PDF opens in
the browser with safe headers, "Download" saves it, a file of any other type is only ever saved
(never shown, so nothing in it runs), and every opening is audited (docs/adr/0441)."""

import pytest

from browser.conftest import sign_in
from cases.evidence_files import PDF, make_case_with_evidence, pdf_of, photo_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _consults_of(case, evidence, actor) -> int:
    from hatecrime.audit.models import AuditEvent

    return AuditEvent.objects.filter(
        kind="consult",
        actor=actor,
        object_id=case.report.reference,
        fields=["evidence"],
        detail={"evidence": evidence.pk},
    ).count()


def test_alice_opens_a_pdf_from_the_case_page_and_it_is_audited(live_server, new_page, alice):
    case = make_case_with_evidence("hackney")
    pdf = pdf_of(case)
    page = new_page(accept_downloads=True)
    downloads: list[object] = []
    page.on("download", lambda download: downloads.append(download))
    sign_in(page, live_server.url, "alice")
    page.goto(f"{live_server.url}/staff/cases/{case.report.reference}/")
    assert _consults_of(case, pdf, alice) == 0

    with page.expect_response(lambda r: f"/evidence/{pdf.pk}/" in r.url) as opened:
        page.get_by_role("link", name="letter.pdf", exact=True).click()
    response = opened.value
    assert response.status == 200
    headers = response.all_headers()
    assert headers["content-type"] == "application/pdf"
    assert headers["content-disposition"] == 'inline; filename="letter.pdf"'
    assert headers["content-length"] == str(len(PDF))
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["cache-control"] == "no-store"
    assert headers["content-security-policy"].startswith("default-src 'none'")
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    # Shown in the tab by the browser's PDF viewer, not saved.
    page.wait_for_url(f"**/evidence/{pdf.pk}/")
    page.wait_for_load_state()
    assert downloads == []
    assert _consults_of(case, pdf, alice) == 1


def test_download_saves_the_file_and_is_audited_too(live_server, new_page, alice):
    case = make_case_with_evidence("hackney")
    pdf = pdf_of(case)
    page = new_page(accept_downloads=True)
    sign_in(page, live_server.url, "alice")
    page.goto(f"{live_server.url}/staff/cases/{case.report.reference}/")
    with page.expect_download() as saved:
        page.get_by_role("link", name="Download letter.pdf").click()
    download = saved.value
    assert download.suggested_filename == "letter.pdf"
    with open(download.path(), "rb") as file:
        assert file.read() == PDF
    assert page.url.endswith(f"/staff/cases/{case.report.reference}/")  # still on the case
    assert _consults_of(case, pdf, alice) == 1


def test_a_file_of_another_type_is_saved_never_shown(live_server, new_page, alice):
    from hatecrime.reporting.evidence_store import write_encrypted
    from hatecrime.reporting.models import Evidence

    case = make_case_with_evidence("hackney")
    hostile = photo_of(case)
    # A file whose type is not an image or a PDF (intake refuses them today: as if one got in).
    write_encrypted(hostile.stored_name, b"<script>document.title = 'ran'</script>")
    Evidence.objects.filter(pk=hostile.pk).update(
        content_type="text/html", original_name="page.html"
    )
    page = new_page(accept_downloads=True)
    sign_in(page, live_server.url, "alice")
    page.goto(f"{live_server.url}/staff/cases/{case.report.reference}/")
    title = page.title()
    with (
        page.expect_response(lambda r: f"/evidence/{hostile.pk}/" in r.url) as opened,
        page.expect_download() as saved,
    ):
        page.get_by_role("link", name="page.html", exact=True).click()
    headers = opened.value.all_headers()
    assert headers["content-type"] == "application/octet-stream"
    assert headers["content-disposition"].startswith("attachment")
    assert headers["x-content-type-options"] == "nosniff"
    assert saved.value.suggested_filename == "page.bin"
    assert page.url.endswith(f"/staff/cases/{case.report.reference}/")
    assert page.title() == title != "ran"
    assert _consults_of(case, hostile, alice) == 1
