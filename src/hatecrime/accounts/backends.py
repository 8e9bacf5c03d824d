"""Sign-in to staff pages: Django's model backend, closed to reporting centres, whose systems
hold an API token and nothing else (docs/adr/0552-api-tokens.md)."""

from typing import Any

from django.contrib.auth.backends import ModelBackend

from hatecrime.accounts.models import Role


class StaffBackend(ModelBackend):
    def user_can_authenticate(self, user: Any) -> bool:
        if getattr(user, "role", None) == Role.REPORTING_CENTRE:
            return False
        return super().user_can_authenticate(user)
