"""Run spike detection over a dataset's series, keep the run and its alarms, flag new alarms.

The statistics are in `monitoring.detection` (pure, no Django). Parameters are routed to the
method that knows them, so one command line can carry every method's options. `--from/--to`
choose which periods are reported; every method still sees the whole history.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np
from django.conf import settings
from django.utils import timezone

from . import detection
from .detection.auto import MIN_COUNT, MIN_RATIO
from .detection.nowcast import Nowcast, alarms_on_nowcast, nowcast_series
from .episodes import Episode, group_episodes
from .explain import METHOD_MARK, sentence
from .models import ALL, Dataset, DatasetKind
from .nowcasting import live_delays
from .rollups import next_period
from .series import DIMENSIONS, SeriesQuery, series_frame

METHOD_NAMES = {
    "auto": "auto",
    "farrington": "farrington_flexible",
    "glrnb": "glrnb",
    "ears-c1": "ears_c1",
    "ears-c2": "ears_c2",
    "ears-c3": "ears_c3",
    "glm-shift": "glm_shift",
}
PARAMETERS = {
    "farrington_flexible": {
        "b", "w", "reweight", "weights_threshold", "alpha", "trend", "p_threshold_trend",
        "limit54", "powertrans", "no_periods", "past_weeks_not_included", "threshold_method",
    },
    "glrnb": {"c_ARL", "M", "Mtilde", "dir"},
    "ears_c1": {"baseline", "min_sigma", "alpha"},
    "ears_c2": {"baseline", "min_sigma", "alpha"},
    "ears_c3": {"baseline", "min_sigma", "alpha"},
    "glm_shift": {"alpha", "w"},
    "none": set(),
}  # fmt: skip


@dataclass
class Judgement:
    area: str
    category: str
    period: dt.date
    observed: int
    expected: float | None
    upper: float | None
    alarm: bool
    score: float | None
    judged: bool
    method: str
    explanation: str
    strand: str = ""
    community: str = ""  # and online, crime type: set when in `by` (or filtered to one value)
    online: str = ""
    crime_type: str = ""
    # For an alarm: the first period of its episode (ADR 0901), and how many alarmed periods
    # the episode has so far (in the periods judged).
    episode_start: dt.date | None = None
    episode_periods: int = 0
    # Live data, a period not yet fully reported (ADR 0902): the share of its reports expected
    # in by now, the corrected count and its 90% interval; ``alarm_on`` says whether the alarm
    # is on the reported count ("observed") or only on the corrected one ("nowcast").
    completeness: float | None = None
    nowcast: float | None = None
    nowcast_low: float | None = None
    nowcast_high: float | None = None
    alarm_on: str = ""
    # The series as count cells name it: one value or ALL per dimension; empty when a filter
    # holds several values (a sum of series that no page shows on its own).
    series: dict[str, str] = field(default_factory=dict, repr=False)

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("series")
        data["period"] = self.period.isoformat()
        data["episode_start"] = self.episode_start.isoformat() if self.episode_start else None
        return data

    def series_key(self) -> tuple[str, ...]:
        return (self.area, self.category, self.strand, self.community, self.online,
                self.crime_type)  # fmt: skip


def mark_episodes(judgements: list[Judgement], period_kind: str) -> list[Episode[Judgement]]:
    """Group the alarms into episodes (ADR 0901) and note each alarm's episode on it."""
    episodes = group_episodes(
        (j for j in judgements if j.alarm), series=Judgement.series_key,
        period=lambda j: j.period, period_kind=period_kind,
    )  # fmt: skip
    for episode in episodes:
        for item in episode.items:
            item.episode_start, item.episode_periods = episode.start, len(episode.periods)
    return episodes


def _number(value: float) -> float | None:
    return None if value is None or math.isnan(value) else round(float(value), 4)


def explain(item: Any, method: str, words: str = "") -> str:
    """The words (see explain.sentence), then " Method: " and the technical detail."""
    if item is None:
        return "not judged: too little history"
    # Under the auto rule each period names the method that judged it.
    method = getattr(item, "method", None) or method
    parts = [method]
    if item.baseline_dates:
        dates = item.baseline_dates
        parts.append(f"baseline {len(dates)} periods ({dates[0]} to {dates[-1]})")
    elif item.baseline_indices:
        parts.append(f"baseline {len(item.baseline_indices)} periods")
    if method == "farrington_flexible":
        parts.append("trend on" if item.trend_used else "trend off")
        if item.downweighted_indices:
            parts.append(f"{len(item.downweighted_indices)} past periods down-weighted")
    if item.note:
        parts.append(item.note)
    details = "; ".join(parts)
    return f"{words}{METHOD_MARK}{details}" if words else details


def nowcast_words(nc: Nowcast, alarmed: bool) -> str:
    """A period not yet fully reported, in words (ADR 0902)."""
    text = (
        f"Not yet fully reported: about {round(nc.completeness * 100)}% of its reports are "
        f"expected to be in by now; corrected for those still to come, about "
        f"{round(nc.estimate)} (90% interval {round(nc.low)} to {round(nc.high)})."
    )
    if alarmed:
        text += (
            " Even the low end of that interval is above the threshold: an alarm on the "
            "corrected count."
        )
    return text


