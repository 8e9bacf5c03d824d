"""Our detection engine against reference outputs of R ``surveillance`` (committed fixtures).

The fixtures come from ``Rscript scripts/r/make_detection_fixtures.R``; R is not needed here.
For every fixture run: alarms agree with R on >= 99% of the judged periods, and the upper
bounds agree within 1% relative or 0.01 absolute (the absolute floor covers values near 0,
where a relative tolerance is meaningless). Bounds are compared where R's is finite.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from hatecrime.monitoring.detection import DetectionResult, ears, farrington_flexible, glrnb

FIXTURES = sorted((Path(__file__).parent / "fixtures").glob("*.json"))
REL_TOL, ABS_TOL, MIN_AGREEMENT = 0.01, 0.01, 0.99

_FARRINGTON_ARGS = {
    "b": "b", "w": "w", "reweight": "reweight", "trend": "trend",
    "thresholdMethod": "threshold_method", "noPeriods": "no_periods",
    "pastWeeksNotIncluded": "past_weeks_not_included",
}  # fmt: skip


def _cases() -> list[Any]:
    cases = []
    for path in FIXTURES:
        doc = json.loads(path.read_text())
        for run in doc["runs"]:
            cases.append(pytest.param(doc, run, id=f"{doc['name']}-{run['method']}-{run['label']}"))
    return cases


def run_ours(doc: dict[str, Any], run: dict[str, Any]) -> DetectionResult:
    """Run the Python method matching one R run of a fixture."""
    y = np.asarray(doc["observed"], dtype=float)
    k = np.asarray(run["range"], dtype=int) - 1
    control = run["control"] or {}
    if run["method"] == "farringtonFlexible":
        kwargs = {_FARRINGTON_ARGS[key]: value for key, value in control.items()}
        return farrington_flexible(y, doc["dates"], frequency=doc["frequency"], range=k, **kwargs)
    if run["method"] == "earsC":
        return ears(
            y, method=control["method"], alpha=control.get("alpha"),
            min_sigma=control.get("minSigma", 0.0), range=k,
        )  # fmt: skip
    return glrnb(
        y, mu0=run["mu0"], alpha=control["alpha"], c_ARL=control["c.ARL"],
        M=control.get("M", -1), range=k, frequency=doc["frequency"],
    )  # fmt: skip


def compare(doc: dict[str, Any], run: dict[str, Any]) -> tuple[float, float, int]:
    """(alarm agreement, max relative upper-bound difference, periods compared)."""
    ours = run_ours(doc, run)
    k = np.asarray(run["range"], dtype=int) - 1
    r_alarm = np.array([bool(a) for a in run["alarm"]])  # R's NA counts as no alarm
    agreement = float(np.mean(ours.alarm[k] == r_alarm))
    rel, compared = _close(ours.upper[k], run["upperbound"], "upper bounds")
    if "expected" in run:
        _close(ours.expected[k], run["expected"], "expected values")
    return agreement, rel, compared


def _close(ours: np.ndarray, theirs: list[float | None], what: str) -> tuple[float, int]:
    """Assert agreement where R's value is finite; (max relative difference, count)."""
    r = np.array([np.nan if u is None else u for u in theirs], dtype=float)
    finite = np.isfinite(r)
    diff = np.abs(ours[finite] - r[finite])
    within = diff <= np.maximum(REL_TOL * np.abs(r[finite]), ABS_TOL)
    assert np.all(within), f"{np.sum(~within)} {what} differ beyond tolerance"
    rel = diff / np.maximum(np.abs(r[finite]), 1e-12)
    return float(rel.max(initial=0.0)), int(finite.sum())


@pytest.mark.parametrize(("doc", "run"), _cases())
def test_it_agrees_with_r_surveillance(doc: dict[str, Any], run: dict[str, Any]) -> None:
    agreement, _, _ = compare(doc, run)
    assert agreement >= MIN_AGREEMENT


def test_the_fixtures_cover_every_method_and_both_frequencies() -> None:
    runs = [(json.loads(p.read_text())["frequency"], r["method"]) for p in FIXTURES
            for r in json.loads(p.read_text())["runs"]]  # fmt: skip
    assert {m for _, m in runs} == {"farringtonFlexible", "earsC", "algo.glrnb"}
    assert {f for f, _ in runs} == {12, 52}
