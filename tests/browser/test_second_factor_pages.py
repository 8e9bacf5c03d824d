"""The second factor in a real browser: a new member of staff signs in, sets up the app from the
page (QR code drawn locally, key as text) by typing its code, keeps the recovery codes; every
page of it, and the account and administrator pages around it, pass axe."""

import pytest
from django_otp.oath import TOTP
from playwright.sync_api import expect

from browser.conftest import sign_in
from personas import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_alice_sets_up_her_app_at_her_first_sign_in(
    live_server, alice, new_page, assert_accessible
):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    page = new_page()
    page.goto(f"{live_server.url}/staff/sign-in/")
    page.get_by_label("Username").fill("alice")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/staff/enrol/**")
    expect(page.locator("#qr-code svg")).to_be_visible()
    assert_accessible(page, label="enrol")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page, label="enrol with errors")
    device = TOTPDevice.objects.get(user=alice, confirmed=False)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    page.get_by_role("textbox", name="Code").fill(f"{totp.token():06d}")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator("#recovery-codes li")).to_have_count(10)
    assert_accessible(page, label="recovery codes")
    page.get_by_role("link", name="Continue").click()
    page.wait_for_url("**/staff/cases/")
    for path in ["/staff/account/", "/staff/password/"]:
        page.goto(f"{live_server.url}{path}")
        assert_accessible(page, label=path)


def test_the_verify_unlock_and_reset_pages_are_accessible(
    live_server, adam, bob, new_page, assert_accessible
):
    from personas import app_device

    app_device(bob)
    page = new_page()
    page.goto(f"{live_server.url}/staff/sign-in/")
    page.get_by_label("Username").fill("bob")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/staff/verify/**")
    assert_accessible(page, label="verify")
    page.get_by_label("Code").fill("000000")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page, label="verify with errors")
    page.goto(f"{live_server.url}/staff/sign-in/unlock/")
    assert_accessible(page, label="unlock")

    other = new_page()
    sign_in(other, live_server.url, "adam")
    for path in [f"/staff/users/{bob.pk}/second-factor/", f"/staff/users/{bob.pk}/password/"]:
        other.goto(f"{live_server.url}{path}")
        assert_accessible(other, label=path)
    other.get_by_role("button", name="Reset password").click()
    expect(other.locator("#temporary-password")).to_be_visible()
    assert_accessible(other, label="temporary password")
