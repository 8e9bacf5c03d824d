"""Searching the audit (supervisors and administrators); the search itself is audited."""

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from hatecrime.accounts.permissions import has_permission
from hatecrime.audit.actions import justification_read_later, open_justification, record_event
from hatecrime.audit.models import AuditEvent


def search_audit(
    user: Any,
    *,
    actor: str = "",
    kind: str = "",
    object_type: str = "",
    object_id: str = "",
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    limit: int = 500,
) -> list[AuditEvent]:
    """Events matching every filter given, newest first. Http404 for anyone without the right."""
    if not has_permission(user, "search_audit"):
        raise Http404("Not found")
    events: QuerySet[AuditEvent] = AuditEvent.objects.all()
    if actor:
        events = events.filter(actor_label=actor)
    if kind:
        events = events.filter(kind=kind)
    if object_type:
        events = events.filter(object_type=object_type)
    if object_id:
        events = events.filter(object_id=object_id)
    if since:
        events = events.filter(occurred_at__gte=since)
    if until:
        events = events.filter(occurred_at__lt=until)
    found = list(justification_read_later(events.order_by("-seq"))[: max(1, min(limit, 5000))])
    for event in found:
        # Shown as such on the page; verify_audit names the event.
        event.justification_unreadable = not open_justification(event)
    given = {
        "actor": actor,
        "kind": kind,
        "object_type": object_type,
        "object_id": object_id,
        "since": since.isoformat() if since else "",
        "until": until.isoformat() if until else "",
    }
    record_event(
        "consult",
        actor=user,
        object_type="audit",
        object_id="search",
        fields=[name for name, value in given.items() if value],
        detail={"filters": {k: v for k, v in given.items() if v}, "results": len(found)},
    )
    return found
