import datetime as dt

import pytest
from django.utils import timezone

from accounts.staff_cases import PERSONAL_VALUES, make_case
from hatecrime.audit.models import AuditEvent
from hatecrime.cases.models import Case

pytestmark = pytest.mark.django_db


def test_hannah_sees_the_figures_of_her_board(client, hannah, alice):
    overdue, contacted, _fresh = make_case(), make_case(), make_case()
    now = timezone.now()
    Case.objects.filter(pk=overdue.pk).update(first_contact_due_at=now - dt.timedelta(hours=2))
    Case.objects.filter(pk=contacted.pk).update(
        first_contact_made_at=now, assigned_officer=alice, status="assigned"
    )
    make_case("camden")
    client.force_login(hannah)
    response = client.get("/staff/cases/board/")
    page = response.content.decode()
    assert response.status_code == 200
    board = response.context["board"]
    assert board.open_by_stage["new"] == 2 and board.open_by_stage["assigned"] == 1
    overdue_table = page[page.index('id="first-contact-overdue"') :].split("</table>")[0]
    assert overdue.report.reference in overdue_table
    assert contacted.report.reference not in overdue_table
    # The fresh case is not due yet, so it is not judged: 1 of the 2 judged was on time.
    assert "50% (1 of 2)" in page
    assert not any(value in page for value in PERSONAL_VALUES)


def test_the_csv_export_is_audited_as_a_disclosure(client, hannah):
    case = make_case()
    client.force_login(hannah)
    response = client.get("/staff/cases/board/export.csv")
    assert response["Content-Type"].startswith("text/csv")
    assert case.report.reference in response.content.decode()
    event = AuditEvent.objects.get(kind="disclose")
    assert event.actor == hannah


@pytest.mark.parametrize("persona", ["alice", "carl", "ann", "cora", "pat", "adam"])
def test_only_supervisors_see_the_board(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get("/staff/cases/board/").status_code == 404
    assert client.get("/staff/cases/board/export.csv").status_code == 404


def test_hannah_cannot_see_the_camden_board(client, hannah):
    client.force_login(hannah)
    assert client.get("/staff/cases/board/?area=camden").status_code == 404
    assert client.get("/staff/cases/board/export.csv?area=camden").status_code == 404
