"""The audit chain becomes keyed (HMAC-SHA256 with HATECRIME_AUDIT_KEY) and append-only in the
database (docs/adr/0540).

Existing events are re-keyed in place, after their unkeyed SHA-256 chain has been checked: a
chain that is already broken is refused rather than laundered into a keyed one (run
`hatecrime verify_audit` on the previous release to see where). On PostgreSQL a sequence then
gives each event its number, and on both databases a trigger refuses UPDATE and DELETE.
"""

import hashlib
import json
from datetime import UTC
from typing import Any

from django.db import migrations, models

from hatecrime.audit import triggers
from hatecrime.audit.actions import GENESIS, SEQUENCE, audit_keys, event_hash, sign_event


def _unkeyed_hash(event: Any) -> str:
    """The chain's hash before this migration (docs/adr/0003), frozen here."""
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


def rekey(apps: Any, schema_editor: Any) -> None:
    AuditEvent = apps.get_model("audit", "AuditEvent")
    expected_prev, expected_seq = GENESIS, 1
    prev_seq, prev_hash = 0, GENESIS
    for event in AuditEvent.objects.order_by("seq").iterator(chunk_size=2000):
        if (
            event.seq != expected_seq
            or event.prev_hash != expected_prev
            or _unkeyed_hash(event) != event.hash
        ):
            raise RuntimeError(
                f"the audit chain is already broken at event {event.seq}: it is not re-keyed "
                "(see docs/adr/0540-keyed-append-only-audit.md)"
            )
        expected_prev, expected_seq = event.hash, event.seq + 1
        event.prev_seq, event.prev_hash = prev_seq, prev_hash
        sign_event(event)
        AuditEvent.objects.filter(seq=event.seq).update(
            prev_seq=event.prev_seq, prev_hash=event.prev_hash, key_id=event.key_id, hash=event.hash
        )
        prev_seq, prev_hash = event.seq, event.hash


def unkey(apps: Any, schema_editor: Any) -> None:
    """Going back: after checking each event's HMAC, give back the unkeyed chain the previous
    release verifies (a chain whose HMACs fail is refused, as going forward)."""
    AuditEvent = apps.get_model("audit", "AuditEvent")
    keys = audit_keys()
    prev_hash = GENESIS
    for event in AuditEvent.objects.order_by("seq").iterator(chunk_size=2000):
        key = keys.get(event.key_id)
        if key is None or event_hash(event, key) != event.hash:
            raise RuntimeError(f"the audit chain is broken at event {event.seq}: not un-keyed")
        event.prev_hash = prev_hash
        event.hash = _unkeyed_hash(event)
        AuditEvent.objects.filter(seq=event.seq).update(prev_hash=prev_hash, hash=event.hash)
        prev_hash = event.hash


def create_sequence(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"CREATE SEQUENCE {SEQUENCE}", params=None)
        schema_editor.execute(
            f"SELECT setval('{SEQUENCE}', COALESCE((SELECT max(seq) FROM audit_auditevent), 0) "
            "+ 1, false)",
            params=None,
        )


def drop_sequence(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP SEQUENCE IF EXISTS {SEQUENCE}", params=None)


def create_triggers(apps: Any, schema_editor: Any) -> None:
    triggers.create(schema_editor)


def drop_triggers(apps: Any, schema_editor: Any) -> None:
    triggers.drop(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0004_justification_encrypted"),
    ]

    operations = [
        migrations.AddField(
            model_name="auditevent",
            name="prev_seq",
            field=models.BigIntegerField(default=0),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="key_id",
            field=models.CharField(default="", max_length=32),
        ),
        migrations.RunPython(rekey, unkey),
        migrations.RunPython(create_sequence, drop_sequence),
        migrations.RunPython(create_triggers, drop_triggers),
    ]
