"""Password rules on every password set, changing one's own, and the administrator's reset."""

import pytest
from django.core.management import CommandError, call_command

from hatecrime.accounts.models import User
from hatecrime.audit.models import AuditEvent
from personas import PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "plum-orchard-lantern-42"


def _new_user(client, password, username="dee"):
    return client.post(
        "/staff/users/new/",
        {
            "username": username,
            "first_name": "Dee",
            "last_name": "Ola",
            "email": "dee@example.invalid",
            "role": "officer",
            "password": password,
        },
    )


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("password1234", "This password is too common"),
        ("short-one", "at least 12 characters"),
        ("739184620571", "entirely numeric"),
        ("dee-ola-example", "too similar"),
    ],
)
def test_the_new_user_form_applies_the_password_rules(client, adam, password, message):
    client.force_login(adam)
    response = _new_user(client, password)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not User.objects.filter(username="dee").exists()


def test_a_new_users_first_password_must_be_replaced_at_first_sign_in(client, adam):
    client.force_login(adam)
    assert _new_user(client, "a-long-first-password").status_code == 302
    client.logout()
    response = client.post(
        "/staff/sign-in/", {"username": "dee", "password": "a-long-first-password"}
    )
    assert response["Location"] == "/staff/password/"
    assert client.get("/staff/cases/")["Location"] == "/staff/password/"


def test_createsuperuser_makes_a_working_administrator(client, monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", NEW_PASSWORD)
    call_command("createsuperuser", "--no-input", username="root", email="root@example.invalid")
    root = User.objects.get(username="root")
    assert root.role == "administrator"
    client.force_login(root)
    assert client.get("/staff/users/").status_code == 200


@pytest.mark.parametrize("weak", ["password1234", "root-example", "short"])
def test_createsuperuser_without_questions_applies_the_password_rules(monkeypatch, weak):
    """Django skips the validators with --no-input; the first administrator's password, taken
    from DJANGO_SUPERUSER_PASSWORD, follows the same rules as every other."""
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", weak)
    with pytest.raises(CommandError):
        call_command("createsuperuser", "--no-input", username="root", email="root@example.invalid")
    assert not User.objects.filter(username="root").exists()


def test_alice_changes_her_password(client, alice):
    client.force_login(alice)
    other = client.__class__()
    other.force_login(alice)
    response = client.post(
        "/staff/password/",
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response["Location"] == "/staff/"
    alice.refresh_from_db()
    assert alice.check_password(NEW_PASSWORD)
    # Her session goes on; any other session of hers has ended.
    assert client.get("/staff/cases/").status_code == 200
    assert other.get("/staff/cases/").status_code == 302
    event = AuditEvent.objects.get(object_type="user", object_id=str(alice.pk), kind="alter")
    assert event.fields == ["password"] and event.actor == alice


def test_alice_needs_her_current_password_to_change_it(client, alice):
    client.force_login(alice)
    response = client.post(
        "/staff/password/",
        {"old_password": "not it", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert "Your current password is not correct" in response.content.decode()
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)


def test_a_changed_password_follows_the_rules(client, alice):
    client.force_login(alice)
    response = client.post(
        "/staff/password/",
        {"old_password": PASSWORD, "new_password1": "alice12345", "new_password2": "alice12345"},
    )
    page = response.content.decode()
    assert "at least 12 characters" in page and "govuk-error-summary" in page
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)


@pytest.mark.parametrize("persona", ["alice", "hannah", "carl", "ann", "cora", "pat"])
def test_only_administrators_reset_passwords(client, request, persona, bob):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(f"/staff/users/{bob.pk}/password/").status_code == 404
    assert client.post(f"/staff/users/{bob.pk}/password/").status_code == 404
    bob.refresh_from_db()
    assert bob.check_password(PASSWORD)


def _reset(client, adam, member):
    client.force_login(adam)
    response = client.post(f"/staff/users/{member.pk}/password/")
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    page = response.content.decode()
    start = page.index('<code id="temporary-password">') + len('<code id="temporary-password">')
    client.logout()
    return page[start : page.index("</code>", start)]


def test_adams_reset_is_audited_and_ends_the_old_password(client, adam, bob):
    temporary = _reset(client, adam, bob)
    bob.refresh_from_db()
    assert not bob.check_password(PASSWORD) and bob.check_password(temporary)
    event = AuditEvent.objects.get(object_type="user", object_id=str(bob.pk))
    assert event.kind == "alter" and event.actor == adam and event.fields == ["password"]
    assert event.detail == {"reason": "temporary_password_issued"}


def test_a_temporary_password_signs_in_once_and_only_to_choose_a_new_one(client, adam, bob):
    temporary = _reset(client, adam, bob)
    response = client.post("/staff/sign-in/", {"username": "bob", "password": temporary})
    assert response["Location"] == "/staff/password/"
    assert client.get("/staff/cases/")["Location"] == "/staff/password/"
    assert client.get("/api/v1/cases/").status_code == 403
    page = client.get("/staff/password/").content.decode()
    assert "Choose your password" in page and "old_password" not in page
    # Used: it will not sign in again.
    second = client.__class__()
    again = second.post("/staff/sign-in/", {"username": "bob", "password": temporary})
    assert again.status_code == 200
    response = client.post(
        "/staff/password/", {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert response["Location"] == "/staff/"
    # Then the second factor, like any sign-in (bob has none yet: he sets one up).
    assert client.get("/staff/cases/")["Location"].startswith("/staff/enrol/")
    bob.refresh_from_db()
    assert bob.check_password(NEW_PASSWORD) and not bob.must_change_password


def test_the_account_page_links_to_the_password_change(client, alice):
    client.force_login(alice)
    assert 'href="/staff/password/"' in client.get("/staff/account/").content.decode()
