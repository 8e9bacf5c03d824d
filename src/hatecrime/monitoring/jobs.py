"""Scheduled work: keep the live rollups fresh and judge live data once a week.

A new alarm (one the previous weekly run did not raise) is shown to command and to the
supervisors of its area on the dashboard, and sent through the notification gateway with no
personal data (area, count of new alarms, a link).
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from datetime import timedelta
from functools import partial
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks import task

from hatecrime.core.scheduler import periodic

from .alarms import judge, save_run
from .models import Alarm, AlarmNotice, DetectionRun
from .rollups import live_datasets, refresh_live_rollups
from .series import SeriesQuery

log = logging.getLogger(__name__)
WEEKLY_BY = ["area", "strand"]


def _recipients(area: str) -> list[Any]:
    from hatecrime.accounts.models import User

    users = User.objects.filter(is_active=True).filter(
        Q(role="command") | Q(role="supervisor", areas__slug=area)
    )
    return list(users.distinct())


def _link() -> str:
    return f"{settings.SITE_URL.rstrip('/')}/staff/monitoring/"


def _area_names(slugs: set[str]) -> str:
    from hatecrime.core.models import Area

    names = dict(Area.objects.filter(slug__in=slugs).values_list("slug", "name"))
    shown = sorted(names.get(slug, slug) if slug else "all areas" for slug in slugs)
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]


def _send(user: Any, areas: set[str], count: int) -> None:
    """One message per recipient per run: area names, a count and a link, nothing else."""
    from hatecrime.notifications.gateway import send_message

    if not user.email:
        log.info("no email for user %s: new alarm notice shown in the app only", user.pk)
        return
    send_message(
        to=user.email,
        template="monitoring_new_alarm",
        context={"area": _area_names(areas), "count": count, "link": _link()},
        purpose="monitoring_alarm",
    )


def notify_new_alarms(run: DetectionRun) -> int:
    """In-app notices for the run's new alarms to command and the area's supervisors, and one
    message to each of them (after commit) for the notices created; returns notices created.
    Calling it again for the same run creates and sends nothing."""
    created = 0
    areas: dict[int, set[str]] = defaultdict(set)
    counts: Counter[int] = Counter()
    users: dict[int, Any] = {}
    with transaction.atomic():
        for alarm in Alarm.objects.filter(run=run, is_new=True):
            for user in _recipients(alarm.area):
                _, made = AlarmNotice.objects.get_or_create(alarm=alarm, recipient=user)
                if made:
                    created += 1
                    areas[user.pk].add(alarm.area)
                    counts[user.pk] += 1
                    users[user.pk] = user
        for pk, user in users.items():
            transaction.on_commit(partial(_send, user, areas[pk], counts[pk]))
    return created


def weekly_detection(*, today: object = None) -> DetectionRun:
    refresh_live_rollups()
    by_incident, _ = live_datasets()
    query = SeriesQuery(dataset=by_incident, period_kind="week", by=WEEKLY_BY)
    # Only the last eight weeks are kept as alarms: older ones were judged by earlier runs.
    since = timezone.localdate() - timedelta(weeks=8)
    judgements = judge(query, method="auto", date_from=since)
    run = save_run(query, judgements, method="auto", params={}, scheduled=True)
    notify_new_alarms(run)
    return run


@periodic("monitoring-weekly-detection", every=timedelta(days=7))
@task()
def weekly_detection_task() -> int:
    return weekly_detection().pk


@periodic("monitoring-refresh-rollups", every=timedelta(minutes=15))
@task()
def refresh_rollups_task() -> int:
    return refresh_live_rollups(since=timezone.now() - timedelta(minutes=30))
