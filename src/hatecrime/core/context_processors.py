from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils.translation import get_language

from hatecrime.core import languages


def service(request: HttpRequest) -> dict[str, Any]:
    return {
        "csp_nonce": getattr(request, "csp_nonce", ""),
        "SITE_URL": settings.SITE_URL,
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


def language(request: HttpRequest) -> dict[str, Any]:
    """The page's language (for `lang` and `dir` on <html> and the stylesheet) and, computed only
    when a template asks, the language switch's links: this page in every offered language."""
    current = languages.get(get_language())

    def links() -> list[LanguageLink]:
        return [
            LanguageLink(
                language=offered,
                url=translate_url(request.path, offered.code),
                current=offered.code == current.code,
            )
            for offered in languages.available()
        ]

    return {"page_language": current, "language_links": links}
