"""The analyst's Victims' Code compliance view and the CSV for the Police and Crime Commissioner
(docs/adr/0821): analysts and command only; the CSV needs step-up and is audited; every right
counts every case once, so the export adds up against the cases; small numbers are protected
like the packs'."""

import csv
import datetime as dt
import io

import pytest
import time_machine

from api.test_track_api import PAYLOAD as ANONYMOUS
from cases.factories import make_case
from hatecrime.audit.models import AuditEvent
from hatecrime.cases import actions
from hatecrime.cases.compliance import RIGHTS
from hatecrime.cases.models import Case
from hatecrime.feedback.models import SurveyResponse
from hatecrime.monitoring.compliance import Period, compliance_section
from hatecrime.monitoring.disclosure import FEWER_THAN_5, recoverable_cells
from personas import app_device

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 12, 7, 10, 0, tzinfo=dt.UTC)
NOVEMBER = "date_from=2026-11-01&date_to=2026-11-30"


def opened(area: str, day: int, submitted=None) -> Case:
    at = dt.datetime(2026, 11, day, 9, 0, tzinfo=dt.UTC)
    with time_machine.travel(at, tick=False):
        case = make_case(area, submitted=submitted, submitted_at=at)
        Case.objects.filter(pk=case.pk).update(strands=["race"])
        return case


def contacted(case: Case, officer) -> None:
    with time_machine.travel(case.opened_at + dt.timedelta(hours=2), tick=False):
        actions.do_record_contact(
            actor=officer, case=case, expected_version=case.version, method="phone", made=True
        )


@pytest.fixture
def cases(alice, bob):
    """Hackney: 6 contacted in time, 5 anonymous (no first contact to make); Camden: 5 never
    contacted; one Hackney case opened in October (outside the period)."""
    for day in range(2, 8):
        contacted(opened("hackney", day), alice)
    for day in range(2, 7):
        opened("hackney", day, submitted=ANONYMOUS)
    for day in range(9, 14):
        opened("camden", day)
    with time_machine.travel(dt.datetime(2026, 10, 30, 9, 0, tzinfo=dt.UTC), tick=False):
        make_case("hackney")
    return 16


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def export(client) -> list[list[str]]:
    response = client.get(f"/staff/monitoring/compliance.csv?{NOVEMBER}")
    assert response.status_code == 200, response
    return list(csv.reader(io.StringIO(response.content.decode())))


def block(rows, section_row_prefix, breakdown, measure):
    return [r[2:] for r in rows if r[:2] == [breakdown, measure]]


@pytest.mark.parametrize("persona", ["ann", "cora"])
def test_analysts_and_command_see_the_view(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    response = client.get(f"/staff/monitoring/compliance/?{NOVEMBER}")
    assert response.status_code == 200
    assert "Victims&#x27; Code compliance" in response.content.decode()


@pytest.mark.parametrize("persona", ["hannah", "alice", "pat", "adam"])
def test_anyone_else_gets_404(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get("/staff/monitoring/compliance/").status_code == 404
    assert client.get("/staff/monitoring/compliance.csv").status_code == 404


def test_the_export_needs_a_fresh_second_factor(client, ann):
    app_device(ann)
    client.force_login_with_password_only(ann)
    response = client.get(f"/staff/monitoring/compliance.csv?{NOVEMBER}")
    assert response.status_code == 302
    assert response["Location"].startswith("/staff/verify/")
    assert not AuditEvent.objects.filter(object_type="victims_code_compliance").exists()


def test_the_export_is_audited_as_a_disclosure(client, ann, cases):
    client.force_login(ann)
    export(client)
    event = AuditEvent.objects.get(object_type="victims_code_compliance")
    assert (event.kind, event.recipient, event.object_id) == ("disclose", "ann", "all")
    assert event.detail["from"] == "2026-11-01" and event.detail["to"] == "2026-11-30"


def test_the_export_adds_up_against_the_cases(client, ann, cases):
    client.force_login(ann)
    rows = export(client)
    november = Case.objects.filter(
        opened_at__gte=dt.datetime(2026, 11, 1, tzinfo=dt.UTC),
        opened_at__lt=dt.datetime(2026, 12, 1, tzinfo=dt.UTC),
    )
    assert november.count() == cases
    for right in RIGHTS:
        area_rows = block(rows, None, "Area", right.name)
        by_area = {row[0]: row for row in area_rows}
        assert set(by_area) == {"Hackney", "Camden", "Total"}
        for name, row in by_area.items():
            counted, states = int(row[1]), [int(value) for value in row[2:]]
            assert sum(states) == counted, (right.code, name)
        assert int(by_area["Total"][1]) == cases
        assert int(by_area["Hackney"][1]) == november.filter(area__slug="hackney").count()
        channel_total = [r for r in block(rows, None, "Channel", right.name) if r[0] == "Total"]
        assert int(channel_total[0][1]) == cases
    first_contact = {r[0]: r for r in block(rows, None, "Area", "First contact within 24 hours")}
    # Met, not met on time, overdue, in time so far, not applicable.
    assert first_contact["Hackney"][1:] == ["11", "6", "0", "0", "0", "5"]
    assert first_contact["Camden"][1:] == ["5", "0", "0", "5", "0", "0"]


def test_small_numbers_are_protected_like_the_packs(cases, alice):
    for day in (3, 4):
        opened("bexley", day)
    section = compliance_section(Period(dt.date(2026, 11, 1), dt.date(2026, 11, 30)), now=NOW)
    first = next(
        b for b in section.blocks if b.breakdown == "Area" and b.measure.startswith("First")
    )
    bexley = next(row for row in first.rows() if row[0] == "Bexley")
    assert FEWER_THAN_5 in bexley
    for each in section.blocks:
        assert recoverable_cells(each.table) == []


def test_feedback_is_counted_by_the_characteristics_victims_chose_to_give(client, ann):
    for answer, age in [("yes", "25_34")] * 5 + [("no", "")] * 5:
        SurveyResponse.objects.create(
            month=dt.date(2026, 11, 1),
            stage="at_closure",
            area="hackney",
            strands=["race"],
            channel="online",
            kept_informed=answer,
            age_band=age,
        )
    client.force_login(ann)
    rows = export(client)
    ages = {r[0]: r for r in block(rows, None, "Age", "Kept informed")}
    assert ages["25 to 34"][1:3] == ["5", "5"]
    assert ages["Not given"][1:4] == ["5", "0", "5"]
    assert ages["Total"][1] == "10"
