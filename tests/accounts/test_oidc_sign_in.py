"""Signing in through the force's identity provider (ADR 0503), against a fake provider: linked
accounts only, our second factor unless the provider's is trusted, the same session rules."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from accounts.identity_provider import AUTHORIZE, CLIENT_ID, PROVIDER_NAME
from hatecrime.accounts.models import KnownSignInAddress, User
from hatecrime.audit.models import AuditEvent
from personas import current_code

pytestmark = pytest.mark.django_db


def test_it_is_off_by_default(client, alice):
    assert client.get("/staff/sign-in/oidc/").status_code == 404
    assert client.get("/staff/sign-in/oidc/callback/?code=x&state=y").status_code == 404
    page = client.get("/staff/sign-in/").content.decode()
    assert "Sign in with" not in page
    assert 'name="password"' in page


def test_the_sign_in_page_offers_the_provider_beside_the_password(client, provider):
    page = client.get("/staff/sign-in/?next=/staff/cases/").content.decode()
    assert f"Sign in with {PROVIDER_NAME}" in page
    assert 'href="/staff/sign-in/oidc/?next=/staff/cases/"' in page
    assert 'name="password"' in page
    assert "Administrators: sign in with a password" not in page


def test_it_asks_the_provider_with_state_nonce_and_pkce(client, provider):
    asked = provider.begin(client)
    assert asked["client_id"] == CLIENT_ID
    assert asked["response_type"] == "code"
    assert asked["scope"] == "openid"
    assert asked["redirect_uri"] == "http://testserver/staff/sign-in/oidc/callback/"
    assert asked["code_challenge_method"] == "S256"
    assert len(asked["state"]) >= 32 and len(asked["nonce"]) >= 32
    assert asked["code_challenge"]
    assert AUTHORIZE.startswith("https://")


def test_a_linked_account_signs_in_and_gives_its_second_factor(client, provider, linked_alice):
    response = provider.sign_in(client, next_page="/staff/cases/search/")
    assert response.status_code == 302
    assert response["Location"] == "/staff/verify/?next=%2Fstaff%2Fcases%2Fsearch%2F"
    # Nothing else before the code.
    assert client.get("/staff/cases/")["Location"].startswith("/staff/verify/")
    response = client.post(response["Location"], {"code": current_code(linked_alice)})
    assert response["Location"] == "/staff/cases/search/"
    assert client.get("/staff/cases/").status_code == 200
    # The token request carried the PKCE verifier (the fake checked it against the challenge).
    assert provider.token_requests[0]["code_verifier"]


def test_someone_without_an_app_is_sent_to_set_one_up(client, provider, bob):
    bob.oidc_subject = "bob-at-the-force"
    bob.save()
    response = provider.sign_in(client, "bob-at-the-force")
    assert client.get(response["Location"])["Location"].startswith("/staff/enrol/")


def test_a_trusted_multi_factor_sign_in_goes_straight_in(client, provider, linked_alice, settings):
    settings.HATECRIME_OIDC_TRUST_MFA = True
    response = provider.sign_in(client, claims={"amr": ["pwd", "mfa"]})
    assert response["Location"] == "/staff/"
    assert client.get("/staff/")["Location"] == "/staff/cases/"
    page = client.get("/staff/cases/").content.decode()
    assert "Your account" in page
    assert KnownSignInAddress.objects.filter(user=linked_alice).exists()


def test_an_acr_in_the_trusted_set_counts_as_multi_factor(client, provider, linked_alice, settings):
    settings.HATECRIME_OIDC_TRUST_MFA = True
    settings.HATECRIME_OIDC_MFA_ACR = ["urn:force:loa:high"]
    response = provider.sign_in(client, claims={"acr": "urn:force:loa:high"})
    assert response["Location"] == "/staff/"


def test_multi_factor_at_the_provider_is_not_trusted_unless_told(client, provider, linked_alice):
    response = provider.sign_in(client, claims={"amr": ["mfa"]})
    assert response["Location"].startswith("/staff/verify/")


def test_a_password_only_sign_in_at_the_provider_still_needs_our_code(
    client, provider, linked_alice, settings
):
    settings.HATECRIME_OIDC_TRUST_MFA = True
    response = provider.sign_in(client, claims={"amr": ["pwd"], "acr": "1"})
    assert response["Location"].startswith("/staff/verify/")
    assert client.get("/staff/cases/")["Location"].startswith("/staff/verify/")


def test_step_up_still_asks_for_our_own_code_after_trusted_multi_factor(
    client, provider, linked_alice, settings
):
    settings.HATECRIME_OIDC_TRUST_MFA = True
    provider.sign_in(client, claims={"amr": ["mfa"]})
    response = client.post("/staff/account/recovery-codes/")
    assert response["Location"].startswith("/staff/verify/?next=")
    assert 'id="step-up-notice"' in client.get(response["Location"]).content.decode()
    response = client.post(response["Location"], {"code": current_code(linked_alice)})
    assert response["Location"] == "/staff/account/recovery-codes/"


def test_an_unknown_subject_is_refused_and_audited(client, provider, alice):
    users = User.objects.count()
    response = provider.sign_in(client, "someone-new")
    assert response.status_code == 403
    page = response.content.decode()
    assert "is not linked to an account on this service" in page
    assert "someone-new" in page  # their reference, to give to an administrator
    assert "govuk-heading-l" in page
    event = AuditEvent.objects.get(object_type="sign_in")
    assert event.detail["refused"] == "not_linked"
    assert event.detail["method"] == "openid_connect"
    assert "someone-new" not in str(event.detail)
    assert User.objects.count() == users  # no account made
    assert not client.session.get("_auth_user_id")


def test_a_disabled_account_is_refused_and_audited(client, provider, linked_alice):
    linked_alice.is_active = False
    linked_alice.save()
    response = provider.sign_in(client)
    assert response.status_code == 403
    assert "is disabled" in response.content.decode()
    event = AuditEvent.objects.get(object_type="sign_in")
    assert event.object_id == str(linked_alice.pk)
    assert event.detail["refused"] == "disabled"
    assert client.get("/staff/")["Location"].startswith("/staff/sign-in/")


def test_a_reporting_centre_can_never_sign_in(client, provider, centre):
    centre.oidc_subject = "centre-at-the-force"
    centre.save()
    assert provider.sign_in(client, "centre-at-the-force").status_code == 403


def test_an_account_idle_for_ninety_days_is_disabled_at_sign_in(client, provider, linked_alice):
    linked_alice.last_login = timezone.now() - timedelta(days=91)
    linked_alice.save()
    response = provider.sign_in(client)
    assert "not used for 90 days" in response.content.decode()
    assert not User.objects.get(pk=linked_alice.pk).is_active


def test_the_session_ends_after_thirty_minutes_idle(client, provider, linked_alice, settings):
    settings.HATECRIME_OIDC_TRUST_MFA = True
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        provider.sign_in(client, claims={"amr": ["mfa"]})
        assert client.get("/staff/cases/").status_code == 200
    with time_machine.travel(start + timedelta(minutes=31), tick=False):
        assert client.get("/staff/cases/")["Location"].startswith("/staff/sign-in/?next=")


def test_the_session_ends_at_twelve_hours(client, provider, linked_alice, settings):
    settings.HATECRIME_OIDC_TRUST_MFA = True
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        provider.sign_in(client, claims={"amr": ["mfa"]})
    for minutes in range(25, 12 * 60, 25):
        with time_machine.travel(start + timedelta(minutes=minutes), tick=False):
            client.get("/staff/")
    with time_machine.travel(start + timedelta(hours=12, minutes=5), tick=False):
        assert client.get("/staff/")["Location"].startswith("/staff/sign-in/")


def test_an_account_disabled_during_the_session_is_signed_out(
    client, provider, linked_alice, settings
):
    settings.HATECRIME_OIDC_TRUST_MFA = True
    provider.sign_in(client, claims={"amr": ["mfa"]})
    linked_alice.is_active = False
    linked_alice.save()
    assert client.get("/staff/cases/")["Location"].startswith("/staff/sign-in/")


def test_a_temporary_password_is_not_asked_for_after_the_provider(
    client, provider, linked_alice, settings
):
    settings.HATECRIME_OIDC_TRUST_MFA = True
    linked_alice.must_change_password = True
    linked_alice.save()
    provider.sign_in(client, claims={"amr": ["mfa"]})
    assert client.get("/staff/cases/").status_code == 200


def test_it_goes_only_to_staff_pages_after_signing_in(client, provider, linked_alice):
    response = provider.sign_in(client, next_page="https://evil.example/")
    assert response["Location"] == "/staff/verify/?next=%2Fstaff%2F"
