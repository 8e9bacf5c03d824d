"""Demo data: counts from the demo reports, trigger events, detection runs (with notices)."""

import datetime as dt
from typing import Any

from hatecrime.core.demo import demo_step

from .actions import (
    SYSTEM,
    WEEKLY_SHAPES,
    do_notify_new_alarms,
    do_record_trigger_event,
    do_refresh_live_rollups,
    do_run_detection,
)
from .models import TriggerEvent
from .rollups import ensure_live_datasets
from .series import SeriesQuery

EVENTS = [
    (dt.date(2016, 6, 23), "EU referendum"),
    (dt.date(2020, 3, 23), "COVID-19 lockdown, March 2020"),
    (dt.date(2023, 10, 7), "7 October 2023 attack and its aftermath"),
]


@demo_step(40)
def monitoring_demo(**options: Any) -> str:
    """Runs after the reports (step 20) and the case work (step 30) so that it counts both.
    The runs judge the whole history in the weekly job's shapes, so every period the dashboard
    shows by default has a stored judgement."""
    cells = do_refresh_live_rollups(actor=SYSTEM)
    for date, label in EVENTS:
        if not TriggerEvent.objects.filter(date=date, label=label).exists():
            do_record_trigger_event(actor=SYSTEM, date=date, label=label)
    by_incident, _ = ensure_live_datasets()
    alarms = {}
    for period_kind in ("month", "week"):
        for by in WEEKLY_SHAPES:
            query = SeriesQuery(dataset=by_incident, period_kind=period_kind, by=by)
            run = do_run_detection(actor=SYSTEM, query=query, scheduled=True)
            alarms[f"{period_kind} by {','.join(by) or 'total'}"] = run.alarm_count
    notices = do_notify_new_alarms(run=run)
    found = ", ".join(f"{n} {shape}" for shape, n in alarms.items())
    return f"monitoring: {cells} count cells, alarms {found}, {notices} alarm notices"
