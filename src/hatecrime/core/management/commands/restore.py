"""hatecrime restore DIRECTORY: a backup into an empty deployment, then checked (checksums
first, then the audit chain and the counts). See docs/operations.md "Backup and restore"."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hatecrime.core.backup import BackupFailed, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a backup made by `hatecrime backup` into an empty deployment (new database, "
        "empty evidence folder or bucket, the same keys), migrate, then check the audit chain "
        "and the counts against the backup's manifest."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path, help="a directory made by hatecrime backup")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = restore_backup(options["directory"])
        except (BackupFailed, OSError) as error:
            raise CommandError(f"restore failed: {error}") from error
        counted = ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in result.counts.items())
        self.stdout.write(
            f"restored and checked: {counted}; {result.evidence_files} evidence files; "
            f"audit chain intact ({result.audit_events} events); "
            f"erased again from the erasure ledger: {len(result.erased_again)}"
        )
