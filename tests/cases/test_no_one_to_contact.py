"""Anonymous reports, and reports whose victim does not know about them or has not agreed, get no
first-contact clock: no reminder, no escalation, and the board counts them apart."""

import datetime as dt
import importlib
import json
from typing import Any

import pytest
import time_machine

from hatecrime.cases.jobs import first_contact_job
from hatecrime.cases.models import Case, Clock, ClockRule
from hatecrime.notifications.models import Message

pytestmark = pytest.mark.django_db

SUBMITTED = dt.datetime(2026, 11, 20, 10, 0, tzinfo=dt.UTC)
BASE: dict[str, Any] = {
    "what_happened": "Shouted abuse about their religion outside the shop",
    "occurred_on": "2026-11-19",
    "borough": "hackney",
    "motivations": ["religion"],
}
ANONYMOUS = {**BASE, "reporter_role": "victim", "anonymous": True}
VICTIM_DOES_NOT_KNOW = {
    **BASE,
    "reporter_role": "on_behalf",
    "anonymous": False,
    "on_behalf": {"relationship": "friend"},
    "victim_knows": "no",
    "contact": {"name": "Fay Friend", "email": "fay@example.invalid"},
    "victim": {"name": "Vic Tim", "phone": "07700 900456"},
}
VICTIM_HAS_NOT_AGREED = {
    **VICTIM_DOES_NOT_KNOW,
    "on_behalf": {"relationship": "relative"},
    "victim_knows": "yes",
    "victim_agrees_to_contact": "no",
}
VICTIM_AGREES = {**VICTIM_HAS_NOT_AGREED, "victim_agrees_to_contact": "yes"}
WITNESS = {
    **BASE,
    "reporter_role": "witness",
    "anonymous": False,
    "contact": {"name": "Walter Witness", "phone": "07700 900789"},
}
NO_ONE_TO_CONTACT = [ANONYMOUS, VICTIM_DOES_NOT_KNOW, VICTIM_HAS_NOT_AGREED, WITNESS]


@pytest.fixture
def supervisor(hannah):
    hannah.email = "hannah@example.invalid"
    hannah.save()
    return hannah


def submit(client, body: dict[str, Any]) -> Case:
    with time_machine.travel(SUBMITTED, tick=False):
        response = client.post(
            "/api/v1/reports", data=json.dumps(body), content_type="application/json"
        )
    assert response.status_code == 201, response.content
    return Case.objects.get(report__reference=response.json()["reference"])


@pytest.mark.parametrize("body", NO_ONE_TO_CONTACT, ids=["anonymous", "not-known", "no", "witness"])
def test_a_report_with_no_one_to_contact_has_no_first_contact_clock(client, supervisor, body):
    case = submit(client, body)
    assert case.first_contact_due_at is None
    assert not case.clocks.exists()
    with time_machine.travel(SUBMITTED + dt.timedelta(hours=21), tick=False):
        assert first_contact_job.call() == {"reminded": 0, "escalated": 0}
    with time_machine.travel(SUBMITTED + dt.timedelta(hours=30), tick=False):
        assert first_contact_job.call() == {"reminded": 0, "escalated": 0}
    assert not Message.objects.exists()


def test_a_victim_who_knows_and_agrees_gets_the_24_hour_clock_and_its_escalation(
    client, supervisor
):
    case = submit(client, VICTIM_AGREES)
    assert case.first_contact_due_at == SUBMITTED + dt.timedelta(hours=24)
    assert case.clocks.get().due_at == case.first_contact_due_at
    with time_machine.travel(SUBMITTED + dt.timedelta(hours=30), tick=False):
        assert first_contact_job.call()["escalated"] == 1
    assert Message.objects.filter(template="supervisor_first_contact_overdue").count() == 1


def test_the_board_counts_them_apart_and_never_as_overdue(client, supervisor):
    for body in NO_ONE_TO_CONTACT:
        submit(client, body)
    late = submit(client, VICTIM_AGREES)
    client.force_login(supervisor)
    with time_machine.travel(SUBMITTED + dt.timedelta(hours=30), tick=False):
        response = client.get("/staff/cases/board/")
    board = response.context["board"]
    assert board.no_one_to_contact == 4
    assert (board.first_contact_within_24h, board.first_contact_total) == (0, 1)
    assert board.first_contact_overdue == [late]
    assert "Not counted: 4 reports with no one to contact" in response.content.decode()


def test_the_case_page_says_there_is_no_one_to_contact(client, alice):
    case = submit(client, ANONYMOUS)
    client.force_login(alice)
    page = client.get(f"/staff/cases/{case.report.reference}/").content.decode()
    assert "no one to contact" in page


def test_cases_opened_before_the_rule_lose_their_running_first_contact_clock(client, supervisor):
    from django.apps import apps

    migration = importlib.import_module(
        "hatecrime.cases.migrations.0011_first_contact_only_when_contactable"
    )
    anonymous, contactable = submit(client, ANONYMOUS), submit(client, VICTIM_AGREES)
    rule = ClockRule.objects.get(code="first-contact")
    due = SUBMITTED + dt.timedelta(hours=24)
    Case.objects.filter(pk=anonymous.pk).update(first_contact_due_at=due)  # as opened before
    Clock.objects.create(case=anonymous, rule=rule, started_at=SUBMITTED, due_at=due)
    migration.stop_first_contact_with_no_one_to_contact(apps, None)
    anonymous.refresh_from_db()
    assert anonymous.first_contact_due_at is None
    assert anonymous.clocks.get().stop_reason == "victim_not_contactable"
    contactable.refresh_from_db()
    assert contactable.first_contact_due_at == due
    assert contactable.clocks.get().stopped_at is None
    with time_machine.travel(SUBMITTED + dt.timedelta(hours=30), tick=False):
        assert first_contact_job.call()["escalated"] == 1  # the contactable one only
