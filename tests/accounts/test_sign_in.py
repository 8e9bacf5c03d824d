from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from hatecrime.accounts.models import User
from hatecrime.audit.models import AuditEvent
from personas import PASSWORD, current_code

pytestmark = pytest.mark.django_db

LOCKED = "Too many failed attempts to sign in"
WRONG = "Enter a correct username and password"


def _attempt(client, username, password="wrong password", address="10.0.0.1"):
    return client.post(
        "/staff/sign-in/", {"username": username, "password": password}, REMOTE_ADDR=address
    )


def test_it_shows_the_system_use_notice(client):
    page = client.get("/staff/sign-in/").content.decode()
    assert "authorised police staff only" in page
    assert "Computer Misuse Act 1990" in page
    assert "Data Protection Act 2018" in page


def test_it_signs_alice_in_and_sends_her_to_her_queue(client, alice):
    response = _attempt(client, "alice", PASSWORD)
    assert response["Location"] == "/staff/verify/?next=%2Fstaff%2F"
    response = client.post(response["Location"], {"code": current_code(alice)})
    assert response["Location"] == "/staff/"
    assert client.get("/staff/")["Location"] == "/staff/cases/"


@pytest.mark.parametrize(
    ("persona", "home"),
    [
        ("hannah", "/staff/cases/board/"),
        ("carl", "/staff/cases/record/"),
        ("ann", "/staff/monitoring/"),
        ("cora", "/staff/monitoring/"),
        ("pat", "/staff/support/referrals/"),
        ("adam", "/staff/users/"),
    ],
)
def test_home_depends_on_the_role(client, request, persona, home):
    client.force_login(request.getfixturevalue(persona))
    assert client.get("/staff/")["Location"] == home


def test_it_rejects_a_wrong_password_without_saying_whether_the_user_exists(client, alice):
    known = _attempt(client, "alice").content.decode()
    unknown = _attempt(client, "nobody").content.decode()
    assert WRONG in known and WRONG in unknown
    assert "govuk-error-summary" in known


def test_it_locks_a_username_after_five_failures_in_fifteen_minutes(client, alice):
    for number in range(4):
        assert LOCKED not in _attempt(client, "alice", address=f"10.0.0.{number}").content.decode()
    assert LOCKED in _attempt(client, "alice", address="10.0.0.9").content.decode()
    # Even the right password is refused while locked, from a fresh address.
    response = _attempt(client, "alice", PASSWORD, address="10.9.9.9")
    assert response.status_code == 200
    assert LOCKED in response.content.decode()


def test_the_lock_message_is_the_same_for_a_username_that_does_not_exist(client, alice):
    for number in range(5):
        response = _attempt(client, "nobody", address=f"10.0.1.{number}")
    assert LOCKED in response.content.decode()


def test_failures_spread_over_more_than_fifteen_minutes_do_not_lock(client, alice):
    start = timezone.now()
    for number in range(5):
        with time_machine.travel(start + timedelta(minutes=4 * number), tick=False):
            _attempt(client, "alice", address=f"10.0.2.{number}")
    with time_machine.travel(start + timedelta(minutes=21), tick=False):
        assert _attempt(client, "alice", PASSWORD, address="10.0.3.1").status_code == 302


def test_the_lock_ends_after_thirty_minutes(client, alice):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for number in range(5):
            _attempt(client, "alice", address=f"10.0.4.{number}")
    with time_machine.travel(start + timedelta(minutes=29), tick=False):
        assert LOCKED in _attempt(client, "alice", PASSWORD, "10.0.5.1").content.decode()
    with time_machine.travel(start + timedelta(minutes=31), tick=False):
        assert _attempt(client, "alice", PASSWORD, "10.0.5.1").status_code == 302


def test_a_lockout_is_audited_without_the_username(client, alice):
    for number in range(5):
        _attempt(client, "alice", address=f"10.0.6.{number}")
    events = AuditEvent.objects.filter(object_type="sign_in_lockout")
    assert events.count() == 1
    assert "alice" not in str(events.values().first())


def test_an_account_idle_for_ninety_days_is_disabled_at_sign_in(client, alice):
    alice.last_login = timezone.now() - timedelta(days=91)
    alice.save()
    response = _attempt(client, "alice", PASSWORD)
    assert "disabled because it was not used for 90 days" in response.content.decode()
    assert not User.objects.get(pk=alice.pk).is_active
    assert AuditEvent.objects.filter(object_type="user", kind="alter").exists()


def test_an_account_used_within_ninety_days_signs_in(client, alice):
    alice.last_login = timezone.now() - timedelta(days=89)
    alice.save()
    assert _attempt(client, "alice", PASSWORD).status_code == 302


def test_it_follows_a_safe_next_link_only(client, alice):
    response = client.post(
        "/staff/sign-in/?next=/staff/cases/board/", {"username": "alice", "password": PASSWORD}
    )
    assert response["Location"] == "/staff/verify/?next=%2Fstaff%2Fcases%2Fboard%2F"
    response = client.post(response["Location"], {"code": current_code(alice)})
    assert response["Location"] == "/staff/cases/board/"
    client.logout()
    response = client.post(
        "/staff/sign-in/?next=https://evil.example/", {"username": "alice", "password": PASSWORD}
    )
    assert response["Location"] == "/staff/verify/?next=%2Fstaff%2F"
    response = client.post(
        "/staff/verify/?next=https://evil.example/", {"code": current_code(alice)}
    )
    assert response["Location"] == "/staff/"


def test_sign_out_needs_a_post_and_ends_the_session(client, alice, sign_in):
    sign_in(alice)
    assert client.get("/staff/sign-out/").status_code == 405
    assert client.post("/staff/sign-out/").status_code == 200
    assert client.get("/staff/")["Location"].startswith("/staff/sign-in/")
