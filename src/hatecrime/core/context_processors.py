from typing import Any

from django.conf import settings
from django.http import HttpRequest


def service(request: HttpRequest) -> dict[str, Any]:
    return {
        "csp_nonce": getattr(request, "csp_nonce", ""),
        "SITE_URL": settings.SITE_URL,
    }


def exit_url(request: HttpRequest) -> dict[str, Any]:
    # The button goes through the service's own /exit/, which forgets the draft on the server
    # before sending the person on to HATECRIME_EXIT_URL.
    return {"EXIT_URL": settings.HATECRIME_EXIT_URL, "EXIT_LINK": "/exit/"}
