"""The public open data page and file: no sign-in. The page reads the stored file's date and
the scheduler's next run; the file is served from storage as the worker wrote it, so a request
never counts or protects anything (docs/adr/0910-open-data-published-from-storage.md)."""

from __future__ import annotations

import datetime as dt

from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import http_date
from django.views.decorators.http import require_GET

from hatecrime.core.models import CENTRAL_STRANDS, ScheduledJob

from .jobs import OPEN_DATA_JOB
from .open_data import FILE_NAME, open_data_path


def _next_run() -> dt.datetime:
    """When the worker will next make the file (within a day if it has never been scheduled)."""
    due = ScheduledJob.objects.filter(name=OPEN_DATA_JOB).values_list("next_run_at", flat=True)
    now = timezone.now()
    return max(due.first() or now + dt.timedelta(days=1), now)


def _page(request: HttpRequest, status: int = 200) -> HttpResponse:
    path = open_data_path()
    made = dt.datetime.fromtimestamp(path.stat().st_mtime, tz=dt.UTC) if path.exists() else None
    context = {
        "made": made,
        "next_run": None if made else _next_run(),
        "strands": CENTRAL_STRANDS,
        "size_kb": max(1, round(path.stat().st_size / 1024)) if made else 0,
    }
    return render(request, "pages/open_data.html", context, status=status)


@require_GET
def open_data_page(request: HttpRequest) -> HttpResponse:
    return _page(request)


@require_GET
def open_data_file(request: HttpRequest) -> HttpResponse | FileResponse:
    path = open_data_path()
    if not path.exists():
        return _page(request, status=404)  # the page says when the file will be made
    response = FileResponse(
        path.open("rb"), as_attachment=True, filename=FILE_NAME, content_type="text/csv"
    )
    response["Content-Type"] = "text/csv; charset=utf-8"
    response["Last-Modified"] = http_date(path.stat().st_mtime)
    response["Cache-Control"] = "public, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response
