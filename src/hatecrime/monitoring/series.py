"""Series of counts out of a dataset: one per combination of the `--by` dimensions.

What is not in `by` is added up, using the cube's "all" cells where the dataset has them (so an
incident with two biases counts once in an area's total) and summing otherwise. Each series
runs, with zeros filled in, from the dataset's first period to its last (for that period kind).
Weeks start on Monday (ISO weeks); months on the 1st.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Max, Min, QuerySet, Sum

from .models import ALL, Dataset, DatasetKind, SeriesCount
from .rollups import next_period

DIMENSIONS = ("area", "strand", "category", "community", "online", "crime_type")


@dataclass
class SeriesQuery:
    dataset: Dataset
    period_kind: str
    by: list[str] = field(default_factory=list)
    filters: dict[str, list[str]] = field(default_factory=dict)

    def normalised(self) -> SeriesQuery:
        """Live datasets have no published categories: their category is the strand."""
        if self.dataset.kind != DatasetKind.LIVE:
            return self
        by = ["strand" if d == "category" else d for d in self.by]
        filters = dict(self.filters)
        if "category" in filters:
            filters["strand"] = filters.pop("category")
        return SeriesQuery(self.dataset, self.period_kind, list(dict.fromkeys(by)), filters)


def _cells(query: SeriesQuery) -> QuerySet[SeriesCount]:
    cells = SeriesCount.objects.filter(dataset=query.dataset, period_kind=query.period_kind)
    sum_labels = not query.dataset.has_category_totals
    chosen = {dim for dim in DIMENSIONS if dim in query.by or query.filters.get(dim)}
    for dim in DIMENSIONS:
        wanted = [v for v in query.filters.get(dim, []) if v != ALL]
        if dim in chosen:
            cells = cells.exclude(**{dim: ALL})
            if wanted:
                cells = cells.filter(**{f"{dim}__in": wanted})
        elif dim == "strand" and "category" in chosen:
            cells = cells.exclude(strand=ALL)  # a category belongs to one strand
        elif sum_labels and dim in ("strand", "category"):
            cells = cells.exclude(**{dim: ALL})  # no totals: add the categories up
        else:
            cells = cells.filter(**{dim: ALL})
    return cells


def period_range(first: dt.date, last: dt.date, period_kind: str) -> list[dt.date]:
    periods, current = [], first
    while current <= last:
        periods.append(current)
        current = next_period(current, period_kind)
    return periods


def dataset_span(dataset: Dataset, period_kind: str) -> tuple[dt.date, dt.date] | None:
    span = SeriesCount.objects.filter(dataset=dataset, period_kind=period_kind).aggregate(
        first=Min("period_start"), last=Max("period_start")
    )
    if span["first"] is None:
        return None
    return span["first"], span["last"]


SeriesKey = tuple[str, ...]


def series_frame(query: SeriesQuery) -> tuple[list[dt.date], dict[SeriesKey, list[int]]]:
    """The periods, and for each key (values of `by`, in order) a count per period."""
    query = query.normalised()
    span = dataset_span(query.dataset, query.period_kind)
    if span is None:
        return [], {}
    periods = period_range(*span, query.period_kind)
    position = {p: i for i, p in enumerate(periods)}
    rows = (
        _cells(query)
        .values(*query.by, "period_start")
        .annotate(total=Sum("count"))
        .order_by(*query.by, "period_start")
    )
    series: dict[SeriesKey, list[int]] = defaultdict(lambda: [0] * len(periods))
    for row in rows:
        key = tuple(str(row[d]) for d in query.by)
        series[key][position[row["period_start"]]] += int(row["total"])
    if not query.by and not series:
        series[()] = [0] * len(periods)
    return periods, dict(sorted(series.items()))


def distinct_values(dataset: Dataset, dim: str) -> list[str]:
    cells = SeriesCount.objects.filter(dataset=dataset).exclude(**{dim: ALL})
    return list(cells.values_list(dim, flat=True).distinct().order_by(dim))


def _key(value: str) -> str:
    """Filter values match ignoring case and punctuation: `anti-jewish` is `Anti-Jewish`."""
    return re.sub(r"[^0-9a-z]+", "", value.lower())


def resolve_filters(dataset: Dataset, filters: dict[str, list[str]]) -> dict[str, list[str]]:
    """The dataset's own spelling of each filter value; ValueError listing the valid ones."""
    resolved: dict[str, list[str]] = {}
    for dim, given in filters.items():
        stored = "strand" if dim == "category" and dataset.kind == DatasetKind.LIVE else dim
        valid = distinct_values(dataset, stored)
        by_key = {_key(v): v for v in valid}
        out = []
        for value in given:
            match = by_key.get(_key(value))
            if match is None:
                listed = ", ".join(valid) if valid else f"none (the dataset has no {dim}s)"
                raise ValueError(
                    f"--{dim}: {value!r} is not in dataset {dataset.name!r}; valid: {listed}"
                )
            out.append(match)
        resolved[dim] = out
    return resolved


def _has_a_first(week: dt.date) -> bool:
    """The week starting on ``week`` contains the 1st of a month."""
    return week.day == 1 or (week + dt.timedelta(days=6)).month != week.month


def month_only(dataset: Dataset) -> bool:
    """The dataset's dates are months: no weekly counts, or every incident on a month's 1st."""
    weeks = list(
        SeriesCount.objects.filter(dataset=dataset, period_kind="week", count__gt=0)
        .values_list("period_start", flat=True)
        .distinct()
    )
    if not weeks:
        return SeriesCount.objects.filter(dataset=dataset, period_kind="month").exists()
    return len(weeks) >= 6 and all(_has_a_first(w) for w in weeks)


def choose_period(dataset: Dataset, asked: str | None, note: Callable[[str], object]) -> str:
    """``asked``, or week by default; month (with a note) where the dates are months only.

    ``--period week`` on month-only data is refused (ValueError): weekly series of monthly
    dates put a month's incidents in one week and nothing in the others.
    """
    if dataset.kind == DatasetKind.LIVE:
        return asked or "week"
    monthly = month_only(dataset)
    if monthly and asked == "week":
        raise ValueError(
            f"dataset {dataset.name!r} has month-only dates (every count falls on the 1st of "
            "a month): weekly series would be meaningless; use --period month"
        )
    if monthly and asked is None:
        note(f"dataset {dataset.name!r} has month-only dates: judging monthly series")
        return "month"
    return asked or "week"
