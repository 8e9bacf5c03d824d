"""The worker killed in the middle of a job that sends messages: the job runs again (the next
worker finds the task its dead predecessor left running) and every message goes at most once.

Deliveries are counted from the workers' own logs (the console channel logs each message it
hands over), not from the database, so a message sent twice would be seen."""

import re
import signal
import time
from collections import Counter
from dataclasses import dataclass

from faultkit.deployment import Deployment

PURPOSE = "fault-bench"
QUEUE_MESSAGES = """
from hatecrime.notifications.gateway import send_message
for number in range({count}):
    send_message(
        to=f"officer{{number}}@example.invalid", template="officer_case_assigned",
        context={{"reference": f"FAULT-{{number:04d}}", "link": "l"}}, purpose="{purpose}",
        queue=True,
    )
"""
DELIVERED = re.compile(r"message \(console\) template=console\s+Case (FAULT-\d{4}) assigned")


@dataclass
class WorkerKillResult:
    queued: int
    delivered_before_kill: int
    deliveries: Counter[str]
    statuses: dict[str, int]
    task_workers: list[int]  # how many workers each run of the sweep's task had
    seconds_to_finish: float

    @property
    def most_deliveries_of_one(self) -> int:
        return max(self.deliveries.values(), default=0)

    @property
    def ok(self) -> bool:
        sent = self.statuses.get("sent", 0)
        in_flight = self.statuses.get("sending", 0)
        return (
            self.most_deliveries_of_one <= 1
            and self.statuses.get("queued", 0) == 0
            and in_flight <= 1
            and sent + in_flight == self.queued
            and sent <= len(self.deliveries) <= sent + in_flight
            and any(workers >= 2 for workers in self.task_workers)
        )


def deliveries(deployment: Deployment, *names: str) -> Counter[str]:
    counted: Counter[str] = Counter()
    for name in names:
        path = deployment.var_dir / f"{name}.log"
        if path.exists():
            counted.update(DELIVERED.findall(path.read_text(errors="replace")))
    return counted


def kill_a_worker_mid_job(deployment: Deployment, count: int = 100) -> WorkerKillResult:
    deployment.manage("shell", "-c", QUEUE_MESSAGES.format(count=count, purpose=PURPOSE))
    # INFO: the console channel logs each message it hands over (what is counted here).
    first = deployment.worker("worker-a", tick=1, HATECRIME_LOG_LEVEL="INFO")
    deadline = time.monotonic() + 120
    while len(deliveries(deployment, "worker-a")) < count // 5:
        if time.monotonic() > deadline:
            raise RuntimeError("the first worker sent nothing within 120 s")
        time.sleep(0.02)
    first.send_signal(signal.SIGKILL)
    first.wait()
    before_kill = sum(deliveries(deployment, "worker-a").values())
    started = time.monotonic()
    deployment.worker("worker-b", tick=1, HATECRIME_LOG_LEVEL="INFO")
    waiting = (
        "SELECT count(*) FROM notifications_message "
        f"WHERE purpose = '{PURPOSE}' AND status = 'queued'"
    )
    while deployment.sql(waiting)[0][0] > 0:
        if time.monotonic() - started > 120:
            break
        time.sleep(0.2)
    finished = time.monotonic() - started
    time.sleep(1)  # let the last log line land
    statuses = dict(
        deployment.sql(
            "SELECT status, count(*) FROM notifications_message "
            f"WHERE purpose = '{PURPOSE}' GROUP BY status"
        )
    )
    task_workers = [
        len(row[0])
        for row in deployment.sql(
            "SELECT worker_ids FROM django_tasks_database_dbtaskresult "
            "WHERE task_path = 'hatecrime.notifications.jobs.due_messages_job'"
        )
    ]
    deployment.stop()
    return WorkerKillResult(
        queued=count,
        delivered_before_kill=before_kill,
        deliveries=deliveries(deployment, "worker-a", "worker-b"),
        statuses=statuses,
        task_workers=task_workers,
        seconds_to_finish=finished,
    )
