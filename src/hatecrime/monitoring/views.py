"""Monitoring pages: dashboard, trigger events, community packs, the community tension view.
No personal data: every figure is a count of cells; no report, case or person is ever listed.

Who may do what is in accounts.permissions (`view_aggregates`, `record_trigger_event`,
`run_detection`); anyone without it gets the same 404 as for a page that does not exist. Pages
read stored counts and stored detection runs: nothing is fitted or written on a GET.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hatecrime.accounts.decorators import staff_page, staff_user
from hatecrime.accounts.permissions import has_permission
from hatecrime.core import communities, languages
from hatecrime.core.communities import flat_choices
from hatecrime.core.models import Community

from . import selectors, tension
from .access import access_alarm_notice, access_monitoring
from .actions import do_dismiss_alarm_notice, do_record_trigger_event, do_run_detection_now
from .charts import Marker, trend_svg
from .episodes import group_episodes
from .forms import (
    ALL_FORCES,
    STRANDS,
    DashboardFilters,
    TriggerEventForm,
    active_areas,
    choices_for,
    chosen_filters,
)
from .maps import area_map_svg, force_layouts
from .models import ALL, Alarm, Dataset, DatasetKind, TriggerEvent
from .packs import build_pack, pack_csv
from .pdf import render_pdf, svg_data_uri
from .selectors import Filters, area_totals, judged_series, trend, with_judgements
from .series import DIMENSIONS
from .tension import Tension

SHOWN = ("area", "strand", "community", "online", "crime_type")


def _figures(filters: Filters, names: dict[str, str]) -> dict[str, Any]:
    chosen = trend(filters)
    judged = judged_series(filters)
    with_judgements(chosen.points, judged.chart)
    first, last = filters.span()
    events = selectors.trigger_events(first, last + dt.timedelta(days=31))
    totals = area_totals(filters)
    alarmed = {slugify(area) for area in judged.alarmed_areas}
    map_counts = {slugify(area): now for area, (now, _before) in totals.items()}
    return {
        "trend": chosen,
        "chart": trend_svg(
            chosen.points,
            title=_("Counts per %(period)s") % {"period": filters.period_kind},
            description=_(
                "Observed counts, the expected band and alarms; the table below "
                "gives the same figures."
            ),
            markers=[Marker(e.date, e.label) for e in events],
        ),
        # Live data's areas are the loaded areas, drawn as loaded (one map per force); an
        # imported dataset's areas are its own, and the table alone gives their figures.
        "maps": (
            _maps(map_counts, alarmed, filters.force)
            if filters.dataset.kind == DatasetKind.LIVE
            else []
        ),
        "area_rows": [
            (names.get(a, a), now, before, now - before) for a, (now, before) in totals.items()
        ],
        "judged": bool(judged.chart),
        "alarms": [_alarm_row(a, names) for a in judged.alarms],
        "episodes": _episode_rows(judged.alarms, names, filters.period_kind),
        "runs": judged.runs,
        "events": events,
        "series": {"dataset": filters.dataset.name, "period": filters.period_kind}
        | {dim: getattr(filters, dim) for dim in SHOWN}
        | {"category": filters.category},
    }


def _maps(counts: dict[str, int], alarmed: set[str], force: str) -> list[Any]:
    return [
        svg
        for index, layout in enumerate(force_layouts(force))
        for svg in [
            area_map_svg(
                layout, counts, alarmed, key=str(index),
                title=_("Counts by area: %(force)s") % {"force": layout.force},
            )
        ]
        if svg
    ]  # fmt: skip


def _alarm_row(alarm: Alarm, names: dict[str, str]) -> dict[str, Any]:
    return {
        "period": alarm.period_start,
        "area": names.get(alarm.area, alarm.area) or _("All areas"),
        "series": alarm.category or dict(STRANDS).get(alarm.strand, alarm.strand) or _("All"),
        "community": alarm.community,
        "observed": alarm.observed,
        "expected": alarm.expected,
        "upper": alarm.upper,
        "run": alarm.run_id,
        "method": alarm.method,
        "explanation": alarm.explanation,
    }


def _episode_rows(alarms: list[Alarm], names: dict[str, str], period_kind: str
                  ) -> list[dict[str, Any]]:  # fmt: skip
    """The alarms grouped into episodes (ADR 0901): one row per sustained rise of a series."""
    episodes = group_episodes(
        alarms, series=lambda a: tuple(getattr(a, dim) for dim in DIMENSIONS),
        period=lambda a: a.period_start, period_kind=period_kind,
    )  # fmt: skip
    rows = []
    for episode in episodes:
        first, peak = episode.items[0], max(episode.items, key=lambda a: a.observed)
        unit = period_kind if len(episode.periods) == 1 else f"{period_kind}s"
        rows.append(
            _alarm_row(first, names)
            | {
                "start": episode.start,
                "end": episode.end,
                "count": len(episode.periods),
                "unit": unit,
                "periods": ", ".join(p.isoformat() for p in episode.periods),
                "peak": peak.observed,
                "peak_period": peak.period_start,
                "peak_expected": peak.expected,
            }
        )
    return rows


def _notices(user: Any, names: dict[str, str]) -> list[dict[str, Any]]:
    """The user's unseen notices, with area and strand names rather than codes."""
    strands = dict(STRANDS)
    return [
        {
            "id": n.pk,
            "area": names.get(n.alarm.area, n.alarm.area) or _("All areas"),
            "strand": strands.get(n.alarm.strand, n.alarm.strand) or _("all strands"),
            "community": n.alarm.community,
            "period": n.alarm.period_start,
            "observed": n.alarm.observed,
        }
        for n in selectors.unseen_notices(user)
    ]


