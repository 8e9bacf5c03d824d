"""Monitoring pages read: a GET never adds, changes or removes a row, whoever asks."""

import pytest

from hatecrime.audit.models import AuditEvent
from hatecrime.monitoring.actions import (
    do_publish_open_data,
    do_refresh_live_rollups,
    do_run_weekly_detection,
)
from hatecrime.monitoring.models import (
    Alarm,
    AlarmNotice,
    Dataset,
    DetectionRun,
    JudgedPeriod,
    SeriesCount,
    TriggerEvent,
)
from personas import PASSWORD

PAGES = [
    "/staff/monitoring/",
    "/staff/monitoring/?period=month&strand=race&area=hackney",
    "/staff/monitoring/events/",
    "/staff/monitoring/packs/",
    "/staff/monitoring/packs/area/hackney.html",
    "/staff/monitoring/packs/area/hackney.csv",
    "/staff/monitoring/packs/community/Community%20A.pdf",
    "/staff/monitoring/tension/",
    "/staff/monitoring/tension/east_south_east_asian.html",
    "/staff/monitoring/tension/east_south_east_asian.pdf",
    "/open-data/",
    "/open-data/hate-crime-open-data.csv",
]
MODELS = [Dataset, SeriesCount, DetectionRun, Alarm, JudgedPeriod, AlarmNotice, TriggerEvent]


def snapshot() -> list[tuple[str, int, int | None]]:
    rows = [(m.__name__, m.objects.count(), None) for m in MODELS]
    return [*rows, ("AuditEvent", AuditEvent.objects.count(), None)]


@pytest.mark.parametrize("path", PAGES)
def test_a_get_before_any_counts_are_made_writes_nothing(client, ann, new_report, path):
    new_report(area="hackney")
    assert client.login(username="ann", password=PASSWORD)
    before = snapshot()
    response = client.get(path)
    assert response.status_code in (200, 404)  # packs and open data: nothing to publish yet
    assert snapshot() == before
    assert not Dataset.objects.exists()


def test_the_dashboard_says_no_counts_have_been_made_rather_than_making_them(
    client, ann, new_report
):
    new_report(area="hackney")
    assert client.login(username="ann", password=PASSWORD)
    html = client.get("/staff/monitoring/").content.decode()
    assert 'id="no-counts"' in html
    assert not SeriesCount.objects.exists()


@pytest.mark.parametrize("path", PAGES)
def test_a_get_after_the_weekly_job_writes_nothing(client, cora, surge_in_hackney, path):
    do_run_weekly_detection()
    do_publish_open_data()
    assert client.login(username="cora", password=PASSWORD)
    before = snapshot()
    assert client.get(path).status_code == 200
    assert snapshot() == before


def test_the_dashboard_fits_no_model_when_no_run_has_judged_the_series(
    client, ann, surge_in_hackney, monkeypatch
):
    do_refresh_live_rollups()

    def no_fitting(*args, **kwargs):
        raise AssertionError("the dashboard fitted a model")

    monkeypatch.setattr("hatecrime.monitoring.alarms.run_series", no_fitting)
    monkeypatch.setattr("hatecrime.monitoring.detection.detect", no_fitting)
    assert client.login(username="ann", password=PASSWORD)
    page = client.get("/staff/monitoring/", {"area": "hackney", "strand": "race"})
    html = page.content.decode()
    assert page.status_code == 200
    assert 'id="not-judged"' in html and "Not judged: no alarm can be shown." in html
    assert not DetectionRun.objects.exists()
