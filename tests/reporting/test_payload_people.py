"""The payload keeps the reporter and the victim apart (docs/report-payload.md, "People")."""

import pytest

from hatecrime.reporting.payload import ReportInvalid, validate_report
from hatecrime.reporting.people import (
    safe_contact_subject,
    victim_can_be_contacted,
    victim_not_contactable_reason,
)

pytestmark = pytest.mark.django_db


def witness_report(**changes):
    body = {
        "reporter_role": "witness",
        "anonymous": False,
        "what_happened": "Saw a man shouting at my neighbour",
        "occurred_on": "2026-11-01",
        "borough": "hackney",
        "motivations": ["race"],
        "contact": {"name": "Wendy Witness", "email": "wendy@example.com"},
        "victim": {"name": "Victor Neighbour", "phone": "07700 900123"},
        "safe_contact": {"methods": ["text"]},
    }
    body.update(changes)
    return {key: value for key, value in body.items() if value is not ...}


def errors_of(body):
    with pytest.raises(ReportInvalid) as raised:
        validate_report(body)
    return raised.value.errors


def test_a_witness_report_says_whether_the_victim_knows():
    cleaned = validate_report(witness_report(victim_knows="no"))
    assert cleaned["victim_knows"] == "no"
    assert "victim_agrees_to_contact" not in cleaned


def test_safe_contact_of_a_victim_who_does_not_know_is_about_the_reporter():
    cleaned = validate_report(witness_report(victim_knows="no"))
    assert cleaned["safe_contact"]["about"] == "reporter"
    assert safe_contact_subject(cleaned) == "reporter"
    assert not victim_can_be_contacted(cleaned)
    assert "does not know" in victim_not_contactable_reason(cleaned)


def test_safe_contact_of_a_victim_who_knows_and_agrees_is_about_the_victim():
    cleaned = validate_report(witness_report(victim_knows="yes", victim_agrees_to_contact="yes"))
    assert cleaned["safe_contact"]["about"] == "victim"
    assert victim_can_be_contacted(cleaned)


def test_a_victim_who_knows_but_did_not_agree_is_not_contacted():
    cleaned = validate_report(witness_report(victim_knows="yes", victim_agrees_to_contact="no"))
    assert cleaned["safe_contact"]["about"] == "reporter"
    assert victim_not_contactable_reason(cleaned) == (
        "The victim has not agreed to be contacted by the police."
    )


def test_a_witness_who_said_nothing_about_the_victim_knowing_does_not_make_them_contactable():
    cleaned = validate_report(witness_report())
    assert not victim_can_be_contacted(cleaned)


def test_the_older_on_behalf_answer_is_read_as_victim_knows():
    body = witness_report(
        reporter_role="on_behalf",
        on_behalf={"relationship": "friend", "victim_knows": "yes"},
        victim_agrees_to_contact="yes",
    )
    cleaned = validate_report(body)
    assert cleaned["victim_knows"] == "yes"
    assert cleaned["safe_contact"]["about"] == "victim"


def test_two_different_answers_to_whether_the_victim_knows_are_refused():
    body = witness_report(
        reporter_role="on_behalf",
        on_behalf={"relationship": "friend", "victim_knows": "yes"},
        victim_knows="no",
    )
    assert "victim_knows" in errors_of(body)


def test_safe_contact_answered_about_the_wrong_person_is_refused():
    body = witness_report(victim_knows="no", safe_contact={"about": "victim", "methods": ["text"]})
    assert errors_of(body)["safe_contact.about"] == [
        "The safe contact answers were given about the victim, but the person reporting is the "
        "person we will contact: answer them again"
    ]


def test_a_victim_cannot_answer_whether_the_victim_knows():
    body = witness_report(reporter_role="victim", victim=..., victim_knows="yes")
    assert errors_of(body)["victim_knows"] == [
        "Only answer this when the report is about someone else"
    ]


def test_agreeing_to_contact_needs_knowing_first():
    body = witness_report(victim_knows="not_sure", victim_agrees_to_contact="yes")
    assert "victim_agrees_to_contact" in errors_of(body)


@pytest.mark.parametrize(
    ("safe", "path", "message"),
    [
        ({"safe_days": "sundays"}, "safe_contact.safe_days", "Select which days are safe"),
        (
            {"safe_from": "6pm"},
            "safe_contact.safe_from",
            "Enter the time in 24-hour format, like 14:30",
        ),
        (
            {"safe_from": "18:00", "safe_until": "09:00"},
            "safe_contact.safe_until",
            "The time it stops being safe must be after the time it starts being safe",
        ),
    ],
)
def test_safe_times_are_checked(safe, path, message):
    assert errors_of(witness_report(safe_contact=safe))[path] == [message]


def test_safe_times_are_kept():
    safe = {"safe_days": "working_days", "safe_from": "18:00", "safe_until": "21:30"}
    cleaned = validate_report(witness_report(safe_contact=safe))
    assert cleaned["safe_contact"] == {"about": "reporter", **safe}
