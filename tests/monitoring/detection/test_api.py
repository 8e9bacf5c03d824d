"""Edge cases and the automatic choice of method."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from hatecrime.monitoring.detection import (
    auto_method,
    detect,
    ears_c1,
    farrington_flexible,
    glrnb,
)

WEEKLY = np.datetime64("2019-01-07") + 7 * np.arange(6 * 52)
WEEKLY_LONG = WEEKLY


@pytest.mark.parametrize(
    ("n", "frequency", "method"),
    [
        (6 * 52, 52, "farrington_flexible"),
        (2 * 52, 52, "farrington_flexible"),
        (52 + 4, 52, "farrington_flexible"),
        (52 + 3, 52, "glm_shift"),
        (10, 52, "glm_shift"),
        (8, 52, "glm_shift"),
        (7, 52, "none"),
        (16, 12, "farrington_flexible"),
        (15, 12, "glm_shift"),
        (8, 12, "glm_shift"),
    ],
)
def test_auto_names_the_method_of_the_latest_period(n: int, frequency: int, method: str) -> None:
    assert auto_method(n, frequency)[0] == method
    result = detect(np.ones(n, dtype=int), frequency=frequency)
    assert result.method == method
    assert result.params["method_reason"]


def test_auto_judges_each_period_with_the_history_it_has() -> None:
    n = 3 * 52 + 10
    result = detect(np.ones(n, dtype=int), WEEKLY_LONG[:n])
    methods = [e.method if e else "" for e in result.explanation]
    assert methods[:7] == [""] * 7  # fewer than 7 periods of history: not judged
    assert set(methods[7 : 52 + 3]) == {"glm_shift"}  # the first year (ADR 0900)
    assert set(methods[2 * 52 + 4 :]) == {"farrington_flexible"}
    notes = [e.note for e in result.explanation if e is not None]
    assert "Farrington-flexible, b = 1" in notes[62]
    assert "Farrington-flexible, b = 3" in notes[-1]


def test_auto_with_enough_history_gives_r_improved_farrington_and_the_minimum() -> None:
    rng = np.random.default_rng(8)
    y = rng.poisson(4.0, 6 * 52)
    y[-20:-18] += 9
    auto = detect(y, WEEKLY, level_check=False)
    named = farrington_flexible(
        y, WEEKLY, threshold_method="nbPlugin", no_periods=10, past_weeks_not_included=26
    )
    judged = named.judged
    assert judged.sum() == 6 * 52 - (5 * 52 + 3)
    assert np.allclose(auto.upper[judged], named.upper[judged])
    minimum = (y >= 3) & (y >= 2 * auto.expected)
    assert np.array_equal(auto.alarm[judged], (named.alarm & minimum)[judged])
    assert auto.alarm[-20:-18].any()  # the injected rise of 9 a week over a mean of 4
    # The recent-level check (on by default) only drops alarms, and keeps the injected rise.
    checked = detect(y, WEEKLY)
    assert not (checked.alarm & ~auto.alarm).any()
    assert checked.alarm[-20:-18].any()


def test_a_named_method_gets_no_operational_rule() -> None:
    y = np.array([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 3])
    assert ears_c1(y).alarm[-1]  # R: any count over a flat zero baseline alarms
    assert not detect(y).alarm[-1]  # auto: minSigma 1 and fewer than 5 cases in 4 weeks


@pytest.mark.parametrize(("n", "frequency"), [(30, 52), (3 * 52, 52), (6 * 52, 52), (40, 12)])
def test_auto_flags_a_rise_of_five_cases_after_an_all_zero_history(n: int, frequency: int) -> None:
    y = np.zeros(n, dtype=int)
    y[-1] = 5
    result = detect(y, frequency=frequency)
    assert result.alarm[-1]
    assert result.alarm.sum() == 1
    y[-1] = 4  # fewer than limit54's 5 cases: a single report or four are not a surge
    assert not detect(y, frequency=frequency).alarm.any()


def test_auto_does_not_alarm_on_a_single_report_in_a_sparse_series() -> None:
    rng = np.random.default_rng(4)
    for n in (40, 2 * 52, 3 * 52, 6 * 52):
        y = rng.poisson(0.05, n)
        y[-1] = 1
        assert not detect(y).alarm.any()


@pytest.mark.parametrize("n", [0, 1, 5, 20, 150, 6 * 52])
def test_an_all_zero_series_gives_no_alarm_and_no_warning(n: int) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = detect(np.zeros(n, dtype=int))
    assert not result.alarm.any()
    assert result.alarm.shape == result.upper.shape == result.judged.shape == (n,)


def test_zero_heavy_series_run_without_warnings_through_every_method() -> None:
    rng = np.random.default_rng(3)
    y = rng.poisson(0.2, 6 * 52)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for method in ("farrington_flexible", "glrnb", "ears_c1", "ears_c2", "ears_c3"):
            result = detect(y, WEEKLY, method=method)
            assert result.judged.any()


def test_periods_without_enough_history_are_not_judged() -> None:
    result = farrington_flexible(np.ones(6 * 52, dtype=int), WEEKLY)
    assert not result.judged[: 5 * 52 + 3].any()
    assert result.judged[5 * 52 + 3 :].all()
    assert np.isnan(result.upper[0])
    assert result.explanation[0] is None


def test_the_explanation_names_the_baseline_weeks_and_downweighted_outbreaks() -> None:
    rng = np.random.default_rng(5)
    y = rng.poisson(4.0, 6 * 52)
    past = 6 * 52 - 1 - 52  # about a year before the last week: inside a reference window
    y[past] += 30
    result = farrington_flexible(y, WEEKLY)
    explanation = result.explanation[-1]
    assert explanation is not None
    assert len(explanation.baseline_indices) == len(explanation.baseline_dates) == 5 * 7
    assert explanation.baseline_dates[0] == WEEKLY[explanation.baseline_indices[0]]
    assert past in explanation.baseline_indices
    assert explanation.downweighted_indices == (past,)


def test_the_limit54_rule_suppresses_an_alarm_on_a_tiny_count() -> None:
    y = np.zeros(6 * 52, dtype=int)
    y[-1] = 3  # far above a zero baseline, but fewer than 5 cases in the last 4 weeks
    result = farrington_flexible(y, WEEKLY)
    assert not result.alarm[-1]
    assert "fewer than 5 cases" in result.explanation[-1].note  # type: ignore[union-attr]


def test_a_short_series_is_handled_by_ears_and_flags_a_jump() -> None:
    result = ears_c1([3, 4, 3, 5, 4, 3, 4, 4, 30])
    assert result.alarm.tolist() == [False] * 8 + [True]
    assert result.judged.tolist() == [False] * 7 + [True, True]


def test_glrnb_with_given_mu0_judges_only_the_range() -> None:
    y = np.array([2, 3, 2, 2, 9, 10, 11, 2])
    result = glrnb(y, mu0=np.full(4, 2.5), alpha=0.2, range=[4, 5, 6, 7])
    assert result.judged.tolist() == [False] * 4 + [True] * 4
    assert result.alarm[4:].any()


def test_it_rejects_negative_or_non_finite_counts() -> None:
    with pytest.raises(ValueError):
        detect([1, -1, 2])
    with pytest.raises(ValueError):
        detect([1.0, float("nan")])


def test_auto_ignores_parameters_no_method_of_its_rule_takes() -> None:
    result = detect(np.ones(30, dtype=int), c_ARL=3.0, M=10, threshold_method="muan", b=None)
    assert result.method == "glm_shift"
    long = detect(np.ones(3 * 52 + 4, dtype=int), b=2, threshold_method="muan")
    assert long.method == "farrington_flexible"
    assert long.params["threshold_method"] == "muan"
    assert "b = 2" in long.explanation[-1].note  # type: ignore[union-attr]


def test_auto_judging_only_some_periods_gives_them_the_same_result() -> None:
    rng = np.random.default_rng(4)
    y = rng.poisson(2.0, 3 * 52 + 20)
    y[-3:] += 9
    dates = WEEKLY_LONG[: y.shape[0]]
    whole, part = detect(y, dates), detect(y, dates, range=[20, 100, y.shape[0] - 2])
    ks = [20, 100, y.shape[0] - 2]
    assert part.judged.sum() == 3 and part.judged[ks].all()
    assert np.array_equal(part.alarm[ks], whole.alarm[ks])
    assert np.allclose(part.upper[ks], whole.upper[ks])
    assert part.alarm[-2]
