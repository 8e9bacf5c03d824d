"""Digests of report bodies and evidence files are keyed (HMAC with the blind-index key, not in
the database), never plain SHA-256, and the migration keys the plain ones stored before
(docs/adr/0531-keyed-digests.md)."""

import hashlib
import importlib
import json

import pytest
from django.apps import apps

from hatecrime.core import crypto
from hatecrime.reporting.actions import do_submit_report
from hatecrime.reporting.evidence import EVIDENCE_DIGEST_PURPOSE, EvidenceUpload
from hatecrime.reporting.evidence_store import read_evidence
from hatecrime.reporting.idempotency import BODY_DIGEST_PURPOSE, hash_body
from hatecrime.reporting.models import Evidence, IdempotencyRecord
from pdf_files import letter_pdf

pytestmark = pytest.mark.django_db

upgrade = importlib.import_module("hatecrime.reporting.migrations.0008_keyed_digests")

PAYLOAD = {
    "reporter_role": "victim",
    "anonymous": True,
    "what_happened": "Hate mail through the door",
    "occurred_on": "2026-11-01",
    "borough": "hackney",
    "motivations": ["race"],
}


@pytest.fixture
def other_key(settings):
    crypto._blind_key.cache_clear()
    settings.HATECRIME_BLIND_INDEX_KEY = "another-blind-index-key-for-this-test"
    yield
    crypto._blind_key.cache_clear()


def test_an_evidence_digest_is_keyed_and_no_plain_sha256_is_stored():
    pdf = letter_pdf("letter")
    submitted = do_submit_report(
        payload=PAYLOAD, evidence=[EvidenceUpload("x.pdf", pdf)], channel="online", actor=None
    )
    evidence = Evidence.objects.get(report=submitted.report)
    content = read_evidence(evidence.stored_name)
    assert evidence.digest != hashlib.sha256(content).hexdigest()
    assert evidence.digest == crypto.keyed_digest(content, purpose=EVIDENCE_DIGEST_PURPOSE)


def test_a_body_digest_depends_on_the_key(other_key, settings):
    body = [PAYLOAD, []]
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), default=str).encode()
    keyed = hash_body(body)
    assert keyed != hashlib.sha256(canonical).hexdigest()
    crypto._blind_key.cache_clear()
    settings.HATECRIME_BLIND_INDEX_KEY = "yet-another-key"
    assert hash_body(body) != keyed


def test_the_migration_keys_the_plain_digests_stored_before():
    content = b"an evidence file"
    canonical = b'{"a":1}'
    submitted = do_submit_report(payload=PAYLOAD, evidence=[], channel="online", actor=None)
    evidence = Evidence.objects.create(
        report=submitted.report,
        stored_name="legacy",
        original_name="x.pdf",
        content_type="application/pdf",
        size=len(content),
        digest=hashlib.sha256(content).hexdigest(),
    )
    record = IdempotencyRecord.objects.create(
        key="legacy-key",
        body_hash=hashlib.sha256(canonical).hexdigest(),
        status="done",
        created_at=submitted.report.submitted_at,
    )
    upgrade.key_digests(apps, None)
    evidence.refresh_from_db()
    record.refresh_from_db()
    # Exactly what a new upload or request with the same bytes gets: replays keep working.
    assert evidence.digest == crypto.keyed_digest(content, purpose=EVIDENCE_DIGEST_PURPOSE)
    assert record.body_hash == crypto.keyed_digest(canonical, purpose=BODY_DIGEST_PURPOSE)
    assert hashlib.sha256(content).hexdigest() not in {evidence.digest, record.body_hash}
