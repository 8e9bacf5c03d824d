from typing import Any

from django.core.management.base import BaseCommand, CommandError

from hatecrime.dataprotection.actions import ledger_path, reapply_erasures


class Command(BaseCommand):
    help = (
        "After restoring the database from a backup: dispose again of every case the erasure "
        "ledger (HATECRIME_ERASURE_LEDGER_FILE) lists whose personal data the restore brought "
        "back. Safe to run at any time; the worker also runs it every hour."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            erased = reapply_erasures()
        except ValueError as error:
            raise CommandError(str(error)) from error
        for reference in erased:
            self.stdout.write(f"erased again: {reference}")
        self.stdout.write(f"{len(erased)} erasures re-applied from {ledger_path()}")
