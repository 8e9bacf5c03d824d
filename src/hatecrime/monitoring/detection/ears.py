"""EARS C1, C2 and C3 (Hutwagner et al. 2003), as R ``surveillance::earsC`` 1.20 computes them.

* C1: baseline = the ``baseline`` periods just before t; ``upper = mean + z * max(sd, minSigma)``.
* C2: the same with a guard band of 2 periods (lags ``baseline + 2`` .. 3).
* C3: R's formula ``upper = y_t + sd_t * (z - (max(0, C2_{t-2} - 1) + max(0, C2_{t-1} - 1)))``
  floored at 0, so C3 signals when the two previous C2 excesses sum to more than ``z``
  (the ``sd`` is R's sample standard deviation, ``n - 1`` denominator).
* ``z = qnorm(1 - alpha)``; R's default alpha is 0.001 for C1/C2 and 0.025 for C3.
* Alarm: ``y_t > upper`` (a NaN threshold, e.g. 0/0 in C3 on a flat baseline, gives no alarm;
  R gives NA there).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike
from scipy import stats

from .result import DetectionResult, FloatArray, PeriodExplanation, as_counts

_FIRST_LAG = {"C1": 1, "C2": 3, "C3": 3}
_EXTRA = {"C1": 0, "C2": 2, "C3": 4}


def _baseline_stats(
    y: FloatArray, ts: np.ndarray, baseline: int, first_lag: int
) -> tuple[FloatArray, FloatArray]:
    lags = np.arange(first_lag, first_lag + baseline)
    ref = y[ts[:, None] - lags[None, :]]
    return ref.mean(axis=1), ref.std(axis=1, ddof=1)


def ears(
    observed: ArrayLike,
    *,
    method: str = "C1",
    baseline: int = 7,
    min_sigma: float = 0.0,
    alpha: float | None = None,
    range: ArrayLike | None = None,
) -> DetectionResult:
    """EARS C1/C2/C3 on one series; ``range`` holds 0-based positions to judge."""
    if method not in _FIRST_LAG:
        raise ValueError("method must be C1, C2 or C3")
    if baseline < 3:
        raise ValueError("the minimum baseline is 3")
    if min_sigma < 0:
        raise ValueError("min_sigma must be >= 0")
    y = as_counts(observed)
    n = y.shape[0]
    alpha = (0.025 if method == "C3" else 0.001) if alpha is None else alpha
    params: dict[str, object] = {"baseline": baseline, "min_sigma": min_sigma, "alpha": alpha}
    result = DetectionResult.empty(f"ears_{method.lower()}", y, params)
    max_lag = baseline + _EXTRA[method]
    ks = np.arange(max_lag, n) if range is None else np.asarray(range, dtype=int)
    ks = ks[ks >= max_lag]
    if ks.size == 0:
        return result
    z = float(stats.norm.ppf(1.0 - alpha))
    first_lag = _FIRST_LAG[method]
    mean, sd = _baseline_stats(y, ks, baseline, first_lag)
    sigma = np.maximum(sd, min_sigma)
    with np.errstate(divide="ignore", invalid="ignore"):
        if method == "C3":
            m2, s2 = _baseline_stats(y, ks - 2, baseline, first_lag)
            m1, s1 = _baseline_stats(y, ks - 1, baseline, first_lag)
            c2_lag2 = (y[ks - 2] - m2) / np.maximum(s2, min_sigma)
            c2_lag1 = (y[ks - 1] - m1) / np.maximum(s1, min_sigma)
            excess = np.fmax(0.0, c2_lag2 - 1) + np.fmax(0.0, c2_lag1 - 1)
            excess = np.where(np.isnan(c2_lag2) | np.isnan(c2_lag1), np.nan, excess)
            upper = np.maximum(0.0, y[ks] + sigma * (z - excess))
            upper = np.where(np.isnan(excess) | np.isnan(upper), np.nan, upper)
        else:
            upper = mean + z * sigma
        score = (y[ks] - mean) / (upper - mean)
    result.expected[ks] = mean
    result.upper[ks] = upper
    result.score[ks] = score
    result.alarm[ks] = y[ks] > np.nan_to_num(upper, nan=np.inf)
    result.judged[ks] = True
    lags = np.arange(first_lag, first_lag + baseline)
    for k, bound in zip(ks, upper, strict=True):
        result.explanation[k] = PeriodExplanation(
            baseline_indices=tuple(int(j) for j in sorted(k - lags)),
            note="" if np.isfinite(bound) else "flat baseline: threshold undefined",
        )
    return result


def ears_c1(observed: ArrayLike, **params: Any) -> DetectionResult:
    """EARS C1 (``earsC(method = "C1")``)."""
    return ears(observed, method="C1", **params)


def ears_c2(observed: ArrayLike, **params: Any) -> DetectionResult:
    """EARS C2 (``earsC(method = "C2")``)."""
    return ears(observed, method="C2", **params)


def ears_c3(observed: ArrayLike, **params: Any) -> DetectionResult:
    """EARS C3 (``earsC(method = "C3")``)."""
    return ears(observed, method="C3", **params)
