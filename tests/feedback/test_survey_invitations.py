"""The feedback survey goes only to the victim, only by a safe way, at closure and three months
after, once each (docs/adr/0822); the link's token is kept only as a keyed hash."""

import datetime as dt
import re

import pytest
import time_machine

from feedback.helpers import (
    ANONYMOUS,
    ON_BEHALF_VICTIM_AGREES,
    ON_BEHALF_VICTIM_DOES_NOT_KNOW,
    ON_BEHALF_VICTIM_NOT_AGREED,
    PHONE_ONLY,
    VICTIM,
    WITNESS,
    closed_case,
)
from hatecrime.audit.models import AuditEvent
from hatecrime.core.crypto import blind_index
from hatecrime.feedback.invitations import invite_due
from hatecrime.feedback.jobs import survey_invitations_job
from hatecrime.feedback.models import SurveyInvitation
from hatecrime.notifications.models import Message

pytestmark = pytest.mark.django_db

CLOSED = dt.datetime(2026, 11, 2, 10, 0, tzinfo=dt.UTC)  # a Monday
SOON_AFTER = CLOSED + dt.timedelta(hours=2)
THREE_MONTHS_AFTER = dt.datetime(2027, 2, 2, 11, 0, tzinfo=dt.UTC)


def survey_messages():
    return Message.objects.filter(template="victim_feedback_survey")


@pytest.fixture
def run_at(django_capture_on_commit_callbacks):
    """Run the sweep at `when`, sending what it sends after commit as the worker would."""

    def run(when: dt.datetime) -> dict[str, int]:
        with (
            time_machine.travel(when, tick=False),
            django_capture_on_commit_callbacks(execute=True),
        ):
            return invite_due()

    return run


def make(payload, **kwargs):
    with time_machine.travel(CLOSED - dt.timedelta(days=20), tick=False):
        return closed_case(payload, CLOSED, **kwargs)


def test_a_contactable_victim_gets_the_survey_at_closure_by_a_safe_way(settings, run_at):
    settings.SITE_URL = "https://report.example"
    case = make(VICTIM)
    assert run_at(SOON_AFTER) == {"at_closure": 1, "three_months": 0}
    message = survey_messages().get()
    assert message.recipient == "vera@example.invalid"
    assert message.case_id == case.pk
    invitation = SurveyInvitation.objects.get(case=case)
    assert (invitation.stage, invitation.outcome) == ("at_closure", "sent")


@pytest.mark.parametrize(
    "payload",
    [
        ANONYMOUS,
        WITNESS,
        ON_BEHALF_VICTIM_DOES_NOT_KNOW,
        ON_BEHALF_VICTIM_NOT_AGREED,
        PHONE_ONLY,
    ],
    ids=["anonymous", "witness", "victim-does-not-know", "victim-not-agreed", "no-safe-way"],
)
def test_the_survey_never_goes_to_someone_it_must_not(payload, run_at):
    case = make(payload)
    run_at(SOON_AFTER)
    run_at(THREE_MONTHS_AFTER)
    assert not Message.objects.filter(template="victim_feedback_survey").exists()
    for invitation in SurveyInvitation.objects.filter(case=case):
        assert invitation.outcome == "not_sent"
        assert invitation.not_sent_reason
        assert invitation.token_digest is None


def test_the_person_who_reported_for_the_victim_never_gets_it_in_their_place(run_at):
    make(ON_BEHALF_VICTIM_AGREES)
    run_at(SOON_AFTER)
    assert list(survey_messages().values_list("recipient", flat=True)) == ["vic@example.invalid"]


def test_it_goes_once_per_stage_however_often_the_sweep_runs(run_at):
    make(VICTIM)
    run_at(SOON_AFTER)
    run_at(SOON_AFTER + dt.timedelta(hours=1))
    with time_machine.travel(SOON_AFTER + dt.timedelta(hours=2), tick=False):
        assert survey_invitations_job.call() == {"at_closure": 0, "three_months": 0}
    assert survey_messages().count() == 1


def test_a_second_survey_goes_three_months_after_closure_and_not_before(run_at):
    case = make(VICTIM)
    run_at(SOON_AFTER)
    assert run_at(dt.datetime(2027, 2, 1, 10, 0, tzinfo=dt.UTC))["three_months"] == 0
    assert run_at(THREE_MONTHS_AFTER)["three_months"] == 1
    stages = set(SurveyInvitation.objects.filter(case=case).values_list("stage", flat=True))
    assert stages == {"at_closure", "three_months"}
    assert survey_messages().count() == 2


def test_a_case_closed_long_before_gets_no_survey_out_of_the_blue(run_at):
    make(VICTIM)
    assert run_at(CLOSED + dt.timedelta(days=45)) == {"at_closure": 0, "three_months": 0}
    assert not survey_messages().exists()


def test_an_open_case_gets_no_survey(run_at):
    case = make(VICTIM)
    type(case).objects.filter(pk=case.pk).update(status="in_progress")
    run_at(SOON_AFTER)
    assert not SurveyInvitation.objects.exists()


def test_only_a_keyed_hash_of_the_token_is_kept(caplog, settings, run_at):
    settings.SITE_URL = "https://report.example"
    caplog.set_level("INFO", logger="hatecrime.notifications.gateway")
    case = make(VICTIM)
    run_at(SOON_AFTER)
    token = re.search(r"/feedback/([A-Za-z0-9_-]+)/", caplog.text).group(1)
    invitation = SurveyInvitation.objects.get(case=case)
    assert invitation.token_digest == blind_index(token, purpose="survey-token")
    assert token not in invitation.token_digest
    assert survey_messages().get().context is None  # sent: the link is not kept


def test_the_survey_is_in_the_victims_language(caplog, settings, run_at):
    settings.SITE_URL = "https://report.example"
    caplog.set_level("INFO", logger="hatecrime.notifications.gateway")
    make(VICTIM, language="pl")
    run_at(SOON_AFTER)
    message = survey_messages().get()
    assert message.language == "pl"
    assert "https://report.example/pl/feedback/" in caplog.text
    assert "It takes two minutes" not in caplog.text


def test_sending_is_audited_without_the_link(run_at):
    case = make(VICTIM)
    run_at(SOON_AFTER)
    alter = AuditEvent.objects.get(fields=["survey_invitations"])
    assert alter.object_id == case.reference
    assert alter.detail == {"stage": "at_closure", "sent": True}
    disclose = AuditEvent.objects.get(kind="disclose", object_id=case.reference)
    assert "link" not in disclose.fields
