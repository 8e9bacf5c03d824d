"""The words an alarm is explained in, for periods judged in a series' first year (ADR 0903)."""

import datetime as dt

import numpy as np

from hatecrime.monitoring.detection import detect, glm_shift
from hatecrime.monitoring.explain import sentence


def _words(result, k: int) -> str:
    return sentence(
        observed=int(result.observed[k]), expected=float(result.expected[k]),
        upper=float(result.upper[k]), period=dt.date(2024, 1 + k % 12, 1), period_kind="month",
        item=result.explanation[k], method="glm_shift", params=result.params,
    )  # fmt: skip


def test_a_fall_not_followed_is_explained_as_the_series_own_level():
    """The note of a fall not followed names the level shift model it set aside; the words
    must say what was used (the window's own level), not "since its level changed"."""
    y = np.array([42, 38, 45, 40, 44, 14, 16, 13, 17, 15, 12, 16, 30])
    result = glm_shift(y, frequency=12, range=[12])
    assert "level shift model shows is not followed" in result.explanation[12].note
    assert "11 months before it, at its own level" in _words(result, 12)


def test_auto_first_year_words_name_the_model_kept():
    rising = np.array([5, 6, 4, 5, 6, 5, 15, 16, 14, 15, 16, 15, 30])
    result = detect(rising, frequency=12, range=[12])
    assert result.explanation[12].note.startswith("GLM with a trend or level shift")
    assert "since its level changed" in _words(result, 12)
