"""The holder of the tracking code chooses the language of the messages about the report on
'track my report' (docs/adr/0701); a call handler sets it when recording a report by phone.
Messages then go in it, through the same gateway and safe-contact rules; staff see it; only an
offered language is accepted, and the choice is audited."""

import pytest
from django.core import mail

from api.test_cases_api import client_for
from cases.factories import VICTIM_REPORT
from cases.test_pages_record import A_PHONE_REPORT
from hatecrime.audit.models import AuditEvent
from hatecrime.cases.actions import do_record_update
from hatecrime.notifications.models import Message
from hatecrime.reporting.actions import do_submit_report
from hatecrime.reporting.models import Report

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(time_machine, settings):
    time_machine.move_to("2026-11-20 10:00 +0000", tick=False)
    settings.EMAIL_HOST = "smtp.example.invalid"
    settings.SITE_URL = "https://report.example"


@pytest.fixture
def submitted(db):
    return do_submit_report(payload=VICTIM_REPORT, channel="online", actor=None)


def track(client, submitted, prefix=""):
    data = {"reference": submitted.reference, "tracking_code": submitted.tracking_code}
    response = client.post(f"{prefix}/track/", data)
    assert response.status_code == 200
    return response.content.decode()


def test_tracking_shows_the_language_for_messages_and_a_way_to_change_it(client, submitted):
    page = track(client, submitted)
    assert 'data-message-language="en-gb"' in page
    assert 'href="/track/language/"' in page


def test_the_choice_is_stored_audited_and_confirmed(client, submitted):
    track(client, submitted)
    form = client.get("/track/language/").content.decode()
    assert 'lang="vi"' in form and "Tiếng Việt" in form
    assert 'value="en-gb" checked' in form
    response = client.post("/track/language/", {"language": "vi"})
    assert response.status_code == 302 and response["Location"] == "/track/added/"
    assert Report.objects.get().message_language == "vi"
    event = AuditEvent.objects.get(kind="alter", object_id=submitted.reference)
    assert event.fields == ["message_language"] and event.actor_label == "public"
    assert "We will send messages about your report" in client.get("/track/added/").content.decode()
    # The tracking page now says so, in the language named in itself.
    page = track(client, submitted)
    assert 'data-message-language="vi"' in page and "Tiếng Việt" in page


def test_choosing_the_reports_own_language_clears_the_choice(client, submitted):
    track(client, submitted)
    client.post("/track/language/", {"language": "vi"})
    client.post("/track/language/", {"language": "en-gb"})
    report = Report.objects.get()
    assert report.message_language == "" and report.language_for_messages == "en-gb"


@pytest.mark.parametrize("code", ["", "xx", "de", "en-gb'--"])
def test_only_an_offered_language_is_accepted(client, submitted, code):
    track(client, submitted)
    response = client.post("/track/language/", {"language": code})
    page = response.content.decode()
    assert response.status_code == 400
    assert "govuk-error-summary" in page and "<title>Error: Messages about your report" in page
    assert "Select the language for messages about your report" in page
    assert 'href="#language"' in page and 'id="language"' in page
    assert Report.objects.get().message_language == ""


def test_a_hidden_language_cannot_be_chosen(client, submitted, settings):
    settings.HATECRIME_HIDDEN_LANGUAGES = ["vi"]
    track(client, submitted)
    assert "Tiếng Việt" not in client.get("/track/language/").content.decode()
    assert client.post("/track/language/", {"language": "vi"}).status_code == 400


def test_without_tracking_first_the_page_sends_you_to_track(client, submitted):
    response = client.post("/track/language/", {"language": "vi"})
    assert response.status_code == 302 and response["Location"] == "/track/"
    assert Report.objects.get().message_language == ""


def test_an_anonymous_report_has_no_one_to_message(client, db):
    anonymous = {
        key: value for key, value in VICTIM_REPORT.items() if key not in ("contact", "safe_contact")
    }
    submitted = do_submit_report(
        payload={**anonymous, "anonymous": True}, channel="online", actor=None
    )
    page = track(client, submitted)
    assert "data-message-language" not in page
    assert client.get("/track/language/").status_code == 404


def test_messages_then_go_in_the_chosen_language(
    client, submitted, alice, django_capture_on_commit_callbacks
):
    track(client, submitted)
    client.post("/track/language/", {"language": "vi"})
    case = Report.objects.get().case
    with django_capture_on_commit_callbacks(execute=True):
        do_record_update(
            actor=alice,
            case=case,
            expected_version=case.version,
            text="We have spoken to a witness",
            method="phone",
            share_on_tracking=True,
        )
    message = Message.objects.get(template="victim_update_available")
    assert message.language == "vi"
    (sent,) = [m for m in mail.outbox if submitted.reference in m.subject]
    assert "https://report.example/vi/track" in sent.body
    assert "There is an update" not in sent.body  # not the English


def test_staff_see_the_chosen_language(client, submitted, alice):
    track(client, submitted)
    client.post("/track/language/", {"language": "vi"})
    detail = client_for(alice).get(f"/api/v1/cases/{submitted.reference}").json()["case"]
    assert detail["language"] == "en-gb" and detail["message_language"] == "vi"
    client.force_login(alice)
    page = client.get(f"/staff/cases/{submitted.reference}/").content.decode()
    assert 'id="case-message-language"' in page and "Vietnamese (Tiếng Việt)" in page


def test_a_call_handler_records_the_language_the_person_reads(client, carl):
    client.force_login(carl)
    response = client.post("/staff/cases/record/", {**A_PHONE_REPORT, "language": "pl"})
    assert response.status_code == 200
    assert Report.objects.get().language == "pl"


def test_a_call_handler_report_is_english_unless_told(client, carl):
    client.force_login(carl)
    client.post("/staff/cases/record/", A_PHONE_REPORT)
    assert Report.objects.get().language == "en-gb"


def test_a_language_that_is_not_offered_is_an_error_for_the_call_handler(client, carl):
    client.force_login(carl)
    page = client.post("/staff/cases/record/", {**A_PHONE_REPORT, "language": "xx"})
    assert 'href="#id_language"' in page.content.decode()
    assert Report.objects.count() == 0
