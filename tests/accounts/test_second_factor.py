"""The staff second factor: nothing staff-only before it, enrolment, recovery codes, the
administrator's reset, and step-up before exports, referrals and audit search."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.staff_cases import make_case
from hatecrime.accounts.models import ApiToken
from hatecrime.accounts.tokens import token_digest
from hatecrime.audit.models import AuditEvent
from personas import PASSWORD, api_token, app_device, current_code

pytestmark = pytest.mark.django_db

STAFF_PAGES = [
    "/staff/cases/",
    "/staff/cases/search/",
    "/staff/cases/board/",
    "/staff/cases/board/export.csv",
    "/staff/cases/record/",
    "/staff/monitoring/",
    "/staff/monitoring/tension/",
    "/staff/support/referrals/",
    "/staff/users/",
    "/staff/areas/",
    "/staff/communities/",
    "/staff/support/organisations/",
    "/staff/audit/",
    "/staff/account/",
    "/staff/password/",
]


def _password_only(client, user):
    client.force_login_with_password_only(user)
    return client


@pytest.mark.parametrize("url", STAFF_PAGES)
@pytest.mark.parametrize("persona", ["hannah", "adam"])
def test_a_password_alone_opens_no_staff_page(client, request, persona, url):
    user = request.getfixturevalue(persona)
    app_device(user)
    response = _password_only(client, user).get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/staff/verify/?next=")


def test_a_password_alone_opens_no_api_endpoint_with_the_session(client, hannah):
    response = _password_only(client, hannah).get("/api/v1/cases/")
    assert response.status_code == 403
    assert "second factor" in response.json()["detail"]


def test_staff_without_a_second_factor_are_sent_to_set_one_up(client, alice):
    response = _password_only(client, alice).get("/staff/cases/")
    assert response["Location"] == "/staff/enrol/?next=%2Fstaff%2Fcases%2F"


def _code_for(device):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def test_alice_enrols_her_app_and_gets_recovery_codes_once(client, alice):
    page = _password_only(client, alice).get("/staff/enrol/?next=/staff/cases/")
    html = page.content.decode()
    assert page["Cache-Control"] == "no-store"
    # The QR code is drawn on the server, inline: no image from anywhere else.
    assert "<svg" in html and "<img" not in html
    device = TOTPDevice.objects.get(user=alice, confirmed=False)
    secret = re.search(r'<code id="secret"[^>]*>([A-Z2-7 ]+)</code>', html).group(1)
    assert len(secret.replace(" ", "")) == 32
    wrong = client.post("/staff/enrol/", {"code": "000000", "next": "/staff/cases/"})
    assert "The code is not right" in wrong.content.decode()
    # django-otp makes the device wait a second after a wrong code.
    throttled = client.post("/staff/enrol/", {"code": _code_for(device), "next": "/"})
    assert "Too many wrong codes" in throttled.content.decode()
    device.refresh_from_db()
    device.throttle_reset()
    done = client.post("/staff/enrol/", {"code": _code_for(device), "next": "/staff/cases/"})
    codes = re.findall(r"<li><code>([a-z0-9]+)</code></li>", done.content.decode())
    assert len(codes) == 10 and done["Cache-Control"] == "no-store"
    assert client.get("/staff/cases/").status_code == 200
    event = AuditEvent.objects.get(object_type="second_factor")
    assert event.kind == "collect" and event.actor == alice
    # Enrolled: the page does not show a secret again.
    assert client.get("/staff/enrol/")["Location"].startswith("/staff/verify/")


def _recovery_codes(client, alice):
    client.force_login(alice)
    page = client.post("/staff/account/recovery-codes/").content.decode()
    client.logout()
    return re.findall(r"<li><code>([a-z0-9]+)</code></li>", page)


def test_a_recovery_code_signs_in_once(client, alice):
    code = _recovery_codes(client, alice)[0]
    client.post("/staff/sign-in/", {"username": "alice", "password": PASSWORD})
    assert client.post("/staff/verify/", {"code": code})["Location"] == "/staff/"
    assert client.get("/staff/cases/").status_code == 200
    assert StaticToken.objects.filter(device__user=alice).count() == 9
    client.logout()
    client.post("/staff/sign-in/", {"username": "alice", "password": PASSWORD})
    again = client.post("/staff/verify/", {"code": code})
    assert "The code is not right" in again.content.decode()
    assert client.get("/staff/cases/").status_code == 302


def test_new_recovery_codes_replace_the_old_and_are_audited(client, alice):
    first = _recovery_codes(client, alice)
    second = _recovery_codes(client, alice)
    assert not set(first) & set(second)
    assert StaticToken.objects.filter(device__user=alice).count() == 10
    assert AuditEvent.objects.filter(object_type="second_factor", kind="alter").count() == 2


@pytest.mark.parametrize("persona", ["alice", "hannah", "carl", "ann", "cora", "pat"])
def test_only_administrators_reset_a_second_factor(client, request, persona, bob):
    app_device(bob)
    client.force_login(request.getfixturevalue(persona))
    assert client.post(f"/staff/users/{bob.pk}/second-factor/").status_code == 404
    assert TOTPDevice.objects.filter(user=bob).exists()


def test_adams_reset_of_bobs_second_factor_is_audited_and_takes_effect_at_once(client, adam, bob):
    bob_client = client.__class__()
    bob_client.force_login(bob)
    token = api_token(bob)
    client.force_login(adam)
    assert client.get(f"/staff/users/{bob.pk}/second-factor/").status_code == 200
    response = client.post(f"/staff/users/{bob.pk}/second-factor/")
    assert response["Location"] == f"/staff/users/{bob.pk}/"
    assert not TOTPDevice.objects.filter(user=bob).exists()
    api = client.__class__(HTTP_AUTHORIZATION=f"Token {token}")
    assert api.get("/api/v1/cases").status_code == 401
    event = AuditEvent.objects.get(object_type="second_factor", object_id=str(bob.pk))
    assert event.kind == "erase" and event.actor == adam
    assert bob_client.get("/staff/cases/")["Location"].startswith("/staff/enrol/")


def test_an_api_token_is_issued_only_to_staff_with_a_second_factor(alice, capsys):
    with pytest.raises(CommandError, match="second factor"):
        call_command("issue_token", "alice")
    app_device(alice)
    call_command("issue_token", "alice")
    token = capsys.readouterr().out.strip()
    assert ApiToken.objects.get(user=alice).digest == token_digest(token)


STEP_UP_PAGES = [
    ("hannah", "/staff/cases/board/export.csv"),
    ("hannah", "/staff/audit/"),
    ("adam", "/staff/audit/"),
]


@pytest.mark.parametrize(("persona", "url"), STEP_UP_PAGES)
def test_exports_and_audit_search_need_a_code_from_the_last_fifteen_minutes(
    client, request, persona, url
):
    user = request.getfixturevalue(persona)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.force_login(user)
        assert client.get(url).status_code == 200
    with time_machine.travel(start + timedelta(minutes=14), tick=False):
        assert client.get(url).status_code == 200
    with time_machine.travel(start + timedelta(minutes=28), tick=False):
        client.get("/staff/account/")  # not idle: still signed in, but no longer stepped up
    with time_machine.travel(start + timedelta(minutes=29), tick=False):
        response = client.get(url)
        assert response["Location"] == f"/staff/verify/?next={url.replace('/', '%2F')}"
        assert "last 15 minutes" in client.get(response["Location"]).content.decode()
        response = client.post(response["Location"], {"code": current_code(user)})
        assert response["Location"] == url
        assert client.get(url).status_code == 200


def test_a_referral_to_a_partner_needs_a_fresh_code(client, alice):
    case = make_case("hackney")
    url = f"/staff/cases/{case.report.reference}/refer/"
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.force_login(alice)
        assert client.get(url).status_code == 200
    with time_machine.travel(start + timedelta(minutes=20), tick=False):
        response = client.post(url, {"version": case.version, "organisation": 1})
        assert response["Location"].startswith("/staff/verify/?next=")


def test_the_account_page_shows_the_recovery_codes_left(client, alice):
    _recovery_codes(client, alice)
    client.force_login(alice)
    assert "10 recovery codes left" in client.get("/staff/account/").content.decode()


def _staff_urls():
    """Every staff URL in the URLconf, with made-up arguments."""
    samples = {"int": 1, "str": "x", "slug": "x", "path": "x"}

    def walk(patterns, namespace="", prefix=""):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                inner = f"{entry.namespace}:" if entry.namespace else namespace
                yield from walk(entry.url_patterns, inner, prefix + str(entry.pattern))
            elif isinstance(entry, URLPattern) and entry.name:
                route = prefix + str(entry.pattern)
                kwargs = {
                    name: samples.get(type(converter).__name__.lower().replace("converter", ""), 1)
                    for name, converter in entry.pattern.converters.items()
                }
                yield route, reverse(f"{namespace}{entry.name}", kwargs=kwargs)

    return sorted(
        url for route, url in walk(get_resolver().url_patterns) if route.startswith("staff/")
    )


OPEN_BEFORE_THE_SECOND_FACTOR = {
    "/staff/sign-in/",
    "/staff/sign-in/unlock/",
    "/staff/sign-out/",
    "/staff/enrol/",
    "/staff/verify/",
    # The security keys' JSON endpoints (ADR 0502), each with its own rules: registering needs
    # a verified session once a member has a factor (tests/accounts/test_security_keys.py).
    "/staff/enrol/key/begin/",
    "/staff/enrol/key/complete/",
    "/staff/verify/key/begin/",
    "/staff/verify/key/complete/",
    "/staff/sign-in/unlock/key/begin/",
    "/staff/sign-in/unlock/key/complete/",
    # Only when sign-in through the identity provider is on (ADR 0503).
    "/staff/sign-in/oidc/",
    "/staff/sign-in/oidc/callback/",
}


@pytest.mark.parametrize("openid_connect", [False, True])
def test_every_staff_url_waits_for_the_second_factor(client, hannah, request, openid_connect):
    if openid_connect:
        request.getfixturevalue("provider")
    app_device(hannah)
    _password_only(client, hannah)
    urls = _staff_urls()
    assert "/staff/users/1/second-factor/" in urls and len(urls) > 40
    assert ("/staff/sign-in/oidc/callback/" in urls) is openid_connect
    for url in urls:
        if url in OPEN_BEFORE_THE_SECOND_FACTOR:
            continue
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            assert response.status_code == 302, (method, url, response.status_code)
            assert response["Location"].startswith("/staff/verify/?next="), (method, url)
