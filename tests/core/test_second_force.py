"""A second force end to end: Kent Police's districts loaded in place of London's boroughs, a
report into Maidstone through the pages and one into Thanet through the API; each reaches its
district's queue, and monitoring, the map and the open data know Kent's districts only."""

import copy
import re
from io import StringIO

import pytest
from django.core.management import call_command

from browser.journey_data import GRACE, walk
from hatecrime.cases.models import Case
from hatecrime.core.areas import KENT, LONDON
from hatecrime.core.models import Area
from hatecrime.monitoring.actions import do_refresh_live_rollups
from hatecrime.monitoring.jobs import publish_open_data_task
from hatecrime.monitoring.open_data import open_data_path
from hatecrime.reporting.models import Report
from personas import make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def kent(time_machine):
    time_machine.move_to("2026-11-20 10:00 +0000", tick=False)
    out = StringIO()
    call_command("load_areas", str(KENT), "--replace", stdout=out)
    assert out.getvalue().startswith("kent.csv: 13 areas added")
    assert not Area.objects.filter(slug="hackney").exists()


def a_report_through_the_pages(client, area):
    answers = copy.deepcopy(GRACE)
    answers["where"]["borough"] = area
    walk(client, answers)
    assert client.post("/report/submit/").status_code == 302
    page = client.get("/report/confirmation/").content.decode()
    return re.search(r"data-reference>([^<]+)<", page).group(1)


def a_report_through_the_api(client, area):
    body = {
        "reporter_role": "victim", "anonymous": True, "occurred_on": "2026-11-14",
        "what_happened": "Abuse shouted outside the shop", "motivations": ["religion"],
        "area": area,
    }  # fmt: skip
    response = client.post("/api/v1/reports", body, content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json()["area"] == area
    return response.json()["reference"]


def test_the_public_form_offers_kents_districts_only(client, kent):
    walk(client, GRACE, until="where")
    page = client.get("/report/where/").content.decode()
    assert '<option value="maidstone">Maidstone</option>' in page
    assert "Hackney" not in page


def test_kents_where_page_says_nothing_about_london_or_boroughs(client, kent):
    walk(client, GRACE, until="where")
    page = client.get("/report/where/").content.decode()
    assert "Which area did it happen in?" in page
    assert "Which area do you, or the person it happened to, live in? (optional)" in page
    assert '<option value="">Choose an area</option>' in page
    words = re.sub(r"<[^>]*>", " ", page)  # what a person reads (the field keeps its name)
    assert "London" not in words and "borough" not in words.lower()
    page = client.post("/report/where/", {"setting": "place"}).content.decode()
    assert "Select the area where it happened, or &#x27;I don&#x27;t know&#x27;" in page


@pytest.mark.parametrize("url", ["/", "/other-ways-to-report/"])
def test_kents_pages_send_people_to_a_kent_police_station(client, kent, url):
    page = client.get(url).content.decode()
    assert "Go to any Kent Police station." in page
    assert "London" not in page and "borough" not in page


def test_with_two_forces_loaded_the_pages_name_no_force(client, kent):
    call_command("load_areas", str(LONDON), stdout=StringIO())
    page = client.get("/").content.decode()
    assert "Go to any police station." in page
    assert "Kent Police" not in page and "Metropolitan Police Service" not in page


def test_reports_reach_their_districts_queues(client, kent):
    maidstone = a_report_through_the_pages(client, "maidstone")
    thanet = a_report_through_the_api(client, "thanet")
    assert Case.objects.get(report__reference=maidstone).area.slug == "maidstone"
    assert Report.objects.get(reference=thanet).area.name == "Thanet"
    kofi = make_staff("kofi", "officer", ["maidstone"])
    client.force_login(kofi)
    queue = client.get("/staff/cases/").content.decode()
    assert maidstone in queue and thanet not in queue


def test_monitoring_and_its_map_count_kents_districts(client, kent, ann):
    a_report_through_the_pages(client, "maidstone")
    a_report_through_the_api(client, "thanet")
    do_refresh_live_rollups()
    client.force_login(ann)
    page = client.get("/staff/monitoring/", {"date_from": "2026-11-01"}).content.decode()
    assert "Counts by area: Kent Police" in page
    the_map = page.split('class="monitoring-map"')[1].split("</svg>")[0]
    assert the_map.count("<rect") == 13
    assert "<title>Maidstone: 1</title>" in the_map and "<title>Thanet: 1</title>" in the_map
    assert "Hackney" not in page
    table = page.split('id="area-table"')[1].split("</table>")[0]
    assert '<td class="govuk-table__cell">Maidstone</td>' in table


def test_the_open_data_has_a_column_for_each_district_reported_in(client, kent):
    a_report_through_the_pages(client, "maidstone")
    a_report_through_the_api(client, "thanet")
    do_refresh_live_rollups()
    publish_open_data_task.enqueue()
    header = open_data_path().read_text().splitlines()[0]
    assert header == "period_start,strand,maidstone,thanet,total"


def test_kents_page_titles_name_the_force_its_settings_give(client, kent, settings):
    settings.HATECRIME_FORCE_NAME = "Kent Police"
    page = client.get("/").content.decode()
    title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
    assert title.strip().endswith("\N{EN DASH} Kent Police")
    assert "Metropolitan" not in page
