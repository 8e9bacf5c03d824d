"""The way back from the force's identity provider (ADR 0503): mozilla-django-oidc's callback
checks the state, exchanges the code (with the PKCE verifier) and verifies the ID token; here
the member of staff is signed in as at the password page, or refused on a GOV.UK page."""

import logging
from typing import Any

from django.conf import settings
from django.contrib.auth import login
from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from jwt import PyJWTError
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView
from requests import RequestException

from hatecrime.accounts.auth import remember_sign_in_address
from hatecrime.accounts.middleware import OPENID_CONNECT, start_staff_session
from hatecrime.accounts.oidc import (
    CLAIMS_ATTRIBUTE,
    SignInWithProviderRefused,
    do_record_refused_sign_in,
    oauth_error_code,
    provider_gave_second_factor,
)
from hatecrime.accounts.second_factor import PROVIDER_SECOND_FACTOR_SESSION_KEY
from hatecrime.accounts.views import safe_staff_url

log = logging.getLogger(__name__)

# The session is bound to the password path's backend, so it ends as theirs does (an account
# disabled meanwhile is signed out at its next request; reporting centres never get one).
STAFF_BACKEND = "hatecrime.accounts.backends.StaffBackend"
FAILURES = (SuspiciousOperation, RequestException, PyJWTError, LookupError, ValueError)


def _messages() -> dict[str, str]:
    provider = settings.HATECRIME_OIDC_PROVIDER_NAME
    return {
        "not_linked": _(
            "The account you signed in with is not linked to an account on this service. Ask "
            "an administrator to link it, giving them the reference below."
        ),
        "disabled": _(
            "Your account on this service is disabled. Ask an administrator to enable it."
        ),
        "idle": _(
            "Your account has been disabled because it was not used for 90 days. "
            "Ask an administrator to enable it."
        ),
        "failed": _(
            "Signing in with %(provider)s did not work. Try again. If it keeps happening, "
            "contact the service desk."
        )
        % {"provider": provider},
    }


def refused(request: HttpRequest, reason: str, subject: str = "") -> HttpResponse:
    reference = subject if reason == "not_linked" else ""
    context = {"message": _messages()[reason], "reference": reference}
    return render(request, "accounts/oidc_refused.html", context, status=403)


class StaffCallbackView(OIDCAuthenticationCallbackView):
    def get(self, request: HttpRequest) -> HttpResponse:
        # Only a way back from a sign-in this browser started is audited: anyone can send the
        # others, at no cost, and they prove nothing.
        started = request.session.get("oidc_states") or {}
        self.started_here = request.GET.get("state", "") in started
        try:
            response: HttpResponse = super().get(request)
        except SignInWithProviderRefused as refusal:
            do_record_refused_sign_in(
                reason=refusal.reason, user=refusal.user, subject=refusal.subject
            )
            return refused(request, refusal.reason, refusal.subject)
        except FAILURES as error:
            # A bad signature, issuer, audience, nonce or expiry; an unknown state; a token that
            # is not a JWT; a provider that refused the code or did not answer. No detail for
            # the browser, and only the exception's name from anything but the library's checks
            # (a provider's error response may hold anything).
            problem = str(error) if isinstance(error, SuspiciousOperation) else type(error).__name__
            return self._failed(problem[:80])
        return response

    def login_failure(self) -> HttpResponse:
        """The provider sent an error (the person cancelled, or its own rules refused them), or
        the browser came back without the sign-in it started (no state in its session)."""
        error = self.request.GET.get("error", "")
        if error:
            return self._failed(f"provider: {oauth_error_code(error)}")
        return self._failed("no sign-in started")

    def _failed(self, problem: str) -> HttpResponse:
        log.warning("OpenID Connect sign-in refused: %s", problem)
        if self.started_here:
            do_record_refused_sign_in(reason="failed", problem=problem)
        return refused(self.request, "failed")

    def login_success(self) -> HttpResponse:
        request = self.request
        user = self.user
        claims: dict[str, Any] = getattr(request, CLAIMS_ATTRIBUTE)
        login(request, user, backend=STAFF_BACKEND)
        start_staff_session(request, method=OPENID_CONNECT)
        given = provider_gave_second_factor(claims)
        request.session[PROVIDER_SECOND_FACTOR_SESSION_KEY] = given
        next_page = safe_staff_url(request, request.session.pop("oidc_login_next", None) or "")
        if given:
            remember_sign_in_address(request, user)
            return HttpResponseRedirect(next_page)
        # Our own second factor next: the verify page sends anyone without one to enrol.
        return HttpResponseRedirect(f"/staff/verify/?{urlencode({'next': next_page})}")
