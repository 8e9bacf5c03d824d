"""Benchmark: the nowcast (ADR 0902): interval coverage and how much earlier a surge is found.

Backtests, each from a seeded simulated history of reports (when it happened, when reported):

* **demo history**: the demo's pattern (600 reports over two years across London, a tenth of
  them in a six-week surge 150 days ago) with the demo's delays (0-2 days, as
  ``reporting/demo.py`` makes them): 24 cut-off days over the last year;
* **simulated delays**: a borough-scale weekly series (about 20 reports a week, negative
  binomial, three years) whose reports arrive 0 days (40%), about 5 days (40%) or about 25
  days (20%) late: 52 cut-off days over the last year.

At each cut-off day only the reports made by then are known; the delay distribution is learnt
from them, the weeks not yet complete are corrected, and each 90% interval is checked against
the count those weeks reach 90 days on. Coverage target: 85-95%.

**Surge**: in the simulated series the weekly mean triples for three weeks. For each cut-off
day from the surge's first day, weekly detection (auto) runs on what is known; the day it first
flags a surge week is compared with and without alarms on the corrected count. Target: found
earlier on average, with no more false alarms on quiet cut-off days than the uncorrected count
plus 1 percentage point.

    PYTHONPATH=src python bench/nowcast.py
"""

from __future__ import annotations

import datetime as dt
import sys
import time

import numpy as np
from numpy.typing import NDArray

from hatecrime.monitoring.detection import detect
from hatecrime.monitoring.detection.auto import MIN_COUNT, MIN_RATIO
from hatecrime.monitoring.detection.nowcast import (
    alarms_on_nowcast,
    estimate_delays,
    nowcast_series,
)

START = dt.date(2023, 1, 2)  # a Monday
DAYS = 3 * 364
WEEKLY_MEAN = 20.0
SIZE = 10.0


def simulated_delays(rng: np.random.Generator, n: int) -> NDArray[np.int64]:
    kind = rng.choice(3, size=n, p=[0.4, 0.4, 0.2])
    return np.where(kind == 0, 0, rng.geometric(np.where(kind == 1, 1 / 5, 1 / 25)) - 1)


def history(rng: np.random.Generator, daily: NDArray[np.float64], delays: str
            ) -> tuple[NDArray[np.int64], NDArray[np.int64]]:  # fmt: skip
    """Reports as (day it happened, day it was reported), days counted from START."""
    counts = rng.negative_binomial(SIZE, SIZE / (SIZE + daily))
    occurred = np.repeat(np.arange(daily.shape[0]), counts)
    if delays == "demo":
        lag = rng.integers(0, 3, size=occurred.shape[0])
    else:
        lag = simulated_delays(rng, occurred.shape[0])
    return occurred, occurred + lag


