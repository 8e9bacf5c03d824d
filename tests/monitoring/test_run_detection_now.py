"""An analyst's "run now": a POST that judges the series shown, kept and audited."""

import pytest

from hatecrime.audit.models import AuditEvent
from hatecrime.monitoring.actions import do_refresh_live_rollups
from hatecrime.monitoring.models import DetectionRun, JudgedPeriod
from personas import PASSWORD

SERIES = {"dataset": "live", "period": "week", "area": "hackney", "strand": "race"}


@pytest.fixture
def counted(surge_in_hackney):
    do_refresh_live_rollups()


def test_an_analyst_runs_detection_for_the_series_shown(client, ann, counted):
    assert client.login(username="ann", password=PASSWORD)
    response = client.post("/staff/monitoring/run/", SERIES)
    assert response.status_code == 302 and "area=hackney" in response["Location"]
    shown, by_area = DetectionRun.objects.order_by("pk")
    assert (shown.by, by_area.by) == ("", "area")
    judged = JudgedPeriod.objects.filter(run=shown)
    assert judged.exists()
    assert set(judged.values_list("area", "strand", "community")) == {("hackney", "race", "")}
    assert shown.alarms.filter(area="hackney", strand="race").exists()
    events = AuditEvent.objects.filter(kind="combine", object_type="detection_run")
    assert set(events.values_list("actor_label", flat=True)) == {"ann"}
    assert events.count() == 2


def test_the_dashboard_then_shows_the_runs_judgement(client, ann, counted):
    assert client.login(username="ann", password=PASSWORD)
    client.post("/staff/monitoring/run/", SERIES)
    html = client.get("/staff/monitoring/", SERIES).content.decode()
    latest = DetectionRun.objects.latest("pk")  # the map's run judged Hackney's series too
    assert 'id="not-judged"' not in html
    assert f"run {latest.pk} of" in html and "govuk-tag--red" in html
    assert '<td class="govuk-table__cell">Hackney</td><td class="govuk-table__cell">Race' in html


@pytest.mark.parametrize("persona", ["cora", "hannah", "alice", "pat"])
def test_only_analysts_may_run_detection(client, persona, request, counted):
    user = request.getfixturevalue(persona)
    assert client.login(username=user.username, password=PASSWORD)
    assert client.post("/staff/monitoring/run/", SERIES).status_code == 404
    assert not DetectionRun.objects.exists()


def test_running_detection_needs_a_post(client, ann, counted):
    assert client.login(username="ann", password=PASSWORD)
    assert client.get("/staff/monitoring/run/", SERIES).status_code == 405
    assert not DetectionRun.objects.exists()


def test_the_run_button_is_offered_to_analysts_only(client, ann, cora, counted):
    assert client.login(username="ann", password=PASSWORD)
    assert "/staff/monitoring/run/" in client.get("/staff/monitoring/").content.decode()
    assert client.login(username="cora", password=PASSWORD)
    assert "/staff/monitoring/run/" not in client.get("/staff/monitoring/").content.decode()
