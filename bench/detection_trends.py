"""Benchmark: `auto` judging from the first year and through trends and level shifts (ADR 0900).

Seeded negative binomial series (size 5) with a yearly season (exp(+-0.3)), a log-linear trend
drawn between -20% and +30% a year and one level shift (x0.7, x1 or x1.4) at a random period,
weekly (3 years) and monthly (6 years), at a few mean levels. Every period auto can judge is
judged, the first year included (a GLM with a trend or level shift, then improved Farrington
checked against the last year's own level).

* False alarms = alarms / judged periods. The 4 periods from an upward level shift on are left
  out: a lasting rise is a real rise, and alarming on it (as one episode) is wanted.
* Outbreaks: ``ceil(3 sd)`` extra cases (``--sd`` sets another size) in two consecutive
  periods at a random place (the first year included); found if either alarms.

Targets (issue 13 item 7): false alarms at or below 5%, at least 85% of outbreaks found.

    PYTHONPATH=src python bench/detection_trends.py [--quick] [--sd 3.5]
"""

from __future__ import annotations

import argparse
import sys
import time

import numpy as np
from numpy.typing import NDArray

from hatecrime.monitoring.detection import detect

SIZE, SEASON, ALPHA = 5.0, 0.3, 0.05
CELLS = ((52, 3, (1.0, 4.0)), (12, 6, (5.0, 30.0)))  # frequency, years, means
EXCLUDED_AFTER_RISE = 4


def dates_for(n: int, frequency: int) -> NDArray[np.datetime64]:
    if frequency == 52:
        return np.datetime64("2012-01-02") + 7 * np.arange(n)
    return np.array([np.datetime64(f"{2000 + i // 12}-{i % 12 + 1:02d}-01") for i in range(n)])


def scenario(
    rng: np.random.Generator, mean: float, n: int, frequency: int
) -> tuple[NDArray[np.float64], NDArray[np.bool_]]:
    """Means per period, and which periods count for false alarms."""
    mu, counted, _at = scenario_with_shift(rng, mean, n, frequency)
    return mu, counted


def scenario_with_shift(
    rng: np.random.Generator, mean: float, n: int, frequency: int
) -> tuple[NDArray[np.float64], NDArray[np.bool_], int]:
    """As :func:`scenario`, with the period the level shifts at."""
    t = np.arange(n)
    slope = rng.uniform(np.log(0.8), np.log(1.3)) / frequency
    at, jump = int(rng.integers(frequency // 4, n)), float(rng.choice([0.7, 1.0, 1.4]))
    mu = mean * np.exp(slope * t + SEASON * np.cos(2 * np.pi * t / frequency))
    mu *= np.where(t >= at, jump, 1.0)
    counted = ~((jump > 1) & (t >= at) & (t < at + EXCLUDED_AFTER_RISE))
    return mu, counted, at


def draw(rng: np.random.Generator, mu: NDArray[np.float64]) -> NDArray[np.int64]:
    return rng.negative_binomial(SIZE, SIZE / (SIZE + mu))


def quiet(frequency: int, years: int, mean: float, series: int, seed: int) -> dict[str, list[int]]:
    rng = np.random.default_rng(seed)
    n = years * frequency
    out: dict[str, list[int]] = {}
    for _ in range(series):
        mu, counted = scenario(rng, mean, n, frequency)
        result = detect(draw(rng, mu), dates_for(n, frequency), frequency=frequency)
        for k in np.flatnonzero(result.judged & counted):
            item = result.explanation[k]
            tally = out.setdefault(item.method if item else "?", [0, 0])
            tally[0] += int(result.alarm[k])
            tally[1] += 1
    return out


def outbreaks(
    frequency: int, years: int, mean: float, count: int, seed: int, size_sd: float = 3.0
) -> tuple[int, int]:
    """(found, of which in the first year): outbreaks found, ``count`` injected."""
    rng = np.random.default_rng(seed)
    n = years * frequency
    found = first_year = 0
    for _ in range(count):
        mu, _counted = scenario(rng, mean, n, frequency)
        y = draw(rng, mu)
        k = int(rng.integers(8, n - 1))
        sd = np.sqrt(mu[k : k + 2] + mu[k : k + 2] ** 2 / SIZE)
        y[k : k + 2] += np.ceil(size_sd * sd).astype(np.int64)
        result = detect(y[: k + 2], dates_for(k + 2, frequency), frequency=frequency,
                        range=[k, k + 1])  # fmt: skip
        hit = bool(result.alarm[k : k + 2].any())
        found += hit
        first_year += hit and k < frequency
    return found, first_year


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer series (a smoke run)")
    parser.add_argument(
        "--sd", type=float, default=3.0,
        help="outbreak size in standard deviations (default 3, as issue 13 sets; see ADR 0903)",
    )  # fmt: skip
    args = parser.parse_args()
    # 30 series and 300 outbreaks a cell: the rates are then known to about +-0.5 and +-2
    # percentage points (12 and 120 left them +-1 and +-3: too loose to judge a target).
    series, injected = (4, 40) if args.quick else (30, 300)
    print(
        f"auto (ADR 0900, 0903) on seasonal NB series with a trend and a level shift; "
        f"outbreaks of {args.sd:g} sd"
    )
    print(f"{'data':<8} {'mean':>5} {'method':<20} {'judged':>7} {'alarms':>6} {'rate':>6}")
    worst_rate, worst_found = 0.0, 1.0
    start = time.perf_counter()
    for frequency, years, levels in CELLS:
        label = "weekly" if frequency == 52 else "monthly"
        for mean in levels:
            seed = int(mean * 100) + frequency
            rates = quiet(frequency, years, mean, series, seed)
            for method, (a, j) in sorted(rates.items()):
                print(f"{label:<8} {mean:>5g} {method:<20} {j:>7,} {a:>6} {a / j:>6.2%}")
            alarms = sum(a for a, _ in rates.values())
            judged = sum(j for _, j in rates.values())
            found, early = outbreaks(frequency, years, mean, injected, seed + 1, args.sd)
            print(f"{label:<8} {mean:>5g} {'all':<20} {judged:>7,} {alarms:>6} "
                  f"{alarms / judged:>6.2%}  outbreaks found {found}/{injected} "
                  f"({found / injected:.0%}; {early} of them in the first year)")  # fmt: skip
            worst_rate = max(worst_rate, alarms / judged)
            worst_found = min(worst_found, found / injected)
    ok = worst_rate <= ALPHA and worst_found >= 0.85
    print(f"worst false alarm rate {worst_rate:.2%} (target <= {ALPHA:.0%}); worst share of "
          f"outbreaks of {args.sd:g} sd found {worst_found:.0%} (target >= 85% at 3 sd); "
          f"{time.perf_counter() - start:.0f} s: {'met' if ok else 'MISSED'}"
          f"{'' if args.sd == 3 else f' at {args.sd:g} sd (the target is at 3 sd)'}")  # fmt: skip
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
