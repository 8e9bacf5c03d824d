"""Several nodes on the test database: gunicorn web nodes and `run_worker` processes started as
production starts them (bench/faultkit), pointed at the database pytest-django made, which the
test must commit to (`django_db(transaction=True)`) for them to see its rows."""

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from subprocess import Popen
from typing import Any

from django.db import connection

from faultkit.processes import free_port, gunicorn, run_worker, service_env, stop, wait_until_up

# Every periodic job 20 times as often: the one-minute sweep runs every 3 seconds.
PERIOD_SCALE = 0.05


def database_url_of_this_test() -> str:
    """The database this test runs on (pytest-django's test_<name>), as a DATABASE_URL."""
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    host = db["HOST"] or "127.0.0.1"
    port = db["PORT"] or "5432"
    return f"postgres://{db['USER']}{password}@{host}:{port}/{db['NAME']}"


@dataclass
class Nodes:
    ports: list[int]
    env: dict[str, str]
    log_dir: Path
    webs: list[Popen[bytes]] = field(default_factory=list)
    workers: list[Popen[bytes]] = field(default_factory=list)

    def log(self, name: str) -> Any:
        return (self.log_dir / f"{name}.log").open("ab")

    def start_web(self, index: int, workers: int = 1) -> Popen[bytes]:
        web = gunicorn(
            self.env, self.ports[index], workers=workers, threads=2, log=self.log(f"web-{index}")
        )
        self.webs.append(web)
        return web

    def start_worker(self, tick: float = 0.5) -> Popen[bytes]:
        worker = run_worker(self.env, tick=tick, log=self.log(f"worker-{len(self.workers)}"))
        self.workers.append(worker)
        return worker

    def logs(self, tail: int | None = 3000) -> str:
        """Every process's output (the last `tail` characters of each; None: all)."""
        return "\n".join(
            f"== {path.name}\n{path.read_text(errors='replace')[-tail if tail else 0 :]}"
            for path in sorted(self.log_dir.glob("*.log"))
        )


@contextmanager
def several_nodes(
    tmp_path: Path, *, webs: int = 2, workers: int = 2, web_workers: int = 1, **env: str
) -> Iterator[Nodes]:
    """`webs` gunicorn nodes (`web_workers` processes of two threads each, with Django's
    connection pool) and `workers` workers on the test database; all stopped on leaving."""
    nodes = Nodes(
        ports=[free_port() for _ in range(webs)],
        env=service_env(
            database_url_of_this_test(),
            tmp_path / "var",
            HATECRIME_DB_POOL="true",
            HATECRIME_JOB_PERIOD_SCALE=str(PERIOD_SCALE),
            HATECRIME_CENTRE_REPORTS_PER_MINUTE="100000",
            **env,
        ),
        log_dir=tmp_path,
    )
    try:
        for index in range(webs):
            nodes.start_web(index, web_workers)
        for _ in range(workers):
            nodes.start_worker()
        for port in nodes.ports:
            wait_until_up(port, timeout=90)
        yield nodes
    finally:
        for process in [*nodes.webs, *nodes.workers]:
            stop(process)


def wait_for(condition: Any, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {timeout} s for {what}")
        time.sleep(0.25)
