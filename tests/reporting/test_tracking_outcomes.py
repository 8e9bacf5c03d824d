"""Outcomes to the end on 'track my report' (docs/adr/0820): the victim sees a charge, caution or
other outcome once told, the court dates with what to expect and the special measures they can
ask for, and the result; a witness or someone reporting for the victim sees none of it, and
nobody sees the officer's reasons, the hearing's description or the sentence in words."""

import datetime as dt
import json
from typing import Any

import pytest
import time_machine

from api.test_track_api import PAYLOAD as ANONYMOUS
from cases.factories import VICTIM_REPORT
from hatecrime.cases import actions
from hatecrime.cases.models import Case
from hatecrime.reporting.actions import do_submit_report

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 12, 1, 10, 0, tzinfo=dt.UTC)
REASONS = "Identified on CCTV by PC Smith"
DESCRIPTION = "Trial of Jon Suspect, court 3"
SENTENCE = "12 weeks custody suspended for Jon Suspect"
CHARGED = "Someone was charged or summonsed to court."
AT_COURT = "special measures"
WITNESS = {
    **ANONYMOUS,
    "reporter_role": "witness",
    "anonymous": False,
    "contact": {"name": "Walter Witness", "phone": "07700 900789"},
}


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def submit(payload: dict[str, Any]) -> Any:
    return do_submit_report(payload=payload, channel="online", actor=None)


def _case(submitted: Any) -> Case:
    return Case.objects.get(report__reference=submitted.reference)


def page(client, submitted) -> str:
    data = {"reference": submitted.reference, "tracking_code": submitted.tracking_code}
    response = client.post("/track/", data)
    assert response.status_code == 200
    return response.content.decode()


def api(client, submitted) -> dict[str, Any]:
    body = json.dumps({"reference": submitted.reference, "tracking_code": submitted.tracking_code})
    response = client.post("/api/v1/track", data=body, content_type="application/json")
    assert response.status_code == 200
    return response.json()


def decide(case: Case, officer, kind: str = "charged"):
    return actions.do_record_decision(
        actor=officer,
        case=case,
        expected_version=Case.objects.get(pk=case.pk).version,
        kind=kind,
        reasons=REASONS,
    )


def hearing(case: Case, officer, on: dt.date, **extra):
    return actions.do_add_court_date(
        actor=officer,
        case=case,
        expected_version=Case.objects.get(pk=case.pk).version,
        hearing_on=on,
        kind="trial",
        court_name="Thames Magistrates' Court",
        description=DESCRIPTION,
        **extra,
    )


def test_a_charge_shows_only_once_the_victim_has_been_told(client, alice):
    submitted = submit(VICTIM_REPORT)
    case = _case(submitted)
    decision = decide(case, alice)
    assert CHARGED not in page(client, submitted)
    assert "outcome" not in [entry["kind"] for entry in api(client, submitted)["timeline"]]
    actions.do_record_victim_told(
        actor=alice,
        case=case,
        expected_version=Case.objects.get(pk=case.pk).version,
        decision=decision,
        told_by=alice,
        told_at=NOW,
        how="phone",
    )
    html = page(client, submitted)
    assert CHARGED in html
    assert REASONS not in html
    outcome = [e for e in api(client, submitted)["timeline"] if e["kind"] == "outcome"]
    assert outcome == [{"kind": "outcome", "date": "2026-12-01", "text": CHARGED}]


def test_a_victim_who_cannot_be_contacted_sees_the_outcome_at_once(client, alice):
    submitted = submit(ANONYMOUS)
    decide(_case(submitted), alice, kind="cautioned")
    assert "Someone was given a caution or a community resolution." in page(client, submitted)


def test_steps_of_the_investigation_are_not_outcomes(client, alice):
    submitted = submit(ANONYMOUS)
    decide(_case(submitted), alice, kind="arrested")
    kinds = [entry["kind"] for entry in api(client, submitted)["timeline"]]
    assert "outcome" not in kinds


def test_a_witness_sees_no_outcome_and_no_court(client, alice):
    submitted = submit(WITNESS)
    case = _case(submitted)
    decide(case, alice)
    hearing(case, alice, dt.date(2027, 1, 11))
    html = page(client, submitted)
    assert CHARGED not in html and "Thames" not in html and AT_COURT not in html
    body = api(client, submitted)
    assert body["court"] == [] and body["at_court"] == []


def test_a_hearing_to_come_shows_when_where_and_what_to_expect(client, alice):
    submitted = submit(ANONYMOUS)
    hearing(_case(submitted), alice, dt.date(2027, 1, 11), starts_at=dt.time(10, 0))
    html = page(client, submitted)
    assert "11 January 2027 10:00" in html
    assert "Trial at Thames Magistrates&#x27; Court" in html
    assert AT_COURT in html and "Witness Service" in html
    assert DESCRIPTION not in html
    body = api(client, submitted)
    assert body["court"] == [
        {"date": "2027-01-11", "time": "10:00", "hearing": "Trial at Thames Magistrates' Court"}
    ]
    assert len(body["at_court"]) == 2


def test_the_result_and_the_uplift_show_after_the_hearing(client, alice, frozen):
    submitted = submit(ANONYMOUS)
    case = _case(submitted)
    court_date = hearing(case, alice, dt.date(2026, 12, 14))
    frozen.move_to(dt.datetime(2026, 12, 15, 10, 0, tzinfo=dt.UTC))
    actions.do_record_court_outcome(
        actor=alice,
        case=case,
        expected_version=Case.objects.get(pk=case.pk).version,
        court_date=court_date,
        result="sentenced",
        sentence_uplift="applied",
        outcome=SENTENCE,
    )
    html = page(client, submitted)
    assert "Sentenced. The court increased the sentence because of hostility." in html
    assert SENTENCE not in html
    assert AT_COURT not in html  # no hearing to come
    assert api(client, submitted)["court"][0]["result"].startswith("Sentenced.")


def test_no_uplift_words_when_the_court_did_not_apply_one(client, alice, frozen):
    submitted = submit(ANONYMOUS)
    case = _case(submitted)
    court_date = hearing(case, alice, dt.date(2026, 12, 14))
    frozen.move_to(dt.datetime(2026, 12, 15, 10, 0, tzinfo=dt.UTC))
    actions.do_record_court_outcome(
        actor=alice,
        case=case,
        expected_version=Case.objects.get(pk=case.pk).version,
        court_date=court_date,
        result="sentenced",
        sentence_uplift="not_known",
        outcome=SENTENCE,
    )
    assert api(client, submitted)["court"][0]["result"] == "Sentenced."


def test_the_court_section_is_in_the_victims_language(client, alice):
    submitted = submit({**ANONYMOUS})
    hearing(_case(submitted), alice, dt.date(2027, 1, 11))
    data = {"reference": submitted.reference, "tracking_code": submitted.tracking_code}
    html = client.post("/pl/track/", data).content.decode()
    assert "Witness Service volunteer" not in html
    assert "Thames Magistrates" in html
