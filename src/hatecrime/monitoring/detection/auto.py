"""One entry point; with ``method="auto"`` an operational rule chosen for sparse counts.

A method named explicitly runs exactly as R computes it (nothing added). ``method="auto"`` is an
operational rule built from R calls, chosen per period by the history that period has:

* **Farrington-flexible with the improved settings of Noufaily et al. (2013)** for every period
  with at least one year and ``w`` periods of history, with ``b`` = the number of whole years
  available, at most 5 (or the ``b`` passed): negative binomial threshold (``nbPlugin``), the
  latest 26 weeks / 6 months left out of the baseline, the rest of each year cut into seasonal
  blocks (``noPeriods`` 10 weekly, 4 monthly), reweighting on. Each such period gets exactly
  ``farringtonFlexible(b = that b, thresholdMethod = "nbPlugin", noPeriods = ...,
  pastWeeksNotIncluded = ...)``'s result (ADR 0470), except that an alarm is dropped when the
  period is not high against the series' recent level: the season of past years times the
  level of the last year (:mod:`.seasonal`, ADR 0903), and ``glm_shift`` on the last year
  (weekly; monthly where it found a level shift or trend, ADR 0900).
* **glm_shift** (a count GLM with a level shift or trend, :mod:`.shift`) for the periods before
  that, from the 8th (ADR 0900); ``early="ears_c2"`` gives EARS C2 at ``alpha / 5`` instead.
* **limit54** (no alarm when fewer than ``limit54[0]`` cases fell in the last ``limit54[1]``
  periods; default 5 in 4) for every period, whatever the method (Farrington has it already).
* **A minimum count**: no alarm unless the period holds at least ``min_count`` reports (3) and
  at least ``min_ratio`` (2) times the expected count, whatever the method.
* The first 7 periods of a series are not judged.

GLR-NB is not used by ``auto``: its plug-in ``mu0`` fitted on a short training window is biased
low on sparse series (often 0), and a CUSUM accumulates that bias into alarms. Why the rule and
what it does (measured false alarm and detection rates): docs/detection.md, ADR 0101.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from . import shift
from .ears import ears, ears_c1, ears_c2, ears_c3
from .farrington import farrington_flexible
from .glrnb import glrnb
from .result import DateLike, DetectionResult, FloatArray, PeriodExplanation, as_counts
from .seasonal import seasonal_level
from .shift import glm_shift, model_kind

METHODS = ("auto", "farrington_flexible", "glrnb", "ears_c1", "ears_c2", "ears_c3", "glm_shift")
EARLY_METHODS = ("glm_shift", "ears_c2")  # what auto uses before a year of history (ADR 0900)
MAX_B = 5
EARS_BASELINE, EARS_GUARD = 7, 2
EARS_ALPHA_SHARE = 5.0  # EARS runs at alpha / 5: see docs/detection.md (normal approximation)
EARS_MIN_SIGMA = 1.0
# The improved Farrington settings (Noufaily et al. 2013) auto uses, per frequency: seasonal
# blocks (noPeriods) and periods left out of the baseline (pastWeeksNotIncluded). Monthly: the
# 5 months between the +-3 month windows make 3 blocks (4 levels with the windows).
IMPROVED = {52: {"no_periods": 10, "past_weeks_not_included": 26},
            12: {"no_periods": 4, "past_weeks_not_included": 6}}  # fmt: skip
MIN_COUNT, MIN_RATIO = 3, 2.0
LEVEL_CHECK_ALPHA = 0.1  # the recent-level checks only veto what the last year explains well
THRESHOLD = "nbPlugin"  # the NB quantile at the expected count (Noufaily 2013): ADR 0470
_builtin_range = range


def auto_method(
    n: int, frequency: int, *, b: int = MAX_B, w: int = 3, early: str = "glm_shift"
) -> tuple[str, str]:
    """The method ``detect(method="auto")`` uses for the last of ``n`` periods, and why.

    ``auto`` chooses per period (see the module docstring); this names the choice for the
    latest period, i.e. for the series as it stands.
    """
    years = min(b, MAX_B, (n - 1 - w) // frequency) if n > w else 0
    if years >= 1:
        return "farrington_flexible", f"{n} periods: {years} whole years of history (b = {years})"
    if early == "glm_shift" and n - 1 >= shift.MIN_HISTORY + shift.GUARD:
        return "glm_shift", f"{n} periods: less than a year and {w} periods of history"
    if early == "ears_c2" and n - 1 >= EARS_BASELINE + EARS_GUARD:
        return "ears_c2", f"{n} periods: less than a year and {w} periods of history"
    return "none", f"{n} periods: too few to judge any period"


def _accepted(method: str) -> set[str]:
    """Parameter names a method takes."""
    funcs: dict[str, Callable[..., DetectionResult]] = {
        "farrington_flexible": farrington_flexible,
        "glrnb": glrnb,
        "ears_c1": ears,
        "ears_c2": ears,
        "ears_c3": ears,
    }
    return set(inspect.signature(funcs[method]).parameters) if method in funcs else set()


def limit54_mask(y: FloatArray, limit54: tuple[int, int]) -> np.ndarray:
    """True where the last ``limit54[1]`` periods (this one included) hold enough cases."""
    cases, periods = limit54
    csum = np.concatenate([[0.0], np.cumsum(y)])
    k = np.arange(y.shape[0])
    return np.asarray(csum[k + 1] - csum[np.maximum(k + 1 - periods, 0)] >= cases)


def _copy(into: DetectionResult, part: DetectionResult, ks: np.ndarray, note: str) -> None:
    into.expected[ks], into.upper[ks] = part.expected[ks], part.upper[ks]
    into.score[ks], into.alarm[ks], into.judged[ks] = part.score[ks], part.alarm[ks], True
    for k in ks:
        item = part.explanation[k] or PeriodExplanation()
        joined = "; ".join(x for x in (note, item.note) if x)
        into.explanation[k] = PeriodExplanation(
            baseline_indices=item.baseline_indices,
            baseline_dates=item.baseline_dates,
            trend_used=item.trend_used,
            downweighted_indices=item.downweighted_indices,
            note=joined,
            method=part.method,
        )


def auto_detect(
    observed: ArrayLike,
    dates: Sequence[DateLike] | ArrayLike | None = None,
    *,
    frequency: int = 52,
    alpha: float = 0.05,
    limit54: tuple[int, int] = (5, 4),
    b: int = MAX_B,
    w: int = 3,
    baseline: int = EARS_BASELINE,
    min_sigma: float = EARS_MIN_SIGMA,
    min_count: int = MIN_COUNT,
    min_ratio: float = MIN_RATIO,
    early: str = "glm_shift",
    level_check: bool = True,
    **farrington_params: Any,
) -> DetectionResult:
    """The ``auto`` rule (module docstring); ``farrington_params`` go to Farrington only."""
    y = as_counts(observed)
    n = y.shape[0]
    if b < 1:
        raise ValueError("b must be >= 1")
    if early not in EARLY_METHODS:
        raise ValueError(f"early must be one of {EARLY_METHODS}")
    if min_count < 0 or min_ratio < 0:
        raise ValueError("min_count and min_ratio must be >= 0")
    farrington_params = {
        "threshold_method": THRESHOLD, **IMPROVED.get(frequency, {}),
        **{k: v for k, v in farrington_params.items() if k in _accepted("farrington_flexible")},
    }  # fmt: skip
    judge_only = farrington_params.pop("range", None)
    params: dict[str, object] = {
        "frequency": frequency, "alpha": alpha, "limit54": limit54, "b": b, "w": w,
        "ears_alpha": alpha / EARS_ALPHA_SHARE, "baseline": baseline, "min_sigma": min_sigma,
        "min_count": min_count, "min_ratio": min_ratio, **farrington_params,
    }  # fmt: skip
    result = DetectionResult.empty("none", y, params)
    # ``range``: only these 0-based positions are judged (the rest stay "not judged").
    todo = np.arange(n) if judge_only is None else np.unique(np.asarray(judge_only, dtype=int))
    last_method = "none"
    for years in _builtin_range(min(b, MAX_B), 0, -1):
        ks = todo[todo >= frequency * years + w]
        if ks.size == 0:
            continue
        part = farrington_flexible(
            y, dates, frequency=frequency, b=years, w=w, alpha=alpha, limit54=limit54,
            range=ks, **farrington_params,
        )  # fmt: skip
        done = ks[part.judged[ks]]
        _copy(result, part, done, f"Farrington-flexible, b = {years}")
        todo = np.setdiff1d(todo, done)
        if done.size and done[-1] == n - 1:
            last_method = "farrington_flexible"
    judged_by_farrington = np.flatnonzero(result.judged & result.alarm)
    if level_check and judged_by_farrington.size:
        _check_recent_level(result, y, judged_by_farrington, alpha, frequency, w)
    if early == "glm_shift":
        ks = todo[todo >= shift.MIN_HISTORY + shift.GUARD]
        early_part = (
            glm_shift(y, alpha=alpha, frequency=frequency, w=w, range=ks) if ks.size else None
        )
        note = "GLM with a trend or level shift (less than a year of history)"
    else:
        ks = todo[todo >= baseline + EARS_GUARD]
        early_part = ears(
            y, method="C2", baseline=baseline, min_sigma=min_sigma,
            alpha=alpha / EARS_ALPHA_SHARE, range=ks,
        ) if ks.size else None  # fmt: skip
        note = "EARS C2 (less than a year of history)"
    if early_part is not None:
        enough = limit54_mask(y, limit54)
        _copy(result, early_part, ks, note)
        for k in ks[early_part.alarm[ks] & ~enough[ks]]:
            _drop(result, int(k), f"fewer than {limit54[0]} cases in the last {limit54[1]} periods")
        if ks[-1] == n - 1:
            last_method = early_part.method
    _apply_minimum(result, min_count, min_ratio)
    result.method = last_method
    return result


def _check_recent_level(
    result: DetectionResult, y: FloatArray, ks: np.ndarray, alpha: float, frequency: int, w: int
) -> None:
    """Drop a Farrington alarm that is not high against the series' own recent level, judged
    at ``LEVEL_CHECK_ALPHA`` (never stricter than ``alpha``) in two ways:

    * the season of past years times the level of the last year (:mod:`.seasonal`), so a
      seasonal peak at a level held for a year is not an alarm (ADR 0903);
    * ``glm_shift`` on the last year (a level shift or trend, no season), so a level reached
      within the year is not an alarm: on weekly data always; on monthly data where it shows
      a level shift or trend that raised the level above Farrington's expectation, since a
      year of months is 15 points, which say little otherwise (ADR 0900).
    """
    level = max(alpha, LEVEL_CHECK_ALPHA)
    for k in ks:
        judged = seasonal_level(y, int(k), frequency=frequency, alpha=level,
                                level_periods=frequency, w=w)  # fmt: skip
        if judged is not None and y[k] <= judged[1]:
            _drop(result, int(k), _not_high("the last year's level with its season", *judged))
    ks = ks[result.alarm[ks]]
    if not ks.size:
        return
    recent = glm_shift(y, alpha=level, frequency=frequency, w=w, range=ks)
    for k in ks:
        item = recent.explanation[k]
        moved = item is not None and model_kind(item.note) in ("level shift", "trend")
        higher = recent.expected[k] > result.expected[k]
        if recent.judged[k] and not recent.alarm[k] and (frequency == 52 or (moved and higher)):
            why = _not_high("the last year's own level", recent.expected[k], recent.upper[k])
            _drop(result, int(k), why)


def _not_high(against: str, expected: float, upper: float) -> str:
    return (
        f"not high against {against} (about {expected:.1f} expected, up to {upper:.0f} not unusual)"
    )


def _drop(result: DetectionResult, k: int, why: str) -> None:
    """No alarm at ``k``; the period's note says why."""
    result.alarm[k] = False
    item = result.explanation[k]
    assert item is not None
    result.explanation[k] = replace(
        item, note="; ".join(x for x in (item.note, f"{why}: no alarm") if x)
    )


