from typing import Any

from django.core.management.base import BaseCommand, CommandError

from hatecrime.accounts.models import Role, User
from hatecrime.accounts.second_factor import has_second_factor
from hatecrime.accounts.tokens import do_issue_api_token, token_lifetime


class Command(BaseCommand):
    help = (
        "Print a new API token for a member of staff or a reporting centre. It is shown once "
        "(only a digest is kept) and expires; treat it as a password."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("username")
        parser.add_argument(
            "--rotate", action="store_true", help="Revoke the user's other tokens at once."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"], is_active=True).first()
        if user is None:
            raise CommandError(f"no active user {options['username']!r}")
        if user.role != Role.REPORTING_CENTRE and not has_second_factor(user):
            # A token skips the sign-in pages: only staff who have set up a second factor get
            # one, and resetting that factor revokes it (ADR 0501).
            raise CommandError(f"{user.username!r} has not set up a second factor yet")
        token = do_issue_api_token(actor="system", user=user, replace=options["rotate"])
        hours = int(token_lifetime(user).total_seconds() // 3600)
        self.stderr.write(f"Shown once; expires in {hours} hours.")
        self.stdout.write(token)
