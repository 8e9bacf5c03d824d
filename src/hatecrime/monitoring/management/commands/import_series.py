"""hatecrime import_series FILE --dataset NAME --format mps-wide|csv"""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from hatecrime.monitoring.importers import import_series

from ._importing import add_common_arguments, run_import


class Command(BaseCommand):
    help = "Import published counts (the Met's wide monthly format, or period,area,category,count)."

    def add_arguments(self, parser: CommandParser) -> None:
        add_common_arguments(parser)
        parser.add_argument("--format", choices=["mps-wide", "csv"], required=True)
        parser.add_argument("--period-column", help="long CSV: the period column (default period)")
        parser.add_argument("--period-kind", choices=["week", "month"], default="month")
        parser.add_argument(
            "--include-special", action="store_true", help="mps-wide: keep MajorText 'Special'"
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        run_import(import_series, opts["format"], opts)
