"""Fault benchmark: nothing acknowledged is lost, nothing is stored twice, when parts fail
(issue 14, item 5; docs/adr/0771-fault-benchmark.md).

1. kills: N reports from C concurrent clients (a reporting centre's system: an Idempotency-Key
   each, retried with the same key on any error) while a gunicorn worker is SIGKILLed every few
   seconds and, half-way, the master (a supervisor starts gunicorn again). SQLite, as `make
   run`, with `run_worker` beside it.
2. outage: the same load on PostgreSQL (a private cluster made here with initdb, on a free
   port, never the machine's shared server; Django's connection pool), with the database
   stopped for 30 seconds a third of the way in (no process killed: the figures are the
   outage's alone). Meanwhile every API answer must be a 503 with Retry-After
   (never a 500, never longer than the timeout), /healthz a JSON 503, and the public send step
   the page that says the report was not sent and keeps the answers (999, 101).
3. worker: the worker SIGKILLed while its job sends 100 queued messages; the next worker runs
   the job again and no message goes twice (counted from the workers' logs).
4. disk: the evidence folder on a 1 MB tmpfs (needs root to mount; skipped otherwise): reports
   with a photo until it is full, each stored whole or refused with 503 and Retry-After, no file
   or part of one left behind.

    .venv/bin/python bench/faults.py [--quick] [--reports N] [--clients 8] [--outage 30]
        [--kill-every 3] [--only kills,outage,worker,disk]

`--quick` (or HATECRIME_BENCH_QUICK=1): 600 reports, a 15-second outage, kills every 4 s.
Targets: for each load, acknowledged == stored, 0 duplicates, 0 answers of 500, every 503/409
with Retry-After, no answer slower than the 35-second client timeout; the worker and disk
scenarios as above. Exits 1 when one is missed.
"""

import argparse
import os
import shutil
import signal
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from faultkit.clients import Tally, send_reports
from faultkit.cluster import PrivateCluster, pg_bin
from faultkit.deployment import Deployment
from faultkit.disk import can_mount, fill_the_evidence_disk
from faultkit.killer import Killer, WebNode
from faultkit.messages import kill_a_worker_mid_job
from faultkit.outage import Outage
from faultkit.processes import free_port, stop

TIMEOUT = 35.0  # the client's, below a proxy's usual 60 s


def check_load(name: str, deployment: Deployment, tally: Tally, total: int, took: float) -> bool:
    """Every report acknowledged, and the stored ones exactly the acknowledged ones: with every
    key acknowledged once, a report stored twice for one key would be a stored report that no
    answer named."""
    stored = deployment.stored_references()
    acknowledged = set(tally.acknowledged.values())
    statuses = " ".join(f"{status}x{count}" for status, count in sorted(tally.statuses.items()))
    print(
        f"  {len(tally.acknowledged)}/{total} reports acknowledged in {took:.0f} s "
        f"({len(tally.acknowledged) / took:.1f}/s); answers {statuses}; connections refused or "
        f"reset {tally.refused}; timeouts {tally.timeouts}; slowest answer {tally.slowest:.1f} s"
    )
    print(
        f"  stored {len(stored)}, equal to the acknowledged: {set(stored) == acknowledged}; "
        f"acknowledged but not stored (lost) {len(acknowledged - set(stored))}; stored but named "
        f"by no answer (duplicates, or a client that gave up) {len(set(stored) - acknowledged)}; "
        f"503/409 without Retry-After {tally.without_retry_after}"
    )
    for problem in tally.unexpected[:5]:
        print("  unexpected:", problem)
    ok = (
        set(stored) == acknowledged
        and len(tally.acknowledged) == total
        and tally.statuses[500] == 0
        and not tally.unexpected
        and tally.without_retry_after == 0
        and tally.timeouts == 0
    )
    print(f"  {name}: {'PASS' if ok else 'FAIL'}")
    return ok


def kills(options: argparse.Namespace, work: Path) -> bool:
    print(f"== kills: a web worker SIGKILLed every {options.kill_every} s, the master once")
    deployment = Deployment(work / "sqlite").prepare()
    port = free_port()
    node = WebNode(deployment.env, port, log=deployment.log("web"))
    tally = Tally()
    killer: Killer | None = None
    try:
        deployment.worker()
        node.start_and_wait()
        half = options.reports / 2
        killer = Killer(node, options.kill_every, lambda: len(tally.acknowledged) >= half)
        killer.start()
        started = time.monotonic()
        send_reports(lambda: [port], options.reports, options.clients, deployment.token, tally,
                     timeout=TIMEOUT, until=started + options.load_limit)  # fmt: skip
        took = time.monotonic() - started
    finally:
        if killer is not None:
            killer.stop()
        if node.process is not None:
            stop(node.process)
        deployment.stop()
    assert killer is not None
    restarts = ", ".join(f"{seconds:.1f} s" for seconds in node.restarts)
    print(
        f"  web node up in {node.boot_seconds:.1f} s; workers killed {killer.workers_killed}; "
        f"master killed {int(killer.master_killed)}, "
        f"answering again after {restarts or '-'} (workers still alive 5 s after their master: "
        f"{node.orphans_left or '-'})"
    )
    load_ok = check_load("kills", deployment, tally, options.reports, took)
    return load_ok and killer is not None and killer.master_killed


