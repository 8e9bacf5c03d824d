"""Staff sessions end after `SESSION_IDLE_TIMEOUT` seconds without a request and after
`SESSION_COOKIE_AGE` seconds (12 hours) in all, whatever the activity."""

import time
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _lazy

from hatecrime.accounts.second_factor import has_second_factor, is_verified

SIGNED_IN_AT = "staff_signed_in_at"
LAST_SEEN_AT = "staff_last_seen_at"
# "password", or OPENID_CONNECT for a sign-in through the force's identity provider (ADR 0503).
SIGNED_IN_WITH = "staff_signed_in_with"
OPENID_CONNECT = "openid_connect"
IDLE_MESSAGE = _lazy(
    "You were signed out after %(minutes)s minutes without activity. Sign in again."
)
LIMIT_MESSAGE = _lazy(
    "You were signed out because your session reached its time limit. Sign in again."
)


def start_staff_session(request: HttpRequest, method: str = "password") -> None:
    now = time.time()
    request.session[SIGNED_IN_AT] = now
    request.session[LAST_SEEN_AT] = now
    request.session[SIGNED_IN_WITH] = method


class StaffSessionMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = time.time()
            if SIGNED_IN_AT not in request.session:
                # A session started by `login()` outside the sign-in page (tests, a future
                # single sign-on): its clocks start now. Sessions are server-side, so a client
                # cannot remove these keys to escape the limits.
                start_staff_session(request)
            started = request.session[SIGNED_IN_AT]
            last_seen = request.session[LAST_SEEN_AT]
            idle = now - last_seen > settings.SESSION_IDLE_TIMEOUT
            expired = now - started > settings.SESSION_COOKIE_AGE
            if idle or expired:
                logout(request)
                if request.path.startswith("/api/"):
                    return self.get_response(request)
                if idle:
                    message = IDLE_MESSAGE % {"minutes": settings.SESSION_IDLE_TIMEOUT // 60}
                else:
                    message = str(LIMIT_MESSAGE)
                messages.info(request, message)
                query = urlencode({"next": request.get_full_path()})
                return HttpResponseRedirect(f"{reverse('accounts:sign-in')}?{query}")
            request.session[LAST_SEEN_AT] = now
        return self.get_response(request)


# Pages a signed-in member of staff may open before finishing sign-in (a new password, then
# the second factor). Everything else under /staff/ and /api/ waits.
OPEN_BEFORE_SIGN_IN_DONE = ("/staff/sign-in/", "/staff/sign-out/", "/static/")
SECOND_FACTOR_PAGES = ("/staff/enrol/", "/staff/verify/")


class StaffGateMiddleware:
    """Someone signed in with only a password sees nothing else: with a temporary password,
    every staff page redirects to choosing their own; then, until they give their second factor
    (or enrol one), to /staff/verify/ (or /staff/enrol/). Session requests to the API get 403.
    After django_otp's OTPMiddleware, which marks the verified session. A sign-in through the
    identity provider passes the same gate (its multi-factor counts only when trusted)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        path = request.path
        if (
            user is None
            or not user.is_authenticated
            or not path.startswith(("/staff/", "/api/"))
            or path.startswith(OPEN_BEFORE_SIGN_IN_DONE)
        ):
            return self.get_response(request)
        # A temporary password is replaced at a password sign-in; one through the identity
        # provider never used it (where only administrators have passwords, it would be useless).
        if (
            getattr(user, "must_change_password", False)
            and request.session.get(SIGNED_IN_WITH) != OPENID_CONNECT
        ):
            if path.startswith("/staff/password/"):
                return self.get_response(request)
            return self._refuse(request, "/staff/password/")
        if is_verified(request) or path.startswith(SECOND_FACTOR_PAGES):
            return self.get_response(request)
        target = "/staff/verify/" if has_second_factor(user) else "/staff/enrol/"
        return self._refuse(request, f"{target}?{urlencode({'next': request.get_full_path()})}")

    @staticmethod
    def _refuse(request: HttpRequest, page: str) -> HttpResponse:
        if request.path.startswith("/api/"):
            return JsonResponse(
                {"detail": str(_lazy("Finish signing in (password and second factor) first."))},
                status=403,
            )
        return HttpResponseRedirect(page)
