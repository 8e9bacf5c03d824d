"""A victim who does not know about a report, or has not agreed to contact, is never contacted:
the case page says so, and the contact and message actions refuse it (issue 8, item 1)."""

import datetime as dt

import pytest
import time_machine
from rest_framework.test import APIClient

from cases.factories import make_case
from hatecrime.cases.actions import do_record_update
from hatecrime.core.crypto import blind_index
from hatecrime.notifications.models import Message
from personas import api_token

VICTIM_PHONE = "07700 900456"

# The failure seen: a report for a neighbour who does not know, with the reporter's safe-contact
# answers ("texts are safe") and the victim's phone number.
FOR_A_NEIGHBOUR_WHO_DOES_NOT_KNOW = {
    "reporter_role": "on_behalf",
    "on_behalf": {"relationship": "friend", "victim_knows": "no"},
    "victim_knows": "no",
    "anonymous": False,
    "what_happened": "Someone shouted at my neighbour about his wheelchair",
    "occurred_on": "2026-11-18",
    "borough": "hackney",
    "motivations": ["disability"],
    "safe_contact": {"about": "reporter", "methods": ["text", "phone"], "voicemail_safe": True},
    "contact": {"name": "Femi Friend", "phone": "07700 900111"},
    "victim": {"name": "Neil Neighbour", "phone": VICTIM_PHONE},
}


@pytest.fixture
def case(db):
    return make_case("hackney", submitted=FOR_A_NEIGHBOUR_WHO_DOES_NOT_KNOW)


def api_client(user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token(user)}")
    return client


def test_the_case_page_says_not_to_contact_the_victim(client, alice, case):
    client.force_login(alice)
    page = client.get(f"/staff/cases/{case.report.reference}/").content.decode()
    box = page[page.index('id="safe-contact"') :][:3000]
    assert "Do not contact the victim and do not send them anything." in box
    assert "said the victim does not know about it" in box
    assert "These answers are about the person who reported it (friend)" in box


def test_recording_a_contact_with_the_victim_is_refused_on_the_page(client, alice, case):
    client.force_login(alice)
    response = client.post(
        f"/staff/cases/{case.report.reference}/contact/",
        {"version": 1, "person": "victim", "method": "phone", "made": "yes"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Do not contact the victim." in page
    assert "Contact the person who reported it instead." in page
    assert not case.contacts.exists()


def test_a_contact_with_the_reporter_is_recorded(client, alice, case):
    client.force_login(alice)
    response = client.post(
        f"/staff/cases/{case.report.reference}/contact/",
        {"version": 1, "person": "reporter", "method": "phone", "made": "yes"},
    )
    assert response.status_code == 302
    assert case.contacts.get().person == "reporter"


@pytest.mark.urls("api.test_cases_urlconf")
def test_the_api_refuses_a_contact_with_the_victim(alice, case):
    response = api_client(alice).post(
        f"/api/v1/cases/{case.report.reference}/contacts",
        {"expected_version": 1, "method": "phone", "made": True},
        format="json",
    )
    assert response.status_code in (400, 422)
    assert "does not know" in response.json()["errors"]["person"][0]
    assert not case.contacts.exists()


@pytest.mark.urls("api.test_cases_urlconf")
def test_the_api_shows_who_is_who(alice, case):
    detail = api_client(alice).get(f"/api/v1/cases/{case.report.reference}").json()
    assert detail["safe_contact"]["person"] == "reporter"
    assert detail["safe_contact"]["victim_contactable"] is False
    assert detail["reporter"]["name"] == "Femi Friend"
    assert detail["reporter"]["relationship"] == "friend"


def test_an_update_is_never_texted_to_the_victim(
    settings, alice, case, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        do_record_update(
            actor=alice,
            case=case,
            expected_version=1,
            text="We have spoken to a witness",
            method="phone",
            share_on_tracking=True,
        )
    victim = blind_index(VICTIM_PHONE, purpose="message-recipient")
    assert not Message.objects.filter(recipient_digest=victim).exists()
    # The person who reported it (and holds the tracking code) is told instead, as they allowed.
    (message,) = Message.objects.all()
    assert message.recipient == "07700 900111"


def test_a_victim_who_knows_and_agreed_is_contacted(client, alice, db):
    agreed = {
        **FOR_A_NEIGHBOUR_WHO_DOES_NOT_KNOW,
        "victim_knows": "yes",
        "victim_agrees_to_contact": "yes",
        "safe_contact": {"about": "victim", "methods": ["phone"]},
    }
    case = make_case("hackney", submitted=agreed)
    client.force_login(alice)
    response = client.post(
        f"/staff/cases/{case.report.reference}/contact/",
        {"version": 1, "person": "victim", "method": "phone", "made": "yes"},
    )
    assert response.status_code == 302
    assert case.contacts.get().person == "victim"


def outside_safe_times_case():
    return make_case(
        "hackney",
        submitted={
            **FOR_A_NEIGHBOUR_WHO_DOES_NOT_KNOW,
            "safe_contact": {
                "about": "reporter",
                "methods": ["phone"],
                "safe_days": "working_days",
                "safe_from": "18:00",
                "safe_until": "21:00",
            },
        },
    )


@time_machine.travel(dt.datetime(2026, 11, 24, 11, 0, tzinfo=dt.UTC), tick=False)
def test_contact_outside_safe_times_needs_the_box_ticked(client, alice, db):
    case = outside_safe_times_case()
    client.force_login(alice)
    url = f"/staff/cases/{case.report.reference}/contact/"
    answers = {"version": 1, "person": "reporter", "method": "phone", "made": "yes"}
    page = client.post(url, answers).content.decode()
    assert "This is outside the times the person who reported it said are safe" in page
    assert "working days (not weekends or bank holidays); 18:00 to 21:00" in page
    assert not case.contacts.exists()
    response = client.post(url, {**answers, "confirm_outside_safe_times": "on"})
    assert response.status_code == 302
    assert case.contacts.get().outside_safe_times


@pytest.mark.urls("api.test_cases_urlconf")
@time_machine.travel(dt.datetime(2026, 11, 24, 11, 0, tzinfo=dt.UTC), tick=False)
def test_the_api_needs_the_confirmation_outside_safe_times(alice, db):
    case = outside_safe_times_case()
    url = f"/api/v1/cases/{case.report.reference}/contacts"
    body = {"expected_version": 1, "person": "reporter", "method": "phone", "made": True}
    api = api_client(alice)
    refused = api.post(url, body, format="json")
    assert "confirm_outside_safe_times" in refused.json()["errors"]
    confirmed = api.post(url, {**body, "confirm_outside_safe_times": True}, format="json")
    assert confirmed.status_code == 201
    assert confirmed.json()["outside_safe_times"] is True
    assert confirmed.json()["warnings"]


@time_machine.travel(dt.datetime(2026, 11, 24, 18, 30, tzinfo=dt.UTC), tick=False)
def test_contact_inside_safe_times_needs_no_confirmation(client, alice, db):
    case = outside_safe_times_case()
    client.force_login(alice)
    response = client.post(
        f"/staff/cases/{case.report.reference}/contact/",
        {"version": 1, "person": "reporter", "method": "phone", "made": "yes"},
    )
    assert response.status_code == 302


def test_the_contact_page_shows_how_to_reach_the_person_who_reported_it(client, alice, case):
    client.force_login(alice)
    page = client.get(f"/staff/cases/{case.report.reference}/contact/").content.decode()
    box = page[page.index('id="safe-contact"') :][:4000]
    assert "Femi Friend" in box and 'href="tel:07700900111"' in box
    assert "Do not contact the victim" in box
