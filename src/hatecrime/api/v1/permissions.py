"""Who may use the staff API: a signed-in member of staff. A reporting centre's token is a
client of the public report API only (its answers are the acknowledgements of its own
reports): every staff endpoint refuses it."""

from typing import Any

from rest_framework.permissions import BasePermission

from hatecrime.accounts.models import Role


class IsStaffMember(BasePermission):
    def has_permission(self, request: Any, view: Any) -> bool:
        user = request.user
        return bool(
            user is not None
            and getattr(user, "is_authenticated", False)
            and user.role != Role.REPORTING_CENTRE
        )
