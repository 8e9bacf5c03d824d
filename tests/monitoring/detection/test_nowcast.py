"""The nowcast (ADR 0902): delays learnt from history, corrected counts with 90% intervals."""

import datetime as dt

import numpy as np
import pytest

from hatecrime.monitoring.detection.nowcast import (
    COMPLETE,
    alarms_on_nowcast,
    completeness,
    correct,
    estimate_delays,
    nowcast_series,
)

START = dt.date(2023, 1, 2)


def _history(seed: int, days: int = 700, weekly: float = 20.0):
    """Reports (day happened, day reported) as day numbers: 40% same day, 40% about 5 days
    late, 20% about 25 days late."""
    rng = np.random.default_rng(seed)
    counts = rng.negative_binomial(10, 10 / (10 + weekly / 7), size=days)
    occurred = np.repeat(np.arange(days), counts)
    kind = rng.choice(3, size=occurred.shape[0], p=[0.4, 0.4, 0.2])
    lag = np.where(kind == 0, 0, rng.geometric(np.where(kind == 1, 1 / 5, 1 / 25)) - 1)
    return occurred, occurred + lag


def _dates(days):
    return np.datetime64(START) + days


def test_the_delay_distribution_is_learnt_from_complete_history_only():
    occurred, reported = _history(1)
    today = START + dt.timedelta(days=699)
    delays = estimate_delays(_dates(occurred), _dates(reported), today)
    assert delays is not None
    # 40% same day (plus the few geometric draws of 0): the share reported on the day
    assert 0.4 <= delays.cdf[0] <= 0.5
    assert delays.cdf[-1] == pytest.approx(1.0)
    assert delays.learnt_from[1] < today - dt.timedelta(days=89)
    # a week that ended yesterday is far from complete; one 100 days ago is complete
    week = completeness(delays, today - dt.timedelta(days=7), today - dt.timedelta(days=1), today)
    assert 0.5 < week < 0.8
    assert completeness(delays, today - dt.timedelta(days=106), today - dt.timedelta(days=100),
                        today) == pytest.approx(1.0)  # fmt: skip


def test_too_few_reports_give_no_nowcast():
    occurred, reported = _history(2, days=200, weekly=0.5)
    assert (
        estimate_delays(_dates(occurred), _dates(reported), START + dt.timedelta(days=199)) is None
    )


def test_ninety_percent_intervals_cover_the_eventual_count_about_nine_times_in_ten():
    occurred, reported = _history(3)
    inside = total = 0
    errors = []
    for cutoff in range(450, 700, 9):
        today = START + dt.timedelta(days=cutoff)
        known = reported <= cutoff
        delays = estimate_delays(_dates(occurred[known]), _dates(reported[known]), today)
        assert delays is not None
        mine = (occurred <= cutoff) & known
        counts = np.bincount(occurred[mine] // 7, minlength=cutoff // 7 + 1)
        eventual = (occurred <= cutoff) & (reported - occurred <= 90)
        truth = np.bincount(occurred[eventual] // 7, minlength=cutoff // 7 + 1)
        starts = [START + dt.timedelta(weeks=w) for w in range(counts.shape[0])]
        ends = [s + dt.timedelta(days=6) for s in starts]
        for w, item in enumerate(nowcast_series(counts, starts, ends, delays, today)):
            if item is None:
                continue
            total += 1
            inside += item.low <= truth[w] <= item.high
            assert item.low <= item.estimate <= item.high and item.low >= item.known
            if truth[w] >= 5:
                errors.append((item.estimate - truth[w]) / truth[w])
    assert total > 100
    assert 0.84 <= inside / total <= 0.97
    assert abs(float(np.mean(errors))) < 0.1  # the estimate is not biased


def test_a_complete_period_is_left_as_it_is_and_an_incomplete_one_is_raised():
    assert correct(12, COMPLETE, 500).estimate == 12
    raised = correct(12, 0.5, 500)
    assert 18 < raised.estimate < 30 and raised.low > 12


def test_the_corrected_count_alarms_only_when_its_interval_is_above_the_threshold():
    item = correct(10, 0.4, 500)  # about 25 once fully reported
    assert alarms_on_nowcast(item, expected=5, upper=item.low - 1, min_count=3, min_ratio=2)
    assert not alarms_on_nowcast(item, expected=5, upper=item.low + 1, min_count=3, min_ratio=2)
    assert not alarms_on_nowcast(item, expected=item.low, upper=5, min_count=3, min_ratio=2)
    assert not alarms_on_nowcast(None, expected=5, upper=1, min_count=3, min_ratio=2)
