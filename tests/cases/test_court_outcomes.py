"""Recording outcomes to the end (docs/adr/0820): charge, summons, caution, community
resolution, civil and informal outcomes as decisions; hearings with their kind and court; the
result of a hearing that has taken place, with the s.66 hostility uplift recorded with the
sentence and only with it."""

import datetime as dt

import pytest
import time_machine

from cases.factories import make_case
from hatecrime.audit.models import AuditEvent
from hatecrime.cases import actions
from hatecrime.cases.models import Case

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 12, 1, 10, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def case(db):
    return make_case("hackney")


def post(client, case, slug, data):
    version = Case.objects.get(pk=case.pk).version
    return client.post(f"/staff/cases/{case.reference}/{slug}/", {"version": version, **data})


def with_hearing(case, alice, on=dt.date(2026, 11, 30)):
    return actions.do_add_court_date(
        actor=alice,
        case=case,
        expected_version=Case.objects.get(pk=case.pk).version,
        hearing_on=on,
        kind="sentencing",
        court_name="Thames Magistrates' Court",
        description="Sentencing",
    )


@pytest.mark.parametrize(
    "kind",
    ["summonsed", "cautioned", "community_resolution", "civil_outcome", "informal_outcome"],
)
def test_each_outcome_is_a_key_decision_with_its_right_6_clock(client, alice, case, kind):
    client.force_login(alice)
    assert post(client, case, "decision", {"kind": kind, "reasons": "Why"}).status_code == 302
    decision = case.decisions.get()
    assert decision.kind == kind
    assert case.clocks.filter(subject=f"decision:{decision.pk}").exists()


def test_a_hearing_needs_its_court_and_kind(client, alice, case):
    client.force_login(alice)
    response = post(client, case, "court-date", {"hearing_on": "2027-01-11"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html
    assert "Enter the court" in html and "Select the kind of hearing" in html
    assert not case.court_dates.exists()


def test_a_hearing_is_recorded_and_shown_on_the_case(client, alice, case):
    client.force_login(alice)
    data = {
        "hearing_on": "2027-01-11",
        "starts_at": "10:00",
        "kind": "trial",
        "court_name": "Thames Magistrates' Court",
        "description": "Trial",
    }
    assert post(client, case, "court-date", data).status_code == 302
    court_date = case.court_dates.get()
    assert (court_date.kind, court_date.starts_at) == ("trial", dt.time(10, 0))
    html = client.get(f"/staff/cases/{case.reference}/").content.decode()
    assert "11 Jan 2027 10:00: Trial, Thames Magistrates" in html


def test_no_result_for_a_hearing_still_to_come(client, alice, case):
    court_date = with_hearing(case, alice, on=dt.date(2026, 12, 2))
    client.force_login(alice)
    data = {"court_date": court_date.pk, "result": "convicted"}
    response = post(client, case, "court-outcome", data)
    assert "This hearing has not happened yet" in response.content.decode()
    court_date.refresh_from_db()
    assert court_date.result == ""


def test_a_sentence_needs_the_uplift_answer_and_the_sentence(client, alice, case):
    court_date = with_hearing(case, alice)
    client.force_login(alice)
    data = {"court_date": court_date.pk, "result": "sentenced"}
    response = post(client, case, "court-outcome", data)
    html = response.content.decode()
    assert "Select whether the sentence was increased for hostility" in html
    assert "Enter the sentence" in html


def test_the_uplift_is_refused_without_a_sentence(client, alice, case):
    court_date = with_hearing(case, alice)
    client.force_login(alice)
    data = {"court_date": court_date.pk, "result": "convicted", "sentence_uplift": "applied"}
    response = post(client, case, "court-outcome", data)
    assert "Record the uplift only with a sentence" in response.content.decode()


def test_a_sentence_with_the_uplift_is_recorded_audited_and_shown(client, alice, case):
    court_date = with_hearing(case, alice)
    client.force_login(alice)
    data = {
        "court_date": court_date.pk,
        "result": "sentenced",
        "sentence_uplift": "applied",
        "outcome": "Community order, 100 hours",
    }
    assert post(client, case, "court-outcome", data).status_code == 302
    court_date.refresh_from_db()
    assert (court_date.result, court_date.sentence_uplift) == ("sentenced", "applied")
    event = AuditEvent.objects.filter(kind="alter", fields=["court_dates.result"]).get()
    assert event.object_id == case.reference
    assert event.detail["uplift"] == "applied"
    assert "Community order" not in str(event.detail)
    html = client.get(f"/staff/cases/{case.reference}/").content.decode()
    assert "Uplift for hostility (s.66): Yes: the sentence was increased for hostility" in html


def test_an_officer_of_another_area_cannot_record_a_result(client, alice, bob, case):
    court_date = with_hearing(case, alice)
    client.force_login(bob)
    data = {"court_date": court_date.pk, "result": "convicted"}
    response = post(client, case, "court-outcome", data)
    assert response.status_code == 404
