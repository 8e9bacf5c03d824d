"""Nowcasting: the last periods corrected for reports not yet made (ADR 0902).

A report is made days or weeks after what happened, so the latest periods always look low.

1. **Delay distribution.** From reports whose incident happened between ``max_delay`` and
   ``max_delay + window`` days before today (so every delay up to ``max_delay`` could have been
   seen), ``F(d)`` = the share of those reported within ``d`` days, among those reported within
   ``max_delay`` days. This is the empirical (reverse-time, untruncated) estimate; reports made
   more than ``max_delay`` days late are outside what the nowcast estimates ("the count as it
   will stand ``max_delay`` days on").
2. **Completeness of a period.** With incidents spread evenly over the period's days up to
   today, ``c = mean over those days t of F(today - t)``.
3. **Estimate and interval.** Given ``x`` reports known and the eventual count ``N``, each of the
   ``N`` is known by now with probability ``c``. With a flat prior on ``N`` (R surveillance
   ``nowcast``'s "unif"), ``N - x ~ NegBin(x + 1, c)``. The uncertainty of ``c`` itself (it is
   estimated from ``m`` reports) is added by drawing ``c ~ Beta(c m, (1 - c) m)``. The estimate
   is the median and the interval the 5% and 95% quantiles of 4,000 seeded draws.

Periods with ``c >= COMPLETE`` are not corrected. Pure numpy/scipy: no Django.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from ._deadline import check
from .result import FloatArray

MAX_DELAY = 90  # days: the nowcast estimates the count as it stands 90 days on
WINDOW = 365  # days of incidents the delays are learnt from
MIN_REPORTS = 30  # fewer reports to learn delays from: no nowcast
COMPLETE = 0.95  # a period at least this complete is left as it is (at most 5% to come)
LEVEL = 0.90
DRAWS = 4000
PRIOR_SHAPE = 0.5  # N - x ~ NegBin(x, c) from a 1/N prior; 0.5 where nothing is known yet


@dataclass(frozen=True)
class DelayDistribution:
    cdf: FloatArray  # cdf[d]: share of reports made within d days (d = 0..max_delay)
    reports: int  # reports it was learnt from
    learnt_from: tuple[dt.date, dt.date]  # incidents between these dates

    @property
    def max_delay(self) -> int:
        return int(self.cdf.shape[0] - 1)

    def median_delay(self) -> int:
        return int(np.searchsorted(self.cdf, 0.5))


@dataclass(frozen=True)
class Nowcast:
    """One period corrected: ``known`` reports so far, ``completeness`` the share expected to be
    known by now, and the corrected count with its 90% interval."""

    known: int
    completeness: float
    estimate: float
    low: float
    high: float


def _days(values: ArrayLike) -> np.ndarray:
    return np.asarray(values, dtype="datetime64[D]")


def estimate_delays(
    occurred: ArrayLike,
    reported: ArrayLike,
    today: dt.date,
    *,
    max_delay: int = MAX_DELAY,
    window: int = WINDOW,
    min_reports: int = MIN_REPORTS,
) -> DelayDistribution | None:
    """The delay distribution learnt from reports (module docstring); None with too few."""
    occ, rep = _days(occurred), _days(reported)
    if occ.shape != rep.shape:
        raise ValueError("occurred and reported must have the same length")
    end = np.datetime64(today, "D") - max_delay
    start = end - window
    delay = (rep - occ).astype(int)
    usable = (occ >= start) & (occ < end) & (delay >= 0) & (delay <= max_delay)
    n = int(usable.sum())
    if n < min_reports:
        return None
    counts = np.bincount(delay[usable], minlength=max_delay + 1)[: max_delay + 1]
    cdf = np.cumsum(counts) / n
    first, last = start.astype(dt.date), (end - 1).astype(dt.date)
    return DelayDistribution(cdf=cdf, reports=n, learnt_from=(first, last))


def day_shares(delays: DelayDistribution, first: dt.date, last: dt.date, today: dt.date
               ) -> FloatArray:  # fmt: skip
    """For each day of a period (``first`` to ``last``, up to today: later days have not
    happened), the share of that day's eventual reports known by ``today``."""
    last = min(last, today)
    if last < first:
        return np.ones(1)
    ages = np.arange((today - last).days, (today - first).days + 1)
    return np.asarray(delays.cdf[np.minimum(ages, delays.max_delay)], dtype=np.float64)


def completeness(delays: DelayDistribution, first: dt.date, last: dt.date, today: dt.date) -> float:
    """The share of a period's eventual reports known by ``today`` (incidents spread evenly)."""
    return float(np.mean(day_shares(delays, first, last, today)))


def correct(
    known: int,
    c: float,
    reports: int,
    *,
    level: float = LEVEL,
    seed: int = 0,
    shares: FloatArray | None = None,
) -> Nowcast:
    """The corrected count for a period with ``known`` reports and completeness ``c``.

    ``shares`` (per day) narrows the spread to what days of different completeness give: a
    sum of Bernoulli draws with unequal chances varies less than a binomial with their mean,
    by the factor ``(c (1 - c) - var(shares)) / (c (1 - c))``. Draws are spread evenly over
    each count (+-0.5) so the interval's ends are not stuck on whole numbers.
    """
    check()
    if c >= COMPLETE:
        return Nowcast(known, c, float(known), float(known), float(known))
    c = max(c, 1e-3)
    rng = np.random.default_rng(seed)
    spread = max(reports, 1)
    drawn = rng.beta(c * spread, (1 - c) * spread, size=DRAWS).clip(1e-3, 1.0)
    rest = rng.negative_binomial(max(known, PRIOR_SHAPE), drawn).astype(np.float64)
    if shares is not None and shares.size > 1 and c < 1:
        factor = max(0.0, 1 - float(np.var(shares)) / (c * (1 - c)))
        rest = rest.mean() + np.sqrt(factor) * (rest - rest.mean())
    total = np.maximum(known + rest + rng.uniform(-0.5, 0.5, size=DRAWS), known)
    tail = (1 - level) / 2
    low, mid, high = np.quantile(total, [tail, 0.5, 1 - tail])
    return Nowcast(known, c, float(mid), float(low), float(high))


def nowcast_series(
    counts: ArrayLike,
    starts: list[dt.date],
    ends: list[dt.date],
    delays: DelayDistribution,
    today: dt.date,
    *,
    level: float = LEVEL,
) -> list[Nowcast | None]:
    """Per period: its nowcast, or None where the period is complete (or not begun)."""
    y = np.asarray(counts)
    out: list[Nowcast | None] = []
    for i, (first, last) in enumerate(zip(starts, ends, strict=True)):
        if first > today or (today - last).days >= delays.max_delay:
            out.append(None)  # not begun, or every delay counted has passed
            continue
        shares = day_shares(delays, first, last, today)
        c = float(np.mean(shares))
        out.append(
            None
            if c >= COMPLETE
            else correct(int(y[i]), c, delays.reports, level=level, seed=i, shares=shares)
        )
    return out


def alarms_on_nowcast(
    nowcast: Nowcast | None, expected: float, upper: float, *, min_count: int, min_ratio: float
) -> bool:
    """The corrected count alarms when even its interval's lower end is above the threshold
    (and meets the minimum for an alarm): at least 95% sure the period, once fully reported,
    will be above it (ADR 0902)."""
    if nowcast is None or nowcast.completeness >= COMPLETE or not np.isfinite(upper):
        return False
    low = nowcast.low
    return bool(low > upper and low >= min_count and low >= min_ratio * np.nan_to_num(expected))
