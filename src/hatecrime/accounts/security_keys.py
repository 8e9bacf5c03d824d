"""Security keys and passkeys as a staff second factor (ADR 0502), beside the authenticator app.

django-otp-webauthn holds each key as a django-otp device (`WebAuthnCredential`) and checks
the ceremonies with py_webauthn; no cryptography of our own. Here: which keys a member has,
and the audited writes (register, name, remove).
"""

from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django_otp_webauthn.helpers import WebAuthnHelper
from django_otp_webauthn.models import WebAuthnCredential

from hatecrime.accounts.models import User
from hatecrime.audit.actions import record_event

DEFAULT_KEY_NAME = "Security key"
# The unlock ceremony's challenge, kept in the session between "begin" and "complete" (the
# library's views keep those of registration and verification under their own keys).
UNLOCK_STATE = "security_key_unlock_state"


def security_keys_of(user: Any) -> QuerySet[WebAuthnCredential]:
    return WebAuthnCredential.objects.filter(user=user, confirmed=True).order_by("created_at")


def has_security_key(user: Any) -> bool:
    return security_keys_of(user).exists()


def access_security_key(user: User, key_id: int) -> WebAuthnCredential:
    """One of the member's own keys; anyone else's is as if it did not exist."""
    key = security_keys_of(user).filter(pk=key_id).first()
    if key is None:
        raise Http404
    return key


def _unused_name(user: User) -> str:
    names = set(security_keys_of(user).values_list("name", flat=True))
    number = 1
    while (name := DEFAULT_KEY_NAME if number == 1 else f"{DEFAULT_KEY_NAME} {number}") in names:
        number += 1
    return name


def _event(kind: str, user: User, key: WebAuthnCredential) -> None:
    # The key's number only: its name is the member's own words.
    record_event(
        kind,
        actor=user,
        object_type="second_factor",
        object_id=str(user.pk),
        fields=["security_key"],
        detail={"security_key": key.pk},
    )


@transaction.atomic
def do_register_security_key(
    *, user: User, helper: WebAuthnHelper, state: dict[str, Any], response: dict[str, Any]
) -> WebAuthnCredential:
    """Check the browser's answer to the registration challenge (py_webauthn, through the
    library's helper: signature, challenge, origin, relying party) and keep the new key."""
    key = helper.register_complete(user=user, state=state, data=response)
    key.name = _unused_name(user)
    key.save(update_fields=["name"])
    _event("collect", user, key)
    return key


@transaction.atomic
def do_rename_security_key(*, user: User, key: WebAuthnCredential, name: str) -> None:
    if key.name == name:
        return
    key.name = name
    key.save(update_fields=["name"])
    _event("alter", user, key)


class LastSecondFactor(Exception):
    """Removing this key would leave the member with no second factor."""


@transaction.atomic
def do_remove_security_key(*, user: User, key: WebAuthnCredential) -> None:
    # imported here: second_factor imports this module (has_security_key)
    from hatecrime.accounts.second_factor import has_app

    locked = User.objects.select_for_update().get(pk=user.pk)  # one removal at a time
    if not has_app(locked) and security_keys_of(locked).count() <= 1:
        raise LastSecondFactor
    _event("erase", user, key)
    key.delete()


def webauthn_helper(request: Any) -> WebAuthnHelper:
    helper: WebAuthnHelper = WebAuthnCredential.get_webauthn_helper(request=request)
    return helper
