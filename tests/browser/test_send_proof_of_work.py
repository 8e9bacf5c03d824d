"""'Send report' in Chromium: the page's script solves the proof-of-work (a Web Worker, nothing
fetched elsewhere) so the report counts once; while it works the send waits with a polite
status and the focus stays put; without JavaScript the report is still sent; past the limit
the page keeps the report and gives the other ways (docs/adr/0550, 0551)."""

import re

import pytest
from playwright.sync_api import expect

from browser.conftest import PHONE, tab_to
from browser.journey_data import GRACE
from browser.test_report_journey import page_with_draft

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def reports_counted() -> int:
    from hatecrime.reporting.models import IntakeCounter

    return sum(
        IntakeCounter.objects.filter(key__startswith="reports:").values_list("count", flat=True)
    )


def test_the_script_solves_the_challenge_and_the_report_counts_once(live_server, new_page):
    page = page_with_draft(live_server, new_page, GRACE, viewport=PHONE)
    page.goto(live_server.url + "/report/check-answers/")
    solution = page.locator("[data-proof-of-work-solution]")
    expect(solution).not_to_have_value("", timeout=30_000)
    tab_to(page, "form[action='/report/submit/'] button")
    page.keyboard.press("Enter")
    page.wait_for_url("**/report/confirmation/")
    assert reports_counted() == 1


def test_a_send_before_the_solution_waits_politely_and_keeps_the_focus(
    live_server, new_page, settings, monkeypatch
):
    settings.HATECRIME_POW_MAX_NUMBER = 3_000_000
    # The secret number is the last one tried: the slowest case, every time.
    monkeypatch.setattr("hatecrime.reporting.proof_of_work.secrets.randbelow", lambda n: n - 1)
    page = page_with_draft(live_server, new_page, GRACE, viewport=PHONE)
    page.goto(live_server.url + "/report/check-answers/")
    tab_to(page, "form[action='/report/submit/'] button")
    page.keyboard.press("Enter")
    status = page.locator("[role='status']")
    assert page.url.endswith("/report/check-answers/")  # still solving
    expect(status).to_have_text(re.compile("Getting your report ready to send"))
    focused = page.locator("form[action='/report/submit/'] button")
    expect(focused).to_be_focused()
    page.wait_for_url("**/report/confirmation/", timeout=30_000)
    assert reports_counted() == 1


def test_without_javascript_the_report_is_sent_and_counts_heavier(live_server, new_page, settings):
    settings.HATECRIME_INTAKE_UNSOLVED_WEIGHT = 5
    page = page_with_draft(live_server, new_page, GRACE, java_script_enabled=False)
    page.goto(live_server.url + "/report/check-answers/")
    page.get_by_role("button", name="Send report").click()
    page.wait_for_url("**/report/confirmation/")
    assert reports_counted() == 5


def test_past_the_limit_the_page_keeps_the_report_and_gives_other_ways(
    live_server, new_page, settings, assert_accessible
):
    from hatecrime.reporting.models import Report

    settings.HATECRIME_INTAKE_REPORTS_PER_HOUR = 0
    page = page_with_draft(live_server, new_page, GRACE)
    page.goto(live_server.url + "/report/check-answers/")
    with page.expect_navigation() as sent:
        page.get_by_role("button", name="Send report").click()
    assert sent.value.status == 429
    content = page.content()
    assert "followed me off the bus" in content
    assert "True Vision" in content and "Stop Hate UK" in content and "call 999" in content
    assert re.search(r"Try again in \d+ minutes", content)
    assert_accessible(page, label="report not sent: limit")
    assert Report.objects.count() == 0
