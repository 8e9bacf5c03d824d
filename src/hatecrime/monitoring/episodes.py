"""A sustained rise is one episode: alarmed periods of one series grouped in time (ADR 0901).

Alarmed periods of the same series belong to one episode when at most ``GAP`` unalarmed
periods lie between them (a rise that dips under the threshold for one week is still the same
rise). An episode has a start (its first alarmed period), an end (its last) and its periods.
The dashboard's alarm list, `hatecrime detect` and the alarm notices (one per episode, at its
start) use it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from .rollups import next_period

GAP = 1  # unalarmed periods allowed inside one episode

T = TypeVar("T")


@dataclass
class Episode(Generic[T]):
    series: Hashable
    items: list[T] = field(default_factory=list)
    periods: list[dt.date] = field(default_factory=list)

    @property
    def start(self) -> dt.date:
        return self.periods[0]

    @property
    def end(self) -> dt.date:
        return self.periods[-1]


def continues(last: dt.date, period: dt.date, period_kind: str, gap: int = GAP) -> bool:
    """``period`` is within ``gap`` unalarmed periods after ``last``."""
    step = last
    for _ in range(gap + 1):
        step = next_period(step, period_kind)
        if step == period:
            return True
    return False


def group_episodes(
    items: Iterable[T],
    *,
    series: Callable[[T], Hashable],
    period: Callable[[T], dt.date],
    period_kind: str,
    gap: int = GAP,
) -> list[Episode[T]]:
    """The episodes of alarmed ``items`` (each one alarmed period of one series), latest
    start first."""
    ordered = sorted(items, key=period)
    open_by_series: dict[Hashable, Episode[T]] = {}
    episodes: list[Episode[T]] = []
    for item in ordered:
        key, day = series(item), period(item)
        current = open_by_series.get(key)
        if current is not None and day == current.end:
            current.items.append(item)  # the same period twice (two runs): keep one date
            continue
        if current is None or not continues(current.end, day, period_kind, gap):
            current = Episode(series=key)
            open_by_series[key] = current
            episodes.append(current)
        current.items.append(item)
        current.periods.append(day)
    return sorted(episodes, key=lambda e: e.start, reverse=True)
