"""A victim who may not be contacted (made anonymously, or reported by someone else who said the
victim does not know or has not agreed) is never recorded as told of a decision: the action
refuses it with the reason, the case page does not offer it, and the clocks that measure
telling, updating or referring the victim read "not applicable" with the reason, never due,
overdue or met, and send no reminder or escalation."""

import datetime as dt
import importlib
from typing import Any

import pytest
import time_machine
from django.utils import timezone
from rest_framework.test import APIClient

from cases.factories import VICTIM_REPORT, make_case
from hatecrime.cases.actions import UnsafeContact, do_record_decision, do_record_victim_told
from hatecrime.cases.jobs import updates_due_job, victims_code_clocks_job
from hatecrime.cases.models import Case, Clock, ClockRule
from hatecrime.notifications.models import Message
from personas import api_token

pytestmark = pytest.mark.django_db

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
VICTIM_HAS_NOT_AGREED = {**VICTIM_DOES_NOT_KNOW, "victim_knows": "yes"}
NOT_CONTACTABLE = {
    "anonymous": (ANONYMOUS, "The report was made anonymously"),
    "does-not-know": (VICTIM_DOES_NOT_KNOW, "said the victim does not know about it"),
    "has-not-agreed": (VICTIM_HAS_NOT_AGREED, "has not agreed to be contacted"),
}
NOT_APPLICABLE = "Not applicable: the victim cannot be contacted"
YESTERDAY = (timezone.localtime() - dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
AN_HOUR_AGO = (timezone.localtime() - dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")


@pytest.fixture(params=sorted(NOT_CONTACTABLE))
def not_contactable(request):
    body, reason = NOT_CONTACTABLE[request.param]
    return make_case("hackney", submitted=body), reason


@pytest.fixture
def supervisor(hannah):
    hannah.email = "hannah@example.invalid"
    hannah.save()
    return hannah


def _post(client, case, slug: str, data: dict[str, Any]):
    version = Case.objects.get(pk=case.pk).version
    return client.post(
        f"/staff/cases/{case.report.reference}/{slug}/", {"version": version, **data}
    )


def _decide(client, case):
    response = _post(
        client,
        case,
        "decision",
        {"kind": "arrested", "reasons": "Seen on camera at the shop", "decided_at": YESTERDAY},
    )
    assert response.status_code == 302, response.content
    return case.decisions.get()


def _clock_rows(client, case) -> str:
    page = client.get(f"/staff/cases/{case.report.reference}/").content.decode()
    table = page[page.index('id="clocks"') :]
    return table[: table.index("</table>")]


def test_recording_the_victim_told_is_refused_with_the_reason(client, alice, not_contactable):
    case, reason = not_contactable
    client.force_login(alice)
    decision = _decide(client, case)
    response = _post(
        client,
        case,
        "victim-told",
        {"decision": decision.pk, "told_at": AN_HOUR_AGO, "how": "phone"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Do not contact the victim." in page and reason in page
    decision.refresh_from_db()
    assert decision.victim_told_at is None


def test_the_action_itself_refuses_it_whoever_calls_it(alice, not_contactable):
    case, reason = not_contactable
    decision = do_record_decision(
        actor=alice, case=case, expected_version=case.version, kind="arrested", reasons="Seen"
    )
    case.refresh_from_db()
    with pytest.raises(UnsafeContact) as refused:
        do_record_victim_told(
            actor=alice,
            case=case,
            expected_version=case.version,
            decision=decision,
            told_by=alice,
            told_at=timezone.now(),
            how="phone",
        )
    assert reason in str(refused.value)
    assert not case.clocks.filter(stopped_at__isnull=True).exists()


def test_the_case_page_does_not_offer_it_and_says_why(client, alice, not_contactable):
    case, reason = not_contactable
    client.force_login(alice)
    _decide(client, case)
    page = client.get(f"/staff/cases/{case.report.reference}/").content.decode()
    assert "/victim-told/" not in page
    assert "Victim not told: they may not be contacted." in page
    assert "Victim not told yet" not in page
    explained = page[page.index('id="victim-not-told"') :]
    assert reason in explained[:800]


def test_the_clocks_of_telling_updating_and_referring_read_not_applicable(
    client, alice, supervisor, not_contactable
):
    case, _reason = not_contactable
    client.force_login(alice)
    _decide(client, case)
    assert (
        _post(
            client,
            case,
            "needs",
            {"wants_police_action": "yes", "update_method": "phone", "update_every_days": 14},
        ).status_code
        == 302
    )
    codes = set(case.clocks.values_list("rule__code", flat=True))
    assert {"right-6-enhanced", "referral", "update-due"} <= codes
    assert not case.clocks.filter(stopped_at__isnull=True).exists()
    # A month on, none is due, overdue or met, and nobody is reminded or alerted.
    with time_machine.travel(timezone.now() + dt.timedelta(days=30)):
        client.force_login(alice)  # a new session: the one before has timed out
        rows = _clock_rows(client, case)
        assert victims_code_clocks_job.call() == {"reminded": 0, "escalated": 0}
        assert updates_due_job.call() == {"reminded": 0}
    for state in ("Met", "Missed", "Overdue", "Due today", "Running"):
        assert f">{state}<" not in rows, state
    assert rows.count(NOT_APPLICABLE) == case.clocks.count() == rows.count("Not applicable<")
    assert not Message.objects.exists()
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {api_token(alice)}")
    clocks = api.get(f"/api/v1/cases/{case.report.reference}").json()["clocks"]
    assert {clock["state"] for clock in clocks} == {"not_applicable"}
    assert {clock["stop_reason"] for clock in clocks} == {"victim_not_contactable"}


def test_a_second_update_adds_no_second_not_applicable_clock(client, alice, not_contactable):
    case, _reason = not_contactable
    client.force_login(alice)
    for text in ("We have a suspect", "The suspect was interviewed"):
        response = _post(client, case, "update", {"text": text, "method": "phone"})
        assert response.status_code == 302, response.content
    assert case.clocks.filter(rule__code="update-due").count() == 1


def test_a_victim_who_may_be_contacted_is_told_as_before(client, alice):
    case = make_case("hackney", submitted=VICTIM_REPORT)
    client.force_login(alice)
    decision = _decide(client, case)
    clock = case.clocks.get(rule__code="right-6-enhanced")
    assert clock.stopped_at is None
    page = client.get(f"/staff/cases/{case.report.reference}/").content.decode()
    assert "/victim-told/" in page and "Victim not told yet" in page
    response = _post(
        client,
        case,
        "victim-told",
        {"decision": decision.pk, "told_at": AN_HOUR_AGO, "how": "phone"},
    )
    assert response.status_code == 302
    clock.refresh_from_db()
    assert clock.stopped_at is not None and clock.stop_reason == ""


def test_running_clocks_of_cases_opened_before_stop_as_not_applicable(alice):
    from django.apps import apps

    migration = importlib.import_module(
        "hatecrime.cases.migrations.0016_victim_contact_clocks_not_applicable"
    )
    now = timezone.now()
    anonymous = make_case("hackney", submitted=ANONYMOUS)
    contactable = make_case("hackney", submitted=VICTIM_REPORT)
    for case in (anonymous, contactable):
        for code in ("right-6-enhanced", "update-due", "review-acknowledge"):
            rule = ClockRule.objects.get(code=code)
            Clock.objects.create(case=case, rule=rule, started_at=now, due_at=now)
    migration.stop_victim_contact_clocks(apps, None)
    stopped = dict(anonymous.clocks.values_list("rule__code", "stop_reason"))
    assert stopped == {
        "right-6-enhanced": "victim_not_contactable",
        "update-due": "victim_not_contactable",
        "review-acknowledge": "",  # the police's own deadline, once a review is asked for
    }
    assert anonymous.clocks.get(rule__code="review-acknowledge").stopped_at is None
    assert not contactable.clocks.filter(stopped_at__isnull=False).exists()
