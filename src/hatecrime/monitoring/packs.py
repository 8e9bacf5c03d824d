"""Community reference group packs and open data: figures safe to share outside the police.

A pack covers one area or one community over the last 12 months (or 52 weeks): counts per
strand and period, the same period a year before, the change, alarms, and case outcomes. Every
table goes through `disclosure.protect` (counts 1-4 as "fewer than 5", secondary suppression
against the published totals); changes are shown only when both counts are shown.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field

from django.db.models import Count

from hatecrime.cases.models import Case, Outcome
from hatecrime.core import communities
from hatecrime.core.models import CENTRAL_STRANDS, strand_label

from .disclosure import ProtectedTable, derived, protect
from .explain import in_words
from .models import ALL, Dataset, DetectionRun, SeriesCount
from .pdf import text_pdf
from .rollups import period_start
from .selectors import Filters, alarms_of, latest_verdicts, runs_named, year_before
from .series import period_range

# The published series use the five centrally monitored strands; locally monitored strands
# count in "All strands" (docs/adr/0410-one-home-for-each-code-list.md).
STRAND_COLUMNS = [ALL, *(strand.value for strand in CENTRAL_STRANDS)]


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

    def judgement_note(self) -> str:
        """Which runs the alarms come from, or that no stored run has judged these series."""
        if not self.runs:
            return "No detection run has judged these series yet, so no alarm can be shown."
        named = "; ".join(
            f"run {r.pk} of {r.started_at:%Y-%m-%d} ({r.method})" for r in self.runs[:3]
        )
        return f"Alarms from the latest detection run that judged each period: {named}."

    def rows(self) -> list[list[str]]:
        """One row per period: for each strand, count, year before, change."""
        out = []
        for i, period in enumerate(self.periods):
            row = [period.isoformat()]
            for j in range(len(self.columns)):
                change = derived(
                    (self.now.values[i][j], self.now.shown(i, j)),
                    (self.before.values[i][j], self.before.shown(i, j)),
                    combine="difference",
                )
                row += [self.now.cell(i, j), self.before.cell(i, j), change]
            out.append(row)
        totals = ["Total"]
        assert self.now.column_totals is not None and self.before.column_totals is not None
        for j in range(len(self.columns)):
            totals += [self.now.column_total(j), self.before.column_total(j)]
            totals.append(
                derived(
                    (self.now.column_totals[j], not self.now.column_total_hidden[j]),
                    (self.before.column_totals[j], not self.before.column_total_hidden[j]),
                    combine="difference",
                )
            )
        out.append(totals)
        return out

    def header(self) -> list[str]:
        head = ["Period starting"]
        for column in self.columns:
            label = strand_heading(column)
            head += [label, f"{label}: year before", f"{label}: change"]
        return head


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
    now = [_counts(filters, s, periods) for s in STRAND_COLUMNS]
    then = [_counts(filters, s, before_periods) for s in STRAND_COLUMNS]
    transpose = lambda columns: [list(r) for r in zip(*columns, strict=True)]  # noqa: E731
    pack = Pack(
        title=area or (communities.describe([community]) if community else "All areas"),
        period_kind=period_kind,
        periods=periods,
        columns=STRAND_COLUMNS,
        now=protect(transpose(now), column_totals=True),
        before=protect(transpose(then), column_totals=True),
    )
    series: dict[str, str | list[str] | None] = {
        "area": area, "strand": STRAND_COLUMNS, "category": ALL, "community": community,
        "online": ALL, "crime_type": ALL,
    }  # fmt: skip
    verdicts = latest_verdicts(dataset, period_kind, first, last, series).values()
    pack.runs = runs_named(verdicts)
    pack.alarms = [
        f"{a.period_start.isoformat()}: {strand_heading(a.strand)}"
        f": {in_words(a.explanation) or 'above the expected level'} (run {a.run_id}, {a.method})"
        for a in alarms_of(verdicts)
    ]
    outcomes = _outcomes(area, first) if not community else []
    if outcomes:
        table = protect([[n] for _, n in outcomes], column_totals=True)
        pack.outcomes = [(name, table.cell(i, 0)) for i, (name, _) in enumerate(outcomes)]
        pack.outcomes.append(("Total", table.column_total(0)))
    return pack


def pack_csv(pack: Pack) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(pack.header())
    writer.writerows(pack.rows())
    return out.getvalue()


def pack_pdf(pack: Pack) -> bytes:
    lines: list[tuple[str, int]] = [
        (f"Hate crime community pack: {pack.title}", 16),
        (
            "Counts of 1 to 4 are shown as 'fewer than 5'; [x] hides a figure that could "
            "reveal one.",
            8,
        ),
        ("", 8),
    ]
    rows = pack.rows()
    for j, column in enumerate(pack.columns):
        lines.append((strand_heading(column), 12))
        lines.append(("Period starting      Count        Year before    Change", 9))
        for row in rows:
            cells = row[1 + 3 * j : 4 + 3 * j]
            lines.append((f"{row[0]:<20} {cells[0]:<14} {cells[1]:<14} {cells[2]}", 9))
        lines.append(("", 8))
    lines.append(("Alarms (significant rises)", 12))
    lines.append((pack.judgement_note(), 8))
    lines += [(a, 9) for a in pack.alarms]
    if pack.outcomes:
        lines.append(("Outcomes of cases", 12))
        lines += [(f"{name}: {value}", 9) for name, value in pack.outcomes]
    return text_pdf(lines)


def open_data_csv(*, dataset: Dataset, period_kind: str = "month") -> str:
    """Every area x strand x period, protected per strand and period against the London total."""
    cells = SeriesCount.objects.filter(
        dataset=dataset, period_kind=period_kind, category=ALL, community=ALL, online=ALL,
        crime_type=ALL, strand__in=STRAND_COLUMNS,
    )  # fmt: skip
    periods = sorted(set(cells.values_list("period_start", flat=True)))
    areas = sorted(set(cells.exclude(area=ALL).values_list("area", flat=True)))
    found = {(c.area, c.strand, c.period_start): c.count for c in cells.exclude(area=ALL)}
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["period_start", "strand", *areas, "total"])
    for strand in STRAND_COLUMNS:
        values = [[found.get((a, strand, p), 0) for a in areas] for p in periods]
        if not values or not areas:
            continue
        table = protect(values, row_totals=True)
        for i, p in enumerate(periods):
            writer.writerow(
                [p.isoformat(), strand or "all", *(table.cell(i, j) for j in range(len(areas))),
                 table.row_total(i)]
            )  # fmt: skip
    return out.getvalue()
