"""One entry point that picks a method by the length of the history (``method="auto"``).

* Farrington-flexible when there are at least ``b`` years and ``w + 1`` periods of history
  (``n >= frequency * b + w + 1``: the first period R itself would judge); R's defaults
  ``b = 5``, ``w = 3`` mean 264 weeks or 64 months.
* GLR-NB when there are at least two years (``n >= 2 * frequency``: one year or more to fit the
  seasonal baseline ``mu0`` and the NB dispersion, the rest judged).
* EARS otherwise: C3 when there are at least 12 periods (``baseline + 5``), C1 with 8 to 11.
  Fewer than 8 periods: nothing can be judged; the result says so and has no alarms.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Sequence
from typing import Any

from numpy.typing import ArrayLike

from .ears import ears, ears_c1, ears_c2, ears_c3
from .farrington import farrington_flexible
from .glrnb import glrnb
from .result import DateLike, DetectionResult, as_counts

METHODS = ("auto", "farrington_flexible", "glrnb", "ears_c1", "ears_c2", "ears_c3")


def choose_method(n: int, frequency: int, *, b: int = 5, w: int = 3) -> tuple[str, str]:
    """The method ``detect(method="auto")`` uses for ``n`` periods, and why."""
    if n >= frequency * b + w + 1:
        return "farrington_flexible", f"{n} periods >= {b} years + {w + 1} periods"
    if n >= 2 * frequency:
        return "glrnb", f"{n} periods: at least 2 years but fewer than {b} years + {w + 1}"
    if n >= 12:
        return "ears_c3", f"{n} periods: fewer than 2 years"
    if n >= 8:
        return "ears_c1", f"{n} periods: too few for EARS C3"
    return "none", f"{n} periods: too few to judge any period"


def _accepted(method: str) -> set[str]:
    """Parameter names a method takes: with ``auto`` the caller cannot know which will run."""
    funcs: dict[str, Callable[..., DetectionResult]] = {
        "farrington_flexible": farrington_flexible,
        "glrnb": glrnb,
        "ears_c1": ears,
        "ears_c3": ears,
    }
    return set(inspect.signature(funcs[method]).parameters) if method in funcs else set()


def detect(
    observed: ArrayLike,
    dates: Sequence[DateLike] | ArrayLike | None = None,
    *,
    method: str = "auto",
    frequency: int = 52,
    **params: Any,
) -> DetectionResult:
    """Run one detection method (or the one ``auto`` picks) on a series of counts.

    With ``method="auto"``, parameters the chosen method does not take are dropped (so
    ``b=3`` can be passed for Farrington and is ignored when EARS runs).
    """
    if method not in METHODS:
        raise ValueError(f"method must be one of {METHODS}")
    if frequency not in (12, 52):
        raise ValueError("frequency must be 52 (weekly) or 12 (monthly)")
    y = as_counts(observed)
    reason = "chosen by the caller"
    if method == "auto":
        method, reason = choose_method(
            y.shape[0], frequency, b=params.get("b", 5), w=params.get("w", 3)
        )
        params = {k: v for k, v in params.items() if k in _accepted(method)}
    if method == "none":
        result = DetectionResult.empty("none", y, {})
    elif method == "farrington_flexible":
        result = farrington_flexible(y, dates, frequency=frequency, **params)
    elif method == "glrnb":
        result = glrnb(y, frequency=frequency, **params)
    else:
        runners: dict[str, Callable[..., DetectionResult]] = {
            "ears_c1": ears_c1,
            "ears_c2": ears_c2,
            "ears_c3": ears_c3,
        }
        result = runners[method](y, **params)
    result.params["method_reason"] = reason
    return result
