"""Drafts: kept on the server, encrypted; resumable with a code; refused and swept when expired."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client

from browser.journey_data import GRACE, walk
from hatecrime.core.scheduler import JOBS
from hatecrime.reporting.drafts.jobs import delete_expired_drafts_job
from hatecrime.reporting.drafts.models import Draft

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-11-20 10:00 +0000", tick=False)


def save_and_get_code(client):
    response = client.post("/report/why/", {**GRACE["why"], "action": "save"})
    assert response["Location"] == "/report/saved/"
    page = client.get("/report/saved/").content.decode()
    return re.search(r"data-resume-code>([A-Z0-9-]+)<", page).group(1)


def test_the_answers_are_encrypted_in_the_database(client):
    walk(client, GRACE, until="why")
    with connection.cursor() as cursor:
        cursor.execute("SELECT answers FROM drafts_draft")
        (raw,) = cursor.fetchone()
    assert "Mare Street" not in raw
    assert raw.startswith("hc1:")


def test_save_and_come_back_later_gives_a_code_that_resumes_on_another_device(client):
    walk(client, GRACE, until="why")
    code = save_and_get_code(client)
    other_device = Client()
    response = other_device.post("/resume/", {"code": code.lower().replace("-", " ")})
    # "why" was saved with the code, so the next page to answer is injuries.
    assert response["Location"] == "/report/injuries/"
    page = other_device.get("/report/what-happened/").content.decode()
    assert "followed me off the bus" in page


def test_the_code_is_shown_once_and_never_stored_in_the_clear(client):
    walk(client, GRACE, until="why")
    code = save_and_get_code(client)
    assert client.get("/report/saved/")["Location"] == "/"
    draft = Draft.objects.get()
    assert code.replace("-", "") not in draft.resume_code_hash
    assert len(draft.resume_code_hash) == 64


def test_a_wrong_code_is_refused(client):
    response = Client().post("/resume/", {"code": "AAAA-BBBB-CCCC"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error:" in page
    assert "Enter the code exactly as it was shown to you" in page


def test_an_empty_code_is_refused(client):
    page = Client().post("/resume/", {"code": ""}).content.decode()
    assert "Enter the code you were given when you saved your report" in page


def test_an_expired_draft_is_refused_by_code(client, settings, time_machine):
    walk(client, GRACE, until="why")
    code = save_and_get_code(client)
    time_machine.shift(timedelta(hours=settings.HATECRIME_DRAFT_TTL_HOURS, minutes=1))
    response = Client().post("/resume/", {"code": code})
    assert response.status_code == 410
    assert "has expired" in response.content.decode()


def test_an_expired_draft_is_refused_in_the_same_browser(client, settings, time_machine):
    settings.HATECRIME_DRAFT_TTL_HOURS = 2  # shorter than the session, which ends after 12 h
    walk(client, GRACE, until="why")
    time_machine.shift(timedelta(hours=settings.HATECRIME_DRAFT_TTL_HOURS, minutes=1))
    response = client.get("/report/why/")
    assert response.status_code == 410
    assert "Your saved report has expired" in response.content.decode()
    # Starting again works.
    assert client.post("/report/who/", GRACE["who"]).status_code == 302


def test_each_save_pushes_the_expiry_back(client, settings, time_machine):
    settings.HATECRIME_DRAFT_TTL_HOURS = 2
    walk(client, GRACE, until="why")
    time_machine.shift(timedelta(hours=settings.HATECRIME_DRAFT_TTL_HOURS - 1))
    client.post("/report/why/", GRACE["why"])
    time_machine.shift(timedelta(hours=1, minutes=30))
    assert client.get("/report/injuries/").status_code == 200


def test_the_sweep_deletes_expired_drafts_and_keeps_live_ones(client, settings, time_machine):
    walk(client, GRACE, until="why")
    time_machine.shift(timedelta(hours=settings.HATECRIME_DRAFT_TTL_HOURS, minutes=1))
    walk(Client(), GRACE, until="anonymous")
    assert Draft.objects.count() == 2
    result = delete_expired_drafts_job.enqueue()
    assert result.return_value == 1
    assert Draft.objects.count() == 1


def test_the_sweep_is_registered_as_a_periodic_job():
    assert JOBS["drafts.delete_expired"].task is delete_expired_drafts_job


def test_the_draft_is_deleted_when_the_report_is_sent(client):
    walk(client, GRACE)
    client.post("/report/submit/")
    assert Draft.objects.count() == 0
