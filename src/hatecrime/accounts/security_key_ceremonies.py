"""The JSON endpoints that django-otp-webauthn's scripts call to begin and complete a WebAuthn
ceremony (ADR 0502): registering a key, giving it after the password (or again for step-up),
and unlocking one's own locked account.

They are the library's views with our rules: a member who already has a second factor adds a
key only with a fresh one (step-up); giving a key marks the session as `mark_verified` does for
a code; a key never signs anyone in by itself; refusals are worded for staff and logged as one
line.
"""

import logging
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, JsonResponse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django_otp_webauthn import exceptions
from django_otp_webauthn.models import WebAuthnCredential
from django_otp_webauthn.utils import rewrite_exceptions
from django_otp_webauthn.views import (
    BaseWebAuthnView,
    BeginCredentialAuthenticationView,
    BeginCredentialRegistrationView,
    CompleteCredentialAuthenticationView,
    CompleteCredentialRegistrationView,
)

from hatecrime.accounts.auth import (
    SignInKeys,
    SignInRefused,
    address_key,
    check_address,
    record_address_failure,
    remember_sign_in_address,
    sign_in_keys,
)
from hatecrime.accounts.decorators import staff_user
from hatecrime.accounts.second_factor import (
    do_unlock_with_second_factor,
    has_second_factor,
    is_verified,
    mark_verified,
    stepped_up,
)
from hatecrime.accounts.security_keys import UNLOCK_STATE, do_register_security_key, webauthn_helper
from hatecrime.accounts.views import REFUSAL_MESSAGES, next_url

logger = logging.getLogger(__name__)

KEY_NOT_ACCEPTED = _lazy(
    "That security key was not accepted. Try again, or use your authenticator app or a "
    "recovery code."
)
MESSAGES = {
    "invalid_state": _lazy("The security key took too long to answer. Try again."),
    "step_up_needed": _lazy("Confirm it is you again before you add a security key."),
    "user_not_verified": _lazy("Confirm it is you before you add a security key."),
    "not_authenticated": _lazy("Sign in with your password first."),
}


def browser_answer(request: HttpRequest) -> Any:
    """The JSON body, as the library's view parsed it."""
    return request.data  # type: ignore[attr-defined]  # set by BaseWebAuthnView.dispatch


class StepUpNeeded(exceptions.OTPWebAuthnApiError):
    status_code = 403
    default_code = "step_up_needed"


class StaffWording:
    """The library's errors as JSON, in our words (its scripts show `detail` to the member)."""

    def handle_exception(self, exc: Exception) -> JsonResponse:
        if not isinstance(exc, exceptions.OTPWebAuthnApiError):
            raise exc
        logger.warning("security key ceremony refused: %s", exc.code)
        detail = exc.detail if exc.code == "address_locked" else MESSAGES.get(exc.code)
        body = {"detail": str(detail or KEY_NOT_ACCEPTED), "code": exc.code}
        return JsonResponse(body, status=exc.status_code)


class StaffOnly:
    """Verification after the password: only for someone signed in with it."""

    request: HttpRequest

    def check_can_authenticate(self) -> None:
        if not self.request.user.is_authenticated:
            raise exceptions.NotAuthenticated()


class FreshFactorToAddAKey:
    """A first key needs only the password (it is enrolment, like a first app); another key
    needs a second factor given in the last HATECRIME_STEP_UP_MINUTES. (The library already
    refuses a member with a factor whose session is not verified.)"""

    request: HttpRequest

    def check_can_register(self) -> None:
        if has_second_factor(self.request.user) and not stepped_up(self.request):
            raise StepUpNeeded()


class BeginKeyRegistration(StaffWording, FreshFactorToAddAKey, BeginCredentialRegistrationView):
    pass


class CompleteKeyRegistration(
    StaffWording, FreshFactorToAddAKey, CompleteCredentialRegistrationView
):
    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
        user = staff_user(request)
        state = self.get_state()
        with rewrite_exceptions(logger=None):
            key = do_register_security_key(
                user=user, helper=self.get_helper(), state=state, response=browser_answer(request)
            )
        if not is_verified(request):
            # A first factor: as after a first app's code, the session is verified.
            mark_verified(request, key)
            remember_sign_in_address(request, user)
        query = urlencode({"next": next_url(request)})
        return JsonResponse(
            {"id": key.pk, "redirect_url": f"/staff/account/security-keys/{key.pk}/?{query}"}
        )


class BeginKeyVerification(StaffWording, StaffOnly, BeginCredentialAuthenticationView):
    pass


class CompleteKeyVerification(StaffWording, StaffOnly, CompleteCredentialAuthenticationView):
    def complete_auth(self, device: WebAuthnCredential) -> None:
        mark_verified(self.request, device)
        remember_sign_in_address(self.request, staff_user(self.request))

    def get_success_url(self) -> str:
        return next_url(self.request)


class AddressLocked(exceptions.OTPWebAuthnApiError):
    status_code = 403
    default_code = "address_locked"


class BeginKeyUnlock(StaffWording, BaseWebAuthnView):
    """No username is asked: the key names its owner (a discoverable credential, or passkey),
    and user verification (its PIN or fingerprint) is required."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
        options, state = webauthn_helper(request).authenticate_begin(
            user=None, require_user_verification=True
        )
        request.session[UNLOCK_STATE] = state
        return JsonResponse(options)


class CompleteKeyUnlock(StaffWording, BaseWebAuthnView):
    """The owner of a locked account proves it with their key: the lock goes (no sign-in).
    A refused key counts against the address, as a wrong code on the unlock page does."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
        state = request.session.pop(UNLOCK_STATE, None)
        request.session.save()  # a challenge answers once, even if what follows fails
        if not state:
            raise exceptions.InvalidState()
        try:
            with rewrite_exceptions(logger=None):
                key = webauthn_helper(request).authenticate_complete(
                    user=None, state=state, data=browser_answer(request)
                )
            if not (key.confirmed and key.user.is_active):
                raise exceptions.CredentialDisabled()
        except exceptions.OTPWebAuthnApiError:
            record_address_failure(SignInKeys(username="", address=address_key(request)))
            raise
        keys = sign_in_keys(request, key.user.username)
        try:
            check_address(key.user.username, keys)
        except SignInRefused as refusal:
            raise AddressLocked(detail=REFUSAL_MESSAGES[refusal.reason]()) from None
        do_unlock_with_second_factor(user=key.user, device=key, username_key=keys.username)
        messages.success(request, _("Your account is not locked. Sign in."))
        return JsonResponse({"id": key.pk, "redirect_url": "/staff/sign-in/"})
