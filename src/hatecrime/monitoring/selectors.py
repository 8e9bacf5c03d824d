"""Reads for the dashboard and packs. Each trend is one index range scan of the count cells.

A filter not chosen reads the cube's "all" cells, so no query adds up more than one row per
period (trend) or per area and period (map), however many incidents there are.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Sum

from .models import ALL, Alarm, Dataset, DetectionRun, SeriesCount, TriggerEvent
from .rollups import next_period, period_start
from .series import period_range

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

    def cell_filter(self, *, except_area: bool = False) -> dict[str, object]:
        wanted: dict[str, object] = {"dataset": self.dataset, "period_kind": self.period_kind}
        for dim in TREND_DIMENSIONS:
            if dim == "area" and except_area:
                continue
            wanted[dim] = getattr(self, dim)
        if not self.dataset.has_category_totals:
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


@dataclass
class Trend:
    points: list[TrendPoint] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(p.observed for p in self.points)

    @property
    def total_year_before(self) -> int:
        return sum(p.year_before or 0 for p in self.points)


def _counts(filters: Filters, first: dt.date, last: dt.date) -> dict[dt.date, int]:
    cells = SeriesCount.objects.filter(
        **filters.cell_filter(), period_start__gte=first, period_start__lte=last
    )
    if filters.dataset.has_category_totals:
        rows = cells.filter(category=ALL).values_list("period_start", "count")
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
    """For each area: the count over the chosen span and over the same span a year before."""
    first, last = filters.span()
    end = next_period(last, filters.period_kind) - dt.timedelta(days=1)

    def totals(low: dt.date, high: dt.date) -> dict[str, int]:
        cells = SeriesCount.objects.filter(
            **filters.cell_filter(except_area=True), period_start__gte=low, period_start__lte=high
        ).exclude(area=ALL)
        if filters.dataset.has_category_totals:
            cells = cells.filter(category=ALL)
        rows = cells.values("area").annotate(n=Sum("count"))
        return {r["area"]: r["n"] for r in rows}

    now = totals(first, end)
    before = totals(year_before(first, filters.period_kind), year_before(end, filters.period_kind))
    return {a: (now.get(a, 0), before.get(a, 0)) for a in sorted(set(now) | set(before))}


def latest_run(dataset: Dataset, period_kind: str) -> DetectionRun | None:
    return DetectionRun.objects.filter(dataset=dataset, period_kind=period_kind).first()


def alarms_for(filters: Filters, run: DetectionRun | None) -> list[Alarm]:
    if run is None:
        return []
    first, last = filters.span()
    alarms = Alarm.objects.filter(run=run, period_start__gte=first, period_start__lte=last)
    if filters.area:
        alarms = alarms.filter(area=filters.area)
    if filters.strand:
        alarms = alarms.filter(strand=filters.strand)
    return list(alarms[:200])


def trigger_events(first: dt.date, last: dt.date) -> list[TriggerEvent]:
    return list(TriggerEvent.objects.filter(date__gte=first, date__lte=last))


def choices(dataset: Dataset, dim: str) -> list[str]:
    return list(
        SeriesCount.objects.filter(dataset=dataset)
        .exclude(**{dim: ALL})
        .values_list(dim, flat=True)
        .distinct()
        .order_by(dim)[:500]
    )
