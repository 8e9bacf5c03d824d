"""Response headers the public pages need beyond the site-wide ones."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse


def same_origin_referrer(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """With the site-wide `Referrer-Policy: no-referrer`, Chromium sends `Origin: null` on a
    form POST and Django's CSRF check refuses every form. `same-origin` still sends nothing to
    other sites (the exit link included) but lets our own forms prove where they come from."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response.headers["Referrer-Policy"] = "same-origin"
        return response

    return wrapped
