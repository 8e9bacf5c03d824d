"""Who may use monitoring, and the only way to fetch an alarm notice for a person: the same 404
for "does not exist" and "not allowed" (accounts.permissions holds the rules)."""

from typing import Any

from django.http import Http404

from hatecrime.accounts.permissions import require_permission

from .models import AlarmNotice


def access_monitoring(user: Any, permission: str = "view_aggregates") -> None:
    """Http404 unless the user holds the permission (monitoring pages are hidden, not denied)."""
    require_permission(user, permission)


def access_alarm_notice(user: Any, notice_id: int | str) -> AlarmNotice:
    """A notice sent to this user; Http404 for anyone else's or for one that does not exist."""
    access_monitoring(user)
    try:
        pk = int(notice_id)
    except (TypeError, ValueError):
        raise Http404("No notice found") from None
    notice = AlarmNotice.objects.filter(pk=pk, recipient_id=user.pk).first()
    if notice is None:
        raise Http404("No notice found")
    return notice
