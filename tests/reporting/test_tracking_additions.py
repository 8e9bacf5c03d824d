"""The person holding the tracking code adds to their report from 'track my report': more
information, more evidence, or "please call me". Each addition goes on the case encrypted,
alerts the officer (or the area's supervisors) with nothing in the message, is audited, and the
tracking page never shows what was added."""

import pytest
from django.db import connection
from django.test import Client

from cases.factories import VICTIM_REPORT
from hatecrime.audit.models import AuditEvent
from hatecrime.cases.models import ReportAddition
from hatecrime.notifications.models import Message
from hatecrime.reporting.actions import do_submit_report
from hatecrime.reporting.models import Evidence
from reporting.test_journey_evidence import png

pytestmark = pytest.mark.django_db

SECRET = "The man came back on Tuesday with a friend"


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-11-20 10:00 +0000", tick=False)


@pytest.fixture
def submitted(db):
    return do_submit_report(payload=VICTIM_REPORT, channel="online", actor=None)


@pytest.fixture
def tracked(client, submitted):
    """A browser that has just tracked the report with its reference and code."""
    data = {"reference": submitted.reference, "tracking_code": submitted.tracking_code}
    assert client.post("/track/", data).status_code == 200
    return client


def add(client, slug, **data):
    return client.post(f"/track/add/{slug}/", data)


def test_the_tracking_page_offers_the_three_ways_to_add(tracked, submitted):
    data = {"reference": submitted.reference, "tracking_code": submitted.tracking_code}
    page = tracked.post("/track/", data).content.decode()
    for slug in ("information", "evidence", "call-me"):
        assert f'href="/track/add/{slug}/"' in page


def test_the_page_title_says_error_only_when_there_is_one(tracked):
    assert "<title>Add more information" in tracked.get("/track/add/information/").content.decode()
    refused = add(tracked, "information", text="")
    assert "<title>Error: Add more information" in refused.content.decode()


def test_adding_information_goes_on_the_case_encrypted(tracked, submitted):
    assert tracked.get("/track/add/information/").status_code == 200
    response = add(tracked, "information", text=SECRET)
    assert response.status_code == 302
    assert response["Location"] == "/track/added/"
    assert "Added to your report" in tracked.get("/track/added/").content.decode()
    addition = ReportAddition.objects.get()
    assert addition.case == submitted.report.case
    assert (addition.kind, addition.text) == ("information", SECRET)
    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM cases_reportaddition")
        (raw,) = cursor.fetchone()
    assert SECRET not in raw


def test_an_addition_is_audited_as_a_collection_by_the_public(tracked, submitted):
    add(tracked, "information", text=SECRET)
    event = AuditEvent.objects.filter(kind="collect", object_id=submitted.reference).last()
    assert event.actor_label == "public"
    assert "additions" in event.fields
    assert SECRET not in str(event.detail)


def test_the_assigned_officer_is_told_with_nothing_of_what_was_added(
    tracked, submitted, alice, django_capture_on_commit_callbacks
):
    alice.email = "alice@example.invalid"
    alice.save()
    case = submitted.report.case
    case.assigned_officer = alice
    case.save()
    with django_capture_on_commit_callbacks(execute=True):
        add(tracked, "information", text=SECRET)
    message = Message.objects.get(template="staff_report_added_to")
    assert message.recipient == "alice@example.invalid"
    assert message.case == case


def test_with_no_officer_the_areas_supervisors_are_told(
    tracked, submitted, hannah, django_capture_on_commit_callbacks
):
    hannah.email = "hannah@example.invalid"
    hannah.save()
    with django_capture_on_commit_callbacks(execute=True):
        add(tracked, "call-me")
    message = Message.objects.get(template="staff_report_added_to")
    assert message.recipient == "hannah@example.invalid"


def test_the_alert_carries_only_the_reference_and_a_link(
    tracked, submitted, hannah, django_capture_on_commit_callbacks, caplog
):
    hannah.email = "hannah@example.invalid"
    hannah.save()
    caplog.set_level("INFO")
    with django_capture_on_commit_callbacks(execute=True):
        add(tracked, "information", text=SECRET)
    assert submitted.reference in caplog.text
    assert SECRET not in caplog.text


def test_the_tracking_page_says_something_was_added_never_what(tracked, submitted):
    add(tracked, "information", text=SECRET)
    data = {"reference": submitted.reference, "tracking_code": submitted.tracking_code}
    page = Client().post("/track/", data).content.decode()
    assert "You added more information" in page
    assert SECRET not in page


