"""Run an import: stream the file, count into cells, write them in one transaction.

Writing sets each cell to the count found in the file (an upsert), so importing the same file
twice changes nothing, and importing a newer, longer release of a file updates the counts.
A file that fails as a whole (missing columns, undecodable bytes) writes nothing.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from django.db import transaction

from ..models import ALL, Dataset, DatasetKind, ImportRun
from ..rollups import CellKey, add_record, write_cells
from .incidents import IncidentParser, Options, canonical
from .reading import ISO_DATE_FORMATS, ImportFailed, RowRejected, Summary, XlsxStream, open_rows
from .series import SERIES_FORMATS
from .strands import strand_for


def _labels(categories: list[str], summary: Summary) -> list[tuple[str, str]]:
    labels = []
    for category in categories:
        strand = strand_for(category)
        if strand is None:
            summary.unrecognised_categories[category] = (
                summary.unrecognised_categories.get(category, 0) + 1
            )
            strand = "other"
        labels.append((strand, category))
    return labels


def _dataset(name: str, source_format: str, totals: bool) -> Dataset:
    dataset, _ = Dataset.objects.get_or_create(
        name=name,
        defaults={
            "kind": DatasetKind.IMPORTED,
            "source_format": source_format,
            "has_category_totals": totals,
        },
    )
    if dataset.kind != DatasetKind.IMPORTED:
        raise ImportFailed(f"{name!r} is a live dataset: choose another name")
    return dataset


def _save(
    path: str, name: str, fmt: str, counter: Counter[CellKey], summary: Summary, sha256: str,
    *, totals: bool,
) -> Summary:  # fmt: skip
    summary.sha256 = sha256
    with transaction.atomic():
        dataset = _dataset(name, fmt, totals)
        summary.cells_written = write_cells(dataset, counter)
        ImportRun.objects.create(
            dataset=dataset,
            file_name=Path(path).name[:300],
            file_sha256=sha256,
            source_format=fmt,
            rows_read=summary.rows_read,
            rows_imported=summary.rows_imported,
            rows_rejected=summary.rows_rejected,
            cells_written=summary.cells_written,
        )
    return summary


def import_incidents(
    path: str, *, dataset: str, fmt: str, options: Options | None = None,
    encoding: str = "utf-8-sig", progress: bool = True,
) -> Summary:  # fmt: skip
    parser = IncidentParser(fmt, options or Options())
    stream = open_rows(path, encoding=encoding, progress=progress)
    if isinstance(stream, XlsxStream):  # date cells arrive as ISO dates, text cells as written
        parser.date_formats = tuple(dict.fromkeys((*parser.date_formats, *ISO_DATE_FORMATS)))
    summary = Summary()
    counter: Counter[CellKey] = Counter()
    try:
        for row in stream.rows(summary, parser.required()):
            try:
                incident = parser.parse(row)
            except RowRejected as error:
                summary.reject(row.line, str(error))
                continue
            add_record(
                counter, incident.day, period_kinds=parser.period_kinds,
                count=incident.count, area=incident.area,
                labels=_labels(incident.categories, summary), community=ALL,
                online=incident.online, crime_type=ALL,
            )  # fmt: skip
            summary.rows_imported += 1
    except UnicodeDecodeError as error:
        raise ImportFailed(f"the file is not {encoding} text ({error}); try --encoding") from error
    return _save(path, dataset, fmt, counter, summary, stream.sha256, totals=True)


def import_series(
    path: str, *, dataset: str, fmt: str, options: Options | None = None,
    encoding: str = "utf-8-sig", progress: bool = True,
) -> Summary:  # fmt: skip
    options = options or Options()
    reader = SERIES_FORMATS[fmt](options)
    stream = open_rows(path, encoding=encoding, progress=progress)
    summary = Summary()
    counter: Counter[CellKey] = Counter()
    try:
        for row in stream.rows(summary, reader.required()):
            try:
                cells = list(reader.cells(row, summary))
            except RowRejected as error:
                summary.reject(row.line, str(error))
                continue
            if not cells and row.get("majortext").lower() == "special":
                continue
            for cell in cells:
                labels = _labels(canonical([cell.category], options.aliases), summary)
                # A series row is one category: no "all categories" cell, because published
                # series overlap (Anti-Semitic is inside Faith Hate Crime); the detector sums
                # categories only when asked to (see selectors.series_frame).
                for area in (cell.area, ALL):
                    for strand, category in labels:
                        key = (reader.period_kind, cell.period_start, area, strand, category,
                               ALL, ALL, ALL)  # fmt: skip
                        counter[key] += cell.count
            summary.rows_imported += 1
    except UnicodeDecodeError as error:
        raise ImportFailed(f"the file is not {encoding} text ({error}); try --encoding") from error
    return _save(path, dataset, f"series-{fmt}", counter, summary, stream.sha256, totals=False)
