"""The service's own middleware: security headers for every response (a strict Content Security
Policy with a per-request nonce, no third-party origin ever allowed, and no caching of pages that
may hold personal data, so that the back button or a shared computer does not reveal a report);
and NUL characters in addresses refused."""

import secrets
from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        nonce = secrets.token_urlsafe(16)
        request.csp_nonce = nonce  # type: ignore[attr-defined]  # stub gap: HttpRequest has no slot for attributes middleware adds
        response = self.get_response(request)
        response.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; "
            f"script-src 'self' 'nonce-{nonce}'; "
            "style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
            "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'",
        )
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        response.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        if not request.path.startswith("/static/"):
            response["Cache-Control"] = "no-store"
        return response


class RefuseNulMiddleware:
    """A NUL character in the address is never meant: answered 404 (the address names nothing)
    or, in the query string, 400, before any view passes it to PostgreSQL, which refuses NUL in
    text with an error (a 500 otherwise). Forms refuse NUL themselves (Django's validator) and
    the API's JSON parser refuses it field by field."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        in_path = "\x00" in request.path
        in_query = "%00" in request.META.get("QUERY_STRING", "") or any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        )
        if not (in_path or in_query):
            return self.get_response(request)
        if request.path.startswith("/api/"):
            detail = "Not found." if in_path else "The address must not contain a NUL character"
            body: dict[str, object] = {"detail": detail} if in_path else {"errors": {"": [detail]}}
            return JsonResponse(body, status=404 if in_path else 400)
        if in_path:
            raise Http404("The address holds a NUL character")
        return HttpResponseBadRequest("The address must not contain a NUL character")
