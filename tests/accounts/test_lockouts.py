"""Lockouts that cannot be turned against other staff: an account's lock is its own, and an
address's lock refuses only accounts that have never signed in from there."""

import pytest

from hatecrime.accounts.models import SignInLockout
from hatecrime.audit.models import AuditEvent
from personas import PASSWORD, current_code

pytestmark = pytest.mark.django_db

STATION = "10.20.30.40"
ADDRESS_LOCKED = "too many failed attempts to sign in from this network"
LOCKED = "Too many failed attempts to sign in. You cannot sign in for 30 minutes"


def _attempt(client, username, password="wrong password", **meta):
    meta.setdefault("REMOTE_ADDR", STATION)
    return client.post("/staff/sign-in/", {"username": username, "password": password}, **meta)


def _sign_in_fully(client, user, **meta):
    """Password, then the code from the app, from the station; True when bob gets in."""
    meta.setdefault("REMOTE_ADDR", STATION)
    response = _attempt(client, user.username, PASSWORD, **meta)
    if response.status_code != 302:
        return False
    response = client.post(response["Location"], {"code": current_code(user)}, **meta)
    return response.status_code == 302 and client.get("/staff/cases/", **meta).status_code == 200


def test_five_wrong_passwords_for_one_name_do_not_lock_out_another_officer(client, alice, bob):
    for _ in range(5):
        _attempt(client, "alice")
    assert LOCKED in _attempt(client, "alice", PASSWORD).content.decode()
    assert _sign_in_fully(client.__class__(), bob)


def test_a_lock_on_one_account_never_locks_another(client, alice, bob, hannah):
    for _ in range(5):
        _attempt(client, "alice", REMOTE_ADDR=f"10.0.0.{_}")
    assert SignInLockout.objects.filter(scope="username").count() == 1
    assert _attempt(client, "hannah", PASSWORD, REMOTE_ADDR="10.0.0.1").status_code == 302


def _lock_the_station(client, settings):
    settings.SIGN_IN_ADDRESS_MAX_FAILURES = 8
    for number in range(8):
        _attempt(client, f"guess{number}")
    assert SignInLockout.objects.filter(scope="address").exists()


def test_a_locked_address_refuses_accounts_never_signed_in_from_there(client, alice, settings):
    _lock_the_station(client, settings)
    response = _attempt(client, "alice", PASSWORD)
    assert ADDRESS_LOCKED in response.content.decode()
    # The refusal comes before the password check: it is the same for a wrong one.
    assert ADDRESS_LOCKED in _attempt(client, "alice").content.decode()
    assert _attempt(client, "alice", PASSWORD, REMOTE_ADDR="10.9.9.9").status_code == 302


def test_a_locked_address_slows_an_account_that_signed_in_there_before(
    client, alice, settings, monkeypatch
):
    assert _sign_in_fully(client.__class__(), alice)
    _lock_the_station(client, settings)
    settings.SIGN_IN_ADDRESS_LOCK_DELAY_SECONDS = 3
    delays = []
    monkeypatch.setattr("hatecrime.accounts.auth.time.sleep", delays.append)
    assert _attempt(client, "alice", PASSWORD).status_code == 302
    assert delays == [3]


def test_the_address_is_the_one_the_trusted_proxy_saw(client, alice, bob, settings):
    settings.HATECRIME_TRUSTED_PROXY_COUNT = 1
    settings.SIGN_IN_ADDRESS_MAX_FAILURES = 5
    # Five usernames tried from one client, behind the proxy at 10.0.0.2: that client locks...
    for number in range(5):
        _attempt(
            client,
            f"guess{number}",
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR="198.51.100.7",
        )
    meta = {"REMOTE_ADDR": "10.0.0.2"}
    refused = _attempt(client, "bob", PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.7", **meta)
    assert ADDRESS_LOCKED in refused.content.decode()
    # ...and another client behind the same proxy does not.
    other = _attempt(client, "bob", PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.8", **meta)
    assert other.status_code == 302


def test_the_owner_of_a_locked_account_unlocks_it_with_their_app(client, alice):
    for _ in range(5):
        _attempt(client, "alice")
    response = client.post(
        "/staff/sign-in/unlock/", {"username": "alice", "code": current_code(alice)}
    )
    assert response["Location"] == "/staff/sign-in/"
    assert not SignInLockout.objects.filter(scope="username").exists()
    assert _sign_in_fully(client, alice)
    event = AuditEvent.objects.filter(object_type="sign_in_lockout").last()
    assert event.actor == alice and event.detail["unlocked_with"] == "otp_totp.totpdevice"


def test_a_wrong_code_does_not_unlock_and_counts_against_the_address(client, alice, settings):
    for _ in range(5):
        _attempt(client, "alice", REMOTE_ADDR="10.0.0.7")
    settings.SIGN_IN_ADDRESS_MAX_FAILURES = 3
    for _ in range(3):
        response = client.post("/staff/sign-in/unlock/", {"username": "alice", "code": "000000"})
        assert "Enter a correct username and code" in response.content.decode()
    assert SignInLockout.objects.filter(scope="username").exists()
    assert SignInLockout.objects.filter(scope="address").exists()
    # From the locked address even the right code is refused (alice never signed in there).
    response = client.post(
        "/staff/sign-in/unlock/", {"username": "alice", "code": current_code(alice)}
    )
    assert ADDRESS_LOCKED in response.content.decode()
    assert SignInLockout.objects.filter(scope="username").exists()
