"""Batched IRLS for log-link count GLMs, mirroring R's ``glm.fit``.

Many small regressions (one per judged period) are fitted at once: the inputs are stacks of
shape ``(B, n, p)``. Rows with a prior weight of 0 are padding and are ignored exactly as R
ignores zero-weight observations. The algorithm follows ``stats::glm.fit`` step by step so that
the iteration count, the convergence flag and the final working weights (used by R for the
dispersion, the covariance, the hat values and ``predict(se.fit=TRUE)``) are the same:

* start at ``mu = y + 0.1`` (the poisson / quasipoisson ``initialize``; MASS's negative
  binomial family starts at ``y + (y == 0) / 6``),
* at most 25 iterations, converged when ``|dev - devold| / (|dev| + 0.1) < 1e-8``,
* the covariance and the hat values use the working weights of the last iteration,
  i.e. computed *before* the final coefficient update, as R does.

``alpha`` > 0 gives the negative binomial variance ``mu + alpha * mu^2`` (MASS's
``negative.binomial(theta = 1 / alpha)``); ``alpha = 0`` gives (quasi-)Poisson.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from ._deadline import check

FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]

EPSILON = 1e-8
MAXIT = 25


@dataclass
class GlmFit:
    """The state of a batch of fitted GLMs (leading axis: the batch)."""

    beta: FloatArray  # (B, p)
    mu: FloatArray  # (B, n) fitted means
    working_weights: FloatArray  # (B, n) prior * mu / V-factor of the last iteration
    cov_unscaled: FloatArray  # (B, p, p) inverse of X'WX
    dispersion: FloatArray  # (B,) Pearson chi^2 / residual df (R's summary.glm)
    df_residual: NDArray[np.int64]  # (B,)
    converged: BoolArray  # (B,)


def _deviance(y: FloatArray, mu: FloatArray, pw: FloatArray, alpha: float) -> FloatArray:
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        if alpha == 0.0:
            ylogy = np.where(y > 0, y * np.log(np.where(y > 0, y, 1.0) / mu), 0.0)
            dev = 2.0 * pw * (ylogy - (y - mu))
        else:
            theta = 1.0 / alpha
            ylogy = np.where(y > 0, y * np.log(np.where(y > 0, y, 1.0) / mu), 0.0)
            dev = 2.0 * pw * (ylogy - (y + theta) * np.log((y + theta) / (mu + theta)))
    return np.asarray(dev.sum(axis=-1), dtype=np.float64)


def _solve(a: FloatArray, b: FloatArray) -> tuple[FloatArray, BoolArray]:
    """Solve the stacked systems; singular ones come back as NaN with ok=False."""
    ok = np.ones(a.shape[0], dtype=bool)
    try:
        return np.asarray(np.linalg.solve(a, b[..., None])[..., 0], dtype=np.float64), ok
    except np.linalg.LinAlgError:
        out = np.full(b.shape, np.nan)
        for i in range(a.shape[0]):
            try:
                out[i] = np.linalg.solve(a[i], b[i])
            except np.linalg.LinAlgError:
                ok[i] = False
        return out, ok


def fit_log_glm(
    y: FloatArray, x: FloatArray, prior_weights: FloatArray, alpha: float = 0.0
) -> GlmFit:
    """Fit ``B`` log-link GLMs by IRLS exactly as ``glm.fit`` does (see module docstring)."""
    bsz, n, p = x.shape
    pw = prior_weights
    good = pw > 0
    # A column that is zero on every used row (a factor level with no data) is left out of the
    # model as R's glm leaves out an absent level: a 1 on its diagonal gives it coefficient 0
    # and leaves the other coefficients, and their covariance, unchanged.
    absent = ~np.any((x != 0) & good[..., None], axis=1)
    eye = absent[:, :, None] * np.eye(p)[None]
    # poisson/quasipoisson initialize: y + 0.1; MASS::negative.binomial: y + (y == 0) / 6
    mu = y + 0.1 if alpha == 0.0 else y + (y == 0) / 6.0
    eta = np.log(mu)
    devold = _deviance(y, mu, pw, alpha)
    beta = np.zeros((bsz, p))
    wlast = np.zeros((bsz, n))
    converged = np.zeros(bsz, dtype=bool)
    active = np.ones(bsz, dtype=bool)
    for _ in range(MAXIT):
        check()
        idx = np.flatnonzero(active)
        if idx.size == 0:
            break
        mu_a, eta_a, y_a, x_a = mu[idx], eta[idx], y[idx], x[idx]
        z = eta_a + (y_a - mu_a) / mu_a
        w2 = np.where(good[idx], pw[idx] * mu_a / (1.0 + alpha * mu_a), 0.0)
        xtw = x_a.transpose(0, 2, 1) * w2[:, None, :]
        b_new, ok = _solve(xtw @ x_a + eye[idx], np.einsum("bpn,bn->bp", xtw, z))
        eta_new = np.einsum("bnp,bp->bn", x_a, b_new)
        with np.errstate(over="ignore"):
            mu_new = np.exp(eta_new)
        dev = _deviance(y_a, mu_new, pw[idx], alpha)
        finite = ok & np.isfinite(dev) & np.all(np.isfinite(mu_new) & (mu_new > 0), axis=1)
        beta[idx], eta[idx], mu[idx], wlast[idx] = b_new, eta_new, mu_new, w2
        conv_now = finite & (np.abs(dev - devold[idx]) / (np.abs(dev) + 0.1) < EPSILON)
        devold[idx] = dev
        converged[idx[conv_now]] = True
        active[idx[conv_now | ~finite]] = False
    xtw = x.transpose(0, 2, 1) * wlast[:, None, :]
    xtwx = xtw @ x + eye
    try:
        cov = np.asarray(np.linalg.inv(xtwx), dtype=np.float64)
    except np.linalg.LinAlgError:
        cov = np.asarray(np.linalg.pinv(xtwx), dtype=np.float64)
    df = good.sum(axis=1) - (p - absent.sum(axis=1))
    with np.errstate(divide="ignore", invalid="ignore"):
        pearson = np.where(good, wlast * ((y - mu) / mu) ** 2, 0.0).sum(axis=1)
        dispersion = np.where(df > 0, pearson / np.maximum(df, 1), np.nan)
    return GlmFit(beta, mu, wlast, cov, dispersion, df.astype(np.int64), converged)


def hat_values(fit: GlmFit, x: FloatArray) -> FloatArray:
    """Diagonal of the weighted hat matrix, as ``hatvalues()`` of a glm."""
    quad = np.einsum("bnp,bpq,bnq->bn", x, fit.cov_unscaled, x)
    return np.asarray(fit.working_weights * quad, dtype=np.float64)


def link_prediction(
    fit: GlmFit, x0: FloatArray, dispersion: FloatArray
) -> tuple[FloatArray, FloatArray]:
    """Linear predictor and its standard error (``predict.glm(type="link", se.fit=TRUE)``)."""
    eta = np.einsum("bp,bp->b", x0, fit.beta)
    var = np.einsum("bp,bpq,bq->b", x0, fit.cov_unscaled, x0) * dispersion
    with np.errstate(invalid="ignore"):
        return eta, np.sqrt(var)
