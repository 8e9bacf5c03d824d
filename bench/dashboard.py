"""Dashboard query timings over synthetic incidents (p95 of 30 runs per query).

Generates the count cells that N incidents produce (not the incidents themselves: the dashboard
reads only the cells) straight into monitoring_seriescount, for N = 250,000 and 5,000,000 over
ten years, 33 areas, 6 strands, 8 communities, online/offline, 3 crime types. SQLite always;
PostgreSQL when DATABASE_URL or --postgres URL is given (a scratch database hatecrime_bench).

    .venv/bin/python bench/dashboard.py [--sizes 250000,5000000] [--postgres URL]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
from itertools import combinations

import numpy as np
import pandas as pd

DIMS = ["area", "strand", "community", "online", "crime_type"]


def cells_for(n: int, seed: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    days = rng.integers(0, 3650, n)
    start = np.datetime64("2016-01-04")
    dates = start + days.astype("timedelta64[D]")
    frame = pd.DataFrame({
        "day": dates,
        "area": rng.choice([f"area-{i:02d}" for i in range(33)], n),
        "strand": rng.choice(["race", "religion", "sexual_orientation", "disability",
                              "transgender", "other"], n, p=[.6, .15, .12, .06, .04, .03]),
        "community": rng.choice([f"community-{i}" for i in range(8)], n),
        "online": rng.choice(["online", "offline"], n, p=[.2, .8]),
        "crime_type": rng.choice(["crime", "nchi", "unclassified"], n, p=[.7, .2, .1]),
    })  # fmt: skip
    weekday = frame["day"].dt.day_of_week
    frame["week"] = (frame["day"] - pd.to_timedelta(weekday, unit="D")).dt.date
    frame["month"] = frame["day"].dt.to_period("M").dt.start_time.dt.date
    out = []
    for kind in ("week", "month"):
        for r in range(len(DIMS) + 1):
            for kept in combinations(DIMS, r):
                g = frame.groupby([kind, *kept]).size().reset_index(name="count")
                for dim in DIMS:
                    if dim not in kept:
                        g[dim] = ""
                g["period_kind"] = kind
                g = g.rename(columns={kind: "period_start"})
                out.append(g[["period_kind", "period_start", *DIMS, "count"]])
    return pd.concat(out, ignore_index=True)


def load(cells: pd.DataFrame) -> int:
    from django.db import connection, transaction

    from hatecrime.monitoring.models import Dataset, SeriesCount

    SeriesCount.objects.all().delete()
    dataset, _ = Dataset.objects.get_or_create(name="live", defaults={"kind": "live"})
    rows = [
        (dataset.pk, k, p, a, s, "", c, o, t, int(n))
        for k, p, a, s, c, o, t, n in cells.itertuples(index=False, name=None)
    ]
    sql = (
        "INSERT INTO monitoring_seriescount (dataset_id, period_kind, period_start, area, strand,"
        " category, community, online, crime_type, count) VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s)"
    )
    with transaction.atomic(), connection.cursor() as cursor:
        for i in range(0, len(rows), 50_000):
            cursor.executemany(sql, rows[i : i + 50_000])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return dataset.pk


def p95(function, runs: int = 30) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        function()
        times.append((time.perf_counter() - t0) * 1000)
    return float(np.percentile(times, 95))


def queries() -> dict[str, object]:
    from hatecrime.monitoring.models import Dataset
    from hatecrime.monitoring.selectors import Filters, area_totals, trend

    live = Dataset.objects.get(name="live")
    week = dict(dataset=live, period_kind="week", date_from=dt.date(2016, 1, 4),
                date_to=dt.date(2025, 12, 29))  # fmt: skip
    return {
        "trend, all London, weekly, 10 years": lambda: trend(Filters(**week)),
        "trend, one area + strand + online": lambda: trend(
            Filters(**week, area="area-07", strand="religion", online="online")
        ),
        "trend, monthly, community + crime type": lambda: trend(
            Filters(
                dataset=live,
                period_kind="month",
                community="community-3",
                crime_type="nchi",
                date_from=dt.date(2016, 1, 1),
                date_to=dt.date(2025, 12, 1),
            )
        ),  # fmt: skip
        "map, areas over 2 years + year before": lambda: area_totals(
            Filters(
                dataset=live,
                period_kind="week",
                strand="race",
                date_from=dt.date(2023, 1, 2),
                date_to=dt.date(2024, 12, 30),
            )
        ),  # fmt: skip
    }


def run_on(label: str, sizes: list[int]) -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    for n in sizes:
        t0 = time.perf_counter()
        cells = cells_for(n)
        load(cells)
        print(f"[{label}] {n:,} incidents -> {len(cells):,} cells, generated and loaded in "
              f"{time.perf_counter() - t0:.0f} s")  # fmt: skip
        for name, function in queries().items():
            print(f"[{label}] {n:>9,}  p95 {p95(function):7.1f} ms  {name}")
        sys.stdout.flush()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="250000,5000000")
    parser.add_argument("--postgres", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--only", choices=["sqlite", "postgres"])
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hatecrime.settings.base")
    targets = []
    if args.only != "postgres":
        targets.append(("sqlite", ""))
    if args.only != "sqlite":
        targets.append(("postgres", args.postgres or "postgres://postgres@127.0.0.1:5432/postgres"))
    for label, url in targets:
        import subprocess

        env = dict(os.environ)
        if url:
            base = url.rsplit("/", 1)[0]
            try:
                import psycopg

                with psycopg.connect(url, autocommit=True) as conn:
                    conn.execute("DROP DATABASE IF EXISTS hatecrime_bench")
                    conn.execute("CREATE DATABASE hatecrime_bench")
            except Exception as error:  # no server: say so and carry on
                print(f"[postgres] skipped: {error}")
                continue
            env["DATABASE_URL"] = f"{base}/hatecrime_bench"
        else:
            env["DATABASE_URL"] = ""
            env["HATECRIME_VAR_DIR"] = tempfile.mkdtemp(prefix="hatecrime-bench-")
        subprocess.run([sys.executable, __file__, "--child", label, args.sizes], env=env,
                       check=True)  # fmt: skip


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        import django

        sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "src"))
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hatecrime.settings.base")
        if not os.environ.get("DATABASE_URL"):
            os.environ.pop("DATABASE_URL", None)
        django.setup()
        run_on(sys.argv[2], [int(s) for s in sys.argv[3].split(",")])
    else:
        main()
