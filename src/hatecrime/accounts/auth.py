"""Sign-in security: lockouts that cannot be turned against other staff, accounts disabled
after long idleness.

Failures are counted per account and per client address (read through the trusted-proxy
setting by `core.network.client_address`), both stored only as blind hashes:
- an account locks after SIGN_IN_MAX_FAILURES in the window: that account only;
- an address locks after SIGN_IN_ADDRESS_MAX_FAILURES (a whole station may sit behind one
  proxy, so more): it refuses only usernames that have never signed in from there, and slows
  the others (ADR 0500).
The messages never say whether the username exists.
"""

import time
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import authenticate
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from hatecrime.accounts.models import (
    KnownSignInAddress,
    Role,
    SignInFailure,
    SignInLockout,
    User,
)
from hatecrime.audit.actions import record_event
from hatecrime.core.crypto import blind_index
from hatecrime.core.network import client_address

FAILURE_WINDOW = timedelta(minutes=settings.SIGN_IN_FAILURE_WINDOW_MINUTES)
LOCKOUT_LENGTH = timedelta(minutes=settings.SIGN_IN_LOCKOUT_MINUTES)
ACCOUNT_IDLE_LIMIT = timedelta(days=settings.ACCOUNT_IDLE_DAYS)


class SignInRefused(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason  # "locked", "address_locked", "invalid" or "idle"


@dataclass(frozen=True)
class SignInKeys:
    username: str
    address: str


def sign_in_keys(request: HttpRequest, username: str) -> SignInKeys:
    return SignInKeys(
        username=blind_index(username, purpose="sign-in-username"),
        address=address_key(request),
    )


def address_key(request: HttpRequest) -> str:
    return blind_index(client_address(request.META) or "-", purpose="sign-in-address")


def is_locked(key: str) -> bool:
    return SignInLockout.objects.filter(key=key, locked_until__gt=timezone.now()).exists()


def _limits() -> dict[str, int]:
    return {
        "username": settings.SIGN_IN_MAX_FAILURES,
        "address": settings.SIGN_IN_ADDRESS_MAX_FAILURES,
    }


@transaction.atomic
def _record_failure(keys: SignInKeys, scopes: tuple[str, ...] = ("username", "address")) -> None:
    now = timezone.now()
    for scope in scopes:
        key = getattr(keys, scope)
        SignInFailure.objects.create(key=key, occurred_at=now)
        recent = SignInFailure.objects.filter(key=key, occurred_at__gt=now - FAILURE_WINDOW)
        if recent.count() >= _limits()[scope]:
            SignInLockout.objects.update_or_create(
                key=key, defaults={"scope": scope, "locked_until": now + LOCKOUT_LENGTH}
            )
            SignInFailure.objects.filter(key=key).delete()
            record_event(
                "alter",
                actor="system",
                object_type="sign_in_lockout",
                object_id=key[:16],
                detail={"scope": scope, "minutes": int(LOCKOUT_LENGTH.total_seconds() // 60)},
            )
    # Old failures are of no further use.
    SignInFailure.objects.filter(occurred_at__lt=now - FAILURE_WINDOW).delete()


def record_address_failure(keys: SignInKeys) -> None:
    """A wrong second factor on the unlock page: it counts against the address only."""
    _record_failure(keys, scopes=("address",))


def _signed_in_here_before(username: str, keys: SignInKeys) -> bool:
    return KnownSignInAddress.objects.filter(
        user__username=username, address_key=keys.address
    ).exists()


def _idle_too_long(user: User) -> bool:
    last = user.last_login or user.date_joined
    return timezone.now() - last > ACCOUNT_IDLE_LIMIT


@transaction.atomic
def _disable_idle_account(user: User) -> None:
    user.is_active = False
    user.save(update_fields=["is_active"])
    record_event(
        "alter",
        actor="system",
        object_type="user",
        object_id=str(user.pk),
        fields=["is_active"],
        detail={"reason": "idle_account"},
    )


def disable_if_idle(user: User) -> bool:
    """The idle-account rule for any way in (sign-in, an API token): an account unused for
    ACCOUNT_IDLE_DAYS is disabled now. True when it was."""
    if not _idle_too_long(user):
        return False
    _disable_idle_account(user)
    return True


def check_address(username: str, keys: SignInKeys) -> None:
    """Refuse at a locked address a username never signed in from there; slow the others.
    Checked before any password or code, so a locked address learns nothing about them."""
    if is_locked(keys.address):
        if not _signed_in_here_before(username, keys):
            raise SignInRefused("address_locked")
        time.sleep(settings.SIGN_IN_ADDRESS_LOCK_DELAY_SECONDS)


def may_sign_in_with_password(user: Any) -> bool:
    """With HATECRIME_PASSWORD_SIGN_IN=administrators, staff sign in through the identity
    provider and only administrators keep a password, for when it is down (ADR 0503)."""
    if settings.HATECRIME_PASSWORD_SIGN_IN == "everyone":
        return True
    return getattr(user, "role", None) == Role.ADMINISTRATOR


def check_sign_in(request: HttpRequest, username: str, password: str) -> User:
    """The user who may sign in with these credentials, or SignInRefused."""
    keys = sign_in_keys(request, username)
    if is_locked(keys.username):
        raise SignInRefused("locked")
    check_address(username, keys)
    user = authenticate(request, username=username, password=password)
    if user is not None and not may_sign_in_with_password(user):
        # Refused exactly like a wrong password: the answer says nothing about the password.
        user = None
    if user is None:
        _record_failure(keys)
        raise SignInRefused("locked" if is_locked(keys.username) else "invalid")
    assert isinstance(user, User)
    if disable_if_idle(user):
        raise SignInRefused("idle")
    SignInFailure.objects.filter(key=keys.username).delete()
    if user.must_change_password:
        # A temporary (or first) password works once: it signs in only to choose a new one.
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def remember_sign_in_address(request: HttpRequest, user: User) -> None:
    """Called once sign-in is complete (second factor given): this address knows this account."""
    KnownSignInAddress.objects.update_or_create(
        user=user, address_key=address_key(request), defaults={"last_signed_in_at": timezone.now()}
    )
