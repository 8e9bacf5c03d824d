"""The season of past years times the level of the last year: one of ``auto``'s recent-level
checks of Farrington's alarms (ADR 0903).

For a judged period ``t`` with at least a year of history, a Poisson log-linear model is fitted
to the history (at most ``years`` years and ``w`` periods): one level per year counted back from
``t`` (so a trend or a level shift moves the levels, not the season) and one yearly harmonic
(a cosine and a sine). The season at ``t`` comes from that fit; the level is that of the last
``level_periods`` periods (``auto``: a year): their counts over what the season expected of
them. The count's variance is ``mu + mu^2 / k`` (negative binomial), ``1 / k`` estimated by
moments from the fit's residuals; the threshold is the ``1 - alpha`` quantile of that count
mixed over the uncertainty of the level (:func:`shift.predictive_quantile`). Not an R method.
"""

from __future__ import annotations

import numpy as np

from ._deadline import check
from ._glm import fit_log_glm
from .result import FloatArray
from .shift import predictive_quantile


def seasonal_level(
    y: FloatArray,
    k: int,
    *,
    frequency: int,
    alpha: float,
    level_periods: int,
    years: int = 5,
    w: int = 3,
) -> tuple[float, float] | None:
    """(expected, upper) for period ``k`` of ``y`` from its history, or None when the history
    is shorter than a year or holds no cases in the last ``level_periods`` periods."""
    check()
    start = max(0, k - years * frequency - w)
    if k - start < frequency + w:
        return None
    hist = np.asarray(y[start:k], dtype=np.float64)
    t = np.arange(start, k, dtype=np.float64)
    angle = 2 * np.pi / frequency
    season = np.column_stack([np.cos(angle * t), np.sin(angle * t)])
    season_k = np.array([np.cos(angle * k), np.sin(angle * k)])
    year = (k - 1 - np.arange(start, k)) // frequency
    blocks = np.column_stack([year == j for j in np.unique(year)]).astype(np.float64)
    fit = fit_log_glm(hist[None], np.column_stack([blocks, season])[None], np.ones((1, len(hist))))
    beta, mu = fit.beta[0], fit.mu[0]
    if not (fit.converged[0] and np.all(np.isfinite(beta))):
        return None
    gamma = beta[blocks.shape[1] :]
    level_periods = min(level_periods, hist.shape[0])
    recent = slice(hist.shape[0] - level_periods, hist.shape[0])
    cases = float(hist[recent].sum())
    if cases <= 0:
        return None
    level = cases / float(np.exp(season[recent] @ gamma).sum())
    expected = level * float(np.exp(season_k @ gamma))
    params = beta.shape[0]
    n = hist.shape[0]
    inverse_size = max(0.0, float(np.sum((hist - mu) ** 2 - mu) / np.sum(mu**2)) * n / (n - params))
    mean_recent = cases / level_periods
    var_log = (1.0 / mean_recent + inverse_size) / level_periods
    phi = 1.0 + expected * inverse_size
    return expected, predictive_quantile(expected, phi, var_log, 1 - alpha)
