"""API tokens: stored as digests, shown once, expiring, revocable, and bound by the account's
idle and disabled rules (docs/adr/0552-api-tokens.md)."""

from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.utils import timezone

from hatecrime.accounts.actions import do_set_user_active
from hatecrime.accounts.models import ApiToken
from hatecrime.audit.models import AuditEvent
from personas import api_token, app_device

CASES = "/api/v1/cases"


def api(token: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Token {token}")


def test_a_token_is_stored_only_as_a_digest(alice):
    token = api_token(alice)
    stored = ApiToken.objects.get(user=alice)
    assert token not in (stored.digest, stored.prefix)
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM accounts_apitoken")
        assert all(token not in str(value) for row in cursor.fetchall() for value in row)
    assert api(token).get(CASES).status_code == 200


def test_drf_authtokens_clear_table_is_gone(db):
    assert "authtoken_token" not in connection.introspection.table_names()


def test_a_wrong_token_is_refused(alice):
    api_token(alice)
    assert api("hct_not-a-token").get(CASES).status_code == 401


def test_a_staff_token_expires_after_12_hours_even_in_use(alice):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        token = api_token(alice)
    for minutes in range(25, 12 * 60, 25):  # used every 25 minutes: never idle
        with time_machine.travel(start + timedelta(minutes=minutes), tick=False):
            assert api(token).get(CASES).status_code == 200
    with time_machine.travel(start + timedelta(hours=12, minutes=1), tick=False):
        response = api(token).get(CASES)
    assert response.status_code == 401
    assert "expired" in response.json()["detail"]


def test_a_staff_token_unused_for_the_session_idle_time_stops_working(alice, settings):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        token = api_token(alice)
    with time_machine.travel(start + timedelta(minutes=29), tick=False):
        assert api(token).get(CASES).status_code == 200
    with time_machine.travel(start + timedelta(minutes=58), tick=False):
        assert api(token).get(CASES).status_code == 200
    with time_machine.travel(start + timedelta(minutes=89), tick=False):
        assert api(token).get(CASES).status_code == 401
    with time_machine.travel(start + timedelta(minutes=90), tick=False):
        assert api(token).get(CASES).status_code == 401  # revoked, not just idle


def test_a_token_of_a_disabled_account_is_refused(alice, adam):
    token = api_token(alice)
    do_set_user_active(actor=adam, user=alice, active=False)
    assert api(token).get(CASES).status_code == 401


def test_an_idle_account_is_disabled_at_its_tokens_next_use(alice, settings):
    token = api_token(alice)
    long_ago = timezone.now() - timedelta(days=91)
    type(alice).objects.filter(pk=alice.pk).update(last_login=long_ago, date_joined=long_ago)
    assert api(token).get(CASES).status_code == 401
    alice.refresh_from_db()
    assert not alice.is_active


def test_an_administrator_revokes_a_token_on_the_users_page(client, adam, alice):
    token, other = api_token(alice), api_token(alice)
    client.force_login(adam)
    page = client.get(f"/staff/users/{alice.pk}/").content.decode()
    assert ApiToken.objects.filter(user=alice).first().prefix in page
    assert token not in page
    first = ApiToken.objects.get(prefix=token[:8])
    response = client.post(f"/staff/users/{alice.pk}/tokens/revoke/", {"token": first.pk})
    assert response.status_code == 302
    assert api(token).get(CASES).status_code == 401
    assert api(other).get(CASES).status_code == 200
    client.post(f"/staff/users/{alice.pk}/tokens/revoke/")
    assert api(other).get(CASES).status_code == 401
    events = AuditEvent.objects.filter(object_type="user", object_id=str(alice.pk), kind="alter")
    assert events.filter(actor=adam).count() == 2


@pytest.mark.parametrize("persona", ["alice", "hannah", "pat"])
def test_only_administrators_revoke_tokens(client, request, persona, bob):
    token = api_token(bob)
    client.force_login(request.getfixturevalue(persona))
    assert client.post(f"/staff/users/{bob.pk}/tokens/revoke/").status_code == 404
    assert api(token).get(CASES).status_code == 200


def test_the_revoke_tokens_command_revokes_every_token(alice, capsys):
    token = api_token(alice)
    call_command("revoke_tokens", "alice")
    assert "1 token(s) revoked" in capsys.readouterr().out
    assert api(token).get(CASES).status_code == 401


def test_issue_token_with_rotate_revokes_the_others(alice, capsys):
    app_device(alice)
    old = api_token(alice)
    call_command("issue_token", "alice", "--rotate")
    new = capsys.readouterr().out.strip()
    assert api(old).get(CASES).status_code == 401
    assert api(new).get(CASES).status_code == 200
