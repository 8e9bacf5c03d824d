"""A count GLM with a trend or a level shift, for periods with little history (ADR 0900).

For each judged period ``t`` the model is fitted to every earlier period of the series (at most
``window``, default one year plus ``w``), leaving out the ``guard`` periods just before ``t``.
Three log-linear Poisson models are compared:

* a constant level;
* a level shift: one level before a change point ``s`` and another from ``s`` on (every ``s``
  with at least ``min_side`` periods on each side is tried; the MLE is closed form);
* a linear trend on the log scale (IRLS), used only when its prediction for ``t`` stays within
  the highest count in the window (Farrington's rule against wild extrapolation).

The model with the smallest ``deviance / phi + penalty`` is kept (penalty: ``log(n)`` per
parameter, and one more ``log(n)`` for choosing the change point), where ``phi`` is the
Pearson dispersion of the richest model (at least 1). Periods whose standardised residual
exceeds ``reweight_threshold`` (past outbreaks) are then left out and the kept model refitted
once. With less than a year of history (fewer than ``frequency`` periods fitted), a level shift
or trend that predicts *below* the constant level is not followed: the constant model is used
instead (its mean, its dispersion). A fall seen in part of a year cannot be told from a season's
downswing, which comes back; an expectation set too low makes false alarms, one set too high
only costs sensitivity, so rises are still followed (ADR 0903). With a year or more (the recent
level check of ``auto``), falls are followed. The threshold ``U`` is the ``1 - alpha`` quantile
of the predictive distribution (:func:`predictive_quantile`): a count with variance ``phi``
times its mean (negative binomial), whose mean is the fitted one times ``exp(e)``,
``e ~ N(0, phi * v)``, ``v`` the Poisson variance of the fitted log mean (quasi-Poisson: an
overdispersed history pins the level down less well than a Poisson one). ``alarm = y_t > U``;
``score = (y_t - mu) / (U - mu)``. Not an R method: it is what ``auto`` uses before a series
has a year of history (ADR 0900).
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
from numpy.typing import ArrayLike
from scipy import stats

from ._deadline import check
from .result import DetectionResult, FloatArray, PeriodExplanation, as_counts

MIN_HISTORY = 6  # periods of history before the first judged period
GUARD = 1  # periods just before the judged one left out of its fit
MIN_SIDE = 3  # periods on each side of a level shift
TREND_MIN = 6  # periods in the window before a trend is tried
PHI_QUANTILE = 0.25
MAX_VAR_LOG, MAX_COUNT = 4.0, 200_000
PENALTY = 2.0


def _poisson_dev(y: FloatArray, mu: FloatArray) -> float:
    with np.errstate(divide="ignore", invalid="ignore"):
        term = np.where(y > 0, y * np.log(np.where(y > 0, y, 1.0) / mu), 0.0)
    return float(2.0 * np.sum(term - (y - mu)))


def _pearson(y: FloatArray, mu: FloatArray, params: int, cautious: bool = False) -> float:
    """Pearson dispersion (at least 1); ``cautious``: X^2 over the lower quartile of its
    chi^2 distribution instead of its mean, so a short history does not understate it."""
    df = y.shape[0] - params
    if df <= 0:
        return 1.0
    x2 = float(np.sum((y - mu) ** 2 / np.maximum(mu, 1e-9)))
    return max(1.0, x2 / (float(stats.chi2.ppf(PHI_QUANTILE, df)) if cautious else df))


def _trend_fit(y: FloatArray, x: FloatArray) -> tuple[FloatArray, FloatArray] | None:
    """Poisson log-linear trend by IRLS: (beta, unscaled covariance), or None if degenerate."""
    design = np.column_stack([np.ones_like(x), x])
    mu: FloatArray = y + 0.1
    eta: FloatArray = np.log(mu)
    beta: FloatArray = np.zeros(2)
    for _ in range(25):
        z = eta + (y - mu) / mu
        xtw = design.T * mu
        try:
            new = np.asarray(np.linalg.solve(xtw @ design, xtw @ z), dtype=np.float64)
        except np.linalg.LinAlgError:
            return None
        eta = design @ new
        if np.max(np.abs(eta)) > 30:
            return None
        mu = np.exp(eta)
        if np.max(np.abs(new - beta)) < 1e-8:
            beta = new
            break
        beta = new
    cov: FloatArray = np.asarray(np.linalg.pinv((design.T * mu) @ design), dtype=np.float64)
    return beta, cov


class _Fit:
    """One fitted model: the prediction at ``t`` and the variance of its log."""

    def __init__(self, kind: str, mu: FloatArray, params: int, mu_t: float, var_log: float,
                 shift_at: int | None = None) -> None:  # fmt: skip
        self.kind, self.mu, self.params = kind, mu, params
        self.mu_t, self.var_log, self.shift_at = mu_t, var_log, shift_at


def _fits(y: FloatArray, x: FloatArray, x_t: float, min_side: int) -> list[_Fit]:
    """The constant model, the best level shift and the trend, where each can be fitted."""
    n = y.shape[0]
    total = y.sum()
    out: list[_Fit] = []
    mean = total / n
    if mean <= 0:
        return [_Fit("constant", np.zeros(n), 1, 0.0, np.inf)]
    out.append(_Fit("constant", np.full(n, mean), 1, mean, 1.0 / total))
    if n >= 2 * min_side:
        # The best change point: the Poisson deviance of a two-level fit is, up to a constant,
        # -(S1 log(S1 / s) + S2 log(S2 / (n - s))), S1 and S2 the sums before and from s.
        csum = np.cumsum(y)
        cuts = np.arange(min_side, n - min_side + 1)
        before, after = csum[cuts - 1], total - csum[cuts - 1]
        ok = (before > 0) & (after > 0)
        if ok.any():
            with np.errstate(divide="ignore", invalid="ignore"):
                gain = before * np.log(before / cuts) + after * np.log(after / (n - cuts))
            s = int(cuts[ok][np.argmax(gain[ok])])
            level_before, level_after = csum[s - 1] / s, (total - csum[s - 1]) / (n - s)
            mu = np.concatenate([np.full(s, level_before), np.full(n - s, level_after)])
            out.append(_Fit("level shift", mu, 2, level_after, 1.0 / (total - csum[s - 1]),
                            shift_at=s))  # fmt: skip
    if n >= TREND_MIN:
        fitted = _trend_fit(y, x)
        if fitted is not None:
            beta, cov = fitted
            eta_t = beta[0] + beta[1] * x_t
            mu_t = float(np.exp(eta_t))
            if mu_t <= y.max():
                var = float(cov[0, 0] + 2 * x_t * cov[0, 1] + x_t**2 * cov[1, 1])
                out.append(_Fit("trend", np.exp(beta[0] + beta[1] * x), 2, mu_t, var))
    return out


def _choose(y: FloatArray, fits: list[_Fit]) -> tuple[_Fit, float]:
    n = y.shape[0]
    phi = min(_pearson(y, f.mu, f.params) for f in fits)
    penalty = PENALTY * np.log(max(n, 2))

    def score(f: _Fit) -> float:
        extra = penalty if f.kind == "level shift" else 0.0
        return _poisson_dev(y, f.mu) / phi + penalty * f.params + extra

    chosen = min(fits, key=score)
    return chosen, _pearson(y, chosen.mu, chosen.params, cautious=True)


_NODES, _WEIGHTS = np.polynomial.hermite_e.hermegauss(9)
_WEIGHTS = _WEIGHTS / _WEIGHTS.sum()


def predictive_quantile(mu: float, phi: float, var_log: float, level: float) -> float:
    """The ``level`` quantile of a count whose mean is ``mu * exp(e)``, ``e ~ N(0, var_log)``
    (the uncertainty of the fitted mean), and whose variance given the mean is ``phi * mean``
    (negative binomial; Poisson when ``phi`` is 1). Gauss-Hermite over ``e``."""
    # A fitted mean known to within a factor of e^2 (sd 2 on the log scale) or worse says
    # little: the spread is capped there, and so is the count scale searched.
    means = mu * np.exp(np.sqrt(min(max(var_log, 0.0), MAX_VAR_LOG)) * _NODES)
    top = int(min(np.ceil(means.max() * 3 + 10 * np.sqrt(phi * means.max()) + 10), MAX_COUNT))
    counts = np.arange(top + 1)[:, None]
    if phi > 1.0 + 1e-9:
        size = means / (phi - 1.0)
        cdf = stats.nbinom.cdf(counts, size, size / (size + means))
    else:
        cdf = stats.poisson.cdf(counts, means)
    mixed = cdf @ _WEIGHTS
    return float(np.searchsorted(mixed, level))


_KIND = re.compile(r"(?:^|; )(constant|level shift|trend) model on ")


def model_kind(note: str) -> str | None:
    """The model ``glm_shift`` kept for a period ("constant", "level shift" or "trend"), read
    from its note (also when ``auto`` has put its own note before it), or None."""
    found = _KIND.search(note)
    return found.group(1) if found else None


def glm_shift(
    observed: ArrayLike,
    *,
    alpha: float = 0.05,
    window: int | None = None,
    frequency: int = 52,
    w: int = 3,
    guard: int = GUARD,
    min_history: int = MIN_HISTORY,
    min_side: int = MIN_SIDE,
    reweight_threshold: float = 2.58,
    range: ArrayLike | None = None,
) -> DetectionResult:
    """Judge each period on its own recent history (module docstring); ``range``: positions."""
    if not 0 < alpha < 0.5:
        raise ValueError("alpha must be between 0 and 0.5")
    if min_history < 3:
        raise ValueError("min_history must be at least 3")
    y = as_counts(observed)
    n = y.shape[0]
    window = frequency + w if window is None else window
    params: dict[str, Any] = {"alpha": alpha, "window": window, "guard": guard,
                              "min_history": min_history}  # fmt: skip
    result = DetectionResult.empty("glm_shift", y, params)
    first = min_history + guard
    ks = np.arange(first, n) if range is None else np.asarray(range, dtype=int)
    ks = ks[(ks >= first) & (ks < n)]
    for k in ks:
        check()
        end = k - guard
        start = max(0, end - window)
        hist = y[start:end]
        x = np.arange(start, end, dtype=float) - k
        fits = _fits(hist, x, 0.0, min_side)
        chosen, phi = _choose(hist, fits)
        keep = np.ones(hist.shape[0], dtype=bool)
        constant, fitted = fits[0], hist
        if chosen.mu_t > 0 and hist.shape[0] > min_history:
            resid = (hist - chosen.mu) / np.sqrt(phi * np.maximum(chosen.mu, 1e-9))
            keep = resid <= reweight_threshold
            if not keep.all() and keep.sum() >= min_history:
                refits = _fits(hist[keep], x[keep], 0.0, min_side)
                refit = {f.kind: f for f in refits}
                again = refit.get(chosen.kind, refit["constant"])
                if again.mu_t > 0:
                    chosen, constant, fitted = again, refits[0], hist[keep]
                    phi = _pearson(hist[keep], again.mu, again.params, cautious=True)
        not_followed = ""
        if hist.shape[0] < frequency and constant.mu_t > chosen.mu_t:
            # Less than a year: a fall may be a season's downswing (module docstring).
            not_followed = (
                f" (the fall in level the {chosen.kind} model shows is not followed: "
                "less than a year of history)"
            )
            chosen = constant
            phi = _pearson(fitted, constant.mu, constant.params, cautious=True)
        mu = chosen.mu_t
        # The fitted mean's uncertainty is quasi-Poisson: the Poisson variance times phi
        # (an overdispersed history says less about the level than a Poisson one).
        var_log = chosen.var_log * phi
        upper = predictive_quantile(mu, phi, var_log, 1 - alpha) if mu > 0 else 0.0
        result.expected[k], result.upper[k] = mu, upper
        result.judged[k] = True
        result.alarm[k] = bool(y[k] > upper)
        result.score[k] = (y[k] - mu) / (upper - mu) if upper > mu else np.nan
        idx = tuple(int(i) for i in np.arange(start, end)[keep])
        note = f"{chosen.kind} model on {len(idx)} periods"
        if chosen.shift_at is not None:
            note += f" (level changed at period {start + chosen.shift_at + 1})"
        note += not_followed
        result.explanation[k] = PeriodExplanation(
            baseline_indices=idx,
            trend_used=chosen.kind == "trend",
            downweighted_indices=tuple(int(i) for i in np.arange(start, end)[~keep]),
            note=note,
            method="glm_shift",
        )
    return result