@staff_page()
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    access_monitoring(request.user)
    choices = choices_for(request.GET, request.user)
    form = DashboardFilters(request.GET or None, **choices)
    filters = chosen_filters(form)
    # Names of every area (notices and alarms may be of another force's); the choices are the
    # force's when one is shown.
    names = dict(active_areas()) if "force" in choices else dict(choices["areas"])
    context: dict[str, Any] = {
        "form": form,
        "filters": filters,
        "notices": _notices(request.user, names),
        "can_edit_events": has_permission(request.user, "record_trigger_event"),
        "can_run_detection": has_permission(request.user, "run_detection"),
    }
    if filters is not None:
        context |= _figures(filters, names)
        if "force" in form.fields:  # "run detection" comes back to the force shown
            context["series"]["force"] = filters.force or ALL_FORCES
    return render(request, "monitoring/dashboard.html", context)


@staff_page()
@require_POST
def run_detection(request: HttpRequest) -> HttpResponse:
    """ "Run now" for the series the dashboard shows (and that series in each area)."""
    access_monitoring(request.user, "run_detection")
    form = DashboardFilters(request.POST, **choices_for(request.POST, request.user))
    filters = chosen_filters(form)
    if filters is None or not form.is_valid():
        raise Http404
    series = {dim: getattr(filters, dim) for dim in SHOWN} | {"category": filters.category}
    try:
        runs = do_run_detection_now(
            actor=staff_user(request),
            dataset=filters.dataset,
            period_kind=filters.period_kind,
            series=series,
        )
    except ValueError as error:
        messages.error(request, _("Detection could not run: %(error)s") % {"error": error})
    else:
        messages.success(
            request, _("Detection run %(run)s has judged this series.") % {"run": runs[0].pk}
        )
    shown = {k: v for k, v in form.cleaned_data.items() if v not in (None, "")}
    return redirect(f"{reverse('monitoring:dashboard')}?{urlencode(shown)}")


@staff_page()
@require_POST
def dismiss_notice(request: HttpRequest, notice_id: int) -> HttpResponse:
    notice = access_alarm_notice(request.user, notice_id)
    do_dismiss_alarm_notice(actor=staff_user(request), notice=notice)
    return redirect("monitoring:dashboard")


@staff_page()
@require_http_methods(["GET", "POST"])
def trigger_events(request: HttpRequest) -> HttpResponse:
    access_monitoring(request.user)
    form = TriggerEventForm(request.POST or None)
    if request.method == "POST":
        access_monitoring(request.user, "record_trigger_event")
        if form.is_valid():
            do_record_trigger_event(
                actor=staff_user(request),
                date=form.cleaned_data["date"],
                label=form.cleaned_data["label"],
            )
            return redirect("monitoring:events")
    context = {
        "form": form,
        "events": TriggerEvent.objects.all(),
        "can_edit_events": has_permission(request.user, "record_trigger_event"),
    }
    return render(request, "monitoring/events.html", context)


def _live_dataset() -> Dataset:
    dataset = selectors.dataset_named(Dataset.LIVE)
    if dataset is None:  # no counts made yet: nothing to pack or publish
        raise Http404
    return dataset


@staff_page()
@require_GET
def packs(request: HttpRequest) -> HttpResponse:
    access_monitoring(request.user)
    counted = set(selectors.communities_counted(selectors.dataset_named(Dataset.LIVE)))
    # In the taxonomy's order, groups first ("All ..."), with their words.
    communities = [(code, label) for code, label in flat_choices() if code in counted]
    language = _group_language(request)
    context = {
        "areas": active_areas(),
        "communities": communities,
        "languages": _language_choices(),
        "language_query": f"?language={language.code}" if language else "",
    }
    return render(request, "monitoring/packs.html", context)


def _language_choices() -> list[tuple[str, str]]:
    """The shipped languages a community group's PDF can print its names in."""
    return [(language.code, language.english_name) for language in languages.available()]


