"""Evidence files from the case page, the staff API and a partner's referral (issue 8 item 5):
only for those who may see them, every opening audited, served so nothing in a file can run."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from rest_framework.test import APIClient

from cases.evidence_files import PDF, make_case_with_evidence, pdf_of, photo_of
from hatecrime.audit.models import AuditEvent
from hatecrime.reporting.evidence_store import read_evidence
from hatecrime.support.models import Referral
from personas import api_token
from support.partners import refer_through_pages

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(db):
    return make_case_with_evidence("hackney")


def _url(case, evidence, download: bool = False) -> str:
    suffix = "?download=1" if download else ""
    return f"/staff/cases/{case.report.reference}/evidence/{evidence.pk}/{suffix}"


def _without_nonce(content: bytes) -> bytes:
    return re.sub(rb'nonce="[^"]*"', b"", content)


def _api(user) -> APIClient:
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {api_token(user)}")
    return api


def test_the_case_page_lists_each_file_with_its_links(client, alice, case):
    client.force_login(alice)
    page = client.get(f"/staff/cases/{case.report.reference}/").content.decode()
    listed = page[page.index('id="evidence"') :].split("</ul>")[0]
    assert "photo of the van.png" in listed and "letter.pdf" in listed
    assert _url(case, photo_of(case)) in listed and _url(case, pdf_of(case), True) in listed
    assert "Image (PNG)" in listed and "PDF document" in listed


def test_alice_views_a_photo_in_the_browser_and_it_is_a_consult(client, alice, case):
    client.force_login(alice)
    photo = photo_of(case)
    before = AuditEvent.objects.count()
    response = client.get(_url(case, photo))
    assert response.status_code == 200
    assert response.content == read_evidence(photo.stored_name)
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("inline")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "no-store"
    assert "default-src 'none'" in response["Content-Security-Policy"]
    assert "sandbox" in response["Content-Security-Policy"]
    (event,) = AuditEvent.objects.order_by("seq")[before:]
    assert (event.kind, event.object_id, event.fields) == (
        "consult",
        case.report.reference,
        ["evidence"],
    )
    assert event.detail == {"evidence": photo.pk}


def test_a_download_is_an_attachment_with_the_real_type(client, alice, case):
    client.force_login(alice)
    response = client.get(_url(case, pdf_of(case), download=True))
    assert response.content == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="letter.pdf"'
    assert "sandbox" in response["Content-Security-Policy"]


def test_a_pdf_is_shown_in_the_browser_without_anything_it_could_load(client, alice, case):
    client.force_login(alice)
    response = client.get(_url(case, pdf_of(case)))
    assert response["Content-Disposition"].startswith("inline")
    assert response["Content-Security-Policy"].startswith("default-src 'none'")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_file_of_another_type_is_always_downloaded(client, alice, case):
    from hatecrime.reporting.models import Evidence

    photo = photo_of(case)
    Evidence.objects.filter(pk=photo.pk).update(content_type="text/html")
    client.force_login(alice)
    response = client.get(_url(case, photo))
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment")
    assert 'filename="photo of the van.bin"' in response["Content-Disposition"]


def test_bob_of_camden_gets_the_same_404_as_for_a_missing_file(client, bob, case):
    client.force_login(bob)
    theirs = client.get(_url(case, photo_of(case)))
    missing = client.get(f"/staff/cases/{case.report.reference}/evidence/999999/")
    no_case = client.get(f"/staff/cases/HC-NOPE-NOPE/evidence/{photo_of(case).pk}/")
    assert theirs.status_code == missing.status_code == no_case.status_code == 404
    assert _without_nonce(theirs.content) == _without_nonce(no_case.content)
    assert not AuditEvent.objects.filter(actor=bob).exists()


def test_a_file_is_only_reached_through_its_own_case(client, alice, case):
    other = make_case_with_evidence("hackney")
    client.force_login(alice)
    response = client.get(f"/staff/cases/{case.report.reference}/evidence/{photo_of(other).pk}/")
    assert response.status_code == 404


def test_hannah_opens_a_camden_file_only_with_a_reason(client, hannah):
    camden = make_case_with_evidence("camden")
    client.force_login(hannah)
    url = _url(camden, photo_of(camden))
    response = client.get(url)
    assert response.status_code == 302 and "/justify/" in response["Location"]
    client.post(f"/staff/cases/{camden.report.reference}/justify/", {"justification": "Review"})
    assert client.get(url).status_code == 200
    event = AuditEvent.objects.filter(actor=hannah, fields=["evidence"]).get()
    assert event.justification == "Review"


def test_the_api_lists_and_returns_the_files(alice, case):
    api = _api(alice)
    detail = api.get(f"/api/v1/cases/{case.report.reference}").json()
    files = {item["name"]: item for item in detail["evidence"]}
    assert set(files) == {"photo of the van.png", "letter.pdf"}
    response = api.get(files["letter.pdf"]["url"] + "?download=1")
    assert response.status_code == 200 and response.content == PDF
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert AuditEvent.objects.filter(actor=alice, kind="consult", fields=["evidence"]).count() == 1


def test_the_api_gives_bob_404(bob, case):
    response = _api(bob).get(f"/api/v1/cases/{case.report.reference}/evidence/{photo_of(case).pk}")
    assert response.status_code == 404


def test_evidence_is_never_under_the_static_folder():
    evidence = Path(settings.EVIDENCE_ROOT).resolve()
    static = [Path(settings.STATIC_ROOT), *map(Path, settings.STATICFILES_DIRS)]
    assert not any(evidence.is_relative_to(folder.resolve()) for folder in static)


# --- Partners ----------------------------------------------------------------------------------


def test_pat_opens_shared_evidence_and_it_is_a_disclosure(client, alice, pat, victim_support, case):
    referral = refer_through_pages(client, alice, case, victim_support, ["name", "evidence"])
    client.force_login(pat)
    page = client.get(f"/staff/support/referrals/{referral.pk}/").content.decode()
    url = f"/staff/support/referrals/{referral.pk}/evidence/{photo_of(case).pk}/"
    assert url in page and "photo of the van.png" in page
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    event = AuditEvent.objects.get(actor=pat, kind="disclose")
    assert event.object_id == case.report.reference and event.fields == ["evidence"]
    assert event.recipient == f"support organisation {victim_support.pk}: Victim Support Hackney"


def test_pat_gets_404_where_evidence_was_not_shared(client, alice, pat, victim_support, case):
    referral = refer_through_pages(client, alice, case, victim_support, ["name"])
    client.force_login(pat)
    page = client.get(f"/staff/support/referrals/{referral.pk}/").content.decode()
    assert "photo of the van" not in page
    url = f"/staff/support/referrals/{referral.pk}/evidence/{photo_of(case).pk}/"
    assert client.get(url).status_code == 404
    assert not AuditEvent.objects.filter(actor=pat, kind="disclose").exists()


def test_withdrawn_consent_closes_the_files_to_the_partner(
    client, alice, pat, victim_support, case
):
    referral = refer_through_pages(client, alice, case, victim_support, ["evidence"])
    Referral.objects.filter(pk=referral.pk).update(status="withdrawn")
    client.force_login(pat)
    url = f"/staff/support/referrals/{referral.pk}/evidence/{photo_of(case).pk}/"
    assert client.get(url).status_code == 404


def test_a_partner_of_another_organisation_gets_404(client, alice, victim_support, case):
    from hatecrime.support.models import SupportOrganisation
    from personas import make_staff

    referral = refer_through_pages(client, alice, case, victim_support, ["evidence"])
    olu = make_staff("olu", "partner")
    SupportOrganisation.objects.create(name="Other").members.add(olu)
    client.force_login(olu)
    url = f"/staff/support/referrals/{referral.pk}/evidence/{photo_of(case).pk}/"
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("persona", ["alice", "hannah", "carl", "ann", "adam"])
def test_staff_cannot_use_the_partner_address(client, request, persona, victim_support, case):
    referral = refer_through_pages(
        client, request.getfixturevalue("alice"), case, victim_support, ["evidence"]
    )
    client.force_login(request.getfixturevalue(persona))
    url = f"/staff/support/referrals/{referral.pk}/evidence/{photo_of(case).pk}/"
    assert client.get(url).status_code == 404
