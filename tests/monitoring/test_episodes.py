"""A sustained rise is one episode (ADR 0901): grouped in `detect`, on the dashboard's alarm
list, and notified once, at its start."""

import datetime as dt
import io
from collections import Counter

import pytest
from django.core.management import call_command

from hatecrime.monitoring.episodes import group_episodes
from hatecrime.monitoring.models import Alarm, Dataset
from hatecrime.monitoring.rollups import add_record, write_cells
from personas import PASSWORD

MONDAY = dt.date(2026, 11, 16)  # the current week
SURGE = [MONDAY - dt.timedelta(weeks=n) for n in (3, 2, 1)]


def _week(n: int) -> dt.date:
    return dt.date(2026, 1, 5) + dt.timedelta(weeks=n)


def test_alarms_a_period_apart_are_one_episode_and_two_apart_are_two():
    alarms = [("A", _week(w)) for w in (1, 2, 4, 7)] + [("B", _week(2))]
    episodes = group_episodes(
        alarms, series=lambda a: a[0], period=lambda a: a[1], period_kind="week"
    )
    found = sorted((e.series, e.start, len(e.periods)) for e in episodes)
    assert found == [("A", _week(1), 3), ("A", _week(7), 1), ("B", _week(2), 1)]
    first = next(e for e in episodes if e.start == _week(1))
    assert first.periods == [_week(1), _week(2), _week(4)] and first.end == _week(4)


def test_the_same_period_from_two_runs_is_counted_once():
    alarms = [("A", _week(1)), ("A", _week(1)), ("A", _week(2))]
    (episode,) = group_episodes(
        alarms, series=lambda a: a[0], period=lambda a: a[1], period_kind="week"
    )
    assert episode.periods == [_week(1), _week(2)] and len(episode.items) == 3


def _surge_dataset() -> Dataset:
    """Five years of 3 to 5 a week in two areas; in area A, 30 a week for three weeks."""
    dataset = Dataset.objects.create(name="syn", kind="imported")
    counter: Counter = Counter()
    start = dt.date(2015, 1, 5)
    for w in range(300):
        for area in ("A", "B"):
            n = 30 if area == "A" and 290 <= w < 293 else 3 + (w % 3)
            add_record(counter, start + dt.timedelta(weeks=w), count=n, area=area,
                       labels=[("race", "Anti-Asian")], community="", online="",
                       crime_type="")  # fmt: skip
    write_cells(dataset, counter)
    return dataset


@pytest.mark.django_db
def test_detect_reports_a_three_week_rise_as_one_episode_and_notifies_it_once():
    _surge_dataset()
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "detect", "--dataset", "syn", "--period", "week", "--by", "area",
        "--from", "2020-06-01", "--save", stdout=out, stderr=err,
    )  # fmt: skip
    text = out.getvalue()
    surge = [dt.date(2015, 1, 5) + dt.timedelta(weeks=w) for w in (290, 291, 292)]
    line = f"episode: A all: from {surge[0]} to {surge[2]}, 3 weeks in alarm"
    assert line in text, text[-800:]
    assert "in alarm in 1 episode" in err.getvalue()
    alarms = Alarm.objects.filter(area="A").order_by("period_start")
    assert [a.period_start for a in alarms] == surge
    # only the start of the rise is new (notices go to new alarms)
    assert [a.is_new for a in alarms] == [True, False, False]


@pytest.fixture
def hackney_surge(new_report, time_machine):
    time_machine.move_to("2026-11-20 10:00 +0000", tick=False)
    for weeks_ago in range(4, 110):
        for n in range(1 + weeks_ago % 3):
            new_report(area="hackney", occurred_on=MONDAY - dt.timedelta(weeks=weeks_ago, days=-n))
    for week in SURGE:
        for n in range(15):
            new_report(area="hackney", occurred_on=week + dt.timedelta(days=n % 5))


@pytest.mark.django_db
def test_the_dashboard_lists_the_rise_once_with_its_start_and_weeks(hackney_surge, client, ann):
    call_command(
        "detect", "--dataset", "live", "--period", "week", "--by", "none",
        "--from", "2026-09-01", "--save", stdout=io.StringIO(), stderr=io.StringIO(),
    )  # fmt: skip
    assert client.login(username="ann", password=PASSWORD)
    html = client.get("/staff/monitoring/", {"period": "week"}).content.decode()
    table = html.split('id="episode-table"')[1].split("</table>")[0]
    rows = table.split("<tbody")[1].split("<tr")[1:]
    assert len(rows) == 1, table
    assert f'<td class="govuk-table__cell">{SURGE[0].isoformat()}</td>' in rows[0]
    assert "3 weeks, to " + SURGE[2].isoformat() in rows[0]
    # the per-period list still has each alarmed week
    periods = html.split('id="alarm-table"')[1].split("</table>")[0]
    assert all(week.isoformat() in periods for week in SURGE)
