"""Giving a security key (ADR 0502): after the password at sign-in, again for step-up, and to
unlock a locked account; what is refused (a wrong signature, an old counter, a replayed answer,
someone else's key, a key answering for another site). The app and recovery codes still work
beside a key."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from django_otp_webauthn.models import WebAuthnCredential

from accounts.software_key import SoftwareKey, give_key, key_of, only_key_of, post_json
from hatecrime.accounts.auth import sign_in_keys
from hatecrime.accounts.models import SignInFailure, SignInLockout
from hatecrime.audit.models import AuditEvent
from personas import PASSWORD, current_code

pytestmark = pytest.mark.django_db


def _password(client, username):
    response = client.post("/staff/sign-in/", {"username": username, "password": PASSWORD})
    assert response["Location"].startswith("/staff/verify/")


def test_alice_signs_in_with_her_key(client, alice):
    key = only_key_of(client, alice)
    _password(client, "alice")
    assert client.get("/staff/cases/").status_code == 302
    response = give_key(client, key, next_page="/staff/cases/")
    assert response.status_code == 200
    assert response.json()["redirect_url"] == "/staff/cases/"
    assert client.get("/staff/cases/").status_code == 200
    stored = WebAuthnCredential.objects.get(user=alice)
    assert stored.sign_count == key.sign_count and stored.last_used_at is not None


def test_the_verify_page_keeps_only_addresses_of_staff_pages_as_next(client, alice):
    key = only_key_of(client, alice)
    _password(client, "alice")
    response = give_key(client, key, next_page="https://elsewhere.example/")
    assert response.json()["redirect_url"] == "/staff/"


def test_with_a_key_the_app_and_recovery_codes_still_work(client, alice):
    key_of(client, alice)
    _password(client, "alice")
    page = client.get("/staff/verify/").content.decode()
    assert "Enter the code from your authenticator app" in page
    assert "Or use your security key" in page
    assert client.post("/staff/verify/", {"code": current_code(alice)})["Location"] == "/staff/"
    client.force_login(alice)
    codes_page = client.post("/staff/account/recovery-codes/").content.decode()
    code = codes_page.split("<li><code>")[1].split("<")[0]
    client.logout()
    _password(client, "alice")
    assert client.post("/staff/verify/", {"code": code})["Location"] == "/staff/"


def test_a_member_with_only_a_key_signs_in_with_a_recovery_code(client, alice):
    only_key_of(client, alice)
    client.force_login_with_device(alice, WebAuthnCredential.objects.get(user=alice))
    codes_page = client.post("/staff/account/recovery-codes/").content.decode()
    code = codes_page.split("<li><code>")[1].split("<")[0]
    client.logout()
    _password(client, "alice")
    assert client.post("/staff/verify/", {"code": code})["Location"] == "/staff/"
    client.logout()
    _password(client, "alice")
    wrong = client.post("/staff/verify/", {"code": "abcdefghjk"}).content.decode()
    assert "Enter one of your recovery codes" in wrong


REFUSALS = {
    "a signature by another key": {"signed_by": SoftwareKey()},
    "a counter that did not go up": {"sign_count": 1},
    "another origin": {"origin": "https://phishing.example"},
    "another relying party": {"rp_id": "phishing.example"},
}


@pytest.mark.parametrize("spoil", REFUSALS.values(), ids=REFUSALS.keys())
def test_a_spoiled_answer_is_refused(client, alice, spoil):
    key = only_key_of(client, alice)
    key.sign_count = 5
    _password(client, "alice")
    assert give_key(client, key).status_code == 200  # the counter is now 6
    client.logout()
    _password(client, "alice")
    response = give_key(client, key, **spoil)
    assert response.status_code == 422, response.content
    assert "not accepted" in response.json()["detail"]
    assert client.get("/staff/cases/").status_code == 302


def test_an_answer_is_accepted_once(client, alice):
    key = only_key_of(client, alice)
    _password(client, "alice")
    options = post_json(client, "/staff/verify/key/begin/").json()
    answer = key.get(options)
    assert post_json(client, "/staff/verify/key/complete/", answer).status_code == 200
    client.logout()
    _password(client, "alice")
    replayed = post_json(client, "/staff/verify/key/complete/", answer)
    assert replayed.status_code == 400 and replayed.json()["code"] == "invalid_state"
    assert client.get("/staff/cases/").status_code == 302


def test_bobs_key_does_not_complete_alices_sign_in(client, alice, bob):
    only_key_of(client, alice)
    bobs_key = only_key_of(client, bob)
    _password(client, "alice")
    response = give_key(client, bobs_key)
    assert response.status_code == 403
    assert client.get("/staff/cases/").status_code == 302


def test_a_key_made_for_another_site_is_not_registered(client, alice):
    from accounts.software_key import register_key

    client.force_login_with_password_only(alice)
    for spoil in ({"origin": "https://phishing.example"}, {"rp_id": "phishing.example"}):
        _key, response = register_key(client, **spoil)
        assert response.status_code == 422
    assert not WebAuthnCredential.objects.exists()
    assert client.get("/staff/cases/")["Location"].startswith("/staff/enrol/")


def test_a_key_is_not_a_way_in_without_the_password(client, alice):
    key = only_key_of(client, alice)
    assert post_json(client, "/staff/verify/key/begin/").status_code == 403
    answer = key.get({"challenge": "x", "rpId": "localhost"})
    response = post_json(client, "/staff/verify/key/complete/", answer)
    assert response.status_code == 403
    assert client.get("/staff/cases/")["Location"].startswith("/staff/sign-in/")


def test_step_up_accepts_a_key(client, hannah):
    url = "/staff/cases/board/export.csv"
    key = only_key_of(client, hannah)
    key_device = WebAuthnCredential.objects.get(user=hannah)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.force_login_with_device(hannah, key_device)
        assert client.get(url).status_code == 200
    with time_machine.travel(start + timedelta(minutes=14), tick=False):
        client.get("/staff/account/")
    with time_machine.travel(start + timedelta(minutes=28), tick=False):
        client.get("/staff/account/")
    with time_machine.travel(start + timedelta(minutes=29), tick=False):
        response = client.get(url)
        assert response["Location"] == f"/staff/verify/?next={url.replace('/', '%2F')}"
        assert "last 15 minutes" in client.get(response["Location"]).content.decode()
        answer = give_key(client, key, next_page=url)
        assert answer.json()["redirect_url"] == url
        assert client.get(url).status_code == 200


def _lock(user):
    """Alice's account is locked (five wrong passwords), as sign-in leaves it."""

    class Request:
        META = {"REMOTE_ADDR": "127.0.0.1"}

    keys = sign_in_keys(Request(), user.username)
    SignInLockout.objects.create(
        key=keys.username, scope="username", locked_until=timezone.now() + timedelta(minutes=30)
    )
    return keys


