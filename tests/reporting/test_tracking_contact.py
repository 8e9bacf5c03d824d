"""Officer contact from day one: before an officer is assigned, tracking shows the Community
Safety Unit's team number and hours (areas hold them as data); numbers are tel: links."""

import json

import pytest

from api.test_track_api import PAYLOAD
from hatecrime.core.models import Area
from hatecrime.reporting.actions import do_submit_report

pytestmark = pytest.mark.django_db

HOURS = "Monday to Friday, 8am to 8pm"


@pytest.fixture
def submitted(db):
    Area.objects.filter(slug="hackney").update(csu_phone="020 7946 0100", csu_hours=HOURS)
    return do_submit_report(payload=PAYLOAD, channel="online", actor=None)


def page(client, submitted):
    data = {"reference": submitted.reference, "tracking_code": submitted.tracking_code}
    return client.post("/track/", data).content.decode()


def api(client, submitted):
    body = json.dumps({"reference": submitted.reference, "tracking_code": submitted.tracking_code})
    return client.post("/api/v1/track", data=body, content_type="application/json").json()


def test_before_an_officer_the_page_shows_the_csu_number_as_a_tel_link_and_its_hours(
    client, submitted
):
    html = page(client, submitted)
    assert 'data-contact="csu"' in html
    # dir="ltr": the parts of the number keep their order on right-to-left pages.
    assert '<a class="govuk-link" href="tel:02079460100" dir="ltr">020 7946 0100</a>' in html
    assert HOURS in html
    assert "Community Safety Unit of Hackney" in html


def test_before_an_officer_the_api_gives_the_csu_number_and_hours(client, submitted):
    contact = api(client, submitted)["contact"]
    assert contact == {"kind": "csu", "name": "Hackney", "phone": "020 7946 0100", "hours": HOURS}


def test_once_assigned_the_officers_own_number_is_shown_as_a_tel_link(client, submitted, alice):
    case = submitted.report.case
    case.assigned_officer, case.status = alice, "assigned"
    case.save()
    html = page(client, submitted)
    assert 'data-contact="officer"' in html
    assert 'href="tel:02079460999"' in html
    assert HOURS not in html  # the officer's own line, not the team's hours
    assert api(client, submitted)["contact"]["phone"] == "020 7946 0999"


def test_an_officer_without_a_direct_number_gives_the_team_number_and_hours(
    client, submitted, alice
):
    alice.direct_phone = ""
    alice.save()
    case = submitted.report.case
    case.assigned_officer, case.status = alice, "assigned"
    case.save()
    contact = api(client, submitted)["contact"]
    assert contact["kind"] == "officer"
    assert (contact["phone"], contact["hours"]) == ("020 7946 0100", HOURS)


def test_an_area_with_no_number_shows_no_contact_box(client, submitted):
    Area.objects.filter(slug="hackney").update(csu_phone="", csu_hours="")
    assert "data-contact" not in page(client, submitted)
    assert api(client, submitted)["contact"] is None


def test_an_international_number_keeps_its_plus():
    from hatecrime.core.templatetags.labels import tel_href

    assert tel_href("+44 20 7946 0100") == "tel:+442079460100"
