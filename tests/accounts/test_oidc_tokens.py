"""The way back from the identity provider refuses every ID token or answer it should not
trust (ADR 0503): nobody is signed in, the page says so in GOV.UK style, and the refusal is
audited when the browser had started that sign-in."""

import time

import jwt
import pytest
import requests
import responses

from accounts.identity_provider import CLIENT_ID, CLIENT_SECRET, JWKS, KEY_ID, TOKEN, rsa_key
from hatecrime.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

FAILED = "Signing in with Met Police account did not work"


def _refused(client, response):
    assert response.status_code == 403
    assert FAILED in response.content.decode()
    assert not client.session.get("_auth_user_id")
    assert client.get("/staff/")["Location"].startswith("/staff/sign-in/")


def _audited_problem():
    event = AuditEvent.objects.get(object_type="sign_in")
    assert event.detail["refused"] == "failed"
    return event.detail["problem"]


def test_it_refuses_a_token_signed_with_another_key(client, provider, linked_alice):
    provider.signing_key = rsa_key("attacker")
    _refused(client, provider.sign_in(client))
    assert "InvalidSignatureError" in _audited_problem()


def test_it_refuses_a_token_for_another_client(client, provider, linked_alice):
    _refused(client, provider.sign_in(client, claims={"aud": "another-service"}))
    assert "InvalidAudienceError" in _audited_problem()


def test_it_refuses_a_token_for_several_clients_without_us_as_the_party(
    client, provider, linked_alice
):
    claims = {"aud": [CLIENT_ID, "another-service"], "azp": "another-service"}
    _refused(client, provider.sign_in(client, claims=claims))


def test_it_refuses_a_token_from_another_issuer(client, provider, linked_alice):
    _refused(client, provider.sign_in(client, claims={"iss": "https://elsewhere.example"}))
    assert "InvalidIssuerError" in _audited_problem()


def test_it_refuses_a_token_with_the_wrong_nonce(client, provider, linked_alice):
    _refused(client, provider.sign_in(client, claims={"nonce": "not-the-one-we-sent"}))
    assert "Nonce" in _audited_problem()


def test_it_refuses_a_token_without_a_nonce(client, provider, linked_alice):
    _refused(client, provider.sign_in(client, claims={"nonce": None}))


def test_it_refuses_an_expired_token(client, provider, linked_alice):
    now = int(time.time())
    claims = {"iat": now - 3600, "exp": now - 600}
    _refused(client, provider.sign_in(client, claims=claims))
    assert "ExpiredSignatureError" in _audited_problem()


def test_it_refuses_a_token_without_an_expiry(client, provider, linked_alice):
    _refused(client, provider.sign_in(client, claims={"exp": None}))
    assert "MissingRequiredClaimError" in _audited_problem()


def test_it_refuses_a_token_whose_key_is_not_published(client, provider, linked_alice):
    provider.header = {"kid": "some-other-key"}
    _refused(client, provider.sign_in(client))


def _with_forged_token(client, provider, sign):
    asked = provider.begin(client)
    code = provider.issue_code(asked, "alice-at-the-force")
    claims = provider.codes[code]["claims"]
    provider.id_token = lambda _claims: sign(claims)
    return client.get("/staff/sign-in/oidc/callback/", {"code": code, "state": asked["state"]})


@pytest.mark.parametrize("with_alg", [True, False])
def test_it_refuses_a_token_signed_with_the_client_secret(client, provider, linked_alice, with_alg):
    """An HS256 token, keyed with the client secret (which this service knows too); whether
    or not the provider's published key names its algorithm."""
    provider.mock.replace(responses.GET, JWKS, json=provider.keys(with_alg=with_alg))
    headers = {"kid": KEY_ID}
    response = _with_forged_token(
        client,
        provider,
        lambda claims: jwt.encode(claims, CLIENT_SECRET, algorithm="HS256", headers=headers),
    )
    _refused(client, response)


@pytest.mark.parametrize("with_alg", [True, False])
def test_it_refuses_an_unsigned_token(client, provider, linked_alice, with_alg):
    provider.mock.replace(responses.GET, JWKS, json=provider.keys(with_alg=with_alg))
    headers = {"kid": KEY_ID}
    response = _with_forged_token(
        client, provider, lambda claims: jwt.encode(claims, None, algorithm="none", headers=headers)
    )
    _refused(client, response)


@pytest.mark.parametrize("token", ["not-a-jwt", None])
def test_it_refuses_an_answer_without_a_proper_id_token(client, provider, linked_alice, token):
    provider.id_token = lambda _claims: token
    _refused(client, provider.sign_in(client))
    assert "Error" in _audited_problem()


def test_a_way_back_can_be_used_once(client, provider, linked_alice):
    asked = provider.begin(client)
    code = provider.issue_code(asked, "alice-at-the-force")
    first = client.get("/staff/sign-in/oidc/callback/", {"code": code, "state": asked["state"]})
    assert first.status_code == 302
    client.logout()
    again = client.get("/staff/sign-in/oidc/callback/", {"code": code, "state": asked["state"]})
    _refused(client, again)


def test_a_way_back_this_browser_did_not_start_is_refused_and_not_audited(
    client, provider, linked_alice
):
    asked = provider.begin(client)
    code = provider.issue_code(asked, "alice-at-the-force")
    response = client.get("/staff/sign-in/oidc/callback/", {"code": code, "state": "forged"})
    _refused(client, response)
    assert provider.token_requests == []  # the code was never used
    other = type(client)()
    response = other.get("/staff/sign-in/oidc/callback/", {"code": code, "state": asked["state"]})
    _refused(other, response)
    assert not AuditEvent.objects.filter(object_type="sign_in").exists()


def test_an_error_from_the_provider_is_refused_and_audited(client, provider, linked_alice):
    asked = provider.begin(client)
    query = {"error": "access_denied", "state": asked["state"]}
    _refused(client, client.get("/staff/sign-in/oidc/callback/", query))
    assert _audited_problem() == "provider: access_denied"


def test_a_code_the_provider_does_not_accept_is_refused(client, provider, linked_alice):
    asked = provider.begin(client)
    query = {"code": "made-up", "state": asked["state"]}
    _refused(client, client.get("/staff/sign-in/oidc/callback/", query))
    assert _audited_problem() == "HTTPError"


def test_a_provider_that_does_not_answer_is_refused(client, provider, linked_alice):
    provider.mock.replace(responses.POST, TOKEN, body=requests.ConnectionError("down"))
    _refused(client, provider.sign_in(client))
    assert _audited_problem() == "ConnectionError"
