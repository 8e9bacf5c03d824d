"""The open data: monthly counts per area and strand, safe to publish, for anyone to download.

Each (strand, month) is one line of the published cube: the count in every area and the total
(the sum of the areas). A line is protected on its own (`disclosure.protect` with its
total): counts of 1-4 are "fewer than 5", and a second figure is hidden wherever one hidden
figure could be worked out from the total. The area packs take their figures from the same
protected lines (`protected_cube`), so that the file and the packs together reveal nothing that
either hides (docs/adr/0910-open-data-published-from-storage.md).

The file is made by the worker (`jobs.publish_open_data_task`, daily) and written atomically
under HATECRIME_VAR_DIR; the public page serves the stored file and never counts anything.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from hatecrime.core.models import CENTRAL_STRANDS

from .disclosure import SECONDARY, SHOWN, ProtectedTable, protect
from .models import ALL, Dataset, SeriesCount

# The published series use the five centrally monitored strands; locally monitored strands
# count in "All strands" (docs/adr/0410-one-home-for-each-code-list.md).
STRAND_COLUMNS = [ALL, *(strand.value for strand in CENTRAL_STRANDS)]
FILE_NAME = "hate-crime-open-data.csv"
HEADER_START = ["period_start", "strand"]
EVERY = dt.timedelta(days=1)  # how often the worker makes the file (jobs.py)


def strand_code(strand: str) -> str:
    return strand or "all"


@dataclass
class ProtectedCube:
    """Every (strand, period) line of the published cube, protected."""

    areas: list[str]
    periods: list[dt.date]
    lines: dict[tuple[str, dt.date], ProtectedTable]

    def line(self, strand: str, period: dt.date) -> ProtectedTable:
        """A line with no count at all (a period before the first report) is all zeros."""
        empty = protect([[0] * len(self.areas)], row_totals=True)
        return self.lines.get((strand, period), empty)

    def cell(self, area: str, strand: str, period: dt.date) -> tuple[int, str]:
        """(value, state) of one area's figure, or of the total when `area` is ALL."""
        line = self.line(strand, period)
        if area == ALL:
            assert line.row_totals is not None
            return line.row_totals[0], SECONDARY if line.row_total_hidden[0] else SHOWN
        if area not in self.areas:
            return 0, SHOWN
        j = self.areas.index(area)
        return line.values[0][j], line.state[0][j]


def protected_cube(
    dataset: Dataset, *, period_kind: str = "month", periods: list[dt.date] | None = None
) -> ProtectedCube:
    """The area x strand x period counts, one indexed query, each line protected once (lines
    with the same counts are protected alike, so identical lines are protected once)."""
    cells = SeriesCount.objects.filter(
        dataset=dataset, period_kind=period_kind, category=ALL, community=ALL, online=ALL,
        crime_type=ALL, strand__in=STRAND_COLUMNS,
    ).exclude(area=ALL)  # fmt: skip
    if periods is not None:
        cells = cells.filter(period_start__in=periods)
    found: dict[tuple[str, dt.date], dict[str, int]] = {}
    areas: set[str] = set()
    for strand, period, area, count in cells.values_list(
        "strand", "period_start", "area", "count"
    ).iterator(chunk_size=10_000):
        found.setdefault((strand, period), {})[area] = count
        areas.add(area)
    ordered = sorted(areas)
    done: dict[tuple[int, ...], ProtectedTable] = {}
    lines = {}
    for key, counts in found.items():
        values = tuple(counts.get(area, 0) for area in ordered)
        if values not in done:
            done[values] = protect([list(values)], row_totals=True)
        lines[key] = done[values]
    return ProtectedCube(ordered, sorted({p for _, p in found}), lines)


def open_data_csv(*, dataset: Dataset, period_kind: str = "month") -> str:
    cube = protected_cube(dataset, period_kind=period_kind)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*HEADER_START, *cube.areas, "total"])
    for strand in STRAND_COLUMNS:
        for period in cube.periods:
            line = cube.line(strand, period)
            cells = [line.cell(0, j) for j in range(len(cube.areas))]
            writer.writerow([period.isoformat(), strand_code(strand), *cells, line.row_total(0)])
    return out.getvalue()


def open_data_path() -> Path:
    return Path(settings.OPEN_DATA_DIR) / FILE_NAME


def write_atomically(path: Path, text: str) -> None:
    """Readers see the old file or the new one, never half of one (a rename within one
    directory is atomic)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".open-data-", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
