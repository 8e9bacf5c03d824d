import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from hatecrime.audit.actions import event_hash, record_event, verify_chain
from hatecrime.audit.models import AppendOnly, AuditEvent

pytestmark = pytest.mark.django_db


def make_events(n: int = 3) -> list[AuditEvent]:
    return [
        record_event("consult", actor=None, object_type="case", object_id=f"REF{i}", fields=["a"])
        for i in range(n)
    ]


def test_it_chains_each_event_to_the_one_before():
    first, second, _ = make_events()
    assert second.prev_hash == first.hash
    assert verify_chain() == []


def test_it_refuses_changes_through_the_application():
    (event,) = make_events(1)
    event.justification = "changed"
    with pytest.raises(AppendOnly):
        event.save()
    with pytest.raises(AppendOnly):
        AuditEvent.objects.all().delete()
    with pytest.raises(AppendOnly):
        AuditEvent.objects.update(kind="erase")


def test_the_command_detects_an_edit_made_directly_in_the_database():
    make_events()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET object_id = 'OTHER' WHERE seq = 2")
    with pytest.raises(CommandError):
        call_command("verify_audit")
    assert any("event 2" in problem for problem in verify_chain())


def test_the_command_detects_a_deleted_event():
    make_events()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE seq = 2")
    assert any("missing" in problem for problem in verify_chain())


def test_an_event_hashes_exactly_as_the_chain_verifies_it(alice):
    record_event("consult", actor="system", object_type="case", object_id="HC-1")
    event = record_event(
        "disclose",
        actor=alice,
        object_type="case",
        object_id="HC-2",
        fields=["b", "a", "a"],
        justification='Court order "17" \u2013 caf\u00e9',
        recipient="CPS",
        detail={"z": 1, "a": ["x", None]},
    )
    stored = AuditEvent.objects.get(seq=event.seq)
    assert stored.hash == event_hash(stored) == event.hash
    assert stored.prev_hash == AuditEvent.objects.get(seq=event.seq - 1).hash
    assert stored.fields == ["a", "b"]
    assert verify_chain() == []


def test_the_place_in_the_chain_is_the_primary_key_and_on_sqlite_the_rowid():
    event = record_event("consult", actor="system", object_type="t", object_id="1")
    assert AuditEvent._meta.pk.name == "seq" and event.pk == event.seq
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA index_list('audit_auditevent')")
            unique = [row[1] for row in cursor.fetchall() if row[2]]  # (seq, name, unique, ...)
        assert unique == []  # no second index for seq: the table is ordered by it
