"""Writing audit events. Call `record_event` inside the transaction of the action being
audited, so that the event and the change commit together or not at all."""

import hashlib
import hmac
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC
from functools import cache
from pathlib import Path
from typing import Any, TypedDict, Unpack

from django.conf import settings
from django.core.signals import setting_changed
from django.db import connection, transaction
from django.db.models import QuerySet, TextField
from django.db.models.functions import Cast
from django.dispatch import receiver
from django.utils import timezone

from hatecrime.audit.models import AuditEvent, AuditKind
from hatecrime.core.crypto import DecryptionFailed, parse_key_list

GENESIS = "0" * 64
# PostgreSQL gives each event its place from this sequence (made by migration 0005), without a
# lock: concurrent audited transactions no longer wait for each other (docs/adr/0540).
SEQUENCE = "audit_event_seq"


@cache
def audit_keys() -> dict[str, bytes]:
    """The audit's HMAC keys by id, the signing key first."""
    return parse_key_list("HATECRIME_AUDIT_KEY", settings.HATECRIME_AUDIT_KEY)


@receiver(setting_changed)
def _forget_audit_keys(*, setting: str, **kwargs: object) -> None:
    if setting == "HATECRIME_AUDIT_KEY":
        audit_keys.cache_clear()


def event_hash(event: Any, key: bytes) -> str:
    """The HMAC-SHA256, with `key`, of the canonical JSON (keys sorted) of everything the chain
    protects: the event's content, its place, the event it follows and the id of the key."""
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
        "prev_seq": event.prev_seq,
        "prev_hash": event.prev_hash,
        "key_id": event.key_id,
    }
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hmac.new(key, canonical.encode(), hashlib.sha256).hexdigest()


def sign_event(event: Any) -> None:
    """Give the event the signing key's id and its HMAC (also used by migration 0005)."""
    key_id, key = next(iter(audit_keys().items()))
    event.key_id = key_id
    event.hash = event_hash(event, key)


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
        before = AuditEvent.objects.order_by("-seq")
        if connection.vendor == "postgresql":
            # A number from the sequence, then the last event committed before it: no lock,
            # so a rolled-back transaction leaves its number unused (verify_chain knows).
            with connection.cursor() as cursor:
                cursor.execute("SELECT nextval(%s)", [SEQUENCE])
                seq = int(cursor.fetchone()[0])
            last = before.filter(seq__lt=seq).values_list("seq", "hash").first()
        else:
            # SQLite has one writer at a time (IMMEDIATE transactions): always the next number.
            last = before.values_list("seq", "hash").first()
            seq = (last[0] + 1) if last else 1
        now = timezone.now()
        event = AuditEvent(
            seq=seq,
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
            prev_seq=last[0] if last else 0,
            prev_hash=last[1] if last else GENESIS,
        )
        sign_event(event)
        event.save(force_insert=True)  # the chain's next place: never an UPDATE
    return event


@dataclass
class ChainCheck:
    """What verify_chain found. `problems` are tampering; `unused` are numbers no event holds
    and none follows (PostgreSQL: taken by a transaction that rolled back)."""

    events: int = 0
    problems: list[str] = field(default_factory=list)
    unused: list[tuple[int, int]] = field(default_factory=list)
    head: tuple[int, str] | None = None


# How many recent events verify_chain remembers to check links without asking the database.
_WINDOW = 50_000


def verify_chain() -> ChainCheck:
    """Every problem found in the chain, in order (an empty `problems` means it is intact).

    Each event's HMAC must check with the key it names; the event it follows must exist, come
    before it and have the hash it recorded. A number no event holds is a problem on SQLite
    (one writer: numbers are never skipped); on PostgreSQL it is a problem only if a later event
    follows it, otherwise it is listed as unused (the sequence never gives a number back)."""
    check = ChainCheck()
    keys = audit_keys()
    recent: dict[int, str] = {}
    expected = 1
    gaps: list[tuple[int, int]] = []
    followed: set[int] = set()
    events = justification_read_later(AuditEvent.objects.order_by("seq"))
    for event in events.iterator(chunk_size=2000):
        check.events += 1
        if event.seq > expected:
            gaps.append((expected, event.seq - 1))
        if open_justification(event):
            _check_hash(event, keys.get(event.key_id), check.problems)
        else:
            check.problems.append(
                f"event {event.seq}: its justification cannot be decrypted (changed after it "
                "was written, or encrypted with a key that is not configured)"
            )
        _check_link(event, recent, check.problems, followed)
        recent[event.seq] = event.hash
        if len(recent) > 2 * _WINDOW:
            recent = {seq: value for seq, value in recent.items() if seq > event.seq - _WINDOW}
        expected = event.seq + 1
        check.head = (event.seq, event.hash)
    for first, last in gaps:
        if connection.vendor == "postgresql" and not any(first <= s <= last for s in followed):
            check.unused.append((first, last))
        else:
            check.problems.append(f"events {first} to {last} are missing (deleted)")
    return check


