"""The improved Farrington settings auto uses (ADR 0470) agree with R on stored output.

``fixtures/improved_auto.csv`` is written by ``Rscript scripts/r/make_improved_fixture.R``
(R surveillance 1.20): ``farringtonFlexible`` with ``thresholdMethod = "nbPlugin"``, weekly
``noPeriods = 10, pastWeeksNotIncluded = 26``, monthly ``4`` and ``6``, for ``b = 1, 2, 3``.
With ``b = 1`` the left-out recent periods hold whole seasonal blocks, so R's factor has fewer
levels than ``noPeriods``: this is the case that used to be left unjudged. R is not needed to
run the test.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

from hatecrime.monitoring.detection import farrington_flexible
from hatecrime.monitoring.detection.auto import IMPROVED

FIXTURE = Path(__file__).parent / "fixtures" / "improved_auto.csv"


def _runs() -> dict[tuple[int, int], list[dict[str, str]]]:
    runs: dict[tuple[int, int], list[dict[str, str]]] = {}
    with FIXTURE.open() as handle:
        for row in csv.DictReader(handle):
            runs.setdefault((int(row["frequency"]), int(row["b"])), []).append(row)
    return runs


RUNS = _runs()


@pytest.mark.parametrize("key", sorted(RUNS))
def test_improved_settings_match_r(key: tuple[int, int]) -> None:
    frequency, b = key
    rows = RUNS[key]
    y = np.array([int(r["observed"]) for r in rows])
    dates = [r["date"] for r in rows]
    ks = np.array([i for i, r in enumerate(rows) if r["upper"] != ""])
    result = farrington_flexible(
        y, dates, frequency=frequency, b=b, threshold_method="nbPlugin", limit54=(0, 4),
        range=ks, **IMPROVED[frequency],
    )  # fmt: skip
    upper = np.array([float(rows[k]["upper"]) for k in ks])
    alarm = np.array([rows[k]["alarm"] == "1" for k in ks])
    assert result.judged[ks].all()
    assert np.allclose(result.upper[ks], upper, rtol=1e-6, atol=1e-9)
    assert np.array_equal(result.alarm[ks], alarm)
