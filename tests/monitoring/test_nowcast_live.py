"""Live data: the last weeks corrected for reports not yet made (ADR 0902), in `detect`, the
stored judgements and the dashboard chart; and the alarm on the corrected count."""

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command
from django.utils import timezone

from personas import PASSWORD

NOW = "2026-11-20 10:00 +0000"  # a Friday
LAST_WEEK = dt.date(2026, 11, 9)
DELAYS = (0, 7, 14, 21, 28)  # days from what happened to the report, in turn


def base(weeks_ago: int) -> int:
    """Reports a quiet week: 3, 5 or 7 (5 in the week of 9 November)."""
    return 3 + 2 * (weeks_ago % 3)


@pytest.fixture
def late_reports(new_report, time_machine):
    """Two years of 3 to 7 reports a week in Hackney, made 0 to 28 days late; in the week of 9
    November, `surge` times as many. Reports not yet made by now are not there."""

    def make(surge: int = 1) -> None:
        time_machine.move_to(NOW, tick=False)
        now = timezone.now()
        for weeks_ago in range(0, 105):
            monday = LAST_WEEK - dt.timedelta(weeks=weeks_ago - 1)
            times = surge if monday == LAST_WEEK else 1
            for n in range(base(weeks_ago) * times):
                day = monday + dt.timedelta(days=n % 5)
                when = timezone.make_aware(dt.datetime.combine(day, dt.time(12))) + dt.timedelta(
                    days=DELAYS[n % 5]
                )
                if when <= now:
                    new_report(area="hackney", occurred_on=day, submitted_at=when)

    return make


def _detect(*extra: str) -> list[dict]:
    out = io.StringIO()
    call_command(
        "detect", "--dataset", "live", "--period", "week", "--by", "none", "--output", "json",
        "--from", "2026-10-01", *extra, stdout=out, stderr=io.StringIO(),
    )  # fmt: skip
    return json.loads(out.getvalue())


@pytest.mark.django_db
def test_the_last_weeks_are_corrected_with_an_interval(late_reports):
    late_reports()
    rows = {r["period"]: r for r in _detect()}
    last = rows[LAST_WEEK.isoformat()]
    assert last["observed"] == 2  # the reports 14 to 28 days late are not in yet
    assert last["completeness"] < 0.95
    assert last["nowcast_low"] <= 5 <= last["nowcast_high"]
    assert last["nowcast"] > last["observed"]
    assert "Not yet fully reported" in last["explanation"]
    # a week long past is complete: nothing to correct
    assert rows["2026-10-05"]["nowcast"] is None and rows["2026-10-05"]["observed"] == base(6)


@pytest.mark.django_db
def test_a_rise_not_yet_fully_reported_alarms_on_the_corrected_count(late_reports):
    late_reports(surge=4)
    plain = {r["period"]: r for r in _detect("--no-nowcast-alarms")}
    corrected = {r["period"]: r for r in _detect()}
    week = LAST_WEEK.isoformat()
    assert not plain[week]["alarm"]
    assert corrected[week]["alarm"] and corrected[week]["alarm_on"] == "nowcast"
    assert corrected[week]["nowcast_low"] > corrected[week]["upper"]
    assert "alarm on the corrected count" in corrected[week]["explanation"]
    no_correction = {r["period"]: r for r in _detect("--no-nowcast")}
    assert no_correction[week]["nowcast"] is None


@pytest.mark.django_db
def test_the_chart_shows_the_corrected_weeks_and_says_so_in_words(late_reports, client, ann):
    late_reports()
    _detect("--save")  # kept: the dashboard reads stored judgements
    assert client.login(username="ann", password=PASSWORD)
    html = client.get("/staff/monitoring/", {"period": "week"}).content.decode()
    assert 'class="nowcast"' in html and "nowcast-line" in html
    desc = html.split('<desc id="chart-desc">')[1].split("</desc>")[0]
    assert "not yet fully reported" in desc and f"{LAST_WEEK.isoformat()}:" in desc
    assert "90% interval" in desc
    assert 'id="nowcast-note"' in html
    table = html.split('id="trend-table"')[1].split("</table>")[0]
    assert "so far; corrected about" in table
