"""Error pages in GOV.UK style, and a health check for the load balancer."""

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render


def _error(request: HttpRequest, template: str, status: int) -> HttpResponse:
    if request.path.startswith("/api/"):
        messages = {400: "Bad request.", 403: "Not found.", 404: "Not found.", 500: "Server error."}
        # 403 is answered as 404 too: the API never says that something exists but is hidden.
        return JsonResponse({"detail": messages[status]}, status=404 if status == 403 else status)
    return render(request, template, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, "core/400.html", 400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, "core/404.html", 404)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, "core/404.html", 404)


def server_error(request: HttpRequest) -> HttpResponse:
    return _error(request, "core/500.html", 500)


def healthz(request: HttpRequest) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
