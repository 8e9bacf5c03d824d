"""Two web nodes and two workers on one PostgreSQL database (issue 14, item 3;
docs/adr/0770-several-nodes-and-pooling.md): reports sent to both are stored once each, the
same Idempotency-Key sent to both nodes at once gives one report, each periodic job runs once
per period whichever worker claims it, and a member of staff signed in on one node is signed
in on the other."""

import datetime as dt
import itertools
import math

import pytest
import requests
from django.conf import settings as django_settings
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from core.nodes import PERIOD_SCALE, several_nodes, wait_for
from faultkit.clients import Tally, send_one_key_to_every_node, send_reports
from hatecrime.core.models import WorkerHeartbeat
from hatecrime.core.scheduler import JOBS
from hatecrime.reporting.models import Report
from personas import PASSWORD, api_token, app_device, current_code, make_staff

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        not django_settings.DATABASES["default"]["ENGINE"].endswith("postgresql"),
        reason="several processes share one database on PostgreSQL only; CI runs the suite "
        "on PostgreSQL too (DATABASE_URL)",
    ),
]

DEFAULT_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]


def sign_in(port: int, username: str, code_for) -> requests.Session:
    """Sign in through the pages of the node on `port`: password, then the app's code."""
    browser = requests.Session()
    base = f"http://127.0.0.1:{port}"
    browser.get(f"{base}/staff/sign-in/")
    answer = browser.post(
        f"{base}/staff/sign-in/",
        data={
            "username": username,
            "password": PASSWORD,
            "csrfmiddlewaretoken": browser.cookies["csrftoken"],
        },
        allow_redirects=False,
    )
    assert answer.status_code == 302 and answer.headers["Location"].startswith("/staff/verify/")
    answer = browser.post(
        f"{base}{answer.headers['Location']}",
        data={"code": code_for(), "csrfmiddlewaretoken": browser.cookies["csrftoken"]},
        allow_redirects=False,
    )
    assert answer.status_code == 302, answer.text[:500]
    return browser


def runs_of(job_name: str) -> list[dt.datetime]:
    path = JOBS[job_name].task.module_path
    return sorted(DBTaskResult.objects.filter(task_path=path).values_list("enqueued_at", flat=True))


def test_two_web_nodes_and_two_workers_share_one_database(tmp_path, settings, centre):
    settings.PASSWORD_HASHERS = DEFAULT_HASHERS  # the nodes' own hashers check the password
    alice = make_staff("alice", "officer", ["hackney"])
    app_device(alice)
    token = api_token(centre)
    started = timezone.now()
    with several_nodes(tmp_path) as nodes:
        try:
            a, b = nodes.ports
            # Reports to both nodes, each with its own key, and one key sent to both at once.
            tally = Tally()
            send_reports(lambda: nodes.ports, 12, 4, token, tally, timeout=30)
            same_key = send_one_key_to_every_node(nodes.ports, token, tally, timeout=30)

            # A session made on node A is a session on node B (sessions live in the database).
            on_a = sign_in(a, "alice", lambda: current_code(alice))
            on_b = requests.Session()
            on_b.cookies.update(on_a.cookies.get_dict())
            queue = on_b.get(f"http://127.0.0.1:{b}/staff/cases/", allow_redirects=False)

            # Both workers tick, and the one-minute sweep (3 s here) runs for a few periods.
            wait_for(lambda: WorkerHeartbeat.objects.count() == 2, 60, "both workers' heartbeats")
            wait_for(
                lambda: len(runs_of("notifications.due_messages")) >= 4,
                60,
                "four periods of the one-minute sweep",
            )
        except Exception:
            print(nodes.logs())
            raise
    elapsed = (timezone.now() - started).total_seconds()

    assert tally.unexpected == [] and tally.statuses[500] == 0
    assert len(tally.acknowledged) == 13
    assert same_key[0] is not None and same_key[0] == same_key[1]
    stored = list(Report.objects.values_list("reference", flat=True))
    assert sorted(stored) == sorted(set(tally.acknowledged.values()))

    assert queue.status_code == 200
    assert "Sign out (alice)" in queue.text

    for name, job in JOBS.items():
        runs = runs_of(name)
        period = job.every.total_seconds() * PERIOD_SCALE
        assert 1 <= len(runs) <= math.ceil(elapsed / period) + 1, (name, len(runs))
        gaps = [(later - earlier).total_seconds() for earlier, later in itertools.pairwise(runs)]
        # Twice in one period would be two runs within a tick (0.5 s) of each other. A run is
        # enqueued just after its claim, on a busy machine up to a second or so later, so a gap
        # may be less than the period by that much.
        assert all(gap >= 0.5 * period for gap in gaps), (name, gaps)
    finished = DBTaskResult.objects.exclude(status__in=[TaskResultStatus.READY])
    assert not finished.filter(status=TaskResultStatus.FAILED).exists(), list(
        finished.filter(status=TaskResultStatus.FAILED).values_list("task_path", "traceback")
    )
