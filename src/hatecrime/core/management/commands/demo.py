import importlib
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from hatecrime.core.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET, STEPS
from hatecrime.core.models import DemoStepLoaded


class Command(BaseCommand):
    help = "Load clearly synthetic demo data (staff, reports, cases). Safe to run again."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Kept for scripts: every run only adds what is missing.",
        )
        parser.add_argument("--print-password", action="store_true", help="Print the password.")
        parser.add_argument(
            "--print-totp-secret",
            action="store_true",
            help="Print the demo staff's authenticator app secret.",
        )
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["print_password"]:
            self.stdout.write(DEMO_PASSWORD)
            return
        if options["print_totp_secret"]:
            self.stdout.write(DEMO_TOTP_SECRET)
            return

        for config in apps.get_app_configs():
            if config.name.startswith("hatecrime."):
                try:
                    importlib.import_module(f"{config.name}.demo")
                except ModuleNotFoundError as error:
                    if error.name != f"{config.name}.demo":
                        raise
        importlib.import_module("hatecrime.core.demo.staff")
        for _order, name, step in sorted(STEPS, key=lambda item: (item[0], item[1])):
            # Each step runs once, in one transaction with its marker: running the command again
            # (as `make run` does at every start) adds nothing.
            with transaction.atomic():
                if DemoStepLoaded.objects.filter(name=name).exists():
                    self.stdout.write(f"demo: {name} already loaded")
                    continue
                summary = step(seed=options["seed"])
                DemoStepLoaded.objects.create(name=name)
            self.stdout.write(f"demo: {summary}")
