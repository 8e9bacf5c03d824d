"""Incident files (one row per incident): FBI Crime Data Explorer, NYPD hate crimes, generic CSV.

Each incident adds one to the weekly and monthly cells of its area and of each of its
categories (see rollups.cube_cells). Several biases in one FBI field (`Anti-Black;Anti-Jewish`)
count once in each category and each strand, and once, not twice, in "all categories".
Incidents with a natural key (FBI INCIDENT_ID, NYPD Full Complaint ID) are counted once even if
a file repeats them; a repeat is reported as a rejection.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

from ..models import PeriodKind
from .reading import (
    FBI_DATE_FORMATS,
    ISO_DATE_FORMATS,
    ImportFailed,
    Row,
    RowRejected,
    alias_key,
    normalise,
    parse_count,
    parse_date,
)


@dataclass
class Options:
    date_column: str | None = None
    area_column: str | None = None
    category_column: str | None = None
    count_column: str | None = None
    period_column: str | None = None
    # Tried in turn; a value two of them read as different dates is refused as ambiguous.
    date_formats: tuple[str, ...] = ()
    include_special: bool = False
    period_kind: str = "month"
    area_value: str | None = None  # one area for every row (no area column)
    category_value: str | None = None  # one category for every row (no category column)
    category_separator: str | None = None  # several categories in one cell (csv format)
    aliases: dict[str, str] = field(default_factory=dict)  # alias_key(label) -> category


@dataclass
class Incident:
    day: dt.date
    area: str
    categories: list[str]
    online: str = ""
    count: int = 1


@dataclass
class IncidentFormat:
    key_column: str | None
    columns: Callable[[Options], dict[str, str | None]]
    date_formats: tuple[str, ...]
    split: str | None = None
    online: Callable[[Row], str] | None = None


def column_of(option: str | None, default: str) -> str:
    return normalise(option) if option else default


def _fbi_columns(o: Options) -> dict[str, str | None]:
    return {
        "date": column_of(o.date_column, "incident_date"),
        "area": column_of(o.area_column, "state_abbr"),
        "category": column_of(o.category_column, "bias_desc"),
        "count": column_of(o.count_column, "") or None,
    }


def _fbi_online(row: Row) -> str:
    if "location_name" not in row.values:
        return ""
    return "online" if "cyberspace" in row.get("location_name").lower() else "offline"


def _nypd_columns(o: Options) -> dict[str, str | None]:
    return {
        "date": column_of(o.date_column, "record_create_date"),
        "area": column_of(o.area_column, "patrol_borough_name"),
        "category": column_of(o.category_column, "bias_motive_description"),
        "count": column_of(o.count_column, "") or None,
    }


def _csv_columns(o: Options) -> dict[str, str | None]:
    return {
        "date": column_of(o.date_column, "date"),
        "area": None if o.area_value else column_of(o.area_column, "area"),
        "category": None if o.category_value else column_of(o.category_column, "category"),
        "count": normalise(o.count_column) if o.count_column else None,
    }


DAY_DIRECTIVES = ("%d", "%-d", "%j")
MONTH_DIRECTIVES = ("%m", "%-m", "%b", "%B", "%j")


def period_kinds_of(date_formats: tuple[str, ...]) -> tuple[str, ...]:
    """The periods the date formats can place an incident in: week and month, or month only
    when any of them has no day (a row in that format cannot be placed in a week).

    A format with no month (``%Y``) is refused: its dates would all land on 1 January.
    """
    for date_format in date_formats:
        if not any(d in date_format for d in MONTH_DIRECTIVES):
            raise ImportFailed(
                f"--date-format {date_format!r} has no month: a year-only date cannot be placed "
                "in a week or a month (it would land on 1 January); give at least a month, "
                "e.g. %Y-%m"
            )
    if any(not any(d in f for d in DAY_DIRECTIVES) for f in date_formats):
        return (PeriodKind.MONTH,)  # month-only dates: monthly counts only
    return (PeriodKind.WEEK, PeriodKind.MONTH)


def canonical(categories: list[str], aliases: dict[str, str]) -> list[str]:
    """Each category under its one name (the alias file's), each once."""
    named = (aliases.get(alias_key(c), c) for c in categories)
    return list(dict.fromkeys(named))


FORMATS: dict[str, IncidentFormat] = {
    "fbi": IncidentFormat("incident_id", _fbi_columns, FBI_DATE_FORMATS, ";", _fbi_online),
    "nypd": IncidentFormat("full_complaint_id", _nypd_columns, ("%m/%d/%Y", "%Y-%m-%d")),
    "csv": IncidentFormat(None, _csv_columns, ISO_DATE_FORMATS),
}


class IncidentParser:
    def __init__(self, fmt: str, options: Options) -> None:
        self.format = FORMATS[fmt]
        self.columns = self.format.columns(options)
        self.date_formats = options.date_formats or self.format.date_formats
        self.period_kinds = period_kinds_of(options.date_formats)
        self.options = options
        self.split = options.category_separator or self.format.split
        if fmt != "csv" and (options.area_value or options.category_value):
            raise ImportFailed("--area-value and --category-value are for --format csv only")
        self.seen: set[bytes] = set()

    def required(self) -> list[str]:
        needed = [c for c in self.columns.values() if c]
        if self.format.key_column:
            needed.append(self.format.key_column)
        return needed

    def parse(self, row: Row) -> Incident:
        key_column = self.format.key_column
        if key_column:
            key = row.get(key_column)
            if not key:
                raise RowRejected(f"no {key_column}")
            digest = hashlib.blake2b(key.encode(), digest_size=12).digest()
            if digest in self.seen:
                raise RowRejected(f"duplicate {key_column} {key!r}: counted once already")
            # Added only once the row is otherwise valid (below), so a bad first copy does not
            # make a good second copy a "duplicate".
        day = parse_date(row.get(str(self.columns["date"])), self.date_formats)
        area = self.options.area_value or row.get(str(self.columns["area"]))
        if not area:
            raise RowRejected(f"no area ({self.columns['area']})")
        raw = self.options.category_value or row.get(str(self.columns["category"]))
        parts = raw.split(self.split) if self.split else [raw]
        categories = canonical([p.strip() for p in parts if p.strip()], self.options.aliases)
        if not categories:
            raise RowRejected(f"no category ({self.columns['category']})")
        count_column = self.columns["count"]
        count = parse_count(row.get(count_column)) if count_column else 1
        online = self.format.online(row) if self.format.online else ""
        if key_column:
            self.seen.add(digest)
        return Incident(day=day, area=area, categories=categories, online=online, count=count)
