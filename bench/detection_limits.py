"""Benchmark: how well could *any* detector do on the trend and level-shift series? (ADR 0903)

On the series of `bench/detection_trends.py` (seasonal negative binomial, size 5, a trend of
-20% to +30% a year and a level shift of x0.7, x1 or x1.4), a detector's expected count is
off the true mean by a factor ``exp(e)``. Per cell this prints:

* the size of ``e`` (median of ``|e|``) for `auto`'s expected count in the periods Farrington
  judges, and for a Poisson GLM told the true form of each series (season, trend, and the level
  shift at its true period; only the values are estimated from the history): about the best
  a model of the level can do;
* the share of 3-sd outbreaks of two periods that a calibrated detector with those errors
  would find with false alarms held at exactly 5%: its threshold is a quantile of the true
  count distribution mixed over the errors seen; no minimum count applied.

Not a target check: it says where the targets of issue 13 can be reached on these series.

    PYTHONPATH=src python bench/detection_limits.py
"""

from __future__ import annotations

import time

import numpy as np
from numpy.typing import NDArray
from scipy import stats

from detection_trends import CELLS, SIZE, dates_for, draw, scenario_with_shift
from hatecrime.monitoring.detection import detect
from hatecrime.monitoring.detection._glm import fit_log_glm

SERIES, DRAWS, MIX = 15, 1000, 100


def errors(
    frequency: int, years: int, mean: float
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """log(expected / true mean) per period: auto's (Farrington periods), the true-form GLM's."""
    rng = np.random.default_rng(int(mean * 100) + frequency)
    n = years * frequency
    angle = 2 * np.pi / frequency
    ours: list[float] = []
    told: list[float] = []
    for _ in range(SERIES):
        mu, _counted, at = scenario_with_shift(rng, mean, n, frequency)
        y = draw(rng, mu).astype(np.float64)
        result = detect(y, dates_for(n, frequency), frequency=frequency)
        for k in np.flatnonzero(result.judged):
            item = result.explanation[k]
            if item is None or item.method != "farrington_flexible":
                continue
            ours.append(float(np.log(result.expected[k] / mu[k])))
            t = np.arange(k, dtype=np.float64)
            columns = [np.ones(k), (t - k) / frequency, np.cos(angle * t), np.sin(angle * t)]
            row = [1.0, 0.0, np.cos(angle * k), np.sin(angle * k)]
            if 0 < at < k - 1:  # the shift, where the history holds both sides of it
                columns.append((t >= at).astype(np.float64))
                row.append(1.0)
            beta = fit_log_glm(y[None, :k], np.column_stack(columns)[None], np.ones((1, k))).beta[0]
            told.append(float(np.dot(row, beta) - np.log(mu[k])))
    return np.array(ours), np.array(told)


def share_found(mean: float, e: NDArray[np.float64], seed: int) -> float:
    """Share of outbreaks found by a calibrated detector whose expected count is
    ``mean * exp(e)``, ``e`` drawn from the errors seen: its threshold is a quantile of the
    count mixed over those errors (it knows how far off it can be), the quantile chosen so
    that exactly 5% of quiet periods alarm."""
    rng = np.random.default_rng(seed)
    spread = rng.choice(e - e.mean(), MIX)
    guess = mean * np.exp(rng.choice(e, DRAWS))
    counts = np.arange(int(mean * 40 + 80))
    cdfs = np.empty((DRAWS, counts.shape[0]))
    for i in range(DRAWS):
        means = guess[i] * np.exp(-spread)
        cdfs[i] = stats.nbinom.cdf(counts[:, None], SIZE, SIZE / (SIZE + means[None, :])).mean(1)
    quiet = rng.negative_binomial(SIZE, SIZE / (SIZE + mean), (DRAWS, 2))
    extra = np.ceil(3 * np.sqrt(mean + mean**2 / SIZE))
    low, high = 0.5, 0.9999
    for _ in range(30):  # the quantile whose false alarm rate is 5%
        level = (low + high) / 2
        upper = (cdfs < level).sum(axis=1)
        low, high = (level, high) if (quiet[:, 0] > upper).mean() > 0.05 else (low, level)
    upper = (cdfs < high).sum(axis=1)
    return float(((quiet + extra) > upper[:, None]).any(axis=1).mean())


def main() -> None:
    start = time.perf_counter()
    print("how far the expected count is from the true mean, and what that allows")
    print(f"{'data':<8} {'mean':>5} {'|e| auto':>13} {'true form':>10}   "
          "outbreaks a calibrated detector would find at 5% false alarms")  # fmt: skip
    for frequency, years, levels in CELLS:
        label = "weekly" if frequency == 52 else "monthly"
        for mean in levels:
            e_ours, e_told = errors(frequency, years, mean)
            found_ours = share_found(mean, e_ours, 1)
            found_told = share_found(mean, e_told, 2)
            ours, told = (float(np.median(np.abs(e))) for e in (e_ours, e_told))
            print(f"{label:<8} {mean:>5g} {ours:>13.3f} {told:>10.3f}   auto's errors "
                  f"{found_ours:.0%}; the true form's {found_told:.0%}")  # fmt: skip
    print(f"{time.perf_counter() - start:.0f} s")


if __name__ == "__main__":
    main()
