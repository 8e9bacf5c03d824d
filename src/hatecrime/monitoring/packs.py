"""Community reference group packs: figures safe to share outside the police.

A pack covers one area or one community over the last 12 months (or 52 weeks): counts per
strand and period, the same period a year before, the change, alarms, and case outcomes.
Strands with no report in either year are left out. An area pack (and the all-areas pack)
takes every figure from the protected open data lines (`open_data.protected_cube`), so the
pack and the public file agree and together reveal no hidden count; its totals over periods
are shown only when every period is shown (docs/adr/0911-packs-share-the-open-data-protection.md).
A community pack is protected on its own (`disclosure.protect`, with its column totals): the
open data has no community dimension. A change is shown only when both counts are shown, and an
alarm's words (which name the count) only when its count is shown.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field

from django.db.models import Count

from hatecrime.cases.models import Case, Outcome
from hatecrime.core import communities
from hatecrime.core.models import strand_label

from .disclosure import SHOWN, ProtectedTable, derived, protect
from .explain import in_words, period_label
from .models import ALL, Alarm, Dataset, DetectionRun, SeriesCount
from .open_data import STRAND_COLUMNS, protected_cube
from .rollups import period_start
from .selectors import Filters, TrendPoint, alarms_of, latest_verdicts, runs_named, year_before
from .series import period_range

HIDDEN_ALARM = "a rise above the expected level (the count is hidden to protect small numbers)"


def strand_heading(code: str) -> str:
    return "All strands" if code == ALL else strand_label(code)


@dataclass
class Pack:
    title: str
    period_kind: str
    periods: list[dt.date]
    columns: list[str]
    now: ProtectedTable
    before: ProtectedTable
    alarms: list[str] = field(default_factory=list)
    runs: list[DetectionRun] = field(default_factory=list)  # those that judged these series
    outcomes: list[tuple[str, str]] = field(default_factory=list)
    alarms_by_strand: dict[str, list[str]] = field(default_factory=dict)
    verdicts: dict[tuple[str, dt.date], tuple[float | None, float | None, bool]] = field(
        default_factory=dict
    )

    def judgement_note(self) -> str:
        """Which runs the alarms come from, or that no stored run has judged these series."""
        if not self.runs:
            return "No detection run has judged these series yet, so no alarm can be shown."
        named = "; ".join(
            f"run {r.pk} of {r.started_at:%Y-%m-%d} ({r.method})" for r in self.runs[:3]
        )
        return f"Alarms from the latest detection run that judged each period: {named}."

    def series_rows(self, j: int) -> list[list[str]]:
        """One series (a strand): per period its count, the year before and the change, then
        the totals (shown only where no figure they add up is hidden)."""
        rows = []
        for i, period in enumerate(self.periods):
            change = derived(
                (self.now.values[i][j], self.now.shown(i, j)),
                (self.before.values[i][j], self.before.shown(i, j)),
                combine="difference",
            )
            rows.append(
                [self.period_name(period), self.now.cell(i, j), self.before.cell(i, j), change]
            )
        assert self.now.column_totals is not None and self.before.column_totals is not None
        now_shown = not self.now.column_total_hidden[j]
        before_shown = not self.before.column_total_hidden[j]
        change = derived(
            (self.now.column_totals[j], now_shown),
            (self.before.column_totals[j], before_shown),
            combine="difference",
        )
        rows.append(["Total", self.now.column_total(j), self.before.column_total(j), change])
        return rows

    def rows(self) -> list[list[str]]:
        """The CSV: one row per period, for each strand count, year before, change."""
        series = [self.series_rows(j) for j in range(len(self.columns))]
        out = []
        for i, period in enumerate([*(p.isoformat() for p in self.periods), "Total"]):
            row = [period]
            for rows in series:
                row += rows[i][1:]
            out.append(row)
        return out

    def header(self) -> list[str]:
        head = ["Period starting"]
        for column in self.columns:
            label = strand_heading(column)
            head += [label, f"{label}: year before", f"{label}: change"]
        return head

    def period_name(self, period: dt.date) -> str:
        return f"{period:%B %Y}" if self.period_kind == "month" else period.isoformat()

    def sentence(self, j: int) -> str:
        """The series in one sentence: its total against the year before, and its alarms."""
        label = strand_heading(self.columns[j])
        span = "12 months" if self.period_kind == "month" else "52 weeks"
        now, before = self.now.column_total(j), self.before.column_total(j)
        if self.now.column_total_hidden[j]:
            said = f"{label}: the total of these {span} is not shown, as it would reveal a count "
            said += "hidden to protect small numbers."
        elif self.before.column_total_hidden[j]:
            said = f"{label}: {now} in these {span}; the year before is not shown."
        else:
            said = f"{label}: {now} in these {span}, against {before} in the {span} before."
        alarms = self.alarms_by_strand.get(self.columns[j], [])
        if alarms:
            said += " Significant rise: " + "; ".join(alarms) + "."
        elif self.runs:
            said += " No significant rise."
        return said

    def series(self) -> list[tuple[str, str, list[list[str]]]]:
        """(heading, sentence, rows) for each series shown."""
        return [
            (strand_heading(c), self.sentence(j), self.series_rows(j))
            for j, c in enumerate(self.columns)
        ]

    def chart_points(self) -> list[TrendPoint] | None:
        """The "All strands" series for a chart, or None when a count in it is hidden (a chart
        would show it)."""
        if ALL not in self.columns:
            return None
        j = self.columns.index(ALL)
        if not all(self.now.shown(i, j) for i in range(len(self.periods))):
            return None
        before_shown = all(self.before.shown(i, j) for i in range(len(self.periods)))
        points = []
        for i, period in enumerate(self.periods):
            expected, upper, alarm = self.verdicts.get((ALL, period), (None, None, False))
            before = self.before.values[i][j] if before_shown else None
            points.append(TrendPoint(period, self.now.values[i][j], before, expected, upper, alarm))
        return points


def _counts(filters: Filters, strand: str, periods: list[dt.date]) -> list[int]:
    cells = SeriesCount.objects.filter(
        **{**filters.cell_filter(), "strand": strand},
        category=ALL,
        period_start__gte=periods[0],
        period_start__lte=periods[-1],
    )
    found = dict(cells.values_list("period_start", "count"))
    return [found.get(p, 0) for p in periods]


def _outcomes(area: str, first: dt.date) -> list[tuple[str, int]]:
    cases = Case.objects.exclude(outcome="").filter(report__occurred_on__gte=first)
    if area:
        cases = cases.filter(area__slug=area)
    labels = dict(Outcome.choices)
    rows = cases.values("outcome").annotate(n=Count("id")).order_by("outcome")
    return [(str(labels.get(r["outcome"], r["outcome"])), r["n"]) for r in rows]


def _from_cube(
    dataset: Dataset, area: str, period_kind: str, periods: list[dt.date], strands: list[str]
) -> ProtectedTable:
    """An area's figures exactly as the open data lines protect them; a total over periods is
    hidden when any period it adds up is hidden (so it reveals nothing the lines hide)."""
    cube = protected_cube(dataset, period_kind=period_kind, periods=periods)
    figures = [[cube.cell(area, strand, p) for strand in strands] for p in periods]
    values = [[value for value, _ in row] for row in figures]
    state = [[shown for _, shown in row] for row in figures]
    return ProtectedTable(
        values=values,
        state=state,
        column_totals=[sum(column) for column in zip(*values, strict=True)] if values else [],
        row_total_hidden=[False] * len(periods),
        column_total_hidden=[
            any(state[i][j] != SHOWN for i in range(len(periods))) for j in range(len(strands))
        ],
    )


def build_pack(
    *, dataset: Dataset, area: str = ALL, community: str = ALL, period_kind: str = "month",
    today: dt.date | None = None,
) -> Pack:  # fmt: skip
    today = today or dt.date.today()
    last = period_start(today, period_kind)
    first = period_start(last - dt.timedelta(days=364), period_kind)
    periods = period_range(first, last, period_kind)
    filters = Filters(dataset=dataset, period_kind=period_kind, area=area, community=community)
    before_periods = [year_before(p, period_kind) for p in periods]
    counted = {s: (_counts(filters, s, periods), _counts(filters, s, before_periods))
               for s in STRAND_COLUMNS}  # fmt: skip
    # A strand with no report in either year is left out, not printed as a column of zeros.
    strands = [s for s in STRAND_COLUMNS if any(counted[s][0]) or any(counted[s][1])]
    if community == ALL:
        now = _from_cube(dataset, area, period_kind, periods, strands)
        before = _from_cube(dataset, area, period_kind, before_periods, strands)
    else:
        transpose = lambda columns: [list(r) for r in zip(*columns, strict=True)]  # noqa: E731
        now = protect(transpose([counted[s][0] for s in strands]) or [[]], column_totals=True)
        before = protect(transpose([counted[s][1] for s in strands]) or [[]], column_totals=True)
    pack = Pack(
        title=area or (communities.describe([community]) if community else "All areas"),
        period_kind=period_kind,
        periods=periods,
        columns=strands,
        now=now,
        before=before,
    )
    series: dict[str, str | list[str] | None] = {
        "area": area, "strand": strands, "category": ALL, "community": community,
        "online": ALL, "crime_type": ALL,
    }  # fmt: skip
    verdicts = latest_verdicts(dataset, period_kind, first, last, series).values()
    pack.runs = runs_named(verdicts)
    pack.verdicts = {(v.series[1], v.period): (v.expected, v.upper, v.alarm) for v in verdicts}
    for alarm in alarms_of(verdicts):
        words = _alarm_words(pack, alarm)
        pack.alarms.append(f"{alarm.period_start.isoformat()}: {strand_heading(alarm.strand)}: "
                           f"{words} (run {alarm.run_id}, {alarm.method})")  # fmt: skip
        named = f"{period_label(alarm.period_start, period_kind)}, {words}"
        pack.alarms_by_strand.setdefault(alarm.strand, []).append(named)
    outcomes = _outcomes(area, first) if not community else []
    if outcomes:
        table = protect([[n] for _, n in outcomes], column_totals=True)
        pack.outcomes = [(name, table.cell(i, 0)) for i, (name, _) in enumerate(outcomes)]
        pack.outcomes.append(("Total", table.column_total(0)))
    return pack


def _alarm_words(pack: Pack, alarm: Alarm) -> str:
    """The alarm's explanation names its count: only when the pack shows that count."""
    if alarm.period_start in pack.periods and alarm.strand in pack.columns:
        i, j = pack.periods.index(alarm.period_start), pack.columns.index(alarm.strand)
        if pack.now.shown(i, j):
            return in_words(alarm.explanation) or "above the expected level"
    return HIDDEN_ALARM


def pack_csv(pack: Pack) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(pack.header())
    writer.writerows(pack.rows())
    return out.getvalue()
