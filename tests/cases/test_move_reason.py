"""Moving a case to another area: the reason asked for is kept (encrypted), the case page and the
staff API show each move with its reason, and a move without a reason, or with too long a one,
is refused with a message."""

import pytest
from django.db import connection
from rest_framework.test import APIClient

from cases.factories import make_case
from hatecrime.audit.models import AuditEvent
from hatecrime.cases.models import Case, CaseMove
from hatecrime.core.models import Area
from personas import api_token

pytestmark = pytest.mark.django_db

REASON = "The bus stop is on the Camden side of the road"


def _move(client, case, area: Area, reason: str):
    version = Case.objects.get(pk=case.pk).version
    return client.post(
        f"/staff/cases/{case.report.reference}/move/",
        {"version": version, "area": area.pk, "reason": reason},
    )


def test_the_reason_is_kept_and_the_receiving_area_reads_it_on_the_case_page(client, alice, bob):
    case = make_case("hackney")
    camden = Area.objects.get(slug="camden")
    client.force_login(alice)
    assert _move(client, case, camden, f"  {REASON}  ").status_code == 302

    move = CaseMove.objects.get(case=case)
    assert (move.from_area.slug, move.to_area, move.reason, move.moved_by) == (
        "hackney",
        camden,
        REASON,
        alice,
    )
    client.force_login(bob)
    page = client.get(f"/staff/cases/{case.report.reference}/").content.decode()
    history = page[page.index('id="moves"') :]
    history = history[: history.index("</ul>")]
    assert "moved from Hackney to Camden by alice" in history
    assert REASON in history


def test_the_staff_api_gives_each_move_with_its_reason(client, alice, bob):
    case = make_case("hackney")
    client.force_login(alice)
    _move(client, case, Area.objects.get(slug="camden"), REASON)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {api_token(bob)}")
    (move,) = api.get(f"/api/v1/cases/{case.report.reference}").json()["moves"]
    assert move["from_area"] == "hackney" and move["to_area"] == "camden"
    assert move["reason"] == REASON and move["moved_by"] == "alice"


def test_the_reason_is_encrypted_at_rest_and_kept_out_of_the_audit(client, alice):
    case = make_case("hackney")
    client.force_login(alice)
    _move(client, case, Area.objects.get(slug="camden"), REASON)
    with connection.cursor() as cursor:
        cursor.execute("SELECT reason FROM cases_casemove")
        (stored,) = cursor.fetchone()
    assert "Camden side" not in str(stored)
    event = AuditEvent.objects.filter(object_id=case.report.reference, kind="alter").last()
    assert "moves" in event.fields and event.detail["to"] == "camden"
    assert "Camden side" not in str(event.detail)


@pytest.mark.parametrize(
    ("reason", "message"),
    [("   ", "Enter why the case is moving"), ("x" * 2001, "2000 characters or fewer")],
)
def test_a_move_without_a_fitting_reason_is_refused(client, alice, reason, message):
    case = make_case("hackney")
    client.force_login(alice)
    response = _move(client, case, Area.objects.get(slug="camden"), reason)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Case.objects.get(pk=case.pk).area.slug == "hackney"
    assert not CaseMove.objects.exists()
