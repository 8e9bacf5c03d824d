"""axe-core on the staff pages each role uses: no serious or critical problem (WCAG 2.2 AA is
the bar for staff screens too)."""

import pytest
from playwright.sync_api import expect

from accounts.staff_cases import A_REPORT
from browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_officers_and_supervisors_pages_are_accessible(
    live_server, alice, hannah, new_page, assert_accessible
):
    from hatecrime.cases.actions import do_assign_case
    from hatecrime.cases.models import Case
    from hatecrime.reporting.actions import do_submit_report

    submitted = do_submit_report(payload=A_REPORT, channel="online", actor=None)
    case = Case.objects.get(report=submitted.report)
    do_assign_case(actor=hannah, case=case, expected_version=case.version, officer=alice)
    reference = submitted.reference

    page = new_page()
    sign_in(page, live_server.url, "alice")
    for path in [
        "/staff/cases/",
        f"/staff/cases/{reference}/",
        f"/staff/cases/{reference}/triage/",
        f"/staff/cases/{reference}/contact/",
        f"/staff/cases/{reference}/close/",
        "/staff/cases/record/",
        "/staff/cases/search/",
        "/staff/cases/search/?q=Nobody+Known",
        f"/staff/cases/search/?q={reference}",
        "/staff/cases/search/?q=",
    ]:
        page.goto(f"{live_server.url}{path}")
        assert_accessible(page, label=path)
    # An error state: the contact form sent empty.
    page.goto(f"{live_server.url}/staff/cases/{reference}/contact/")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page, label="contact form with errors")

    page.get_by_role("button", name="Sign out").click()
    sign_in(page, live_server.url, "hannah")
    for path in [
        "/staff/cases/board/",
        f"/staff/cases/{reference}/review-closure/",
        "/staff/audit/",
        "/staff/monitoring/",
    ]:
        page.goto(f"{live_server.url}{path}")
        assert_accessible(page, label=path)


def test_the_sign_in_page_and_its_errors_are_accessible(live_server, new_page, assert_accessible):
    page = new_page()
    page.goto(f"{live_server.url}/staff/sign-in/")
    assert_accessible(page, label="sign in")
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page, label="sign in with errors")
