"""Intake benchmark: reports per second through the real server, against a bare insert.

Starts gunicorn on `hatecrime.wsgi` as in production, with SQLite in a temporary var dir
(migrated first), then N concurrent clients POST reports to /api/v1/reports; then the same
against /api/v1/bench-floor, a bare view inserting one row of the same size (mounted only with
HATECRIME_BENCH_FLOOR=1). Prints throughput, latency percentiles, the ratio, errors, and checks
that the stored reports are exactly the acknowledged references.

    .venv/bin/python bench/intake.py [--requests 1000] [--rounds 5] [--clients 16]
        [--workers N] [--threads N]

gunicorn runs with the production settings (src/hatecrime/gunicorn_conf.py: on SQLite a worker
per core, at least 2, of one thread each; docs/adr/0304-web-workers-and-threads.md);
--workers/--threads override them.
"""

import argparse
import http.client
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
from pathlib import Path

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


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_up(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/api/v1/reports")  # 405: up, and cheap
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


def run(port: int, path: str, total: int, clients: int, keys: bool = False) -> dict:
    body = json.dumps(REPORT).encode()
    latencies: list[float] = []
    references: list[str] = []
    errors: list[str] = []
    lock = threading.Lock()
    remaining = [total]

    def client() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while True:
            with lock:
                if remaining[0] == 0:
                    break
                remaining[0] -= 1
            started = time.perf_counter()
            try:
                headers = {"Content-Type": "application/json"}
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
                elif path.endswith("reports"):
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


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=1000, help="per round and path")
    parser.add_argument("--rounds", type=int, default=5, help="intake and floor, alternating")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--workers", type=int, help="default: production's (gunicorn_conf)")
    parser.add_argument("--threads", type=int, help="default: production's (gunicorn_conf)")
    parser.add_argument("--keys", action="store_true", help="an Idempotency-Key per report")
    parser.add_argument("--app", default="hatecrime.wsgi", help="WSGI module (experiments)")
    options = parser.parse_args()

    var_dir = Path(tempfile.mkdtemp(prefix="hatecrime-bench-"))
    env = {
        **os.environ,
        "HATECRIME_VAR_DIR": str(var_dir),
        "DJANGO_SETTINGS_MODULE": "hatecrime.settings.base",
        "HATECRIME_BENCH_FLOOR": "1",
        "HATECRIME_LOG_LEVEL": "ERROR",
    }
    env.pop("DATABASE_URL", None)
    workers = options.workers or gunicorn_conf.default_workers(env)
    threads = options.threads or gunicorn_conf.default_threads(env)
    subprocess.run([BIN / "hatecrime", "migrate", "--no-input", "-v0"], env=env, check=True)
    port = free_port()
    server = subprocess.Popen(
        [
            BIN / "gunicorn",
            "--config=python:hatecrime.gunicorn_conf",
            options.app,
            f"--bind=127.0.0.1:{port}",
            f"--workers={workers}",
            f"--threads={threads}",
            "--log-level=warning",
        ],
        env=env,
        cwd=ROOT,
    )
    load_before = os.getloadavg()
    intakes, floors = [], []
    try:
        wait_until_up(port)
        run(port, "/api/v1/reports", 50, 4)  # warm up both paths (not counted)
        run(port, "/api/v1/bench-floor", 50, 4)
        database = var_dir / "hatecrime.sqlite3"
        with sqlite3.connect(database) as db:
            before = {row[0] for row in db.execute("SELECT reference FROM reporting_report")}
        # Alternating rounds, so that the load of the shared machine weighs on both alike.
        for _round in range(options.rounds):
            intakes.append(
                measure(
                    port,
                    server.pid,
                    "/api/v1/reports",
                    options.requests,
                    options.clients,
                    options.keys,
                )
            )
            floors.append(
                measure(
                    port,
                    server.pid,
                    "/api/v1/bench-floor",
                    options.requests,
                    options.clients,
                    False,
                )
            )
        with sqlite3.connect(database) as db:
            stored = {row[0] for row in db.execute("SELECT reference FROM reporting_report")}
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(var_dir, ignore_errors=True)
    intake, floor = combine(intakes), combine(floors)

    keyed = ", Idempotency-Key" if options.keys else ""
    print(
        f"{options.rounds} rounds x {options.requests} requests per path, {options.clients} "
        f"clients{keyed}, gunicorn {workers} workers x {threads} threads, SQLite, "
        f"{os.cpu_count()} CPUs, load average {load_before[0]:.1f} -> {os.getloadavg()[0]:.1f}"
    )
    for name, result in (("intake", intake), ("floor", floor)):
        rounds = " ".join(f"{rate:.0f}" for rate in result["rates"])
        print(
            f"{name:7} {result['rate']:7.1f} req/s (rounds {rounds})  p50 {result['p50']:6.1f} "
            f"ms  p95 {result['p95']:6.1f} ms  p99 {result['p99']:6.1f} ms  "
            f"server CPU {result['server_ms']:.2f} ms/req  client CPU "
            f"{result['client_ms']:.2f} ms/req  errors {len(result['errors'])}"
        )
    ratio = intake["rate"] / floor["rate"]
    acknowledged = set(intake["references"])
    new = stored - before
    print(f"ratio   {ratio:.2f} (intake / floor, medians)")
    print(
        f"stored  {len(new)} new reports, {len(acknowledged)} acknowledged, "
        f"equal: {new == acknowledged}"
    )
    for error in (intake["errors"] + floor["errors"])[:5]:
        print("error:", error)
    ok = (
        not intake["errors"]
        and not floor["errors"]
        and new == acknowledged
        and len(acknowledged) == options.rounds * options.requests
        and intake["rate"] >= 300
        and ratio >= 0.5
    )
    print("PASS" if ok else "BELOW TARGET (>= 300 reports/s, >= 0.5 of the floor, 0 errors)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
