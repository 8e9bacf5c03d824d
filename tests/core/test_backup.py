"""Backup and restore (issue 14, item 7): `hatecrime backup` writes the database, the evidence
files and a manifest with checksums (never the keys); `hatecrime restore` into an empty
deployment brings back every report, case, evidence file and audit event, checks the audit
chain and the counts, and refuses a damaged backup or a deployment that is not empty."""

import datetime as dt
import io
import json
import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection
from PIL import Image

from cases.factories import VICTIM_REPORT
from hatecrime.audit.actions import verify_chain
from hatecrime.audit.models import AuditEvent
from hatecrime.audit.triggers import allow_flush
from hatecrime.cases.models import Case
from hatecrime.dataprotection.actions import append_to_ledger
from hatecrime.reporting.actions import do_submit_report
from hatecrime.reporting.evidence import EvidenceUpload
from hatecrime.reporting.evidence_store import read_evidence
from hatecrime.reporting.models import Evidence, Report

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def photo() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (6, 6), "blue").save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def deployment():
    """Two reports (one with a photo), their cases and audit events."""
    with_photo = do_submit_report(
        payload=VICTIM_REPORT, channel="online", actor=None,
        evidence=[EvidenceUpload("photo.png", photo(), "image/png")],
    )  # fmt: skip
    do_submit_report(
        payload={**VICTIM_REPORT, "borough": "hackney", "what_happened": "Spat at on the bus"},
        channel="online",
        actor=None,
    )
    return with_photo.reference


def empty_the_database() -> None:
    """What a new deployment has: on PostgreSQL a database without tables, on SQLite a
    database without data."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    else:
        with allow_flush():
            call_command("flush", interactive=False, verbosity=0)


def empty_the_deployment() -> None:
    """An empty database and an empty evidence folder."""
    empty_the_database()
    shutil.rmtree(settings.EVIDENCE_ROOT, ignore_errors=True)
    Path(settings.EVIDENCE_ROOT).mkdir(parents=True)


def back_up(tmp_path) -> Path:
    target = tmp_path / "backup"
    call_command("backup", str(target), stdout=io.StringIO())
    return target


def test_a_backup_restored_into_an_empty_deployment_has_everything(deployment, tmp_path):
    before = {
        "reports": sorted(Report.objects.values_list("reference", flat=True)),
        "cases": Case.objects.count(),
        "evidence": list(Evidence.objects.values_list("stored_name", flat=True)),
        "audit": AuditEvent.objects.count(),
    }
    photo_bytes = read_evidence(before["evidence"][0])
    backup = back_up(tmp_path)
    manifest = json.loads((backup / "manifest.json").read_text())
    assert manifest["counts"]["reports"] == 2 and manifest["keys_included"] is False
    assert oct(backup.stat().st_mode)[-3:] == "700"

    empty_the_deployment()
    out = io.StringIO()
    call_command("restore", str(backup), stdout=out)
    assert "audit chain intact" in out.getvalue()

    assert sorted(Report.objects.values_list("reference", flat=True)) == before["reports"]
    assert Case.objects.count() == before["cases"] == 2
    assert list(Evidence.objects.values_list("stored_name", flat=True)) == before["evidence"]
    assert read_evidence(before["evidence"][0]) == photo_bytes  # decrypts with the same keys
    assert AuditEvent.objects.count() == before["audit"]
    assert not verify_chain().problems
    report = Report.objects.get(reference=deployment)
    assert report.answers["what_happened"] == VICTIM_REPORT["what_happened"]


def test_the_backup_holds_no_key(deployment, tmp_path):
    backup = back_up(tmp_path)
    keys = [
        os.environ["HATECRIME_ENCRYPTION_KEYS"].split(":", 1)[1],
        os.environ["HATECRIME_BLIND_INDEX_KEY"],
        os.environ["HATECRIME_AUDIT_KEY"].split(":", 1)[1],
        settings.SECRET_KEY,
    ]
    for path in backup.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert not any(key.encode() in data for key in keys), path.name
    # And the personal data in it is encrypted, as in the database.
    database = next(p for p in backup.iterdir() if p.name.startswith("database"))
    assert VICTIM_REPORT["contact"]["email"].encode() not in database.read_bytes()


def test_a_damaged_backup_is_refused_before_anything_changes(deployment, tmp_path):
    backup = back_up(tmp_path)
    evidence = next(p for p in (backup / "evidence").rglob("*") if p.is_file())
    intact = evidence.read_bytes()
    evidence.write_bytes(intact + b"x")
    empty_the_deployment()
    with pytest.raises(CommandError, match="missing or changed since the backup"):
        call_command("restore", str(backup))
    assert not any(Path(settings.EVIDENCE_ROOT).iterdir())
    # Nothing was changed: the same (now intact) backup restores into the same deployment.
    evidence.write_bytes(intact)
    call_command("restore", str(backup), stdout=io.StringIO())
    assert Report.objects.count() == 2


def test_restoring_over_a_deployment_that_has_reports_is_refused(deployment, tmp_path):
    backup = back_up(tmp_path)
    with pytest.raises(CommandError, match="database is not empty"):
        call_command("restore", str(backup))
    assert Report.objects.count() == 2


def test_a_directory_that_is_not_a_backup_is_a_one_line_error(tmp_path):
    with pytest.raises(CommandError, match=r"is not a backup: no manifest\.json"):
        call_command("restore", str(tmp_path))


def test_a_backup_needs_a_new_directory(deployment, tmp_path):
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "something").write_text("x")
    with pytest.raises(CommandError, match="is not empty: give a new directory"):
        call_command("backup", str(tmp_path / "old"))


def test_a_disposal_made_after_the_backup_is_made_again_by_the_restore(deployment, tmp_path):
    backup = back_up(tmp_path)
    # After the backup, the case is disposed of: the erasure ledger (kept apart) records it.
    append_to_ledger([(dt.date.today(), deployment)])
    empty_the_deployment()
    out = io.StringIO()
    call_command("restore", str(backup), stdout=out)
    assert "erased again from the erasure ledger: 1" in out.getvalue()
    report = Report.objects.get(reference=deployment)
    assert VICTIM_REPORT["what_happened"] not in json.dumps(report.answers)
    assert not Evidence.objects.filter(report=report).exists()
    assert AuditEvent.objects.filter(kind="erase", object_id=deployment).exists()
