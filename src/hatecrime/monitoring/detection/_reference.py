"""Choice of baseline periods for Farrington-flexible, as R's ``surveillance`` does it.

Mirrors ``algo.farrington.referencetimepoints``, ``blocks`` and ``algo.farrington.data.glm``
(surveillance 1.20): the same period of each of the past ``b`` years (by calendar arithmetic
when dates are given, snapped to the same weekday for weekly data; by ``k - i * frequency``
otherwise), windows of ``w`` periods either side, and, for ``no_periods > 1``, the stretches
between the windows cut into ``no_periods - 1`` seasonal blocks.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray


@dataclass(frozen=True)
class Baseline:
    """Baseline rows for one judged period ``k`` (0-based positions)."""

    indices: NDArray[np.int64]
    groups: NDArray[np.int64]  # seasonal block label per row, 1..no_periods
    wtime: NDArray[np.float64]
    wtime_now: float


def minus_years(day: dt.date, years: int) -> dt.date:
    """``seq(day, by = "-1 year")`` element: 29 February rolls over to 1 March like R."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return dt.date(day.year - years, day.month, 28) + dt.timedelta(days=day.day - 28)


def _r_weekday(day: dt.date) -> int:
    return (day.weekday() + 1) % 7  # format(x, "%w"): Sunday = 0


def reference_dates(day: dt.date, b: int, weekly: bool) -> list[dt.date]:
    refs = [minus_years(day, i) for i in range(b + 1)]
    if not weekly:
        return refs
    want = _r_weekday(day)
    snapped = []
    for ref in refs:
        a = ref - dt.timedelta(days=_r_weekday(ref) - want)
        alt = a + dt.timedelta(days=-7 if a > ref else 7)
        snapped.append(alt if abs((a - ref).days) > abs((alt - ref).days) else a)
    return snapped


def _assign(factors: NDArray[np.float64], start: int, end: int, value: float) -> None:
    """R's ``v[start:end] <- value`` (1-based, inclusive, descending when end < start)."""
    lo, hi = min(start, end), max(start, end)
    lo = max(lo, 1)  # index 0 is silently dropped by R
    if hi >= lo:
        factors[lo - 1 : hi] = value


def baseline_for(
    k: int,
    n: int,
    *,
    b: int,
    w: int,
    frequency: int,
    no_periods: int,
    past_weeks_not_included: int,
    dates: list[dt.date] | None,
    date_index: dict[dt.date, int] | None,
) -> Baseline | str:
    """Baseline rows for position ``k``, or a reason why ``k`` cannot be judged."""
    if dates is not None and date_index is not None:
        refs_d = reference_dates(dates[k], b, weekly=frequency == 52)
        if any(r not in date_index for r in refs_d):
            return "a reference period lies before the start of the series"
        refs = sorted((date_index[r] + 1 for r in refs_d), reverse=True)
    else:
        refs = [k + 1 - i * frequency for i in range(b + 1)]
        if refs[-1] < 1:
            return "a reference period lies before the start of the series"
    factors = np.full(n, np.nan)
    now = k + 1
    _assign(factors, now - w, now, no_periods)
    for i in range(1, b + 1):
        ref = refs[i]
        if ref - w < 0:
            return "a reference window starts before the start of the series"
        _assign(factors, ref - w, ref + w, no_periods)
        if no_periods != 1:
            period = refs[i - 1] - 2 * w - 1 - ref
            if period < no_periods - (2 * w + 1):
                return "too many seasonal periods (no_periods) for this frequency"
            lengths = np.full(no_periods - 1, period // (no_periods - 1))
            lengths[: period % (no_periods - 1)] += 1
            cum = np.concatenate([[0], np.cumsum(lengths)])
            for j in range(1, no_periods):
                start = ref + w + 1 + int(cum[j - 1])
                _assign(factors, start, ref + w + int(cum[j]), j)
    lo = max(now - past_weeks_not_included, 1)
    factors[lo - 1 : now] = np.nan
    idx = np.flatnonzero(~np.isnan(factors))
    if idx.size == 0:
        return (
            f"no baseline periods left once the last {past_weeks_not_included} periods are "
            "left out (past_weeks_not_included)"
        )
    groups = factors[idx].astype(np.int64)
    if dates is not None:
        step = (dates[1] - dates[0]).days if n > 1 else 1
        first = dates[idx[0]]
        wtime = np.array([(dates[i] - first).days / step for i in idx], dtype=np.float64)
        wtime_now = (dates[k] - first).days / step
    else:
        wtime = (idx + 1).astype(np.float64)
        wtime_now = float(k + 1)
    return Baseline(idx.astype(np.int64), groups, wtime, wtime_now)
