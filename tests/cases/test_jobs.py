import datetime as dt

import time_machine
from django.utils import timezone

from cases.factories import make_case
from hatecrime.cases.actions import do_assign_case
from hatecrime.cases.jobs import first_contact_job
from hatecrime.core.scheduler import JOBS
from hatecrime.notifications.models import Message


def test_the_sweeps_are_registered():
    assert {"cases.first_contact", "cases.victims_code_clocks", "cases.updates_due"} <= set(JOBS)


def test_the_officer_is_reminded_once_before_first_contact_is_due(alice, hannah):
    alice.email = "alice@example.invalid"
    alice.save()
    start = timezone.now()
    case = make_case("hackney", submitted_at=start)
    do_assign_case(actor=hannah, case=case, expected_version=1, officer=alice)
    with time_machine.travel(start + dt.timedelta(hours=21), tick=False):
        first_contact_job.call()
        first_contact_job.call()
    reminders = Message.objects.filter(template="officer_first_contact_due")
    assert reminders.count() == 1
    assert reminders.get().recipient == "alice@example.invalid"


def test_overdue_first_contact_is_escalated_once_to_the_supervisor(alice, hannah):
    hannah.email = "hannah@example.invalid"
    hannah.save()
    start = timezone.now()
    make_case("hackney", submitted_at=start)
    with time_machine.travel(start + dt.timedelta(hours=25), tick=False):
        assert first_contact_job.call()["escalated"] == 1
        assert first_contact_job.call()["escalated"] == 0
    assert Message.objects.filter(template="supervisor_first_contact_overdue").count() == 1


def test_nothing_is_sent_when_contact_was_made(alice, hannah):
    from hatecrime.cases.actions import do_record_contact

    hannah.email = "hannah@example.invalid"
    hannah.save()
    start = timezone.now()
    case = make_case("hackney", submitted_at=start)
    do_record_contact(actor=alice, case=case, expected_version=1, method="email", made=True)
    with time_machine.travel(start + dt.timedelta(hours=30), tick=False):
        assert first_contact_job.call() == {"reminded": 0, "escalated": 0}