def _group_language(request: HttpRequest) -> languages.Language | None:
    """The language chosen for a community group's PDF (`?language=`), when it is shipped and
    is not English: its community names are printed in it too (the rest is English: ADR 0913)."""
    code = request.GET.get("language", "")
    if not code or not languages.is_available(code):
        return None
    language = languages.get(code)
    return None if language.code in (languages.DEFAULT, languages.EASY_READ) else language


def _own_words(request: HttpRequest, community: str) -> dict[str, str] | None:
    """The community's name in the group's language, with its language tag and direction."""
    language = _group_language(request)
    if community == ALL or language is None:
        return None
    with translation.override(language.code):
        text = communities.describe([community])
    return {"text": text, "lang": language.lang, "direction": language.direction}


@staff_page()
@require_GET
def pack(request: HttpRequest, kind: str, value: str, fmt: str) -> HttpResponse:
    access_monitoring(request.user)
    period_kind = "week" if request.GET.get("period") == "week" else "month"
    # Files leave the service: monthly only, the periods the open data is protected with.
    if kind not in ("area", "community") or fmt not in ("html", "pdf", "csv"):
        raise Http404
    if fmt != "html" and period_kind == "week":
        raise Http404
    built = build_pack(
        dataset=_live_dataset(),
        area=value if kind == "area" else ALL,
        community=value if kind == "community" else ALL,
        period_kind=period_kind,
    )
    name = f"hate-crime-pack-{slugify(value)}-{period_kind}"
    if fmt == "csv":
        response = HttpResponse(pack_csv(built), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    own_words = _own_words(request, value if kind == "community" else ALL)
    points = built.chart_points()
    chart = (
        trend_svg(points, title=f"Counts per {period_kind}, all strands",
                  description="Counts, the expected band and alarms; the tables give the figures.")
        if points else ""
    )  # fmt: skip
    context = {"pack": built, "kind": kind, "value": value, "own_words": own_words,
               "language": request.GET.get("language", "")}  # fmt: skip
    if fmt == "pdf":
        alt = (
            f"Chart of the counts per {period_kind} over the last year, all strands: the "
            "figures are in the first table."
        )
        image = format_html('<img alt="{}" src="{}">', alt, svg_data_uri(chart)) if chart else ""
        response = HttpResponse(
            render_pdf("monitoring/pack_print.html", context | {"chart": image}),
            content_type="application/pdf",
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
        return response
    return render(request, "monitoring/pack.html", context | {"chart": chart})


def _tension_tables(built: Tension, *, protected: bool) -> list[dict[str, Any]]:
    """Per community: rows of (area, four counts) and the all-areas total; protected for a PDF."""
    tables: list[dict[str, Any]] = []
    for block in built.blocks:
        names = [built.area_names.get(a, a) for a in block.areas]
        rows: list[list[str]] = []
        total: list[str] = []
        if names and protected:
            table = block.protected()
            rows = [[name, *(table.cell(i, j) for j in range(4))] for i, name in enumerate(names)]
            total = ["All areas", *(table.column_total(j) for j in range(4))]
        elif names:
            rows = [
                [name, *map(str, counts)] for name, counts in zip(names, block.counts, strict=True)
            ]
            total = ["All areas", *map(str, block.totals())]
        tables.append({"name": block.name, "code": block.code, "rows": rows, "total": total})
    return tables


@staff_page()
@require_GET
def tension_groups(request: HttpRequest) -> HttpResponse:
    access_monitoring(request.user)
    return render(
        request, "monitoring/tension_groups.html",
        {"groups": tension.tension_groups(), "languages": _language_choices()},
    )  # fmt: skip


@staff_page()
@require_GET
def tension_view(request: HttpRequest, group: str, fmt: str) -> HttpResponse:
    access_monitoring(request.user)
    found = Community.objects.filter(code=group, parent__isnull=True, is_active=True).first()
    if found is None or fmt not in ("html", "pdf"):
        raise Http404
    built = tension.build_tension(dataset=_live_dataset(), group=found, today=dt.date.today())
    protected = fmt == "pdf"
    context = {
        "tension": built,
        "tables": [
            table | {"own": _own_words(request, table["code"])}
            for table in _tension_tables(built, protected=protected)
        ],
        "alarms": built.alarm_lines(protected=protected),
        "columns": tension.COLUMNS,
        "own_words": _own_words(request, found.code),
        "protected": protected,
        "language": request.GET.get("language", ""),
    }
    if fmt == "pdf":
        response = HttpResponse(
            render_pdf("monitoring/tension_print.html", context), content_type="application/pdf"
        )
        name = f"community-tension-{slugify(found.code)}-{built.last.isoformat()}"
        response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
        return response
    return render(request, "monitoring/tension.html", context)
