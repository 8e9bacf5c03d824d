"""Messages to the person who reported or the victim are written in the report's language, and
link to the tracking page in it; a queued one is written in it when it goes; staff messages
stay English. Same gateway, same safe-contact rules (tests/notifications/test_receipt.py)."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.utils import translation

from browser.journey_data import GRACE, walk
from hatecrime.core import languages
from hatecrime.notifications.gateway import send_due_messages, send_message
from hatecrime.notifications.models import Message
from hatecrime.notifications.victims import tracking_link
from hatecrime.reporting.models import Report

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 20, 10, 0, tzinfo=dt.UTC)
EASY = languages.EASY_READ


@pytest.fixture(autouse=True)
def _email_channel(settings):
    settings.EMAIL_HOST = "smtp.example.invalid"
    settings.SITE_URL = "https://report.example"


def report_in(client, prefix, support, django_capture_on_commit_callbacks):
    walk(client, {**GRACE, "support": support}, prefix=prefix)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"{prefix}/report/submit/").status_code == 302
    return Report.objects.get()


@time_machine.travel(NOW, tick=False)
def test_the_receipt_is_in_the_language_the_report_was_made_in(
    client, django_capture_on_commit_callbacks
):
    report = report_in(
        client, f"/{EASY}", {"methods": ["email"]}, django_capture_on_commit_callbacks
    )
    assert report.language == EASY
    (receipt,) = mail.outbox
    assert receipt.subject == f"We have your report {report.reference}"
    assert "We have your hate crime report." in receipt.body
    assert "We have received" not in receipt.body  # not the English
    assert f"https://report.example/{EASY}/track" in receipt.body
    assert Message.objects.get().language == EASY


@time_machine.travel(NOW, tick=False)
def test_a_queued_message_is_written_in_its_language_when_it_goes(
    client, django_capture_on_commit_callbacks, time_machine
):
    support = {"methods": ["email"], "safe_from": "19:00", "safe_until": "22:00"}
    report_in(client, f"/{EASY}", support, django_capture_on_commit_callbacks)
    assert mail.outbox == [] and Message.objects.get().status == "queued"
    time_machine.move_to(dt.datetime(2026, 11, 20, 19, 0, tzinfo=dt.UTC), tick=False)
    with translation.override("en-gb"):  # the worker runs in English
        assert send_due_messages() == 1
    assert "We have your hate crime report." in mail.outbox[0].body


@time_machine.travel(NOW, tick=False)
def test_an_english_report_gets_the_english_receipt(client, django_capture_on_commit_callbacks):
    report_in(client, "", {"methods": ["email"]}, django_capture_on_commit_callbacks)
    assert "We have received your hate crime report." in mail.outbox[0].body
    assert "https://report.example/track" in mail.outbox[0].body


def test_staff_messages_are_english_whatever_the_active_language(db):
    with translation.override(EASY):
        send_message(
            to="officer@example.org",
            template="officer_case_assigned",
            context={"reference": "HC-AAAA-AAAA", "link": "https://report.example/staff/"},
            purpose="assignment",
        )
    assert mail.outbox[0].subject == "Case HC-AAAA-AAAA assigned to you"
    assert Message.objects.get().language == "en-gb"


def test_the_tracking_link_carries_the_language():
    assert tracking_link("vi").endswith("/vi/track")
    assert tracking_link("en-gb").endswith("/track") and "/en-gb/" not in tracking_link("en-gb")
    assert not tracking_link("xx-unknown").endswith("xx-unknown/track")
