"""Scheduled work: keep the live rollups fresh, judge live data once a week, and make the public
open data file once a day.

A new alarm (one the previous weekly run did not raise) is shown to command and to the
supervisors of its area on the dashboard, and sent through the notification gateway with no
personal data (area, count of new alarms, a link): see `actions.do_run_weekly_detection`.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from hatecrime.core.scheduler import periodic

from .actions import do_publish_open_data, do_refresh_live_rollups, do_run_weekly_detection
from .open_data import EVERY


@periodic("monitoring-weekly-detection", every=timedelta(days=7))
@task()
def weekly_detection_task() -> int:
    return do_run_weekly_detection().pk


@periodic("monitoring-refresh-rollups", every=timedelta(minutes=15))
@task()
def refresh_rollups_task() -> int:
    return do_refresh_live_rollups(since=timezone.now() - timedelta(minutes=30))


OPEN_DATA_JOB = "monitoring-open-data"


@periodic(OPEN_DATA_JOB, every=EVERY)
@task()
def publish_open_data_task() -> int | None:
    return do_publish_open_data()
