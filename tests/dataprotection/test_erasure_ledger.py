"""The erasure ledger: a disposal writes `date reference` to a file outside the database; after
the database is restored from an older copy, `hatecrime reapply_erasures` (also run hourly by
the worker) disposes again of every listed case whose personal data the restore brought back."""

import copy

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError

from dataprotection.closed_cases import MARKERS, closed_case, london
from hatecrime.audit.models import AuditEvent
from hatecrime.cases.models import Case, CaseIdentifier, Contact, ReportAddition
from hatecrime.core.scheduler import JOBS
from hatecrime.dataprotection.actions import reapply_erasures
from hatecrime.dataprotection.models import CaseRetention, Erasure, RetentionDecision
from hatecrime.reporting.evidence_store import read_evidence, write_encrypted
from hatecrime.reporting.models import Evidence, Report

pytestmark = pytest.mark.django_db

SIX_YEARS_ON = london(2032, 11, 22, 9, 0)


def _backup(case: Case) -> list:
    """A copy of every row disposal changes or deletes, as a nightly backup holds them, with
    the evidence files' bytes."""
    rows = [Report.objects.get(pk=case.report_id), Case.objects.get(pk=case.pk)]
    rows += list(Contact.objects.filter(case=case))
    rows += list(ReportAddition.objects.filter(case=case))
    rows += list(CaseIdentifier.objects.filter(case=case))
    rows += list(CaseRetention.objects.filter(case=case))
    evidence = list(Evidence.objects.filter(report_id=case.report_id))
    files = {e.stored_name: read_evidence(e.stored_name) for e in evidence}
    return [copy.deepcopy(rows), copy.deepcopy(evidence), files]


def _restore(backup, settings) -> None:
    """Put the database back as the backup had it: rows re-inserted or overwritten, the rows
    that did not exist yet (the disposal's decision and erasure) gone, the files back."""
    rows, evidence, files = backup
    for row in rows:
        row.save()  # an UPDATE, or an INSERT for the rows disposal deleted
    for item in evidence:
        item.save(force_insert=True)
    RetentionDecision.objects.all().delete()
    Erasure.objects.all().delete()
    root = settings.EVIDENCE_ROOT
    for name, content in files.items():
        write_encrypted(name, content)
        assert (root / name).exists()


def _dispose(client, hannah, case, capture):
    with time_machine.travel(SIX_YEARS_ON, tick=False):
        client.force_login(hannah)
        with capture(execute=True):
            response = client.post(
                f"/staff/records/cases/{case.reference}/review/",
                {"version": Case.objects.get(pk=case.pk).version, "decision": "dispose",
                 "reason": "No longer needed"},
            )  # fmt: skip
    assert response.status_code == 302


def _personal_data_is_gone(case, settings) -> None:
    report = Report.objects.get(pk=case.report_id)
    assert report.submitted == {}
    assert not Evidence.objects.filter(report=report).exists()
    assert not list(settings.EVIDENCE_ROOT.iterdir())
    assert not CaseIdentifier.objects.filter(case=case).exists()
    assert set(Contact.objects.filter(case=case).values_list("outcome", flat=True)) == {""}
    assert set(ReportAddition.objects.filter(case=case).values_list("text", flat=True)) == {""}


def test_a_restore_is_followed_by_the_erasures_again(
    client, alice, hannah, settings, django_capture_on_commit_callbacks, capsys
):
    with time_machine.travel(london(2026, 11, 20, 10, 0), tick=False):
        case = closed_case(alice)
    backup = _backup(case)
    _dispose(client, hannah, case, django_capture_on_commit_callbacks)
    _personal_data_is_gone(case, settings)

    _restore(backup, settings)
    report = Report.objects.get(pk=case.report_id)
    assert report.answers["contact"]["name"] == "Vera Victim"  # the restore brought it back
    assert Evidence.objects.filter(report=report).exists()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("reapply_erasures")
    assert f"erased again: {case.reference}" in capsys.readouterr().out
    _personal_data_is_gone(case, settings)
    assert CaseRetention.objects.get(case=case).disposed_at is not None
    assert Erasure.objects.filter(reference=case.reference).exists()
    erase = AuditEvent.objects.filter(kind="erase", object_id=case.reference).last()
    assert (erase.actor_label, erase.detail["reason"]) == ("system", "erasure_ledger_reapplied")
    text = str([erase.fields, erase.detail])
    assert not any(marker in text for marker in MARKERS)
    # Once is enough: running it again finds nothing to do, and the ledger has one line.
    assert reapply_erasures() == []
    assert settings.HATECRIME_ERASURE_LEDGER_FILE.read_text().count(case.reference) == 1


def test_the_ledger_gains_an_erasure_its_file_missed(
    client, alice, hannah, settings, django_capture_on_commit_callbacks
):
    """A crash between the commit and the file write: the next run writes the line."""
    with time_machine.travel(london(2026, 11, 20, 10, 0), tick=False):
        case = closed_case(alice)
    _dispose(client, hannah, case, django_capture_on_commit_callbacks)
    ledger = settings.HATECRIME_ERASURE_LEDGER_FILE
    ledger.unlink()
    assert reapply_erasures() == []
    assert ledger.read_text() == f"2032-11-22 {case.reference}\n"


def test_a_damaged_ledger_stops_the_command(settings):
    settings.HATECRIME_ERASURE_LEDGER_FILE.write_text("not a ledger line\n")
    with pytest.raises(CommandError, match="line 1"):
        call_command("reapply_erasures")


def test_the_ledger_holds_only_references_and_dates(
    client, alice, hannah, settings, django_capture_on_commit_callbacks
):
    with time_machine.travel(london(2026, 11, 20, 10, 0), tick=False):
        case = closed_case(alice)
    _dispose(client, hannah, case, django_capture_on_commit_callbacks)
    (line,) = settings.HATECRIME_ERASURE_LEDGER_FILE.read_text().splitlines()
    assert line.split() == ["2032-11-22", case.reference]
    assert oct(settings.HATECRIME_ERASURE_LEDGER_FILE.stat().st_mode & 0o777) == "0o600"


def test_the_worker_reapplies_the_ledger_every_hour():
    job = JOBS["dataprotection.reapply_erasures"]
    assert job.every.total_seconds() == 3600
    assert job.task.call() == []  # nothing to re-apply in an empty database
