"""The periodic WAL checkpoint keeps SQLite's write-ahead log from growing without limit."""

import os

import pytest
from django.db import connection

from hatecrime.core.scheduler import JOBS
from hatecrime.reporting.actions import do_submit_report
from hatecrime.reporting.jobs import checkpoint_sqlite_wal_job
from hatecrime.reporting.models import Report

PAYLOAD = {
    "reporter_role": "victim",
    "anonymous": True,
    "what_happened": "Abuse shouted at a bus stop",
    "occurred_on": "2026-11-01",
    "borough": "hackney",
    "motivations": ["race"],
}


def test_the_checkpoint_is_a_periodic_sweep():
    assert JOBS["reporting.checkpoint_sqlite_wal"].task is checkpoint_sqlite_wal_job


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_after_the_checkpoint_the_wal_is_empty_and_every_report_is_in_the_database():
    for _ in range(3):
        do_submit_report(payload=PAYLOAD, channel="online", actor=None)
    result = checkpoint_sqlite_wal_job.call()
    if connection.vendor != "sqlite":
        assert result is None
        return
    wal = f"{connection.settings_dict['NAME']}-wal"
    busy, _frames, _copied = result
    assert busy == 0
    assert os.path.getsize(wal) == 0
    assert Report.objects.count() == 3
