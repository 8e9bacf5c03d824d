"""hatecrime detect --dataset NAME|live --period week|month --by area,category [options]

Parameters are named after R's surveillance::farringtonFlexible (b, w, reweight, ...); a
parameter not given keeps the method's own default (R's). The run and its alarms are kept for
the dashboard unless --no-save.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hatecrime.monitoring.alarms import METHOD_NAMES, judge, save_run
from hatecrime.monitoring.models import Dataset
from hatecrime.monitoring.rollups import refresh_live_rollups
from hatecrime.monitoring.series import SeriesQuery

BY_CHOICES = {"area", "category", "strand", "community", "online", "crime_type"}
FIELDS = ["area", "category", "period", "observed", "expected", "upper", "alarm", "score"]


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


class Command(BaseCommand):
    help = "Judge weekly or monthly series of a dataset for significant rises (spikes)."

    def add_arguments(self, parser: CommandParser) -> None:
        add = parser.add_argument
        add("--dataset", required=True, help="a dataset name, or live / live-reported")
        add("--period", choices=["week", "month"], default="week")
        add("--by", default="area,category", help="any of area,category,strand (comma separated)")
        add("--area", action="append", default=[])
        add("--category", action="append", default=[])
        add("--strand", action="append", default=[])
        add("--method", choices=list(METHOD_NAMES), default="auto")
        add("--from", dest="date_from", type=_date)
        add("--to", dest="date_to", type=_date)
        add("--output", choices=["table", "csv", "json"], default="table")
        add("--alarms-only", action="store_true", help="print only the periods in alarm")
        add("--no-save", action="store_true", help="do not keep the run for the dashboard")
        add("--b", type=int)
        add("--w", type=int)
        add("--reweight", action="store_true", default=None)
        add("--no-reweight", dest="reweight", action="store_false")
        add("--weights-threshold", type=float)
        add("--alpha", type=float)
        add("--trend", action="store_true", default=None)
        add("--no-trend", dest="trend", action="store_false")
        add("--p-threshold-trend", type=float)
        add("--limit54", type=_limit54)
        add("--powertrans", choices=["2/3", "1/2", "none"])
        add("--no-periods", type=int)
        add("--past-weeks-not-included", type=int)
        add("--threshold-method", choices=["nbPlugin", "delta", "muan"])
        add("--baseline", type=int, help="EARS: baseline periods (R default 7)")
        add("--min-sigma", type=float, help="EARS: minimum sigma")
        add("--c-arl", type=float, help="GLR-NB: threshold c.ARL (R default 5)")

    def handle(self, *args: Any, **opts: Any) -> None:
        name = "live" if opts["dataset"] == "live" else opts["dataset"]
        if name in (Dataset.LIVE, Dataset.LIVE_REPORTED):
            refresh_live_rollups()
        dataset = Dataset.objects.filter(name=name).first()
        if dataset is None:
            raise CommandError(f"no dataset {name!r}; import one first (import_incidents)")
        by = [d.strip() for d in opts["by"].split(",") if d.strip()]
        unknown = set(by) - BY_CHOICES
        if unknown:
            raise CommandError(f"--by: unknown {sorted(unknown)}; choose from {sorted(BY_CHOICES)}")
        filters = {
            k: opts[k] for k in ("area", "category", "strand") if opts[k]
        }  # fmt: skip
        query = SeriesQuery(dataset=dataset, period_kind=opts["period"], by=by, filters=filters)
        params = {
            "b": opts["b"], "w": opts["w"], "reweight": opts["reweight"],
            "weights_threshold": opts["weights_threshold"], "alpha": opts["alpha"],
            "trend": opts["trend"], "p_threshold_trend": opts["p_threshold_trend"],
            "limit54": opts["limit54"], "powertrans": opts["powertrans"],
            "no_periods": opts["no_periods"],
            "past_weeks_not_included": opts["past_weeks_not_included"],
            "threshold_method": opts["threshold_method"], "baseline": opts["baseline"],
            "min_sigma": opts["min_sigma"], "c_ARL": opts["c_arl"],
        }  # fmt: skip
        try:
            judgements = judge(
                query, method=opts["method"], params=params,
                date_from=opts["date_from"], date_to=opts["date_to"],
            )  # fmt: skip
        except ValueError as error:
            raise CommandError(str(error)) from error
        if not opts["no_save"]:
            save_run(query, judgements, method=opts["method"], params=params)
        shown = [j for j in judgements if j.alarm] if opts["alarms_only"] else judgements
        rows = [j.as_dict() for j in shown]
        write = self.stdout.write
        if opts["output"] == "json":
            write(json.dumps(rows, indent=1))
        elif opts["output"] == "csv":
            columns = [*FIELDS, *_extra(by), "judged", "method", "explanation"]
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
            alarms = sum(1 for r in rows if r["alarm"])
            self.stderr.write(f"{len(rows)} periods shown, {alarms} in alarm")
