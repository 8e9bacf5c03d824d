"""A small scheduler for periodic sweeps, run inside `hatecrime run_worker`.

Apps register jobs with `periodic(name, every=timedelta)`. Each due job is claimed with a
conditional UPDATE on its row, so several workers never run the same sweep twice in a period,
and the job itself is enqueued as a django-tasks task (jobs must be idempotent anyway: a task
left running by a worker that died is run again, `requeue_abandoned_tasks`).
"""

import logging
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, TypeVar

from django.conf import settings
from django.db import close_old_connections, connection
from django.db.models import Model, QuerySet
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from hatecrime.core.liveness import is_local_process, process_is_gone, this_process
from hatecrime.core.models import ScheduledJob, WorkerHeartbeat

log = logging.getLogger(__name__)
M = TypeVar("M", bound=Model)


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    every: timedelta
    task: Any  # a django_tasks Task


JOBS: dict[str, PeriodicJob] = {}

# On SQLite one connection writes at a time, and a request waiting for the lock polls (at last
# every 100 ms) rather than queueing: a sweep's back-to-back transactions kept every report out
# until it timed out (bench/intake.py: the withdrawal-risk sweep over 2,000 open cases, 20 s
# waits and then 503s). With this pause after each of its transactions the lock is free about
# two thirds of the time. PostgreSQL locks rows and needs none.
SQLITE_PAUSE_SECONDS = 0.02


def rows_read_before_writing(queryset: QuerySet[M], size: int = 500) -> Iterator[M]:
    """Every row of `queryset`, read by id in chunks, each fully fetched before the caller
    writes: a cursor left open while writing fails on SQLite as soon as anyone else commits
    ("database is locked" at once, without waiting)."""
    ids = list(queryset.values_list("pk", flat=True))
    for start in range(0, len(ids), size):
        yield from list(queryset.filter(pk__in=ids[start : start + size]))


def leave_room_for_writers() -> None:
    """Call between the transactions of a long sweep."""
    if connection.vendor == "sqlite":
        time.sleep(SQLITE_PAUSE_SECONDS)


def periodic(name: str, *, every: timedelta) -> Callable[[Any], Any]:
    def register(task: Any) -> Any:
        JOBS[name] = PeriodicJob(name=name, every=every, task=task)
        return task

    return register


def period(job: PeriodicJob) -> timedelta:
    """The job's period in service (HATECRIME_JOB_PERIOD_SCALE shortens it for drills)."""
    return job.every * settings.HATECRIME_JOB_PERIOD_SCALE


def _claim(job: PeriodicJob, now: Any) -> bool:
    row, _ = ScheduledJob.objects.get_or_create(name=job.name)
    won = ScheduledJob.objects.filter(
        pk=row.pk, last_run_at=row.last_run_at, next_run_at__lte=now
    ).update(last_run_at=now, next_run_at=now + period(job))
    return bool(won)


def claim_due_jobs() -> Iterator[PeriodicJob]:
    """Each due job, claimed as it is reached (so its caller can enqueue it before the next)."""
    now = timezone.now()
    return (job for job in JOBS.values() if _claim(job, now))


def run_due_jobs() -> int:
    """Claim each due job and enqueue it at once: a worker that dies between the two loses
    that one period of that one job, never more."""
    enqueued = 0
    for job in claim_due_jobs():
        log.info("enqueueing periodic job %s", job.name)
        job.task.enqueue()
        enqueued += 1
    return enqueued


def beat(tick_seconds: float) -> None:
    """Tell `/readyz` this worker is alive; forget workers silent for a day."""
    now = timezone.now()
    WorkerHeartbeat.objects.update_or_create(
        worker=this_process(), defaults={"seen_at": now, "interval_seconds": tick_seconds}
    )
    WorkerHeartbeat.objects.filter(seen_at__lt=now - timedelta(days=1)).delete()


def _silence_allowed(interval: float) -> timedelta:
    """How long a worker may be silent before it is taken for dead: three of its ticks, and
    at least 90 seconds (a slow tick is not a death)."""
    return timedelta(seconds=max(3 * interval, 90))


def worker_alive() -> bool:
    """Whether some worker has ticked within three of its ticks (at least 90 seconds)."""
    now = timezone.now()
    return any(
        now - seen_at <= _silence_allowed(interval)
        for seen_at, interval in WorkerHeartbeat.objects.values_list("seen_at", "interval_seconds")
    )


def _worker_is_gone(worker: str, started_at: Any, now: Any) -> bool:
    """A worker on this host whose process is gone; one elsewhere (or not named host:pid)
    silent for longer than its heartbeat allows, and for at least that long since the task
    started."""
    if is_local_process(worker):
        return process_is_gone(worker)
    beat_row = WorkerHeartbeat.objects.filter(worker=worker).first()
    if beat_row is not None and now - beat_row.seen_at <= _silence_allowed(
        beat_row.interval_seconds
    ):
        return False
    silence = _silence_allowed(beat_row.interval_seconds if beat_row else 30.0)
    return started_at is None or now - started_at > silence


def requeue_abandoned_tasks() -> int:
    """Put back in the queue every task left running by a worker that died (SIGKILL, a lost
    machine): it runs again from the start, so its effects must be idempotent (messages are:
    notifications.gateway). The conditional UPDATE makes one worker requeue it, once."""
    now = timezone.now()
    requeued = 0
    running = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING)
    for pk, workers, started_at in running.values_list("pk", "worker_ids", "started_at"):
        if not workers or not _worker_is_gone(str(workers[-1]), started_at, now):
            continue
        requeued += DBTaskResult.objects.filter(
            pk=pk, status=TaskResultStatus.RUNNING, started_at=started_at
        ).update(status=TaskResultStatus.READY, started_at=None)
        log.warning("task %s was left running by worker %s, which died: run again", pk, workers)
    return requeued


def run_forever(stop: threading.Event, *, tick_seconds: float = 30.0) -> None:
    while not stop.is_set():
        try:
            beat(tick_seconds)
            requeue_abandoned_tasks()
            run_due_jobs()
        except Exception:
            log.exception("scheduler tick failed; trying again next tick")
        finally:
            close_old_connections()
        stop.wait(tick_seconds)
