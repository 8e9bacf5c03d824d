from typing import Any

from django.core.management.base import BaseCommand, CommandError

from hatecrime.audit.actions import verify_chain
from hatecrime.audit.models import AuditEvent


class Command(BaseCommand):
    help = (
        "Check the audit hash chain: exits non-zero and lists each break if it was tampered with."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        problems = verify_chain()
        if problems:
            for problem in problems:
                self.stderr.write(problem)
            raise CommandError(f"the audit chain is broken in {len(problems)} place(s)")
        self.stdout.write(f"audit chain intact: {AuditEvent.objects.count()} events")
