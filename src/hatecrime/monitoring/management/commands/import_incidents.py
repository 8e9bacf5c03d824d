"""hatecrime import_incidents FILE --dataset NAME --format fbi|nypd|csv [column options]"""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from hatecrime.monitoring.importers import import_incidents

from ._importing import add_common_arguments, run_import


class Command(BaseCommand):
    help = "Import a file of incidents (one row each) into a named dataset of counts."

    def add_arguments(self, parser: CommandParser) -> None:
        add_common_arguments(parser)
        parser.add_argument("--format", choices=["fbi", "nypd", "csv"], required=True)
        parser.add_argument(
            "--date-format",
            action="append",
            help="strptime format of the date column, e.g. %%d/%%m/%%Y; repeat it for a column "
            "written in several formats (a date two formats read differently is rejected as "
            "ambiguous); a format with no day (%%Y-%%m) gives monthly counts only; one with no "
            "month is refused [by format]",
        )
        parser.add_argument("--area-value", help="csv: one area for every row (no area column)")
        parser.add_argument(
            "--category-value", help="csv: one category for every row (no category column)"
        )
        parser.add_argument(
            "--category-separator",
            help="several categories in one cell split on this, each counted once [fbi: ;]",
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        run_import(import_incidents, opts["format"], opts)
