"""Negative binomial GLR CUSUM for an increase of the intercept (Hoehle and Paul 2008).

Mirrors ``surveillance::algo.glrnb`` 1.20 with ``change = "intercept"``, ``theta = NULL``,
``alpha > 0`` (the C routine ``glr_nb_window``): for each time ``n`` the GLR statistic
``max_k l_{n,k}`` over change points ``k`` (all of them when ``M = -1``, the last ``M`` otherwise,
at least ``Mtilde`` observations after the change), where the change ``kappa`` is the ML estimate
found by Fisher scoring (R's tolerances: |step| <= 1e-6, stop below -18, 1000 iterations) and
clipped to ``kappa >= 0`` (``dir = "inc"``) or ``<= 0`` (``dir = "dec"``). An alarm is raised
when the statistic reaches ``c_ARL``; the chart then restarts after the alarm, as R does.

``alpha = 0`` (the Poisson GLR) uses the closed form ``kappa = log(sum x / sum mu0)``; it is not
covered by the R fixtures. ``mu0`` defaults to our estimate (see :func:`estimate_mu0`), which
approximates R's default ``glm.nb`` fit of ``y ~ 1 + cos(2 pi t / p) + sin(2 pi t / p)``.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike
from scipy import optimize, special

from ._deadline import check
from ._glm import fit_log_glm
from .result import DetectionResult, FloatArray, PeriodExplanation, as_counts

MIN_TRAINING = 8
_builtin_range = range


def _lnk(
    kappa: FloatArray, x: FloatArray, mu: FloatArray, mask: FloatArray, a: float
) -> FloatArray:
    e = np.exp(kappa)[:, None]
    if a == 0.0:
        terms = kappa[:, None] * x - (e - 1.0) * mu
    else:
        terms = kappa[:, None] * x + (x + 1.0 / a) * np.log((1 + a * mu) / (1 + a * mu * e))
    return np.asarray((mask * terms).sum(axis=1), dtype=np.float64)


def _kappa_ml(
    x: FloatArray, mu: FloatArray, mask: FloatArray, a: float, d: int, start: FloatArray
) -> FloatArray:
    """Fisher scoring for the change ``kappa`` of each window (rows of ``mask``)."""
    if a == 0.0:
        with np.errstate(divide="ignore"):
            kappa = np.log((mask * x).sum(axis=1) / (mask * mu).sum(axis=1))
        return np.asarray(d * np.maximum(0.0, d * kappa), dtype=np.float64)
    kappa = start.copy()
    old = np.full(mask.shape[0], 0.4)
    for _ in range(1000):
        check()
        act = (kappa > -18) & (np.abs(kappa - old) > 1e-6)
        if not act.any():
            break
        e = np.exp(kappa[act])[:, None]
        m, xs, mu_e = mask[act], x[None, :], mu[None, :] * e
        score = (m * (xs - mu_e) / (1 + a * mu_e)).sum(axis=1)
        fisher = e[:, 0] * (m * mu[None, :] * (a * xs + 1) / (1 + a * mu_e) ** 2).sum(axis=1)
        old[act] = kappa[act]
        kappa[act] = kappa[act] + score / fisher
    return np.asarray(d * np.maximum(0.0, d * kappa), dtype=np.float64)


def _glr_window(
    x: FloatArray, mu0: FloatArray, a: float, mtilde: int, m_window: int, c_arl: float, d: int
) -> tuple[int, FloatArray]:
    """One run of the chart: (1-based alarm position or len + 1, statistic per time).

    R loops over times ``n`` and, within one ``n``, over change points ``k`` in order, starting
    each Fisher scoring at the previous ``k``'s clipped estimate (0.5 for the first). That warm
    start matters (scoring from a poor start can run off below -18), so we keep the order over
    ``k`` and vectorise over ``n`` instead: step ``j`` handles ``k = low(n) + j`` for every ``n``.
    """
    size = x.shape[0]
    vals = np.zeros(size)
    ns = np.arange(max(mtilde - 1, 0), size)
    if ns.size == 0:
        return size + 1, vals
    low = np.zeros_like(ns) if m_window == -1 else np.maximum(0, ns - m_window)
    up = ns - (mtilde - 1)
    kappa_ml = np.full(ns.size, 0.5)
    best = np.full(ns.size, -1e99)
    cols = np.arange(size)
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        for j in range(int(np.max(up - low)) + 1):
            check()
            act = np.flatnonzero(low + j <= up)
            ks, nn = low[act] + j, ns[act]
            c0, c1 = int(ks.min()), int(nn.max()) + 1
            mask = ((cols[c0:c1] >= ks[:, None]) & (cols[c0:c1] <= nn[:, None])).astype(float)
            xs, mus = x[c0:c1], mu0[c0:c1]
            kappa = _kappa_ml(xs, mus, mask, a, d, kappa_ml[act])
            kappa_ml[act] = kappa
            best[act] = np.maximum(best[act], _lnk(kappa, xs, mus, mask, a))
    vals[ns] = best
    hits = np.flatnonzero(best >= c_arl)
    if hits.size:
        n = int(ns[hits[0]])
        vals[n + 1 :] = 0.0
        return n + 1, vals
    return size + 1, vals


def _nb_theta(y: FloatArray, mu: FloatArray) -> float:
    """ML estimate of the NB size given the means (as MASS::theta.ml), inf if none."""

    def score(log_th: float) -> float:
        th = np.exp(log_th)
        return float(
            np.sum(
                special.digamma(th + y) - special.digamma(th) + np.log(th) + 1
                - np.log(th + mu) - (y + th) / (th + mu)
            )
        )  # fmt: skip

    lo, hi = np.log(1e-3), np.log(1e6)
    if score(hi) > 0:
        return float("inf")
    if score(lo) < 0:
        return 1e-3
    return float(np.exp(optimize.brentq(score, lo, hi)))


def estimate_mu0(
    train: FloatArray, frequency: int, alpha: float | None
) -> tuple[FloatArray, float]:
    """Fit ``y ~ 1 + cos + sin`` (one harmonic, no trend) on the training periods.

    ``alpha`` None: NB GLM with the dispersion estimated by alternating IRLS and the ML size
    (``glm.nb``-like; alpha floored at 1e-6 for Poisson-like data). Returns ``(coef, alpha)``.
    """
    t = np.arange(1, train.shape[0] + 1, dtype=np.float64)
    x = _harmonics(t, frequency)[None]
    y, pw = train[None], np.ones((1, train.shape[0]))
    a = 0.0 if alpha is None else alpha
    fit = fit_log_glm(y, x, pw, alpha=a)
    if alpha is None:
        for _ in range(10):
            theta = _nb_theta(train, fit.mu[0])
            new_a = max(1.0 / theta, 1e-6)
            if abs(new_a - a) <= 1e-6 * max(a, 1e-6):
                break
            a = new_a
            fit = fit_log_glm(y, x, pw, alpha=a)
    return fit.beta[0], a


def _harmonics(t: FloatArray, frequency: int) -> FloatArray:
    w = 2 * np.pi * t / frequency
    return np.column_stack([np.ones_like(t), np.cos(w), np.sin(w)])


def glrnb(
    observed: ArrayLike,
    *,
    mu0: ArrayLike | None = None,
    alpha: float | None = None,
    c_ARL: float = 5.0,
    M: int = -1,
    Mtilde: int = 1,
    change: str = "intercept",
    theta: float | None = None,
    dir: str = "inc",
    ret: str = "value",
    range: ArrayLike | None = None,
    frequency: int = 52,
) -> DetectionResult:
    """GLR-NB CUSUM; ``range`` (0-based) defaults to all periods after the training window.

    Without ``mu0``, the training window is everything before ``range`` (default: the first
    ``min(2 * frequency, n // 2)`` periods, at least 8). ``upper`` holds the GLR statistic
    (R's ``upperbound`` with ``ret = "value"``); ``score`` is the statistic over ``c_ARL``.
    """
    if change != "intercept" or theta is not None:
        raise NotImplementedError("only change='intercept' with theta=None is implemented")
    if ret != "value":
        raise NotImplementedError("only ret='value' is implemented")
    if dir not in ("inc", "dec"):
        raise ValueError("dir must be 'inc' or 'dec'")
    y = as_counts(observed)
    n = y.shape[0]
    if range is None:
        start = min(2 * frequency, n // 2) if mu0 is None else n - np.size(mu0)
        ks = np.arange(max(start, MIN_TRAINING if mu0 is None else 0), n)
    else:
        ks = np.asarray(range, dtype=int)
    params: dict[str, object] = {"c_ARL": c_ARL, "M": M, "Mtilde": Mtilde, "dir": dir}
    result = DetectionResult.empty("glrnb", y, params)
    if ks.size == 0 or (mu0 is None and ks[0] < MIN_TRAINING):
        return result
    if mu0 is None:
        coef, a = estimate_mu0(y[: ks[0]], frequency, alpha)
        mu = np.exp(_harmonics(ks.astype(np.float64) + 1, frequency) @ coef)
    else:
        mu = np.asarray(mu0, dtype=np.float64)
        a = 0.0 if alpha is None else float(alpha)
    params["alpha"] = a
    d = 1 if dir == "inc" else -1
    x = y[ks]
    stat, alarm = np.zeros(ks.size), np.zeros(ks.size, dtype=bool)
    done = 0
    while done < ks.size:
        pos, vals = _glr_window(x[done:], mu[done:], a, Mtilde, M, c_ARL, d)
        take = min(pos, ks.size - done)
        stat[done : done + take] = vals[:take]
        if pos <= ks.size - done:
            alarm[done + pos - 1] = True
        done += take
    stat = np.maximum(np.nan_to_num(stat, nan=0.0), 0.0)
    result.expected[ks], result.upper[ks] = mu, stat
    result.score[ks], result.alarm[ks], result.judged[ks] = stat / c_ARL, alarm, True
    training = tuple(_builtin_range(int(ks[0]))) if mu0 is None else ()
    for k in ks:
        result.explanation[k] = PeriodExplanation(baseline_indices=training)
    return result
