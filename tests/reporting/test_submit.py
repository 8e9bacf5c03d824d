"""do_submit_report: one transaction, one case, one audit event, nothing half-stored."""

import threading

import pytest
from django.db import OperationalError, connection

from hatecrime.audit.models import AuditEvent
from hatecrime.cases.models import Case, CaseIdentifier
from hatecrime.reporting import actions
from hatecrime.reporting.actions import ReportNotStored, do_submit_report
from hatecrime.reporting.idempotency import IdempotencyConflict
from hatecrime.reporting.models import Report

NARRATIVE = "Zebedee Quartermain shouted abuse outside the launderette"


def payload(**changes):
    body = {
        "reporter_role": "on_behalf",
        "on_behalf": {"relationship": "friend", "victim_knows": "yes", "victim_agrees": "yes"},
        # The victim may be contacted (reporting/people.py): so the first-contact clock runs.
        "victim_agrees_to_contact": "yes",
        "anonymous": False,
        "what_happened": NARRATIVE,
        "occurred_on": "2026-11-01",
        "borough": "camden",
        "motivations": ["religion", "race"],
        "contact": {"name": "Philippa Drinkwater", "email": "pd@example.com"},
        "victim": {"name": "Ottoline Ashdown", "phone": "07700 900123"},
        "suspects": {"names": ["Zebedee Quartermain"], "handles": ["@zq"]},
    }
    body.update(changes)
    return body


@pytest.mark.django_db
def test_it_stores_the_report_and_opens_a_case_in_the_borough_queue(carl):
    submitted = do_submit_report(payload=payload(), channel="phone", actor=carl)
    report = Report.objects.get(reference=submitted.reference)
    assert report.submitted["cleaned"]["what_happened"] == NARRATIVE
    assert report.submitted["raw"] == payload()
    assert report.submitted_by == carl
    case = Case.objects.get(report=report)
    assert case.area.slug == "camden"
    assert case.first_contact_due_at - case.opened_at == actions.FIRST_CONTACT_WITHIN


@pytest.mark.django_db
def test_it_writes_one_collect_event_without_personal_data():
    submitted = do_submit_report(payload=payload(), channel="online", actor=None)
    event = AuditEvent.objects.get(kind="collect")
    assert event.actor_label == "public"
    assert event.object_id == submitted.reference
    assert "what_happened" in event.fields
    stored = str(event.__dict__)
    for secret in ("Quartermain", "Drinkwater", "pd@example.com", "07700"):
        assert secret not in stored


@pytest.mark.django_db
def test_it_keeps_blind_indexes_for_linking():
    submitted = do_submit_report(payload=payload(), channel="online", actor=None)
    kinds = set(
        CaseIdentifier.objects.filter(case__report=submitted.report).values_list("kind", flat=True)
    )
    assert kinds == {"victim_phone", "suspect_name", "suspect_handle"}


@pytest.mark.django_db
def test_an_anonymous_report_keeps_nothing_identifying():
    body = {
        "reporter_role": "victim",
        "anonymous": True,
        "what_happened": "Abuse at the bus stop",
        "occurred_on": "2026-11-01",
        "borough": "hackney",
        "motivations": ["race"],
    }
    submitted = do_submit_report(payload=body, channel="online", actor=None)
    report = submitted.report
    assert report.submitted_by is None
    assert not CaseIdentifier.objects.filter(case__report=report).exists()
    assert set(report.submitted) == {"raw", "cleaned"}
    assert report.submitted["raw"] == body


@pytest.mark.django_db
def test_the_tracking_code_is_not_stored(db):
    submitted = do_submit_report(payload=payload(), channel="online", actor=None)
    report = Report.objects.get()
    assert submitted.tracking_code not in str(report.__dict__)
    assert report.tracking_code_hash != submitted.tracking_code


@pytest.mark.django_db
def test_a_database_failure_stores_nothing(monkeypatch):
    calls = []

    def broken(report):
        calls.append(report)
        raise OperationalError("database is locked")

    monkeypatch.setattr(actions, "open_case_for_report", broken)
    monkeypatch.setattr(actions, "RETRY_PAUSE_SECONDS", 0)
    with pytest.raises(ReportNotStored):
        do_submit_report(payload=payload(), channel="online", actor=None, idempotency_key="web:1")
    assert len(calls) == 1  # inside the test's transaction a retry is impossible
    assert not Report.objects.exists()
    assert not AuditEvent.objects.filter(kind="collect").exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_brief_database_failure_is_retried(monkeypatch):
    real = actions.open_case_for_report
    failures = [OperationalError("database is locked")]

    def flaky(report):
        if failures:
            raise failures.pop()
        return real(report)

    monkeypatch.setattr(actions, "open_case_for_report", flaky)
    monkeypatch.setattr(actions, "RETRY_PAUSE_SECONDS", 0)
    submitted = do_submit_report(payload=payload(), channel="online", actor=None)
    assert Report.objects.get().reference == submitted.reference
    assert Case.objects.count() == 1


@pytest.mark.django_db
def test_the_same_key_with_another_body_is_a_conflict():
    do_submit_report(payload=payload(), channel="online", actor=None, idempotency_key="web:d1")
    with pytest.raises(IdempotencyConflict):
        do_submit_report(
            payload=payload(what_happened="Other"),
            channel="online",
            actor=None,
            idempotency_key="web:d1",
        )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_duplicates_store_one_report():
    barrier = threading.Barrier(6)
    outcomes: list[str] = []

    def submit():
        try:
            barrier.wait()
            result = do_submit_report(
                payload=payload(), channel="api", actor=None, idempotency_key="api:same"
            )
            outcomes.append(result.reference)
        except Exception as error:
            outcomes.append(type(error).__name__)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert Report.objects.count() == 1
    reference = Report.objects.get().reference
    assert set(outcomes) <= {reference, "IdempotencyInFlight"}
    assert reference in outcomes
