from typing import Any

from django.core.management.base import BaseCommand, CommandError

from hatecrime.accounts.models import User
from hatecrime.accounts.tokens import do_revoke_api_tokens


class Command(BaseCommand):
    help = "Revoke every API token of a member of staff or a reporting centre, at once."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"no user {options['username']!r}")
        revoked = do_revoke_api_tokens(actor="system", user=user)
        self.stdout.write(f"{revoked} token(s) revoked for {user.username}")
