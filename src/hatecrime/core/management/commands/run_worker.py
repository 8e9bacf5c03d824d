import threading
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand

from hatecrime.core import scheduler


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
            call_command("db_worker", "--queue-name", "*", "--interval", "1", "--no-startup-delay")
        finally:
            stop.set()
            thread.join(timeout=5)
