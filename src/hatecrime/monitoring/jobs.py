"""Scheduled work: keep the live rollups fresh and judge live data once a week.

A new alarm (one the previous weekly run did not raise) is shown to command and to the
supervisors of its area on the dashboard, and sent through the notification gateway with no
personal data (area, count of new alarms, a link).
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
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


def _recipients(area: str) -> list:  # type: ignore[type-arg]
    from hatecrime.accounts.models import User

    users = User.objects.filter(is_active=True).filter(
        Q(role="command") | Q(role="supervisor", areas__slug=area)
    )
    return list(users.distinct())


def _send(user: object, area: str, count: int) -> None:
    email = getattr(user, "email", "")
    if not email:
        return
    try:
        from hatecrime.notifications.gateway import send_message
    except ImportError:
        log.info("no notification gateway: %s new alarm(s) in %s", count, area or "all areas")
        return
    try:
        send_message(
            to=email,
            template="monitoring_new_alarm",
            context={"area": area or "all areas", "count": count, "link": _link()},
            purpose="monitoring alarm",
        )
    except KeyError:  # the gateway has no monitoring template yet
        log.info("no monitoring_new_alarm template: %s new alarm(s) in %s", count, area)


def _link() -> str:
    return f"{getattr(settings, 'SITE_URL', '')}/staff/monitoring/"


def notify_new_alarms(run: DetectionRun) -> int:
    """In-app notices and messages for the run's new alarms; returns notices created."""
    created = 0
    by_user: dict[tuple[int, str], int] = {}
    users: dict[int, object] = {}
    for alarm in Alarm.objects.filter(run=run, is_new=True):
        for user in _recipients(alarm.area):
            _, made = AlarmNotice.objects.get_or_create(alarm=alarm, recipient=user)
            created += int(made)
            by_user[(user.pk, alarm.area)] = by_user.get((user.pk, alarm.area), 0) + 1
            users[user.pk] = user
    for (pk, area), count in by_user.items():
        _send(users[pk], area, count)
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
