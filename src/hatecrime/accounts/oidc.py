"""Staff sign-in through the force's OpenID Connect provider, on mozilla-django-oidc (ADR 0503).

The library runs the authorisation-code flow (state, nonce, PKCE) and checks the ID token's
RS256 signature against the provider's JWKS; here PyJWT also checks its issuer, audience and
expiry, and the signed-in person is matched to an existing active account by the subject an
administrator stored on it. No account is ever created here, and the password path's rules
(disabled, idle, reporting centres) refuse the same accounts.
"""

import re
from typing import Any

import jwt
from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.db import transaction
from django.http import HttpRequest
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from hatecrime.accounts.auth import disable_if_idle
from hatecrime.accounts.backends import StaffBackend
from hatecrime.accounts.models import User
from hatecrime.audit.actions import record_event
from hatecrime.core.crypto import blind_index

# The verified ID token's claims, left on the request for the callback view.
CLAIMS_ATTRIBUTE = "_identity_provider_claims"
# Clocks of the provider and of this service may differ by this much.
LEEWAY_SECONDS = 30
_OAUTH_ERROR_CODE = re.compile(r"[a-z_]{1,40}")


class SignInWithProviderRefused(Exception):
    """The provider signed someone in whom this service refuses. `reason`: "not_linked",
    "disabled" or "idle"; `subject` is theirs (shown to them, to pass to an administrator)."""

    def __init__(self, reason: str, *, subject: str, user: User | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.subject = subject
        self.user = user


class StaffOIDCBackend(OIDCAuthenticationBackend):
    def authenticate(self, request: HttpRequest | None, **credentials: Any) -> User | None:
        # Only the callback view's call (nonce and PKCE verifier from the session) reaches the
        # provider: a password sign-in, or a `code` in any other request, never does.
        if set(credentials) != {"nonce", "code_verifier"} or not credentials["nonce"]:
            return None
        user: User | None = super().authenticate(request, **credentials)
        return user

    def get_payload_data(self, token: bytes | str, key: Any) -> dict[str, Any]:
        """The library checks the signature only (and never allows `alg: none` unless told):
        the issuer, audience and expiry are checked here too, by PyJWT."""
        try:
            claims: dict[str, Any] = jwt.decode(
                token,
                key,
                algorithms=[self.OIDC_RP_SIGN_ALGO],
                audience=self.OIDC_RP_CLIENT_ID,
                issuer=settings.HATECRIME_OIDC_ISSUER,
                leeway=LEEWAY_SECONDS,
                options={"require": ["iss", "aud", "exp", "iat", "sub"]},
            )
        except jwt.PyJWTError as error:
            raise SuspiciousOperation(f"ID token refused: {type(error).__name__}") from error
        audiences = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
        if len(audiences) > 1 and claims.get("azp") != self.OIDC_RP_CLIENT_ID:
            raise SuspiciousOperation("ID token refused: issued to another party (azp)")
        return claims

    def get_userinfo(self, access_token: str, id_token: str, payload: dict[str, Any]) -> Any:
        """Who signed in comes from the signed ID token alone, not the userinfo endpoint."""
        return payload

    def get_or_create_user(self, access_token: str, id_token: str, payload: dict[str, Any]) -> User:
        setattr(self.request, CLAIMS_ATTRIBUTE, payload)
        return linked_account(payload)


def linked_account(claims: dict[str, Any]) -> User:
    """The active staff account linked to the person the provider signed in, or a refusal."""
    subject = str(claims.get(settings.HATECRIME_OIDC_SUBJECT_CLAIM) or "")
    user = User.objects.filter(oidc_subject=subject).first() if subject else None
    if user is None:
        raise SignInWithProviderRefused("not_linked", subject=subject)
    if not StaffBackend().user_can_authenticate(user):
        raise SignInWithProviderRefused("disabled", subject=subject, user=user)
    if disable_if_idle(user):
        raise SignInWithProviderRefused("idle", subject=subject, user=user)
    return user


def provider_gave_second_factor(claims: dict[str, Any]) -> bool:
    """The provider says it asked for more than a password, and we are told to trust it."""
    if not settings.HATECRIME_OIDC_TRUST_MFA:
        return False
    methods = claims.get("amr")
    methods = set(methods) if isinstance(methods, list) else set()
    if methods & set(settings.HATECRIME_OIDC_MFA_AMR):
        return True
    return claims.get("acr") in settings.HATECRIME_OIDC_MFA_ACR


def oauth_error_code(value: str) -> str:
    """The provider's `error` (access_denied...), when it looks like one: it is put in the
    audit, so never free text."""
    return value if _OAUTH_ERROR_CODE.fullmatch(value) else "other"


@transaction.atomic
def do_record_refused_sign_in(
    *, reason: str, user: User | None = None, subject: str = "", problem: str = ""
) -> None:
    """A sign-in through the provider that this service refused. The subject is kept only as
    a keyed hash (the person is told theirs, to give to an administrator)."""
    detail: dict[str, str] = {"method": "openid_connect", "refused": reason}
    if subject:
        detail["subject_key"] = blind_index(subject, purpose="oidc-subject")[:16]
    if problem:
        detail["problem"] = problem
    record_event(
        "collect",
        actor="system",
        object_type="sign_in",
        object_id=str(user.pk) if user is not None else "-",
        detail=detail,
    )
