"""Security keys and passkeys (ADR 0502): set one up at the first sign-in or later, name it,
list and remove one's own keys, all audited; an administrator's reset removes them too. The
ceremonies are driven through the real endpoints by a software key (tests/accounts/software_key).
"""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone
from django_otp_webauthn.models import WebAuthnCredential

from accounts.software_key import SoftwareKey, key_of, only_key_of, post_json, register_key
from hatecrime.audit.models import AuditEvent
from personas import PASSWORD, app_device

pytestmark = pytest.mark.django_db


def test_the_enrol_page_offers_an_app_and_a_security_key(client, alice):
    client.force_login_with_password_only(alice)
    html = client.get("/staff/enrol/").content.decode()
    assert 'id="qr-code"' in html and 'id="passkey-registration-placeholder"' in html
    # Without JavaScript the page says what to do instead.
    assert "needs JavaScript" in html and "Use an authenticator app instead" in html


def test_alice_sets_up_a_key_at_her_first_sign_in_names_it_and_gets_recovery_codes(client, alice):
    client.force_login_with_password_only(alice)
    _key, response = register_key(client, next_page="/staff/cases/")
    assert response.status_code == 200
    stored = WebAuthnCredential.objects.get(user=alice)
    assert response.json()["redirect_url"] == (
        f"/staff/account/security-keys/{stored.pk}/?next=%2Fstaff%2Fcases%2F"
    )
    # The key was her first factor: she is signed in.
    assert client.get("/staff/cases/").status_code == 200
    name_page = client.get(response.json()["redirect_url"])
    assert 'value="Security key"' in name_page.content.decode()
    done = client.post(
        f"/staff/account/security-keys/{stored.pk}/", {"name": "Blue key", "next": "/staff/cases/"}
    )
    codes = re.findall(r"<li><code>([a-z0-9]+)</code></li>", done.content.decode())
    assert len(codes) == 10 and done["Cache-Control"] == "no-store"
    stored.refresh_from_db()
    assert stored.name == "Blue key"
    events = AuditEvent.objects.filter(object_type="second_factor").order_by("seq")
    assert [(event.kind, event.fields) for event in events] == [
        ("collect", ["security_key"]),
        ("alter", ["security_key"]),
        ("alter", ["recovery_codes"]),
    ]
    assert all(event.actor == alice for event in events)
    assert events[0].detail == {"security_key": stored.pk}


def test_an_account_with_only_a_key_is_sent_to_verify_not_to_enrol(client, alice):
    only_key_of(client, alice)
    client.post("/staff/sign-in/", {"username": "alice", "password": PASSWORD})
    assert client.get("/staff/cases/")["Location"] == "/staff/verify/?next=%2Fstaff%2Fcases%2F"
    page = client.get("/staff/verify/").content.decode()
    assert 'id="passkey-verification-placeholder"' in page
    assert "Recovery code" in page and "authenticator app" not in page.split("<h1")[1][:80]
    # The enrol page does not let a password alone add an app beside the key.
    assert client.get("/staff/enrol/")["Location"].startswith("/staff/verify/?next=")


def test_a_password_alone_cannot_add_a_key_to_an_account_with_a_second_factor(client, hannah):
    app_device(hannah)
    client.force_login_with_password_only(hannah)
    response = post_json(client, "/staff/enrol/key/begin/")
    assert response.status_code == 403
    options = {"challenge": "x", "rp": {"id": "localhost"}, "user": {"id": "x"}}
    answer = SoftwareKey().create(options)
    assert post_json(client, "/staff/enrol/key/complete/", answer).status_code == 403
    assert not WebAuthnCredential.objects.exists()


def test_adding_another_key_needs_a_second_factor_from_the_last_fifteen_minutes(client, alice):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        key_of(client, alice)
        client.force_login(alice)
    with time_machine.travel(start + timedelta(minutes=14), tick=False):
        client.get("/staff/account/")
    with time_machine.travel(start + timedelta(minutes=20), tick=False):
        response = post_json(client, "/staff/enrol/key/begin/")
        assert response.status_code == 403 and response.json()["code"] == "step_up_needed"
        assert client.get("/staff/account/security-keys/")["Location"].startswith(
            "/staff/verify/?next="
        )