def _unlock(client, key, **spoil):
    options = post_json(client, "/staff/sign-in/unlock/key/begin/").json()
    assert options["allowCredentials"] == []  # no username asked, none revealed
    return post_json(client, "/staff/sign-in/unlock/key/complete/", key.get(options, **spoil))


def test_alice_unlocks_her_account_with_her_key(client, alice):
    key = only_key_of(client, alice)
    keys = _lock(alice)
    page = client.get("/staff/sign-in/unlock/").content.decode()
    assert 'id="passkey-verification-placeholder"' in page
    response = _unlock(client, key)
    assert response.status_code == 200 and response.json()["redirect_url"] == "/staff/sign-in/"
    assert not SignInLockout.objects.filter(key=keys.username).exists()
    event = AuditEvent.objects.get(object_type="sign_in_lockout")
    assert event.actor == alice and event.detail["unlocked_with"].startswith("django_otp_webauthn")
    # Unlocked, not signed in: the password is still needed.
    assert client.get("/staff/cases/")["Location"].startswith("/staff/sign-in/")
    assert "Your account is not locked" in client.get("/staff/sign-in/").content.decode()


def test_a_refused_key_on_the_unlock_page_counts_against_the_address(client, alice):
    key = only_key_of(client, alice)
    keys = _lock(alice)
    response = _unlock(client, key, signed_by=SoftwareKey())
    assert response.status_code == 422
    assert SignInLockout.objects.filter(key=keys.username).exists()
    assert SignInFailure.objects.filter(key=keys.address).count() == 1
