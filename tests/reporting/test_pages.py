"""The public pages: what they say, the 999 banner and the exit button on every one, tracking."""

import re

import pytest

from browser.journey_data import GRACE, walk
from hatecrime.cases.models import Case

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    "/",
    "/not-sure/",
    "/other-ways-to-report/",
    "/privacy/",
    "/accessibility/",
    "/report/who/",
    "/resume/",
    "/track/",
]


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-11-20 10:00 +0000", tick=False)


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_every_public_page_has_the_999_banner_and_the_exit_button(client, settings, url):
    settings.HATECRIME_EXIT_URL = "https://www.example.org/weather"
    page = client.get(url).content.decode()
    assert "If you are in immediate danger, call 999." in page
    # Without JavaScript the exit button is a plain link that works: through /exit/, which
    # forgets the draft and sends the person on (tests/reporting/test_exit_this_page.py).
    assert re.search(r'<a href="/exit/"[^>]*data-app-exit-this-page', page)
    assert "Exit this page" in page


def test_the_start_page_lists_the_other_ways_to_report(client):
    page = client.get("/").content.decode()
    for words in ("101", "18000", "visit you at home", "0800 555 111"):
        assert words in page
    assert "True Vision" in page
    # London's boroughs are loaded: the one force is named, London is not.
    assert "Go to any Metropolitan Police Service station." in page
    assert "London" not in page
    assert 'href="/report/who/"' in page
    assert "within 24 hours" in page


def test_the_not_sure_page_explains_perception_and_says_report_it(client):
    page = client.get("/not-sure/").content.decode()
    assert "What you think is enough" in page
    assert "hate incident" in page
    assert "If you are not sure, report it" in page
    for example in ("shouts abuse", "hate mail", "online"):
        assert example in page


def test_the_privacy_notice_gives_the_draft_lifetime(client, settings):
    settings.HATECRIME_DRAFT_TTL_HOURS = 48
    page = client.get("/privacy/").content.decode()
    assert "deleted after 48 hours" in page
    assert "6 years" in page


def test_pages_are_not_cached(client):
    assert client.get("/report/who/")["Cache-Control"] == "no-store"


def test_a_question_page_uses_a_handful_of_queries(client, django_assert_max_num_queries):
    walk(client, GRACE, until="where")
    with django_assert_max_num_queries(4):
        client.get("/report/where/")
    with django_assert_max_num_queries(8):
        client.post("/report/where/", GRACE["where"])


def test_check_answers_uses_a_handful_of_queries(client, django_assert_max_num_queries):
    walk(client, GRACE)
    # One of them reads the targeted-community taxonomy (data rows) for its words.
    with django_assert_max_num_queries(6):
        client.get("/report/check-answers/")


def sent_report(client):
    walk(client, GRACE)
    client.post("/report/submit/")
    page = client.get("/report/confirmation/").content.decode()
    reference = re.search(r"data-reference>([^<]+)<", page).group(1)
    tracking = re.search(r"data-tracking-code>([^<]+)<", page).group(1)
    return reference, tracking


def test_the_track_page_shows_the_status_and_timeline(client):
    reference, tracking = sent_report(client)
    response = client.post("/track/", {"reference": reference, "tracking_code": tracking})
    page = response.content.decode()
    assert response.status_code == 200
    assert "We received your report" in page
    assert "Community Safety Unit of Hackney" in page


def test_the_track_page_shows_the_officer_once_assigned(client, alice):
    reference, tracking = sent_report(client)
    Case.objects.update(assigned_officer=alice, status="assigned")
    page = client.post("/track/", {"reference": reference, "tracking_code": tracking})
    assert "020 7946 0999" in page.content.decode()


def test_a_wrong_code_and_an_unknown_reference_get_the_same_answer(client):
    reference, tracking = sent_report(client)
    wrong = client.post("/track/", {"reference": reference, "tracking_code": "WRONG-CODE"})
    unknown = client.post("/track/", {"reference": "HC-AAAA-AAAA", "tracking_code": tracking})
    assert wrong.status_code == unknown.status_code == 404
    message = "We could not find a report with that reference and tracking code"
    assert message in wrong.content.decode()
    assert message in unknown.content.decode()
    assert "<title>Error:" in wrong.content.decode()


def test_tracking_needs_both_the_reference_and_the_code(client):
    page = client.post("/track/", {}).content.decode()
    assert "Enter your reference" in page
    assert "Enter your tracking code" in page
    assert 'class="govuk-error-summary"' in page


def test_too_many_wrong_attempts_are_refused(client, settings):
    settings.HATECRIME_TRACK_ATTEMPTS_PER_HOUR = 2
    for _attempt in range(2):
        client.post("/track/", {"reference": "HC-AAAA-AAAA", "tracking_code": "nope"})
    response = client.post("/track/", {"reference": "HC-AAAA-AAAA", "tracking_code": "nope"})
    assert response.status_code == 429
    assert "too many attempts" in response.content.decode()
