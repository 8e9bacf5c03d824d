"""The evidence storage contract (ADR 0751), the same for the private folder and for an S3
bucket on a real S3-compatible server: files go in through the public journey and the API,
encrypted; staff open them through the audited view; a report that is not stored leaves no
file; an orphan is swept once an hour old; disposal deletes the file; a new key rewrites the
file in place; nothing gets a URL."""

import base64
import datetime as dt
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError, transaction
from django.utils import timezone

from browser.journey_data import GRACE, walk
from cases.evidence_files import make_case_with_evidence, photo_of, png
from hatecrime.audit.models import AuditEvent
from hatecrime.dataprotection.actions import dispose_of_case
from hatecrime.reporting import actions
from hatecrime.reporting.actions import ReportNotStored, do_submit_report
from hatecrime.reporting.evidence import EvidenceUpload
from hatecrime.reporting.evidence_store import (
    evidence_storage,
    new_stored_name,
    read_evidence,
    rotate_evidence_files,
)
from hatecrime.reporting.jobs import delete_orphan_evidence
from hatecrime.reporting.models import Evidence, Report
from pdf_files import letter_pdf
from reporting.test_evidence import PAYLOAD

pytestmark = pytest.mark.django_db

MARKER = "Letter signed Quillon Vantablack"


def test_a_file_sent_through_the_api_is_stored_encrypted(client, evidence_store):
    pdf = letter_pdf(MARKER)
    body = {
        **PAYLOAD,
        "evidence": [{"name": "note.pdf", "content_base64": base64.b64encode(pdf).decode()}],
    }
    response = client.post(
        "/api/v1/reports", data=json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 201, response.content
    evidence = Evidence.objects.get()
    assert evidence_store.names() == {evidence.stored_name}
    held = evidence_store.raw(evidence.stored_name)
    assert MARKER.encode() not in held and b"%PDF" not in held  # ciphertext, not the file
    assert read_evidence(evidence.stored_name) == pdf


def test_a_photo_added_in_the_journey_is_in_the_store_once_the_report_is_sent(
    client, evidence_store, time_machine
):
    time_machine.move_to("2026-11-20 10:00 +0000", tick=False)
    walk(client, GRACE, until="evidence")
    upload = SimpleUploadedFile("door.png", png(), content_type="image/png")
    client.post("/report/evidence/", {"action": "upload", "upload": [upload]})
    assert evidence_store.names() == set()  # a draft's files stay with the draft
    walk(client, {k: v for k, v in GRACE.items() if k in {"evidence", "support", "contact"}})
    response = client.post("/report/submit/")
    assert response["Location"] == "/report/confirmation/"
    evidence = Evidence.objects.get()
    assert evidence_store.names() == {evidence.stored_name}
    assert b"PNG" not in evidence_store.raw(evidence.stored_name)


def test_staff_open_a_file_through_the_audited_view(client, alice, evidence_store):
    case = make_case_with_evidence("hackney")
    photo = photo_of(case)
    client.force_login(alice)
    response = client.get(f"/staff/cases/{case.report.reference}/evidence/{photo.pk}/")
    assert response.status_code == 200
    assert response.content == png()
    event = AuditEvent.objects.order_by("seq").last()
    assert (event.kind, event.detail) == ("consult", {"evidence": photo.pk})


def test_a_report_that_is_not_stored_leaves_no_file(evidence_store, monkeypatch):
    def broken(*args, **kwargs):
        raise OperationalError("disk I/O error")

    monkeypatch.setattr(actions, "record_event", broken)
    monkeypatch.setattr(actions, "RETRY_PAUSE_SECONDS", 0)
    uploads = [EvidenceUpload("a.pdf", letter_pdf()), EvidenceUpload("b.png", png())]
    with pytest.raises(ReportNotStored):
        do_submit_report(payload=PAYLOAD, evidence=uploads, channel="online", actor=None)
    assert not Report.objects.exists()
    assert evidence_store.names() == set()


def test_an_orphan_is_swept_once_it_is_an_hour_old(evidence_store, time_machine):
    submitted = do_submit_report(
        payload=PAYLOAD, evidence=[EvidenceUpload("a.pdf", letter_pdf())], channel="online",
        actor=None,
    )  # fmt: skip
    kept = Evidence.objects.get(report=submitted.report).stored_name
    orphan = new_stored_name()
    evidence_store.put_raw(orphan, b"left by a worker that died before its commit")
    evidence_store.put_raw("README", b"not ours")
    assert delete_orphan_evidence() == 0  # its report may still be in its transaction
    time_machine.move_to(timezone.now() + dt.timedelta(hours=2))
    assert delete_orphan_evidence() == 1
    assert evidence_store.names() == {kept, "README"}


def test_disposal_deletes_the_file(evidence_store, django_capture_on_commit_callbacks):
    case = make_case_with_evidence("hackney")
    assert len(evidence_store.names()) == 2
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        dispose_of_case(actor=None, case=case, reason="retention review")
    assert evidence_store.names() == set()


def test_no_file_has_a_url(evidence_store):
    case = make_case_with_evidence("hackney")
    with pytest.raises(ValueError, match="no URL"):
        evidence_storage().url(photo_of(case).stored_name)


def test_objects_in_the_bucket_are_private(evidence_store):
    if evidence_store.kind != "s3":
        pytest.skip("a folder's privacy is its mode: test_encryption_at_rest, test_deployment")
    case = make_case_with_evidence("hackney")
    acl = evidence_store.client.get_object_acl(
        Bucket=evidence_store.bucket, Key=photo_of(case).stored_name
    )
    grantees = [grant["Grantee"] for grant in acl["Grants"]]
    assert [g["Type"] for g in grantees] == ["CanonicalUser"]  # the owner, and nobody else
    assert acl["Grants"][0]["Permission"] == "FULL_CONTROL"


def test_a_new_key_rewrites_the_file_in_place(evidence_store, settings):
    pdf = letter_pdf(MARKER)
    submitted = do_submit_report(
        payload=PAYLOAD, evidence=[EvidenceUpload("a.pdf", pdf)], channel="online", actor=None
    )
    name = Evidence.objects.get(report=submitted.report).stored_name
    before = evidence_store.raw(name)
    old = settings.HATECRIME_ENCRYPTION_KEYS
    settings.HATECRIME_ENCRYPTION_KEYS = f"k2:{base64.urlsafe_b64encode(b'n' * 32).decode()},{old}"
    assert rotate_evidence_files() == 1
    settings.HATECRIME_ENCRYPTION_KEYS = settings.HATECRIME_ENCRYPTION_KEYS.split(",")[0]
    assert evidence_store.names() == {name}  # the same name, not a second file
    assert evidence_store.raw(name) != before
    assert read_evidence(name) == pdf
