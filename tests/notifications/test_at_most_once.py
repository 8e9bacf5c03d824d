"""Messages go at most once per recipient and event, and failed sends are tried again
(issue 14, item 5; docs/adr/0771-fault-benchmark.md)."""

import datetime as dt
from unittest import mock

import pytest
import time_machine
from django.utils import timezone

from hatecrime.notifications import gateway
from hatecrime.notifications.gateway import (
    MAX_ATTEMPTS,
    mark_interrupted_messages,
    send_due_messages,
    send_message,
)
from hatecrime.notifications.models import Message, MessageStatus

pytestmark = pytest.mark.django_db

ABOUT = {"reference": "HC-1", "link": "l"}


def send(**extra):
    return send_message(
        to="hannah@example.invalid",
        template="officer_case_assigned",
        context=ABOUT,
        purpose="assigned",
        **extra,
    )


def test_a_second_message_for_the_same_event_and_recipient_is_neither_stored_nor_sent():
    with mock.patch.object(gateway, "_deliver", return_value="") as deliver:
        first = send(event="clock:1:reminded_at")
        again = send(event="clock:1:reminded_at")
    assert again.pk == first.pk
    assert deliver.call_count == 1
    assert Message.objects.count() == 1


def test_the_same_event_still_reaches_each_recipient_once():
    send(event="clock:1:reminded_at")
    send_message(
        to="alice@example.invalid",
        template="officer_case_assigned",
        context=ABOUT,
        purpose="assigned",
        event="clock:1:reminded_at",
    )
    assert Message.objects.filter(status="sent").count() == 2


def test_a_queued_message_waits_for_the_sweep_and_goes_once():
    message = send(queue=True)
    assert message.status == "queued"
    assert send_due_messages() == 1
    assert send_due_messages() == 0
    message.refresh_from_db()
    assert message.status == "sent" and message.context is None and message.attempts == 1


def test_a_failed_send_is_tried_again_after_a_delay_until_it_goes(time_machine):
    time_machine.move_to("2026-12-01 10:00 +0000", tick=False)
    with mock.patch.object(gateway, "_deliver", side_effect=OSError):
        message = send()
    assert message.status == "failed" and message.attempts == 1
    assert message.send_after == timezone.now() + dt.timedelta(minutes=1)
    assert send_due_messages() == 0  # not yet due again
    time_machine.move_to("2026-12-01 10:01 +0000", tick=False)
    assert send_due_messages() == 1
    message.refresh_from_db()
    assert message.status == "sent" and message.attempts == 2 and message.context is None


def test_a_send_that_keeps_failing_is_given_up_after_the_last_try():
    with mock.patch.object(gateway, "_deliver", side_effect=OSError) as deliver:
        message = send()
        for _ in range(MAX_ATTEMPTS + 2):
            Message.objects.filter(pk=message.pk).exclude(send_after=None).update(
                send_after=timezone.now()
            )
            send_due_messages()
    message.refresh_from_db()
    assert deliver.call_count == MAX_ATTEMPTS
    assert message.status == "failed" and message.send_after is None and message.context is None


def test_a_message_left_sending_by_a_process_that_died_is_never_sent_again():
    with time_machine.travel(timezone.now() - dt.timedelta(minutes=11), tick=False):
        message = send(queue=True)
        Message.objects.filter(pk=message.pk).update(
            status=MessageStatus.SENDING, attempted_at=timezone.now()
        )
    with mock.patch.object(gateway, "_deliver", return_value="") as deliver:
        assert send_due_messages() == 0
    deliver.assert_not_called()
    message.refresh_from_db()
    assert message.status == "failed" and message.error.startswith("Interrupted")
    assert message.context is None


def test_a_message_being_sent_now_is_not_taken_for_interrupted():
    message = send(queue=True)
    Message.objects.filter(pk=message.pk).update(
        status=MessageStatus.SENDING, attempted_at=timezone.now()
    )
    assert mark_interrupted_messages() == 0


def test_two_sweeps_never_send_one_message_twice():
    message = send(queue=True)
    claimed_first = []

    def deliver_while_another_sweep_runs(*args):
        if not claimed_first:
            claimed_first.append(True)
            assert send_due_messages() == 0  # the other worker finds it claimed
        return ""

    with mock.patch.object(gateway, "_deliver", side_effect=deliver_while_another_sweep_runs):
        assert send_due_messages() == 1
    message.refresh_from_db()
    assert message.status == "sent" and message.attempts == 1
