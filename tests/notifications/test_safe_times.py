"""Automatic messages wait for a time the person said is safe: Europe/London time, weekends
and bank holidays of England and Wales, across the clock changes (issue 8, item 2)."""

import datetime as dt

import pytest
import time_machine
from django.core import mail

from cases.factories import VICTIM_REPORT, make_case
from hatecrime.cases.safe_contact import SafeContact
from hatecrime.notifications.gateway import send_due_messages
from hatecrime.notifications.models import Message
from hatecrime.notifications.victims import message_victim

UTC = dt.UTC


def at(*parts: int) -> dt.datetime:
    return dt.datetime(*parts, tzinfo=UTC)


@pytest.mark.parametrize(
    ("profile", "now", "expected"),
    [
        # Inside the window: now.
        ({"safe_from": "09:00", "safe_until": "17:00"}, at(2026, 11, 24, 10), at(2026, 11, 24, 10)),
        # Before it: later the same day (GMT in November).
        ({"safe_from": "18:00", "safe_until": "21:00"}, at(2026, 11, 24, 10), at(2026, 11, 24, 18)),
        # After it: the next day.
        ({"safe_from": "18:00", "safe_until": "21:00"}, at(2026, 11, 24, 22), at(2026, 11, 25, 18)),
        # British Summer Time: 18:00 in London is 17:00 UTC.
        ({"safe_from": "18:00"}, at(2026, 7, 1, 9), at(2026, 7, 1, 17)),
        # Christmas Eve evening: Christmas, Boxing Day (Saturday), Sunday and Boxing Day
        # observed (Monday 28th) are not working days.
        (
            {"safe_days": "working_days", "safe_from": "09:00", "safe_until": "17:00"},
            at(2026, 12, 24, 18),
            at(2026, 12, 29, 9),
        ),
        # Easter 2027 spans the start of summer time (Sunday 28 March): Good Friday and Easter
        # Monday are bank holidays, and 09:00 on Tuesday is 08:00 UTC.
        (
            {"safe_days": "working_days", "safe_from": "09:00", "safe_until": "17:00"},
            at(2027, 3, 25, 18),
            at(2027, 3, 30, 8),
        ),
        # The night the clocks go forward: 09:00 BST on Sunday 28 March 2027.
        ({"safe_from": "09:00", "safe_until": "12:00"}, at(2027, 3, 27, 22), at(2027, 3, 28, 8)),
        # The night the clocks go back: 09:00 GMT on Sunday 25 October 2026.
        ({"safe_from": "09:00", "safe_until": "12:00"}, at(2026, 10, 24, 22), at(2026, 10, 25, 9)),
        # Weekends and bank holidays only: from a Tuesday to Saturday.
        ({"safe_days": "non_working_days"}, at(2026, 11, 24, 10), at(2026, 11, 28, 0)),
        # Words the service can read as clock times.
        ({"safe_times": "after 6pm"}, at(2026, 11, 24, 10), at(2026, 11, 24, 18)),
    ],
)
def test_the_next_safe_time(profile, now, expected):
    assert SafeContact(stated=True, **profile).next_safe_time(now) == expected


def test_times_in_words_that_cannot_be_read_have_no_next_safe_time():
    preferences = SafeContact(stated=True, safe_times="when my husband is out")
    assert preferences.next_safe_time(at(2026, 11, 24, 10)) is None


def evening_case():
    safe = {"methods": ["email"], "safe_from": "18:00", "safe_until": "21:00"}
    return make_case("hackney", submitted={**VICTIM_REPORT, "safe_contact": safe})


def test_a_message_waits_for_the_safe_time_then_is_sent(db, settings):
    settings.EMAIL_HOST = "smtp.example.invalid"  # the email channel (locmem in tests)
    case = evening_case()
    with time_machine.travel(at(2026, 11, 24, 10), tick=False) as traveller:
        message = message_victim(case, template="victim_update_available", purpose="update")
        assert message.status == "queued"
        assert message.send_after == at(2026, 11, 24, 18)
        assert mail.outbox == []
        traveller.move_to(at(2026, 11, 24, 17, 59))
        assert send_due_messages() == 0
        assert mail.outbox == []
        traveller.move_to(at(2026, 11, 24, 18, 0))
        assert send_due_messages() == 1
    assert [m.to for m in mail.outbox] == [["vera@example.invalid"]]
    message.refresh_from_db()
    assert message.status == "sent" and message.context is None
    assert send_due_messages() == 0  # never twice


def test_a_queued_message_is_audited_when_it_is_sent_not_before(db, settings):
    from cases.factories import events

    case = evening_case()
    with time_machine.travel(at(2026, 11, 24, 10), tick=False) as traveller:
        message_victim(case, template="victim_update_available", purpose="update")
        assert events("disclose", case.report.reference) == []
        traveller.move_to(at(2026, 11, 24, 19))
        send_due_messages()
    assert len(events("disclose", case.report.reference)) == 1


def test_the_queued_context_is_encrypted(db):
    case = evening_case()
    with time_machine.travel(at(2026, 11, 24, 10), tick=False):
        message = message_victim(case, template="victim_update_available", purpose="update")
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT context FROM notifications_message WHERE id = %s", [message.pk])
        assert case.report.reference not in cursor.fetchone()[0]


def test_unreadable_safe_times_hold_the_message_back(db):
    safe = {"methods": ["email"], "safe_times": "when my husband is out"}
    case = make_case("hackney", submitted={**VICTIM_REPORT, "safe_contact": safe})
    message = message_victim(case, template="victim_update_available", purpose="update")
    assert message.status == "suppressed"
    assert Message.objects.filter(status="sent").count() == 0
