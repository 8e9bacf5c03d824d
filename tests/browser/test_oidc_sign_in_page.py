"""The sign-in page with the force's identity provider on (ADR 0503), both ways, and the page
that refuses a sign-in: accessible; the button is a link to our own start of the sign-in."""

import pytest
from playwright.sync_api import expect

from accounts.identity_provider import PROVIDER_NAME, switched_on

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def provider_on(settings):
    with switched_on(settings):
        yield


@pytest.mark.parametrize("password_sign_in", ["everyone", "administrators"])
def test_the_sign_in_page_with_the_provider_is_accessible(
    live_server, new_page, assert_accessible, provider_on, settings, password_sign_in
):
    settings.HATECRIME_PASSWORD_SIGN_IN = password_sign_in
    page = new_page()
    page.goto(f"{live_server.url}/staff/sign-in/")
    button = page.get_by_role("button", name=f"Sign in with {PROVIDER_NAME}")
    expect(button).to_be_visible()
    assert_accessible(page, label=f"sign in, passwords for {password_sign_in}")
    if password_sign_in == "administrators":
        page.get_by_text("Administrators: sign in with a password").click()
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page, label=f"sign in with errors, passwords for {password_sign_in}")
    assert button.get_attribute("href").startswith("/staff/sign-in/oidc/")


def test_the_refusal_page_is_accessible(live_server, new_page, assert_accessible, provider_on):
    page = new_page()
    page.goto(f"{live_server.url}/staff/sign-in/oidc/callback/?code=x&state=y")
    expect(page.get_by_role("heading", name="You cannot sign in")).to_be_visible()
    assert_accessible(page, label="sign-in refused")
