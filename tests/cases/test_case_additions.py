"""Staff see what the person added from 'track my report' on the case page and in the staff
API; the read is part of the audited consultation of the case."""

import pytest

from api.test_cases_api import client_for
from cases.factories import make_case
from hatecrime.audit.models import AuditEvent
from hatecrime.cases.actions import do_add_to_report
from hatecrime.reporting.evidence import EvidenceUpload
from reporting.test_journey_evidence import png

pytestmark = pytest.mark.django_db

TEXT = "The same man shouted at me again on Friday"


@pytest.fixture
def case(db):
    case = make_case("hackney")
    do_add_to_report(case=case, kind="information", text=TEXT)
    do_add_to_report(case=case, kind="call_me", text="After 6pm please")
    upload = png("bus-stop.png")
    do_add_to_report(
        case=case, kind="evidence", evidence=[EvidenceUpload("bus-stop.png", upload.read())]
    )
    return case


def test_the_case_page_shows_each_addition(client, case, alice):
    client.force_login(alice)
    page = client.get(f"/staff/cases/{case.report.reference}/").content.decode()
    assert TEXT in page
    assert "Please call me" in page and "After 6pm please" in page
    assert "bus-stop.png" in page
    consult = AuditEvent.objects.filter(kind="consult", actor=alice).last()
    assert "additions" in consult.fields


def test_the_staff_api_gives_each_addition(case, alice):
    body = client_for(alice).get(f"/api/v1/cases/{case.report.reference}").json()
    kinds = [addition["kind"] for addition in body["additions"]]
    assert kinds == ["information", "call_me", "evidence"]
    assert body["additions"][0]["text"] == TEXT
    assert body["additions"][2]["files"][0]["name"] == "bus-stop.png"


def test_an_officer_of_another_borough_sees_nothing_of_them(client, case, bob):
    client.force_login(bob)
    response = client.get(f"/staff/cases/{case.report.reference}/")
    assert response.status_code == 404
    assert TEXT not in response.content.decode()