def justification_read_later(events: QuerySet[AuditEvent]) -> QuerySet[AuditEvent]:
    """The events with their justification as stored, for `open_justification`. The database
    lets the justification alone be rewritten (for rotate_keys), so a value no key opens must be
    a problem of its event, named by whatever reads it, never a crash of the check or page."""
    return events.defer("justification").annotate(
        stored_justification=Cast("justification", TextField())
    )


def open_justification(event: AuditEvent) -> bool:
    """Decrypt the justification of an event from `justification_read_later`; False (and an
    empty justification) when no configured key opens it."""
    try:
        event.justification = AuditEvent._meta.get_field("justification").from_db_value(
            event.stored_justification,  # type: ignore[attr-defined]  # the annotation
            None,
            connection,
        )
    except (DecryptionFailed, TypeError, ValueError):
        event.justification = ""
        return False
    return True


def _check_hash(event: AuditEvent, key: bytes | None, problems: list[str]) -> None:
    if key is None:
        problems.append(
            f"event {event.seq}: signed with key {event.key_id!r}, which is not configured"
        )
    elif not hmac.compare_digest(event_hash(event, key), event.hash):
        problems.append(f"event {event.seq}: its content was changed after it was written")


def _check_link(
    event: AuditEvent, recent: dict[int, str], problems: list[str], followed: set[int]
) -> None:
    if event.prev_seq == 0:
        if event.prev_hash != GENESIS:
            problems.append(f"event {event.seq}: does not follow the event before it")
        return
    if event.prev_seq >= event.seq:
        problems.append(f"event {event.seq}: follows a later event ({event.prev_seq})")
        return
    followed.add(event.prev_seq)
    prev_hash = recent.get(event.prev_seq)
    if prev_hash is None:
        prev_hash = (
            AuditEvent.objects.filter(seq=event.prev_seq).values_list("hash", flat=True).first()
        )
    if prev_hash is None:
        problems.append(f"event {event.seq}: the event it follows, {event.prev_seq}, is missing")
    elif prev_hash != event.prev_hash:
        problems.append(f"event {event.seq}: does not follow the event before it")


def chain_head() -> tuple[int, str, int] | None:
    """The last event's sequence number and HMAC, and how many events there are up to it."""
    last = AuditEvent.objects.order_by("-seq").values_list("seq", "hash").first()
    if last is None:
        return None
    return last[0], last[1], AuditEvent.objects.filter(seq__lte=last[0]).count()


def export_head(path: Path | None = None) -> str | None:
    """Append the chain's head to the head file (outside the database), flushed to disk.
    Returns the line written, or None while the audit is empty."""
    head = chain_head()
    if head is None:
        return None
    path = path or settings.HATECRIME_AUDIT_HEAD_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    seq, digest, count = head
    when = timezone.now().astimezone(UTC).isoformat(timespec="seconds")
    line = f"{when} {seq} {digest} {count}\n"
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, line.encode())
        os.fsync(fd)
    finally:
        os.close(fd)
    return line.rstrip("\n")


def _recorded_heads(path: Path) -> Iterator[tuple[int, str, int, str, int]]:
    """(line number, when, seq, HMAC, events up to seq) for each line of a head file."""
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        if not line.strip():
            continue
        parts = line.split()
        if len(parts) != 4 or not parts[1].isdigit() or not parts[3].isdigit():
            raise ValueError(f"{path}, line {number}: not a recorded head ({line!r})")
        yield number, parts[0], int(parts[1]), parts[2], int(parts[3])


def check_heads(path: Path) -> list[str]:
    """Problems found comparing the database's chain with the heads recorded in `path`: a
    recorded head that is missing or different, or fewer events up to it than were recorded,
    means the database was truncated, restored from an older copy or rewritten."""
    problems: list[str] = []
    for number, when, seq, digest, count in _recorded_heads(path):
        stored = AuditEvent.objects.filter(seq=seq).values_list("hash", flat=True).first()
        if stored is None:
            problems.append(f"head of {when} (line {number}): event {seq} is not in the database")
        elif not hmac.compare_digest(stored, digest):
            problems.append(f"head of {when} (line {number}): event {seq} is not the one recorded")
        else:
            present = AuditEvent.objects.filter(seq__lte=seq).count()
            if present < count:
                problems.append(
                    f"head of {when} (line {number}): {count} events up to {seq} were recorded, "
                    f"{present} are in the database"
                )
    return problems
