"""Clients that send reports as a reporting centre's system does: each report with its own
Idempotency-Key, retried with the same key on any error (refused connection, timeout, 5xx,
409, 429) until it is acknowledged; each try goes to the next node, as a load balancer would.
They tally what the service answered, so a fault test can check that no 500 was given, that
every 503/409/429 carried Retry-After, that no answer took longer than the timeout, and that
the acknowledged reports are exactly the stored ones."""

import http.client
import json
import math
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

REPORT = {
    "reporter_role": "victim",
    "anonymous": False,
    "what_happened": "Synthetic fault test report: a man shouted abuse at the bus stop.",
    "occurred_on": "2026-11-01",
    "borough": "hackney",
    "behaviours": ["verbal_abuse"],
    "motivations": ["race"],
    "contact": {"name": "Fault Test", "email": "fault@example.invalid", "phone": "07700 900000"},
}
RETRIED = {409, 429, 502, 503, 504}


@dataclass(frozen=True)
class Answer:
    at: float  # time.monotonic() when it came
    status: int
    seconds: float
    retry_after: bool


@dataclass
class Tally:
    acknowledged: dict[str, str] = field(default_factory=dict)  # key -> reference
    answers: list[Answer] = field(default_factory=list)
    refused: int = 0  # connections refused or reset (a node restarting)
    timeouts: int = 0  # no answer within the timeout
    unexpected: list[str] = field(default_factory=list)  # anything else, e.g. a 500 or a 400
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def answered(self, status: int, headers: Any, elapsed: float) -> None:
        answer = Answer(time.monotonic(), status, elapsed, bool(headers.get("Retry-After")))
        with self.lock:
            self.answers.append(answer)

    def between(self, start: float, end: float) -> list[Answer]:
        return [answer for answer in self.answers if start <= answer.at <= end]

    @property
    def statuses(self) -> Counter[int]:
        return Counter(answer.status for answer in self.answers)

    @property
    def without_retry_after(self) -> int:
        """409/429/503 answers that did not say when to try again."""
        return sum(1 for a in self.answers if a.status in (409, 429, 503) and not a.retry_after)

    @property
    def slowest(self) -> float:
        return max((answer.seconds for answer in self.answers), default=0.0)


def post_report(
    port: int, key: str, token: str, timeout: float, body: dict[str, Any] | None = None
) -> tuple[int, Any, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(
            "POST",
            "/api/v1/reports",
            body=json.dumps(body or REPORT).encode(),
            headers={
                "Content-Type": "application/json",
                "Authorization": f"Token {token}",
                "Idempotency-Key": key,
            },
        )
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def send_until_acknowledged(
    ports: Callable[[], list[int]],
    key: str,
    token: str,
    tally: Tally,
    *,
    timeout: float = 35,
    give_up_after: float = 300,
    first_node: int = 0,
    until: float = math.inf,
) -> str | None:
    """Send one report until it is acknowledged (its reference), for `give_up_after` seconds
    at most and not past `until` (time.monotonic())."""
    deadline = min(time.monotonic() + give_up_after, until)
    attempt = first_node
    while time.monotonic() < deadline:
        nodes = ports()
        port = nodes[attempt % len(nodes)]
        attempt += 1
        started = time.monotonic()
        try:
            status, headers, answer = post_report(port, key, token, timeout)
        except TimeoutError:
            with tally.lock:
                tally.timeouts += 1
            continue
        except (OSError, http.client.HTTPException):
            with tally.lock:
                tally.refused += 1
            time.sleep(0.2)
            continue
        tally.answered(status, headers, time.monotonic() - started)
        if status == 201:
            reference = str(json.loads(answer)["reference"])
            with tally.lock:
                tally.acknowledged[key] = reference
            return reference
        if status not in RETRIED:
            with tally.lock:
                tally.unexpected.append(f"{status} {answer[:200]!r}")
            if status < 500:
                return None  # the report itself is refused: retrying cannot help
        # A real client waits Retry-After; the load test waits less to keep the load on.
        time.sleep(0.3)
    return None


def send_reports(
    ports: Callable[[], list[int]],
    total: int,
    clients: int,
    token: str,
    tally: Tally,
    *,
    timeout: float = 35,
    on_progress: Callable[[int], None] | None = None,
    until: float = math.inf,
) -> None:
    """`total` reports from `clients` concurrent clients, each with its own key; none started
    or retried past `until` (time.monotonic())."""
    lock = threading.Lock()
    started = [0]

    def client() -> None:
        while True:
            with lock:
                if started[0] >= total or time.monotonic() > until:
                    return
                started[0] += 1
                number = started[0]
            if on_progress is not None:
                on_progress(number)
            send_until_acknowledged(
                ports, uuid.uuid4().hex, token, tally, timeout=timeout, first_node=number,
                until=until,
            )  # fmt: skip

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def send_one_key_to_every_node(
    ports: list[int], token: str, tally: Tally, *, timeout: float = 35
) -> list[str | None]:
    """The same report and key sent at once to each node (a client that retried on another
    node before the first answered): the references each node finally gave."""
    key = uuid.uuid4().hex
    answers: list[str | None] = [None] * len(ports)

    def send(index: int) -> None:
        answers[index] = send_until_acknowledged(
            lambda: [ports[index]], key, token, tally, timeout=timeout
        )

    threads = [threading.Thread(target=send, args=(i,)) for i in range(len(ports))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers
