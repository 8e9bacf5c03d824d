"""PostgreSQL stopped for a while under load, and what the service answers meanwhile: the API
a JSON 503 with Retry-After, /healthz a JSON 503, the public send step the page that says the
report was not sent and keeps the answers (999, 101), never a 500, never a hang."""

import http.client
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from faultkit.cluster import PrivateCluster


@dataclass
class Probe:
    name: str
    status: int | None
    seconds: float
    retry_after: bool
    json: bool
    other_ways: bool  # the page or body gives 999 and 101
    kept: bool  # the page says what they wrote is still saved
    bare_500: bool  # "Internal Server Error" anywhere


CSRF = "a" * 32  # a well-formed CSRF secret; the form sends it back unmasked


def probe(port: int, name: str, method: str, path: str, timeout: float) -> Probe:
    started = time.monotonic()
    # A visitor with a session (their draft) and a CSRF cookie, as after the earlier steps.
    headers = {"Cookie": f"sessionid={'x' * 32}; csrftoken={CSRF}"}
    body = None
    if method == "POST":
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        body = f"csrfmiddlewaretoken={CSRF}".encode()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        body = response.read().decode(errors="replace")
        status = response.status
        retry_after = bool(response.headers.get("Retry-After"))
        is_json = response.headers.get("Content-Type", "").startswith("application/json")
    except (OSError, http.client.HTTPException):
        status, body, retry_after, is_json = None, "", False, False
    finally:
        connection.close()
    return Probe(
        name=name,
        status=status,
        seconds=time.monotonic() - started,
        retry_after=retry_after,
        json=is_json,
        other_ways="999" in body and "101" in body,
        kept="still saved" in body,
        bare_500="Internal Server Error" in body,
    )


PROBES = [
    ("healthz", "GET", "/healthz"),
    ("check answers page", "GET", "/report/check-answers/"),
    ("send report page", "POST", "/report/submit/"),
]


@dataclass(eq=False)
class Outage(threading.Thread):
    cluster: PrivateCluster
    port: int
    seconds: float
    start_when: Callable[[], bool]
    timeout: float = 35
    probes: list[Probe] = field(default_factory=list)
    stopped_at: float = 0.0
    started_at: float = 0.0

    def __post_init__(self) -> None:
        super().__init__(daemon=True)

    def run(self) -> None:
        while not self.start_when():
            time.sleep(0.1)
        self.cluster.stop()
        self.stopped_at = time.monotonic()
        while time.monotonic() - self.stopped_at < self.seconds:
            for name, method, path in PROBES:
                self.probes.append(probe(self.port, name, method, path, self.timeout))
            time.sleep(1)
        self.cluster.start()
        self.started_at = time.monotonic()
