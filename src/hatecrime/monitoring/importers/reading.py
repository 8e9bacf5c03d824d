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
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, Any

import openpyxl
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


def _check_columns(header: list[str], required: list[str]) -> None:
    missing = [c for c in required if c not in header]
    if missing:
        raise ImportFailed(
            "missing column(s): " + ", ".join(missing) + "; found: " + ", ".join(header)
        )


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
            _check_columns(self.header, required)
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


class XlsxStream:
    """Rows of the first worksheet of an Excel workbook (.xlsx), read as CsvStream's: header
    names normalised, values as text (dates as ISO dates, whole numbers without ".0"), line
    numbers as Excel shows them."""

    def __init__(self, path: str, *, progress: bool = True) -> None:
        self.path, self.progress = path, progress
        self.header: list[str] = []
        self.sha256 = ""

    @staticmethod
    def text(cell: Any) -> str:
        if cell is None:
            return ""
        if isinstance(cell, dt.datetime):
            return cell.date().isoformat()
        if isinstance(cell, dt.date):
            return cell.isoformat()
        if isinstance(cell, float) and cell.is_integer():
            return str(int(cell))
        return str(cell)

    def rows(self, summary: Summary, required: list[str]) -> Iterator[Row]:
        with open(self.path, "rb") as raw:
            self.sha256 = hashlib.sha256(raw.read()).hexdigest()
        try:
            book = openpyxl.load_workbook(self.path, read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
            raise ImportFailed(f"not a readable .xlsx workbook ({error})") from error
        try:
            sheet = book.worksheets[0]
            cells = sheet.iter_rows(values_only=True)
            line = 0
            for values in cells:
                line += 1
                if any(self.text(v).strip() for v in values):
                    self.header = [normalise(self.text(v)) for v in values]
                    break
            if not self.header:
                raise ImportFailed("the workbook's first sheet is empty: no header row")
            _check_columns(self.header, required)
            width = len(self.header)
            for values in cells:
                line += 1
                fields = [self.text(v) for v in values]
                if not any(f.strip() for f in fields):
                    summary.blank_lines += 1
                    continue
                summary.rows_read += 1
                if any(f.strip() for f in fields[width:]):
                    summary.reject(line, f"expected {width} fields, found {len(fields)}")
                    continue
                fields = (fields + [""] * width)[:width]
                yield Row(line, dict(zip(self.header, fields, strict=True)))
        finally:
            book.close()


def open_rows(path: str, *, encoding: str, progress: bool) -> CsvStream | XlsxStream:
    """The rows of a CSV file, or of an Excel workbook when the name ends in .xlsx."""
    if path.lower().endswith(".xlsx"):
        return XlsxStream(path, progress=progress)
    return CsvStream(path, encoding=encoding, progress=progress)


def alias_key(label: str) -> str:
    """ "Anti-Black or African American", "anti black or african-american": the same label."""
    return re.sub(r"[^0-9a-z]+", "", label.casefold())


def read_aliases(path: str) -> dict[str, str]:
    """An alias file: a CSV with the columns `label` and `category`, one variant per line,
    mapping each label variant (case and punctuation ignored) to one category; the category's
    own name, written in another case or punctuation, maps to it too."""
    try:
        with open(path, newline="", encoding="utf-8-sig") as handle:
            rows = list(csv.reader(handle))
    except (OSError, UnicodeDecodeError) as error:
        raise ImportFailed(f"--aliases {path}: cannot be read ({error})") from error
    header = [normalise(cell) for cell in rows[0]] if rows else []
    if "label" not in header or "category" not in header:
        raise ImportFailed(f"--aliases {path}: needs a header row with label and category")
    at_label, at_category = header.index("label"), header.index("category")
    aliases: dict[str, str] = {}
    for number, fields in enumerate(rows[1:], start=2):
        if not any(f.strip() for f in fields):
            continue
        if len(fields) != len(header):
            raise ImportFailed(f"--aliases {path} line {number}: expected {len(header)} fields")
        label, category = fields[at_label].strip(), fields[at_category].strip()
        if not label or not category:
            raise ImportFailed(f"--aliases {path} line {number}: a label and a category")
        key = alias_key(label)
        if aliases.get(key, category) != category:
            raise ImportFailed(
                f"--aliases {path} line {number}: {label!r} is already mapped to {aliases[key]!r}"
            )
        aliases[key] = category
    for category in set(aliases.values()):  # a category's own name, in any case, is itself
        aliases.setdefault(alias_key(category), category)
    return aliases


FBI_DATE_FORMATS = ("%Y-%m-%d", "%d-%b-%y", "%d-%b-%Y", "%m/%d/%Y")
ISO_DATE_FORMATS = ("%Y-%m-%d",)


def parse_date(value: str, formats: tuple[str, ...] = ISO_DATE_FORMATS) -> dt.date:
    """A date in one of the given formats; ISO date-times keep their date part. A value that
    two formats read as different dates (03/04/2026 under %d/%m/%Y and %m/%d/%Y) is refused as
    ambiguous rather than guessed."""
    text = value.strip()
    if not text:
        raise RowRejected("no date")
    if re.match(r"^\d{4}-\d{2}-\d{2}[T ]", text):
        text = text[:10]
    found: dict[dt.date, str] = {}
    for fmt in formats:
        try:
            found.setdefault(dt.datetime.strptime(text, fmt).date(), fmt)
        except ValueError:
            continue
    if len(found) > 1:
        readings = " or ".join(f"{day.isoformat()} ({fmt})" for day, fmt in found.items())
        raise RowRejected(f"ambiguous date {value!r}: {readings}; give only one --date-format")
    if not found:
        raise RowRejected(f"bad date: {value!r}")
    (day,) = found
    if day > dt.date.today() or day.year < 1900:
        raise RowRejected(f"date out of range: {value!r}")
    return day


def parse_count(value: str) -> int:
    text = value.strip().replace(",", "")
    if not re.fullmatch(r"\d+(\.0+)?", text):
        raise RowRejected(f"bad count: {value!r}")
    return int(float(text))
