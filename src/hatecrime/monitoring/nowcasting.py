"""The nowcast for live data (ADR 0902): delays learnt from when reports were made.

Reads only two dates of each report of the learning window (when it happened, when it was
reported), never its content; detection runs that use it are audited with the run
(`actions.do_save_detection_run`). The statistics are in `detection.nowcast`.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
from django.utils import timezone

from hatecrime.reporting.models import Report

from .detection.nowcast import MAX_DELAY, WINDOW, DelayDistribution, estimate_delays


def live_delays(today: dt.date | None = None) -> DelayDistribution | None:
    """The delay distribution of live reports as of ``today`` (None with too few reports)."""
    today = today or timezone.localdate()
    first = today - dt.timedelta(days=MAX_DELAY + WINDOW)
    rows = Report.objects.filter(occurred_on__gte=first, occurred_on__lte=today).values_list(
        "occurred_on", "submitted_at"
    )
    occurred, reported = [], []
    for day, when in rows.iterator(chunk_size=5000):
        occurred.append(day)
        reported.append(timezone.localtime(when).date())
    return estimate_delays(np.array(occurred, dtype="datetime64[D]"),
                           np.array(reported, dtype="datetime64[D]"), today)  # fmt: skip
