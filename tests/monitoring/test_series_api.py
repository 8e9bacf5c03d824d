"""GET /api/v1/monitoring/series: the dashboard's series over the staff API, with the last
weeks corrected for reports not yet made (ADR 0902) and alarms as episodes (ADR 0901)."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone
from rest_framework.test import APIClient

from personas import api_token

pytestmark = pytest.mark.urls("api.test_cases_urlconf")

LAST_WEEK = dt.date(2026, 11, 9)
SURGE = [LAST_WEEK - dt.timedelta(weeks=n) for n in (3, 2)]
DELAYS = (0, 7, 14, 21, 28)


def client_for(user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token(user)}")
    return client


@pytest.fixture
def judged(new_report, time_machine):
    """Two years of 3 to 7 reports a week in Hackney made 0 to 28 days late (those not yet
    made are not there), 25 a week in two weeks of October, then a stored weekly run."""
    time_machine.move_to("2026-11-20 10:00 +0000", tick=False)
    now = timezone.now()
    for weeks_ago in range(1, 106):
        monday = LAST_WEEK - dt.timedelta(weeks=weeks_ago - 1)
        count = 25 if monday in SURGE else 3 + 2 * (weeks_ago % 3)
        for n in range(count):
            day = monday + dt.timedelta(days=n % 5)
            when = timezone.make_aware(dt.datetime.combine(day, dt.time(12)))
            when += dt.timedelta(days=DELAYS[n % 5])
            if when <= now:
                new_report(area="hackney", occurred_on=day, submitted_at=when)
    call_command(
        "detect", "--dataset", "live", "--period", "week", "--by", "none", "--from",
        "2026-09-01", "--save", stdout=io.StringIO(), stderr=io.StringIO(),
    )  # fmt: skip


def test_the_series_has_the_corrected_weeks_and_the_rise_as_one_episode(judged, ann):
    response = client_for(ann).get("/api/v1/monitoring/series", {"period": "week"})
    assert response.status_code == 200, response.content
    data = response.json()
    points = {p["period"]: p for p in data["points"]}
    last = points[LAST_WEEK.isoformat()]
    assert last["nowcast"] is not None and last["nowcast"] > last["observed"]
    assert last["nowcast_low"] <= last["nowcast"] <= last["nowcast_high"]
    assert points["2026-10-05"]["nowcast"] is None
    rises = [e for e in data["episodes"] if e["start"] == SURGE[0].isoformat()]
    assert len(rises) == 1 and rises[0]["periods"] == [w.isoformat() for w in SURGE]
    assert rises[0]["highest"] >= 20 and data["runs"]


def test_bad_filters_are_field_errors_and_others_cannot_read_it(judged, ann, alice):
    bad = client_for(ann).get("/api/v1/monitoring/series", {"period": "year"})
    assert bad.status_code == 400 and "period" in bad.json()["errors"]
    assert client_for(alice).get("/api/v1/monitoring/series").status_code == 403
