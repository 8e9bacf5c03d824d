"""axe-core on the monitoring dashboard with figures, alarms and notices, and its two POST
actions (dismiss a notice, run detection now) used with the keyboard-reachable buttons."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from browser.conftest import sign_in
from monitoring.conftest import make_report

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def a_surge_judged(hannah, ann):
    from hatecrime.monitoring.actions import do_run_weekly_detection

    monday = dt.date.today() - dt.timedelta(days=dt.date.today().weekday())
    for weeks_ago in range(1, 80):
        for _ in range(weeks_ago % 2):
            make_report(area="hackney", occurred_on=monday - dt.timedelta(weeks=weeks_ago))
    for _ in range(15):
        make_report(area="hackney", occurred_on=monday - dt.timedelta(weeks=1))
    do_run_weekly_detection()


def test_the_dashboard_with_alarms_and_notices_is_accessible(
    live_server, a_surge_judged, new_page, assert_accessible
):
    page = new_page()
    sign_in(page, live_server.url, "hannah")
    page.goto(f"{live_server.url}/staff/monitoring/")
    expect(page.locator("#notices-title")).to_be_visible()
    assert_accessible(page, label="dashboard with notices")
    dismiss = page.get_by_role("button", name="Dismiss this alarm notice").first
    dismiss.click()
    expect(page.get_by_role("heading", name="Monitoring: hate crime trends")).to_be_visible()

    page.get_by_role("button", name="Sign out").click()
    sign_in(page, live_server.url, "ann")
    page.goto(f"{live_server.url}/staff/monitoring/?community=korean")
    expect(page.locator("#not-judged")).to_be_visible()
    assert_accessible(page, label="dashboard, series not judged")
    page.get_by_role("button", name="Run detection now for this series").click()
    expect(page.get_by_role("status")).to_contain_text("has judged this series")
    assert_accessible(page, label="dashboard after running detection")
