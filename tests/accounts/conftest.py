import pytest

from personas import PASSWORD, current_code


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
