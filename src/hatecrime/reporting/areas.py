"""The active areas, cached per process for intake (docs/adr/0301-intake-performance.md).

Validating and routing a report needs the area of a slug: two queries per report before the
cache. Areas change a few times a year (an administrator renames one, sets its CSU phone,
deactivates it), so each process keeps them for a short while: a save or delete of an Area in
this process forgets them at once and again when it commits (core.caches); other processes see
the change within `TTL_SECONDS`.
Inside a transaction the cache is neither read nor filled: what a transaction sees (perhaps its
own uncommitted change, later rolled back) must not outlive it. Callers get a copy, so nothing
they do to it can leak into the cache.
"""

import threading
import time

from django.db import connection

from hatecrime.core.caches import forget_on_change
from hatecrime.core.models import Area
from hatecrime.core.rows import copy_instance

TTL_SECONDS = 10.0

_lock = threading.Lock()
_cached: tuple[float, dict[str, Area], Area | None] | None = None


def _query() -> tuple[float, dict[str, Area], Area | None]:
    areas = list(Area.objects.filter(is_active=True).order_by("id"))
    active = {area.slug: area for area in areas}
    triage = next((area for area in areas if area.is_triage), None)
    if triage is None:  # an inactive triage area still receives reports (as before)
        triage = Area.objects.filter(is_triage=True).order_by("id").first()
    return time.monotonic(), active, triage


def _load() -> tuple[float, dict[str, Area], Area | None]:
    global _cached
    if connection.in_atomic_block:
        return _query()
    current = _cached
    if current is not None and time.monotonic() - current[0] < TTL_SECONDS:
        return current
    with _lock:
        _cached = _query()
        return _cached


def active_area(slug: str) -> Area | None:
    """The active area with this slug, or None."""
    area = _load()[1].get(slug)
    return copy_instance(area) if area is not None else None


def is_active_slug(slug: str) -> bool:
    return slug in _load()[1]


def triage_area() -> Area | None:
    area = _load()[2]
    return copy_instance(area) if area is not None else None


def forget_areas() -> None:
    global _cached
    _cached = None


forget_on_change(Area, forget_areas, "reporting-areas")
