"""Benchmark: our farrington_flexible against R ``surveillance::farringtonFlexible``.

Builds 32 boroughs x 5 strands x 2 community shapes = 320 synthetic weekly series over 10 years
(seeded), judges the last 2 years (104 weeks) of each with R's defaults, times ours, then runs
the same through R (``Rscript`` on a CSV in a temporary directory), timing R's computation inside
R with ``system.time`` and the whole subprocess by wall clock. Prints both, the ratio and the share
of agreeing alarms. Without Rscript it says so and prints our figure only.

    PYTHONPATH=src .venv/bin/python bench/detection.py [--series N]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import numpy as np

from hatecrime.monitoring.detection import farrington_flexible

WEEKS, JUDGED = 520, 104

R_SCRIPT = r"""
suppressMessages(library(surveillance))
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1], check.names = FALSE)
s <- sts(observed = as.matrix(d[, -1]), epoch = as.Date(d$date), frequency = 52,
         epochAsDate = TRUE)
n <- nrow(d)
elapsed <- system.time(
  res <- suppressWarnings(farringtonFlexible(s, control = list(range = (n - %d + 1):n)))
)[["elapsed"]]
a <- res@alarm
a[is.na(a)] <- FALSE
write.csv(a * 1L, args[2], row.names = FALSE)
cat(elapsed, "\n")
"""


def make_series(n_series: int, seed: int = 20261120) -> tuple[np.ndarray, np.ndarray]:
    """(dates, counts of shape (weeks, series)): borough x strand x community shapes."""
    rng = np.random.default_rng(seed)
    t = np.arange(WEEKS)
    dates = np.datetime64("2016-11-21") + 7 * t
    cols = []
    for _borough in range(32):
        size = rng.uniform(0.5, 2.0)
        for strand_mean in (4.0, 1.5, 1.0, 0.6, 0.3):
            for shape in range(2):
                mean = size * strand_mean * (1.0 if shape == 0 else 0.5)
                slope = rng.normal(0.0, 0.05)
                mu = mean * np.exp(0.35 * np.cos(2 * np.pi * (t - 30) / 52) + slope * t / 52)
                y = rng.negative_binomial(4, 4 / (4 + mu))
                if rng.random() < 0.3:  # an outbreak in the judged years
                    start = rng.integers(WEEKS - JUDGED, WEEKS - 3)
                    y[start : start + 3] += rng.poisson(3 * np.sqrt(mu[start : start + 3] + 1))
                cols.append(y)
    counts = np.column_stack(cols)[:, :n_series]
    return dates, counts


def run_ours(dates: np.ndarray, counts: np.ndarray) -> tuple[float, np.ndarray]:
    judged = np.arange(WEEKS - JUDGED, WEEKS)
    start = time.perf_counter()
    alarms = [
        farrington_flexible(counts[:, j], dates, range=judged).alarm[judged]
        for j in range(counts.shape[1])
    ]
    return time.perf_counter() - start, np.column_stack(alarms)


def run_r(dates: np.ndarray, counts: np.ndarray) -> tuple[float, float, np.ndarray] | None:
    rscript = shutil.which("Rscript")
    if rscript is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        data, out, script = Path(tmp, "in.csv"), Path(tmp, "out.csv"), Path(tmp, "run.R")
        header = "date," + ",".join(f"s{j}" for j in range(counts.shape[1]))
        rows = [f"{d},{','.join(map(str, row))}" for d, row in zip(dates, counts, strict=True)]
        data.write_text(header + "\n" + "\n".join(rows) + "\n")
        script.write_text(R_SCRIPT % JUDGED)
        start = time.perf_counter()
        proc = subprocess.run(
            [rscript, str(script), str(data), str(out)], capture_output=True, text=True, check=True
        )
        wall = time.perf_counter() - start
        inside = float(proc.stdout.split()[-1])
        alarms = np.loadtxt(out, delimiter=",", skiprows=1, ndmin=2).astype(bool)
    return inside, wall, alarms


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--series", type=int, default=320)
    args = parser.parse_args()
    dates, counts = make_series(args.series)
    print(f"{counts.shape[1]} weekly series x {WEEKS} weeks, judging the last {JUDGED} of each")
    ours_s, ours_alarms = run_ours(dates, counts)
    print(f"ours (numpy batched IRLS): {ours_s:.2f} s, {int(ours_alarms.sum())} alarms")
    r = run_r(dates, counts)
    if r is None:
        print("R is not installed (no Rscript on PATH): no comparison")
        return
    inside, wall, r_alarms = r
    agree = float(np.mean(r_alarms == ours_alarms))
    print(f"R farringtonFlexible: {inside:.2f} s computing (system.time), {wall:.2f} s wall clock,")
    print(f"  {int(r_alarms.sum())} alarms")
    print(f"ratio R / ours: {inside / ours_s:.1f}x (computation), {wall / ours_s:.1f}x (wall)")
    print(f"alarms agreeing: {100 * agree:.3f}% of {r_alarms.size} judged periods")


if __name__ == "__main__":
    main()
