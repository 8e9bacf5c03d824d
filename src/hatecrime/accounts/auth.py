"""Sign-in security: lockout after repeated failures, accounts disabled after long idleness.

Lockout is counted per username and per client address, both stored only as blind hashes. The
message shown never says whether the username exists.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import authenticate
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from hatecrime.accounts.models import SignInFailure, SignInLockout, User
from hatecrime.audit.actions import record_event
from hatecrime.core.crypto import blind_index

MAX_FAILURES = settings.SIGN_IN_MAX_FAILURES
FAILURE_WINDOW = timedelta(minutes=settings.SIGN_IN_FAILURE_WINDOW_MINUTES)
LOCKOUT_LENGTH = timedelta(minutes=settings.SIGN_IN_LOCKOUT_MINUTES)
ACCOUNT_IDLE_LIMIT = timedelta(days=settings.ACCOUNT_IDLE_DAYS)


class SignInRefused(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason  # "locked", "invalid" or "idle"


@dataclass(frozen=True)
class _Keys:
    username: str
    address: str


def client_address(request: HttpRequest) -> str:
    # REMOTE_ADDR only: X-Forwarded-For is client-controlled unless a trusted proxy sets it,
    # and the production proxy is expected to set REMOTE_ADDR correctly.
    return str(request.META.get("REMOTE_ADDR", ""))


def _keys(username: str, address: str) -> _Keys:
    return _Keys(
        username=blind_index(username, purpose="sign-in-username"),
        address=blind_index(address or "-", purpose="sign-in-address"),
    )


def is_locked(keys: _Keys) -> bool:
    return SignInLockout.objects.filter(
        key__in=[keys.username, keys.address], locked_until__gt=timezone.now()
    ).exists()


@transaction.atomic
def _record_failure(keys: _Keys) -> None:
    now = timezone.now()
    for scope, key in (("username", keys.username), ("address", keys.address)):
        SignInFailure.objects.create(key=key, occurred_at=now)
        recent = SignInFailure.objects.filter(key=key, occurred_at__gt=now - FAILURE_WINDOW)
        if recent.count() >= MAX_FAILURES:
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


def check_sign_in(request: HttpRequest, username: str, password: str) -> User:
    """The user who may sign in with these credentials, or SignInRefused."""
    keys = _keys(username, client_address(request))
    if is_locked(keys):
        raise SignInRefused("locked")
    user = authenticate(request, username=username, password=password)
    if user is None:
        _record_failure(keys)
        raise SignInRefused("locked" if is_locked(keys) else "invalid")
    assert isinstance(user, User)
    if _idle_too_long(user):
        _disable_idle_account(user)
        raise SignInRefused("idle")
    SignInFailure.objects.filter(key=keys.username).delete()
    if user.must_change_password:
        # A temporary (or first) password works once: it signs in only to choose a new one.
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user
