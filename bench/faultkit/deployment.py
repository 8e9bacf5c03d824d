"""One deployment for a fault scenario: a database (SQLite in a temporary var dir, or a
PostgreSQL database), migrated, with a reporting centre's token, and the service's processes
started on it with their output in log files."""

import sqlite3
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from faultkit.processes import BIN, ROOT, run_worker, service_env, stop


@dataclass
class Deployment:
    var_dir: Path
    database_url: str = ""  # "": SQLite in var_dir
    extra_env: dict[str, str] = field(default_factory=dict)
    env: dict[str, str] = field(default_factory=dict)
    token: str = ""
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def prepare(self) -> "Deployment":
        self.var_dir.mkdir(parents=True, exist_ok=True)
        self.env = service_env(
            self.database_url,
            self.var_dir,
            # The centre's limit (600 a minute) is not what is tested here.
            HATECRIME_CENTRE_REPORTS_PER_MINUTE="100000000",
            HATECRIME_LOG_LEVEL="ERROR",
            **self.extra_env,
        )
        self.manage("migrate", "--no-input", "-v0")
        self.token = self.manage("create_reporting_centre", "Fault bench centre").strip()
        return self

    def manage(self, *args: str, env: dict[str, str] | None = None) -> str:
        done = subprocess.run(
            [str(BIN / "hatecrime"), *args],
            env=env or self.env,
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        )
        return done.stdout

    def log(self, name: str) -> IO[Any]:
        return (self.var_dir / f"{name}.log").open("ab")

    def worker(self, name: str = "worker", tick: float = 30.0, **env: str) -> Any:
        process = run_worker({**self.env, **env}, tick=tick, log=self.log(name))
        self.processes.append(process)
        return process

    def sql(self, query: str) -> list[tuple[Any, ...]]:
        if self.database_url:
            import psycopg

            with psycopg.connect(self.database_url) as db:
                return list(db.execute(query))
        with sqlite3.connect(self.var_dir / "hatecrime.sqlite3") as db:
            return list(db.execute(query))

    def stored_references(self) -> list[str]:
        return [row[0] for row in self.sql("SELECT reference FROM reporting_report")]

    def stop(self) -> None:
        for process in self.processes:
            stop(process)
        self.processes.clear()
