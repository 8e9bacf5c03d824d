"""The ``auto`` rule on sparse Poisson series: false alarms and injected outbreaks (seeded).

Grid: weekly means 0.05, 0.2, 0.5, 1 and 3; 2 and 5 years of history (the table in
docs/detection.md also has 3 and 10 years and more series: ``python
tests/monitoring/detection/test_auto_rates.py``, same code). Since ADR 0470 auto's Farrington
fits ten seasonal levels over every past week, about five times the work of R's default, so the
tests use 10 series per cell and judge only the outbreak's two weeks (``range``).

* False alarm rate = alarms / judged periods on outbreak-free series; nominal alpha 0.05.
* Detection: ``ceil(3 sd)`` extra cases (sd = sqrt(mean)) in each of 2 consecutive periods,
  started at a random judged period; found if either period alarms. Only outbreaks of at least
  5 extra cases count (limit54 is 5 cases in 4 periods: fewer cannot be told from noise by
  design); at means 0.05 and 0.2 the 3 sd outbreak is 2 and 4 cases, so those cells have none.
"""

from __future__ import annotations

import math
import sys

import numpy as np
import pytest

from hatecrime.monitoring.detection import detect

MEANS = (0.05, 0.2, 0.5, 1.0, 3.0)
YEARS = (2, 5)
TABLE_YEARS = (2, 3, 5, 10)
ALPHA = 0.05
START = np.datetime64("2015-01-05")


def false_alarm_rate(mean: float, years: int, series: int, seed: int = 1) -> tuple[int, int]:
    """(alarms, judged periods) of ``auto`` over ``series`` clean Poisson series."""
    rng = np.random.default_rng(seed)
    n = 52 * years
    dates = START + 7 * np.arange(n)
    alarms = judged = 0
    for _ in range(series):
        result = detect(rng.poisson(mean, n), dates)
        alarms += int(result.alarm.sum())
        judged += int(result.judged.sum())
    return alarms, judged


def detection_rate(mean: float, years: int, outbreaks: int, seed: int = 2) -> tuple[int, int]:
    """(outbreaks found, outbreaks injected); (0, 0) when 2 x ceil(3 sd) < 5 cases."""
    extra = math.ceil(3 * math.sqrt(mean))
    if 2 * extra < 5:
        return 0, 0
    rng = np.random.default_rng(seed)
    n = 52 * years
    dates = START + 7 * np.arange(n)
    found = 0
    for _ in range(outbreaks):
        y = rng.poisson(mean, n)
        start = int(rng.integers(10, n - 1))  # auto judges from the 10th period on
        y[start : start + 2] += extra
        judged = [start, start + 1]
        found += bool(detect(y, dates, range=judged).alarm[start : start + 2].any())
    return found, outbreaks


@pytest.mark.parametrize("years", YEARS)
@pytest.mark.parametrize("mean", MEANS)
def test_auto_raises_no_more_false_alarms_than_nominal_alpha(mean: float, years: int) -> None:
    # 10 series per cell: at least 10 x 94 = 940 judged weeks. The binomial SE of 5% there is
    # 0.7%; adjacent weeks share baselines. Measured worst cell (mean 3, 5 years): 5.0%.
    alarms, judged = false_alarm_rate(mean, years, series=10)
    assert judged >= 10 * (52 * years - 10)
    assert alarms / judged <= ALPHA + 0.01


@pytest.mark.parametrize("years", YEARS)
@pytest.mark.parametrize("mean", [m for m in MEANS if 2 * math.ceil(3 * math.sqrt(m)) >= 5])
def test_auto_finds_injected_outbreaks_of_at_least_five_cases(mean: float, years: int) -> None:
    # Measured (100 per cell, docs table): 91-98% at means 0.5 and 3; 80-85% at mean 1, where
    # 3 sd is 3 extra cases and a week of 3 + Poisson(1) clears the Poisson 95% quantile of
    # about 3 only 63% of the time (the minimum of 3 reports never binds there).
    found, injected = detection_rate(mean, years, outbreaks=100)
    assert found / injected >= (0.75 if mean == 1.0 else 0.85)


def main() -> None:  # pragma: no cover - prints the table for docs/detection.md
    series = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    print("| mean / week | history | judged weeks | false alarms | rate | outbreaks found |")
    print("|---|---|---|---|---|---|")
    for mean in MEANS:
        for years in TABLE_YEARS:
            alarms, judged = false_alarm_rate(mean, years, series)
            found, injected = detection_rate(mean, years, series)
            det = f"{found}/{injected} ({found / injected:.0%})" if injected else "n/a (< 5 cases)"
            print(
                f"| {mean} | {years} y | {judged:,} | {alarms:,} | {alarms / judged:.2%} | {det} |"
            )


if __name__ == "__main__":
    main()
