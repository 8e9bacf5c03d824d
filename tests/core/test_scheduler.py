"""The periodic scheduler of `run_worker`: each job once per period whatever the number of
workers, periods scaled for drills, and tasks left running by a dead worker run again."""

import datetime as dt
import subprocess
import sys

import pytest
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from hatecrime.core import scheduler
from hatecrime.core.liveness import process_is_gone, this_process
from hatecrime.core.models import ScheduledJob, WorkerHeartbeat

pytestmark = pytest.mark.django_db

JOB = "notifications.due_messages"  # every minute


def claimed_names() -> set[str]:
    return {job.name for job in scheduler.claim_due_jobs()}


def test_a_due_job_is_claimed_by_one_worker_only(time_machine):
    time_machine.move_to("2026-12-01 10:00 +0000", tick=False)
    assert JOB in claimed_names()  # worker A
    assert JOB not in claimed_names()  # worker B, the same instant


def test_a_job_is_claimed_again_once_its_period_has_passed(time_machine):
    time_machine.move_to("2026-12-01 10:00 +0000", tick=False)
    claimed_names()
    time_machine.move_to("2026-12-01 10:00:59 +0000", tick=False)
    assert JOB not in claimed_names()
    time_machine.move_to("2026-12-01 10:01 +0000", tick=False)
    assert JOB in claimed_names()


def test_periods_are_scaled_for_drills(settings, time_machine):
    settings.HATECRIME_JOB_PERIOD_SCALE = 0.05
    time_machine.move_to("2026-12-01 10:00 +0000", tick=False)
    claimed_names()
    row = ScheduledJob.objects.get(name=JOB)
    assert row.next_run_at - row.last_run_at == dt.timedelta(seconds=3)


def running_task(worker: str, started_at: dt.datetime | None = None) -> DBTaskResult:
    return DBTaskResult.objects.create(
        status=TaskResultStatus.RUNNING,
        task_path="hatecrime.notifications.jobs.due_messages_job",
        args_kwargs={"args": [], "kwargs": {}},
        backend_name="default",
        run_after=timezone.now(),
        started_at=started_at or timezone.now(),
        worker_ids=[worker],
    )


def dead_process_here() -> str:
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], check=True,
                              capture_output=True, text=True)  # fmt: skip
    name = f"{this_process().rpartition(':')[0]}:{finished.stdout.strip()}"
    assert process_is_gone(name)
    return name


def test_a_task_left_running_by_a_dead_worker_on_this_host_is_run_again():
    task = running_task(dead_process_here())
    assert scheduler.requeue_abandoned_tasks() == 1
    task.refresh_from_db()
    assert task.status == TaskResultStatus.READY and task.started_at is None
    assert scheduler.requeue_abandoned_tasks() == 0


def test_a_task_of_a_live_worker_is_left_alone():
    task = running_task(this_process())
    assert scheduler.requeue_abandoned_tasks() == 0
    task.refresh_from_db()
    assert task.status == TaskResultStatus.RUNNING


def test_a_task_of_a_worker_elsewhere_that_still_beats_is_left_alone():
    long_ago = timezone.now() - dt.timedelta(hours=1)
    WorkerHeartbeat.objects.create(
        worker="node-2:4242", seen_at=timezone.now(), interval_seconds=30
    )
    running_task("node-2:4242", started_at=long_ago)
    assert scheduler.requeue_abandoned_tasks() == 0


def test_a_task_of_a_worker_elsewhere_silent_past_its_ticks_is_run_again():
    long_ago = timezone.now() - dt.timedelta(hours=1)
    WorkerHeartbeat.objects.create(
        worker="node-2:4242", seen_at=timezone.now() - dt.timedelta(seconds=91),
        interval_seconds=30,
    )  # fmt: skip
    running_task("node-2:4242", started_at=long_ago)
    assert scheduler.requeue_abandoned_tasks() == 1


def test_a_task_just_started_elsewhere_waits_for_its_worker_first_beat():
    running_task("node-3:99")
    assert scheduler.requeue_abandoned_tasks() == 0
