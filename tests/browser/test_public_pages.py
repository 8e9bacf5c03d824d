"""The public pages in a real browser: axe finds no serious problem, no third-party request is
made, and "Exit this page" leaves nothing to go back to."""

import pytest

from browser.conftest import DESKTOP, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

INFORMATION_PAGES = ["/", "/not-sure/", "/other-ways-to-report/", "/privacy/", "/accessibility/"]


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_the_information_pages_are_accessible(live_server, new_page, assert_accessible, viewport):
    page = new_page(viewport=PHONE if viewport == "phone" else DESKTOP)
    for path in INFORMATION_PAGES:
        page.goto(live_server.url + path)
        assert "If you are in immediate danger, call 999." in page.content()
        assert_accessible(page)


def test_the_track_and_resume_pages_and_their_errors_are_accessible(
    live_server, new_page, assert_accessible
):
    page = new_page()
    page.goto(live_server.url + "/track/")
    assert_accessible(page)
    page.get_by_role("button", name="Check report").click()
    assert page.title().startswith("Error:")
    assert_accessible(page, label="track, empty")
    page.get_by_label("Reference").fill("HC-AAAA-AAAA")
    page.get_by_label("Tracking code").fill("WRONG")
    page.get_by_role("button", name="Check report").click()
    assert "We could not find a report" in page.content()
    assert_accessible(page, label="track, not found")
    page.goto(live_server.url + "/resume/")
    assert_accessible(page)
    page.get_by_role("button", name="Continue").click()
    assert page.title().startswith("Error:")
    assert_accessible(page, label="resume, empty")


def test_exit_this_page_leaves_no_history_entry_to_go_back_to(live_server, new_page, settings):
    settings.HATECRIME_EXIT_URL = live_server.url + "/healthz"
    page = new_page()
    page.goto(live_server.url + "/not-sure/")
    page.get_by_role("button", name="Exit this page").click()
    page.wait_for_url("**/healthz")
    assert page.evaluate("history.length") == 2  # about:blank, then the exit page
    page.go_back()
    assert "/not-sure/" not in page.url


def test_exit_this_page_works_without_javascript(live_server, new_page, settings):
    settings.HATECRIME_EXIT_URL = live_server.url + "/healthz"
    page = new_page(java_script_enabled=False)
    page.goto(live_server.url + "/report/who/")
    page.get_by_role("button", name="Exit this page").click()
    page.wait_for_url("**/healthz")
