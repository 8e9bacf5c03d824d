from typing import Any

from django.core.management.base import BaseCommand, CommandError

from hatecrime.accounts.actions import do_create_reporting_centre
from hatecrime.accounts.tokens import do_issue_api_token, token_lifetime


class Command(BaseCommand):
    help = (
        "Create a reporting centre's account (role reporting_centre: the report API, no staff "
        "pages) and print its API token, once."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("name", help='The centre\'s name, e.g. "Stop Hate UK"')

    def handle(self, *args: Any, **options: Any) -> None:
        name = options["name"].strip()
        if not name or len(name) > 150:
            raise CommandError("the name must be 1 to 150 characters")
        centre = do_create_reporting_centre(actor="system", name=name)
        if centre is None:
            raise CommandError(f"a reporting centre named {name!r} already exists")
        token = do_issue_api_token(actor="system", user=centre)
        days = token_lifetime(centre).days
        self.stderr.write(
            f"Reporting centre {name!r} created (username {centre.username}). Its token, shown "
            f"once, expires in {days} days; a new one: hatecrime issue_token {centre.username}"
        )
        self.stdout.write(token)
