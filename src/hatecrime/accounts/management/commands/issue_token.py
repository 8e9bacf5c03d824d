from typing import Any

from django.core.management.base import BaseCommand, CommandError
from rest_framework.authtoken.models import Token

from hatecrime.accounts.models import User
from hatecrime.accounts.second_factor import has_second_factor
from hatecrime.audit.actions import record_event


class Command(BaseCommand):
    help = "Print an API token for a staff user (creating it if needed). Treat it as a password."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("username")
        parser.add_argument("--rotate", action="store_true", help="Replace any existing token.")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"], is_active=True).first()
        if user is None:
            raise CommandError(f"no active user {options['username']!r}")
        if not has_second_factor(user):
            # A token skips the sign-in pages: only staff who have set up a second factor get
            # one, and resetting that factor deletes the token (ADR 0501).
            raise CommandError(f"{user.username!r} has not set up a second factor yet")
        if options["rotate"]:
            Token.objects.filter(user=user).delete()
        token, created = Token.objects.get_or_create(user=user)
        if created:
            record_event(
                "alter",
                actor="system",
                object_type="user",
                object_id=str(user.pk),
                fields=["api_token"],
            )
        self.stdout.write(token.key)
