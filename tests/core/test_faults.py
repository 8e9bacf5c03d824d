"""Nothing lost when parts fail: the test suite's small version of bench/faults.py (issue 14,
item 5; docs/adr/0771-fault-benchmark.md). Faults are triggered by counts and states, never by
timing: a web worker is killed when the tenth report starts, the database's connections are
cut when the twentieth does, a worker's death mid-job is the state it leaves behind."""

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from core.nodes import database_url_of_this_test, several_nodes, wait_for
from faultkit.clients import Tally, post_report, send_reports
from faultkit.messages import DELIVERED
from faultkit.outage import probe
from faultkit.processes import answers, children, free_port, gunicorn, service_env, stop
from hatecrime.core.liveness import this_process
from hatecrime.core.models import ScheduledJob
from hatecrime.core.scheduler import JOBS
from hatecrime.notifications.gateway import send_message
from hatecrime.notifications.models import Message, MessageStatus
from hatecrime.reporting.models import Report
from personas import api_token

on_postgresql = pytest.mark.skipif(
    not django_settings.DATABASES["default"]["ENGINE"].endswith("postgresql"),
    reason="several processes share one database on PostgreSQL only; CI runs the suite on "
    "PostgreSQL too (DATABASE_URL)",
)


def backend_pid() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return int(cursor.fetchone()[0])


def cut_the_nodes_connections(spare: int) -> int:
    """What a PostgreSQL restart does to the nodes: every session on the test database ended,
    except this test's own (`spare`), from a connection of its own (callers are threads)."""
    import psycopg

    with psycopg.connect(database_url_of_this_test(), autocommit=True) as admin:
        cut = admin.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid NOT IN (pg_backend_pid(), %s)",
            [spare],
        ).fetchone()
    return int(cut[0]) if cut else 0


@on_postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_reports_survive_a_killed_web_worker_and_cut_database_connections(tmp_path, centre):
    token = api_token(centre)
    ours = backend_pid()
    tally = Tally()
    faults: list[str] = []
    with several_nodes(tmp_path, webs=1, workers=1, web_workers=2) as nodes:
        web = nodes.webs[0]

        def fault_when(number: int) -> None:
            if number == 10:
                os.kill(children(web.pid)[0], signal.SIGKILL)
                faults.append("web worker killed")
            if number == 20:
                faults.append(f"{cut_the_nodes_connections(spare=ours)} connections cut")

        try:
            send_reports(lambda: nodes.ports, 30, 4, token, tally, timeout=30,
                         on_progress=fault_when, until=time.monotonic() + 240)  # fmt: skip
        except Exception:
            print(nodes.logs())
            raise
    assert len(faults) == 2 and faults[1] != "0 connections cut"
    assert len(tally.acknowledged) == 30
    assert tally.statuses[500] == 0 and tally.unexpected == []
    assert tally.without_retry_after == 0
    stored = sorted(Report.objects.values_list("reference", flat=True))
    assert stored == sorted(tally.acknowledged.values())  # none lost, none twice


def test_a_node_whose_database_is_down_answers_503_at_once(tmp_path):
    nowhere = f"postgres://hatecrime@127.0.0.1:{free_port()}/hatecrime"  # nothing listens
    port = free_port()
    env = service_env(nowhere, tmp_path / "var", HATECRIME_DB_POOL="true")
    web = gunicorn(env, port, workers=1, threads=2)
    try:
        wait_for(lambda: answers(port) is not None, 90, "the node to answer")
        started = time.monotonic()
        status, headers, body = post_report(port, "key-1", "no-token", timeout=30)
        took = time.monotonic() - started
        assert status == 503 and headers["Retry-After"] and took < 10
        assert json.loads(body)["other_ways_to_report"]["emergency"].endswith("call 999.")
        health = probe(port, "healthz", "GET", "/healthz", timeout=30)
        assert health.status == 503 and health.json and health.seconds < 10
        page = probe(port, "send report page", "POST", "/report/submit/", timeout=30)
        assert page.status == 503 and page.retry_after and page.other_ways
        assert not page.bare_500 and page.seconds < 10
    finally:
        stop(web)


def dead_worker_here() -> str:
    finished = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    return f"{this_process().rpartition(':')[0]}:{finished.stdout.strip()}"


@on_postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_job_left_running_by_a_dead_worker_runs_again_and_sends_each_message_once(tmp_path):
    # What a worker killed mid-sweep leaves: some messages sent, one being sent (it may have
    # gone), the rest queued, and the sweep's task running under a process that is gone.
    messages = [
        send_message(
            to=f"officer{number}@example.invalid",
            template="officer_case_assigned",
            context={"reference": f"FAULT-{number:04d}", "link": "l"},
            purpose="fault-test",
            queue=True,
        )
        for number in range(30)
    ]
    sent, in_flight = messages[:10], messages[10]  # the other 19 are queued
    Message.objects.filter(pk__in=[m.pk for m in sent]).update(
        status=MessageStatus.SENT, context=None, attempts=1
    )
    Message.objects.filter(pk=in_flight.pk).update(
        status=MessageStatus.SENDING, attempted_at=timezone.now()
    )
    task = DBTaskResult.objects.create(
        status=TaskResultStatus.RUNNING,
        task_path=JOBS["notifications.due_messages"].task.module_path,
        args_kwargs={"args": [], "kwargs": {}},
        backend_name="default",
        run_after=timezone.now(),
        started_at=timezone.now(),
        worker_ids=[dead_worker_here()],
    )
    # No sweep is due by the clock: only the dead worker's task can send the queued messages.
    for name in JOBS:
        ScheduledJob.objects.create(name=name, next_run_at=timezone.now() + dt.timedelta(days=1))
    with several_nodes(tmp_path, webs=0, workers=1, HATECRIME_LOG_LEVEL="INFO") as nodes:
        wait_for(
            lambda: DBTaskResult.objects.get(pk=task.pk).status == TaskResultStatus.SUCCESSFUL,
            90,
            "the dead worker's task to run again",
        )
        log = nodes.logs(tail=None)
    delivered = DELIVERED.findall(log)
    assert sorted(delivered) == sorted(f"FAULT-{number:04d}" for number in range(11, 30))
    assert Message.objects.filter(status=MessageStatus.SENT).count() == 29
    assert Message.objects.get(pk=in_flight.pk).status == MessageStatus.SENDING  # not resent
    assert len(DBTaskResult.objects.get(pk=task.pk).worker_ids) == 2
