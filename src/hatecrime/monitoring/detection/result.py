"""The result type shared by every detection method, and input normalisation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import ArrayLike, NDArray

FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]
DateLike = dt.date | np.datetime64 | str


@dataclass(frozen=True)
class PeriodExplanation:
    """Why a period got its expected value and threshold.

    ``baseline_indices`` are positions in the input series used as the baseline (for
    Farrington: the reference windows; for EARS: the lagged window; for GLR: the training
    window that gave ``mu0``). ``downweighted_indices`` are baseline positions whose Anscombe
    residual exceeded ``weights_threshold`` (Farrington only). ``note`` says, in words, anything
    that changed the outcome (e.g. the ``limit54`` rule suppressed the alarm). ``method`` is set
    by ``detect(method="auto")``, which may judge early periods with another method.
    """

    baseline_indices: tuple[int, ...] = ()
    baseline_dates: tuple[dt.date, ...] = ()
    trend_used: bool = False
    downweighted_indices: tuple[int, ...] = ()
    note: str = ""
    method: str = ""  # the method that judged this period (differs per period under ``auto``)


@dataclass
class DetectionResult:
    """Per-period output, every array aligned with the input series.

    * ``expected``: the baseline expectation (NaN where not judged).
    * ``upper``: the alarm threshold on the count scale (NaN where not judged). Farrington
      reports it even where ``limit54`` suppresses the alarm (R blanks it there).
      For ``glrnb`` it is what R returns as ``upperbound`` with ``ret="value"``: the GLR statistic.
    * ``alarm``: True where the method signals.
    * ``score``: the method's own score, > 1 (``>= 1`` for GLR) meaning "above threshold";
      see docs/detection.md for the definition per method.
    * ``judged``: True where the period had enough history and a model could be fitted.
    """

    method: str
    observed: FloatArray
    expected: FloatArray
    upper: FloatArray
    alarm: BoolArray
    score: FloatArray
    judged: BoolArray
    explanation: list[PeriodExplanation | None]
    params: dict[str, object] = field(default_factory=dict)

    @classmethod
    def empty(cls, method: str, observed: FloatArray, params: dict[str, object]) -> DetectionResult:
        n = observed.shape[0]
        return cls(
            method=method,
            observed=observed,
            expected=np.full(n, np.nan),
            upper=np.full(n, np.nan),
            alarm=np.zeros(n, dtype=bool),
            score=np.full(n, np.nan),
            judged=np.zeros(n, dtype=bool),
            explanation=[None] * n,
            params=params,
        )


def as_counts(observed: ArrayLike) -> FloatArray:
    """Validate a 1-d series of non-negative counts and return it as float64."""
    y = np.asarray(observed, dtype=np.float64)
    if y.ndim != 1:
        raise ValueError("observed must be one-dimensional")
    if not np.all(np.isfinite(y)) or np.any(y < 0):
        raise ValueError("observed must be finite non-negative counts")
    return y


def as_dates(dates: Sequence[DateLike] | ArrayLike | None, n: int) -> list[dt.date] | None:
    """Normalise dates to ``datetime.date`` (or None); length must match the series."""
    if dates is None:
        return None
    days = np.asarray(dates, dtype="datetime64[D]")
    if days.shape != (n,):
        raise ValueError("dates must have the same length as observed")
    return [d.astype(dt.date) for d in days]
