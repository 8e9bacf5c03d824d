"""Enrolling and giving the second factor (an app's code, a recovery code; security keys go
through `security_key_ceremonies`): after the password at sign-in, again for step-up, and to
unlock one's own locked account."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hatecrime.accounts.auth import (
    SignInRefused,
    check_address,
    record_address_failure,
    remember_sign_in_address,
    sign_in_keys,
)
from hatecrime.accounts.decorators import (
    staff_page,
    staff_user,
    step_up_redirect,
    step_up_required,
)
from hatecrime.accounts.forms import CodeForm, EnrolForm, RecoveryCodeForm, UnlockForm
from hatecrime.accounts.models import User
from hatecrime.accounts.second_factor import (
    check_code,
    do_confirm_enrolment,
    do_replace_recovery_codes,
    do_unlock_with_second_factor,
    enrolment_device,
    has_app,
    has_second_factor,
    is_verified,
    mark_verified,
    qr_code_svg,
    secret_text,
    wrong_code_message,
)
from hatecrime.accounts.security_key_views import key_scripts_config
from hatecrime.accounts.security_keys import has_security_key
from hatecrime.accounts.views import REFUSAL_MESSAGES, next_url, recovery_codes_page


@staff_page()
def enrol(request: HttpRequest) -> HttpResponse:
    """Set up a second factor: an authenticator app (no JavaScript needed) or a security key.
    A member who has only keys may add an app here too, with a fresh factor."""
    user = staff_user(request)
    if has_app(user):
        return HttpResponseRedirect(f"/staff/verify/?{urlencode({'next': next_url(request)})}")
    adding_app = has_second_factor(user)
    if adding_app and (redirect := step_up_redirect(request)):
        return redirect
    device = enrolment_device(user)
    form = EnrolForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        refusal = wrong_code_message(user, form.cleaned_data["code"])
        codes = do_confirm_enrolment(user=user, device=device, code=form.cleaned_data["code"])
        if codes is None:
            form.add_error("code", refusal)
        else:
            mark_verified(request, device)
            remember_sign_in_address(request, user)
            return recovery_codes_page(request, codes, next_url(request))
    context = {
        "form": form,
        "qr_code": qr_code_svg(device),
        "secret": secret_text(device),
        "next": next_url(request),
        "adding_app": adding_app,
        "key_config": key_scripts_config(request, purpose="enrol", next_page=next_url(request)),
    }
    response = render(request, "accounts/enrol.html", context)
    response["Cache-Control"] = "no-store"
    return response


@staff_page()
def verify(request: HttpRequest) -> HttpResponse:
    """The second factor after the password, or again for step-up: a code from the app, a
    security key, or a recovery code."""
    user = staff_user(request)
    if not has_second_factor(user):
        return HttpResponseRedirect(f"/staff/enrol/?{urlencode({'next': next_url(request)})}")
    app = has_app(user)
    form = (CodeForm if app else RecoveryCodeForm)(request.POST or None)
    if request.method == "POST" and form.is_valid():
        refusal = wrong_code_message(user, form.cleaned_data["code"])
        device = check_code(user, form.cleaned_data["code"])
        if device is None:
            form.add_error("code", refusal)
        else:
            mark_verified(request, device)
            remember_sign_in_address(request, user)
            return HttpResponseRedirect(next_url(request))
    context = {
        "form": form,
        "next": next_url(request),
        "step_up": is_verified(request),
        "has_app": app,
        "has_key": has_security_key(user),
        "key_config": key_scripts_config(request, purpose="verify"),
    }
    return render(request, "accounts/verify.html", context)


@staff_page()
@require_POST
@step_up_required
def replace_recovery_codes(request: HttpRequest) -> HttpResponse:
    codes = do_replace_recovery_codes(user=staff_user(request))
    return recovery_codes_page(request, codes, "/staff/account/")


def unlock(request: HttpRequest) -> HttpResponse:
    """A locked account's owner gives their second factor to lift the lock (no password: the
    lock is there to stop password guessing)."""
    form = UnlockForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        username = form.cleaned_data["username"]
        keys = sign_in_keys(request, username)
        user = User.objects.filter(username=username, is_active=True).first()
        try:
            check_address(username, keys)
        except SignInRefused as refusal:
            form.add_error(None, REFUSAL_MESSAGES[refusal.reason]())
        else:
            device = check_code(user, form.cleaned_data["code"]) if user is not None else None
            if user is not None and device is not None:
                do_unlock_with_second_factor(user=user, device=device, username_key=keys.username)
                messages.success(request, _("Your account is not locked. Sign in."))
                return HttpResponseRedirect("/staff/sign-in/")
            record_address_failure(keys)
            form.add_error(None, _("Enter a correct username and code"))
    context = {"form": form, "key_config": key_scripts_config(request, purpose="unlock")}
    return render(request, "accounts/unlock.html", context)