def run_series(
    counts: list[int], periods: list[dt.date], frequency: int, method: str, params: dict[str, Any]
) -> detection.DetectionResult:
    engine = METHOD_NAMES[method]
    if engine == "auto":
        # The operational rule (ADR 0101): the method follows each period's history, and the
        # limit54 rule guards every method's alarms. It drops parameters a method does not take.
        given = {k: v for k, v in params.items() if v is not None}
        return detection.detect(
            np.asarray(counts, dtype=float), periods, method="auto", frequency=frequency, **given
        )
    chosen = {k: v for k, v in params.items() if k in PARAMETERS[engine] and v is not None}
    dates = periods if engine == "farrington_flexible" else None
    return detection.detect(
        np.asarray(counts, dtype=float), dates, method=engine, frequency=frequency, **chosen
    )


def _label(key: dict[str, str], dim: str, filters: dict[str, list[str]]) -> str:
    if dim in key:
        return key[dim]
    chosen = filters.get(dim) or []
    return chosen[0] if len(chosen) == 1 else "all"


def series_of(query: SeriesQuery, key: dict[str, str]) -> dict[str, str]:
    """Each dimension's value in the series `key` names: its own, a single filter value, or ALL.
    Empty when a dimension not in `by` is filtered to several values."""
    series = {}
    for dim in DIMENSIONS:
        chosen = [v for v in query.filters.get(dim, []) if v != ALL]
        if dim in key:
            series[dim] = key[dim]
        elif len(chosen) > 1:
            return {}
        else:
            series[dim] = chosen[0] if chosen else ALL
    return series


def judge(
    query: SeriesQuery,
    *,
    method: str = "auto",
    params: dict[str, Any] | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    time_limit: float | None = None,
) -> list[Judgement]:
    """Judge every series of the query; ValueError (one line) on bad parameters or a fit that
    runs past ``time_limit`` seconds."""
    params = dict(params or {})
    nowcast_wanted = params.pop("nowcast", None) is not False
    nowcast_alarms = params.pop("nowcast_alarms", None)
    if nowcast_alarms is None:
        nowcast_alarms = settings.MONITORING_NOWCAST_ALARMS
    query = query.normalised()
    periods, frame = series_frame(query)
    today = timezone.localdate()
    delays = live_delays(today) if nowcast_wanted and query.dataset.name == Dataset.LIVE else None
    ends = [next_period(p, query.period_kind) - dt.timedelta(days=1) for p in periods]
    min_count = MIN_COUNT if params.get("min_count") is None else int(params["min_count"])
    min_ratio = MIN_RATIO if params.get("min_ratio") is None else float(params["min_ratio"])
    frequency = 52 if query.period_kind == "week" else 12
    category_dim = "category" if "category" in query.by else "strand"
    out: list[Judgement] = []
    noun = "reports" if query.dataset.kind == DatasetKind.LIVE else "incidents"
    shown = [
        i for i, p in enumerate(periods)
        if not ((date_from and p < date_from) or (date_to and p > date_to))
    ]  # fmt: skip
    if METHOD_NAMES[method] == "auto" and len(shown) < len(periods):
        # auto judges each period on its own history: judging only the periods shown gives
        # the same results for them, and the weekly job (8 weeks of 10 years) far less work.
        params = {**params, "range": shown}
    for values, counts in frame.items():
        key = dict(zip(query.by, values, strict=True))
        series = series_of(query, key)
        try:
            with detection.time_limit(time_limit):
                result = run_series(counts, periods, frequency, method, params)
        except detection.FitTimeout as error:
            name = ", ".join(values) or "the overall total"
            raise ValueError(
                f"series {name}: {error}; try fewer periods or --time-limit"
            ) from error
        corrected = (
            nowcast_series(counts, periods, ends, delays, today) if delays else [None] * len(counts)
        )
        for i, period in enumerate(periods):
            if (date_from and period < date_from) or (date_to and period > date_to):
                continue
            item = result.explanation[i]
            expected, upper = _number(result.expected[i]), _number(result.upper[i])
            period_method = getattr(item, "method", None) or result.method
            words = sentence(
                observed=int(counts[i]), expected=expected, upper=upper, period=period,
                period_kind=query.period_kind, item=item, method=period_method,
                params=result.params, noun=noun,
            )  # fmt: skip
            nc = corrected[i]
            alarm_on = "observed" if result.alarm[i] else ""
            if (
                nc is not None and nowcast_alarms and not alarm_on and result.judged[i]
                and METHOD_NAMES[method] == "auto" and expected is not None and upper is not None
                and alarms_on_nowcast(nc, expected, upper, min_count=min_count,
                                      min_ratio=min_ratio)
            ):  # fmt: skip
                alarm_on = "nowcast"
            if nc is not None:
                words = f"{words} {nowcast_words(nc, alarm_on == 'nowcast')}".strip()
            named: dict[str, Any] = {
                dim: _label(key, dim, query.filters)
                for dim in ("community", "online", "crime_type")
                if dim in key or query.filters.get(dim)
            }
            out.append(
                Judgement(
                    area=_label(key, "area", query.filters),
                    category=_label(key, category_dim, query.filters),
                    strand=key.get("strand", ""),
                    **named,
                    period=period,
                    observed=int(counts[i]),
                    expected=expected,
                    upper=upper,
                    alarm=bool(alarm_on),
                    alarm_on=alarm_on,
                    completeness=None if nc is None else round(nc.completeness, 3),
                    nowcast=None if nc is None else round(nc.estimate, 1),
                    nowcast_low=None if nc is None else round(nc.low, 1),
                    nowcast_high=None if nc is None else round(nc.high, 1),
                    score=_number(result.score[i]),
                    judged=bool(result.judged[i]),
                    method=period_method,
                    explanation=explain(item, result.method, words),
                    series=series,
                )
            )
    mark_episodes(out, query.period_kind)
    return out
