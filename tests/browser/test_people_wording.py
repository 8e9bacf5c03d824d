"""Someone reporting for a neighbour, in Chromium on a phone: whether the neighbour knows is
asked, the agreement question appears only when they know, and the safe-contact questions are
worded for the person the police will contact (issue 8, item 1)."""

import pytest

from browser.conftest import PHONE
from browser.journey_data import FEMI_FOR_NEIGHBOUR
from browser.test_report_journey import page_with_draft

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_femi_is_asked_about_his_neighbour_and_then_about_the_victims_safety(
    live_server, new_page, assert_accessible
):
    page = page_with_draft(
        live_server, new_page, FEMI_FOR_NEIGHBOUR, until="victim-knows", viewport=PHONE
    )
    page.goto(live_server.url + "/report/victim-knows/")
    assert page.locator("h1").inner_text().strip() == (
        "Does the person it happened to know about this report?"
    )
    agrees = page.get_by_text("Do they agree to the police contacting them about it?")
    assert not agrees.is_visible()
    page.locator("input[name='victim_knows'][value='yes']").check()
    assert agrees.is_visible()
    assert_accessible(page, label="victim knows")
    page.locator("input[name='victim_agrees_to_contact'][value='yes']").check()
    page.locator("button[value='continue']").click()
    page.wait_for_url("**/report/anonymous/")


def test_femi_is_asked_about_the_safety_of_his_neighbour_who_knows_and_agrees(
    live_server, new_page, assert_accessible
):
    page = page_with_draft(
        live_server, new_page, FEMI_FOR_NEIGHBOUR, until="support", viewport=PHONE
    )
    page.goto(live_server.url + "/report/support/")
    text = page.inner_text("main")
    assert "Is it safe for us to leave the victim a voicemail?" in text
    assert "How is it safe for us to contact the victim?" in text
    assert "leave you a voicemail" not in text
    assert_accessible(page, label="support about the victim")


def test_when_the_neighbour_does_not_know_femi_is_asked_about_himself(live_server, new_page):
    answers = {**FEMI_FOR_NEIGHBOUR, "victim-knows": {"victim_knows": "no"}}
    page = page_with_draft(live_server, new_page, answers, until="support", viewport=PHONE)
    page.goto(live_server.url + "/report/support/")
    text = page.inner_text("main")
    assert "Is it safe for us to leave you a voicemail?" in text
    assert "We will not contact the person it happened to" in text
    assert "the victim a voicemail" not in text
