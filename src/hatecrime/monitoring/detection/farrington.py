"""Farrington-flexible outbreak detection (Noufaily et al. 2013), as R ``farringtonFlexible``.

A port of ``surveillance::farringtonFlexible`` 1.20 and its helpers
(``algo.farrington.glm``, ``algo.farrington.fitGLM.flexible``, ``anscombe.residuals``,
``algo.farrington.assign.weights``, ``algo.farrington.threshold.farrington`` and
``algo.farrington.threshold.noufaily``). All judged periods of a series are fitted together by
the batched IRLS in :mod:`._glm`. See docs/detection.md and docs/adr/0100-detection-engine.md.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike
from scipy import stats

from ._glm import BoolArray, FloatArray, GlmFit, fit_log_glm, hat_values, link_prediction
from ._reference import Baseline, baseline_for
from .result import DateLike, DetectionResult, PeriodExplanation, as_counts, as_dates

THRESHOLD_METHODS = ("delta", "nbPlugin", "muan")
POWERS = {"none": 1.0, "1/2": 0.5, "2/3": 2.0 / 3.0}


def _design(bases: list[Baseline], no_periods: int) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Stack padded designs ``[1, wtime, level 2.., level p]`` and the prediction rows."""
    nmax = max(len(base.indices) for base in bases)
    ncol = 2 + (no_periods - 1)
    x = np.zeros((len(bases), nmax, ncol))
    x0 = np.zeros((len(bases), ncol))
    mask = np.zeros((len(bases), nmax))
    for i, base in enumerate(bases):
        m = len(base.indices)
        x[i, :m, 0] = 1.0
        x[i, :m, 1] = base.wtime
        # R's factor has only the levels present, the lowest as reference: a level with no rows
        # (a block inside the left-out recent periods) is an all-zero column, which the fit
        # treats as absent (see _glm), and the reference level gets no column.
        reference = int(base.groups.min())
        for level in range(max(2, reference + 1), no_periods + 1):
            x[i, :m, level] = base.groups == level
        mask[i, :m] = 1.0
        x0[i, 0], x0[i, 1] = 1.0, base.wtime_now
        if no_periods > 1 and reference < no_periods:
            x0[i, no_periods] = 1.0
    return x, x0, mask


def _flexible_fit(
    y: FloatArray, x: FloatArray, mask: FloatArray, reweight: bool, threshold: float
) -> tuple[GlmFit, FloatArray, FloatArray, BoolArray, FloatArray]:
    """``algo.farrington.fitGLM.flexible``: fit, floor phi at 1, reweight, refit.

    Returns the fit, phi, the Anscombe residuals, the convergence flag (of the first,
    unweighted fit: R checks only that one) and the dispersion that R's later
    ``summary.glm`` / ``predict.glm(se.fit=TRUE)`` calls use. With reweighting R overwrites
    ``model$weights`` (the working weights) by the prior weights ``omega``, so those calls see
    ``sum(omega * ((y - mu) / mu)^2) / df`` rather than the Pearson statistic; we reproduce it.
    """
    fit = first = fit_log_glm(y, x, mask)
    phi = np.fmax(fit.dispersion, 1.0)
    resid = np.zeros_like(y)
    if reweight:
        h = hat_values(fit, x)
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            a = 1.5 * (y ** (2.0 / 3.0) * fit.mu ** (-1.0 / 6.0) - np.sqrt(fit.mu))
            resid = a / np.sqrt(phi[:, None] * (1.0 - h))
            high = (resid > threshold) & (mask > 0)
            inv2 = np.where(high, resid**-2.0, 1.0)
        gamma = mask.sum(axis=1) / np.where(mask > 0, inv2, 0.0).sum(axis=1)
        omega = gamma[:, None] * inv2 * mask
        fit = fit_log_glm(y, x, omega)
        phi = np.fmax(fit.dispersion, 1.0)
        with np.errstate(divide="ignore", invalid="ignore"):
            chi = (omega * ((y - fit.mu) / fit.mu) ** 2).sum(axis=1)
        se_disp = np.where(fit.df_residual > 0, chi / np.maximum(fit.df_residual, 1), np.nan)
        return fit, phi, resid, first.converged, se_disp
    return fit, phi, resid, first.converged, fit.dispersion