def _apply_minimum(result: DetectionResult, min_count: int, min_ratio: float) -> None:
    """No alarm below ``min_count`` reports or below ``min_ratio`` times the expected count."""
    y = result.observed
    with np.errstate(invalid="ignore"):
        low = (y < min_count) | (y < min_ratio * np.nan_to_num(result.expected, nan=0.0))
    for k in np.flatnonzero(result.alarm & low):
        _drop(result, int(k), f"below the minimum for an alarm ({min_count} reports and "
              f"{min_ratio:g} times the expected count)")  # fmt: skip


def detect(
    observed: ArrayLike,
    dates: Sequence[DateLike] | ArrayLike | None = None,
    *,
    method: str = "auto",
    frequency: int = 52,
    **params: Any,
) -> DetectionResult:
    """Run one detection method, exactly as R would, or the ``auto`` rule (the default).

    With ``method="auto"``, parameters no method of the rule takes are dropped (so ``c_ARL``
    can be passed and is ignored); ``None`` values mean "the default".
    """
    if method not in METHODS:
        raise ValueError(f"method must be one of {METHODS}")
    if frequency not in (12, 52):
        raise ValueError("frequency must be 52 (weekly) or 12 (monthly)")
    y = as_counts(observed)
    if method == "auto":
        given = {k: v for k, v in params.items() if v is not None}
        result = auto_detect(y, dates, frequency=frequency, **given)
        result.params["method_reason"] = auto_method(
            y.shape[0],
            frequency,
            b=given.get("b", MAX_B),
            w=given.get("w", 3),
            early=given.get("early", "glm_shift"),
        )[1]
        return result
    if method == "farrington_flexible":
        result = farrington_flexible(y, dates, frequency=frequency, **params)
    elif method == "glrnb":
        result = glrnb(y, frequency=frequency, **params)
    elif method == "glm_shift":
        result = glm_shift(y, frequency=frequency, **params)
    else:
        runners: dict[str, Callable[..., DetectionResult]] = {
            "ears_c1": ears_c1,
            "ears_c2": ears_c2,
            "ears_c3": ears_c3,
        }
        result = runners[method](y, **params)
    result.params["method_reason"] = "chosen by the caller"
    return result
