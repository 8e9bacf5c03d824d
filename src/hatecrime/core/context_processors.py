from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils.translation import get_language, gettext, gettext_noop

from hatecrime.core import languages

# The default force's name is in the catalogues; another force's name is shown as it is given.
gettext_noop("Metropolitan Police")


def service(request: HttpRequest) -> dict[str, Any]:
    return {
        "csp_nonce": getattr(request, "csp_nonce", ""),
        "SITE_URL": settings.SITE_URL,
        "FORCE_NAME": gettext(settings.HATECRIME_FORCE_NAME),
    }


def exit_url(request: HttpRequest) -> dict[str, Any]:
    # The button goes through the service's own /exit/, which forgets the draft on the server
    # before sending the person on to HATECRIME_EXIT_URL.
    return {"EXIT_URL": settings.HATECRIME_EXIT_URL, "EXIT_LINK": "/exit/"}


@dataclass(frozen=True)
class LanguageLink:
    language: languages.Language
    url: str
    current: bool


def switch_links(path: str) -> list[LanguageLink]:
    """The page at `path` in every offered language."""
    current = languages.get(get_language())
    return [
        LanguageLink(
            language=offered,
            url=translate_url(path, offered.code),
            current=offered.code == current.code,
        )
        for offered in languages.available()
    ]


def language(request: HttpRequest) -> dict[str, Any]:
    """The page's language (for `lang` and `dir` on <html> and the stylesheet) and, computed only
    when a template asks, the language switch's links: this page in every offered language."""
    return {
        "page_language": languages.get(get_language()),
        "language_links": lambda: switch_links(request.path),
    }
