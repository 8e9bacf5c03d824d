"""Intake benchmark: reports per second through the real server, against a bare insert.

Serves hatecrime as `make run` does (gunicorn with `hatecrime.gunicorn_conf`, and the worker
`hatecrime run_worker` beside it) on a fresh database: SQLite in a temporary var dir, or, with
DATABASE_URL set to PostgreSQL, a new database made on that server and dropped afterwards. The
floor is a separate tiny Django project (bench/floor/: one view inserting one row of the size of
a report) served by its own gunicorn with the same settings, on the same database. N concurrent
clients POST reports to /api/v1/reports and the same body to the floor, in alternating rounds
(the shared machine's load weighs on both alike). The reports are sent as a reporting centre
(its token made by `hatecrime create_reporting_centre`), as Stop Hate UK's systems would, with
the centre's limit (HATECRIME_CENTRE_REPORTS_PER_MINUTE) raised out of the way. Prints
reports/s, latency percentiles, the ratio to the floor, errors, and checks that the stored
reports are exactly the acknowledged ones.

    .venv/bin/python bench/intake.py [--requests 1000] [--rounds 3] [--clients 16]
        [--workers N] [--threads N] [--keys]

Targets (issue 9): at least 100 reports/s at 16 clients, p95 under 300 ms, 0 errors, every
acknowledged report stored. The ratio is reported, not a target.
"""

import argparse
import http.client
import itertools
import json
import os
import resource
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent

from hatecrime import gunicorn_conf  # noqa: E402  (after the paths, for the reader)

REPORT = {
    "reporter_role": "victim",
    "anonymous": False,
    "what_happened": "Synthetic benchmark report: a man shouted abuse at the bus stop. " * 8,
    "occurred_on": "2026-11-01",
    "borough": "hackney",
    "behaviours": ["verbal_abuse"],
    "motivations": ["race"],
    "contact": {"name": "Bench Mark", "email": "bench@example.invalid", "phone": "07700 900000"},
}
INTAKE, FLOOR = "/api/v1/reports", "/insert"
# Set by main() once the centre exists: every request carries it (the floor ignores it).
AUTHORIZATION: dict[str, str] = {}
TARGET_RATE, TARGET_P95_MS = 100, 300


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_up(port: int, path: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", path)  # 405: up, and cheap
            if connection.getresponse().status < 500:
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("the server did not start")


def server_cpu_seconds(master: int) -> float:
    """User + system CPU of the gunicorn master and its workers so far (Linux /proc)."""
    ticks = os.sysconf("SC_CLK_TCK")
    pids = [master]
    children = Path(f"/proc/{master}/task/{master}/children")
    if children.exists():
        pids += [int(pid) for pid in children.read_text().split()]
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def report_body(n: int) -> bytes:
    """Report n, about a person of its own, as a centre's reports are: with one person's details
    in all of them every case would be the same victim's, reported thousands of times in
    minutes, which no force sees (and the daily withdrawal-risk sweep reads each victim's other
    reports)."""
    contact = {
        "name": f"Bench Mark{n}",
        "email": f"bench{n}@example.invalid",
        "phone": f"07700 9{n % 100000:05d}",
    }
    return json.dumps({**REPORT, "contact": contact}).encode()


def run(port: int, path: str, total: int, clients: int, keys: bool = False) -> dict:
    latencies: list[float] = []
    references: list[str] = []
    errors: list[str] = []
    lock = threading.Lock()
    remaining = [total]
    numbers = itertools.count(int(time.time() * 1000) % 10**7)

    def client() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while True:
            with lock:
                if remaining[0] == 0:
                    break
                remaining[0] -= 1
                body = report_body(next(numbers))
            started = time.perf_counter()
            try:
                headers = {"Content-Type": "application/json", **AUTHORIZATION}
                if keys:  # as the web form and careful partner systems do
                    headers["Idempotency-Key"] = uuid.uuid4().hex
                connection.request("POST", path, body=body, headers=headers)
                response = connection.getresponse()
                answer = response.read()
                status = response.status
            except (OSError, http.client.HTTPException) as error:
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                with lock:
                    errors.append(repr(error))
                continue
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                if status != 201:
                    errors.append(f"{status} {answer[:200]!r}")
                elif path == INTAKE:
                    references.append(json.loads(answer)["reference"])
        connection.close()

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    quantiles = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0] * 99
    return {
        "rate": len(latencies) / elapsed,
        "p50": quantiles[49] * 1000,
        "p95": quantiles[94] * 1000,
        "p99": quantiles[98] * 1000,
        "errors": errors,
        "references": references,
    }


