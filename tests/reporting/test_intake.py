"""The intake is plain ORM work in one transaction: signals and `save()` run for it as for the
rest of the case work, a failure stores nothing, and what it writes is what it answers."""

from typing import Any

import pytest
from django.db import OperationalError
from django.db.models.signals import post_save

from hatecrime.audit.actions import verify_chain
from hatecrime.audit.models import AuditEvent
from hatecrime.cases.models import Case
from hatecrime.core.models import Area
from hatecrime.reporting import actions
from hatecrime.reporting.actions import ReportNotStored, do_submit_report
from hatecrime.reporting.models import Report

PAYLOAD = {
    "reporter_role": "victim",
    "anonymous": False,
    "what_happened": "Abuse shouted at the bus stop",
    "occurred_on": "2026-11-01",
    "borough": "camden",
    "motivations": ["race"],
    "contact": {"name": "Grace Example", "email": "grace@example.invalid"},
    "suspects": {"names": ["Someone Example"]},
}


@pytest.mark.django_db
def test_post_save_receivers_on_report_and_case_run_for_intake():
    seen: list[tuple[str, bool]] = []

    def on_report(sender: type, instance: Report, created: bool, **kwargs: Any) -> None:
        seen.append((instance.reference, created))

    def on_case(sender: type, instance: Case, created: bool, **kwargs: Any) -> None:
        seen.append((f"case of {instance.report.reference}", created))

    post_save.connect(on_report, sender=Report)
    post_save.connect(on_case, sender=Case)
    try:
        submitted = do_submit_report(payload=PAYLOAD, channel="api", actor=None)
    finally:
        post_save.disconnect(on_report, sender=Report)
        post_save.disconnect(on_case, sender=Case)
    assert seen == [(submitted.reference, True), (f"case of {submitted.reference}", True)]


@pytest.mark.django_db
def test_what_is_stored_is_what_was_answered(alice):
    submitted = do_submit_report(payload=PAYLOAD, channel="phone", actor=alice)
    report = Report.objects.get(pk=submitted.report.pk)
    for field in Report._meta.concrete_fields:
        assert getattr(report, field.attname) == getattr(submitted.report, field.attname), field
    case = Case.objects.get(report=report)
    assert case.area.slug == "camden"
    assert case.clocks.count() == 1
    assert case.identifiers.filter(kind="suspect_name").exists()
    assert AuditEvent.objects.get(kind="collect").object_id == report.reference
    assert verify_chain().problems == []


@pytest.mark.django_db
def test_a_deactivated_area_stops_receiving_reports_at_once():
    Area.objects.filter(slug="camden").update(is_active=False)
    submitted = do_submit_report(
        payload={**PAYLOAD, "borough": "unknown"}, channel="api", actor=None
    )
    assert submitted.report.area.is_triage


@pytest.mark.django_db
def test_a_failed_submission_leaves_no_event_and_the_retry_chains_correctly(monkeypatch):
    real = actions.record_event
    calls: list[str] = []

    def once_broken(kind: str, **kwargs: Any) -> AuditEvent:
        calls.append(kind)
        if len(calls) == 1:
            raise OperationalError("database is locked")
        return real(kind, **kwargs)

    monkeypatch.setattr(actions, "record_event", once_broken)
    with pytest.raises(ReportNotStored):  # inside the test's transaction: no retry
        do_submit_report(payload=PAYLOAD, channel="api", actor=None)
    assert not Report.objects.exists()
    assert not Case.objects.exists()
    assert not AuditEvent.objects.filter(kind="collect").exists()
    do_submit_report(payload=PAYLOAD, channel="api", actor=None)
    assert AuditEvent.objects.filter(kind="collect").count() == 1
    assert verify_chain().problems == []
