"""hatecrime detect --dataset NAME|live --period week|month --by area,category|none [options]

Parameters are named after R's surveillance::farringtonFlexible (b, w, reweight, ...); a
parameter not given keeps its default (auto's, or the named method's, which are R's). Every
error is one line (CommandError), never a traceback; filters match ignoring case and
punctuation and an unknown value lists the valid ones. A run is exploratory: its alarms are
kept for the dashboard only with --save (the weekly job keeps its own runs).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hatecrime.monitoring.actions import do_refresh_live_rollups, do_save_detection_run
from hatecrime.monitoring.alarms import METHOD_NAMES, judge, mark_episodes
from hatecrime.monitoring.detection.auto import THRESHOLD
from hatecrime.monitoring.explain import in_words
from hatecrime.monitoring.models import Dataset
from hatecrime.monitoring.series import SeriesQuery, choose_period, resolve_filters

BY_CHOICES = {"area", "category", "strand", "community", "online", "crime_type"}
ACTOR = "command line"  # the audit's actor label for runs kept from `hatecrime detect`
FIELDS = ["area", "category", "period", "observed", "expected", "upper", "alarm", "score"]
# Live data (ADR 0902) and episodes (ADR 0901): csv and json carry these too.
NOWCAST_FIELDS = ["completeness", "nowcast", "nowcast_low", "nowcast_high", "alarm_on",
                  "episode_start", "episode_periods"]  # fmt: skip


def _extra(by: list[str]) -> list[str]:
    """Dimensions other than area and category that name a series (shown after the figures)."""
    return [d for d in ("community", "online", "crime_type") if d in by]


def _limit54(text: str) -> tuple[int, int]:
    try:
        cases, periods = (int(part) for part in text.split(","))
    except ValueError as error:
        raise CommandError("--limit54 takes two numbers: cases,periods (e.g. 5,4)") from error
    return cases, periods


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise CommandError(f"not an ISO date: {text!r}") from error


def _positive(kind: type, *, low: float, high: float | None = None, strict: bool = False
              ) -> Any:  # fmt: skip
    """An argparse type: a number of ``kind`` within [low, high] (or (low, ...) if strict)."""

    def parse(text: str) -> Any:
        try:
            value = kind(text)
        except ValueError as error:
            raise argparse.ArgumentTypeError(f"not a number: {text!r}") from error
        if value < low or (strict and value == low) or (high is not None and value > high):
            bound = f"more than {low:g}" if strict else f"at least {low:g}"
            raise argparse.ArgumentTypeError(
                f"{text} is out of range: must be {bound}"
                + (f" and at most {high:g}" if high else "")
            )
        return value

    return parse


def _switch(parser: CommandParser, name: str, on: str, off: str) -> None:
    """--NAME / --no-NAME, unset (None: the method's default) unless one is given."""
    parser.add_argument(f"--{name}", action="store_true", default=None, help=on)
    parser.add_argument(f"--no-{name}", dest=name, action="store_false", help=off)


_count, _ratio = _positive(int, low=0), _positive(float, low=0)
_above0 = _positive(float, low=0, strict=True)
SWITCHES = {
    "--reweight": "Farrington: count every baseline period fully",
    "--trend": "Farrington: never fit a time trend",
}
# The detection parameters: flag, type (or the list of choices), help with the default.
PARAMETER_OPTIONS: tuple[tuple[str, Any, str], ...] = (
    ("--min-count", _count, "auto: no alarm below this many reports in the period [3]"),
    ("--min-ratio", _ratio, "auto: no alarm below this many times the expected count [2]"),
    ("--b", _positive(int, low=1), "Farrington: years of history in the baseline [auto: the "
     "whole years available, at most 5; farrington: 5]"),
    ("--w", _count, "Farrington: periods either side of the same period in each past year [3]"),
    ("--reweight", None, "Farrington: count past outbreaks less in the baseline [on]"),
    ("--weights-threshold", _above0, "Farrington: Anscombe residual above which a past period "
     "counts less [2.58]"),
    ("--alpha", _positive(float, low=0, high=0.5, strict=True), "the chance of a false alarm "
     "in a quiet period that the threshold allows [0.05; EARS C1/C2 0.001, C3 0.025 as in R; "
     "auto's EARS alpha / 5]"),
    ("--trend", None, "Farrington: fit a time trend where significant, with 3 or more years "
     "[on]"),
    ("--p-threshold-trend", _positive(float, low=0, high=1, strict=True), "Farrington: p-value "
     "below which the trend is kept [0.05]"),
    ("--limit54", _limit54, "no alarm unless the last PERIODS periods hold CASES reports, as "
     "CASES,PERIODS [5,4]"),
    ("--powertrans", ["2/3", "1/2", "none"], "Farrington delta threshold: power transformation "
     "of the counts [2/3]"),
    ("--no-periods", _positive(int, low=1), "Farrington: seasonal levels in the baseline "
     "[auto: 10 weekly, 4 monthly; farrington: 1]"),
    ("--past-weeks-not-included", _count, "Farrington: latest periods left out of the "
     "baseline [auto: 26 weekly, 6 monthly; farrington: w]"),
    ("--threshold-method", ["nbPlugin", "delta", "muan"], "Farrington threshold: negative "
     "binomial quantile at the expected count (nbPlugin) or at its upper bound (muan), or the "
     f"2/3-power normal approximation (delta) [auto: {THRESHOLD}; farrington: delta]"),
    ("--baseline", _positive(int, low=3), "EARS: periods in the baseline [7]"),
    ("--min-sigma", _ratio, "EARS: smallest standard deviation used [auto 1; ears 0]"),
    ("--c-arl", _above0, "GLR-NB: the statistic at which it alarms (c.ARL) [5]"),
)  # fmt: skip


class Command(BaseCommand):
    help = (
        "Judge weekly or monthly series of a dataset for significant rises (spikes). The default "
        "method (auto) is Farrington-flexible with the improved settings of Noufaily et al. 2013 "
        "and a minimum count (ADR 0470); a named method runs exactly as R surveillance. Every "
        "parameter not given keeps its default, shown in brackets."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        add = parser.add_argument
        add(
            "--dataset",
            required=True,
            help="the dataset to judge: a name from import_incidents/import_series, or live "
            "(by the date it happened) or live-reported (by the date it was reported)",
        )
        add(
            "--period",
            choices=["week", "month"],
            help="judge weekly or monthly counts [week, or month when the dataset's dates are "
            "months only; week is refused there]",
        )
        add(
            "--by",
            default="area,category",
            help="what names a series, comma separated, from area, category, strand, community, "
            "online, crime_type; none for one overall total [area,category]",
        )
        add(
            "--area",
            action="append",
            default=[],
            help="only this area (repeatable; case and punctuation ignored) [all areas]",
        )
        add(
            "--category",
            action="append",
            default=[],
            help="only this category (repeatable; case and punctuation ignored) [all]",
        )
        add(
            "--strand",
            action="append",
            default=[],
            help="only this strand (repeatable; case and punctuation ignored) [all]",
        )
        add(
            "--method",
            choices=list(METHOD_NAMES),
            default="auto",
            help="auto (the operational default), or a method run exactly as R: farrington "
            "(farringtonFlexible), glrnb (algo.glrnb), ears-c1/c2/c3 (earsC); or glm-shift, "
            "auto's first-year GLM with a trend or level shift on its own (ADR 0900) [auto]",
        )
        add(
            "--from",
            dest="date_from",
            type=_date,
            help="show periods from this ISO date; the whole history is still used [first]",
        )
        add("--to", dest="date_to", type=_date, help="show periods up to this ISO date [last]")
        add(
            "--output",
            choices=["table", "csv", "json"],
            default="table",
            help="table (with each alarm explained in words), csv or json [table]",
        )
        add("--alarms-only", action="store_true", help="print only the periods in alarm [off]")
        add(
            "--save",
            action="store_true",
            help="keep the run and its alarms for the dashboard, the packs and the API; without "
            "it a run only prints [not kept]",
        )
        add(
            "--time-limit",
            type=_positive(float, low=0, strict=True),
            default=60.0,
            help="seconds one series may take before the run stops with an error [60]",
        )
        add(
            "--no-nowcast",
            dest="nowcast",
            action="store_false",
            help="live data: do not correct the last periods for reports not yet made (the "
            "nowcast, ADR 0902) [corrected]",
        )
        add(
            "--nowcast-alarms",
            dest="nowcast_alarms",
            action="store_true",
            default=None,
            help="auto on live data: also alarm when the corrected count's 90%% interval lies "
            "wholly above the threshold [on: setting MONITORING_NOWCAST_ALARMS]",
        )
        add(
            "--no-nowcast-alarms",
            dest="nowcast_alarms",
            action="store_false",
            help="alarm on the reported count only [off: the corrected count alarms too]",
        )
        for flag, kind, text in PARAMETER_OPTIONS:
            if isinstance(kind, list):
                add(flag, choices=kind, help=text)
            elif flag in SWITCHES:
                _switch(parser, flag[2:], text, SWITCHES[flag])
            else:
                add(flag, type=kind, help=text)

    def handle(self, *args: Any, **opts: Any) -> None:
        name = "live" if opts["dataset"] == "live" else opts["dataset"]
        if name in (Dataset.LIVE, Dataset.LIVE_REPORTED):
            do_refresh_live_rollups(actor=ACTOR)
        dataset = Dataset.objects.filter(name=name).first()
        if dataset is None:
            known = ", ".join(Dataset.objects.values_list("name", flat=True)) or "none yet"
            raise CommandError(
                f"no dataset {name!r}; import one first (import_incidents); datasets: {known}"
            )
        raw_by = opts["by"].strip()
        by = [] if raw_by.lower() == "none" else [d.strip() for d in raw_by.split(",") if d.strip()]
        unknown = set(by) - BY_CHOICES
        if unknown:
            raise CommandError(
                f"--by: unknown {sorted(unknown)}; choose from {sorted(BY_CHOICES)} or none"
            )
        asked = {k: opts[k] for k in ("area", "category", "strand") if opts[k]}
        try:
            period = choose_period(dataset, opts["period"], self.stderr.write)
            filters = resolve_filters(dataset, asked)
        except ValueError as error:
            raise CommandError(str(error)) from error
        query = SeriesQuery(dataset=dataset, period_kind=period, by=by, filters=filters)
        params = {
            "b": opts["b"], "w": opts["w"], "reweight": opts["reweight"],
            "weights_threshold": opts["weights_threshold"], "alpha": opts["alpha"],
            "trend": opts["trend"], "p_threshold_trend": opts["p_threshold_trend"],
            "limit54": opts["limit54"], "powertrans": opts["powertrans"],
            "no_periods": opts["no_periods"],
            "past_weeks_not_included": opts["past_weeks_not_included"],
            "threshold_method": opts["threshold_method"], "baseline": opts["baseline"],
            "min_sigma": opts["min_sigma"], "c_ARL": opts["c_arl"],
            "min_count": opts["min_count"], "min_ratio": opts["min_ratio"],
            "nowcast": opts["nowcast"], "nowcast_alarms": opts["nowcast_alarms"],
        }  # fmt: skip
        try:
            judgements = judge(
                query, method=opts["method"], params=params, date_from=opts["date_from"],
                date_to=opts["date_to"], time_limit=opts["time_limit"],
            )  # fmt: skip
        except ValueError as error:
            raise CommandError(str(error)) from error
        if opts["save"]:
            do_save_detection_run(
                actor=ACTOR, query=query, judgements=judgements, method=opts["method"],
                params=params,
            )  # fmt: skip
        shown = [j for j in judgements if j.alarm] if opts["alarms_only"] else judgements
        rows = [j.as_dict() for j in shown]
        write = self.stdout.write
        if opts["output"] == "json":
            write(json.dumps(rows, indent=1))
        elif opts["output"] == "csv":
            columns = [*FIELDS, *_extra(by), "judged", "method", *NOWCAST_FIELDS, "explanation"]
            writer = csv.DictWriter(
                self.stdout, fieldnames=columns, extrasaction="ignore", lineterminator="\n"
            )
            writer.writeheader()
            writer.writerows(rows)
        else:
            extra = _extra(by)
            series = " ".join(extra)
            write(f"{'area':<24} {'category':<32} {'period':<10} {'obs':>5} {'exp':>7} "
                  f"{'upper':>7} {'score':>6} alarm {series}".rstrip())  # fmt: skip
            for r in rows:
                expected = "" if r["expected"] is None else f"{r['expected']:.2f}"
                upper = "" if r["upper"] is None else f"{r['upper']:.2f}"
                score = "" if r["score"] is None else f"{r['score']:.2f}"
                write(f"{r['area'][:24]:<24} {r['category'][:32]:<32} {r['period']:<10} "
                      f"{r['observed']:>5} {expected:>7} {upper:>7} {score:>6} "
                      f"{'ALARM' if r['alarm'] else '':<5} "
                      f"{' '.join(r[d] for d in extra)}".rstrip())  # fmt: skip
                if r["alarm"] or r["nowcast"] is not None:
                    write(f"  {in_words(r['explanation'])}")
            alarms = sum(1 for r in rows if r["alarm"])
            episodes = [e for e in mark_episodes(shown, period) if e.periods]
            for e in episodes:
                item = e.items[0]
                name = " ".join(x for x in (item.area, item.category, *(
                    getattr(item, d) for d in _extra(by))) if x)  # fmt: skip
                dates = ", ".join(p.isoformat() for p in e.periods)
                unit = period if len(e.periods) == 1 else f"{period}s"
                write(f"episode: {name}: from {e.start} to {e.end}, {len(e.periods)} {unit} "
                      f"in alarm ({dates})")  # fmt: skip
            self.stderr.write(
                f"{len(rows)} periods shown, {alarms} in alarm in {len(episodes)} "
                f"episode{'' if len(episodes) == 1 else 's'}"
            )