def measure(port: int, master: int, path: str, total: int, clients: int, keys: bool) -> dict:
    """One run, with the CPU seconds the server and this client process spent on it."""
    server_before = server_cpu_seconds(master)
    client_before = resource.getrusage(resource.RUSAGE_SELF)
    result = run(port, path, total, clients, keys)
    client_after = resource.getrusage(resource.RUSAGE_SELF)
    count = max(1, total)
    result["server_ms"] = (server_cpu_seconds(master) - server_before) * 1000 / count
    result["client_ms"] = (
        (
            (client_after.ru_utime + client_after.ru_stime)
            - (client_before.ru_utime + client_before.ru_stime)
        )
        * 1000
        / count
    )
    return result


def combine(results: list[dict]) -> dict:
    """Rounds of the same path: the median rate, latencies and CPU; all errors and references."""
    median = statistics.median
    return {
        "rate": median(r["rate"] for r in results),
        "rates": [r["rate"] for r in results],
        **{key: median(r[key] for r in results) for key in ("p50", "p95", "p99")},
        **{key: median(r[key] for r in results) for key in ("server_ms", "client_ms")},
        "errors": [e for r in results for e in r["errors"]],
        "references": [ref for r in results for ref in r["references"]],
    }


@contextmanager
def fresh_database(var_dir: Path) -> Iterator[dict[str, str]]:
    """The environment of both servers: a new PostgreSQL database when DATABASE_URL is one
    (made and dropped here), else SQLite in `var_dir`."""
    url = os.environ.get("DATABASE_URL", "")
    if not gunicorn_conf.on_postgresql(os.environ):
        yield {}
        return
    import psycopg
    from psycopg.conninfo import make_conninfo

    name = f"hatecrime_bench_{uuid.uuid4().hex[:8]}"
    server = make_conninfo(url, dbname="postgres")  # the maintenance database: it always exists
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield {"DATABASE_URL": urlsplit(url)._replace(path=f"/{name}").geturl()}
    finally:
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def stored_references(env: dict[str, str], var_dir: Path) -> set[str]:
    sql = "SELECT reference FROM reporting_report"
    if env.get("DATABASE_URL"):
        import psycopg

        with psycopg.connect(env["DATABASE_URL"]) as db:
            return {row[0] for row in db.execute(sql)}
    with sqlite3.connect(var_dir / "hatecrime.sqlite3") as db:
        return {row[0] for row in db.execute(sql)}


