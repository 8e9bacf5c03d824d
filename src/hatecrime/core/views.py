"""Error pages in GOV.UK style, and the health and readiness checks for the load balancer."""

import logging
import re
import sys
from typing import Any

from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language

from hatecrime.core import languages
from hatecrime.core.context_processors import switch_links
from hatecrime.core.scheduler import worker_alive
from hatecrime.core.storage import StorageUnavailable

log = logging.getLogger(__name__)

OTHER_WAYS = {
    "emergency": "If you are in immediate danger, call 999.",
    "non_emergency": "Call 101, or textphone 18000.",
    "anonymous": "Crimestoppers: 0800 555 111.",
}


def unavailable_body(detail: str) -> dict[str, Any]:
    return {"detail": detail, "other_ways_to_report": OTHER_WAYS}


def _error(request: HttpRequest, template: str, status: int) -> HttpResponse:
    if request.path.startswith("/api/"):
        messages = {400: "Bad request.", 403: "Not found.", 404: "Not found.", 500: "Server error."}
        # 403 is answered as 404 too: the API never says that something exists but is hidden.
        return JsonResponse({"detail": messages[status]}, status=404 if status == 403 else status)
    # The switch on an error page offers the start page in each language: the address that
    # failed names nothing in any language, and an error page must not repeat it (a page that
    # exists but is not yours looks exactly like one that does not exist).
    context = {"language_links": lambda: switch_links(reverse("reporting:start"))}
    return render(request, template, context, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, "core/400.html", 400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, "core/404.html", 404)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, "core/404.html", 404)


def server_error(request: HttpRequest) -> HttpResponse:
    # Django calls this while handling the exception: a database that cannot be reached
    # (stopped, restarting, failing over) is a 503 to try again, made without the database;
    # so is an evidence store that is full or does not answer.
    if isinstance(sys.exc_info()[1], (OperationalError, InterfaceError)):
        log.error("the database is unavailable")
        return unavailable(request)
    if isinstance(sys.exc_info()[1], StorageUnavailable):
        log.error("the evidence store is unavailable")
        return unavailable(request)
    try:
        return _error(request, "core/500.html", 500)
    except Exception:
        # The page's context (the signed-in user, the session) needs the database, which may
        # be what failed: answer without it rather than with the server's bare error.
        log.exception("the error page could not be rendered with its context")
        return unavailable(request)


# Checking the answers and sending them (with or without a language's prefix): there, a
# database that does not answer means the report was not sent, and the draft is kept in it.
SENDING_A_REPORT = re.compile(r"^(/[a-z]{2,3}(-[a-z0-9]+)?)?/report/(check-answers|submit)/$")


def unavailable(request: HttpRequest) -> HttpResponse:
    """503 with Retry-After, made without the database: the other ways to report, as JSON on
    the API and as the GOV.UK problem page elsewhere (on the send step: the report was not
    sent, what they wrote is kept, try again)."""
    if request.path in ("/healthz", "/readyz"):
        # Failed before the check itself (e.g. a session cookie's lookup): still JSON.
        response: HttpResponse = JsonResponse(
            {"status": "unavailable", "database": False}, status=503
        )
    elif request.path.startswith("/api/"):
        response = JsonResponse(
            unavailable_body("The service is unavailable. Nothing was stored: try again."),
            status=503,
        )
    else:
        nonce = getattr(request, "csp_nonce", "")
        template = (
            "core/503_not_sent.html" if SENDING_A_REPORT.match(request.path) else "core/500.html"
        )
        context = {
            "csp_nonce": nonce,
            "EXIT_LINK": "/exit/",
            # The page's lang and dir (a static list: no database needed).
            "page_language": languages.get(get_language()),
        }
        html = render_to_string(template, context)
        response = HttpResponse(html, status=503)
    response["Retry-After"] = "30"
    return response


def _database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        log.warning("health check: the database does not answer")
        return False
    return True


def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness for the load balancer: 200 while the database answers, else 503 (JSON)."""
    if not _database_answers():
        return JsonResponse({"status": "unavailable", "database": False}, status=503)
    return JsonResponse({"status": "ok"})


def readyz(request: HttpRequest) -> HttpResponse:
    """Readiness: the database answers, every migration is applied, and a worker has checked
    in within its interval (so reminders, sweeps and messages are running)."""
    checks = {"database": _database_answers(), "migrations": False, "worker": False}
    if checks["database"]:
        try:
            executor = MigrationExecutor(connection)
            checks["migrations"] = not executor.migration_plan(executor.loader.graph.leaf_nodes())
            checks["worker"] = worker_alive()
        except DatabaseError:
            log.warning("readiness check: the database failed mid-check")
    ready = all(checks.values())
    return JsonResponse(
        {"status": "ok" if ready else "unavailable", **checks}, status=200 if ready else 503
    )