def test_alice_lists_renames_and_removes_her_keys_each_audited(client, alice):
    key_of(client, alice)
    key_of(client, alice)
    client.force_login(alice)
    first, second = WebAuthnCredential.objects.filter(user=alice).order_by("pk")
    assert (first.name, second.name) == ("Security key", "Security key 2")
    page = client.get("/staff/account/security-keys/").content.decode()
    assert page.count('<tr class="govuk-table__row">') == 3  # a header and two keys
    assert "2 security keys" in client.get("/staff/account/").content.decode()
    client.post(f"/staff/account/security-keys/{second.pk}/", {"name": "Laptop"})
    confirm = client.get(f"/staff/account/security-keys/{first.pk}/remove/")
    assert "Remove Security key" in confirm.content.decode()
    response = client.post(f"/staff/account/security-keys/{first.pk}/remove/")
    assert response["Location"] == "/staff/account/security-keys/"
    assert list(WebAuthnCredential.objects.filter(user=alice).values_list("name")) == [("Laptop",)]
    renamed = AuditEvent.objects.filter(object_type="second_factor", fields=["security_key"])
    assert [(event.kind, event.detail) for event in renamed.order_by("seq")] == [
        ("collect", {"security_key": first.pk}),
        ("collect", {"security_key": second.pk}),
        ("alter", {"security_key": second.pk}),
        ("erase", {"security_key": first.pk}),
    ]


def test_the_only_second_factor_cannot_be_removed(client, alice):
    only_key_of(client, alice)
    key = WebAuthnCredential.objects.get(user=alice)
    client.force_login_with_device(alice, key)
    page = client.get(f"/staff/account/security-keys/{key.pk}/remove/").content.decode()
    assert "only second factor" in page
    client.post(f"/staff/account/security-keys/{key.pk}/remove/")
    assert WebAuthnCredential.objects.filter(pk=key.pk).exists()


@pytest.mark.parametrize("suffix", ["", "remove/"])
def test_bob_cannot_open_alices_keys(client, alice, bob, suffix):
    key_of(client, alice)
    key = WebAuthnCredential.objects.get(user=alice)
    client.force_login(bob)
    assert client.get(f"/staff/account/security-keys/{key.pk}/{suffix}").status_code == 404
    assert client.post(f"/staff/account/security-keys/{key.pk}/{suffix}").status_code == 404
    key.refresh_from_db()
    assert key.name == "Security key"


def test_an_administrators_reset_removes_the_keys_too(client, adam, bob):
    only_key_of(client, bob)
    bob_client = client.__class__()
    bob_client.post("/staff/sign-in/", {"username": "bob", "password": PASSWORD})
    client.force_login(adam)
    page = client.get(f"/staff/users/{bob.pk}/second-factor/").content.decode()
    assert "They have 1 security key." in page
    client.post(f"/staff/users/{bob.pk}/second-factor/")
    assert not WebAuthnCredential.objects.filter(user=bob).exists()
    event = AuditEvent.objects.get(object_type="second_factor", kind="erase")
    assert "security_keys" in event.fields and event.actor == adam
    assert bob_client.get("/staff/cases/")["Location"].startswith("/staff/enrol/")


def test_an_api_token_is_issued_to_staff_whose_second_factor_is_a_key(client, alice, capsys):
    only_key_of(client, alice)
    call_command("issue_token", "alice")
    assert capsys.readouterr().out.strip()


def test_a_member_with_only_keys_may_add_an_app_with_a_fresh_factor(client, alice):
    only_key_of(client, alice)
    client.force_login_with_device(alice, WebAuthnCredential.objects.get(user=alice))
    page = client.get("/staff/enrol/?next=/staff/account/").content.decode()
    assert "Set up your authenticator app" in page and "passkey-registration" not in page


def test_the_key_pages_run_only_our_own_static_scripts_under_the_strict_policy(client, alice):
    from django.contrib.staticfiles import finders

    key_of(client, alice)
    client.force_login(alice)
    for url in ["/staff/account/security-keys/", "/staff/verify/", "/staff/sign-in/unlock/"]:
        response = client.get(url)
        policy = response["Content-Security-Policy"]
        assert "script-src 'self' 'nonce-" in policy and "unsafe" not in policy
        for attributes in re.findall(r"<script([^>]*)>", response.content.decode()):
            source = re.search(r'src="([^"]+)"', attributes)
            if source:
                assert source.group(1).startswith("/static/"), (url, attributes)
                assert finders.find(source.group(1).removeprefix("/static/")), attributes
            else:  # the page's endpoints as data, or the base template's nonced line
                assert 'type="application/json"' in attributes or "nonce=" in attributes
