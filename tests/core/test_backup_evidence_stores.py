"""`hatecrime backup` and `restore` with evidence in a folder or in an S3 bucket (ADR 0751): the
backup holds the stored (encrypted) bytes of every evidence file, read through the storage, and
the restore writes them back into an empty store."""

import io

import pytest
from django.core.management import CommandError, call_command

from cases.evidence_files import PDF, png
from cases.factories import VICTIM_REPORT
from core.test_backup import empty_the_database
from hatecrime.reporting.actions import do_submit_report
from hatecrime.reporting.evidence import EvidenceUpload
from hatecrime.reporting.evidence_store import read_evidence
from hatecrime.reporting.models import Evidence

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def stored(evidence_store):
    """A report with a photo and a PDF, and something in the store that is not evidence."""
    do_submit_report(
        payload=VICTIM_REPORT, channel="online", actor=None,
        evidence=[EvidenceUpload("photo.png", png()), EvidenceUpload("letter.pdf", PDF)],
    )  # fmt: skip
    evidence_store.put_raw("README", b"not evidence")
    names = sorted(Evidence.objects.values_list("stored_name", flat=True))
    return {name: evidence_store.raw(name) for name in names}


def test_the_backup_holds_the_stored_bytes_and_the_restore_puts_them_back(
    evidence_store, stored, tmp_path
):
    photo = Evidence.objects.get(content_type="image/png").stored_name
    call_command("backup", str(tmp_path / "backup"), stdout=io.StringIO())
    copied = {p.name: p.read_bytes() for p in (tmp_path / "backup" / "evidence").iterdir()}
    assert copied == stored  # ciphertext as stored; the README is not evidence

    empty_the_database()
    evidence_store.clear()
    call_command("restore", str(tmp_path / "backup"), stdout=io.StringIO())
    assert evidence_store.names() == set(stored)
    assert {name: evidence_store.raw(name) for name in stored} == stored
    assert read_evidence(photo) == png()


def test_a_restore_into_a_store_that_still_holds_files_is_refused(evidence_store, stored, tmp_path):
    call_command("backup", str(tmp_path / "backup"), stdout=io.StringIO())
    empty_the_database()
    with pytest.raises(CommandError, match=r"evidence store \(folder or bucket\) is not empty"):
        call_command("restore", str(tmp_path / "backup"))
    # Nothing was loaded: once the store is emptied the same backup restores.
    evidence_store.clear()
    call_command("restore", str(tmp_path / "backup"), stdout=io.StringIO())
    assert evidence_store.names() == set(stored)
