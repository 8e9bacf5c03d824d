"""hatecrime backup DIRECTORY: the database, the evidence files and a manifest with checksums
(never the keys). See docs/operations.md "Backup and restore"."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hatecrime.core.backup import BackupFailed, make_backup


class Command(BaseCommand):
    help = (
        "Back up the database (SQLite's backup API or pg_dump), the evidence files and a "
        "manifest with each file's SHA-256 into a new directory. Keys are never included: keep "
        "them apart, as the operations guide says."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path, help="a new (or empty) directory")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = make_backup(options["directory"])
        except (BackupFailed, OSError) as error:
            raise CommandError(f"backup failed: {error}") from error
        counted = ", ".join(
            f"{n} {k.replace('_', ' ')}" for k, n in result.manifest["counts"].items()
        )
        files = len(result.manifest["files"])
        self.stdout.write(f"backed up to {result.directory}: {counted}; {files} files")
