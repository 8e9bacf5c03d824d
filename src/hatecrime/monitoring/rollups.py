"""Counts as cells of a small cube, and the live rollups kept from reports and cases.

A record (a report, or an incident in an imported file) adds one to every cell that contains it:
each dimension takes either its own value or `ALL`. Strands are a hierarchy (strand, category):
a report with two strands adds one to each strand and one, not two, to "all strands", so totals
count incidents once (strand totals add up to more than the total, as in published figures).

Live data has two datasets: `live` (by the date it happened) and `live-reported` (by the date it
was reported). `recount_live(since=...)` recounts every period touched by reports submitted
since then (or everything); it is called only by `actions.do_refresh_live_rollups`, run by the
periodic job, the weekly detection and `hatecrime detect --dataset live`
(docs/adr/0111-live-rollups.md). It recounts whole periods, so it is idempotent.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from itertools import product
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from hatecrime.core.communities import parents, with_groups
from hatecrime.core.models import NOT_SURE
from hatecrime.reporting.models import Report

from .models import ALL, Dataset, DatasetKind, PeriodKind, SeriesCount

# (period_kind, period_start, area, strand, category, community, online, crime_type)
CellKey = tuple[str, dt.date, str, str, str, str, str, str]
BATCH = 5000


def week_start(day: dt.date) -> dt.date:
    """Weeks start on Monday (ISO weeks)."""
    return day - dt.timedelta(days=day.weekday())


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def period_start(day: dt.date, period_kind: str) -> dt.date:
    return week_start(day) if period_kind == PeriodKind.WEEK else month_start(day)


def next_period(start: dt.date, period_kind: str) -> dt.date:
    if period_kind == PeriodKind.WEEK:
        return start + dt.timedelta(days=7)
    return (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def _with_all(value: str) -> tuple[str, ...]:
    return (ALL,) if value == ALL else (value, ALL)


def label_cells(labels: Iterable[tuple[str, str]]) -> set[tuple[str, str]]:
    """(strand, category) pairs, each strand on its own, and all strands together."""
    cells = {(ALL, ALL)}
    for strand, category in labels:
        cells.add((strand, category))
        cells.add((strand, ALL))
    return cells


def community_cells(community: str | Sequence[str]) -> tuple[str, ...]:
    """One community (an imported file's) or a record's codes with their groups
    (`core.communities.with_groups`, each once), and `ALL`."""
    if isinstance(community, str):
        return _with_all(community)
    return (*community, ALL)


def cube_cells(
    *,
    area: str,
    labels: Iterable[tuple[str, str]],
    community: str | Sequence[str],
    online: str,
    crime_type: str,
) -> Iterator[tuple[str, str, str, str, str, str]]:
    for a, (s, c), k, o, t in product(
        _with_all(area),
        label_cells(labels),
        community_cells(community),
        _with_all(online),
        _with_all(crime_type),
    ):
        yield a, s, c, k, o, t


def add_record(
    counter: Counter[CellKey],
    day: dt.date,
    *,
    period_kinds: Iterable[str] = (PeriodKind.WEEK, PeriodKind.MONTH),
    count: int = 1,
    **dims: Any,
) -> None:
    for kind in period_kinds:
        start = period_start(day, kind)
        for cell in cube_cells(**dims):
            counter[(kind, start, *cell)] += count


def write_cells(dataset: Dataset, counter: Counter[CellKey]) -> int:
    """Upsert cells, setting each count to the counter's value (so writing twice = once)."""
    rows = (
        SeriesCount(
            dataset=dataset,
            period_kind=k[0],
            period_start=k[1],
            area=k[2][:100],
            strand=k[3][:64],
            category=k[4][:200],
            community=k[5][:100],
            online=k[6],
            crime_type=k[7],
            count=n,
        )
        for k, n in counter.items()
    )
    written = 0
    batch: list[SeriesCount] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= BATCH:
            written += _upsert(batch)
            batch = []
    if batch:
        written += _upsert(batch)
    return written


def _upsert(batch: list[SeriesCount]) -> int:
    SeriesCount.objects.bulk_create(
        batch,
        update_conflicts=True,
        unique_fields=[
            "dataset", "period_kind", "strand", "category", "community", "online",
            "crime_type", "area", "period_start",
        ],
        update_fields=["count"],
    )  # fmt: skip
    return len(batch)


# --- live data ---------------------------------------------------------------------------------


def ensure_live_datasets() -> tuple[Dataset, Dataset]:
    """The two live datasets, made on first use (a write: call it from an action)."""
    by_incident, _ = Dataset.objects.get_or_create(
        name=Dataset.LIVE,
        defaults={"kind": DatasetKind.LIVE, "description": "Live reports by the date it happened"},
    )
    by_report, _ = Dataset.objects.get_or_create(
        name=Dataset.LIVE_REPORTED,
        defaults={"kind": DatasetKind.LIVE, "description": "Live reports by the date reported"},
    )
    return by_incident, by_report


def _report_rows(reports: Any) -> Iterator[dict[str, Any]]:
    """The coarse, non-personal fields of reports (and their cases, where recorded)."""
    fields = ["id", "area__slug", "occurred_on", "submitted_at", "online", "motivations"]
    fields += ["targeted_communities", "case__id", "case__classification", "case__strands"]
    fields.append("case__targeted_communities")
    yield from reports.values(*fields).iterator(chunk_size=2000)


def crime_type_of(classification: str | None) -> str:
    if classification in ("crime", "nchi"):
        return classification
    return "unclassified"


def report_dims(row: dict[str, Any], parent_of: dict[str, str]) -> dict[str, Any]:
    strands = row.get("case__strands") or row.get("motivations") or [NOT_SURE]
    # The case's communities once there is a case (staff may have recoded them), else the
    # report's; each counts under itself and its group (`parent_of`: communities.parents()).
    has_case = row.get("case__id") is not None
    codes = row.get("case__targeted_communities") if has_case else row["targeted_communities"]
    return {
        "area": row["area__slug"],
        "labels": [(str(s), ALL) for s in strands],
        "community": with_groups(codes or [], parent_of),
        "online": "online" if row["online"] else "offline",
        "crime_type": crime_type_of(row.get("case__classification")),
    }


def reported_on(row: dict[str, Any]) -> dt.date:
    return timezone.localtime(row["submitted_at"]).date()


def _periods_query(field: str, periods: set[tuple[str, dt.date]]) -> Q:
    query = Q(pk__in=[])
    for kind, start in periods:
        end = next_period(start, kind)
        if field == "occurred_on":
            query |= Q(occurred_on__gte=start, occurred_on__lt=end)
        else:
            low = timezone.make_aware(dt.datetime.combine(start, dt.time()))
            high = timezone.make_aware(dt.datetime.combine(end, dt.time()))
            query |= Q(submitted_at__gte=low, submitted_at__lt=high)
    return query


def _recount(dataset: Dataset, periods: set[tuple[str, dt.date]], by_report: bool) -> int:
    if not periods:
        return 0
    counter: Counter[CellKey] = Counter()
    parent_of = parents()
    query = _periods_query("submitted_at" if by_report else "occurred_on", periods)
    for row in _report_rows(Report.objects.filter(query)):
        day = reported_on(row) if by_report else row["occurred_on"]
        kinds = [
            k for k in (PeriodKind.WEEK, PeriodKind.MONTH) if (k, period_start(day, k)) in periods
        ]
        add_record(counter, day, period_kinds=kinds, **report_dims(row, parent_of))
    stale = Q(pk__in=[])
    for kind, start in periods:
        stale |= Q(period_kind=kind, period_start=start)
    SeriesCount.objects.filter(stale, dataset=dataset).delete()
    return write_cells(dataset, counter)


def _periods_of(day: dt.date) -> set[tuple[str, dt.date]]:
    return {(k, period_start(day, k)) for k in (PeriodKind.WEEK, PeriodKind.MONTH)}


def recount_live(since: dt.datetime | None = None) -> int:
    """Recount the live datasets: the periods touched by reports submitted since `since`, or all.

    A full recount (since=None) also picks up triage decisions (strands, crime or NCHI) made on
    older reports; the weekly detection job runs one.
    """
    by_incident, by_report = ensure_live_datasets()
    with transaction.atomic():
        if since is None:
            SeriesCount.objects.filter(dataset__in=[by_incident, by_report]).delete()
            incident_counter: Counter[CellKey] = Counter()
            report_counter: Counter[CellKey] = Counter()
            parent_of = parents()
            for row in _report_rows(Report.objects.all()):
                dims = report_dims(row, parent_of)
                add_record(incident_counter, row["occurred_on"], **dims)
                add_record(report_counter, reported_on(row), **dims)
            return write_cells(by_incident, incident_counter) + write_cells(
                by_report, report_counter
            )
        incident_periods: set[tuple[str, dt.date]] = set()
        report_periods: set[tuple[str, dt.date]] = set()
        recent = Report.objects.filter(submitted_at__gte=since)
        for occurred_on, submitted_at in recent.values_list("occurred_on", "submitted_at"):
            incident_periods |= _periods_of(occurred_on)
            report_periods |= _periods_of(timezone.localtime(submitted_at).date())
        return _recount(by_incident, incident_periods, False) + _recount(
            by_report, report_periods, True
        )
