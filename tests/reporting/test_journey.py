"""The whole report journey through the pages: named, anonymous, and on someone's behalf."""

import re

import pytest

from browser.journey_data import ANONYMOUS_WITNESS, FEMI_FOR_NEIGHBOUR, GRACE, walk
from hatecrime.cases.models import Case
from hatecrime.reporting.drafts.models import Draft
from hatecrime.reporting.models import Report

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-11-20 10:00 +0000", tick=False)


def send(client):
    response = client.get("/report/check-answers/")
    assert response.status_code == 200
    submitted = client.post("/report/submit/")
    assert submitted.status_code == 302
    assert submitted["Location"] == "/report/confirmation/"
    return client.get("/report/confirmation/").content.decode()


def shown_codes(page):
    reference = re.search(r"data-reference>([^<]+)<", page).group(1)
    tracking = re.search(r"data-tracking-code>([^<]+)<", page).group(1)
    return reference, tracking


def test_grace_reports_with_her_name_and_it_reaches_the_hackney_queue(client):
    walk(client, GRACE)
    check = client.get("/report/check-answers/").content.decode()
    assert "Mare Street bus stop" in check
    assert "Grace Testperson" in check
    page = send(client)
    reference, tracking = shown_codes(page)
    assert "within 24 hours" in page
    report = Report.objects.get(reference=reference)
    assert report.area.slug == "hackney"
    assert report.reporter_role == "victim"
    assert report.anonymous is False
    assert report.behaviours == ["verbal_abuse", "threats"]
    assert report.submitted["cleaned"]["contact"]["name"] == "Grace Testperson"
    assert report.submitted["cleaned"]["postcode"] == "E8 1HB"
    assert Case.objects.get(report=report).area.slug == "hackney"
    assert Draft.objects.count() == 0
    assert len(tracking) >= 8


def test_an_anonymous_witness_skips_contact_details_and_goes_to_triage(client):
    walk(client, ANONYMOUS_WITNESS)
    check = client.get("/report/check-answers/").content.decode()
    assert "Your full name" not in check
    page = send(client)
    reference, _ = shown_codes(page)
    assert "cannot contact you" in page
    report = Report.objects.get(reference=reference)
    assert report.anonymous is True
    assert report.online is True
    # True Vision: a future event routes it to the local borough.
    assert report.area.slug == "camden"
    assert "contact" not in report.submitted["cleaned"]


def test_the_contact_page_is_skipped_for_an_anonymous_report(client):
    walk(client, ANONYMOUS_WITNESS)
    response = client.get("/report/contact/")
    assert response.status_code == 302
    assert response["Location"] == "/report/check-answers/"


def test_femi_reports_for_his_neighbour_with_what_he_knows_of_them(client):
    walk(client, FEMI_FOR_NEIGHBOUR)
    page = send(client)
    reference, _ = shown_codes(page)
    report = Report.objects.get(reference=reference)
    cleaned = report.submitted["cleaned"]
    assert report.reporter_role == "on_behalf"
    assert cleaned["on_behalf"] == {"relationship": "friend"}
    assert cleaned["victim_knows"] == "yes"
    assert cleaned["victim_agrees_to_contact"] == "yes"
    # Femi answered the safe-contact questions about his neighbour, who will be contacted.
    assert cleaned["safe_contact"]["about"] == "victim"
    assert cleaned["victim"]["name"] == "Neighbour Testperson"
    assert cleaned["motivations"] == ["disability", "other"]
    assert report.area.is_triage


def test_the_tracking_code_is_shown_only_once(client):
    walk(client, GRACE)
    page = send(client)
    _, tracking = shown_codes(page)
    again = client.get("/report/confirmation/").content.decode()
    assert tracking not in again
    assert "only once" in again


def test_a_change_link_returns_to_check_answers_after_saving(client):
    walk(client, GRACE)
    page = client.get("/report/check-answers/").content.decode()
    assert 'href="/report/where/?change=1"' in page
    form = client.get("/report/where/?change=1").content.decode()
    assert 'value="Mare Street bus stop"' not in form  # a textarea, not an input
    assert "Mare Street bus stop</textarea>" in form
    changed = dict(GRACE["where"], borough="camden", change="1")
    response = client.post("/report/where/", changed)
    assert response["Location"] == "/report/check-answers/"
    assert "Camden" in client.get("/report/check-answers/").content.decode()


def test_choosing_to_give_details_after_all_asks_for_them_before_check_answers(client):
    walk(client, ANONYMOUS_WITNESS)
    response = client.post("/report/anonymous/", {"anonymous": "no", "change": "1"})
    assert response["Location"] == "/report/check-answers/"
    response = client.get("/report/check-answers/")
    assert response["Location"] == "/report/contact/"


def test_going_back_shows_the_answers_already_given(client):
    walk(client, GRACE, until="where")
    page = client.get("/report/what-happened/").content.decode()
    assert "followed me off the bus" in page
    page = client.get("/report/behaviour/").content.decode()
    assert 'value="threats" checked' in page
