"""Guessing resume codes is rate-limited per client, behind the proxy as tracking is: past the
limit every code is refused (the right one too) with a 429 and a GOV.UK error, for an hour."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client

from browser.journey_data import GRACE, walk
from hatecrime.reporting.drafts.jobs import delete_expired_drafts_job
from hatecrime.reporting.drafts.models import ResumeAttempt

pytestmark = pytest.mark.django_db

MALLORY = "198.51.100.66"  # guesses codes from behind the force's proxy
GRACE_ADDRESS = "198.51.100.7"  # Grace, behind the same proxy


@pytest.fixture(autouse=True)
def _limits(settings, time_machine):
    time_machine.move_to("2026-11-20 10:00 +0000", tick=False)
    settings.HATECRIME_TRUSTED_PROXY_COUNT = 1
    settings.HATECRIME_RESUME_ATTEMPTS_PER_HOUR = 3


def resume_from(address, code):
    return Client().post(
        "/resume/", {"code": code}, REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR=address
    )


def graces_code():
    client = Client()
    walk(client, GRACE, until="why")
    client.post("/report/why/", {**GRACE["why"], "action": "save"})
    page = client.get("/report/saved/").content.decode()
    return re.search(r"data-resume-code>([A-Z0-9-]+)<", page).group(1)


def test_after_three_wrong_codes_even_the_right_one_is_refused_with_a_429(client):
    code = graces_code()
    for guess in ("AAAA-AAAA-AAAA", "CCCC-CCCC-CCCC", "DDDD-DDDD-DDDD"):
        assert resume_from(MALLORY, guess).status_code == 200
    refused = resume_from(MALLORY, code)
    page = refused.content.decode()
    assert refused.status_code == 429
    assert "<title>Error:" in page
    assert 'class="govuk-error-summary"' in page
    assert "You have entered a wrong code too many times" in page
    assert 'id="code-error"' in page


def test_someone_else_behind_the_same_proxy_can_still_resume(client):
    code = graces_code()
    for _guess in range(4):
        resume_from(MALLORY, "AAAA-AAAA-AAAA")
    assert resume_from(GRACE_ADDRESS, code)["Location"] == "/report/injuries/"


def test_the_limit_lifts_after_an_hour(client, time_machine):
    code = graces_code()
    for _guess in range(3):
        resume_from(MALLORY, "AAAA-AAAA-AAAA")
    assert resume_from(MALLORY, code).status_code == 429
    time_machine.shift(timedelta(hours=1, minutes=1))
    assert resume_from(MALLORY, code)["Location"] == "/report/injuries/"


def test_right_codes_empty_codes_and_expired_codes_are_not_counted_as_guesses(
    client, settings, time_machine
):
    code = graces_code()
    for _try in range(4):
        resume_from(GRACE_ADDRESS, "")
        assert resume_from(GRACE_ADDRESS, code).status_code == 302
    assert ResumeAttempt.objects.count() == 0


def test_attempts_keep_neither_the_address_nor_the_code_and_are_swept_after_a_day(
    client, time_machine
):
    resume_from(MALLORY, "QQQQ-RRRR-TTTT")
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM drafts_resumeattempt")
        rows = repr(cursor.fetchall())
    assert MALLORY not in rows
    assert "QQQQ" not in rows
    time_machine.shift(timedelta(days=1, minutes=20))
    delete_expired_drafts_job.call()
    assert ResumeAttempt.objects.count() == 0
