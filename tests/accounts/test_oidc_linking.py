"""An administrator links a staff account to the person's account at the identity provider on
the user's page (ADR 0503): audited, one account per reference, never shown when it is off."""

import pytest

from hatecrime.accounts.models import User
from hatecrime.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

FIELD = 'name="oidc_subject"'


def _form(user, **changes):
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "role": user.role,
        "direct_phone": user.direct_phone,
        "areas": [area.pk for area in user.areas.all()],
        "oidc_subject": user.oidc_subject or "",
    }
    return {**data, **changes}


def test_the_field_is_not_offered_when_it_is_off(client, adam, alice):
    client.force_login(adam)
    assert FIELD not in client.get(f"/staff/users/{alice.pk}/").content.decode()
    client.post(f"/staff/users/{alice.pk}/", _form(alice, oidc_subject="sneaky"))
    assert User.objects.get(pk=alice.pk).oidc_subject is None


def test_an_administrator_links_an_account_and_it_is_audited(client, provider, adam, alice):
    client.force_login(adam)
    assert FIELD in client.get(f"/staff/users/{alice.pk}/").content.decode()
    response = client.post(f"/staff/users/{alice.pk}/", _form(alice, oidc_subject="alice-at-x"))
    assert response.status_code == 302
    assert User.objects.get(pk=alice.pk).oidc_subject == "alice-at-x"
    event = AuditEvent.objects.filter(object_type="user", object_id=str(alice.pk)).last()
    assert event.kind == "alter" and event.fields == ["oidc_subject"]
    assert event.actor_id == adam.pk
    assert "alice-at-x" not in str(AuditEvent.objects.values().last())


def test_one_reference_links_one_account(client, provider, adam, alice, bob):
    bob.oidc_subject = "taken"
    bob.save()
    client.force_login(adam)
    response = client.post(f"/staff/users/{alice.pk}/", _form(alice, oidc_subject="taken"))
    assert response.status_code == 200
    assert "This reference is linked to another account already" in response.content.decode()


def test_an_empty_reference_unlinks(client, provider, adam, linked_alice, bob):
    bob.oidc_subject = None
    bob.save()
    client.force_login(adam)
    client.post(f"/staff/users/{linked_alice.pk}/", _form(linked_alice, oidc_subject=""))
    assert User.objects.get(pk=linked_alice.pk).oidc_subject is None
    assert provider.sign_in(client, "alice-at-the-force").status_code == 403


def test_only_administrators_link_accounts(client, provider, hannah, alice):
    client.force_login(hannah)
    response = client.post(f"/staff/users/{alice.pk}/", _form(alice, oidc_subject="mine"))
    assert response.status_code == 404
    assert User.objects.get(pk=alice.pk).oidc_subject is None


def test_a_linked_account_signs_in_through_the_provider(client, provider, adam, alice):
    client.force_login(adam)
    client.post(f"/staff/users/{alice.pk}/", _form(alice, oidc_subject="alice-at-x"))
    client.logout()
    assert provider.sign_in(client, "alice-at-x")["Location"].startswith("/staff/verify/")
