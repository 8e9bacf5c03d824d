"""API tokens of staff and reporting centres (docs/adr/0552-api-tokens.md).

A token is 32 random bytes shown once; the database keeps its SHA-256 digest (unkeyed: a
guess of 256 random bits is hopeless, and a key would tie every token to the blind-index key's
rotation). A token works until it expires (HATECRIME_STAFF_TOKEN_HOURS for staff,
HATECRIME_CENTRE_TOKEN_DAYS for centres), is revoked, or its account is disabled; a staff token
also ends after SESSION_IDLE_TIMEOUT without use, as a staff session does, and every use counts
as the account's activity for the idle-account rule (ACCOUNT_IDLE_DAYS).
"""

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.request import Request

from hatecrime.accounts.auth import disable_if_idle
from hatecrime.accounts.models import ApiToken, Role, User
from hatecrime.audit.actions import record_event

TOKEN_PREFIX = "hct_"
# `last_used_at` (and the account's `last_login`) are written at most this often per token,
# so that a centre sending hundreds of reports a minute does not write a row per report.
USE_RECORDED_EVERY = timedelta(seconds=60)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def token_lifetime(user: User) -> timedelta:
    if user.role == Role.REPORTING_CENTRE:
        return timedelta(days=settings.HATECRIME_CENTRE_TOKEN_DAYS)
    return timedelta(hours=settings.HATECRIME_STAFF_TOKEN_HOURS)


def idle_limit(user: User) -> timedelta | None:
    """How long a token may go unused: a staff session's idle time for staff; none for a
    centre, whose systems may send a report a month (its token still expires)."""
    if user.role == Role.REPORTING_CENTRE:
        return None
    return timedelta(seconds=settings.SESSION_IDLE_TIMEOUT)


@transaction.atomic
def do_issue_api_token(*, actor: User | str, user: User, replace: bool = False) -> str:
    """A new token for `user`, returned once and kept only as a digest. With `replace`, the
    user's other tokens are revoked in the same transaction."""
    if replace:
        _revoke(user, ApiToken.objects.filter(user=user))
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    now = timezone.now()
    ApiToken.objects.create(
        user=user,
        digest=token_digest(token),
        prefix=token[: len(TOKEN_PREFIX) + 4],
        created_at=now,
        expires_at=now + token_lifetime(user),
        last_used_at=now,
    )
    record_event(
        "collect",
        actor=actor,
        object_type="user",
        object_id=str(user.pk),
        fields=["api_token"],
        detail={"expires_in_hours": int(token_lifetime(user).total_seconds() // 3600)},
    )
    return token


def _revoke(user: User, tokens: Any) -> int:
    return int(tokens.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now()))


@transaction.atomic
def do_revoke_api_tokens(*, actor: User | str, user: User, token_id: int | None = None) -> int:
    """Revoke one of the user's tokens (or all of them): they stop working at once."""
    tokens = ApiToken.objects.filter(user=user)
    if token_id is not None:
        tokens = tokens.filter(pk=token_id)
    revoked = _revoke(user, tokens)
    if revoked:
        record_event(
            "alter",
            actor=actor,
            object_type="user",
            object_id=str(user.pk),
            fields=["api_token"],
            detail={"revoked": revoked},
        )
    return revoked


def live_tokens_of(user: User) -> list[ApiToken]:
    """The user's tokens that have not expired or been revoked (administrator page)."""
    return list(
        ApiToken.objects.filter(
            user=user, revoked_at__isnull=True, expires_at__gt=timezone.now()
        ).order_by("-created_at")
    )


class ApiTokenAuthentication(BaseAuthentication):
    """`Authorization: Token <token>` (or `Bearer <token>`)."""

    keywords = (b"token", b"bearer")

    def authenticate(self, request: Request) -> tuple[User, ApiToken] | None:
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() not in self.keywords:
            return None
        if len(parts) != 2:
            raise AuthenticationFailed("Invalid token header.")
        try:
            token = parts[1].decode()
        except UnicodeDecodeError:
            raise AuthenticationFailed("Invalid token.") from None
        return authenticate_token(token)

    def authenticate_header(self, request: Request) -> str:
        return "Token"


def authenticate_token(token: str) -> tuple[User, ApiToken]:
    found = (
        ApiToken.objects.select_related("user")
        .filter(digest=token_digest(token), revoked_at__isnull=True)
        .first()
    )
    if found is None:
        raise AuthenticationFailed("Invalid token.")
    user, now = found.user, timezone.now()
    if now >= found.expires_at:
        raise AuthenticationFailed("Token expired: ask for a new one.")
    if not user.is_active:
        raise AuthenticationFailed("User inactive or deleted.")
    if disable_if_idle(user):
        raise AuthenticationFailed("User inactive or deleted.")
    limit = idle_limit(user)
    if limit is not None and now - found.last_used_at > limit:
        _revoke(user, ApiToken.objects.filter(pk=found.pk))
        raise AuthenticationFailed("Token unused for too long: ask for a new one.")
    if now - found.last_used_at >= USE_RECORDED_EVERY:
        # Conditional, so that concurrent requests write it once.
        ApiToken.objects.filter(pk=found.pk, last_used_at=found.last_used_at).update(
            last_used_at=now
        )
        User.objects.filter(pk=user.pk).update(last_login=now)
    return user, found
