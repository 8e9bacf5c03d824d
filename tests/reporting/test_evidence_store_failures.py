"""When the evidence store fails (issue 14, items 2 and 5): a full disk, or an S3 endpoint that
does not answer. The report is refused clearly (the "could not be sent" page that keeps the
answers, or the API's 503 with Retry-After), nothing half written remains, and nothing is
acknowledged that was not stored."""

import base64
import json
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from browser.journey_data import GRACE, walk
from cases.evidence_files import make_case_with_evidence, photo_of, png
from cases.factories import VICTIM_REPORT
from hatecrime.cases.models import Case, ReportAddition
from hatecrime.reporting.actions import ReportNotStored, do_submit_report
from hatecrime.reporting.drafts.models import Draft
from hatecrime.reporting.evidence import EvidenceUpload
from hatecrime.reporting.models import Evidence, IdempotencyRecord, Report
from pdf_files import letter_pdf
from personas import StaffClient, api_token
from reporting.test_evidence import PAYLOAD

pytestmark = pytest.mark.django_db


def evidence_folder() -> list[str]:
    root = Path(settings.EVIDENCE_ROOT)
    return sorted(p.name for p in root.iterdir()) if root.is_dir() else []


def api_body() -> str:
    item = {"name": "window.png", "content_base64": base64.b64encode(png()).decode()}
    return json.dumps({**PAYLOAD, "evidence": [item]})


def test_a_full_disk_gives_the_could_not_send_page_with_the_answers_kept(client, full_disk):
    walk(client, GRACE, until="evidence")
    upload = SimpleUploadedFile("door.png", png(), content_type="image/png")
    client.post("/report/evidence/", {"action": "upload", "upload": [upload]})
    walk(client, {k: v for k, v in GRACE.items() if k in {"evidence", "support", "contact"}})
    response = client.post("/report/submit/")
    page = response.content.decode()
    assert response.status_code == 503
    assert "could not be sent" in page and "101" in page and "999" in page
    assert GRACE["contact"]["name"] in page  # what they typed is still there
    assert not Report.objects.exists() and Draft.objects.count() == 1
    assert evidence_folder() == []  # not even the half-written temporary file


def test_when_the_disk_fills_on_the_second_file_the_first_is_removed_too(full_disk):
    full_disk.fits = 1
    uploads = [EvidenceUpload("a.pdf", letter_pdf()), EvidenceUpload("b.png", png())]
    with pytest.raises(ReportNotStored):
        do_submit_report(payload=PAYLOAD, evidence=uploads, channel="online", actor=None)
    assert full_disk.saved == 2  # no retry: a full disk is not fixed by waiting 50 ms
    assert evidence_folder() == []
    assert not Report.objects.exists() and not Evidence.objects.exists()


def test_the_api_answers_503_with_retry_after_when_the_disk_is_full(client, full_disk):
    response = client.post(
        "/api/v1/reports", data=api_body(), content_type="application/json",
        headers={"Idempotency-Key": "disk-full-1"},
    )  # fmt: skip
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Nothing was stored" in response.json()["detail"]
    assert not Report.objects.exists() and evidence_folder() == []
    assert not IdempotencyRecord.objects.exists()  # the same key can be sent again


def test_the_same_key_sent_again_once_there_is_room_stores_the_report(client, full_disk):
    send = lambda: client.post(  # noqa: E731
        "/api/v1/reports", data=api_body(), content_type="application/json",
        headers={"Idempotency-Key": "disk-full-2"},
    )  # fmt: skip
    assert send().status_code == 503
    full_disk.fits = 99  # the operator made room
    assert send().status_code == 201
    assert Report.objects.count() == 1 and len(evidence_folder()) == 1


def test_an_s3_endpoint_that_does_not_answer_is_a_503_within_seconds(client, s3_down):
    started = time.monotonic()
    response = client.post(
        "/api/v1/reports", data=api_body(), content_type="application/json",
        headers={"Idempotency-Key": "s3-down-1"},
    )  # fmt: skip
    took = time.monotonic() - started
    assert response.status_code == 503 and response["Retry-After"] == "30"
    assert not Report.objects.exists() and not IdempotencyRecord.objects.exists()
    assert took < 10, f"refused after {took:.1f} s"  # connect timeout 3 s, 2 attempts


def test_adding_a_file_from_tracking_while_the_disk_is_full_is_a_503(client, full_disk):
    submitted = do_submit_report(payload=VICTIM_REPORT, channel="online", actor=None)
    item = {"name": "door.png", "content_base64": base64.b64encode(png()).decode()}
    body = {
        "reference": submitted.reference,
        "tracking_code": submitted.tracking_code,
        "kind": "evidence",
        "evidence": [item],
    }
    response = client.post(
        "/api/v1/track/additions", data=json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 503 and response["Retry-After"] == "30"
    assert not ReportAddition.objects.exists() and not Evidence.objects.exists()
    assert evidence_folder() == []


def test_staff_opening_a_file_while_the_store_is_down_get_a_503_not_a_404(alice, settings):
    case = make_case_with_evidence("hackney")
    photo = photo_of(case)
    settings.STORAGES = {
        **settings.STORAGES,
        "evidence": {
            "BACKEND": "hatecrime.core.storage_s3.PrivateS3Storage",
            "OPTIONS": {
                "bucket_name": "evidence",
                "endpoint_url": "http://127.0.0.1:9",  # discard: nothing answers
                "access_key": "x",
                "secret_key": "y",
                "max_attempts": 1,
            },
        },
    }
    browser = StaffClient(raise_request_exception=False)
    browser.force_login(alice)
    page = browser.get(f"/staff/cases/{case.report.reference}/evidence/{photo.pk}/")
    assert page.status_code == 503 and page["Retry-After"] == "30"
    api = StaffClient(raise_request_exception=False)
    headers = {"Authorization": f"Token {api_token(alice)}"}
    answer = api.get(f"/api/v1/cases/{case.report.reference}/evidence/{photo.pk}", headers=headers)
    assert answer.status_code == 503 and answer["Retry-After"] == "30"
    assert Case.objects.filter(pk=case.pk).exists()
