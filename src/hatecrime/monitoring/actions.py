"""Every monitoring write: atomic, with its audit event in the same transaction, side effects
(messages) only after commit. Pages, commands and jobs call these and nothing else to write.

Monitoring holds no personal data, but its counts are made by combining reports, and alarms are
disclosed to the people told of them: the audit records both (`combine`, `disclose`).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter, defaultdict
from functools import partial
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from hatecrime.accounts.models import Role, User
from hatecrime.accounts.permissions import has_permission
from hatecrime.audit.actions import record_event
from hatecrime.core.models import Area
from hatecrime.notifications.gateway import send_message

from .alarms import Judgement, judge
from .models import (
    ALL,
    Alarm,
    AlarmNotice,
    Dataset,
    DatasetKind,
    DetectionRun,
    JudgedPeriod,
    TriggerEvent,
)
from .open_data import open_data_csv, open_data_path, write_atomically
from .rollups import ensure_live_datasets, recount_live
from .series import DIMENSIONS, SeriesQuery

log = logging.getLogger(__name__)
SYSTEM = "system"
# The series the weekly job judges: every shape the dashboard, the map and the packs show by
# default and the community tension view needs (totals, per strand, per area, per community, per
# area and community, and so on), each as one run. Notices come
# from the finest shape only (area and strand, judged last), as one rise is one alarm.
WEEKLY_SHAPES = [
    [],
    ["strand"],
    ["area"],
    ["community"],
    ["community", "strand"],
    ["area", "community"],
    ["area", "strand"],
]
WEEKLY_WINDOW = dt.timedelta(weeks=8)  # periods older than this were judged by earlier runs


@transaction.atomic
def do_record_trigger_event(*, actor: User | str, date: dt.date, label: str) -> TriggerEvent:
    user = actor if isinstance(actor, User) else None
    event = TriggerEvent.objects.create(date=date, label=label, created_by=user, modified_by=user)
    record_event(
        "collect",
        actor=actor,
        object_type="trigger_event",
        object_id=str(event.pk),
        fields=["date", "label"],
    )
    return event


@transaction.atomic
def do_refresh_live_rollups(*, actor: User | str = SYSTEM, since: dt.datetime | None = None) -> int:
    """Recount the live counts from the reports (all of them, or those submitted since)."""
    cells = recount_live(since=since)
    record_event(
        "combine",
        actor=actor,
        object_type="dataset",
        object_id=Dataset.LIVE,
        fields=["area", "occurred_on", "submitted_at", "online", "strands", "community"],
        detail={"cells": cells, "since": since.isoformat() if since else None},
    )
    return cells


def _previous_keys(run: DetectionRun) -> set[tuple[str, ...]]:
    before = (
        DetectionRun.objects.filter(
            dataset=run.dataset, period_kind=run.period_kind, by=run.by, pk__lt=run.pk
        )
        .order_by("-pk")
        .first()
    )
    if before is None:
        return set()
    return {alarm.series_key() for alarm in before.alarms.all()}


def _dimensions(query: SeriesQuery, judgement: Judgement) -> dict[str, str]:
    """The alarm's series: from the judgement where it names one, else as the run's `by` says."""
    if judgement.series:
        return judgement.series
    strand = judgement.strand or (judgement.category if "strand" in query.by else ALL)
    return {
        "area": ALL if judgement.area == "all" else judgement.area,
        "strand": strand,
        "category": judgement.category if "category" in query.by else ALL,
        "community": judgement.community,
        "online": judgement.online,
        "crime_type": judgement.crime_type,
    }


@transaction.atomic
def do_save_detection_run(
    *,
    actor: User | str,
    query: SeriesQuery,
    judgements: list[Judgement],
    method: str,
    params: dict[str, Any],
    scheduled: bool = False,
) -> DetectionRun:
    """Keep a run, its alarms (new when the previous comparable run did not raise them) and
    every period it judged of the series pages show (what `selectors.judged_series` reads)."""
    query = query.normalised()
    run = DetectionRun.objects.create(
        dataset=query.dataset,
        period_kind=query.period_kind,
        by=",".join(query.by),
        method=method,
        params={k: v for k, v in params.items() if v is not None},
        scheduled=scheduled,
        series_count=len({tuple(_dimensions(query, j).values()) for j in judgements}),
    )
    previous = _previous_keys(run)
    alarms, judged = [], []
    for j in judgements:
        dims = _dimensions(query, j)
        if j.judged and j.series:
            judged.append(
                JudgedPeriod(
                    run=run, **dims, period_start=j.period, observed=j.observed,
                    expected=j.expected, upper=j.upper, alarm=j.alarm, method=j.method,
                    nowcast=j.nowcast, nowcast_low=j.nowcast_low, nowcast_high=j.nowcast_high,
                )
            )  # fmt: skip
        if not j.alarm:
            continue
        alarm = Alarm(
            run=run, **dims, period_start=j.period, observed=j.observed, expected=j.expected,
            upper=j.upper, score=j.score, method=j.method, explanation=j.explanation[:2000],
        )  # fmt: skip
        # New: not raised by the previous comparable run, and the start of its episode (an
        # alarm that continues a rise already alarmed gives no new notice: ADR 0901).
        continuing = j.episode_start is not None and j.episode_start < j.period
        alarm.is_new = alarm.series_key() not in previous and not continuing
        alarms.append(alarm)
    Alarm.objects.bulk_create(alarms)
    JudgedPeriod.objects.bulk_create(judged, batch_size=2000)
    run.alarm_count = len(alarms)
    run.save(update_fields=["alarm_count"])
    record_event(
        "combine",
        actor=actor,
        object_type="detection_run",
        object_id=str(run.pk),
        fields=["counts"],
        detail={
            "dataset": query.dataset.name, "period": query.period_kind, "by": run.by,
            "method": method, "series": run.series_count, "alarms": run.alarm_count,
        },
    )  # fmt: skip
    return run


def do_run_detection(
    *,
    actor: User | str,
    query: SeriesQuery,
    method: str = "auto",
    params: dict[str, Any] | None = None,
    date_from: dt.date | None = None,
    scheduled: bool = False,
) -> DetectionRun:
    judgements = judge(query, method=method, params=params or {}, date_from=date_from)
    return do_save_detection_run(
        actor=actor, query=query, judgements=judgements, method=method,
        params=params or {}, scheduled=scheduled,
    )  # fmt: skip


def _recipients(area: str) -> list[User]:
    users = User.objects.filter(is_active=True).filter(
        Q(role=Role.COMMAND) | Q(role=Role.SUPERVISOR, areas__slug=area)
    )
    return list(users.distinct())


def _area_names(slugs: set[str]) -> str:
    names = dict(Area.objects.filter(slug__in=slugs).values_list("slug", "name"))
    shown = sorted(names.get(slug, slug) if slug else "all areas" for slug in slugs)
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]


def _send(user: User, areas: set[str], count: int) -> None:
    """One message per recipient per run: area names, a count and a link, nothing else."""
    if not user.email:
        log.info("no email for user %s: new alarm notice shown in the app only", user.pk)
        return
    send_message(
        to=user.email,
        template="monitoring_new_alarm",
        context={
            "area": _area_names(areas),
            "count": count,
            "link": f"{settings.SITE_URL.rstrip('/')}/staff/monitoring/",
        },
        purpose="monitoring_alarm",
    )


@transaction.atomic
def do_notify_new_alarms(*, run: DetectionRun) -> int:
    """In-app notices for the run's new alarms to command and the area's supervisors, and one
    message to each of them (after commit) for the notices created; returns notices created.
    Calling it again for the same run creates and sends nothing."""
    created = 0
    areas: dict[int, set[str]] = defaultdict(set)
    counts: Counter[int] = Counter()
    users: dict[int, User] = {}
    for alarm in Alarm.objects.filter(run=run, is_new=True):
        for user in _recipients(alarm.area):
            _, made = AlarmNotice.objects.get_or_create(alarm=alarm, recipient=user)
            if made:
                created += 1
                areas[user.pk].add(alarm.area)
                counts[user.pk] += 1
                users[user.pk] = user
    for pk, user in users.items():
        record_event(
            "disclose",
            actor=SYSTEM,
            object_type="detection_run",
            object_id=str(run.pk),
            recipient=f"user {pk}",
            fields=["alarms"],
            detail={"notices": counts[pk]},
        )
        transaction.on_commit(partial(_send, user, areas[pk], counts[pk]))
    return created


def do_run_weekly_detection(*, actor: User | str = SYSTEM) -> DetectionRun:
    """Recount the live counts, judge the last weeks of every shape shown by default (weekly
    and monthly), tell people of new alarms; returns the area-and-strand weekly run."""
    do_refresh_live_rollups(actor=actor)
    by_incident, _ = ensure_live_datasets()
    since = timezone.localdate() - WEEKLY_WINDOW
    for period_kind in ("month", "week"):
        for by in WEEKLY_SHAPES:
            query = SeriesQuery(dataset=by_incident, period_kind=period_kind, by=by)
            run = do_run_detection(actor=actor, query=query, date_from=since, scheduled=True)
    do_notify_new_alarms(run=run)  # the last: weekly, by area and strand
    return run


def do_run_detection_now(
    *, actor: User, dataset: Dataset, period_kind: str, series: dict[str, str]
) -> list[DetectionRun]:
    """An analyst's "run now" for the series a page shows: that series, and the same series in
    each area (the map), judged over the whole history."""
    if not has_permission(actor, "run_detection"):
        raise PermissionDenied
    if dataset.kind == DatasetKind.LIVE:
        do_refresh_live_rollups(actor=actor)
    fixed = {dim: [value] for dim, value in series.items() if value != ALL and dim in DIMENSIONS}
    areas = {dim: values for dim, values in fixed.items() if dim != "area"}
    return [
        do_run_detection(
            actor=actor, query=SeriesQuery(dataset, period_kind, by=[], filters=fixed)
        ),
        do_run_detection(
            actor=actor, query=SeriesQuery(dataset, period_kind, by=["area"], filters=areas)
        ),
    ]


@transaction.atomic
def do_dismiss_alarm_notice(*, actor: User, notice: AlarmNotice) -> AlarmNotice:
    if notice.seen_on is None:
        notice.seen_on = timezone.now()
        notice.save(update_fields=["seen_on"])
        record_event(
            "alter",
            actor=actor,
            object_type="alarm_notice",
            object_id=str(notice.pk),
            fields=["seen_on"],
        )
    return notice


def do_publish_open_data(*, actor: User | str = SYSTEM) -> int | None:
    """Make the public open data file from the live counts (monthly, protected) and store it
    atomically; returns its size in bytes, or None before the live counts exist."""
    dataset = Dataset.objects.filter(name=Dataset.LIVE).first()
    if dataset is None:
        return None
    text = open_data_csv(dataset=dataset, period_kind="month")
    write_atomically(open_data_path(), text)
    record_event(
        "disclose",
        actor=actor,
        object_type="dataset",
        object_id=Dataset.LIVE,
        recipient="the public (open data)",
        fields=["counts"],
        detail={"bytes": len(text.encode()), "file": open_data_path().name},
    )
    return len(text.encode())
