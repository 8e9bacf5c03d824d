"""Exit this page: the draft is forgotten on the server, journey pages are never cached, and
someone who saved can still come back with their resume code."""

import re

import pytest
from django.test import Client

from browser.journey_data import GRACE, walk
from hatecrime.reporting.drafts.models import Draft, DraftEvidence

pytestmark = pytest.mark.django_db

TYPED = "followed me off the bus"


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-11-20 10:00 +0000", tick=False)


def save_and_get_code(client):
    client.post("/report/why/", {**GRACE["why"], "action": "save"})
    page = client.get("/report/saved/").content.decode()
    return re.search(r"data-resume-code>([A-Z0-9-]+)<", page).group(1)


def test_the_exit_button_goes_through_the_service_to_the_exit_site(client, settings):
    settings.HATECRIME_EXIT_URL = "https://www.example.org/weather"
    page = client.get("/report/who/").content.decode()
    assert re.search(r'<a href="/exit/"[^>]*data-app-exit-this-page', page)
    response = client.get("/exit/")
    assert response.status_code == 302
    assert response["Location"] == "https://www.example.org/weather"
    assert response["Referrer-Policy"] == "no-referrer"
    assert response["Cache-Control"] == "no-store"


def test_after_exit_the_pages_show_nothing_that_was_typed(client):
    walk(client, GRACE, until="why")
    assert TYPED in client.get("/report/what-happened/").content.decode()
    client.get("/exit/")
    # Back to a page of the journey: it starts again, empty.
    response = client.get("/report/what-happened/")
    assert response.status_code == 302
    assert response["Location"] == "/report/who/"
    for url in ("/report/who/", "/", "/report/check-answers/"):
        page = client.get(url, follow=True).content.decode()
        assert TYPED not in page
        assert "Mare Street" not in page


def test_exit_deletes_a_draft_nobody_saved_with_its_files(client):
    walk(client, GRACE, until="why")
    draft = Draft.objects.get()
    DraftEvidence.objects.create(draft=draft, name="photo.png", size=1, content=b"x")
    client.get("/exit/")
    assert not Draft.objects.exists()
    assert not DraftEvidence.objects.exists()


def test_exit_empties_the_session(client):
    walk(client, GRACE, until="why")
    old_key = client.session.session_key
    client.get("/exit/")
    assert client.session.session_key != old_key
    assert dict(client.session) == {}


def test_a_saved_report_can_still_be_resumed_after_exit(client):
    walk(client, GRACE, until="why")
    code = save_and_get_code(client)
    client.get("/exit/")
    assert TYPED not in client.get("/report/what-happened/", follow=True).content.decode()
    other = Client()
    response = other.post("/resume/", {"code": code})
    assert response.status_code == 302
    assert TYPED in other.get("/report/what-happened/").content.decode()


def test_exit_with_no_draft_or_a_broken_session_value_still_leaves(client, settings):
    settings.HATECRIME_EXIT_URL = "https://www.example.org/weather"
    assert client.get("/exit/")["Location"] == "https://www.example.org/weather"
    session = client.session
    session["report_draft_id"] = "not-a-draft"
    session.save()
    assert client.get("/exit/")["Location"] == "https://www.example.org/weather"


def test_exit_refuses_a_post(client):
    assert client.post("/exit/").status_code == 405


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/report/who/",
        "/report/what-happened/",
        "/report/evidence/",
        "/report/check-answers/",
        "/report/saved/",
        "/resume/",
        "/track/",
    ],
)
def test_every_journey_page_is_never_stored_by_the_browser(client, url):
    walk(client, GRACE, until="why")
    response = client.get(url)
    assert response["Cache-Control"] == "no-store"
