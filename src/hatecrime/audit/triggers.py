"""Database triggers that refuse UPDATE and DELETE of audit events (docs/adr/0540), made and
removed by migration 0005.

PostgreSQL: one row trigger raises on any UPDATE or DELETE, whoever runs it, and a statement
trigger (migration 0006) on TRUNCATE, which row triggers do not see, also when it comes by
cascade; only the table's owner can drop or disable them, and then the HMAC chain and the
exported heads still tell. SQLite: the same, except that DELETE is allowed while
`flush_allowed()` is true. Both allowances, the SQLite function and disabling the TRUNCATE
trigger, are for the test suite's flush between transactional tests only (`allow_flush`). No
retention rule deletes audit events.

One UPDATE is allowed on both: of the encrypted `justification` alone, which `rotate_keys`
re-encrypts under a new encryption key. The HMAC covers its plaintext, so a different text
(which would need the encryption key as well) still fails `verify_audit`.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.db import connections

_FLUSH = ContextVar("hatecrime_audit_flush", default=False)

POSTGRESQL_CREATE = [
    """CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'UPDATE'
                AND to_jsonb(NEW) - 'justification' = to_jsonb(OLD) - 'justification' THEN
            RETURN NEW;
        END IF;
        RAISE EXCEPTION 'audit events are append-only: % refused', TG_OP
            USING ERRCODE = 'insufficient_privilege';
    END $$""",
    """CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_auditevent
    FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()""",
]
POSTGRESQL_DROP = [
    "DROP TRIGGER IF EXISTS audit_event_append_only ON audit_auditevent",
    "DROP FUNCTION IF EXISTS audit_event_append_only()",
]
# Migration 0006: TRUNCATE (a statement, not rows) refused on PostgreSQL.
POSTGRESQL_TRUNCATE_CREATE = [
    """CREATE OR REPLACE FUNCTION audit_event_no_truncate() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION 'audit events are append-only: TRUNCATE refused'
            USING ERRCODE = 'insufficient_privilege';
    END $$""",
    """CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_auditevent
    FOR EACH STATEMENT EXECUTE FUNCTION audit_event_no_truncate()""",
]
POSTGRESQL_TRUNCATE_DROP = [
    "DROP TRIGGER IF EXISTS audit_event_no_truncate ON audit_auditevent",
    "DROP FUNCTION IF EXISTS audit_event_no_truncate()",
]
# Turning the TRUNCATE trigger off and on for the test suite's flush, where it exists (a test
# may have migrated the audit back before 0006). Only the table's owner may do this.
_POSTGRESQL_TRUNCATE_SWITCH = """DO $$ BEGIN
    IF EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'audit_event_no_truncate') THEN
        ALTER TABLE audit_auditevent {} TRIGGER audit_event_no_truncate;
    END IF;
END $$"""
SQLITE_CREATE = [
    """CREATE TRIGGER audit_event_no_update BEFORE UPDATE OF seq, occurred_at, actor_id,
    actor_label, kind, object_type, object_id, fields, recipient, detail, prev_seq, prev_hash,
    key_id, hash ON audit_auditevent
    BEGIN SELECT RAISE(ABORT, 'audit events are append-only: UPDATE refused'); END""",
    """CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_auditevent
    WHEN NOT hatecrime_audit_flush()
    BEGIN SELECT RAISE(ABORT, 'audit events are append-only: DELETE refused'); END""",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS audit_event_no_update",
    "DROP TRIGGER IF EXISTS audit_event_no_delete",
]


def flush_allowed() -> int:
    return int(_FLUSH.get())


@contextmanager
def allow_flush(using: str = "default") -> Iterator[None]:
    """For the test suite's flush between transactional tests only (SQLite empties tables with
    DELETE, which the function lets through; PostgreSQL uses TRUNCATE, whose trigger is turned
    off meanwhile)."""
    connection = connections[using]
    postgresql = connection.vendor == "postgresql"
    token = _FLUSH.set(True)
    try:
        if postgresql:
            with connection.cursor() as cursor:
                cursor.execute(_POSTGRESQL_TRUNCATE_SWITCH.format("DISABLE"))
        yield
    finally:
        _FLUSH.reset(token)
        if postgresql:
            with connection.cursor() as cursor:
                cursor.execute(_POSTGRESQL_TRUNCATE_SWITCH.format("ENABLE"))


def register_sqlite_function(sender: Any, connection: Any, **kwargs: Any) -> None:
    """The SQLite trigger that refuses DELETE asks this function, registered on each connection
    (a connection without it, such as the sqlite3 shell, cannot delete either)."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "hatecrime_audit_flush", 0, flush_allowed, deterministic=False
        )


def create(schema_editor: Any) -> None:
    vendor = schema_editor.connection.vendor
    for statement in POSTGRESQL_CREATE if vendor == "postgresql" else SQLITE_CREATE:
        schema_editor.execute(statement, params=None)


def drop(schema_editor: Any) -> None:
    vendor = schema_editor.connection.vendor
    for statement in POSTGRESQL_DROP if vendor == "postgresql" else SQLITE_DROP:
        schema_editor.execute(statement, params=None)


def create_truncate_guard(schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRESQL_TRUNCATE_CREATE:
            schema_editor.execute(statement, params=None)


def drop_truncate_guard(schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRESQL_TRUNCATE_DROP:
            schema_editor.execute(statement, params=None)
