"""The lean parts of intake keep their guarantees: the area cache never serves what it should
not, the prepared insert stores exactly what the ORM would, writers take turns."""

import threading
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hatecrime.audit.models import AuditEvent
from hatecrime.cases.models import Case
from hatecrime.core.models import Area
from hatecrime.core.rows import prepare_insert, sqlite_writer_turn, write_prepared
from hatecrime.reporting import areas
from hatecrime.reporting.actions import do_submit_report
from hatecrime.reporting.models import Report

PAYLOAD = {
    "reporter_role": "victim",
    "anonymous": True,
    "what_happened": "Abuse shouted at the bus stop",
    "occurred_on": "2026-11-01",
    "borough": "camden",
    "motivations": ["race"],
}


@pytest.fixture
def fresh_areas():
    areas.forget_areas()
    yield
    areas.forget_areas()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_validating_and_routing_a_report_reads_no_area_once_they_are_cached(fresh_areas):
    do_submit_report(payload=PAYLOAD, channel="api", actor=None)
    with CaptureQueriesContext(connection) as queries:
        do_submit_report(payload=PAYLOAD, channel="api", actor=None)
    assert not [q for q in queries.captured_queries if "core_area" in q["sql"]]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_deactivated_area_stops_receiving_reports_at_once_in_this_process(fresh_areas):
    assert areas.active_area("camden") is not None
    camden = Area.objects.get(slug="camden")
    camden.is_active = False
    camden.save()
    submitted = do_submit_report(
        payload={**PAYLOAD, "borough": "unknown"}, channel="api", actor=None
    )
    assert submitted.report.area.is_triage
    assert areas.active_area("camden") is None
    camden.is_active = True
    camden.save()


@pytest.mark.django_db
def test_inside_a_transaction_the_cache_is_neither_read_nor_filled(fresh_areas):
    Area.objects.filter(slug="camden").update(name="Camden (renamed, not committed)")
    assert areas.active_area("camden").name == "Camden (renamed, not committed)"
    assert areas._cached is None


@pytest.mark.django_db
def test_callers_get_a_copy_they_cannot_spoil(fresh_areas):
    areas.active_area("hackney").name = "Spoiled"
    assert areas.active_area("hackney").name == "Hackney"


@pytest.mark.django_db
def test_the_prepared_insert_stores_what_the_orm_would(alice):
    submitted = do_submit_report(payload=PAYLOAD, channel="phone", actor=alice)
    report = Report.objects.get(pk=submitted.report.pk)
    for field in Report._meta.concrete_fields:
        assert getattr(report, field.attname) == getattr(submitted.report, field.attname), field
    assert Case.objects.get(report=report).area.slug == "camden"
    assert AuditEvent.objects.get(kind="collect").object_id == report.reference


@pytest.mark.django_db
def test_a_prepared_row_gets_its_primary_key_and_is_no_longer_adding():
    source = do_submit_report(payload=PAYLOAD, channel="api", actor=None).report
    copy = Report(**{f.attname: getattr(source, f.attname) for f in Report._meta.concrete_fields})
    copy.pk, copy.reference = None, "HC-2222-2222"
    written = write_prepared(prepare_insert(copy))
    assert written.pk is not None and not written._state.adding
    assert Report.objects.get(pk=written.pk).submitted == source.submitted


@pytest.mark.django_db
def test_only_one_thread_at_a_time_has_the_writer_turn():
    if connection.vendor != "sqlite":
        pytest.skip("the turn only exists on SQLite")
    inside, most, lock = [0], [0], threading.Lock()

    def writer():
        for _ in range(50):
            with sqlite_writer_turn():
                with lock:
                    inside[0] += 1
                    most[0] = max(most[0], inside[0])
                time.sleep(0.0002)  # lets any other thread in, if the turn did not keep it out
                with lock:
                    inside[0] -= 1

    threads = [threading.Thread(target=writer) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert most[0] == 1
