import pytest

from personas import make_staff

pytestmark = pytest.mark.django_db


def test_a_failed_sign_in_never_sends_the_password_back(client):
    make_staff("alice", "officer", ["hackney"])
    response = client.post(
        "/staff/sign-in/", {"username": "alice", "password": "my-secret-Passw0rd-typo"}
    )
    assert response.status_code == 200
    assert b"my-secret-Passw0rd-typo" not in response.content
