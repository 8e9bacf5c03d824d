"""Security keys in a real browser (ADR 0502), with Chromium's virtual authenticator (a passkey
held by the "computer": CTAP2, internal, resident keys, user verification): a new member of
staff sets up a passkey at her first sign-in, names it, keeps her recovery codes, signs out and
signs in again with it using only the keyboard; the pages pass axe, and without JavaScript the
verify page says to use a recovery code."""

import pytest
from playwright.sync_api import expect

from browser.conftest import tab_to
from personas import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _virtual_passkey(page):
    session = page.context.new_cdp_session(page)
    session.send("WebAuthn.enable")
    options = {
        "protocol": "ctap2",
        "transport": "internal",
        "hasResidentKey": True,
        "hasUserVerification": True,
        "isUserVerified": True,
        "automaticPresenceSimulation": True,
    }
    found = session.send("WebAuthn.addVirtualAuthenticator", {"options": options})
    return session, found["authenticatorId"]


def _password(page, base_url):
    page.goto(f"{base_url}/staff/sign-in/")
    page.get_by_label("Username").fill("alice")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_alice_sets_up_a_passkey_and_signs_in_with_it(
    live_server, alice, settings, new_page, assert_accessible
):
    from django_otp_webauthn.models import WebAuthnCredential

    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = [live_server.url]  # http://localhost:<port>
    page = new_page()
    session, authenticator = _virtual_passkey(page)
    _password(page, live_server.url)
    page.wait_for_url("**/staff/enrol/**")
    button = page.get_by_role("button", name="Set up a security key")
    expect(button).to_be_visible()
    assert_accessible(page, label="enrol with a key offered")
    button.click()
    page.wait_for_url("**/staff/account/security-keys/*/**")
    assert_accessible(page, label="name the key")
    page.get_by_label("Name of this security key").fill("Laptop passkey")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator("#recovery-codes li")).to_have_count(10)
    page.get_by_role("link", name="Continue").click()
    page.wait_for_url("**/staff/cases/")
    assert WebAuthnCredential.objects.get(user=alice).name == "Laptop passkey"
    credentials = session.send("WebAuthn.getCredentials", {"authenticatorId": authenticator})
    assert len(credentials["credentials"]) == 1

    page.goto(f"{live_server.url}/staff/account/security-keys/")
    expect(page.locator("#security-keys")).to_contain_text("Laptop passkey")
    assert_accessible(page, label="security keys")
    page.get_by_role("link", name="Remove Laptop passkey").click()
    expect(page.locator("#only-factor")).to_be_visible()
    assert_accessible(page, label="remove the only key")

    page.get_by_role("button", name="Sign out").click()
    _password(page, live_server.url)
    page.wait_for_url("**/staff/verify/**")
    expect(page.get_by_role("button", name="Use your security key")).to_be_visible()
    assert_accessible(page, label="verify with a key")
    tab_to(page, "#passkey-verification-button")
    page.keyboard.press("Enter")
    page.wait_for_url("**/staff/cases/")
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def test_without_javascript_the_verify_page_points_to_a_recovery_code(live_server, alice, new_page):
    from accounts.software_key import only_key_of
    from personas import StaffClient

    only_key_of(StaffClient(), alice)
    page = new_page(java_script_enabled=False)
    _password(page, live_server.url)
    page.wait_for_url("**/staff/verify/**")
    expect(page.locator("#passkey-verification-placeholder")).to_contain_text(
        "Enter a recovery code below instead"
    )
    expect(page.get_by_role("textbox", name="Recovery code")).to_be_visible()
