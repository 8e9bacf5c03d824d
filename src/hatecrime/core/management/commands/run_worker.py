import logging
import threading
import time
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import DatabaseError, connections

from hatecrime.core import scheduler
from hatecrime.core.liveness import this_process

log = logging.getLogger(__name__)

# After the database failed under the queue's worker, wait this long before starting it again.
RESTART_SECONDS = 5.0


class Command(BaseCommand):
    help = "Run the background worker (django-tasks database queue) and the periodic scheduler."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--tick", type=float, default=30.0, help="Scheduler tick in seconds.")

    def handle(self, *args: Any, **options: Any) -> None:
        stop = threading.Event()
        thread = threading.Thread(
            target=scheduler.run_forever,
            args=(stop,),
            kwargs={"tick_seconds": options["tick"]},
            name="scheduler",
            daemon=True,
        )
        thread.start()
        try:
            run_queue()
        finally:
            stop.set()
            thread.join(timeout=5)


def run_queue() -> None:
    """django-tasks' worker, started again when the database fails under it (stopped,
    restarting, failing over): the process outlives an outage instead of exiting with it. It
    returns, or raises SystemExit, when the process is told to stop."""
    while True:
        try:
            # The worker id is this process's host:pid, as in its heartbeat: a task it leaves
            # running when it dies is found and run again (scheduler.requeue_abandoned_tasks).
            call_command(
                "db_worker",
                "--queue-name",
                "*",
                "--interval",
                "1",
                "--no-startup-delay",
                "--worker-id",
                this_process(),
            )
            return
        except DatabaseError:
            log.exception("the database failed under the worker: starting it again soon")
            connections.close_all()
            time.sleep(RESTART_SECONDS)
