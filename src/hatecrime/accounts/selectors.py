"""Reads of staff: who works where."""

from django.db.models import QuerySet

from hatecrime.accounts.models import Role, User


def area_supervisors(area_id: int) -> QuerySet[User]:
    """The active CSU supervisors of an area (those alerted when no officer has the case)."""
    return User.objects.filter(role=Role.SUPERVISOR, areas__pk=area_id, is_active=True).distinct()
