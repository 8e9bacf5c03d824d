"""The audit key: made for developers like the other keys, and the re-keying migration."""

import importlib
import json
import stat

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from hatecrime.audit import triggers
from hatecrime.audit.actions import GENESIS, audit_keys, record_event, verify_chain
from hatecrime.audit.models import AuditEvent
from hatecrime.settings.env import development_secrets

rekey_migration = importlib.import_module("hatecrime.audit.migrations.0005_keyed_chain")


def test_an_existing_development_secrets_file_gains_the_audit_key_and_keeps_the_others(tmp_path):
    path = tmp_path / "development-secrets.json"
    path.write_text(json.dumps({"SECRET_KEY": "s", "HATECRIME_ENCRYPTION_KEYS": "dev1:k"}))
    secrets = development_secrets(tmp_path)
    assert secrets["SECRET_KEY"] == "s" and secrets["HATECRIME_ENCRYPTION_KEYS"] == "dev1:k"
    assert secrets["HATECRIME_AUDIT_KEY"].startswith("audit-dev1:")
    assert secrets["HATECRIME_AUDIT_KEY"] != secrets["HATECRIME_BLIND_INDEX_KEY"]
    assert json.loads(path.read_text()) == secrets == development_secrets(tmp_path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "holds no key"),
        ("nokeyid", "entries are key-id:base64-key"),
        ("a:c2hvcnQ=", "32 bytes"),
    ],
)
def test_a_bad_audit_key_is_a_clear_configuration_error(settings, value, message):
    settings.HATECRIME_AUDIT_KEY = value
    with pytest.raises(ImproperlyConfigured, match=message):
        audit_keys()


class Editor:
    def __init__(self) -> None:
        self.connection = connection

    def execute(self, statement: str, params: object = None) -> None:
        with connection.cursor() as cursor:
            cursor.execute(statement)


def unkeyed_history(n: int) -> None:
    """Events as the previous release stored them: numbered from 1, an unkeyed SHA-256 chain,
    no key id (the PostgreSQL sequence of the test database has moved on: renumbered)."""
    for i in range(n):
        record_event("consult", actor="system", object_type="t", object_id=str(i))
    triggers.drop(Editor())
    prev = GENESIS
    for number, seq in enumerate(AuditEvent.objects.values_list("seq", flat=True), start=1):
        with connection.cursor() as cursor:
            cursor.execute("UPDATE audit_auditevent SET seq = %s WHERE seq = %s", [number, seq])
        event = AuditEvent.objects.get(seq=number)
        event.prev_hash = prev
        old = rekey_migration._unkeyed_hash(event)
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE audit_auditevent SET prev_seq = 0, key_id = '', prev_hash = %s, hash = %s"
                " WHERE seq = %s",
                [prev, old, event.seq],
            )
        prev = old


def historical_apps():
    executor = MigrationExecutor(connection)
    return executor.loader.project_state(("audit", "0005_keyed_chain")).apps


@pytest.mark.django_db
def test_the_migration_re_keys_an_intact_unkeyed_chain():
    unkeyed_history(3)
    assert verify_chain().problems != []
    rekey_migration.rekey(historical_apps(), Editor())
    triggers.create(Editor())
    assert verify_chain().problems == []
    assert set(AuditEvent.objects.values_list("key_id", flat=True)) == {"audit-test1"}


@pytest.mark.django_db
def test_the_migration_refuses_to_re_key_a_broken_chain():
    unkeyed_history(3)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET object_id = 'X' WHERE seq = 2")
    with pytest.raises(RuntimeError, match="already broken at event 2"):
        rekey_migration.rekey(historical_apps(), Editor())