def weekly(occurred: NDArray[np.int64], reported: NDArray[np.int64], cutoff: int,
           horizon: int | None = None) -> NDArray[np.int64]:  # fmt: skip
    """Reports per week (weeks up to the cut-off's), as known on day ``cutoff`` (or as they
    stand ``horizon`` days after each incident)."""
    if horizon is None:
        known = (reported <= cutoff) & (occurred <= cutoff)
    else:
        known = (occurred <= cutoff) & (reported - occurred <= horizon)
    return np.bincount(occurred[known] // 7, minlength=cutoff // 7 + 1)[: cutoff // 7 + 1]


def as_dates(days: NDArray[np.int64]) -> NDArray[np.datetime64]:
    return np.datetime64(START) + days


def coverage(occurred: NDArray[np.int64], reported: NDArray[np.int64], cutoffs: list[int]
             ) -> tuple[int, int, float]:  # fmt: skip
    """(inside the interval, intervals, mean width relative to the truth)."""
    inside = total = 0
    widths = []
    for cutoff in cutoffs:
        today = START + dt.timedelta(days=cutoff)
        known = reported <= cutoff
        delays = estimate_delays(as_dates(occurred[known]), as_dates(reported[known]), today)
        if delays is None:
            continue
        counts = weekly(occurred, reported, cutoff)
        truth = weekly(occurred, reported, cutoff, horizon=90)
        weeks = np.arange(counts.shape[0])
        starts = [START + dt.timedelta(weeks=int(w)) for w in weeks]
        ends = [s + dt.timedelta(days=6) for s in starts]
        for w, item in enumerate(nowcast_series(counts, starts, ends, delays, today)):
            if item is None:
                continue
            total += 1
            inside += item.low <= truth[w] <= item.high
            widths.append((item.high - item.low) / max(truth[w], 1))
    return inside, total, float(np.mean(widths)) if widths else float("nan")


def flagged(occurred: NDArray[np.int64], reported: NDArray[np.int64], cutoff: int,
            weeks: set[int]) -> tuple[bool, bool]:  # fmt: skip
    """Whether detection on what is known at ``cutoff`` alarms in ``weeks``: (on the reported
    count, on the reported or the corrected count)."""
    today = START + dt.timedelta(days=cutoff)
    known = reported <= cutoff
    counts = weekly(occurred, reported, cutoff)
    n = counts.shape[0]
    judged = [w for w in range(max(0, n - 4), n)]
    result = detect(counts, np.datetime64(START) + 7 * np.arange(n), frequency=52,
                    range=judged)  # fmt: skip
    plain = any(result.alarm[w] for w in judged if w in weeks)
    delays = estimate_delays(as_dates(occurred[known]), as_dates(reported[known]), today)
    if delays is None:
        return plain, plain
    starts = [START + dt.timedelta(weeks=w) for w in range(n)]
    ends = [s + dt.timedelta(days=6) for s in starts]
    corrected = nowcast_series(counts, starts, ends, delays, today)
    extra = any(
        alarms_on_nowcast(
            corrected[w],
            result.expected[w],
            result.upper[w],
            min_count=MIN_COUNT,
            min_ratio=MIN_RATIO,
        )
        for w in judged
        if w in weeks and result.judged[w]
    )
    return plain, plain or extra


def main() -> int:
    started = time.perf_counter()
    ok = True
    print("nowcast (ADR 0902): 90% interval coverage in backtests (target 85-95%)")
    rng = np.random.default_rng(2026)
    for label, delays, daily in (
        ("demo history", "demo", np.full(728, 600 / 728 * 0.9)),
        ("simulated delays", "simulated", np.full(DAYS, WEEKLY_MEAN / 7)),
    ):
        if delays == "demo":
            daily = daily.copy()
            daily[728 - 150 : 728 - 108] += 60 / 42
        occurred, reported = history(rng, daily, delays)
        last = int(daily.shape[0]) - 1
        step = 14 if delays == "demo" else 7
        cutoffs = list(range(last - 364, last + 1, step))
        inside, total, width = coverage(occurred, reported, cutoffs)
        share = inside / total if total else float("nan")
        met = 0.85 <= share <= 0.95 if total else delays == "demo"
        ok &= met
        print(f"{label:<18} {total:>4} corrected weeks, {inside} inside: {share:.1%}; "
              f"mean width {width:.0%} of the count  {'met' if met else 'MISSED'}")  # fmt: skip
    earlier, false_plain, false_nowcast, quiet_days, surges, found_plain, found_now = (
        [],
        0,
        0,
        0,
        30,
        0,
        0,
    )
    for s in range(surges):
        rng = np.random.default_rng(100 + s)
        daily = np.full(DAYS, WEEKLY_MEAN / 7)
        surge_week = int(rng.integers(120, 150))
        daily[surge_week * 7 : surge_week * 7 + 21] *= 3
        occurred, reported = history(rng, daily, "simulated")
        # quiet cut-off days (before the surge): false alarms with and without the correction
        for cutoff in range(surge_week * 7 - 56, surge_week * 7, 8):
            recent = {cutoff // 7, cutoff // 7 - 1, cutoff // 7 - 2}
            plain, both = flagged(occurred, reported, cutoff, recent)
            quiet_days += 1
            false_plain += plain
            false_nowcast += both
        surge = {surge_week, surge_week + 1, surge_week + 2}
        day_plain = day_both = None
        for cutoff in range(surge_week * 7, surge_week * 7 + 50):
            plain, both = flagged(occurred, reported, cutoff, surge)
            if both and day_both is None:
                day_both = cutoff
            if plain:
                day_plain = cutoff
                break
        found_plain += day_plain is not None
        found_now += day_both is not None
        if day_plain is not None and day_both is not None:
            earlier.append(day_plain - day_both)
    mean_earlier = float(np.mean(earlier)) if earlier else 0.0
    fa_plain, fa_now = false_plain / quiet_days, false_nowcast / quiet_days
    met = mean_earlier > 0 and fa_now <= fa_plain + 0.01
    ok &= met
    print(
        f"surge x3 for 3 weeks, {surges} series: found within 50 days {found_plain} without, "
        f"{found_now} with the correction; flagged {mean_earlier:.1f} days earlier on average "
        f"(median {np.median(earlier) if earlier else 0:.0f}, most {max(earlier, default=0)})"
    )
    print(
        f"quiet cut-off days: alarms in the last 3 weeks {fa_plain:.1%} without, {fa_now:.1%} "
        f"with the correction ({quiet_days} days)  {'met' if met else 'MISSED'}"
    )
    print(f"{time.perf_counter() - started:.0f} s: {'met' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
