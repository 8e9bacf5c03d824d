"""The community tension view: for one community group (core.Community, with its communities),
crimes and non-crime hate incidents (NCHIs) per area over the last 4 and 13 complete weeks, with
the trigger events and the alarms of those weeks, as the weekly community reference group call
needs (issue 13 item 8; docs/adr/0913-community-tension-view.md).

Counts are read from the weekly cells of the live cube (one aggregate query: every dimension
but area, community and crime type is `ALL`). The staff page shows them as they are; what leaves
the service (the PDF) is protected per community: rows are areas, columns the four counts, with
totals over all areas (`disclosure.protect`), and an alarm's words (which name its count) appear
only where that count is shown.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q, Sum

from hatecrime.core import communities
from hatecrime.core.models import Area, Community

from .disclosure import ProtectedTable, protect
from .explain import in_words, period_label
from .models import ALL, Alarm, Dataset, SeriesCount, TriggerEvent
from .rollups import week_start
from .selectors import alarms_of, latest_verdicts, trigger_events

COLUMNS = ["Crimes, 4 weeks", "NCHIs, 4 weeks", "Crimes, 13 weeks", "NCHIs, 13 weeks"]
HIDDEN_ALARM = "a rise above the expected level (the count is hidden to protect small numbers)"


@dataclass
class CommunityBlock:
    """One community (or the whole group) across areas."""

    code: str
    name: str
    areas: list[str]  # area slugs with any count in the 13 weeks
    counts: list[list[int]]  # per area: crimes 4w, NCHIs 4w, crimes 13w, NCHIs 13w
    alarms: list[Alarm] = field(default_factory=list)

    def totals(self) -> list[int]:
        return [sum(column) for column in zip(*self.counts, strict=True)] or [0] * 4

    def protected(self) -> ProtectedTable:
        return protect(self.counts, column_totals=True)


@dataclass
class Tension:
    group: Community
    first_13: dt.date
    first_4: dt.date
    last: dt.date  # the Monday of the last complete week
    blocks: list[CommunityBlock]
    events: list[TriggerEvent]
    area_names: dict[str, str]

    def alarm_lines(self, *, protected: bool) -> list[tuple[str, list[str]]]:
        """(community name, alarms in words) per block with alarms; with `protected`, an
        alarm's count is named only when the block's protected table shows that area's 4- or
        13-week count (the alarm's week is inside both)."""
        out = []
        for block in self.blocks:
            lines = []
            table = block.protected() if protected else None
            for alarm in block.alarms:
                where = self.area_names.get(alarm.area, alarm.area) if alarm.area else "All areas"
                words = in_words(alarm.explanation) or "above the expected level"
                if table is not None and alarm.area in block.areas:
                    i = block.areas.index(alarm.area)
                    if not all(table.shown(i, j) for j in range(4)):
                        words = HIDDEN_ALARM
                elif table is not None and alarm.area:
                    words = HIDDEN_ALARM
                lines.append(f"{where}, {period_label(alarm.period_start, 'week')}: {words}")
            if lines:
                lines.sort()
                out.append((block.name, lines))
        return out


def tension_groups() -> list[Community]:
    """Top-level groups of the taxonomy, in its order (each has a reference group call)."""
    return list(Community.objects.filter(is_active=True, parent__isnull=True))


def build_tension(*, dataset: Dataset, group: Community, today: dt.date) -> Tension:
    last = week_start(today) - dt.timedelta(weeks=1)
    first_13, first_4 = last - dt.timedelta(weeks=12), last - dt.timedelta(weeks=3)
    members = list(Community.objects.filter(parent=group, is_active=True))
    codes = [group.code, *(m.code for m in members)]
    words = communities.labels()
    rows = (
        SeriesCount.objects.filter(
            dataset=dataset, period_kind="week", strand=ALL, category=ALL, online=ALL,
            community__in=codes, crime_type__in=["crime", "nchi"],
            period_start__gte=first_13, period_start__lte=last,
        )
        .exclude(area=ALL)
        .values("community", "area", "crime_type")
        .annotate(weeks_13=Sum("count"), weeks_4=Sum("count", filter=Q(period_start__gte=first_4)))
    )  # fmt: skip
    found: dict[str, dict[str, list[int]]] = {code: {} for code in codes}
    for row in rows:
        counts = found[row["community"]].setdefault(row["area"], [0, 0, 0, 0])
        k = 0 if row["crime_type"] == "crime" else 1
        counts[k] += row["weeks_4"] or 0
        counts[k + 2] += row["weeks_13"] or 0
    series: dict[str, str | list[str] | None] = {
        "area": None, "strand": ALL, "category": ALL, "community": codes, "online": ALL,
        "crime_type": ALL,
    }  # fmt: skip
    alarms = alarms_of(latest_verdicts(dataset, "week", first_13, last, series).values())
    blocks = []
    for code in codes:
        areas = sorted(area for area, counts in found[code].items() if any(counts))
        name = (
            f"All {words.get(code, code)}" if code == group.code and members
            else words.get(code, code)
        )  # fmt: skip
        blocks.append(
            CommunityBlock(
                code=code,
                name=name,
                areas=areas,
                counts=[found[code][area] for area in areas],
                alarms=[a for a in alarms if a.community == code],
            )
        )
    return Tension(
        group=group,
        first_13=first_13,
        first_4=first_4,
        last=last,
        blocks=blocks,
        events=trigger_events(first_13, last + dt.timedelta(days=6)),
        area_names=dict(Area.objects.values_list("slug", "name")),
    )
