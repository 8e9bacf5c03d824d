"""Demo data: counts from the demo reports, trigger events, one detection run."""

import datetime as dt

from hatecrime.core.demo import demo_step

from .alarms import judge, save_run
from .models import TriggerEvent
from .rollups import live_datasets, refresh_live_rollups
from .series import SeriesQuery

EVENTS = [
    (dt.date(2016, 6, 23), "EU referendum"),
    (dt.date(2020, 3, 23), "COVID-19 lockdown, March 2020"),
    (dt.date(2023, 10, 7), "7 October 2023 attack and its aftermath"),
]


@demo_step(40)
def monitoring_demo() -> None:
    refresh_live_rollups()
    for date, label in EVENTS:
        TriggerEvent.objects.get_or_create(date=date, label=label)
    by_incident, _ = live_datasets()
    for by in (["area", "strand"], ["strand"]):
        query = SeriesQuery(dataset=by_incident, period_kind="week", by=by)
        save_run(query, judge(query), method="auto", params={})
