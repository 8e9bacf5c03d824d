"""Which language a request is answered in (ADR 0700), instead of Django's LocaleMiddleware.

- A public page's language is in its URL: `/vi/track/` is Vietnamese, `/track/` is English.
  Nothing is kept in a cookie or the session.
- A language that is not offered (not shipped, or hidden by the operator) redirects to the same
  page in English; so does `/en-gb/...`, English having no prefix.
- The browser's preferred language picks the *first* page only: a GET of an English public page
  that did not come from one of the service's own pages (no same-origin Referer) is redirected
  to the same page in the first of the browser's languages the service offers. Someone who then
  chooses English in the switch comes from our own page, so stays in English.
- Everything else (staff pages, the API, the health check) is always in English.
"""

from collections.abc import Callable
from urllib.parse import urlsplit

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation.trans_real import parse_accept_lang_header

from hatecrime.core import languages

# Pages never redirected by the browser's language (leaving must be instant).
NO_NEGOTIATION = {"reporting:exit"}


def preferred_language(accept_language: str) -> str:
    """The first language of an Accept-Language header that the service offers; English when
    none is."""
    for tag, _quality in parse_accept_lang_header(accept_language):
        if tag == "*":
            break
        code = languages.from_tag(tag, [language.code for language in languages.available()])
        if code is not None:
            return code
    return languages.DEFAULT


def _from_our_pages(request: HttpRequest) -> bool:
    referer = request.headers.get("Referer", "")
    return bool(referer) and urlsplit(referer).netloc == request.get_host()


def _public_page(path: str) -> str | None:
    """The view name of an English public page at `path`, or None."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name if match.namespace == "reporting" else None


def _strip_prefix(path: str, code: str) -> str:
    return path[len(code) + 1 :] or "/"


class LanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        redirect = self._choose(request)
        if redirect is not None:
            response: HttpResponse = HttpResponseRedirect(redirect)
        else:
            request.LANGUAGE_CODE = translation.get_language()
            response = self.get_response(request)
            language = languages.get(translation.get_language())
            response.headers.setdefault("Content-Language", language.lang)
        patch_vary_headers(response, ("Accept-Language",))
        return response

    def _choose(self, request: HttpRequest) -> str | None:
        """Activate the request's language; or return where to redirect instead."""
        path = request.path_info
        code = path.split("/")[1]
        if code in languages.BY_CODE:
            if code == languages.DEFAULT or not languages.is_available(code):
                translation.activate(languages.DEFAULT)
                return self._with_query(request, _strip_prefix(path, code))
            translation.activate(code)
            return None
        translation.activate(languages.DEFAULT)
        if request.method not in ("GET", "HEAD") or _from_our_pages(request):
            return None
        wanted = preferred_language(request.headers.get("Accept-Language", ""))
        if wanted == languages.DEFAULT:
            return None
        name = _public_page(path)
        if name is None or name in NO_NEGOTIATION:
            return None
        return self._with_query(request, f"/{wanted}{path}")

    @staticmethod
    def _with_query(request: HttpRequest, path: str) -> str:
        query = request.META.get("QUERY_STRING", "")
        return f"{request.META.get('SCRIPT_NAME', '')}{path}" + (f"?{query}" if query else "")
