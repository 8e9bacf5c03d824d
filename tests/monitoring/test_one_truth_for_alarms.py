"""One truth for alarms: after the weekly job, the dashboard's chart, alarm list and map, the
community pack and the notices all show the same alarms for the same series and periods."""

import datetime as dt
import re

import pytest

from hatecrime.monitoring.actions import do_run_weekly_detection
from hatecrime.monitoring.models import AlarmNotice
from hatecrime.reporting.demo import SURGE_BOROUGHS, SURGE_GROUP
from personas import PASSWORD

MONDAY = dt.date(2026, 11, 16)  # the current, unfinished week
SURGE_WEEKS = [MONDAY - dt.timedelta(weeks=n) for n in (3, 2, 1)]


@pytest.fixture
def demo_surge(new_report, time_machine, ann, cora):
    """The demo's surge, smaller: two quiet years of race reports against the demo's surge
    community (Chinese, counted under its group too) in its three boroughs (one a week in all),
    then six a week in each for 3 weeks."""
    time_machine.move_to("2026-11-20 10:00 +0000", tick=False)
    for weeks_ago in range(1, 105):
        week = MONDAY - dt.timedelta(weeks=weeks_ago)
        borough = SURGE_BOROUGHS[weeks_ago % 3]
        new_report(area=borough, occurred_on=week, communities=["chinese"])
        new_report(area="camden", occurred_on=week, motivations=("religion",))
    for week in SURGE_WEEKS:
        for borough in SURGE_BOROUGHS:
            for day in range(6):
                new_report(
                    area=borough,
                    occurred_on=week + dt.timedelta(days=day),
                    communities=["chinese"],
                )
    do_run_weekly_detection()


def _rows(html: str, table_id: str) -> list[list[str]]:
    table = html.split(f'id="{table_id}"')[1].split("</table>")[0]
    body = table.split("<tbody")[1]
    return [re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.S) for row in body.split("<tr")[1:]]


def _dashboard(client, **filters: str) -> dict[str, set]:
    html = client.get("/staff/monitoring/", {"period": "week", **filters}).content.decode()
    chart = {cells[0] for cells in _rows(html, "trend-table") if "govuk-tag--red" in cells[-1]}
    listed = [(cells[0], cells[1]) for cells in _rows(html, "alarm-table") if len(cells) > 2]
    mapped = set(re.findall(r"<title>([^<]+?): \d+ \(alarm\)</title>", html))
    return {
        "chart": chart,
        "list_all_areas": {period for period, area in listed if area == "All areas"},
        "list_areas": {area for period, area in listed if area != "All areas"},
        "map": mapped,
    }


def _pack(client, community: str) -> set[str]:
    page = client.get(f"/staff/monitoring/packs/community/{community}.html", {"period": "week"})
    return set(re.findall(r"(\d{4}-\d{2}-\d{2}): All strands: ", page.content.decode()))


def test_the_chart_the_list_the_map_and_the_pack_show_the_same_alarms(client, demo_surge):
    assert client.login(username="ann", password=PASSWORD)
    shown = _dashboard(client, community=SURGE_GROUP)
    surge = {week.isoformat() for week in SURGE_WEEKS}
    assert shown["chart"] & surge, "the surge is found"
    assert shown["chart"] == shown["list_all_areas"]
    assert shown["chart"] == _pack(client, SURGE_GROUP)
    assert shown["map"] == shown["list_areas"]
    assert shown["map"] <= {"Newham", "Tower Hamlets", "Hackney"} and shown["map"]
    # and each names the run and method the alarms come from
    html = client.get(
        "/staff/monitoring/", {"period": "week", "community": SURGE_GROUP}
    ).content.decode()
    assert 'id="judged-by"' in html and re.search(r"run \d+ of [\d-]+ [\d:]+ \(auto\)", html)
    pack = client.get(
        f"/staff/monitoring/packs/community/{SURGE_GROUP}.html", {"period": "week"}
    ).content.decode()
    assert "Alarms from the latest detection run that judged each period: run " in pack


def test_the_notices_name_alarms_the_dashboard_shows(client, demo_surge):
    assert client.login(username="cora", password=PASSWORD)
    shown = _dashboard(client, strand="race")
    notices = AlarmNotice.objects.filter(recipient__username="cora").select_related("alarm__run")
    assert notices.exists()
    named = {n.alarm.area for n in notices}
    assert named <= set(SURGE_BOROUGHS)
    assert {name.lower().replace(" ", "-") for name in shown["map"]} >= named
