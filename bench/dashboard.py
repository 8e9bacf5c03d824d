"""Dashboard query timings over synthetic incidents, on SQLite and PostgreSQL (p50 and p95).

For N = 250,000 and 5,000,000 synthetic incidents over ten years (33 areas, 6 strands with 5% of
incidents in two, 8 targeted communities and none for 30%, online or offline, crime, NCHI or
unclassified), the count cells those incidents produce are computed with
`hatecrime.monitoring.bulk.cube_cells` (the app's counting rules: tests/monitoring/test_bulk.py
checks it equals `rollups` on the same records) and bulk loaded into monitoring_seriescount in
one transaction: SQLite with journal_mode=OFF and synchronous=OFF (the scratch database only),
PostgreSQL with COPY. Each dashboard query then runs 30 times.

SQLite: a temporary var directory. PostgreSQL: `--postgres URL`, else DATABASE_URL, else
postgres://postgres@127.0.0.1:5432/postgres; a scratch database `hatecrime_bench_dashboard` is
created and dropped.

    .venv/bin/python bench/dashboard.py [--sizes 250000,5000000] [--only sqlite|postgres]
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator

import numpy as np
import pandas as pd

SRC = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src")
SCRATCH = "hatecrime_bench_dashboard"
RUNS = 30
STRANDS = ["race", "religion", "sexual_orientation", "disability", "transgender", "other"]
STRAND_SHARES = [0.6, 0.15, 0.12, 0.06, 0.04, 0.03]


def incidents(n: int, seed: int = 1) -> pd.DataFrame:
    """N synthetic incidents, 2016-01-04 to 2025-12-31."""
    rng = np.random.default_rng(seed)
    first = np.datetime64("2016-01-04")
    second = rng.choice(STRANDS, n, p=STRAND_SHARES)
    return pd.DataFrame(
        {
            "day": first + rng.integers(0, 3650, n).astype("timedelta64[D]"),
            "area": rng.choice([f"area-{i:02d}" for i in range(33)], n),
            "strand_1": rng.choice(STRANDS, n, p=STRAND_SHARES),
            "strand_2": np.where(rng.random(n) < 0.05, second, ""),
            "community": np.where(
                rng.random(n) < 0.3, "", rng.choice([f"community-{i}" for i in range(8)], n)
            ),
            "online": rng.choice(["online", "offline"], n, p=[0.2, 0.8]),
            "crime_type": rng.choice(["crime", "nchi", "unclassified"], n, p=[0.7, 0.2, 0.1]),
        }
    )


def cells_of(frame: pd.DataFrame) -> list[tuple[str, pd.DataFrame]]:
    from hatecrime.monitoring.bulk import cube_cells

    # "month" sorts before "week": loading in this order appends to the unique index.
    return [(kind, cube_cells(frame, kind)) for kind in ("month", "week")]


COLUMNS = "dataset_id, period_kind, period_start, area, strand, category, community, online,"
COLUMNS += " crime_type, count"


def _iso(days: pd.Series) -> np.ndarray:
    codes, uniques = pd.factorize(days)
    return np.array([d.isoformat() for d in uniques], dtype=object)[codes]


def _rows(dataset: int, kind: str, cells: pd.DataFrame) -> Iterator[tuple[object, ...]]:
    columns = [cells[c].tolist() for c in ("area", "strand", "category", "community", "online")]
    starts = _iso(cells["period_start"]).tolist()
    counts = cells["count"].astype(int).tolist()
    for start, area, strand, category, community, online, crime_type, count in zip(
        starts, *columns, cells["crime_type"].tolist(), counts, strict=True
    ):
        yield dataset, kind, start, area, strand, category, community, online, crime_type, count


def _load_sqlite(raw: object, dataset: int, kinds: list[tuple[str, pd.DataFrame]]) -> None:
    cursor = raw.cursor()  # type: ignore[attr-defined]
    for pragma in ("journal_mode=OFF", "synchronous=OFF", "cache_size=-1000000"):
        cursor.execute(f"PRAGMA {pragma}")
    cursor.execute("BEGIN")
    cursor.execute("DELETE FROM monitoring_seriescount")
    sql = f"INSERT INTO monitoring_seriescount ({COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?)"
    for kind, cells in kinds:
        cursor.executemany(sql, _rows(dataset, kind, cells))
    cursor.execute("COMMIT")
    cursor.execute("ANALYZE")


def _load_postgres(raw: object, dataset: int, kinds: list[tuple[str, pd.DataFrame]]) -> None:
    with raw.transaction(), raw.cursor() as cursor:  # type: ignore[attr-defined]
        cursor.execute("TRUNCATE monitoring_seriescount")
        with cursor.copy(f"COPY monitoring_seriescount ({COLUMNS}) FROM STDIN") as copy:
            for kind, cells in kinds:
                for low in range(0, len(cells), 500_000):
                    chunk = cells.iloc[low : low + 500_000].copy()
                    chunk["period_start"] = _iso(chunk["period_start"])
                    chunk.insert(0, "period_kind", kind)
                    chunk.insert(0, "dataset_id", dataset)
                    buffer = io.StringIO()
                    chunk[
                        [
                            "dataset_id",
                            "period_kind",
                            "period_start",
                            "area",
                            "strand",
                            "category",
                            "community",
                            "online",
                            "crime_type",
                            "count",
                        ]
                    ].to_csv(buffer, sep="\t", header=False, index=False)
                    copy.write(buffer.getvalue())
    raw.execute("ANALYZE monitoring_seriescount")  # type: ignore[attr-defined]


def load(kinds: list[tuple[str, pd.DataFrame]]) -> None:
    from django.db import connection

    from hatecrime.monitoring.models import Dataset

    dataset, _ = Dataset.objects.get_or_create(name="live", defaults={"kind": "live"})
    connection.ensure_connection()
    raw = connection.connection
    if connection.vendor == "sqlite":
        raw.isolation_level = None  # type: ignore[union-attr]
        _load_sqlite(raw, dataset.pk, kinds)
    else:
        raw.autocommit = True  # type: ignore[union-attr]
        _load_postgres(raw, dataset.pk, kinds)


def timings(function: Callable[[], object]) -> tuple[float, float]:
    times = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        function()
        times.append((time.perf_counter() - t0) * 1000)
    return float(np.percentile(times, 50)), float(np.percentile(times, 95))


def queries() -> dict[str, Callable[[], object]]:
    from hatecrime.monitoring.models import Dataset
    from hatecrime.monitoring.selectors import Filters, area_totals, judged_series, trend

    live = Dataset.objects.get(name="live")
    ten_years = {"date_from": dt.date(2016, 1, 4), "date_to": dt.date(2025, 12, 29)}
    weekly = Filters(dataset=live, period_kind="week", **ten_years)  # type: ignore[arg-type]
    one = Filters(
        dataset=live,
        period_kind="week",
        area="area-07",
        strand="religion",
        online="online",
        **ten_years,  # type: ignore[arg-type]
    )
    monthly = Filters(
        dataset=live,
        period_kind="month",
        community="community-3",
        crime_type="nchi",
        date_from=dt.date(2016, 1, 1),
        date_to=dt.date(2025, 12, 1),
    )
    map_filters = Filters(
        dataset=live,
        period_kind="week",
        strand="race",
        date_from=dt.date(2023, 1, 2),
        date_to=dt.date(2024, 12, 30),
    )
    return {
        "trend, all London, weekly, 10 years": lambda: trend(weekly),
        "trend, area + strand + online, weekly": lambda: trend(one),
        "trend, community + NCHI, monthly": lambda: trend(monthly),
        "map, areas over 2 years + year before": lambda: area_totals(map_filters),
        # The dashboard fits nothing: it reads the stored judgements (none are stored here, so
        # this times the query's floor; the weekly job's runs add a few rows per period).
        "stored judgements (chart + map)": lambda: judged_series(weekly),
    }


def run_child(label: str, sizes: list[int], out: str) -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    results = []
    for n in sizes:
        t0 = time.perf_counter()
        frame = incidents(n)
        kinds = cells_of(frame)
        t1 = time.perf_counter()
        load(kinds)
        t2 = time.perf_counter()
        cells = sum(len(c) for _k, c in kinds)
        print(
            f"[{label}] {n:,} incidents -> {cells:,} cells: counted in {t1 - t0:.0f} s, "
            f"loaded in {t2 - t1:.0f} s",
            flush=True,
        )
        del frame, kinds
        for name, function in queries().items():
            p50, p95 = timings(function)
            print(f"[{label}] {n:>9,}  p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  {name}", flush=True)
            results.append(
                {
                    "database": label,
                    "size": n,
                    "cells": cells,
                    "query": name,
                    "p50": p50,
                    "p95": p95,
                }
            )
    with open(out, "a") as handle:
        for row in results:
            handle.write(json.dumps(row) + "\n")


def _child_env(label: str, url: str) -> dict[str, str] | None:
    env = dict(os.environ)
    if label == "sqlite":
        env.pop("DATABASE_URL", None)
        env["HATECRIME_VAR_DIR"] = tempfile.mkdtemp(prefix="hatecrime-bench-")
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


def _cleanup(label: str, url: str, env: dict[str, str]) -> None:
    if label == "sqlite":
        shutil.rmtree(env["HATECRIME_VAR_DIR"], ignore_errors=True)
        return
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {SCRATCH}")


def print_table(path: str) -> None:
    with open(path) as handle:
        rows = [json.loads(line) for line in handle]
    print("\n| database | incidents | cells | query | p50 ms | p95 ms |")
    print("| --- | ---: | ---: | --- | ---: | ---: |")
    for r in rows:
        print(
            f"| {r['database']} | {r['size']:,} | {r['cells']:,} | {r['query']} | "
            f"{r['p50']:.1f} | {r['p95']:.1f} |"
        )
    slow = [r for r in rows if r["size"] >= 5_000_000 and r["p95"] >= 200]
    print(
        f"\nTarget p95 < 200 ms at 5,000,000: {'missed by ' if slow else 'met'}"
        f"{', '.join(r['database'] + ' ' + r['query'] for r in slow)}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="250000,5000000")
    parser.add_argument("--postgres", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--only", choices=["sqlite", "postgres"])
    args = parser.parse_args()
    url = args.postgres or "postgres://postgres@127.0.0.1:5432/postgres"
    targets = [t for t in ("sqlite", "postgres") if args.only in (None, t)]
    out = tempfile.mktemp(prefix="hatecrime-bench-", suffix=".jsonl")
    started = time.perf_counter()
    for label in targets:
        env = _child_env(label, url)
        if env is None:
            continue
        try:
            subprocess.run(
                [sys.executable, __file__, "--child", label, args.sizes, out], env=env, check=True
            )
        finally:
            _cleanup(label, url, env)
    if os.path.exists(out):
        print_table(out)
        os.unlink(out)
    print(f"Whole benchmark: {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        import django

        sys.path.insert(0, SRC)
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hatecrime.settings.base")
        django.setup()
        run_child(sys.argv[2], [int(s) for s in sys.argv[3].split(",")], sys.argv[4])
    else:
        main()
