import hashlib
import hmac
import json
import threading
from datetime import UTC

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, connections, transaction

from hatecrime.audit import triggers
from hatecrime.audit.actions import (
    GENESIS,
    check_heads,
    event_hash,
    export_head,
    record_event,
    verify_chain,
)
from hatecrime.audit.models import AppendOnly, AuditEvent
from hatecrime.core.crypto import TEXT_PREFIX
from hatecrime.core.scheduler import JOBS

pytestmark = pytest.mark.django_db

TEST_KEY = "audit-test1:YXVkaXQta2V5LWZvci10aGUtdGVzdHMtMDAwMDAwMDA="
OTHER_KEY = "audit-old:b2xkLWF1ZGl0LWtleS1mb3ItdGhlLXRlc3RzLTAwMDA="


def make_events(n: int = 3) -> list[AuditEvent]:
    return [
        record_event("consult", actor=None, object_type="case", object_id=f"REF{i}", fields=["a"])
        for i in range(n)
    ]


def as_owner(sql: str, params: list | None = None) -> None:
    """What someone who owns the table can do: lift the trigger, change rows, put it back."""

    class Editor:
        def __init__(self) -> None:
            self.connection = connection

        def execute(self, statement: str, params: object = None) -> None:
            with connection.cursor() as cursor:
                cursor.execute(statement)

    triggers.drop(Editor())
    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])
    triggers.create(Editor())


def unkeyed(event: AuditEvent, key: bytes) -> str:
    """The chain's hash as an attacker without the audit key would recompute it."""
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


def test_it_chains_each_event_to_the_one_before():
    first, second, _ = make_events()
    assert second.prev_hash == first.hash and second.prev_seq == first.seq
    assert first.key_id == "audit-test1"
    check = verify_chain()
    assert check.problems == [] and check.events == 3


def test_it_refuses_changes_through_the_application():
    (event,) = make_events(1)
    event.justification = "changed"
    with pytest.raises(AppendOnly):
        event.save()
    with pytest.raises(AppendOnly):
        AuditEvent.objects.all().delete()
    with pytest.raises(AppendOnly):
        AuditEvent.objects.update(kind="erase")


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE audit_auditevent SET object_id = 'OTHER'",
        "DELETE FROM audit_auditevent",
    ],
)
def test_the_database_refuses_update_and_delete(sql):
    make_events()
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql)
    assert AuditEvent.objects.count() == 3
    assert set(AuditEvent.objects.values_list("object_id", flat=True)) == {"REF0", "REF1", "REF2"}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # committed events
@pytest.mark.parametrize("cascade", [False, True])
def test_the_database_refuses_to_empty_the_audit_at_once(cascade):
    """PostgreSQL's TRUNCATE passes row triggers by; a statement trigger refuses it, also when
    it comes by cascade from the staff table. SQLite has no TRUNCATE: its DELETE without a
    condition meets the row trigger."""
    if cascade and connection.vendor != "postgresql":
        pytest.skip("only PostgreSQL empties tables by cascade")
    make_events()
    if connection.vendor == "postgresql":
        sql = "TRUNCATE accounts_user CASCADE" if cascade else "TRUNCATE audit_auditevent"
    else:
        sql = "DELETE FROM audit_auditevent"
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql)
    assert AuditEvent.objects.count() == 3


def test_only_the_encrypted_justification_may_be_rewritten_and_its_plaintext_is_covered():
    event = record_event(
        "consult", actor="system", object_type="case", object_id="1", justification="On duty"
    )
    AuditEvent._base_manager.filter(seq=event.seq).update(justification="On duty")  # re-encrypt
    assert verify_chain().problems == []
    AuditEvent._base_manager.filter(seq=event.seq).update(justification="Curious")
    assert verify_chain().problems == [
        f"event {event.seq}: its content was changed after it was written"
    ]
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent._base_manager.filter(seq=event.seq).update(justification="x", kind="alter")


@pytest.mark.parametrize("written", ["not encrypted", "TEXTPREFIXdamaged", b"\x00\x01"])
def test_a_justification_that_cannot_be_decrypted_is_named_not_a_crash(written):
    """The database lets the justification alone be rewritten (for rotate_keys); whatever a
    database writer puts there, verify_audit names the event instead of stopping at it."""
    if isinstance(written, bytes) and connection.vendor != "sqlite":
        pytest.skip("only SQLite stores bytes in a text column")
    if written == "TEXTPREFIXdamaged":
        written = TEXT_PREFIX + "damaged"
    _, second, _ = make_events()
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE audit_auditevent SET justification = %s WHERE seq = %s", [written, second.seq]
        )
    assert verify_chain().problems == [
        f"event {second.seq}: its justification cannot be decrypted (changed after it was "
        "written, or encrypted with a key that is not configured)"
    ]
    with pytest.raises(CommandError):
        call_command("verify_audit")


def test_the_command_detects_an_edit_made_directly_in_the_database():
    _, second, _ = make_events()
    as_owner("UPDATE audit_auditevent SET object_id = 'OTHER' WHERE seq = %s", [second.seq])
    with pytest.raises(CommandError):
        call_command("verify_audit")
    assert verify_chain().problems == [
        f"event {second.seq}: its content was changed after it was written"
    ]


