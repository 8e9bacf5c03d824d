from typing import Any

from django.conf import settings
from django.http import HttpRequest


def service(request: HttpRequest) -> dict[str, Any]:
    return {
        "csp_nonce": getattr(request, "csp_nonce", ""),
        "SITE_URL": settings.SITE_URL,
    }


def exit_url(request: HttpRequest) -> dict[str, Any]:
    return {"EXIT_URL": settings.HATECRIME_EXIT_URL}
