"""Streaming a CSV file: a text stream over the bytes (never the whole file), a progress bar by
bytes on stderr, header names that ignore case and punctuation, and line numbers for rejections.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import os
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from tqdm import tqdm

csv.field_size_limit(10_000_000)


class ImportFailed(Exception):
    """The file cannot be imported at all (e.g. missing columns): nothing is written."""


class RowRejected(Exception):
    """One row cannot be imported; the reason is reported with its line number."""


@dataclass
class Summary:
    rows_read: int = 0
    rows_imported: int = 0
    rows_rejected: int = 0
    blank_lines: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    unrecognised_categories: dict[str, int] = field(default_factory=dict)
    rejections: list[tuple[int, str]] = field(default_factory=list)
    cells_written: int = 0
    sha256: str = ""

    def reject(self, line: int, reason: str) -> None:
        self.rows_rejected += 1
        self.rejections.append((line, reason))

    def skip(self, reason: str) -> None:
        self.skipped[reason] = self.skipped.get(reason, 0) + 1

    def lines(self) -> list[str]:
        out = [
            f"rows read: {self.rows_read}",
            f"rows imported: {self.rows_imported}",
            f"rows rejected: {self.rows_rejected}",
        ]
        if self.blank_lines:
            out.append(f"blank lines ignored: {self.blank_lines}")
        out += [f"rows skipped ({reason}): {n}" for reason, n in sorted(self.skipped.items())]
        out += [
            f"category not recognised, kept as given in strand 'other': {name!r} ({n} rows)"
            for name, n in sorted(self.unrecognised_categories.items())
        ]
        out.append(f"count cells written: {self.cells_written}")
        return out


class _Progress(io.RawIOBase):
    """Bytes from a file, advancing a progress bar and a checksum as they are read."""

    def __init__(self, raw: IO[bytes], bar: Any) -> None:
        self.raw, self.bar, self.digest = raw, bar, hashlib.sha256()

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.raw.read(len(buffer))
        buffer[: len(data)] = data
        self.bar.update(len(data))
        self.digest.update(data)
        return len(data)


def normalise(name: str) -> str:
    """`INCIDENT_DATE`, `Incident Date` and ` incident-date ` are the same column."""
    return re.sub(r"[^0-9a-z]+", "_", name.strip().lower()).strip("_")


@dataclass
class Row:
    line: int
    values: dict[str, str]

    def get(self, column: str) -> str:
        return self.values.get(column, "").strip()


class CsvStream:
    """Rows of a CSV file as dicts keyed by normalised header names, with their line numbers."""

    def __init__(self, path: str, *, encoding: str = "utf-8-sig", progress: bool = True) -> None:
        self.path, self.encoding, self.progress = path, encoding, progress
        self.header: list[str] = []
        self.sha256 = ""

    def rows(self, summary: Summary, required: list[str]) -> Iterator[Row]:
        size = os.path.getsize(self.path)
        bar = tqdm(
            total=size, unit="B", unit_scale=True, file=sys.stderr, disable=not self.progress,
            desc=os.path.basename(self.path), leave=False,
        )  # fmt: skip
        with open(self.path, "rb") as raw:
            counted = _Progress(raw, bar)
            # utf-8-sig drops a byte-order mark; newline="" lets csv handle CRLF and newlines
            # inside quoted fields.
            text = io.TextIOWrapper(io.BufferedReader(counted), encoding=self.encoding, newline="")
            reader = csv.reader(text)
            self.header = []
            for fields in reader:
                if any(f.strip() for f in fields):
                    self.header = [normalise(f) for f in fields]
                    break
            if not self.header:
                raise ImportFailed("the file is empty: no header row")
            missing = [c for c in required if c not in self.header]
            if missing:
                raise ImportFailed(
                    "missing column(s): " + ", ".join(missing)
                    + "; found: " + ", ".join(self.header)
                )  # fmt: skip
            last_line = reader.line_num
            for fields in reader:
                line, last_line = last_line + 1, reader.line_num
                if not any(f.strip() for f in fields):
                    summary.blank_lines += 1
                    continue
                summary.rows_read += 1
                if len(fields) != len(self.header):
                    summary.reject(line, f"expected {len(self.header)} fields, found {len(fields)}")
                    continue
                yield Row(line, dict(zip(self.header, fields, strict=True)))
            self.sha256 = counted.digest.hexdigest()
        bar.close()


FBI_DATE_FORMATS = ("%Y-%m-%d", "%d-%b-%y", "%d-%b-%Y", "%m/%d/%Y")
ISO_DATE_FORMATS = ("%Y-%m-%d",)


def parse_date(value: str, formats: tuple[str, ...] = ISO_DATE_FORMATS) -> dt.date:
    """A date in one of the given formats; ISO date-times keep their date part."""
    text = value.strip()
    if not text:
        raise RowRejected("no date")
    if re.match(r"^\d{4}-\d{2}-\d{2}[T ]", text):
        text = text[:10]
    for fmt in formats:
        try:
            day = dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
        if day > dt.date.today() or day.year < 1900:
            raise RowRejected(f"date out of range: {value!r}")
        return day
    raise RowRejected(f"bad date: {value!r}")


def parse_count(value: str) -> int:
    text = value.strip().replace(",", "")
    if not re.fullmatch(r"\d+(\.0+)?", text):
        raise RowRejected(f"bad count: {value!r}")
    return int(float(text))
