"""The journey keeps the reporter and the victim apart: whether the victim knows is asked, and
the safe-contact questions are worded for the person the police will contact."""

import pytest

from browser.journey_data import ANONYMOUS_WITNESS, FEMI_FOR_NEIGHBOUR, GRACE, walk
from hatecrime.reporting.models import Report

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-11-20 10:00 +0000", tick=False)


def named_witness(victim_knows, agrees=None):
    knows = {"victim_knows": victim_knows}
    if agrees:
        knows["victim_agrees_to_contact"] = agrees
    return {
        **ANONYMOUS_WITNESS,
        "victim-knows": knows,
        "anonymous": {"anonymous": "no"},
        "support": {"methods": ["text"], "voicemail_safe": "no"},
        "contact": {
            "name": "Wendy Witness",
            "email": "wendy@example.org",
            "victim_name": "Victor Neighbour",
            "victim_phone": "07700 900456",
        },
    }


def test_a_witness_is_asked_whether_the_victim_knows(client):
    client.post("/report/who/", {"reporter_role": "witness"})
    page = client.get("/report/victim-knows/").content.decode()
    assert "Does the person it happened to know about this report?" in page
    assert "Do they agree to the police contacting them about it?" in page


def test_the_question_must_be_answered(client):
    client.post("/report/who/", {"reporter_role": "witness"})
    page = client.post("/report/victim-knows/", {}).content.decode()
    assert "Select whether the person it happened to knows about this report" in page


def test_a_victim_reporting_for_themselves_is_not_asked(client):
    client.post("/report/who/", GRACE["who"])
    response = client.get("/report/victim-knows/")
    assert response.status_code == 302


def test_the_victim_is_asked_about_their_own_safe_contact(client):
    walk(client, GRACE, until="support")
    page = client.get("/report/support/").content.decode()
    assert "Is it safe for us to leave you a voicemail?" in page
    assert "the victim" not in page


def test_the_safe_contact_questions_are_about_the_victim_who_knows_and_agrees(client):
    walk(client, FEMI_FOR_NEIGHBOUR, until="support")
    page = client.get("/report/support/").content.decode()
    assert "Is it safe for us to leave the victim a voicemail?" in page
    assert "Is it safe for us to send the victim a letter?" in page
    assert "How is it safe for us to contact the victim?" in page
    assert "leave you a voicemail" not in page


def test_a_witness_whose_victim_does_not_know_is_asked_about_themselves(client):
    walk(client, named_witness("no"), until="support")
    page = client.get("/report/support/").content.decode()
    assert "Is it safe for us to leave you a voicemail?" in page
    assert "We will not contact the person it happened to" in page
    # Only the victim can agree to a referral.
    assert "referral_consent" not in page


def test_the_safe_contact_answers_of_a_witness_describe_the_witness(client):
    walk(client, named_witness("no"))
    client.post("/report/submit/")
    report = Report.objects.get()
    cleaned = report.answers
    assert cleaned["victim_knows"] == "no"
    assert cleaned["safe_contact"]["about"] == "reporter"
    assert cleaned["contact"]["name"] == "Wendy Witness"
    assert cleaned["victim"]["name"] == "Victor Neighbour"


def test_changing_whether_the_victim_knows_makes_the_safe_contact_answers_be_asked_again(client):
    walk(client, named_witness("yes", "yes"))
    client.post("/report/victim-knows/", {"victim_knows": "no", "change": "1"})
    page = client.post("/report/submit/").content.decode()
    assert "answer them again" in page
    assert not Report.objects.exists()


def test_becoming_the_victim_forgets_whether_the_victim_knows(client):
    walk(client, named_witness("no"))
    client.post("/report/who/", {"reporter_role": "victim", "change": "1"})
    client.post("/report/support/", {"methods": ["text"], "voicemail_safe": "no"})
    client.post("/report/contact/", GRACE["contact"])
    response = client.post("/report/submit/")
    assert response.status_code == 302
    assert "victim_knows" not in Report.objects.get().answers


def test_the_confirmation_says_the_victim_who_does_not_know_will_not_be_contacted(client):
    walk(client, named_witness("no"))
    client.post("/report/submit/")
    page = client.get("/report/confirmation/").content.decode()
    assert "will contact you, not the person it happened to" in page
    assert "We will not contact them or send them anything." in page


def test_the_confirmation_says_the_victim_who_agreed_will_be_contacted(client):
    walk(client, FEMI_FOR_NEIGHBOUR)
    client.post("/report/submit/")
    page = client.get("/report/confirmation/").content.decode()
    assert "will contact the person it happened to within 24 hours" in page
