import threading
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand

from hatecrime.core import scheduler
from hatecrime.core.liveness import this_process


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
        finally:
            stop.set()
            thread.join(timeout=5)
