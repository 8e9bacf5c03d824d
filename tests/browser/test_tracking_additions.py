"""Track my report in a real browser: the CSU's number is a tel: link, and adding to a report
(with its error state and confirmation) is accessible."""

import pytest

from browser.conftest import PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_tracking_shows_the_csu_number_as_a_link_and_adding_is_accessible(
    live_server, new_page, assert_accessible
):
    from cases.factories import VICTIM_REPORT
    from hatecrime.cases.models import ReportAddition
    from hatecrime.core.models import Area
    from hatecrime.reporting.actions import do_submit_report

    Area.objects.filter(slug="hackney").update(
        csu_phone="020 7946 0100", csu_hours="Monday to Friday, 8am to 8pm"
    )
    sent = do_submit_report(payload=VICTIM_REPORT, channel="online", actor=None)
    page = new_page(viewport=PHONE)
    page.goto(live_server.url + "/track/")
    page.get_by_label("Reference").fill(sent.reference)
    page.get_by_label("Tracking code").fill(sent.tracking_code)
    page.get_by_role("button", name="Check report").click()
    link = page.get_by_role("link", name="020 7946 0100")
    assert link.get_attribute("href") == "tel:02079460100"
    assert_accessible(page, label="tracking with the CSU's number")
    page.get_by_role("link", name="Add more information").click()
    page.wait_for_url("**/track/add/information/")
    assert_accessible(page, label="add information")
    page.get_by_role("button", name="Send").click()
    assert page.title().startswith("Error:")
    assert_accessible(page, label="add information, empty")
    page.get_by_label("What do you want to add?").fill("He came back on Friday")
    page.get_by_role("button", name="Send").click()
    page.wait_for_url("**/track/added/")
    assert_accessible(page, label="added")
    assert ReportAddition.objects.get().text == "He came back on Friday"
