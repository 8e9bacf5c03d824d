"""No parameter combination hangs or raises anything but a clear ValueError (issue 13 item 6)."""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import threading
import time
from collections.abc import Callable

import numpy as np
import pytest
from scipy import stats

from hatecrime.monitoring.detection import FitTimeout, detect, glrnb, time_limit
from hatecrime.monitoring.detection.farrington import count_quantile, farrington_flexible

# A sparse weekly series (seeded Poisson 0.05 plus a few small clusters) on which the muan
# threshold with alpha 0.001 asks for the negative binomial quantile at a mean of 4.9e19:
# scipy's nbinom.ppf never returns for means of about 1e17 and more.
SPARSE = np.zeros(312, dtype=int)
for _k, _v in {11: 5, 15: 1, 20: 1, 66: 1, 68: 1, 80: 1, 92: 2, 151: 1, 179: 1, 196: 3,
               206: 1, 252: 1, 277: 1, 293: 1}.items():  # fmt: skip
    SPARSE[_k] = _v


def finishes_within(seconds: float, work: Callable[[], object]) -> bool:
    """Run ``work`` in a daemon thread; False if it has not finished in time (a hang)."""
    done = threading.Event()

    def run() -> None:
        work()
        done.set()

    threading.Thread(target=run, daemon=True).start()
    return done.wait(seconds)


def test_the_quantile_returns_at_any_mean() -> None:
    means = np.array([0.0, 1e-300, 0.3, 4.0, 1e6, 1e12, 1e17, 4.9e19, 1e300, np.inf, np.nan])
    phi = np.full(means.shape, 1.3)
    out: list[np.ndarray] = []
    assert finishes_within(10, lambda: out.append(count_quantile(0.999, means, phi)))
    q = out[0]
    assert q[0] == 0 and np.isnan(q[-1]) and np.isnan(q[-2])
    exact = stats.nbinom.ppf(0.999, means[1:6] / 0.3, 1 / 1.3)
    assert np.array_equal(q[1:6], exact)  # below 1e12: scipy's exact quantile, as R's qnbinom
    assert np.allclose(q[6:9], means[6:9], rtol=1e-6)  # above: the normal approximation


def test_the_sparse_series_that_hung_is_judged_quickly() -> None:
    result: list[object] = []
    assert finishes_within(
        60,
        lambda: result.append(
            farrington_flexible(
                SPARSE,
                None,
                threshold_method="muan",
                b=3,
                no_periods=10,
                past_weeks_not_included=26,
                alpha=0.001,
            )
        ),
    )
    assert not result[0].alarm.any()  # type: ignore[attr-defined]


MONTHS = [dt.date(2015 + i // 12, i % 12 + 1, 1) for i in range(96)]


def test_noufaily_on_monthly_data_with_26_periods_left_out_explains_instead_of_crashing() -> None:
    # This combination raised a raw IndexError: leaving out 26 months emptied the baseline.
    y = np.random.default_rng(3).poisson(4, 96)
    params = {"b": 1, "w": 0, "no_periods": 1, "past_weeks_not_included": 26}
    assert detect(y, MONTHS, method="auto", frequency=12, **params).judged.any()  # EARS
    result = farrington_flexible(y, MONTHS, frequency=12, **params)
    assert not result.judged.any()
    notes = {e.note for e in result.explanation if e is not None}
    assert any("no baseline periods left once the last 26 periods" in n for n in notes)


def test_every_combination_gives_a_result_or_a_value_error() -> None:
    y = np.random.default_rng(5).poisson(0.3, 96)
    grid = itertools.product(
        ("auto", "farrington_flexible"), (1, 3), (0, 3), (1, 4, 10), (None, 6, 26),
        ("delta", "nbPlugin", "muan"),
    )  # fmt: skip
    for method, b, w, no_periods, left_out, threshold in grid:
        with contextlib.suppress(ValueError):
            detect(y, MONTHS, method=method, frequency=12, b=b, w=w, no_periods=no_periods,
                   past_weeks_not_included=left_out, threshold_method=threshold)  # fmt: skip


def test_a_fit_past_its_time_limit_stops_with_a_clear_error() -> None:
    y = np.random.default_rng(1).poisson(0.5, 520)
    start = time.monotonic()
    limit = r"longer than its time limit of 0\.05 seconds"
    with pytest.raises(FitTimeout, match=limit), time_limit(0.05):
        glrnb(y, M=-1)
    assert time.monotonic() - start < 5


def test_without_a_time_limit_nothing_is_stopped() -> None:
    with time_limit(None):
        assert glrnb(np.ones(60, dtype=int)).judged.any()
