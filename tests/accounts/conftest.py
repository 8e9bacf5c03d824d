import pytest

from personas import PASSWORD


@pytest.fixture
def sign_in(client):
    """Sign a persona in through the real sign-in page (so the session clocks start)."""

    def _sign_in(user, password=PASSWORD):
        response = client.post("/staff/sign-in/", {"username": user.username, "password": password})
        assert response.status_code == 302, response.content.decode()[:2000]
        return client

    return _sign_in
