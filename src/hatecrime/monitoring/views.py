"""Monitoring pages: dashboard, trigger events, community packs, open data. No personal data:
every figure is a count of cells; no report, case or person is ever listed.

Analysts, command and supervisors may use them; anyone else gets the same 404 as for a page
that does not exist (accounts.decorators.staff_page).
"""

from __future__ import annotations

import datetime as dt

import numpy as np
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _

from hatecrime.accounts.decorators import staff_page
from hatecrime.core.models import Area

from . import selectors
from .alarms import run_series
from .charts import Marker, tile_map_svg, trend_svg
from .forms import DashboardFilters, TriggerEventForm
from .models import ALL, AlarmNotice, Dataset, SeriesCount, TriggerEvent
from .packs import build_pack, open_data_csv, pack_csv, pack_pdf
from .rollups import live_datasets
from .selectors import Filters, alarms_for, area_totals, latest_run, trend
from .series import period_range

VIEWERS = ("analyst", "command", "supervisor")
EDITORS = ("analyst", "command")


def _areas() -> list[tuple[str, str]]:
    return [(a.slug, a.name) for a in Area.objects.filter(is_active=True)]


def _filters(form: DashboardFilters) -> Filters:
    data = form.cleaned_data if form.is_valid() else {}
    live_datasets()
    dataset = Dataset.objects.filter(name=data.get("dataset") or Dataset.LIVE).first()
    if dataset is None:
        raise Http404
    return Filters(
        dataset=dataset,
        period_kind=data.get("period") or "week",
        area=data.get("area") or ALL,
        strand=data.get("strand") or ALL,
        community=(data.get("community") or "").strip(),
        online=data.get("online") or ALL,
        crime_type=data.get("crime_type") or ALL,
        date_from=data.get("date_from"),
        date_to=data.get("date_to"),
    )


def _with_expected(filters: Filters, points: list) -> None:  # type: ignore[type-arg]
    """Expected level and threshold for the chosen series, judged on its whole history."""
    cells = SeriesCount.objects.filter(**filters.cell_filter(), category=ALL)
    history = dict(cells.values_list("period_start", "count"))
    if not history or not points:
        return
    periods = period_range(min(history), points[-1].period, filters.period_kind)
    counts = [history.get(p, 0) for p in periods]
    frequency = 52 if filters.period_kind == "week" else 12
    result = run_series(counts, periods, frequency, "auto", {})
    position = {p: i for i, p in enumerate(periods)}
    for point in points:
        i = position.get(point.period)
        if i is None or not result.judged[i]:
            continue
        point.expected = float(result.expected[i])
        point.upper = float(result.upper[i]) if np.isfinite(result.upper[i]) else None
        point.alarm = bool(result.alarm[i])


@staff_page(*VIEWERS)
def dashboard(request: HttpRequest) -> HttpResponse:
    areas = _areas()
    form = DashboardFilters(request.GET or None, areas=areas)
    filters = _filters(form)
    chosen = trend(filters)
    if filters.dataset.has_category_totals:
        _with_expected(filters, chosen.points)
    first, last = filters.span()
    events = selectors.trigger_events(first, last + dt.timedelta(days=31))
    markers = [Marker(e.date, e.label) for e in events]
    totals = area_totals(filters)
    run = latest_run(filters.dataset, filters.period_kind)
    alarms = alarms_for(filters, run)
    alarmed = {slugify(a.area) for a in alarms}
    names = dict(areas)
    map_counts = {slugify(area): now for area, (now, _before) in totals.items()}
    notices = AlarmNotice.objects.filter(recipient_id=request.user.pk, seen_on__isnull=True)
    context = {
        "form": form,
        "filters": filters,
        "trend": chosen,
        "chart": trend_svg(
            chosen.points,
            title=_("Counts per %(period)s") % {"period": filters.period_kind},
            description=_(
                "Observed counts, the expected band and alarms; the table below "
                "gives the same figures."
            ),
            markers=markers,
        ),
        "map": tile_map_svg(map_counts, names, alarmed, title=_("Counts by borough")),
        "area_rows": [
            (names.get(a, a), now, before, now - before) for a, (now, before) in totals.items()
        ],
        "alarms": alarms,
        "run": run,
        "events": events,
        "notices": notices.select_related("alarm")[:50],
        "can_edit_events": request.user.role in EDITORS,  # type: ignore[union-attr]
    }
    return render(request, "monitoring/dashboard.html", context)


@staff_page(*VIEWERS)
def trigger_events(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        if request.user.role not in EDITORS:  # type: ignore[union-attr]
            raise Http404
        form = TriggerEventForm(request.POST)
        if form.is_valid():
            event = form.save(commit=False)
            event.created_by = event.modified_by = request.user  # type: ignore[assignment]
            event.save()
            return redirect("monitoring:events")
    else:
        form = TriggerEventForm()
    context = {
        "form": form,
        "events": TriggerEvent.objects.all(),
        "can_edit_events": request.user.role in EDITORS,  # type: ignore[union-attr]
    }
    return render(request, "monitoring/events.html", context)


@staff_page(*VIEWERS)
def packs(request: HttpRequest) -> HttpResponse:
    by_incident, _ = live_datasets()
    communities = list(
        SeriesCount.objects.filter(dataset=by_incident)
        .exclude(community=ALL)
        .values_list("community", flat=True)
        .distinct()
        .order_by("community")[:200]
    )
    return render(request, "monitoring/packs.html", {"areas": _areas(), "communities": communities})


@staff_page(*VIEWERS)
def pack(request: HttpRequest, kind: str, value: str, fmt: str) -> HttpResponse:
    if kind not in ("area", "community") or fmt not in ("html", "pdf", "csv"):
        raise Http404
    period_kind = "week" if request.GET.get("period") == "week" else "month"
    built = build_pack(
        area=value if kind == "area" else ALL,
        community=value if kind == "community" else ALL,
        period_kind=period_kind,
    )
    name = f"hate-crime-pack-{slugify(value)}-{period_kind}"
    if fmt == "csv":
        response = HttpResponse(pack_csv(built), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    if fmt == "pdf":
        response = HttpResponse(pack_pdf(built), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
        return response
    context = {"pack": built, "header": built.header(), "rows": built.rows(), "kind": kind,
               "value": value}  # fmt: skip
    return render(request, "monitoring/pack.html", context)


@staff_page(*VIEWERS)
def open_data(request: HttpRequest) -> HttpResponse:
    period_kind = "week" if request.GET.get("period") == "week" else "month"
    response = HttpResponse(open_data_csv(period_kind=period_kind), content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="hate-crime-open-data.csv"'
    return response
