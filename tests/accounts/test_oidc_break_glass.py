"""HATECRIME_PASSWORD_SIGN_IN=administrators: staff sign in through the identity provider and
only administrators keep a password, for when the provider is down (ADR 0503)."""

import pytest

from personas import PASSWORD

pytestmark = pytest.mark.django_db

WRONG = "Enter a correct username and password"


@pytest.fixture
def administrators_only(provider, settings):
    settings.HATECRIME_PASSWORD_SIGN_IN = "administrators"
    return provider


def test_the_page_offers_the_provider_and_a_password_for_administrators(
    client, administrators_only
):
    page = client.get("/staff/sign-in/").content.decode()
    assert "Sign in with Met Police account" in page
    assert "Administrators: sign in with a password" in page
    assert "<details" in page and '<details class="govuk-details" open' not in page


def test_an_officers_right_password_is_refused_like_a_wrong_one(client, administrators_only, alice):
    response = client.post("/staff/sign-in/", {"username": "alice", "password": PASSWORD})
    assert response.status_code == 200
    page = response.content.decode()
    assert WRONG in page
    assert '<details class="govuk-details" open' in page  # the form stays in view with its error
    assert not client.session.get("_auth_user_id")


def test_an_administrator_still_signs_in_with_a_password(client, administrators_only, adam):
    response = client.post("/staff/sign-in/", {"username": "adam", "password": PASSWORD})
    assert response["Location"].startswith("/staff/verify/")


def test_everyone_keeps_the_password_by_default(client, provider, alice):
    response = client.post("/staff/sign-in/", {"username": "alice", "password": PASSWORD})
    assert response["Location"].startswith("/staff/verify/")
