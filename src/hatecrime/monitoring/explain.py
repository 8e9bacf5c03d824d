"""An alarm (or any judged period) explained in words an analyst can pass on.

"39 reports in July 2026 against about 6 expected from the same months of the last 3 years;
the highest count that would not be unusual is 13." followed by "Method: ..." with the
technical detail (the method, its baseline, trend, down-weighted periods and notes). The words
come first so that lists and packs can show them alone (:func:`in_words`).
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from .detection import PeriodExplanation
from .detection.shift import model_kind

METHOD_MARK = " Method: "
EARS_GAP = {"ears_c1": 0, "ears_c2": 2, "ears_c3": 2}


def period_label(period: dt.date, period_kind: str) -> str:
    if period_kind == "month":
        return f"{period:%B %Y}"
    return f"the week of {period.day} {period:%B %Y}"


def _about(expected: float) -> str:
    if expected < 0.05:
        return "almost none"
    if expected < 1.5:
        return f"about {expected:.1f}"
    return f"about {round(expected)}"


def _plural(n: int, unit: str) -> str:
    return f"{n} {unit}" if n == 1 else f"{n} {unit}s"


def _years(item: PeriodExplanation, period: dt.date, params: dict[str, Any]) -> int:
    if item.baseline_dates:
        return max(1, round((period - min(item.baseline_dates)).days / 365.25))
    return int(params.get("b") or 1)


def _history(item: PeriodExplanation, method: str, period: dt.date, unit: str,
             params: dict[str, Any]) -> str:  # fmt: skip
    if method == "farrington_flexible":
        years = _years(item, period, params)
        last = "last year" if years == 1 else f"last {years} years"
        if int(params.get("no_periods") or 1) > 1:
            left_out = int(params.get("past_weeks_not_included") or params.get("w") or 3)
            return f"the {last} up to {_plural(left_out, unit)} ago, season by season"
        return f"the same {unit}s of the {last}"
    count = len(item.baseline_indices)
    if method in EARS_GAP:
        gap = EARS_GAP[method]
        before = "just before" if gap == 0 else f"ending {_plural(gap, unit)} before"
        return f"the {_plural(count, unit)} {before}"
    if method == "glrnb":
        return f"a seasonal fit to the first {_plural(count, unit)} of the series"
    if method == "glm_shift":
        shape = {"trend": "with its trend", "level shift": "since its level changed"}.get(
            model_kind(item.note) or "", "at its own level"
        )
        return f"the {_plural(count, unit)} before it, {shape}"
    return "the history of the series"


def highest_usual(upper: float, expected: float, params: dict[str, Any]) -> int:
    """The highest count that would not alarm (the threshold, and auto's minimum if any)."""
    highest = math.floor(upper + 1e-9) if upper > 0 else 0
    if "min_count" in params:
        highest = max(highest, int(params["min_count"]) - 1)
        ratio = float(params.get("min_ratio") or 0)
        highest = max(highest, math.ceil(ratio * expected - 1e-9) - 1)
    return highest


def sentence(
    *,
    observed: int,
    expected: float | None,
    upper: float | None,
    period: dt.date,
    period_kind: str,
    item: PeriodExplanation | None,
    method: str,
    params: dict[str, Any],
    noun: str = "reports",
) -> str:
    """The words for one judged period ("" where there is no expected value to compare)."""
    if item is None or expected is None:
        return ""
    unit = "month" if period_kind == "month" else "week"
    what = f"{observed} {noun[:-1] if observed == 1 else noun}"
    text = (
        f"{what} in {period_label(period, period_kind)} against {_about(expected)} expected "
        f"from {_history(item, method, period, unit, params)}"
    )
    if method == "glrnb" or upper is None:
        return text + "."
    return f"{text}; the highest count that would not be unusual is " + (
        f"{highest_usual(upper, expected, params)}."
    )


def in_words(explanation: str) -> str:
    """The words of a stored explanation, without the technical "Method: ..." part."""
    return explanation.split(METHOD_MARK, 1)[0]