def _threshold(
    method: str,
    eta: FloatArray,
    se_eta: FloatArray,
    phi: FloatArray,
    y: FloatArray,
    alpha: float,
    power: float,
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Upper bound, score and expected value as R's two threshold functions compute them."""
    z = stats.norm.ppf(1.0 - alpha)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        if method == "delta":
            mu = np.exp(eta)
            se_mu = se_eta * mu
            tau = phi + se_mu**2 / mu
            se = (
                np.sqrt(mu * tau)
                if power == 1.0
                else (
                    np.sqrt(0.25 * tau)
                    if power == 0.5
                    else np.sqrt(4.0 / 9.0 * mu ** (1 / 3) * tau)
                )
            )
            upper = (mu**power + z * se) ** (1.0 / power)
            score = (y - mu) / (upper - mu)
            return upper, score, mu
        mu_q = np.exp(eta) if method == "nbPlugin" else np.exp(eta + z * se_eta)
        upper = count_quantile(1.0 - alpha, mu_q, phi)
        score = (y - eta) / (upper - eta)  # sic: R uses the linear predictor here
        return upper, score, np.exp(eta)


# Above this mean the quantile is taken from the normal approximation: scipy's discrete search
# steps by 1, and past 2**53 a step no longer changes a float64, so nbinom.ppf never returns
# (seen on sparse series with the muan threshold, where exp(eta + z se) is ~1e17 or more).
# At such means the normal quantile is exact to far better than R's 8 significant digits.
EXACT_QUANTILE_MAX_MEAN = 1e12


def count_quantile(q: float, mean: FloatArray, phi: FloatArray) -> FloatArray:
    """R's ``qnbinom(q, size = mean / (phi - 1), mu = mean)`` (``qpois`` where ``phi <= 1``).

    Never hangs: NaN for a non-finite mean, 0 for a zero mean, and the normal approximation
    ``ceil(mean + z sqrt(phi mean))`` for means above ``EXACT_QUANTILE_MAX_MEAN``.
    """
    mean = np.asarray(mean, dtype=np.float64)
    phi = np.broadcast_to(np.asarray(phi, dtype=np.float64), mean.shape)
    out = np.full(mean.shape, np.nan)
    finite = np.isfinite(mean) & np.isfinite(phi)
    out[finite & (mean <= 0)] = 0.0
    huge = finite & (mean > EXACT_QUANTILE_MAX_MEAN)
    z = stats.norm.ppf(q)
    out[huge] = np.ceil(mean[huge] + z * np.sqrt(np.fmax(phi[huge], 1.0) * mean[huge]))
    exact = finite & (mean > 0) & ~huge
    nb = exact & (phi > 1.0)
    out[nb] = stats.nbinom.ppf(q, mean[nb] / (phi[nb] - 1.0), 1.0 / phi[nb])
    pois = exact & ~(phi > 1.0)
    out[pois] = stats.poisson.ppf(q, mean[pois])
    return out


def farrington_flexible(
    observed: ArrayLike,
    dates: Sequence[DateLike] | ArrayLike | None = None,
    *,
    frequency: int = 52,
    b: int = 5,
    w: int = 3,
    reweight: bool = True,
    weights_threshold: float = 2.58,
    alpha: float = 0.05,
    trend: bool = True,
    p_threshold_trend: float = 0.05,
    limit54: tuple[int, int] = (5, 4),
    powertrans: str = "2/3",
    no_periods: int = 1,
    past_weeks_not_included: int | None = None,
    threshold_method: str = "delta",
    range: ArrayLike | None = None,
) -> DetectionResult:
    """Run Farrington-flexible on one series of counts; defaults are R's."""
    if threshold_method not in THRESHOLD_METHODS:
        raise ValueError(f"threshold_method must be one of {THRESHOLD_METHODS}")
    if powertrans not in POWERS:
        raise ValueError(f"powertrans must be one of {tuple(POWERS)}")
    if not (limit54[0] >= 0 and limit54[1] > 0):
        raise ValueError("limit54: cases >= 0 and periods > 0")
    y = as_counts(observed)
    n = y.shape[0]
    days = as_dates(dates, n)
    pwni = w if past_weeks_not_included is None else past_weeks_not_included
    params: dict[str, object] = {
        "frequency": frequency, "b": b, "w": w, "reweight": reweight,
        "weights_threshold": weights_threshold, "alpha": alpha, "trend": trend,
        "p_threshold_trend": p_threshold_trend, "limit54": limit54, "powertrans": powertrans,
        "no_periods": no_periods, "past_weeks_not_included": pwni,
        "threshold_method": threshold_method,
    }  # fmt: skip
    result = DetectionResult.empty("farrington_flexible", y, params)
    ks = np.arange(frequency * b + w, n) if range is None else np.asarray(range, dtype=int)
    date_index = None if days is None else {d: i for i, d in enumerate(days)}
    judged_k: list[int] = []
    bases: list[Baseline] = []
    for k in ks:
        base = baseline_for(
            int(k), n, b=b, w=w, frequency=frequency, no_periods=no_periods,
            past_weeks_not_included=pwni, dates=days, date_index=date_index,
        )  # fmt: skip
        if isinstance(base, str):
            result.explanation[k] = PeriodExplanation(note=base)
            continue
        if len(base.indices) < len(np.unique(base.groups)) + 2:
            note = f"too few baseline periods ({len(base.indices)}) to fit the model"
            result.explanation[k] = PeriodExplanation(note=note)
            continue
        judged_k.append(int(k))
        bases.append(base)
    if not bases:
        return result
    kk = np.array(judged_k)
    x, x0, mask = _design(bases, no_periods)
    yb = np.zeros(mask.shape)
    for i, base in enumerate(bases):
        yb[i, : len(base.indices)] = y[base.indices]
    notrend = np.delete(np.arange(x.shape[2]), 1)
    nb = len(bases)
    eta, se_eta, phi = np.full(nb, np.nan), np.full(nb, np.nan), np.full(nb, np.nan)
    resid, ok, use_trend = np.zeros(mask.shape), np.zeros(nb, bool), np.zeros(nb, bool)
    todo = np.ones(nb, dtype=bool)
    if trend:
        fit, ph, rs, conv, disp = _flexible_fit(yb, x, mask, reweight, weights_threshold)
        e0, s0 = link_prediction(fit, x0, disp)
        with np.errstate(divide="ignore", invalid="ignore"):
            t = fit.beta[:, 1] / np.sqrt(fit.cov_unscaled[:, 1, 1] * disp)
        pval = 2.0 * stats.t.sf(np.abs(t), np.maximum(fit.df_residual, 1))
        ymax = np.where(mask > 0, yb, -np.inf).max(axis=1)
        with np.errstate(over="ignore"):
            keep = conv & (b >= 3) & (pval < p_threshold_trend) & (np.exp(e0) <= ymax)
        eta[keep], se_eta[keep], phi[keep], resid[keep] = e0[keep], s0[keep], ph[keep], rs[keep]
        ok[keep] = use_trend[keep] = True
        todo = ~keep
    if todo.any():
        sub = np.flatnonzero(todo)
        fit, ph, rs, conv, disp = _flexible_fit(
            yb[sub], x[sub][:, :, notrend], mask[sub], reweight, weights_threshold
        )
        e0, s0 = link_prediction(fit, x0[sub][:, notrend], disp)
        eta[sub], se_eta[sub], phi[sub], resid[sub], ok[sub] = e0, s0, ph, rs, conv
    power = POWERS[powertrans]
    upper, score, expected = _threshold(threshold_method, eta, se_eta, phi, y[kk], alpha, power)
    cases, periods = limit54
    csum = np.concatenate([[0.0], np.cumsum(y)])
    recent = csum[kk + 1] - csum[np.maximum(kk + 1 - periods, 0)]
    enough = recent >= cases
    alarm = ok & enough & (score > 1) & (y[kk] != 0)
    result.judged[kk] = ok
    result.expected[kk] = np.where(ok, expected, np.nan)
    result.upper[kk] = np.where(ok, upper, np.nan)
    result.score[kk] = np.where(ok, score, np.nan)
    result.alarm[kk] = alarm
    for i, k in enumerate(kk):
        base = bases[i]
        notes = []
        if not ok[i]:
            notes.append("the GLM did not converge; no result (as in R)")
        elif not enough[i]:
            notes.append(f"fewer than {cases} cases in the last {periods} periods: no alarm")
        high: list[int] = (
            base.indices[resid[i, : len(base.indices)] > weights_threshold].tolist()
            if reweight
            else []
        )
        result.explanation[k] = PeriodExplanation(
            baseline_indices=tuple(int(j) for j in base.indices),
            baseline_dates=() if days is None else tuple(days[j] for j in base.indices),
            trend_used=bool(use_trend[i]),
            downweighted_indices=tuple(int(j) for j in high),
            note="; ".join(notes),
        )
    return result
