"""Every row of a submission is built before the write transaction: inside it, only INSERTs of
prepared rows and one read of the audit chain's end. The split keeps every guarantee."""

import pytest
from django.db import OperationalError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from hatecrime.audit.actions import verify_chain
from hatecrime.audit.models import AuditEvent
from hatecrime.cases.actions.opening import (
    insert_case_opening,
    open_case_for_report,
    prepare_case_for_report,
)
from hatecrime.cases.models import Case, CaseIdentifier, Clock
from hatecrime.core.models import Area
from hatecrime.core.rows import prepare_insert, write_prepared
from hatecrime.reporting import actions
from hatecrime.reporting.actions import do_submit_report
from hatecrime.reporting.models import Report

PAYLOAD = {
    "reporter_role": "victim",
    "anonymous": False,
    "what_happened": "Abuse shouted at the bus stop",
    "occurred_on": "2026-11-01",
    "borough": "hackney",
    "motivations": ["race"],
    "contact": {"name": "Grace Example", "email": "grace@example.invalid"},
    "suspects": {"names": ["Someone Example"]},
}


def _report() -> Report:
    return Report(
        reference="HC-PREP-0001",
        tracking_code_hash="x" * 64,
        submitted_at=timezone.now(),
        channel="api",
        reporter_role="victim",
        anonymous=False,
        language="en-gb",
        area=Area.objects.get(slug="hackney"),
        occurred_on="2026-11-01",
        online=False,
        motivations=["race"],
        behaviours=[],
        submitted={"raw": PAYLOAD, "cleaned": PAYLOAD},  # type: ignore[misc]
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_submit_transaction_only_inserts_prepared_rows_and_reads_the_chain_end(monkeypatch):
    do_submit_report(payload=PAYLOAD, channel="api", actor=None)  # caches filled
    inside: list[list[str]] = []
    real_store = actions._store

    def watched_store(prepared):
        with CaptureQueriesContext(connection) as queries:
            result = real_store(prepared)
        inside.append([q["sql"] for q in queries.captured_queries])
        return result

    monkeypatch.setattr(actions, "_store", watched_store)
    submitted = do_submit_report(payload=PAYLOAD, channel="api", actor=None)
    statements = inside[0]
    reads = [sql for sql in statements if not sql.startswith("INSERT")]
    assert [sql.split()[0] for sql in reads] in (["SELECT"], ["SELECT", "SELECT"])
    assert all("audit_auditevent" in sql or "pg_advisory_xact_lock" in sql for sql in reads)
    tables = {sql.split()[2].strip('"') for sql in statements if sql.startswith("INSERT")}
    assert tables == {
        "reporting_report",
        "cases_case",
        "cases_clock",
        "cases_caseidentifier",
        "cases_casesearchkey",
        "audit_auditevent",
    }
    case = Case.objects.get(report__reference=submitted.reference)
    assert case.clocks.count() == 1
    assert case.identifiers.filter(kind="suspect_name").exists()
    assert verify_chain() == []


@pytest.mark.django_db
def test_a_case_prepared_before_its_report_is_written_refers_to_it_once_written():
    report = _report()
    report_row = prepare_insert(report)
    prepared = prepare_case_for_report(report)
    assert prepared.case.report_id is None
    with transaction.atomic():
        write_prepared(report_row)
        case = insert_case_opening(prepared)
    stored = Case.objects.get(pk=case.pk)
    assert stored.report_id == report.pk
    assert Clock.objects.filter(case=stored).count() == len(prepared.clocks) == 1
    assert CaseIdentifier.objects.filter(case=stored).count() == len(prepared.identifiers) > 0


@pytest.mark.django_db
def test_a_case_cannot_be_written_before_its_report():
    prepared = prepare_case_for_report(_report())
    with pytest.raises(ValueError, match="unsaved Report"):
        insert_case_opening(prepared)
    assert not Case.objects.exists()


@pytest.mark.django_db
def test_opening_a_case_in_one_call_still_works_for_a_saved_report():
    report = _report()
    report.save()
    case = open_case_for_report(report)
    assert Case.objects.get(report=report).pk == case.pk
    assert case.first_contact_due_at > report.submitted_at


@pytest.mark.django_db
def test_a_failed_submission_leaves_no_event_and_the_retry_chains_correctly(monkeypatch):
    real = actions.append_event
    calls = []

    def once_broken(prepared):
        calls.append(prepared)
        if len(calls) == 1:
            raise OperationalError("database is locked")
        return real(prepared)

    monkeypatch.setattr(actions, "append_event", once_broken)
    with pytest.raises(actions.ReportNotStored):  # inside the test's transaction: no retry
        do_submit_report(payload=PAYLOAD, channel="api", actor=None)
    assert not Report.objects.exists()
    assert not AuditEvent.objects.filter(kind="collect").exists()
    do_submit_report(payload=PAYLOAD, channel="api", actor=None)
    assert AuditEvent.objects.filter(kind="collect").count() == 1
    assert verify_chain() == []
