"""A web node under a supervisor, and a thread that SIGKILLs its gunicorn workers every few
seconds and its master once. The supervisor (as systemd with KillMode=control-group would)
ends whatever is left of a killed master's process group and starts gunicorn again on the
same port."""

import contextlib
import os
import signal
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import IO, Any

from faultkit.processes import answers, children, gunicorn, wait_until_up


@dataclass
class WebNode:
    env: dict[str, str]
    port: int
    log: IO[Any] | None = None
    process: subprocess.Popen[bytes] | None = None
    restarts: list[float] = field(default_factory=list)  # seconds until it answered again
    boot_seconds: float = 0.0  # how long it first took to answer
    orphans_left: list[int] = field(default_factory=list)  # workers alive 5 s after the master

    def start(self) -> None:
        self.process = gunicorn(self.env, self.port, log=self.log)

    def start_and_wait(self) -> None:
        started = time.monotonic()
        self.start()
        wait_until_up(self.port)
        self.boot_seconds = time.monotonic() - started

    def workers(self) -> list[int]:
        return children(self.process.pid) if self.process else []

    def kill_master_and_restart(self) -> None:
        assert self.process is not None
        killed_at = time.monotonic()
        orphans = self.workers()
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait()
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and any(_alive(pid) for pid in orphans):
            time.sleep(0.1)
        self.orphans_left.append(sum(_alive(pid) for pid in orphans))
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)  # the supervisor ends the rest
        while True:
            self.start()
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and self.process.poll() is None:
                if answers(self.port, "/healthz") is not None:
                    self.restarts.append(time.monotonic() - killed_at)
                    return
                time.sleep(0.1)
            if self.process.poll() is None:
                raise RuntimeError("gunicorn did not come back within 60 s")
            time.sleep(0.5)  # it gave up (the port still held): start it again


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = f"/proc/{pid}/stat"
    try:
        with open(stat) as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _age(pid: int) -> float:
    """Seconds since the process started (Linux /proc)."""
    try:
        with open(f"/proc/{pid}/stat") as handle:
            started_ticks = int(handle.read().rsplit(")", 1)[1].split()[19])
        with open("/proc/uptime") as handle:
            uptime = float(handle.read().split()[0])
    except (OSError, ValueError, IndexError):
        return 0.0
    return uptime - started_ticks / os.sysconf("SC_CLK_TCK")


class Killer(threading.Thread):
    """Every `every` seconds SIGKILL the oldest of the node's workers; once, when
    `kill_master()` first says so, its master instead (then the supervisor restarts it)."""

    def __init__(
        self, node: WebNode, every: float, kill_master: Callable[[], bool] | None = None
    ) -> None:
        super().__init__(daemon=True)
        self.node, self.every, self.kill_master = node, every, kill_master
        self.grace = max(every, node.boot_seconds)
        self.stopping = threading.Event()
        self.workers_killed = 0
        self.master_killed = False

    def run(self) -> None:
        while not self.stopping.wait(self.every):
            if self.kill_master is not None and not self.master_killed and self.kill_master():
                self.master_killed = True
                self.node.kill_master_and_restart()
                continue
            # The oldest worker, while another has lived long enough to have started (as long
            # as the node took to start): on a slow machine a worker takes seconds to load the
            # application, and killing every worker as it starts would stop all service.
            grown = [pid for pid in self.node.workers() if _age(pid) >= self.grace]
            if len(grown) >= 2:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(max(grown, key=_age), signal.SIGKILL)
                    self.workers_killed += 1

    def stop(self) -> None:
        self.stopping.set()
        self.join()
