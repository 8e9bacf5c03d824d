"""`hatecrime run_worker` outlives a database outage: the queue's worker is started again when
the database fails under it, instead of the process exiting (found by bench/faults.py)."""

import pytest
from django.db import OperationalError

from hatecrime.core.management.commands import run_worker


def test_the_queue_is_started_again_after_the_database_failed_under_it(monkeypatch):
    calls = []

    def db_worker(*args):
        calls.append(args)
        if len(calls) < 3:
            raise OperationalError("couldn't get a connection after 3.00 sec")

    monkeypatch.setattr(run_worker, "call_command", db_worker)
    monkeypatch.setattr(run_worker.time, "sleep", lambda seconds: None)
    run_worker.run_queue()
    assert len(calls) == 3
    assert calls[0][0] == "db_worker" and "--worker-id" in calls[0]


def test_a_stop_signal_still_stops_it(monkeypatch):
    def told_to_stop(*args):
        raise SystemExit(0)

    monkeypatch.setattr(run_worker, "call_command", told_to_stop)
    with pytest.raises(SystemExit):
        run_worker.run_queue()
