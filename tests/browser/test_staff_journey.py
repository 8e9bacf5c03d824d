"""An officer takes a case from the queue to closure in a real browser, and the victim then
sees the officer's name, direct phone and the shared update on "track my report"."""

import pytest
from playwright.sync_api import expect

from accounts.staff_cases import A_REPORT
from browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHARED_UPDATE = "We have spoken to a witness and are checking camera footage."


@pytest.fixture
def browser_page(new_page):
    return new_page()


def test_an_officer_takes_a_case_to_closure_and_the_victim_tracks_it(
    live_server, alice, hannah, browser_page
):
    from hatecrime.cases.actions import do_assign_case
    from hatecrime.cases.models import Case
    from hatecrime.reporting.actions import do_submit_report

    alice.first_name, alice.last_name = "Alice", "Ashdown"
    alice.save()
    payload = {**A_REPORT, "safe_contact": {"methods": ["phone"], "voicemail_safe": True}}
    submitted = do_submit_report(payload=payload, channel="online", actor=None)
    case = Case.objects.get(report=submitted.report)
    do_assign_case(actor=hannah, case=case, expected_version=case.version, officer=alice)
    reference, code = submitted.reference, submitted.tracking_code

    page = browser_page
    page.goto(f"{live_server.url}/staff/sign-in/")
    assert "authorised police staff only" in page.content()
    sign_in(page, live_server.url, "alice")
    assert page.url.endswith("/staff/cases/"), (page.url, page.content()[-3000:])
    page.get_by_role("link", name=reference).click()
    page.wait_for_url(f"**/staff/cases/{reference}/")
    assert "spat at outside the shop" in page.content()

    page.get_by_role("link", name="Triage").click()
    page.wait_for_url("**/triage/")
    page.get_by_label("Religion or perceived religion").check()
    page.get_by_label("Hate crime", exact=True).check()
    page.get_by_label("Not online", exact=True).check()
    page.get_by_label("Standard", exact=True).check()
    page.get_by_label("Routine", exact=True).check()
    page.get_by_role("button", name="Save").click()
    expect(page.locator("body")).to_contain_text("Triage saved")  # waits for the redirect

    page.get_by_role("link", name="Record a contact").click()
    page.wait_for_url("**/contact/")
    assert page.locator("#safe-contact").is_visible()
    page.get_by_label("Phone", exact=True).check()
    page.get_by_label("Yes, contact made").check()
    page.get_by_label("Outcome").fill("Spoke to them; they want updates by phone.")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("body")).to_contain_text("Contact recorded")  # waits for the redirect

    page.get_by_role("link", name="Record an update to the victim").click()
    page.wait_for_url("**/update/")
    page.get_by_label("Update", exact=True).fill(SHARED_UPDATE)
    page.get_by_label("Phone", exact=True).check()
    page.get_by_label("Show this update on 'track my report'").check()
    page.get_by_role("button", name="Save").click()
    expect(page.locator("body")).to_contain_text("Update recorded")  # waits for the redirect

    page.get_by_role("link", name="Close the case").click()
    page.wait_for_url("**/close/")
    page.get_by_label("No further action", exact=True).check()
    page.get_by_label("Reason").fill("No suspect could be identified.")
    page.locator("input[name=told_in_contact]").first.check()
    page.get_by_label("The victim was told of the decision not to proceed").check()
    page.get_by_role("button", name="Save").click()
    # A decision not to proceed waits for a supervisor's review.
    expect(page.locator("body")).to_contain_text("Closure proposed")  # waits for the redirect

    page.get_by_role("button", name="Sign out").click()
    expect(page.locator("h1")).to_contain_text("You have signed out")
    page.goto(f"{live_server.url}/track/")
    page.get_by_label("Reference").fill(reference)
    page.get_by_label("Tracking code").fill(code)
    page.locator("form button[type=submit]").last.click()
    expect(page.locator("body")).to_contain_text("Alice Ashdown")  # waits for the answer
    content = page.content()
    assert "Alice Ashdown" in content
    assert "020 7946 0999" in content
    assert SHARED_UPDATE in content
