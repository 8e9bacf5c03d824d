"""An event prepared before its action's transaction is appended with the same hash the chain
verifies, in its place, once."""

import pytest

from hatecrime.audit.actions import (
    append_event,
    event_hash,
    prepare_event,
    record_event,
    verify_chain,
)
from hatecrime.audit.models import AuditEvent


@pytest.mark.django_db
def test_a_prepared_event_hashes_exactly_as_the_chain_verifies_it(alice):
    record_event("consult", actor="system", object_type="case", object_id="HC-1")
    prepared = prepare_event(
        "disclose",
        actor=alice,
        object_type="case",
        object_id="HC-2",
        fields=["b", "a", "a"],
        justification='Court order "17" \u2013 caf\u00e9',
        recipient="CPS",
        detail={"z": 1, "a": ["x", None]},
    )
    event = append_event(prepared)
    stored = AuditEvent.objects.get(seq=event.seq)
    assert stored.hash == event_hash(stored) == event.hash
    assert stored.prev_hash == AuditEvent.objects.get(seq=event.seq - 1).hash
    assert stored.fields == ["a", "b"]
    assert verify_chain() == []


@pytest.mark.django_db
def test_events_prepared_in_one_order_and_appended_in_another_still_chain():
    first = prepare_event("collect", actor=None, object_type="report", object_id="HC-A")
    second = prepare_event("collect", actor=None, object_type="report", object_id="HC-B")
    append_event(second)
    append_event(first)
    assert list(AuditEvent.objects.order_by("seq").values_list("object_id", flat=True))[-2:] == [
        "HC-B",
        "HC-A",
    ]
    assert verify_chain() == []


@pytest.mark.django_db
def test_a_prepared_event_is_appended_once():
    prepared = prepare_event("collect", actor=None, object_type="report", object_id="HC-C")
    append_event(prepared)
    with pytest.raises(ValueError, match="already appended"):
        append_event(prepared)
    assert AuditEvent.objects.filter(object_id="HC-C").count() == 1


@pytest.mark.django_db
def test_the_place_in_the_chain_is_the_primary_key_and_on_sqlite_the_rowid():
    from django.db import connection

    event = record_event("consult", actor="system", object_type="t", object_id="1")
    assert AuditEvent._meta.pk.name == "seq" and event.pk == event.seq
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA index_list('audit_auditevent')")
            unique = [row[1] for row in cursor.fetchall() if row[2]]  # (seq, name, unique, ...)
        assert unique == []  # no second index for seq: the table is ordered by it
