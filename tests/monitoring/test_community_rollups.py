"""Monitoring counts each targeted community and its group, a report once in each, so that
"Chinese" and "East or South East Asian" are one hierarchy, never two spellings."""

import datetime as dt

import pytest

from cases.factories import make_case
from hatecrime.cases.actions import do_recode_communities
from hatecrime.monitoring.actions import do_refresh_live_rollups
from hatecrime.monitoring.models import SeriesCount
from personas import PASSWORD

MONDAY = dt.date(2026, 11, 2)


def _weekly(community):
    cells = SeriesCount.objects.filter(
        dataset__name="live", period_kind="week", period_start=MONDAY, area="", strand="",
        category="", online="", crime_type="", community=community,
    )  # fmt: skip
    return sum(cells.values_list("count", flat=True))


@pytest.fixture
def reports(new_report):
    new_report(occurred_on=MONDAY, communities=["chinese"])
    new_report(occurred_on=MONDAY, communities=["hong_kong"])
    new_report(occurred_on=MONDAY, communities=["chinese", "korean"])
    new_report(occurred_on=MONDAY, communities=["jewish"])
    new_report(occurred_on=MONDAY)
    do_refresh_live_rollups()


def test_each_community_counts_and_rolls_up_to_its_group_once(reports):
    assert _weekly("chinese") == 2
    assert _weekly("hong_kong") == 1 and _weekly("korean") == 1
    assert _weekly("east_south_east_asian") == 3  # not 4: one report, counted once
    assert _weekly("faith") == 1
    assert _weekly("") == 5


def test_a_recoded_case_counts_under_its_new_community(db, alice):
    case = make_case("hackney")
    do_recode_communities(
        actor=alice, case=case, expected_version=case.version, communities=["vietnamese"]
    )
    do_refresh_live_rollups()
    assert SeriesCount.objects.filter(community="vietnamese").exists()
    assert SeriesCount.objects.filter(community="east_south_east_asian").exists()


def test_ann_filters_the_dashboard_by_a_group(client, ann, reports):
    assert client.login(username=ann.username, password=PASSWORD)
    page = client.get(
        "/staff/monitoring/",
        {
            "community": "east_south_east_asian",
            "period": "week",
            "date_from": "2026-10-26",
            "date_to": "2026-11-08",
        },
    ).content.decode()
    assert '<option value="east_south_east_asian" selected>All East or South East Asian' in page
    assert '<option value="chinese">East or South East Asian: Chinese' in page
    table = page[page.index('id="trend-table"') :]
    assert ">3<" in table[: table.index("</table>")]


def test_the_packs_list_communities_in_words(client, ann, reports):
    assert client.login(username=ann.username, password=PASSWORD)
    page = client.get("/staff/monitoring/packs/").content.decode()
    assert "All East or South East Asian:" in page and "/packs/community/chinese.html" in page
    pack = client.get("/staff/monitoring/packs/community/east_south_east_asian.html")
    assert pack.status_code == 200
    assert "East or South East Asian" in pack.content.decode()
