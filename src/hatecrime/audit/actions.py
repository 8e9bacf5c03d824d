"""Writing audit events. Call inside the transaction of the action being audited, so that the
event and the change commit together or not at all.

`record_event(...)` does it in one call. An action on a hot path (intake) can do the work in two
steps: `prepare_event(...)` before its transaction (the event's content, its conversion for the
INSERT and the canonical JSON of everything the hash covers but the place in the chain), then
`append_event(prepared)` inside it (read the chain's end, fill seq and prev_hash, hash, INSERT).
"""

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC
from functools import cache
from typing import Any, TypedDict, Unpack

from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.utils import timezone

from hatecrime.audit.models import AuditEvent, AuditKind
from hatecrime.core.rows import PreparedRow, execute, new_row, write_prepared

GENESIS = "0" * 64
# Any constant: serialises writers of the chain on PostgreSQL (SQLite's IMMEDIATE
# transactions already hold the write lock).
_CHAIN_LOCK_ID = 7_360_411


@cache
def _last_event_sql(vendor: str) -> str:
    """The last (seq, hash): a backwards walk of the unique index on seq, one row."""
    quote = connection.ops.quote_name
    table, seq, hash_ = (
        quote(name)
        for name in (
            AuditEvent._meta.db_table,
            AuditEvent._meta.get_field("seq").column,
            AuditEvent._meta.get_field("hash").column,
        )
    )
    return f"SELECT {seq}, {hash_} FROM {table} ORDER BY {seq} DESC LIMIT 1"  # noqa: S608


def _content(event: AuditEvent) -> dict[str, Any]:
    """What the hash covers (the canonical JSON of this, keys sorted)."""
    return {
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


def _canonical(content: dict[str, Any]) -> str:
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def event_hash(event: AuditEvent) -> str:
    return hashlib.sha256(_canonical(_content(event)).encode()).hexdigest()


# The canonical JSON's keys are sorted: those before "prev_hash", then "prev_hash", those
# between it and "seq" (only "recipient"), then "seq". A prepared event keeps the two runs of
# other keys as text and puts the chain's values in between when it is appended.
_CHAIN_KEYS = ("prev_hash", "seq")


def _split_canonical(content: dict[str, Any]) -> tuple[str, str]:
    head = {k: v for k, v in content.items() if k < "prev_hash"}
    middle = {k: v for k, v in content.items() if "prev_hash" < k < "seq"}
    assert head and middle and set(content) - set(head) - set(middle) == set(_CHAIN_KEYS)
    # '{"actor":...,"occurred_at":"..."' and ',"recipient":"..."'
    return _canonical(head)[:-1], "," + _canonical(middle)[1:-1]


def _hash_in_chain(head: str, middle: str, seq: int, prev_hash: str) -> str:
    canonical = f'{head},"prev_hash":{json.dumps(prev_hash)}{middle},"seq":{seq}}}'
    return hashlib.sha256(canonical.encode()).hexdigest()


def _actor_label(actor: Any) -> str:
    if actor is None:
        return "public"
    if isinstance(actor, str):
        return actor
    return str(actor.get_username())


@dataclass
class PreparedEvent:
    event: AuditEvent
    row: PreparedRow
    head: str
    middle: str


class EventContent(TypedDict, total=False):
    fields: Iterable[str]  # the names of the fields concerned (never their values)
    justification: str
    recipient: str
    detail: dict[str, Any] | None


def prepare_event(
    kind: AuditKind | str,
    *,
    actor: Any,
    object_type: str,
    object_id: str,
    **content: Unpack[EventContent],
) -> PreparedEvent:
    """An event ready to append: everything but its place in the chain (seq, prev_hash, hash).
    `occurred_at` is now, when the action is about to be written."""
    now = timezone.now()
    row = new_row(
        AuditEvent,
        seq=0,
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
        prev_hash=GENESIS,
        hash="",
    )
    event = row.instance
    assert isinstance(event, AuditEvent)
    head, middle = _split_canonical(_content(event))
    return PreparedEvent(event=event, row=row, head=head, middle=middle)


def append_event(prepared: PreparedEvent) -> AuditEvent:
    """Append a prepared event to the chain. Inside the caller's transaction no savepoint is
    made: if the event cannot be written, the whole action rolls back (an action must never
    commit without its event). A prepared event is appended once."""
    row = prepared.row
    if not row.instance._state.adding:  # written (its seq, the primary key, is set before)
        raise ValueError("this event was already appended")
    # The connection itself, not django.db.connection (a proxy looking it up on every read).
    db = connections[DEFAULT_DB_ALIAS]
    with transaction.atomic(savepoint=False):
        if db.vendor == "postgresql":
            with db.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK_ID])
        sql = _last_event_sql(db.vendor)  # one indexed read of the chain's end
        last = execute(db, sql, sql, (), fetch=True)
        seq, prev_hash = ((last[0] + 1), last[1]) if last else (1, GENESIS)
        row.set("seq", seq)
        row.set("prev_hash", prev_hash)
        row.set("hash", _hash_in_chain(prepared.head, prepared.middle, seq, prev_hash))
        # An INSERT, never an UPDATE (AuditEvent.save would refuse one anyway), written
        # without the ORM's save machinery: one event per report on the intake path.
        write_prepared(row)
    return prepared.event


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
    return append_event(
        prepare_event(kind, actor=actor, object_type=object_type, object_id=object_id, **content)
    )


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
