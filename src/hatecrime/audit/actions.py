"""Writing audit events. Call `record_event` inside the transaction of the action being
audited, so that the event and the change commit together or not at all."""

import hashlib
import json
from collections.abc import Iterable
from datetime import UTC
from typing import Any, TypedDict, Unpack

from django.db import connection, transaction
from django.utils import timezone

from hatecrime.audit.models import AuditEvent, AuditKind

GENESIS = "0" * 64
# Any constant: serialises writers of the chain on PostgreSQL (SQLite's IMMEDIATE
# transactions already hold the write lock).
_CHAIN_LOCK_ID = 7_360_411


def event_hash(event: AuditEvent) -> str:
    """The SHA-256 of the canonical JSON (keys sorted) of everything the chain protects."""
    content = {
        "seq": event.seq,
        "occurred_at": event.occurred_at.astimezone(UTC).isoformat(timespec="milliseconds"),
        "actor": event.actor_id,
        "actor_label": event.actor_label,
        "kind": event.kind,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "fields": event.fields,
        "justification": event.justification,
        "recipient": event.recipient,
        "detail": event.detail,
        "prev_hash": event.prev_hash,
    }
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _actor_label(actor: Any) -> str:
    if actor is None:
        return "public"
    if isinstance(actor, str):
        return actor
    return str(actor.get_username())


class EventContent(TypedDict, total=False):
    fields: Iterable[str]  # the names of the fields concerned (never their values)
    justification: str
    recipient: str
    detail: dict[str, Any] | None


def record_event(
    kind: AuditKind | str,
    *,
    actor: Any,
    object_type: str,
    object_id: str,
    **content: Unpack[EventContent],
) -> AuditEvent:
    """Append one event. `actor` is a user, None for the public, or a label such as "system".

    Inside the caller's transaction no savepoint is made: if the event cannot be written, the
    whole action rolls back (an action must never commit without its event)."""
    with transaction.atomic(savepoint=False):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK_ID])
        last = AuditEvent.objects.order_by("-seq").values_list("seq", "hash").first()
        now = timezone.now()
        event = AuditEvent(
            seq=(last[0] + 1) if last else 1,
            occurred_at=now.replace(microsecond=now.microsecond // 1000 * 1000),
            actor=None if actor is None or isinstance(actor, str) else actor,
            actor_label=_actor_label(actor),
            kind=str(kind),
            object_type=object_type,
            object_id=str(object_id),
            fields=sorted(set(content.get("fields", ()))),
            justification=content.get("justification", ""),
            recipient=content.get("recipient", ""),
            detail=content.get("detail") or {},
            prev_hash=last[1] if last else GENESIS,
        )
        event.hash = event_hash(event)
        event.save(force_insert=True)  # the chain's next place: never an UPDATE
    return event


def verify_chain() -> list[str]:
    """Every problem found in the chain, in order; an empty list means it is intact."""
    problems: list[str] = []
    expected_prev, expected_seq = GENESIS, 1
    for event in AuditEvent.objects.order_by("seq").iterator(chunk_size=2000):
        if event.seq != expected_seq:
            problems.append(f"event {event.seq}: expected sequence {expected_seq} (missing events)")
        if event.prev_hash != expected_prev:
            problems.append(f"event {event.seq}: does not follow the event before it")
        if event_hash(event) != event.hash:
            problems.append(f"event {event.seq}: its content was changed after it was written")
        expected_prev, expected_seq = event.hash, event.seq + 1
    return problems
