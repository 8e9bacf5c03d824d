"""Reads for the dashboard and packs. Each trend is one index range scan of the count cells.

A filter not chosen reads the cube's "all" cells, so no query adds up more than one row per
period (trend) or per area and period (map), however many incidents there are.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.db.models import Sum

from hatecrime.core.models import Area

from .models import (
    ALL,
    Alarm,
    AlarmNotice,
    Dataset,
    DetectionRun,
    JudgedPeriod,
    SeriesCount,
    TriggerEvent,
)
from .rollups import next_period, period_start
from .series import DIMENSIONS, period_range

TREND_DIMENSIONS = ("area", "strand", "community", "online", "crime_type")


@dataclass
class Filters:
    dataset: Dataset
    period_kind: str = "week"
    area: str = ALL
    strand: str = ALL
    community: str = ALL
    online: str = ALL
    crime_type: str = ALL
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    # One category of an imported dataset (its cells carry their own strand), or ALL.
    category: str = ALL
    # Live data: the code of the force whose areas the by-area figures show, or ALL.
    force: str = ALL

    def cell_filter(self, *, except_area: bool = False) -> dict[str, object]:
        wanted: dict[str, object] = {"dataset": self.dataset, "period_kind": self.period_kind}
        for dim in TREND_DIMENSIONS:
            if dim == "area" and except_area:
                continue
            wanted[dim] = getattr(self, dim)
        if self.category != ALL:
            wanted["category"] = self.category
        if self.category != ALL or not self.dataset.has_category_totals:
            wanted.pop("strand")
        return wanted

    def span(self) -> tuple[dt.date, dt.date]:
        today = dt.date.today()
        last = period_start(self.date_to or today, self.period_kind)
        first = period_start(
            self.date_from
            or (last - dt.timedelta(weeks=104 if self.period_kind == "week" else 260)),
            self.period_kind,
        )
        return first, last


@dataclass
class TrendPoint:
    period: dt.date
    observed: int
    year_before: int | None = None
    expected: float | None = None
    upper: float | None = None
    alarm: bool = False
    nowcast: tuple[float, float, float] | None = None  # not yet fully reported: ADR 0902


@dataclass
class Trend:
    points: list[TrendPoint] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(p.observed for p in self.points)

    @property
    def corrected(self) -> bool:
        """Some period is shown corrected for reports not yet made (ADR 0902)."""
        return any(p.nowcast for p in self.points)

    @property
    def total_year_before(self) -> int:
        return sum(p.year_before or 0 for p in self.points)


def _counts(filters: Filters, first: dt.date, last: dt.date) -> dict[dt.date, int]:
    cells = SeriesCount.objects.filter(
        **filters.cell_filter(), period_start__gte=first, period_start__lte=last
    )
    if filters.category != ALL or filters.dataset.has_category_totals:
        rows = cells.filter(category=filters.category).values_list("period_start", "count")
        return dict(rows)
    summed = cells.exclude(category=ALL).values("period_start").annotate(n=Sum("count"))
    return {r["period_start"]: r["n"] for r in summed}


def year_before(day: dt.date, period_kind: str) -> dt.date:
    if period_kind == "week":
        return day - dt.timedelta(weeks=52)
    return day.replace(year=day.year - 1)


def trend(filters: Filters) -> Trend:
    first, last = filters.span()
    periods = period_range(first, last, filters.period_kind)
    counts = _counts(filters, first, last)
    before = _counts(
        filters, year_before(first, filters.period_kind), year_before(last, filters.period_kind)
    )
    return Trend(
        [
            TrendPoint(p, counts.get(p, 0), before.get(year_before(p, filters.period_kind), 0))
            for p in periods
        ]
    )


def area_totals(filters: Filters) -> dict[str, tuple[int, int]]:
    """For each area (of the chosen force, or every area): the count over the chosen span and
    over the same span a year before."""
    first, last = filters.span()
    end = next_period(last, filters.period_kind) - dt.timedelta(days=1)
    slugs = None
    if filters.force != ALL:
        slugs = list(Area.objects.filter(force__code=filters.force).values_list("slug", flat=True))

    def totals(low: dt.date, high: dt.date) -> dict[str, int]:
        cells = SeriesCount.objects.filter(
            **filters.cell_filter(except_area=True), period_start__gte=low, period_start__lte=high
        ).exclude(area=ALL)
        if filters.category != ALL or filters.dataset.has_category_totals:
            cells = cells.filter(category=filters.category)
        if slugs is not None:
            cells = cells.filter(area__in=slugs)
        rows = cells.values("area").annotate(n=Sum("count"))
        return {r["area"]: r["n"] for r in rows}

    now = totals(first, end)
    before = totals(year_before(first, filters.period_kind), year_before(end, filters.period_kind))
    return {a: (now.get(a, 0), before.get(a, 0)) for a in sorted(set(now) | set(before))}


# --- judgements: the one truth for expected levels and alarms ---------------------------------

SeriesKey = tuple[str, str, str, str, str, str]  # a value or ALL for each of series.DIMENSIONS


@dataclass(frozen=True)
class Verdict:
    """One period of one series, as the latest run that judged that period judged it."""

    run_id: int
    series: SeriesKey
    period: dt.date
    observed: int
    expected: float | None
    upper: float | None
    alarm: bool
    method: str
    nowcast: tuple[float, float, float] | None = None  # estimate, low, high (ADR 0902)

    @property
    def area(self) -> str:
        return self.series[0]


def latest_verdicts(
    dataset: Dataset,
    period_kind: str,
    first: dt.date,
    last: dt.date,
    series: dict[str, str | list[str] | None],
) -> dict[tuple[SeriesKey, dt.date], Verdict]:
    """For each series matching `series` (per dimension: a value, a list of values, or None for
    any) and each period from `first` to `last`: the judgement of the latest run that judged it.
    Every page that shows expected levels or alarms reads this, so that they all agree."""
    rows = JudgedPeriod.objects.filter(
        run__dataset=dataset, run__period_kind=period_kind,
        period_start__gte=first, period_start__lte=last,
    )  # fmt: skip
    for dim, wanted in series.items():
        if isinstance(wanted, list):
            rows = rows.filter(**{f"{dim}__in": wanted})
        elif wanted is not None:
            rows = rows.filter(**{dim: wanted})
    fields = [*DIMENSIONS, "period_start", "run_id", "observed", "expected", "upper", "alarm"]
    chosen: dict[tuple[SeriesKey, dt.date], Verdict] = {}
    extra = ("method", "nowcast", "nowcast_low", "nowcast_high")
    for row in rows.order_by("-run_id").values_list(*fields, *extra):
        key: SeriesKey = row[:6]
        corrected = None if row[13] is None else (row[13], row[14], row[15])
        chosen.setdefault(
            (key, row[6]),
            Verdict(row[7], key, row[6], row[8], row[9], row[10], row[11], row[12], corrected),
        )
    return chosen


def alarms_of(verdicts: Iterable[Verdict]) -> list[Alarm]:
    """The stored alarms (with their explanation and run) behind the verdicts that alarmed."""
    wanted = {(v.run_id, v.series, v.period) for v in verdicts if v.alarm}
    if not wanted:
        return []
    found = Alarm.objects.filter(
        run_id__in={run for run, _, _ in wanted}, period_start__in={p for _, _, p in wanted}
    ).select_related("run")
    alarms = [
        a for a in found
        if (a.run_id, tuple(getattr(a, dim) for dim in DIMENSIONS), a.period_start) in wanted
    ]  # fmt: skip
    return sorted(alarms, key=lambda a: (a.period_start, a.area, a.strand), reverse=True)


def runs_named(verdicts: Iterable[Verdict]) -> list[DetectionRun]:
    return list(DetectionRun.objects.filter(pk__in={v.run_id for v in verdicts}).order_by("-pk"))


@dataclass
class Judged:
    """What stored runs said about the series a page shows (`chart`, period by period) and about
    the same series in each area (`areas`); `alarms` lists the alarms of both."""

    chart: dict[dt.date, Verdict]
    areas: dict[str, list[Verdict]]
    alarms: list[Alarm]
    runs: list[DetectionRun]

    @property
    def alarmed_areas(self) -> set[str]:
        return {area for area, verdicts in self.areas.items() if any(v.alarm for v in verdicts)}


def judged_series(filters: Filters) -> Judged:
    """The one reading of alarms for the dashboard: the chart's series, and per area for the
    map, each period from the latest run that judged it."""
    first, last = filters.span()
    wanted: dict[str, str | list[str] | None] = {
        dim: getattr(filters, dim, ALL) for dim in DIMENSIONS if dim != "area"
    }
    wanted["area"] = None
    if filters.category != ALL:
        wanted["strand"] = None  # a category's series carries its own strand
    verdicts = latest_verdicts(filters.dataset, filters.period_kind, first, last, wanted)
    chart = {period: v for (key, period), v in verdicts.items() if key[0] == filters.area}
    areas: dict[str, list[Verdict]] = {}
    for (key, _period), verdict in verdicts.items():
        if key[0] != ALL:
            areas.setdefault(key[0], []).append(verdict)
    shown = [*chart.values(), *(v for vs in areas.values() for v in vs)]
    return Judged(chart, areas, alarms_of(shown), runs_named(shown))


def with_judgements(points: list[TrendPoint], chart: dict[dt.date, Verdict]) -> None:
    for point in points:
        verdict = chart.get(point.period)
        if verdict is not None:
            point.expected, point.upper, point.alarm = (
                verdict.expected,
                verdict.upper,
                verdict.alarm,
            )
            # The correction as judged, if the count has not moved on since (a later recount
            # with more reports in makes it stale until the next run).
            if verdict.nowcast is not None and verdict.observed == point.observed:
                point.nowcast = verdict.nowcast


def dataset_named(name: str) -> Dataset | None:
    """A dataset, if it exists (the live ones are made by the first recount, not by a page)."""
    return Dataset.objects.filter(name=name).first()


def unseen_notices(user: Any) -> list[AlarmNotice]:
    notices = AlarmNotice.objects.filter(recipient_id=user.pk, seen_on__isnull=True)
    return list(notices.select_related("alarm")[:50])


def communities_counted(dataset: Dataset | None) -> list[str]:
    if dataset is None:
        return []
    return list(
        SeriesCount.objects.filter(dataset=dataset)
        .exclude(community=ALL)
        .values_list("community", flat=True)
        .distinct()
        .order_by("community")[:200]
    )


def trigger_events(first: dt.date, last: dt.date) -> list[TriggerEvent]:
    return list(TriggerEvent.objects.filter(date__gte=first, date__lte=last))


@dataclass(frozen=True)
class DatasetSummary:
    """What `hatecrime datasets` lists: a dataset's areas, categories, periods and counts."""

    name: str
    kind: str
    source_format: str
    period_kinds: list[str]
    first: dt.date | None
    last: dt.date | None
    areas: list[str]
    categories: list[str]
    total: int | None  # None where the categories overlap (no "all categories" cells)

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name, "kind": self.kind, "source_format": self.source_format,
            "period_kinds": self.period_kinds,
            "first": self.first.isoformat() if self.first else None,
            "last": self.last.isoformat() if self.last else None,
            "areas": self.areas, "categories": self.categories, "total": self.total,
        }  # fmt: skip


