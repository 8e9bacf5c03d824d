"""The public open data file: how long the worker takes to make it, and how long a download takes.

Targets (issue 13 item 5): made in under 30 s at 5,000,000 incidents; served in under 2 s.

The incidents are the dashboard benchmark's (bench/dashboard.py: ten years, 33 areas, 6
strands, communities, online, crime type); their monthly count cells are computed with
`monitoring.bulk.cube_cells` (numpy, the app's counting rules) and bulk loaded, as the live
rollups would hold them. Then `do_publish_open_data` runs (one indexed query for the area x strand
x month cells, each (strand, month) line protected, the file written atomically), and the file is
downloaded through Django's test client as anyone would (no sign-in), 30 times. The demo data
makes a smaller file than this one (32 boroughs over fewer years), so its download is faster.

SQLite in a temporary var directory; PostgreSQL with `--postgres URL` (a scratch database
`hatecrime_bench_open_data` is created and dropped).

    .venv/bin/python bench/open_data.py [--sizes 5000000] [--only sqlite|postgres]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(HERE, "..", "src")
SCRATCH = "hatecrime_bench_open_data"
MAKE_TARGET, SERVE_TARGET = 30.0, 2.0
RUNS = 30


def run_child(label: str, sizes: list[int]) -> bool:
    from django.core.management import call_command
    from django.test import Client

    from hatecrime.monitoring.actions import do_publish_open_data
    from hatecrime.monitoring.bulk import cube_cells
    from hatecrime.monitoring.open_data import open_data_path

    sys.path.insert(0, HERE)
    from dashboard import incidents, load

    call_command("migrate", verbosity=0)
    met = True
    for n in sizes:
        t0 = time.perf_counter()
        cells = cube_cells(incidents(n), "month")
        load([("month", cells)])
        t1 = time.perf_counter()
        size = do_publish_open_data()
        t2 = time.perf_counter()
        client = Client()
        times = []
        for _ in range(RUNS):
            started = time.perf_counter()
            response = client.get("/open-data/hate-crime-open-data.csv")
            body = b"".join(response.streaming_content)
            times.append(time.perf_counter() - started)
            assert response.status_code == 200 and len(body) == size
        rows = body.count(b"\n")
        make, serve = t2 - t1, float(np.percentile(times, 95))
        met = met and make < MAKE_TARGET and serve < SERVE_TARGET
        print(
            f"[{label}] {n:,} incidents -> {len(cells):,} monthly cells (counted and loaded in "
            f"{t1 - t0:.0f} s); file of {rows:,} rows, {size / 1024:.0f} KB at "
            f"{open_data_path().name}\n"
            f"[{label}]   made in {make:.1f} s (target < {MAKE_TARGET:.0f} s); served in p50 "
            f"{np.percentile(times, 50) * 1000:.1f} ms, p95 {serve * 1000:.1f} ms "
            f"(target < {SERVE_TARGET:.0f} s)",
            flush=True,
        )
    return met


def _env(label: str, url: str) -> dict[str, str] | None:
    env = dict(os.environ)
    env["HATECRIME_VAR_DIR"] = tempfile.mkdtemp(prefix="hatecrime-bench-")
    env["HATECRIME_OPEN_DATA_DIR"] = os.path.join(env["HATECRIME_VAR_DIR"], "open-data")
    if label == "sqlite":
        env.pop("DATABASE_URL", None)
        return env
    import psycopg

    try:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {SCRATCH}")
            conn.execute(f"CREATE DATABASE {SCRATCH}")
    except psycopg.Error as error:  # no server: say so and carry on
        print(f"[postgres] skipped: {error}")
        return None
    env["DATABASE_URL"] = f"{url.rsplit('/', 1)[0]}/{SCRATCH}"
    return env


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="5000000")
    parser.add_argument("--postgres", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--only", choices=["sqlite", "postgres"])
    args = parser.parse_args()
    url = args.postgres or "postgres://postgres@127.0.0.1:5432/postgres"
    failed = []
    for label in [t for t in ("sqlite", "postgres") if args.only in (None, t)]:
        env = _env(label, url)
        if env is None:
            continue
        try:
            done = subprocess.run([sys.executable, __file__, "--child", label, args.sizes], env=env)
        finally:
            if label == "postgres":
                import psycopg

                with psycopg.connect(url, autocommit=True) as conn:
                    conn.execute(f"DROP DATABASE IF EXISTS {SCRATCH}")
        if done.returncode:
            failed.append(label)
    print(f"Targets: {'missed on ' + ', '.join(failed) if failed else 'met'}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        import django

        sys.path.insert(0, SRC)
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hatecrime.settings.base")
        django.setup()
        sys.exit(0 if run_child(sys.argv[2], [int(s) for s in sys.argv[3].split(",")]) else 1)
    else:
        main()
