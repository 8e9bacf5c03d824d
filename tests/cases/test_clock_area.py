"""Clocks carry their case's area (docs/adr/0790-national-scale.md): set when started, moved
with the case, and the board lists an area's running clocks by it while the case's own area
stays the rule."""

import datetime as dt

import pytest
from django.utils import timezone

from cases.factories import make_case
from hatecrime.cases.models import Case, Clock, ClockRule
from hatecrime.core.models import Area
from personas import make_staff

pytestmark = pytest.mark.django_db


def _board(client, user, area: str) -> str:
    """The board's table of overdue clocks."""
    client.force_login(user)
    response = client.get("/staff/cases/board/", {"area": area})
    assert response.status_code == 200
    html = response.content.decode()
    start = html.index('id="clocks-overdue"')
    return html[start : html.index("</table>", start)]


def _overdue(case) -> None:
    Clock.objects.filter(case=case).update(due_at=timezone.now() - dt.timedelta(hours=2))


def test_clocks_take_their_cases_area_however_they_are_made():
    case = make_case("camden")
    assert set(Clock.objects.filter(case=case).values_list("area__slug", flat=True)) == {"camden"}
    rule = ClockRule.objects.first()
    made = Clock.objects.create(
        case=case, rule=rule, started_at=case.opened_at, due_at=case.opened_at
    )
    assert made.area_id == case.area_id


def test_a_moved_cases_running_clock_is_on_its_new_areas_board_only(client, alice, hannah):
    case = make_case("hackney")
    _overdue(case)
    assert Clock.objects.filter(case=case, stopped_at__isnull=True).exists()
    assert case.report.reference in _board(client, hannah, "hackney")
    client.force_login(alice)
    response = client.post(
        f"/staff/cases/{case.report.reference}/move/",
        {
            "version": Case.objects.get(pk=case.pk).version,
            "area": Area.objects.get(slug="camden").pk,
            "reason": "It happened on the Camden side of the road",
        },
    )
    assert response.status_code == 302
    assert set(Clock.objects.filter(case=case).values_list("area__slug", flat=True)) == {"camden"}
    assert case.report.reference not in _board(client, hannah, "hackney")
    camden_supervisor = make_staff("sam", "supervisor", ["camden"])
    assert case.report.reference in _board(client, camden_supervisor, "camden")


def test_a_clock_left_in_an_old_area_never_shows_the_case_on_its_board(client, hannah):
    case = make_case("camden")
    _overdue(case)
    Clock.objects.filter(case=case).update(area=Area.objects.get(slug="hackney"))
    assert case.report.reference not in _board(client, hannah, "hackney")
