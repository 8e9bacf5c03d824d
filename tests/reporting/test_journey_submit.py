"""Sending the report: once only, and when the database fails nothing typed is lost."""

import re

import pytest
from django.db import OperationalError

from browser.journey_data import GRACE, walk
from hatecrime.reporting.drafts.models import Draft
from hatecrime.reporting.models import Report

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-11-20 10:00 +0000", tick=False)


def test_when_the_database_fails_the_page_keeps_everything_typed(client, monkeypatch):
    walk(client, GRACE)

    def failing_store(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr("hatecrime.reporting.actions._store", failing_store)
    monkeypatch.setattr("hatecrime.reporting.actions.RETRY_PAUSE_SECONDS", 0)
    response = client.post("/report/submit/")
    page = response.content.decode()
    assert response.status_code == 503
    assert "could not be sent" in page
    assert "followed me off the bus" in page
    assert "101" in page and "999" in page
    assert 'action="/report/submit/"' in page  # try again
    assert Report.objects.count() == 0
    assert Draft.objects.count() == 1


def test_trying_again_after_a_failure_sends_the_report(client, monkeypatch):
    walk(client, GRACE)
    monkeypatch.setattr("hatecrime.reporting.actions.RETRY_PAUSE_SECONDS", 0)
    with monkeypatch.context() as patch:
        patch.setattr(
            "hatecrime.reporting.actions._store",
            lambda *args, **kwargs: (_ for _ in ()).throw(OperationalError("disk I/O error")),
        )
        assert client.post("/report/submit/").status_code == 503
    response = client.post("/report/submit/")
    assert response["Location"] == "/report/confirmation/"
    assert Report.objects.count() == 1


def test_sending_twice_stores_one_report_and_shows_the_same_reference(client, monkeypatch):
    walk(client, GRACE)
    # The first answer is lost on the way back (the draft survives): the person presses again.
    with monkeypatch.context() as patch:
        patch.setattr("hatecrime.reporting.views.submit.do_delete_draft", lambda draft_id: None)
        patch.setattr("hatecrime.reporting.views.submit.forget_draft", lambda request: None)
        client.post("/report/submit/")
        first = client.get("/report/confirmation/").content.decode()
    client.post("/report/submit/")
    second = client.get("/report/confirmation/").content.decode()
    reference = re.search(r"data-reference>([^<]+)<", first).group(1)
    assert re.search(r"data-reference>([^<]+)<", second).group(1) == reference
    assert Report.objects.count() == 1
    assert Draft.objects.count() == 0


def test_sending_again_after_success_does_not_store_another(client):
    walk(client, GRACE)
    client.post("/report/submit/")
    response = client.post("/report/submit/")
    assert response["Location"] == "/report/confirmation/"
    assert Report.objects.count() == 1


def test_submit_only_accepts_post(client):
    walk(client, GRACE)
    assert client.get("/report/submit/").status_code == 405


def test_forms_are_protected_against_cross_site_posts(client):
    from django.test import Client

    csrf_client = Client(enforce_csrf_checks=True)
    assert csrf_client.post("/report/who/", GRACE["who"]).status_code == 403