@pytest.mark.parametrize("guess", [b"", b"test-secret-key-not-for-production"])
def test_an_edit_with_every_later_hash_recomputed_without_the_key_is_detected(guess):
    events = make_events(4)
    as_owner("UPDATE audit_auditevent SET object_id = 'OTHER' WHERE seq = %s", [events[1].seq])
    prev_hash = events[0].hash
    for original in events[1:]:
        event = AuditEvent.objects.get(seq=original.seq)
        event.prev_hash = prev_hash
        forged = unkeyed(event, guess) if guess else hashlib.sha256(b"x").hexdigest()
        as_owner(
            "UPDATE audit_auditevent SET prev_hash = %s, hash = %s WHERE seq = %s",
            [prev_hash, forged, event.seq],
        )
        prev_hash = forged
    problems = verify_chain().problems
    assert len(problems) == 3
    assert all("changed after it was written" in problem for problem in problems)


def test_a_deleted_event_is_detected():
    events = make_events()
    as_owner("DELETE FROM audit_auditevent WHERE seq = %s", [events[1].seq])
    problems = verify_chain().problems
    assert f"event {events[2].seq}: the event it follows, {events[1].seq}, is missing" in problems


def test_an_unused_number_that_no_event_follows_is_not_tampering_on_postgresql_only():
    events = make_events(2)
    # As a rolled-back transaction leaves it on PostgreSQL: a number skipped, nobody follows it.
    as_owner("DELETE FROM audit_auditevent WHERE seq = %s", [events[1].seq])
    later = record_event("consult", actor="system", object_type="t", object_id="1")
    if connection.vendor == "postgresql":
        assert later.prev_seq == events[0].seq
        assert verify_chain().problems == []
        assert verify_chain().unused[-1] == (events[1].seq, events[1].seq)
    else:
        assert later.seq == events[1].seq  # SQLite never skips: the number is given again
        assert verify_chain().problems == []


def test_rotated_keys_still_verify_with_the_key_each_event_names(settings):
    settings.HATECRIME_AUDIT_KEY = OTHER_KEY
    old = record_event("consult", actor="system", object_type="t", object_id="1")
    settings.HATECRIME_AUDIT_KEY = f"{TEST_KEY},{OTHER_KEY}"
    new = record_event("consult", actor="system", object_type="t", object_id="2")
    assert (old.key_id, new.key_id) == ("audit-old", "audit-test1")
    assert verify_chain().problems == []
    settings.HATECRIME_AUDIT_KEY = TEST_KEY
    assert verify_chain().problems == [
        f"event {old.seq}: signed with key 'audit-old', which is not configured"
    ]


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
    key = b"audit-key-for-the-tests-00000000"
    assert stored.hash == event_hash(stored, key) == unkeyed(stored, key) == event.hash
    assert stored.prev_hash == AuditEvent.objects.get(seq=stored.prev_seq).hash
    assert stored.fields == ["a", "b"]
    assert verify_chain().problems == []


def test_the_head_is_printed_and_a_truncated_audit_is_detected_against_the_head_file(
    tmp_path, capsys
):
    events = make_events(4)
    call_command("verify_audit", "--head")
    assert capsys.readouterr().out.strip() == f"{events[-1].seq} {events[-1].hash}"
    heads = tmp_path / "heads.log"
    line = export_head(heads)
    assert line is not None and line.endswith(f" {events[-1].seq} {events[-1].hash} 4")
    call_command("verify_audit", "--against", str(heads))
    assert check_heads(heads) == []

    as_owner("DELETE FROM audit_auditevent WHERE seq >= %s", [events[2].seq])
    assert verify_chain().problems == []  # what is left is a valid chain on its own
    with pytest.raises(CommandError, match="broken"):
        call_command("verify_audit", "--against", str(heads))
    assert check_heads(heads) == [
        f"head of {line.split()[0]} (line 1): event {events[-1].seq} is not in the database"
    ]


def test_a_head_file_that_is_not_one_is_a_clear_error(tmp_path):
    bad = tmp_path / "heads.log"
    bad.write_text("hello\n")
    with pytest.raises(CommandError, match="line 1: not a recorded head"):
        call_command("verify_audit", "--against", str(bad))
    with pytest.raises(CommandError, match="no head file"):
        call_command("verify_audit", "--against", str(tmp_path / "missing.log"))


def test_the_head_is_exported_daily_to_the_configured_file(settings, tmp_path):
    settings.HATECRIME_AUDIT_HEAD_FILE = tmp_path / "var" / "audit-heads.log"
    job = JOBS["audit.export_head"]
    assert job.every.days == 1
    assert job.task.call() is None  # nothing to export yet
    (event,) = make_events(1)
    job.task.call()
    job.task.call()
    lines = settings.HATECRIME_AUDIT_HEAD_FILE.read_text().splitlines()
    assert [line.split()[1:] for line in lines] == [[str(event.seq), event.hash, "1"]] * 2


def test_the_first_event_follows_the_genesis():
    (event,) = make_events(1)
    assert (event.prev_seq, event.prev_hash) == (0, GENESIS)


# serialized_rollback: as tests/cases/test_concurrent_edits.py, so that the content types
# are as the next serialized test expects after this test's flush.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_writers_leave_a_valid_chain():
    errors: list[BaseException] = []

    def write(worker: int) -> None:
        try:
            for i in range(15):
                with transaction.atomic():
                    record_event(
                        "consult", actor="system", object_type="t", object_id=f"{worker}.{i}"
                    )
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    check = verify_chain()
    assert check.problems == [] and check.events == 120
    assert AuditEvent.objects.values("object_id").distinct().count() == 120


def test_the_place_in_the_chain_is_the_primary_key_and_on_sqlite_the_rowid():
    event = record_event("consult", actor="system", object_type="t", object_id="1")
    assert AuditEvent._meta.pk.name == "seq" and event.pk == event.seq
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA index_list('audit_auditevent')")
            unique = [row[1] for row in cursor.fetchall() if row[2]]  # (seq, name, unique, ...)
        assert unique == []  # no second index for seq: the table is ordered by it
