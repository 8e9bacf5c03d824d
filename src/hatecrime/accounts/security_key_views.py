"""A member's own security keys (ADR 0502): list and add them, name one, remove one.

Adding and removing need a fresh second factor (step-up). Registering a key is done by
django-otp-webauthn's script (`security_key_ceremonies`); it then comes here to name the key.
"""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.middleware import csrf
from django.shortcuts import render
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from hatecrime.accounts.decorators import staff_page, staff_user, step_up_required
from hatecrime.accounts.forms import SecurityKeyNameForm
from hatecrime.accounts.second_factor import (
    do_replace_recovery_codes,
    has_app,
    has_recovery_codes,
)
from hatecrime.accounts.security_keys import (
    LastSecondFactor,
    access_security_key,
    do_remove_security_key,
    do_rename_security_key,
    security_keys_of,
)
from hatecrime.accounts.views import next_url, recovery_codes_page

KEYS_PAGE = "/staff/account/security-keys/"


def key_scripts_config(request: HttpRequest, *, purpose: str, next_page: str = "") -> dict:
    """What django-otp-webauthn's scripts read from the page (`otp_webauthn_config`): our
    endpoints for `purpose` (enrol, verify or unlock/key), and the CSRF token they send."""
    base = {"enrol": "/staff/enrol/key/", "verify": "/staff/verify/key/"}.get(
        purpose, "/staff/sign-in/unlock/key/"
    )
    complete = f"{base}complete/" + (f"?{urlencode({'next': next_page})}" if next_page else "")
    return {
        "csrfToken": csrf.get_token(request),
        "beginRegistrationUrl": f"{base}begin/",
        "completeRegistrationUrl": complete,
        "beginAuthenticationUrl": f"{base}begin/",
        "completeAuthenticationUrl": f"{base}complete/",
        "nextFieldSelector": "input[name='next']",
        "autocompleteLoginFieldSelector": None,
    }


@staff_page()
@step_up_required
def security_keys(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    context = {
        "keys": security_keys_of(user),
        "has_app": has_app(user),
        "key_config": key_scripts_config(request, purpose="enrol", next_page=KEYS_PAGE),
    }
    return render(request, "accounts/security_keys.html", context)


@staff_page()
def security_key(request: HttpRequest, key_id: int) -> HttpResponse:
    """Name a key (just registered, or later). Just after a member's first factor, saving the
    name shows their recovery codes, once, as after setting up an app."""
    user = staff_user(request)
    key = access_security_key(user, key_id)
    form = SecurityKeyNameForm(request.POST or None, initial={"name": key.name})
    if request.method == "POST" and form.is_valid():
        do_rename_security_key(user=user, key=key, name=form.cleaned_data["name"])
        if not has_recovery_codes(user):
            return recovery_codes_page(
                request, do_replace_recovery_codes(user=user), next_url(request)
            )
        messages.success(request, _("Your security key is saved"))
        return HttpResponseRedirect(next_url(request))
    context = {"form": form, "key": key, "next": next_url(request)}
    return render(request, "accounts/security_key.html", context)


@staff_page()
@step_up_required
def security_key_remove(request: HttpRequest, key_id: int) -> HttpResponse:
    user = staff_user(request)
    key = access_security_key(user, key_id)
    only_factor = not has_app(user) and security_keys_of(user).count() == 1
    if request.method == "POST" and not only_factor:
        try:
            do_remove_security_key(user=user, key=key)
        except LastSecondFactor:
            only_factor = True
        else:
            messages.success(request, _("%(name)s has been removed") % {"name": key.name})
            return HttpResponseRedirect(KEYS_PAGE)
    context = {"key": key, "only_factor": only_factor}
    return render(request, "accounts/security_key_remove.html", context)
