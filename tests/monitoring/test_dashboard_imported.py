"""The dashboard charts an imported dataset by its own areas and categories (issue 13, item 6):
its areas (not London's boroughs) and categories are the filters, the area figures are a table
(no map: their areas have no layout), and "run now" judges the category chosen."""

import datetime as dt
from collections import Counter

import pytest

from hatecrime.monitoring.models import Dataset, DetectionRun
from hatecrime.monitoring.rollups import add_record, write_cells
from personas import PASSWORD

pytestmark = pytest.mark.django_db
START = dt.date(2024, 1, 1)


@pytest.fixture
def northern(time_machine):
    """Weekly counts in Leeds and York for two categories, with a surge of one in Leeds."""
    time_machine.move_to("2026-11-02 10:00 +0000", tick=False)
    dataset = Dataset.objects.create(name="northern", kind="imported", source_format="csv")
    counter: Counter = Counter()
    weeks = (dt.date(2026, 10, 26) - START).days // 7 + 1
    for week in range(weeks):
        day = START + dt.timedelta(weeks=week)
        surge = week >= weeks - 2
        for area, category, strand, count in (
            ("Leeds", "Anti-Jewish", "religion", 25 if surge else 1 + week % 3),
            ("Leeds", "Anti-Black", "race", 2),
            ("York", "Anti-Jewish", "religion", 1),
        ):
            add_record(
                counter, day, count=count, area=area, labels=[(strand, category)],
                community="", online="", crime_type="",
            )  # fmt: skip
    write_cells(dataset, counter)
    return dataset


def test_its_own_areas_and_categories_are_the_filters(client, ann, northern):
    assert client.login(username="ann", password=PASSWORD)
    page = client.get("/staff/monitoring/", {"dataset": "northern"}).content.decode()
    assert '<option value="Leeds">Leeds</option>' in page
    assert '<option value="York">York</option>' in page
    assert "Hackney" not in page  # London's boroughs are live data's areas
    assert '<option value="Anti-Jewish">Anti-Jewish</option>' in page
    # No map for areas that are not loaded areas: the table gives the figures.
    assert "By borough" not in page
    assert "<svg" not in page.split('id="area-table"')[0].split("By area</h2>")[1]
    assert '<td class="govuk-table__cell">Leeds</td>' in page


def test_a_category_is_charted_on_its_own(client, ann, northern):
    assert client.login(username="ann", password=PASSWORD)
    shown = {"dataset": "northern", "period": "week", "category": "Anti-Black"}
    page = client.get("/staff/monitoring/", shown).content.decode()
    table = page.split('id="trend-table"')[1].split("</table>")[0]
    # Anti-Black is 2 a week in Leeds only: every week of the chart shows 2.
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">2</td>' in table
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">25</td>' not in table
    everything = client.get("/staff/monitoring/", {**shown, "category": ""}).content.decode()
    total = everything.split('id="trend-table"')[1].split("</table>")[0]
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">28</td>' in total  # 25+2+1


def test_live_data_keeps_the_map_and_has_no_category_filter(client, ann, northern):
    assert client.login(username="ann", password=PASSWORD)
    page = client.get("/staff/monitoring/").content.decode()
    assert 'name="category"' not in page


def test_run_now_judges_the_category_shown_and_the_dashboard_shows_its_alarm(client, ann, northern):
    assert client.login(username="ann", password=PASSWORD)
    shown = {"dataset": "northern", "period": "week", "category": "Anti-Jewish", "area": "Leeds"}
    response = client.post("/staff/monitoring/run/", shown)
    assert response.status_code == 302
    run = DetectionRun.objects.order_by("pk").first()
    assert run.alarms.filter(area="Leeds", category="Anti-Jewish").exists()
    page = client.get("/staff/monitoring/", shown).content.decode()
    assert 'id="not-judged"' not in page
    assert "govuk-tag--red" in page
