"""Series files (counts already aggregated): the Met's wide monthly format and a long CSV.

Met wide: `Borough, MajorText, MinorText, 201004, 201005, ...` gives one monthly count per
borough x MinorText. Rows whose MajorText is `Special` are skipped (and counted in the summary)
unless asked for; non-borough units (e.g. aviation security) are kept as areas of their own.
An empty month cell is taken as 0 and counted in the summary. A non-numeric cell rejects the
whole row, so a row is either imported whole or not at all.

Long CSV: `period, area, category, count` (names configurable); a period is `YYYY-MM`,
`YYYYMM` or an ISO date, placed in the week (Monday) or month that contains it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Protocol

from ..rollups import period_start
from .incidents import Options, column_of
from .reading import Row, RowRejected, Summary, parse_count, parse_date


@dataclass
class SeriesCell:
    period_start: dt.date
    area: str
    category: str
    count: int


def parse_period(value: str, period_kind: str) -> dt.date:
    text = value.strip()
    match = re.fullmatch(r"(\d{4})-?(\d{2})", text)
    if match:
        year, month = int(match[1]), int(match[2])
        if not (1 <= month <= 12 and 1900 <= year <= dt.date.today().year):
            raise RowRejected(f"bad period: {value!r}")
        day = dt.date(year, month, 1)
    else:
        try:
            day = parse_date(text)
        except RowRejected as error:
            raise RowRejected(f"bad period: {value!r}") from error
    return period_start(day, period_kind)


class MpsWide:
    period_kind = "month"

    def __init__(self, options: Options) -> None:
        self.include_special = options.include_special

    def required(self) -> list[str]:
        return ["borough", "majortext", "minortext"]

    def cells(self, row: Row, summary: Summary) -> Iterator[SeriesCell]:
        if row.get("majortext").lower() == "special" and not self.include_special:
            summary.skip("MajorText 'Special'; use --include-special to import them")
            return
        area, category = row.get("borough"), row.get("minortext")
        if not area or not category:
            raise RowRejected("no Borough or no MinorText")
        parsed: list[SeriesCell] = []
        for column, value in row.values.items():
            if not re.fullmatch(r"\d{6}", column):
                continue
            start = parse_period(column, "month")
            if not value.strip():
                summary.skip("empty month cell, taken as 0 (cells, not rows)")
                count = 0
            else:
                try:
                    count = parse_count(value)
                except RowRejected as error:
                    raise RowRejected(f"column {column}: {error}") from error
            parsed.append(SeriesCell(start, area, category, count))
        yield from parsed


class LongCsv:
    def __init__(self, options: Options) -> None:
        self.period_kind = options.period_kind
        self.period = column_of(options.period_column or options.date_column, "period")
        self.area = column_of(options.area_column, "area")
        self.category = column_of(options.category_column, "category")
        self.count = column_of(options.count_column, "count")

    def required(self) -> list[str]:
        return [self.period, self.area, self.category, self.count]

    def cells(self, row: Row, summary: Summary) -> Iterator[SeriesCell]:
        start = parse_period(row.get(self.period), self.period_kind)
        area, category = row.get(self.area), row.get(self.category)
        if not area or not category:
            raise RowRejected("no area or no category")
        yield SeriesCell(start, area, category, parse_count(row.get(self.count)))


class SeriesReader(Protocol):
    period_kind: str

    def required(self) -> list[str]: ...

    def cells(self, row: Row, summary: Summary) -> Iterator[SeriesCell]: ...


SERIES_FORMATS: dict[str, Callable[[Options], SeriesReader]] = {"mps-wide": MpsWide, "csv": LongCsv}
