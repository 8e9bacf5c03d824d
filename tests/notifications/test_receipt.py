"""The receipt: the reference and how to track, never the tracking code or what was written,
only to an email the person said is safe, at a time they said is safe (issue 8, item 15)."""

import datetime as dt
import re

import pytest
import time_machine
from django.core import mail

from browser.journey_data import GRACE, walk
from hatecrime.notifications.gateway import send_due_messages
from hatecrime.notifications.models import Message
from hatecrime.reporting.models import Report

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 20, 10, 0, tzinfo=dt.UTC)  # a Friday, 10:00 in London


@pytest.fixture(autouse=True)
def _email_channel(settings):
    settings.EMAIL_HOST = "smtp.example.invalid"  # the email channel; locmem in tests


@pytest.fixture
def submit(client, django_capture_on_commit_callbacks):
    """Submit the draft, running what it leaves for after the commit (tests run inside a
    transaction that never commits)."""

    def run():
        with django_capture_on_commit_callbacks(execute=True):
            return client.post("/report/submit/")

    return run


def report_as_grace(client, submit, support):
    walk(client, {**GRACE, "support": support})
    response = submit()
    assert response.status_code == 302
    page = client.get("/report/confirmation/").content.decode()
    tracking = re.search(r"data-tracking-code>([^<]+)<", page).group(1)
    return Report.objects.get(), tracking


@time_machine.travel(NOW, tick=False)
def test_a_person_who_said_email_is_safe_gets_a_receipt(client, submit):
    report, tracking = report_as_grace(
        client, submit, {"methods": ["email"], "voicemail_safe": "no"}
    )
    (receipt,) = mail.outbox
    assert receipt.to == ["grace@example.org"]
    assert report.reference in receipt.subject + receipt.body
    assert "/track" in receipt.body
    assert tracking not in receipt.body
    assert "Mare Street" not in receipt.body and "racist" not in receipt.body
    assert Message.objects.get().purpose == "receipt"


@time_machine.travel(NOW, tick=False)
def test_no_receipt_when_email_is_not_safe(client, submit):
    report_as_grace(client, submit, {"methods": ["phone"], "voicemail_safe": "no"})
    assert mail.outbox == []
    assert not Message.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_the_receipt_waits_for_a_safe_time(client, submit, time_machine):
    support = {"methods": ["email"], "safe_from": "19:00", "safe_until": "22:00"}
    report_as_grace(client, submit, support)
    assert mail.outbox == []
    assert Message.objects.get().status == "queued"
    time_machine.move_to(dt.datetime(2026, 11, 20, 19, 0, tzinfo=dt.UTC), tick=False)
    assert send_due_messages() == 1
    assert mail.outbox[0].to == ["grace@example.org"]


@time_machine.travel(NOW, tick=False)
def test_a_witness_whose_victim_does_not_know_gets_the_receipt_not_the_victim(client, submit):
    witness = {
        **GRACE,
        "who": {"reporter_role": "witness"},
        "victim-knows": {"victim_knows": "no"},
        "support": {"methods": ["email"]},
        "contact": {
            "name": "Wendy Witness",
            "email": "wendy@example.org",
            "victim_name": "Vic",
            "victim_email": "vic@example.org",
        },
    }
    walk(client, witness)
    submit()
    assert [message.to for message in mail.outbox] == [["wendy@example.org"]]


@time_machine.travel(NOW, tick=False)
def test_an_api_report_gets_its_receipt_after_commit(client, django_capture_on_commit_callbacks):
    from hatecrime.reporting.actions import do_submit_report

    payload = {
        "reporter_role": "victim",
        "anonymous": False,
        "what_happened": "Shouted at in the street",
        "occurred_on": "2026-11-01",
        "borough": "hackney",
        "motivations": ["race"],
        "contact": {"email": "sam@example.com"},
        "safe_contact": {"methods": ["email"]},
    }
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        submitted = do_submit_report(payload=payload, channel="api", actor=None)
    assert mail.outbox == []  # nothing before the commit
    for callback in callbacks:
        callback()
    assert mail.outbox[0].to == ["sam@example.com"]
    assert submitted.tracking_code not in mail.outbox[0].body
