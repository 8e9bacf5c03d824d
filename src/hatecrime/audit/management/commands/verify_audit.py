from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hatecrime.audit.actions import chain_head, check_heads, verify_chain


class Command(BaseCommand):
    help = (
        "Check the audit chain (each event's HMAC and its link): exits non-zero and lists each "
        "break if it was tampered with. --head prints the last event's number and HMAC; "
        "--against FILE also checks the heads recorded in FILE (HATECRIME_AUDIT_HEAD_FILE)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--head", action="store_true", help="print the chain's head (sequence number, HMAC)"
        )
        parser.add_argument(
            "--against", type=Path, metavar="FILE", help="a head file written by the daily job"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["head"]:
            head = chain_head()
            if head is None:
                raise CommandError("the audit is empty: it has no head yet")
            self.stdout.write(f"{head[0]} {head[1]}")
            return
        check = verify_chain()
        problems = list(check.problems)
        against: Path | None = options["against"]
        if against is not None:
            if not against.is_file():
                raise CommandError(f"no head file at {against}")
            try:
                problems += check_heads(against)
            except ValueError as error:
                raise CommandError(str(error)) from error
        for first, last in check.unused:
            self.stdout.write(f"numbers {first} to {last} unused (rolled-back transactions)")
        if problems:
            for problem in problems:
                self.stderr.write(problem)
            raise CommandError(f"the audit chain is broken in {len(problems)} place(s)")
        self.stdout.write(f"audit chain intact: {check.events} events")
