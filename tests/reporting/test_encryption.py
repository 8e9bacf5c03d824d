"""A copy of the database alone reveals no narrative, name or contact detail."""

import pytest
from django.core.management import call_command
from django.db import connection

from hatecrime.reporting.actions import do_submit_report
from hatecrime.reporting.models import Report

NARRATIVE = "Xanthippe Vandersloot was spat at near the Wibbleton synagogue"
PAYLOAD = {
    "reporter_role": "victim",
    "anonymous": False,
    "what_happened": NARRATIVE,
    "occurred_on": "2026-11-01",
    "borough": "hackney",
    "motivations": ["religion"],
    "contact": {"name": "Xanthippe Vandersloot", "email": "xv@example.com", "phone": "07700900555"},
}
SECRETS = ["Vandersloot", "Wibbleton", "xv@example.com", "07700900555"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_raw_database_holds_no_personal_data():
    do_submit_report(payload=PAYLOAD, channel="online", actor=None, idempotency_key="api:enc")
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(FULL)")
        with open(connection.settings_dict["NAME"], "rb") as handle:
            raw = handle.read()
        for secret in SECRETS:
            assert secret.encode() not in raw
    else:
        with connection.cursor() as cursor:
            for table in ("reporting_report", "reporting_idempotencyrecord", "audit_auditevent"):
                cursor.execute(f"SELECT * FROM {table}")
                dump = repr(cursor.fetchall())
                for secret in SECRETS:
                    assert secret not in dump


@pytest.mark.django_db
def test_rotate_keys_re_encrypts_with_the_new_primary_key(settings, capsys):
    import base64

    from hatecrime.core.crypto import is_current

    do_submit_report(payload=PAYLOAD, channel="online", actor=None)
    old = settings.HATECRIME_ENCRYPTION_KEYS
    settings.HATECRIME_ENCRYPTION_KEYS = (
        "k2:" + base64.urlsafe_b64encode(b"n" * 32).decode() + "," + old
    )
    call_command("rotate_keys")
    with connection.cursor() as cursor:
        cursor.execute("SELECT submitted FROM reporting_report")
        [(token,)] = cursor.fetchall()
    assert is_current(token)
    assert Report.objects.get().submitted["cleaned"]["what_happened"] == NARRATIVE
    assert "reporting.Report.submitted: 1" in capsys.readouterr().out
