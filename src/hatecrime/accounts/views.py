"""Staff sign-in, sign-out and the home page that sends each role to its work."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hatecrime.accounts.actions import do_change_password
from hatecrime.accounts.auth import SignInRefused, check_sign_in
from hatecrime.accounts.decorators import staff_page, staff_user
from hatecrime.accounts.forms import ChangePasswordForm, NewPasswordForm, SignInForm
from hatecrime.accounts.middleware import start_staff_session
from hatecrime.accounts.navigation import HOME_BY_ROLE
from hatecrime.accounts.second_factor import has_app, recovery_codes_left
from hatecrime.accounts.security_keys import security_keys_of

REFUSAL_MESSAGES = {
    # Neither message says whether the username exists.
    "invalid": lambda: _("Enter a correct username and password"),
    "locked": lambda: _(
        "Too many failed attempts to sign in. You cannot sign in for 30 minutes. "
        "If this is your account, you can unlock it now with your authenticator app or a "
        "recovery code, or contact your supervisor or the service desk."
    ),
    "address_locked": lambda: _(
        "There have been too many failed attempts to sign in from this network. If you have "
        "not signed in from here before, you cannot sign in from here for 30 minutes. "
        "If you need to sign in now, contact your supervisor or the service desk."
    ),
    "idle": lambda: _(
        "Your account has been disabled because it was not used for 90 days. "
        "Ask an administrator to enable it."
    ),
}


def next_url(request: HttpRequest) -> str:
    return safe_staff_url(request, request.POST.get("next") or request.GET.get("next") or "")


def safe_staff_url(request: HttpRequest, candidate: str) -> str:
    """The staff page to go to after signing in: only ever one of ours."""
    if candidate.startswith("/staff/") and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return "/staff/"


def recovery_codes_page(request: HttpRequest, codes: list[str], next_page: str) -> HttpResponse:
    """New recovery codes, shown once (never kept by the browser)."""
    context = {"codes": codes, "next": next_page}
    response = render(request, "accounts/recovery_codes.html", context)
    response["Cache-Control"] = "no-store"
    return response


def sign_in(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated and request.method == "GET":
        return HttpResponseRedirect("/staff/")
    form = SignInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = check_sign_in(
                request, form.cleaned_data["username"], form.cleaned_data["password"]
            )
        except SignInRefused as refusal:
            form.add_error(None, REFUSAL_MESSAGES[refusal.reason]())
        else:
            login(request, user)
            start_staff_session(request)
            if user.must_change_password:
                return HttpResponseRedirect("/staff/password/")
            # The second factor next: the verify page sends anyone without one to enrol.
            return HttpResponseRedirect(f"/staff/verify/?{urlencode({'next': next_url(request)})}")
    context = {
        "form": form,
        "next": next_url(request),
        # The force's identity provider, when configured (ADR 0503).
        "provider": settings.HATECRIME_OIDC_ENABLED and settings.HATECRIME_OIDC_PROVIDER_NAME,
        "password_for_everyone": settings.HATECRIME_PASSWORD_SIGN_IN == "everyone",
    }
    return render(request, "accounts/sign_in.html", context)


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    return render(request, "accounts/signed_out.html")


@staff_page()
def home(request: HttpRequest) -> HttpResponse:
    role = str(getattr(request.user, "role", ""))
    return HttpResponseRedirect(HOME_BY_ROLE.get(role, "/staff/sign-in/"))


@staff_page()
def change_password(request: HttpRequest) -> HttpResponse:
    """Change one's own password; after a temporary one, choose one without the current."""
    user = staff_user(request)
    form_class = NewPasswordForm if user.must_change_password else ChangePasswordForm
    form = form_class(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        do_change_password(actor=user, user=user, password=form.cleaned_data["new_password1"])
        update_session_auth_hash(request, user)
        messages.success(request, _("Your password has been changed"))
        return HttpResponseRedirect("/staff/")
    context = {"form": form, "temporary": user.must_change_password}
    return render(request, "accounts/password_change.html", context)


@staff_page()
def account(request: HttpRequest) -> HttpResponse:
    member = staff_user(request)
    context = {
        "member": member,
        "has_app": has_app(member),
        "security_keys": security_keys_of(member).count(),
        "recovery_codes_left": recovery_codes_left(member),
    }
    return render(request, "accounts/account.html", context)
