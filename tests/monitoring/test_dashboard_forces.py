"""A service of several forces: the dashboard opens on the analyst's own force (its map, its
areas in the table and the area choice), with every force a choice; an analyst of no force, or
of several, opens on all of them (docs/adr/0790-national-scale.md)."""

import datetime as dt

import pytest
from django.core.management import call_command

from hatecrime.core.areas import KENT
from hatecrime.monitoring.actions import do_refresh_live_rollups
from personas import PASSWORD, make_staff

pytestmark = pytest.mark.django_db
MET, KENT_POLICE = "Counts by area: Metropolitan Police Service", "Counts by area: Kent Police"


@pytest.fixture
def two_forces(new_report):
    call_command("load_areas", str(KENT), stdout=None)
    new_report(area="hackney", occurred_on=dt.date(2026, 11, 2))
    new_report(area="medway", occurred_on=dt.date(2026, 11, 2))
    do_refresh_live_rollups()


def _dashboard(client, user, **params) -> str:
    assert client.login(username=user.username, password=PASSWORD)
    response = client.get("/staff/monitoring/", params)
    assert response.status_code == 200
    return response.content.decode()


def _area_table(html: str) -> str:
    return html[html.index('id="area-table"') : html.index("</table>", html.index("area-table"))]


def _area_choices(html: str) -> str:
    start = html.index('name="area"')
    return html[start : html.index("</select>", start)]


def test_an_analyst_of_the_met_opens_on_the_met(client, two_forces):
    html = _dashboard(client, make_staff("ana", "analyst", ["hackney"]))
    assert MET in html and KENT_POLICE not in html
    table = _area_table(html)
    assert "Hackney" in table and "Medway" not in table
    assert "Hackney" in _area_choices(html) and "Medway" not in _area_choices(html)
    assert '<option value="E23000001" selected>' in html


def test_all_forces_is_a_choice(client, two_forces):
    html = _dashboard(client, make_staff("ana", "analyst", ["hackney"]), force="all")
    assert MET in html and KENT_POLICE in html
    table = _area_table(html)
    assert "Hackney" in table and "Medway" in table
    assert '<option value="all" selected>' in html


def test_another_force_is_a_choice_and_its_map_is_shown(client, two_forces):
    html = _dashboard(client, make_staff("ana", "analyst", ["hackney"]), force="E23000032")
    assert KENT_POLICE in html and MET not in html
    table = _area_table(html)
    assert "Medway" in table and "Hackney" not in table


def test_a_link_to_one_area_opens_on_its_force(client, two_forces):
    html = _dashboard(client, make_staff("ana", "analyst", ["hackney"]), area="medway")
    assert KENT_POLICE in html and "Medway" in _area_choices(html)
    assert 'class="govuk-error-summary' not in html


@pytest.mark.parametrize("areas", [[], ["hackney", "medway"]])
def test_an_analyst_of_no_force_or_of_several_opens_on_all_forces(client, two_forces, areas):
    html = _dashboard(client, make_staff("nat", "analyst", areas))
    assert MET in html and KENT_POLICE in html
    assert "Medway" in _area_table(html) and "Hackney" in _area_table(html)


def test_one_force_offers_no_force_choice(client, ann, new_report):
    new_report(area="hackney", occurred_on=dt.date(2026, 11, 2))
    do_refresh_live_rollups()
    html = _dashboard(client, ann)
    assert 'name="force"' not in html and MET in html
