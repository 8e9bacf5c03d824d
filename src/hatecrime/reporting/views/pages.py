"""Information pages: start, "not sure if it is a hate crime", other ways to report, privacy
and accessibility."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from hatecrime.core.areas.selectors import only_force_name


def start(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/start.html", {"force_name": only_force_name()})


def not_sure(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/not_sure.html")


def other_ways(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/other_ways.html", {"force_name": only_force_name()})


def privacy(request: HttpRequest) -> HttpResponse:
    return render(
        request, "pages/privacy.html", {"draft_ttl_hours": settings.HATECRIME_DRAFT_TTL_HOURS}
    )


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/accessibility.html")
