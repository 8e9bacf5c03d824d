"""A fake OpenID Connect provider for the tests: no network. `responses` answers the library's
requests to the token and JWKS endpoints; ID tokens are signed with an RSA key made here.

    provider.sign_in(client, subject="alice-at-the-force")   # the whole round trip
    provider.sign_in(client, claims={"aud": "someone-else"})  # an ID token that lies
"""

import base64
import hashlib
import importlib
import json
import secrets
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from typing import Any
from urllib.parse import parse_qs, urlencode, urlparse

import jwt
import requests
import responses
from cryptography.hazmat.primitives.asymmetric import rsa
from django.urls import clear_url_caches

ISSUER = "https://login.force.example"
CLIENT_ID = "hatecrime-staff"
CLIENT_SECRET = "client-secret-for-the-tests-0123456789"
AUTHORIZE = f"{ISSUER}/authorize"
TOKEN = f"{ISSUER}/token"
JWKS = f"{ISSUER}/jwks"
KEY_ID = "force-key-1"
PROVIDER_NAME = "Met Police account"

SETTINGS = {
    "HATECRIME_OIDC_ENABLED": True,
    "HATECRIME_OIDC_ISSUER": ISSUER,
    "HATECRIME_OIDC_PROVIDER_NAME": PROVIDER_NAME,
    "OIDC_RP_CLIENT_ID": CLIENT_ID,
    "OIDC_RP_CLIENT_SECRET": CLIENT_SECRET,
    "OIDC_OP_AUTHORIZATION_ENDPOINT": AUTHORIZE,
    "OIDC_OP_TOKEN_ENDPOINT": TOKEN,
    "OIDC_OP_JWKS_ENDPOINT": JWKS,
    "AUTHENTICATION_BACKENDS": [
        "hatecrime.accounts.backends.StaffBackend",
        "hatecrime.accounts.oidc.StaffOIDCBackend",
    ],
}


@cache
def rsa_key(name: str = "force") -> rsa.RSAPrivateKey:
    """One key per name for the whole run (making one takes a moment)."""
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def reload_urls() -> None:
    """The OpenID Connect addresses exist only when it is on: read the URLconf again."""
    import hatecrime.accounts.urls
    import hatecrime.urls

    importlib.reload(hatecrime.accounts.urls)
    importlib.reload(hatecrime.urls)
    clear_url_caches()


@contextmanager
def switched_on(settings: Any) -> Iterator[None]:
    """Sign-in through the provider on (pytest-django's `settings`), off again after."""
    for name, value in SETTINGS.items():
        setattr(settings, name, value)
    reload_urls()
    try:
        yield
    finally:
        settings.HATECRIME_OIDC_ENABLED = False
        reload_urls()


def _challenge(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


@dataclass
class FakeIdentityProvider:
    mock: responses.RequestsMock
    # code -> what the authorisation request asked for and what the ID token will say
    codes: dict[str, dict[str, Any]] = field(default_factory=dict)
    token_requests: list[dict[str, list[str]]] = field(default_factory=list)
    signing_key: rsa.RSAPrivateKey = field(default_factory=rsa_key)
    header: dict[str, str] = field(default_factory=lambda: {"kid": KEY_ID})

    def start(self) -> None:
        self.mock.add(responses.GET, JWKS, json=self.keys())
        self.mock.add_callback(responses.POST, TOKEN, callback=self._token)

    def keys(self, *, with_alg: bool = True) -> dict[str, Any]:
        """The published JWKS; some providers leave out each key's `alg`."""
        public = jwt.algorithms.RSAAlgorithm.to_jwk(rsa_key().public_key(), as_dict=True)
        key = {**public, "kid": KEY_ID, "use": "sig", **({"alg": "RS256"} if with_alg else {})}
        return {"keys": [key]}

    def begin(self, client: Any, next_page: str = "/staff/") -> dict[str, str]:
        """The browser follows "Sign in with...": what the provider was asked."""
        response = client.get(f"/staff/sign-in/oidc/?{urlencode({'next': next_page})}")
        assert response.status_code == 302, response.status_code
        location = urlparse(response["Location"])
        assert f"{location.scheme}://{location.netloc}{location.path}" == AUTHORIZE
        return {name: values[0] for name, values in parse_qs(location.query).items()}

    def sign_in(
        self,
        client: Any,
        subject: str = "alice-at-the-force",
        *,
        claims: dict[str, Any] | None = None,
        next_page: str = "/staff/",
    ) -> Any:
        """The whole round trip; returns the answer to the browser's way back."""
        asked = self.begin(client, next_page)
        code = self.issue_code(asked, subject, claims)
        return client.get("/staff/sign-in/oidc/callback/", {"code": code, "state": asked["state"]})

    def issue_code(
        self, asked: dict[str, str], subject: str, claims: dict[str, Any] | None = None
    ) -> str:
        """The person signed in at the provider: a code for the way back."""
        now = int(time.time())
        token_claims = {
            "iss": ISSUER,
            "aud": CLIENT_ID,
            "sub": subject,
            "nonce": asked.get("nonce"),
            "iat": now,
            "exp": now + 300,
            "amr": ["pwd"],
            **(claims or {}),
        }
        code = secrets.token_urlsafe(16)
        self.codes[code] = {"asked": asked, "claims": token_claims}
        return code

    def id_token(self, claims: dict[str, Any]) -> str:
        payload = {name: value for name, value in claims.items() if value is not None}
        return jwt.encode(payload, self.signing_key, algorithm="RS256", headers=self.header)

    def _token(self, request: requests.PreparedRequest) -> tuple[int, dict[str, str], str]:
        form = parse_qs(str(request.body))
        self.token_requests.append(form)
        pending = self.codes.pop(form.get("code", [""])[0], None)
        asked = pending["asked"] if pending else {}
        valid = (
            pending is not None
            and form.get("client_id") == [CLIENT_ID]
            and form.get("client_secret") == [CLIENT_SECRET]
            and form.get("grant_type") == ["authorization_code"]
            and form.get("redirect_uri") == [asked["redirect_uri"]]
            and _challenge(form.get("code_verifier", [""])[0]) == asked["code_challenge"]
        )
        if not valid or pending is None:
            return 400, {}, '{"error": "invalid_grant"}'
        body = {
            "id_token": self.id_token(pending["claims"]),
            "access_token": secrets.token_urlsafe(16),
            "token_type": "Bearer",
            "expires_in": 300,
        }
        return 200, {"Content-Type": "application/json"}, json.dumps(body)
