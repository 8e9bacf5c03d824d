"""The access matrix of the staff pages that take no case reference and were added for issue 11
(password change, security keys, recovery codes, an administrator's reset of a password or a
second factor, API token revocation, retention rules and the review queue, subject access, the
audit search, sign-in through the identity provider), each role x page cell asserted.

The case-scoped pages of the same work (a case's retention review and rectification) are cells
of tests/cases/test_access_matrix.py. Every staff URL of the accounts, records and audit pages
is read from the URLconf: one that is neither here nor listed as covered elsewhere fails
`test_every_page_without_a_case_reference_is_in_a_matrix`.

A role that may not use a page gets 404 for GET and POST alike, and its POST changes nothing
(no password, factor, token, key or retention rule changed, nothing disclosed). Someone not
signed in is sent to the sign-in page."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from accounts.software_key import key_of
from hatecrime.accounts.models import ApiToken
from hatecrime.audit.models import AuditEvent
from hatecrime.dataprotection.models import RetentionRule
from personas import PASSWORD, StaffClient, api_token, app_device

pytestmark = pytest.mark.django_db

PERSONAS = ("alice", "bob", "hannah", "carl", "ann", "cora", "pat", "adam")
STAFF = frozenset(PERSONAS)

# URL name -> (who may use it, what a GET answers them). `{key}` is a security key of Alice's,
# `{user}` Bob's account.
PAGES = {
    "accounts:password": ("/staff/password/", STAFF, 200),
    "accounts:security-keys": ("/staff/account/security-keys/", STAFF, 200),
    "accounts:security-key": ("/staff/account/security-keys/{key}/", {"alice"}, 200),
    "accounts:security-key-remove": (
        "/staff/account/security-keys/{key}/remove/",
        {"alice"},
        200,
    ),
    # POST only: new codes for oneself, after a fresh second factor.
    "accounts:recovery-codes": ("/staff/account/recovery-codes/", STAFF, 405),
    "accounts:user-password-reset": ("/staff/users/{user}/password/", {"adam"}, 200),
    "accounts:user-second-factor-reset": ("/staff/users/{user}/second-factor/", {"adam"}, 200),
    "accounts:user-tokens-revoke": ("/staff/users/{user}/tokens/revoke/", {"adam"}, 405),
    # The user's page holds the link to the identity provider (ADR 0503).
    "accounts:user-edit": ("/staff/users/{user}/", {"adam"}, 200),
    # Retention (docs/retention.md): supervisors review their areas' cases; administrators set
    # the rules. Subject access: administrators (the bundle page needs a chosen case first).
    "dataprotection:reviews": ("/staff/records/reviews/", {"hannah"}, 200),
    "dataprotection:rules": ("/staff/records/rules/", {"adam"}, 200),
    "dataprotection:rule": ("/staff/records/rules/crime/", {"adam"}, 200),
    "dataprotection:subjects": ("/staff/records/subjects/", {"adam"}, 200),
    "dataprotection:bundle": ("/staff/records/subjects/bundle/", {"adam"}, 302),
    "audit:search": ("/staff/audit/", {"hannah", "adam"}, 200),
}

# Covered elsewhere: sign-in and the second factor's own pages and JSON endpoints (open before
# the second factor: tests/accounts/test_second_factor.py, test_security_keys.py,
# test_security_key_sign_in.py, test_lockouts.py, test_oidc_*.py) and the older administrator
# pages (tests/accounts/test_admin_pages.py, test_admin_communities.py, test_navigation.py).
ELSEWHERE = {
    "accounts:home",
    "accounts:sign-in",
    "accounts:unlock",
    "accounts:sign-out",
    "accounts:enrol",
    "accounts:verify",
    "accounts:key-register-begin",
    "accounts:key-register-complete",
    "accounts:key-verify-begin",
    "accounts:key-verify-complete",
    "accounts:key-unlock-begin",
    "accounts:key-unlock-complete",
    "accounts:oidc-start",
    "accounts:oidc-callback",
    "accounts:account",
    "accounts:users",
    "accounts:user-create",
    "accounts:user-deactivate",
    "accounts:areas",
    "accounts:area-edit",
    "accounts:risk-rules",
    "accounts:risk-rule-edit",
    "accounts:risk-threshold-edit",
    "accounts:communities",
    "accounts:community-create",
    "accounts:community-edit",
    # Case-scoped: tests/cases/test_access_matrix.py.
    "dataprotection:review",
    "dataprotection:rectify",
}


def _names(patterns, namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = f"{entry.namespace}:" if entry.namespace else namespace
            yield from _names(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}"


def test_every_page_without_a_case_reference_is_in_a_matrix(provider):
    names = {
        name
        for name in _names(get_resolver().url_patterns)
        if name.split(":")[0] in ("accounts", "dataprotection", "audit")
    }
    assert names - ELSEWHERE - set(PAGES) == set()
    assert "accounts:oidc-callback" in names  # the provider's pages were read too


@pytest.fixture
def world(alice, bob, hannah, carl, ann, cora, pat, adam):
    """Alice with a security key, Bob with an authenticator app and an API token."""
    key_of(StaffClient(), alice)
    app_device(bob)
    api_token(bob)
    key = WebAuthnCredential.objects.get(user=alice)
    return {"key": key.pk, "user": bob.pk}


def _state(bob):
    bob.refresh_from_db()
    return (
        bob.check_password(PASSWORD),
        bob.must_change_password,
        TOTPDevice.objects.filter(user=bob).count(),
        ApiToken.objects.filter(user=bob).count(),
        sorted(WebAuthnCredential.objects.values_list("pk", "name")),
        sorted(RetentionRule.objects.values_list("pk", "review_after_months")),
    )


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_cell_of_the_matrix(request, persona, world, bob):
    user = request.getfixturevalue(persona)
    for name, (template, allowed, status) in PAGES.items():
        url = template.format(**world)
        client = StaffClient()
        client.force_login(user)
        response = client.get(url)
        expected = status if persona in allowed else 404
        assert response.status_code == expected, (persona, name, response.status_code)
    before, last = _state(bob), AuditEvent.objects.order_by("-seq").values_list("seq").first()
    for name, (template, allowed, _) in PAGES.items():
        if persona in allowed:
            continue
        client = StaffClient()
        client.force_login(user)
        data = {"name": "Renamed", "review_after_months": 1, "reason": "Test", "email": "x@y.z"}
        response = client.post(template.format(**world), data)
        assert response.status_code == 404, (persona, name, response.status_code)
    assert _state(bob) == before
    new = AuditEvent.objects.filter(seq__gt=last[0] if last else 0)
    assert not new.filter(kind__in=["alter", "erase", "disclose"]).exists()


def test_someone_not_signed_in_is_sent_to_sign_in(client, world):
    for template, _, _ in PAGES.values():
        url = template.format(**world)
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code == 302, url
            assert response["Location"].startswith("/staff/sign-in/?next="), url


@pytest.mark.parametrize("switched_on", [False, True])
def test_the_identity_providers_pages_exist_only_when_it_is_switched_on(
    request, client, adam, switched_on
):
    if switched_on:
        request.getfixturevalue("provider")
    response = client.get("/staff/sign-in/oidc/")
    assert response.status_code == (302 if switched_on else 404)
    client.force_login(adam)
    assert client.get("/staff/sign-in/oidc/callback/").status_code != 200
