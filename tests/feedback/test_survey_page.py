"""The survey page, reached by a one-time link (docs/adr/0822): every question optional, the
answers stored with no key back to the case, the link good once, for 60 days."""

import datetime as dt

import pytest
import time_machine

from feedback.helpers import VICTIM, closed_case
from hatecrime.audit.models import AuditEvent
from hatecrime.feedback.actions import do_invite_to_survey
from hatecrime.feedback.models import SurveyInvitation, SurveyResponse

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 20, 10, 0, tzinfo=dt.UTC)
ANSWERS = {
    "kept_informed": "no",
    "treated_with_respect": "yes",
    "would_report_again": "not_sure",
    "comment": "Nobody rang me back",
    "age_band": "25_34",
    "disability": "yes",
}


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def token(monkeypatch, django_capture_on_commit_callbacks):
    """A survey sent for a closed case: the token its link carries."""
    made = []
    monkeypatch.setattr("hatecrime.feedback.actions.secrets.token_urlsafe", lambda n: "T" * 43)
    case = closed_case(VICTIM, NOW - dt.timedelta(hours=1))
    with django_capture_on_commit_callbacks(execute=True):
        made.append(do_invite_to_survey(case=case, stage="at_closure"))
    return "T" * 43


def url(token: str, language: str = "") -> str:
    return f"{'/' + language if language else ''}/feedback/{token}/"


def test_the_link_opens_the_survey_and_says_nothing_of_the_report(client, token):
    response = client.get(url(token))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Did we keep you informed?" in html
    assert "HC-" not in html and "Vera" not in html and "Shouted" not in html


def test_the_answers_are_stored_apart_from_the_case(client, token):
    response = client.post(url(token), ANSWERS)
    assert response.status_code == 200
    assert "Thank you" in response.content.decode()
    stored = SurveyResponse.objects.get()
    assert stored.month == dt.date(2026, 11, 1)
    assert (stored.area, stored.strands, stored.channel) == ("hackney", ["religion"], "online")
    assert (stored.kept_informed, stored.age_band, stored.disability) == ("no", "25_34", "yes")
    assert stored.comment == "Nobody rang me back"
    # No key to a case, an invitation or a person; no time finer than the month.
    columns = {field.name for field in SurveyResponse._meta.get_fields()}
    assert columns == {
        "id", "month", "stage", "area", "strands", "channel", "kept_informed",
        "treated_with_respect", "would_report_again", "comment", "age_band", "disability",
    }  # fmt: skip
    assert not [f for f in SurveyResponse._meta.get_fields() if f.is_relation]


def test_every_question_is_optional(client, token):
    assert client.post(url(token), {}).status_code == 200
    stored = SurveyResponse.objects.get()
    assert (stored.kept_informed, stored.age_band, stored.comment) == ("", "", "")


def test_the_link_works_once(client, token):
    client.post(url(token), ANSWERS)
    again = client.get(url(token))
    assert again.status_code == 404
    assert "This link has expired or has already been used." in again.content.decode()
    assert client.post(url(token), ANSWERS).status_code == 404
    assert SurveyResponse.objects.count() == 1
    assert SurveyInvitation.objects.get().token_digest is None


def test_an_unknown_link_gets_the_same_page(client, token):
    unknown = client.get(url("U" * 43))
    assert unknown.status_code == 404
    assert "This link has expired or has already been used." in unknown.content.decode()


def test_the_link_expires_after_60_days(client, token, frozen):
    frozen.move_to(NOW + dt.timedelta(days=61))
    assert client.get(url(token)).status_code == 404


def test_a_value_outside_the_answers_is_refused_with_the_error_summary(client, token):
    response = client.post(url(token), {**ANSWERS, "kept_informed": "maybe"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "govuk-error-summary" in html and "Select one of the answers" in html
    assert not SurveyResponse.objects.exists()
    assert client.get(url(token)).status_code == 200  # still usable


def test_a_comment_too_long_is_refused(client, token):
    response = client.post(url(token), {**ANSWERS, "comment": "x" * 2001})
    assert response.status_code == 400
    assert "2000 characters or fewer" in response.content.decode()


def test_answering_is_audited_without_the_answers(client, token):
    client.post(url(token), ANSWERS)
    event = AuditEvent.objects.get(kind="collect", object_type="survey_invitation")
    assert event.fields == ["answered"]
    assert "Nobody" not in str(event.detail) and "25_34" not in str(event.detail)


def test_the_page_is_in_the_victims_language(client, token):
    html = client.get(url(token, "pl")).content.decode()
    assert "Did we keep you informed?" not in html
