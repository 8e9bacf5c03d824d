from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from hatecrime.audit.actions import record_event
from hatecrime.cases.models import Case
from hatecrime.cases.search import index_cases
from hatecrime.core.scheduler import rows_read_before_writing


class Command(BaseCommand):
    help = (
        "Write the case search index (keyed blind indexes) for every case, or only for cases "
        "that have none (--missing): run it once after upgrading, and after changing "
        "HATECRIME_BLIND_INDEX_KEY."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--missing", action="store_true", help="only cases with no search keys yet"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        cases = Case.objects.select_related("report").order_by("pk")
        if options["missing"]:
            cases = cases.filter(search_keys__isnull=True).distinct()
        count = index_cases(rows_read_before_writing(cases))
        record_event(
            "alter",
            actor="system",
            object_type="case_search",
            object_id="index",
            fields=["search_keys"],
            detail={"cases": count},
        )
        self.stdout.write(f"search index written for {count} case(s)")
