"""The staff second factor, on django-otp (ADR 0501): an authenticator app (TOTP), security
keys and passkeys (WebAuthn, ADR 0502, in `security_keys`) and ten one-time recovery codes (a
static device). No cryptography of our own.

A session is *verified* once a code has been given after the password (django-otp keeps the
device in the session); *stepped up* while that was within HATECRIME_STEP_UP_MINUTES.
"""

import secrets
import time
from base64 import b32encode
from typing import Any

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp import devices_for_user, verify_token
from django_otp import login as otp_login
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from hatecrime.accounts.models import ApiToken, SignInLockout, User
from hatecrime.accounts.security_keys import has_security_key
from hatecrime.audit.actions import record_event

VERIFIED_AT_SESSION_KEY = "second_factor_verified_at"
# Set at a sign-in through the identity provider whose multi-factor we trust (ADR 0503).
PROVIDER_SECOND_FACTOR_SESSION_KEY = "second_factor_by_identity_provider"
RECOVERY_CODE_COUNT = 10
APP_DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"


def has_app(user: Any) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def has_second_factor(user: Any) -> bool:
    """An authenticator app or a security key (either alone will do)."""
    return has_app(user) or has_security_key(user)


def has_recovery_codes(user: User) -> bool:
    """Whether recovery codes were ever given (all may be used up)."""
    return StaticDevice.objects.filter(user=user).exists()


def recovery_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user).count()


def is_verified(request: HttpRequest) -> bool:
    """The second factor was given: a code of ours (django-otp), or, when we trust it, the
    identity provider's own multi-factor sign-in (ADR 0503; never enough for step-up)."""
    user = request.user
    if getattr(user, "is_verified", lambda: False)():
        return True
    session = getattr(request, "session", {})
    return bool(user.is_authenticated and session.get(PROVIDER_SECOND_FACTOR_SESSION_KEY))


def stepped_up(request: HttpRequest) -> bool:
    verified_at = request.session.get(VERIFIED_AT_SESSION_KEY)
    window = settings.HATECRIME_STEP_UP_MINUTES * 60
    return is_verified(request) and verified_at is not None and time.time() - verified_at <= window


def enrolment_device(user: User) -> TOTPDevice:
    """The unconfirmed authenticator-app device being enrolled (the same one on every visit of
    the page, so a reload does not change the secret being scanned)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)


def secret_text(device: TOTPDevice) -> str:
    """The secret in base32 (what apps accept when typed), in groups of four."""
    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[index : index + 4] for index in range(0, len(secret), 4))


def qr_code_svg(device: TOTPDevice) -> str:
    """The otpauth:// link as an inline SVG, drawn here: the secret never leaves the server."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    return str(image.to_string(encoding="unicode"))


def _new_recovery_codes(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    codes = [
        "".join(secrets.choice(alphabet) for _ in range(10)) for _ in range(RECOVERY_CODE_COUNT)
    ]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def do_confirm_enrolment(*, user: User, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm the app with a code it shows; returns the new recovery codes (shown once), or
    None when the code is wrong."""
    if device.user_id != user.pk or not device.verify_token(_normalise(code)):
        return None
    device.confirmed = True
    device.save()
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    codes = _new_recovery_codes(user)
    record_event(
        "collect",
        actor=user,
        object_type="second_factor",
        object_id=str(user.pk),
        fields=["authenticator_app", "recovery_codes"],
    )
    return codes


@transaction.atomic
def do_replace_recovery_codes(*, user: User) -> list[str]:
    codes = _new_recovery_codes(user)
    record_event(
        "alter",
        actor=user,
        object_type="second_factor",
        object_id=str(user.pk),
        fields=["recovery_codes"],
    )
    return codes


def _normalise(code: str) -> str:
    return code.replace(" ", "").replace("-", "").lower()


def _devices_for(user: User, code: str) -> list[Device]:
    """An app's code is 6 digits, a recovery code 10 letters and digits: each is tried only
    against its kind, so a recovery code never counts as a wrong app code (and the reverse)."""
    model = TOTPDevice if _normalise(code).isdigit() else StaticDevice
    return list(model.objects.filter(user=user, confirmed=True))


def check_code(user: User, code: str) -> Device | None:
    """The device that accepts this code: the app's current code or an unused recovery code
    (which is then used up). django-otp throttles each device after failures."""
    for device in _devices_for(user, code):
        verified = verify_token(user, device.persistent_id, _normalise(code))
        if verified is not None:
            return verified
    return None


def wrong_code_message(user: User, code: str) -> str:
    """Call before checking a code. After a wrong code django-otp makes the device wait (1 s,
    2 s, 4 s... doubling) and refuses even a right code meanwhile: say so, rather than call
    that code wrong."""
    devices = _devices_for(user, code) or list(TOTPDevice.objects.filter(user=user))
    if any(not device.verify_is_allowed()[0] for device in devices):
        return str(_("Too many wrong codes. Wait a minute, then enter the code the app shows now"))
    if not has_app(user):
        return str(_("The code is not right. Enter one of your recovery codes"))
    return str(_("The code is not right. Enter the code your authenticator app shows now"))


def mark_verified(request: HttpRequest, device: Device) -> None:
    otp_login(request, device)
    request.session[VERIFIED_AT_SESSION_KEY] = time.time()


@transaction.atomic
def do_reset_second_factor(*, actor: User, user: User) -> None:
    """An administrator removes a member's app, security keys and recovery codes: at their next
    request they must enrol again. Their API token goes too (it was issued against that
    factor)."""
    for device in devices_for_user(user, confirmed=None):
        device.delete()
    ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())
    record_event(
        "erase",
        actor=actor,
        object_type="second_factor",
        object_id=str(user.pk),
        fields=["authenticator_app", "security_keys", "recovery_codes", "api_token"],
    )


@transaction.atomic
def do_unlock_with_second_factor(*, user: User, device: Device, username_key: str) -> bool:
    """The owner of a locked account proves it with their second factor: the lock goes (they
    still need their password to sign in)."""
    removed, _ = SignInLockout.objects.filter(key=username_key, scope="username").delete()
    if removed:
        record_event(
            "alter",
            actor=user,
            object_type="sign_in_lockout",
            object_id=username_key[:16],
            detail={"scope": "username", "unlocked_with": device.persistent_id.split("/")[0]},
        )
    return bool(removed)