def outage(options: argparse.Namespace, deployment: Deployment, cluster: PrivateCluster) -> bool:
    print(f"== outage: PostgreSQL stopped {options.outage:.0f} s under load")
    port = free_port()
    node = WebNode(deployment.env, port, log=deployment.log("web"))
    tally = Tally()
    stop_at = options.reports // 3
    down = Outage(cluster, port, options.outage, lambda: len(tally.acknowledged) >= stop_at)
    try:
        deployment.worker()
        node.start_and_wait()
        down.start()
        started = time.monotonic()
        send_reports(lambda: [port], options.reports, options.clients, deployment.token, tally,
                     timeout=TIMEOUT, until=started + options.load_limit)  # fmt: skip
        took = time.monotonic() - started
        down.join()
        worker_survived = all(process.poll() is None for process in deployment.processes)
    finally:
        if node.process is not None:
            stop(node.process)
        deployment.stop()
    during = tally.between(down.stopped_at, down.started_at)
    after = [a for a in tally.answers if a.at > down.started_at and a.status == 201]
    recovery = (after[0].at - down.started_at) if after else float("inf")
    statuses = " ".join(f"{s}x{sum(1 for a in during if a.status == s)}" for s in
                        sorted({a.status for a in during}))  # fmt: skip
    print(
        f"  during the outage: API answers {statuses or '-'}, slowest "
        f"{max((a.seconds for a in during), default=0):.1f} s; first report acknowledged "
        f"{recovery:.1f} s after PostgreSQL was back; the worker outlived the outage: "
        f"{worker_survived}"
    )
    probes_ok = True
    for name in ("healthz", "check answers page", "send report page"):
        seen = [p for p in down.probes if p.name == name]
        good = [
            p
            for p in seen
            if p.status == 503
            and p.retry_after | (name == "healthz")
            and (p.json if name == "healthz" else p.other_ways and p.kept)
            and not p.bare_500
            and p.seconds < TIMEOUT
        ]
        slowest = max((p.seconds for p in seen), default=0)
        answered = Counter(p.status for p in seen)
        print(f"  {name}: {len(good)}/{len(seen)} answered 503 as they should "
              f"({dict(answered)}), slowest {slowest:.1f} s")  # fmt: skip
        probes_ok &= bool(seen) and len(good) == len(seen)
    load_ok = check_load("outage", deployment, tally, options.reports, took)
    return load_ok and probes_ok and worker_survived and all(a.status != 500 for a in during)


def worker(deployment: Deployment) -> bool:
    print("== worker: SIGKILLed while its job sends 100 queued messages")
    result = kill_a_worker_mid_job(deployment)
    print(
        f"  delivered before the kill {result.delivered_before_kill}, in all "
        f"{sum(result.deliveries.values())}; messages {result.statuses}; "
        f"deliveries of one message at most {result.most_deliveries_of_one}; the sweep's task "
        f"ran on {result.task_workers} workers; the next worker finished in "
        f"{result.seconds_to_finish:.1f} s"
    )
    print(f"  worker: {'PASS' if result.ok else 'FAIL'}")
    return result.ok


def disk(deployment: Deployment) -> bool:
    print("== disk: the evidence folder on a 1 MB tmpfs, reports with a 230 KB photo")
    if not can_mount():
        print("  skipped: mounting a tmpfs needs root (tests/reporting/test_evidence_disk_full.py)")
        return True
    result = fill_the_evidence_disk(deployment)
    print(
        f"  answers {result.statuses}; refusals without Retry-After "
        f"{result.refusals_without_retry_after}; acknowledged {len(result.acknowledged)}, stored "
        f"{len(result.stored)}; files {len(result.files)}, evidence rows "
        f"{len(result.evidence_rows)}; part-written files {len(result.partial_files)}"
    )
    print(f"  disk: {'PASS' if result.ok else 'FAIL'}")
    return result.ok


def main() -> int:
    # Stopped from outside (a timeout, Ctrl-C): still stop the processes started here.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    parser = argparse.ArgumentParser()
    quick = os.environ.get("HATECRIME_BENCH_QUICK") == "1"
    parser.add_argument("--quick", action="store_true", default=quick)
    parser.add_argument("--reports", type=int)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--outage", type=float)
    parser.add_argument("--kill-every", type=float)
    parser.add_argument("--only", default="kills,outage,worker,disk")
    options = parser.parse_args()
    options.reports = options.reports or (600 if options.quick else 2000)
    options.outage = options.outage or (15 if options.quick else 30)
    options.kill_every = options.kill_every or (4 if options.quick else 3)
    # A load not done by then has failed (and the run ends): 2.5 minutes quick, 20 full.
    options.load_limit = 150 if options.quick else 1200
    only = set(options.only.split(","))
    print(
        f"{options.reports} reports, {options.clients} clients, outage {options.outage:.0f} s, "
        f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}"
    )
    work = Path(tempfile.mkdtemp(prefix="hatecrime-faults-"))
    results: dict[str, bool] = {}
    try:
        if "kills" in only:
            results["kills"] = kills(options, work)
        if only & {"outage", "worker", "disk"}:
            if pg_bin() is None:
                print("== outage, worker, disk: skipped (no PostgreSQL server binaries)")
            else:
                cluster = PrivateCluster(free_port()).create()
                try:
                    database = cluster.create_database("hatecrime_faults")
                    deployment = Deployment(
                        work / "postgresql", database, {"HATECRIME_DB_POOL": "true"}
                    ).prepare()
                    if "outage" in only:
                        results["outage"] = outage(options, deployment, cluster)
                    if "worker" in only:
                        results["worker"] = worker(deployment)
                    if "disk" in only:
                        results["disk"] = disk(deployment)
                finally:
                    cluster.destroy()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    missed = [name for name, ok in results.items() if not ok]
    print("PASS" if not missed else f"MISSED: {', '.join(missed)}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
