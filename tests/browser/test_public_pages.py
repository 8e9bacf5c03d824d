"""The public pages in a real browser: axe finds no serious problem, no third-party request is
made, and "Exit this page" leaves nothing to go back to."""

import json

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
    with page.expect_navigation():
        page.get_by_role("button", name="Check report").click()
    assert page.title().startswith("Error:")
    assert_accessible(page, label="track, empty")
    page.get_by_label("Reference").fill("HC-AAAA-AAAA")
    page.get_by_label("Tracking code").fill("WRONG")
    with page.expect_navigation():
        page.get_by_role("button", name="Check report").click()
    assert "We could not find a report" in page.content()
    assert_accessible(page, label="track, not found")
    page.goto(live_server.url + "/resume/")
    assert_accessible(page)
    with page.expect_navigation():
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


TYPED = "Grace's own words about the bus stop"
TYPED_NOT_SENT = "Words still in the box when she left"


def _type_a_report_and_exit(live_server, page, *, with_shift: bool) -> None:
    page.goto(live_server.url + "/")
    page.goto(live_server.url + "/report/who/")
    page.locator("input[name='reporter_role'][value='victim']").check()
    page.locator("button[value='continue']").click()
    page.wait_for_url("**/report/anonymous/")
    page.locator("input[name='anonymous'][value='no']").check()
    page.locator("button[value='continue']").click()
    page.wait_for_url("**/report/what-happened/")
    page.locator("[name='what_happened']").fill(TYPED)
    page.locator("button[value='continue']").click()
    page.wait_for_url("**/report/behaviour/")
    page.go_back()  # she looks at her words again, and adds to them without sending
    page.wait_for_url("**/report/what-happened/")
    assert TYPED in page.content()
    page.locator("[name='what_happened']").fill(TYPED_NOT_SENT)
    if with_shift:
        page.locator("main h1").click()
        for _press in range(3):
            page.keyboard.press("Shift")
    else:
        page.get_by_role("button", name="Exit this page").click()
    page.wait_for_url("**/healthz")


def _assert_nothing_typed_is_shown(page) -> None:
    html = page.content()
    assert TYPED not in html and TYPED_NOT_SENT not in html, page.url
    values = page.evaluate(
        "() => Array.from(document.querySelectorAll('input, textarea'))"
        ".filter(e => (e.type !== 'radio' && e.type !== 'checkbox') ? e.value : e.checked)"
        ".filter(e => e.type !== 'hidden').map(e => e.name + '=' + e.value)"
    )
    assert values == [], (page.url, values)


@pytest.mark.parametrize("with_shift", [False, True])
def test_after_exit_back_and_the_start_page_show_nothing_that_was_typed(
    live_server, new_page, settings, with_shift
):
    settings.HATECRIME_EXIT_URL = live_server.url + "/healthz"
    page = new_page()
    _type_a_report_and_exit(live_server, page, with_shift=with_shift)
    for _back in range(6):  # Back, again and again, as far as the history goes
        if page.go_back() is None:
            break
        _assert_nothing_typed_is_shown(page)
    page.goto(live_server.url + "/report/what-happened/")
    _assert_nothing_typed_is_shown(page)
    page.goto(live_server.url + "/")
    _assert_nothing_typed_is_shown(page)


def test_after_exit_a_reopened_tab_shows_nothing_that_was_typed(live_server, new_page, settings):
    """She leaves, closes the tab, and later someone opens a tab in the same browser and goes
    to the journey's address (from the address bar's suggestions) and to the start page."""
    settings.HATECRIME_EXIT_URL = live_server.url + "/healthz"
    page = new_page()
    _type_a_report_and_exit(live_server, page, with_shift=False)
    visited = [live_server.url + path for path in ("/report/who/", "/report/what-happened/")]
    browser_context = page.context
    page.close()
    reopened = browser_context.new_page()
    for url in visited:
        reopened.goto(url)
        _assert_nothing_typed_is_shown(reopened)
    reopened.goto(live_server.url + "/")
    _assert_nothing_typed_is_shown(reopened)
    # And through that tab's history, back over the pages of the journey.
    while reopened.go_back() is not None:
        _assert_nothing_typed_is_shown(reopened)
    # Nothing of it is kept in the browser's storage either (cookies, local storage).
    stored = json.dumps(browser_context.storage_state())
    assert TYPED not in stored and TYPED_NOT_SENT not in stored


def test_exit_this_page_works_without_javascript(live_server, new_page, settings):
    settings.HATECRIME_EXIT_URL = live_server.url + "/healthz"
    page = new_page(java_script_enabled=False)
    page.goto(live_server.url + "/report/who/")
    page.get_by_role("button", name="Exit this page").click()
    page.wait_for_url("**/healthz")


def test_pressing_shift_three_times_exits_and_leaves_no_history_entry(
    live_server, new_page, settings
):
    settings.HATECRIME_EXIT_URL = live_server.url + "/healthz"
    page = new_page()
    page.goto(live_server.url + "/not-sure/")
    page.goto(live_server.url + "/report/who/")
    for _press in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url("**/healthz")
    # Replaced, not added: Back goes to the page before, never to the report.
    assert page.evaluate("history.length") == 3  # about:blank, /not-sure/, the exit page
    page.go_back()
    assert "/report/" not in page.url


def test_typing_capital_letters_never_exits_the_page(live_server, new_page, settings):
    settings.HATECRIME_EXIT_URL = live_server.url + "/healthz"
    page = new_page()
    page.goto(live_server.url + "/track/")
    page.get_by_label("Reference").focus()
    for letter in "GRACE":
        page.keyboard.press(f"Shift+{letter}")  # Shift held for a capital: not a press
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.keyboard.press("a")  # another key starts the count again
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    # Leaving hides the page at once (before the next page loads): it was not hidden.
    assert page.get_by_label("Reference").input_value() == "GRACEa"
    assert page.evaluate("document.body.style.visibility") != "hidden"
    assert page.url.endswith("/track/")
    page.keyboard.press("Shift")  # the third press in a row
    page.wait_for_url("**/healthz")


def test_too_many_attempts_on_the_track_and_resume_pages_are_explained_accessibly(
    live_server, new_page, assert_accessible, settings
):
    settings.HATECRIME_TRACK_ATTEMPTS_PER_HOUR = 1
    settings.HATECRIME_RESUME_ATTEMPTS_PER_HOUR = 1
    page = new_page()
    page.goto(live_server.url + "/track/")
    for _attempt in range(2):
        page.get_by_label("Reference").fill("HC-AAAA-AAAA")
        page.get_by_label("Tracking code").fill("WRONG")
        with page.expect_navigation() as answered:
            page.get_by_role("button", name="Check report").click()
    assert answered.value.status == 429
    assert "There have been too many attempts" in page.inner_text("[data-rate-limited]")
    assert_accessible(page, label="track, too many attempts")

    page.goto(live_server.url + "/resume/")
    for _attempt in range(2):
        page.get_by_label("Continue a saved report").fill("AAAA-AAAA-AAAA")
        with page.expect_navigation() as answered:
            page.get_by_role("button", name="Continue").click()
    assert answered.value.status == 429
    assert page.title().startswith("Error:")
    assert "wrong code too many times" in page.inner_text(".govuk-error-summary")
    assert_accessible(page, label="resume, too many attempts")
