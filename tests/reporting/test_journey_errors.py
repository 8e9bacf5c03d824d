"""Every question page shows GOV.UK errors, from the same rules as the API."""

import re

import pytest
from django.utils.html import escape

from browser.journey_data import GRACE, ORDER, step_path, walk

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-11-20 10:00 +0000", tick=False)


def assert_error_page(response, *messages):
    page = response.content.decode()
    messages = tuple(escape(message) for message in messages)
    assert response.status_code == 200
    assert "<title>Error:" in page
    assert 'class="govuk-error-summary"' in page
    for message in messages:
        assert re.search(r'<li><a href="#[\w-]+">' + re.escape(message) + "</a></li>", page), (
            message
        )
        assert f'<span class="govuk-visually-hidden">Error:</span> {message}' in page


def date_parts(day, month, year):
    return {"occurred_on_day": day, "occurred_on_month": month, "occurred_on_year": year}


EMPTY_PAGE_ERRORS = {
    "who": "Select who is reporting",
    "anonymous": "Select if you want to give your name and contact details",
    "what-happened": "Enter what happened",
    "behaviour": "Select at least one kind of behaviour",
    "when": "Enter the date it happened",
    "where": "Select whether it happened in a place or online",
    "why": "Select at least one reason you think it was motivated by hate",
    "injuries": "Select whether anyone was injured",
    "suspects": "Select how many people did it",
    "witnesses": "Select whether anyone saw it happen",
    "contact": "Enter an email address, a phone number or an address",
}


@pytest.mark.parametrize("slug", list(EMPTY_PAGE_ERRORS))
def test_each_page_left_empty_says_what_to_do(client, slug):
    walk(client, GRACE, until=slug)
    assert_error_page(client.post(step_path(slug), {}), EMPTY_PAGE_ERRORS[slug])


def test_reporting_for_someone_needs_how_you_know_them(client):
    response = client.post("/report/who/", {"reporter_role": "on_behalf"})
    assert_error_page(response, "Select how you know the person it happened to")
    assert 'id="relationship"' in response.content.decode()


def test_saying_the_victim_knows_needs_whether_they_agree_to_contact(client):
    client.post("/report/who/", {"reporter_role": "witness"})
    response = client.post("/report/victim-knows/", {"victim_knows": "yes"})
    assert_error_page(response, "Select whether they agree to the police contacting them")


def test_a_date_without_a_month_is_refused(client):
    walk(client, GRACE, until="when")
    response = client.post(
        "/report/when/",
        date_parts("3", "", "2026"),
    )
    assert_error_page(response, "The date it happened must include a month")
    assert 'href="#occurred_on-day"' in response.content.decode()


def test_a_date_in_the_future_is_refused(client):
    walk(client, GRACE, until="when")
    response = client.post(
        "/report/when/",
        date_parts("1", "12", "2026"),
    )
    page = response.content.decode()
    assert "<title>Error:" in page
    assert "must be today or in the past" in page or "future" in page


def test_a_date_that_does_not_exist_is_refused(client):
    walk(client, GRACE, until="when")
    response = client.post(
        "/report/when/",
        date_parts("31", "2", "2026"),
    )
    assert_error_page(response, "The date it happened must be a real date")


def test_online_abuse_needs_the_platform_and_the_three_questions(client):
    walk(client, GRACE, until="where")
    response = client.post("/report/where/", {"setting": "online", "links": "not a link"})
    page = response.content.decode()
    assert "Enter the website, app or platform where it happened" in page
    assert page.count("Select yes or no") >= 3
    assert "govuk-error-summary" in page


def test_not_sure_cannot_be_combined_with_reasons(client):
    walk(client, GRACE, until="why")
    response = client.post("/report/why/", {"motivations": ["race", "not_sure"]})
    page = response.content.decode()
    assert "<title>Error:" in page
    assert "on its own, or select the reasons</a></li>" in page


def test_other_behaviour_needs_a_description(client):
    walk(client, GRACE, until="behaviour")
    response = client.post("/report/behaviour/", {"behaviours": ["other"]})
    assert_error_page(response, "Describe the other kind of behaviour")


def test_a_letter_is_offered_only_when_a_letter_is_safe(client):
    walk(client, GRACE, until="support")
    response = client.post("/report/support/", {"methods": ["letter"], "letter_safe": "no"})
    assert_error_page(response, "Only choose letter if it is safe to send a letter")


def test_a_bad_email_address_is_refused_with_the_api_message(client):
    walk(client, GRACE, until="contact")
    response = client.post("/report/contact/", {"name": "Grace", "email": "not-an-email"})
    page = response.content.decode()
    assert "<title>Error:" in page
    assert 'href="#email"' in page


def test_what_was_typed_is_kept_on_the_error_page(client):
    walk(client, GRACE, until="when")
    response = client.post(
        "/report/when/",
        {**date_parts("3", "", "2026"), "occurred_at": "18:30"},
    )
    page = response.content.decode()
    assert 'value="2026"' in page
    assert 'value="18:30"' in page


def test_a_page_cannot_be_reached_before_the_pages_before_it(client):
    walk(client, GRACE, until="why")
    for slug in ORDER[ORDER.index("why") + 1 :]:
        response = client.get(step_path(slug))
        assert response.status_code == 302
        assert response["Location"] == "/report/why/"
    assert client.get("/report/check-answers/")["Location"] == "/report/why/"
    assert client.post("/report/submit/")["Location"] == "/report/why/"


def test_without_a_draft_every_page_leads_to_the_first_question(client):
    assert client.get("/report/suspects/")["Location"] == "/report/who/"
    assert client.post("/report/suspects/", GRACE["suspects"])["Location"] == "/report/who/"
    assert client.get("/report/check-answers/")["Location"] == "/"


def test_an_unknown_page_is_not_found(client):
    assert client.get("/report/nothing-here/").status_code == 404
