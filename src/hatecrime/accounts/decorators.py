"""Which roles may open a page. Pages a role may not use answer 404, as for anything hidden.

Objects (cases, referrals) are protected by the case domain's `access_*` functions; this only
guards whole pages by role.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.http import urlencode

from hatecrime.accounts.models import User
from hatecrime.accounts.second_factor import stepped_up

View = Callable[..., HttpResponse]


def staff_page(*roles: str) -> Callable[[View], View]:
    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if roles and getattr(request.user, "role", None) not in roles:
                raise Http404
            return view(request, *args, **kwargs)

        return login_required(wrapper)

    return decorator


def staff_user(request: HttpRequest) -> User:
    """The signed-in member of staff of a `staff_page` view (typed: never an anonymous user)."""
    if not isinstance(request.user, User):
        raise Http404
    return request.user


def step_up_redirect(request: HttpRequest) -> HttpResponse | None:
    """None when the second factor was given in the last HATECRIME_STEP_UP_MINUTES; otherwise
    the way to give it again, coming back here (as a GET) after."""
    if stepped_up(request):
        return None
    return HttpResponseRedirect(f"/staff/verify/?{urlencode({'next': request.get_full_path()})}")


def step_up_required(view: View) -> View:
    """Exports, disclosures to partners and audit search need a fresh second factor."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return step_up_redirect(request) or view(request, *args, **kwargs)

    return wrapper