def dataset_summaries() -> list[DatasetSummary]:
    summaries = []
    for dataset in Dataset.objects.all():
        cells = SeriesCount.objects.filter(dataset=dataset)
        kinds = sorted(set(cells.values_list("period_kind", flat=True).distinct()))
        # Totals from the coarsest period kept (a month holds every week's incidents).
        kind = "month" if "month" in kinds else (kinds[0] if kinds else "")
        top = cells.filter(period_kind=kind, area=ALL, strand=ALL, community=ALL)
        top = top.filter(online=ALL, crime_type=ALL)
        span = cells.filter(period_kind=kind).aggregate(
            first=models.Min("period_start"), last=models.Max("period_start")
        )
        total = None
        if dataset.has_category_totals:
            total = top.filter(category=ALL).aggregate(n=Sum("count"))["n"] or 0
        summaries.append(
            DatasetSummary(
                name=dataset.name,
                kind=dataset.kind,
                source_format=dataset.source_format,
                period_kinds=kinds,
                first=span["first"],
                last=span["last"],
                areas=_distinct(cells, "area"),
                categories=_distinct(cells, "category"),
                total=total,
            )
        )
    return summaries


def _distinct(cells: Any, column: str) -> list[str]:
    values = cells.exclude(**{column: ALL}).values_list(column, flat=True).distinct()
    return sorted(values.order_by())


def dataset_areas(dataset: Dataset) -> list[str]:
    """The areas an imported dataset's counts name (live data's are the areas of core)."""
    return _distinct(SeriesCount.objects.filter(dataset=dataset), "area")


def dataset_categories(dataset: Dataset) -> list[str]:
    return _distinct(SeriesCount.objects.filter(dataset=dataset), "category")
