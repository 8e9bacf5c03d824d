"""hatecrime datasets [--output table|json]: the datasets there are to judge, with their areas,
categories, periods and counts, so that `detect`'s --dataset, --area and --category can be
given values that exist."""

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from hatecrime.monitoring.selectors import dataset_summaries

SHOWN = 8  # areas and categories listed in the table before "and N more"


def _some(values: list[str]) -> str:
    if not values:
        return "none (one total)"
    more = f" and {len(values) - SHOWN} more" if len(values) > SHOWN else ""
    return ", ".join(values[:SHOWN]) + more


class Command(BaseCommand):
    help = (
        "List the datasets (live and imported) with their areas, categories, periods and "
        "counts: the values detect's --dataset, --area and --category accept."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output",
            choices=["table", "json"],
            default="table",
            help="table (areas and categories shortened), or json with every value [table]",
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        summaries = dataset_summaries()
        if opts["output"] == "json":
            self.stdout.write(json.dumps([s.as_dict() for s in summaries], indent=1))
            return
        if not summaries:
            self.stdout.write("no datasets: import one (import_incidents, import_series) or run")
            self.stdout.write("the live recount (it makes 'live' and 'live-reported')")
            return
        for s in summaries:
            span = f"{s.first} to {s.last}" if s.first else "no counts yet"
            total = "not summed (its categories overlap)" if s.total is None else str(s.total)
            self.stdout.write(
                f"{s.name} ({s.kind}{', ' + s.source_format if s.source_format else ''})"
            )
            self.stdout.write(f"  periods: {', '.join(s.period_kinds) or 'none'}; {span}")
            self.stdout.write(f"  incidents: {total}")
            self.stdout.write(f"  areas ({len(s.areas)}): {_some(s.areas)}")
            self.stdout.write(f"  categories ({len(s.categories)}): {_some(s.categories)}")
