"""hatecrime load_areas FILE: load a force's areas (and their map) from a CSV or GeoJSON file.
See docs/operations.md "Loading your force's areas"."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError

from hatecrime.core.areas.files import AreaFileError, read_area_file
from hatecrime.core.areas.loading import do_load_areas


class Command(BaseCommand):
    help = (
        "Add or update areas from a CSV or GeoJSON file, matched by slug or code (loading the "
        "same file again changes nothing). The force comes from force_code/force_name columns "
        "or from --force-code/--force-name."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="a .csv or .geojson file")
        parser.add_argument("--force-code", default="", help="e.g. E23000032 (ONS)")
        parser.add_argument("--force-name", default="", help="e.g. Kent Police")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="remove the areas the file does not list (made inactive instead when "
            "reports, cases or staff refer to them); the central triage queue stays",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="check and count, but change nothing"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            rows = read_area_file(
                path, force_code=options["force_code"], force_name=options["force_name"]
            )
            result = do_load_areas(
                actor="system", rows=rows, replace=options["replace"], dry_run=options["dry_run"]
            )
        except AreaFileError as error:
            raise CommandError(f"{path.name}: {error}") from None
        except DatabaseError as error:
            first = str(error).strip().splitlines()[0] if str(error).strip() else type(error)
            raise CommandError(
                f"the database refused the areas ({first}): is it migrated (hatecrime migrate)?"
            ) from None
        prefix = "dry run, nothing changed: " if options["dry_run"] else ""
        self.stdout.write(f"{prefix}{path.name}: {result.summary()}")
