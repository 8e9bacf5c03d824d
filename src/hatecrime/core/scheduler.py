"""A small scheduler for periodic sweeps, run inside `hatecrime run_worker`.

Apps register jobs with `periodic(name, every=timedelta)`. Each due job is claimed with a
conditional UPDATE on its row, so several workers never run the same sweep twice, and the job
itself is enqueued as a django-tasks task (jobs must be idempotent anyway).
"""

import logging
import os
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.db import close_old_connections
from django.utils import timezone

from hatecrime.core.models import ScheduledJob, WorkerHeartbeat

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    every: timedelta
    task: Any  # a django_tasks Task


JOBS: dict[str, PeriodicJob] = {}


def periodic(name: str, *, every: timedelta) -> Callable[[Any], Any]:
    def register(task: Any) -> Any:
        JOBS[name] = PeriodicJob(name=name, every=every, task=task)
        return task

    return register


def claim_due_jobs() -> list[PeriodicJob]:

    now = timezone.now()
    claimed = []
    for job in JOBS.values():
        row, _ = ScheduledJob.objects.get_or_create(name=job.name)
        won = ScheduledJob.objects.filter(
            pk=row.pk, last_run_at=row.last_run_at, next_run_at__lte=now
        ).update(last_run_at=now, next_run_at=now + job.every)
        if won:
            claimed.append(job)
    return claimed


def run_due_jobs() -> int:
    jobs = claim_due_jobs()
    for job in jobs:
        log.info("enqueueing periodic job %s", job.name)
        job.task.enqueue()
    return len(jobs)


def beat(tick_seconds: float) -> None:
    """Tell `/readyz` this worker is alive; forget workers silent for a day."""
    now = timezone.now()
    WorkerHeartbeat.objects.update_or_create(
        worker=f"{socket.gethostname()}:{os.getpid()}",
        defaults={"seen_at": now, "interval_seconds": tick_seconds},
    )
    WorkerHeartbeat.objects.filter(seen_at__lt=now - timedelta(days=1)).delete()


def worker_alive() -> bool:
    """Whether some worker has ticked within three of its ticks (at least 90 seconds)."""
    now = timezone.now()
    return any(
        now - seen_at <= timedelta(seconds=max(3 * interval, 90))
        for seen_at, interval in WorkerHeartbeat.objects.values_list("seen_at", "interval_seconds")
    )


def run_forever(stop: threading.Event, *, tick_seconds: float = 30.0) -> None:
    while not stop.is_set():
        try:
            beat(tick_seconds)
            run_due_jobs()
        except Exception:
            log.exception("scheduler tick failed; trying again next tick")
        finally:
            close_old_connections()
        stop.wait(tick_seconds)
