"""The reporting sweeps: old idempotency answers, old tracking attempts, orphan evidence files."""

import datetime as dt
import os
import time
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.utils import timezone

from hatecrime.core.scheduler import JOBS
from hatecrime.reporting.actions import do_submit_report
from hatecrime.reporting.evidence import EvidenceUpload
from hatecrime.reporting.evidence_store import new_stored_name
from hatecrime.reporting.jobs import (
    delete_orphan_evidence_job,
    prune_idempotency_records_job,
    prune_tracking_attempts_job,
)
from hatecrime.reporting.models import Evidence, IdempotencyRecord, TrackingAttempt
from hatecrime.reporting.tracking import do_track
from pdf_files import letter_pdf

PAYLOAD = {
    "reporter_role": "victim",
    "anonymous": True,
    "what_happened": "Hate mail through the door",
    "occurred_on": "2026-11-01",
    "borough": "hackney",
    "motivations": ["race"],
}
PDF = letter_pdf()


def test_the_sweeps_are_registered_with_the_scheduler():
    assert {
        "reporting.prune_idempotency_records",
        "reporting.prune_tracking_attempts",
        "reporting.delete_orphan_evidence",
    } <= set(JOBS)


@pytest.mark.django_db
def test_idempotency_answers_are_forgotten_after_the_configured_hours(settings):
    settings.HATECRIME_IDEMPOTENCY_KEEP_HOURS = 6
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        do_submit_report(payload=PAYLOAD, channel="api", actor=None, idempotency_key="api:old")
    with time_machine.travel(start + dt.timedelta(hours=5), tick=False):
        do_submit_report(payload=PAYLOAD, channel="api", actor=None, idempotency_key="api:new")
    with time_machine.travel(start + dt.timedelta(hours=6, minutes=1), tick=False):
        assert prune_idempotency_records_job.call() == 1
        assert prune_idempotency_records_job.call() == 0
    assert list(IdempotencyRecord.objects.values_list("key", flat=True)) == ["api:new"]


@pytest.mark.django_db
def test_failed_tracking_attempts_are_pruned_after_a_day():
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        do_track(reference="HC-2222-2222", tracking_code="nope", client_ip="203.0.113.1")
    with time_machine.travel(start + dt.timedelta(hours=20), tick=False):
        do_track(reference="HC-3333-3333", tracking_code="nope", client_ip="203.0.113.1")
    with time_machine.travel(start + dt.timedelta(hours=24, minutes=1), tick=False):
        assert prune_tracking_attempts_job.call() == 1
    assert TrackingAttempt.objects.count() == 1


def evidence_root() -> Path:
    return Path(settings.EVIDENCE_ROOT)


def _age(path, seconds):
    then = time.time() - seconds
    os.utime(path, (then, then))


@pytest.mark.django_db
def test_an_evidence_file_without_its_report_is_deleted_once_an_hour_old():
    submitted = do_submit_report(
        payload=PAYLOAD, evidence=[EvidenceUpload("x.pdf", PDF)], channel="online", actor=None
    )
    kept = evidence_root() / Evidence.objects.get(report=submitted.report).stored_name
    orphan = evidence_root() / new_stored_name()
    orphan.write_bytes(b"left by a worker that died before its commit")
    temporary = evidence_root() / f".{new_stored_name()}.tmp"
    temporary.write_bytes(b"half written")
    recent = evidence_root() / new_stored_name()
    recent.write_bytes(b"its report may still be in its transaction")
    unrelated = evidence_root() / "README.txt"
    unrelated.write_bytes(b"not ours")
    for path in (kept, orphan, temporary, unrelated):
        _age(path, 2 * 60 * 60)
    _age(recent, 30 * 60)

    assert delete_orphan_evidence_job.call() == 2
    assert not orphan.exists() and not temporary.exists()
    assert kept.exists() and recent.exists() and unrelated.exists()


def test_the_orphan_sweep_does_nothing_when_there_is_no_evidence_folder(settings, tmp_path):
    settings.EVIDENCE_ROOT = tmp_path / "missing"
    assert delete_orphan_evidence_job.call() == 0
