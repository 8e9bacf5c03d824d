"""Demo data: counts from the demo reports, trigger events, detection runs (with notices)."""

import datetime as dt
from typing import Any

from hatecrime.core.demo import demo_step

from .alarms import judge, save_run
from .jobs import notify_new_alarms
from .models import TriggerEvent
from .rollups import live_datasets, refresh_live_rollups
from .series import SeriesQuery

EVENTS = [
    (dt.date(2016, 6, 23), "EU referendum"),
    (dt.date(2020, 3, 23), "COVID-19 lockdown, March 2020"),
    (dt.date(2023, 10, 7), "7 October 2023 attack and its aftermath"),
]


@demo_step(40)
def monitoring_demo(**options: Any) -> str:
    """Runs after the reports (step 20) and the case work (step 30) so that it counts both."""
    cells = refresh_live_rollups()
    for date, label in EVENTS:
        TriggerEvent.objects.get_or_create(date=date, label=label)
    by_incident, _ = live_datasets()
    alarms = {}
    # The dashboard shows the latest run: area x strand (the weekly job's shape) goes last.
    for by in (["area", "community"], ["strand"], ["area", "strand"]):
        query = SeriesQuery(dataset=by_incident, period_kind="week", by=by)
        run = save_run(query, judge(query), method="auto", params={})
        alarms[",".join(by)] = run.alarm_count
    notices = notify_new_alarms(run)
    found = ", ".join(f"{n} by {by}" for by, n in alarms.items())
    return f"monitoring: {cells} count cells, alarms {found}, {notices} alarm notices"