def gunicorn(app: str, port: int, workers: int, threads: int, env: dict[str, str]) -> Any:
    """A gunicorn as production runs it (hatecrime.gunicorn_conf), for `app`."""
    return subprocess.Popen(
        [
            BIN / "gunicorn",
            "--config=python:hatecrime.gunicorn_conf",
            app,
            f"--bind=127.0.0.1:{port}",
            f"--workers={workers}",
            f"--threads={threads}",
            "--log-level=warning",
        ],
        env=env,
        cwd=ROOT,
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=1000, help="per round and path")
    parser.add_argument("--rounds", type=int, default=3, help="intake and floor, alternating")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--workers", type=int, help="default: production's (gunicorn_conf)")
    parser.add_argument("--threads", type=int, help="default: production's (gunicorn_conf)")
    parser.add_argument("--keys", action="store_true", help="an Idempotency-Key per report")
    options = parser.parse_args()

    var_dir = Path(tempfile.mkdtemp(prefix="hatecrime-bench-"))
    processes: list[Any] = []
    with fresh_database(var_dir) as database:
        env = {
            **{k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
            **database,
            "HATECRIME_VAR_DIR": str(var_dir),
            "DJANGO_SETTINGS_MODULE": "hatecrime.settings.base",
            "HATECRIME_LOG_LEVEL": "ERROR",
            # The benchmark measures intake, not the centre's limit (600 a minute by default).
            "HATECRIME_CENTRE_REPORTS_PER_MINUTE": "100000000",
        }
        floor_env = {
            **env,
            "DJANGO_SETTINGS_MODULE": "floor.settings",
            # The floor project, and this checkout's hatecrime (its settings give the database).
            "PYTHONPATH": os.pathsep.join([str(ROOT / "bench"), str(ROOT / "src")]),
        }
        workers = options.workers or gunicorn_conf.default_workers(env)
        threads = options.threads or gunicorn_conf.default_threads(env)
        vendor = "PostgreSQL" if database else "SQLite"
        manage = [BIN / "python", "-m", "django"]
        subprocess.run([*manage, "migrate", "--no-input", "-v0"], env=env, check=True)
        subprocess.run([*manage, "collectstatic", "--no-input", "-v0"], env=env, check=True)
        made = subprocess.run(
            [*manage, "create_reporting_centre", "Bench reporting centre"],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        AUTHORIZATION["Authorization"] = f"Token {made.stdout.strip()}"
        subprocess.run(
            [*manage, "migrate", "--run-syncdb", "--no-input", "-v0"], env=floor_env, check=True
        )
        port, floor_port = free_port(), free_port()
        load_before = os.getloadavg()
        intakes, floors = [], []
        try:
            server = gunicorn("hatecrime.wsgi", port, workers, threads, env)
            floor = gunicorn("floor.wsgi", floor_port, workers, threads, floor_env)
            worker = subprocess.Popen([BIN / "hatecrime", "run_worker"], env=env, cwd=ROOT)
            processes = [server, floor, worker]
            wait_until_up(port, INTAKE)
            wait_until_up(floor_port, FLOOR)
            run(port, INTAKE, 50, 4)  # warm up both (not counted)
            run(floor_port, FLOOR, 50, 4)
            before = stored_references(env, var_dir)
            for _round in range(options.rounds):
                intakes.append(
                    measure(
                        port, server.pid, INTAKE, options.requests, options.clients, options.keys
                    )
                )
                floors.append(
                    measure(floor_port, floor.pid, FLOOR, options.requests, options.clients, False)
                )
            stored = stored_references(env, var_dir)
        finally:
            for process in processes:
                process.terminate()
            for process in processes:
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:  # the worker finishing a long sweep
                    process.kill()
                    process.wait()
            shutil.rmtree(var_dir, ignore_errors=True)
    intake, floor_result = combine(intakes), combine(floors)

    keyed = ", Idempotency-Key" if options.keys else ""
    print(
        f"{options.rounds} rounds x {options.requests} requests per path, {options.clients} "
        f"clients{keyed}, as a reporting centre, gunicorn {workers} workers x {threads} "
        f"threads + run_worker, {vendor}, "
        f"{os.cpu_count()} CPUs, load average {load_before[0]:.1f} -> {os.getloadavg()[0]:.1f}"
    )
    for name, result in (("intake", intake), ("floor", floor_result)):
        rounds = " ".join(f"{rate:.0f}" for rate in result["rates"])
        print(
            f"{name:7} {result['rate']:7.1f} req/s (rounds {rounds})  p50 {result['p50']:6.1f} "
            f"ms  p95 {result['p95']:6.1f} ms  p99 {result['p99']:6.1f} ms  "
            f"server CPU {result['server_ms']:.2f} ms/req  client CPU "
            f"{result['client_ms']:.2f} ms/req  errors {len(result['errors'])}"
        )
    acknowledged = set(intake["references"])
    new = stored - before
    print(f"ratio   {intake['rate'] / floor_result['rate']:.2f} (intake / floor, medians)")
    print(
        f"stored  {len(new)} new reports, {len(acknowledged)} acknowledged, "
        f"equal: {new == acknowledged}"
    )
    for error in (intake["errors"] + floor_result["errors"])[:5]:
        print("error:", error)
    ok = (
        not intake["errors"]
        and not floor_result["errors"]
        and new == acknowledged
        and len(acknowledged) == options.rounds * options.requests
        and intake["rate"] >= TARGET_RATE
        and intake["p95"] < TARGET_P95_MS
    )
    target = f">= {TARGET_RATE} reports/s, p95 < {TARGET_P95_MS} ms, 0 errors, all stored"
    print("PASS" if ok else f"BELOW TARGET ({target})")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
