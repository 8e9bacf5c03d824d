import pytest
import responses

from accounts.identity_provider import FakeIdentityProvider, switched_on
from personas import PASSWORD, app_device, current_code


@pytest.fixture
def sign_in(client):
    """Sign a persona in through the real pages, password then code (so the clocks start)."""

    def _sign_in(user, password=PASSWORD):
        response = client.post("/staff/sign-in/", {"username": user.username, "password": password})
        assert response.status_code == 302, response.content.decode()[:2000]
        response = client.post(response["Location"], {"code": current_code(user)})
        assert response.status_code == 302, response.content.decode()[:2000]
        return client

    return _sign_in


@pytest.fixture
def provider(settings):
    """Sign-in through the force's identity provider turned on, with a fake provider behind it
    (tests/accounts/identity_provider.py); off again after the test."""
    with switched_on(settings), responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        fake = FakeIdentityProvider(mock)
        fake.start()
        yield fake


@pytest.fixture
def linked_alice(alice):
    """Alice, with her authenticator app, linked by an administrator to her account at the
    force's identity provider."""
    alice.oidc_subject = "alice-at-the-force"
    alice.save(update_fields=["oidc_subject"])
    app_device(alice)
    return alice