def test_evidence_is_checked_cleaned_and_kept_like_the_journeys(tracked, submitted):
    response = tracked.post("/track/add/evidence/", {"evidence": [png()], "text": ""})
    assert response.status_code == 302
    addition = ReportAddition.objects.get()
    stored = Evidence.objects.get(report=submitted.report)
    assert list(addition.evidence.all()) == [stored]
    assert stored.content_type == "image/png" and stored.metadata_removed


def test_a_file_that_is_not_evidence_is_refused_with_a_govuk_error(tracked):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("photo.jpg", b"<html>not a photo</html>", content_type="image/jpeg")
    response = tracked.post("/track/add/evidence/", {"evidence": [fake]})
    page = response.content.decode()
    assert response.status_code == 400
    assert "govuk-error-summary" in page
    assert "must be a JPG, PNG, GIF, WebP or PDF" in page
    assert not ReportAddition.objects.exists()


def test_no_file_is_refused(tracked):
    response = tracked.post("/track/add/evidence/", {})
    assert response.status_code == 400
    assert "Select a file to add" in response.content.decode()


def test_a_report_holds_no_more_files_than_the_journey_allows(tracked, settings):
    settings.HATECRIME_EVIDENCE_MAX_FILES = 2
    assert tracked.post("/track/add/evidence/", {"evidence": [png("a.png")]}).status_code == 302
    response = tracked.post("/track/add/evidence/", {"evidence": [png("b.png"), png("c.png")]})
    assert response.status_code == 400
    assert "A report can hold 2 files. Yours has room for 1 more" in response.content.decode()
    assert Evidence.objects.count() == 1


def test_a_file_too_large_is_refused(tracked, settings):
    settings.HATECRIME_EVIDENCE_MAX_BYTES = 10
    response = tracked.post("/track/add/evidence/", {"evidence": [png()]})
    assert "must be smaller than" in response.content.decode()


def test_empty_information_is_refused(tracked):
    response = add(tracked, "information", text="  ")
    assert response.status_code == 400
    assert "Enter the information you want to add" in response.content.decode()


def test_information_longer_than_the_journey_allows_is_refused(tracked):
    response = add(tracked, "information", text="x" * 20001)
    assert "20,000 characters or fewer" in response.content.decode()
    assert not ReportAddition.objects.exists()


def test_additions_are_limited_per_day(tracked, settings, time_machine):
    settings.HATECRIME_TRACKING_ADDITIONS_PER_DAY = 2
    for _number in range(2):
        assert add(tracked, "information", text="More").status_code == 302
        tracked.get("/track/added/")
    refused = add(tracked, "information", text="More")
    assert refused.status_code == 400
    assert "Try again tomorrow" in refused.content.decode()
    time_machine.shift(24 * 3600 + 1)
    # The tracked session lasts half an hour: track again the next day.
    assert add(tracked, "information", text="More").status_code == 302


def test_an_anonymous_report_cannot_ask_for_a_call(client):
    from api.test_track_api import PAYLOAD

    sent = do_submit_report(payload=PAYLOAD, channel="online", actor=None)
    data = {"reference": sent.reference, "tracking_code": sent.tracking_code}
    page = client.post("/track/", data).content.decode()
    assert "/track/add/call-me/" not in page
    assert client.get("/track/add/call-me/").status_code == 404
    assert client.post("/track/add/call-me/", {}).status_code == 404


def test_without_tracking_first_the_pages_send_you_to_track(client, submitted):
    for slug in ("information", "evidence", "call-me"):
        assert client.get(f"/track/add/{slug}/")["Location"] == "/track/"
        assert client.post(f"/track/add/{slug}/", {"text": SECRET})["Location"] == "/track/"
    assert not ReportAddition.objects.exists()


def test_a_wrong_code_after_a_right_one_forgets_the_report(tracked, submitted):
    tracked.post("/track/", {"reference": submitted.reference, "tracking_code": "WRONG"})
    assert tracked.get("/track/add/information/")["Location"] == "/track/"


def test_the_tracked_report_is_forgotten_after_half_an_hour(tracked, time_machine):
    time_machine.shift(31 * 60)
    assert tracked.get("/track/add/information/")["Location"] == "/track/"


def test_exit_this_page_forgets_the_tracked_report(tracked):
    tracked.get("/exit/")
    assert tracked.get("/track/add/information/")["Location"] == "/track/"


def test_an_unknown_kind_is_404(tracked):
    assert tracked.get("/track/add/anything/").status_code == 404


def test_the_session_holds_no_reference_in_the_clear(tracked, submitted):
    from django.contrib.sessions.models import Session

    raw = " ".join(Session.objects.values_list("session_data", flat=True))
    decoded = str([s.get_decoded() for s in Session.objects.all()])
    assert submitted.reference not in raw and submitted.reference not in decoded
