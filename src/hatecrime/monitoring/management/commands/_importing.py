"""What the two import commands share: column options, the summary, the rejects file."""

from __future__ import annotations

import argparse
import csv
import sys
from typing import Any

from django.core.management.base import CommandError

from hatecrime.monitoring.importers import ImportFailed, Options, Summary, read_aliases


def add_common_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file")
    parser.add_argument("--dataset", required=True, help="the dataset to import into (a slug)")
    parser.add_argument("--date-column", help="the column holding the date [by format]")
    parser.add_argument("--area-column", help="the column holding the area [by format]")
    parser.add_argument("--category-column", help="the column holding the category [by format]")
    parser.add_argument("--count-column", help="a column holding a count per row [1 a row]")
    parser.add_argument("--encoding", default="utf-8-sig", help="the file's text encoding [utf-8]")
    parser.add_argument(
        "--aliases",
        help="a CSV of label,category lines mapping variants of a label (case and punctuation "
        "ignored) to one category, e.g. Anti-Black,Anti-Black or African American [none]",
    )
    parser.add_argument("--rejects", help="write every rejected line number and reason here")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")


def options_from(opts: dict[str, Any]) -> Options:
    aliases = read_aliases(opts["aliases"]) if opts.get("aliases") else {}
    date_formats = opts.get("date_format") or ()
    if isinstance(date_formats, str):  # call_command(date_format="%Y-%m")
        date_formats = (date_formats,)
    return Options(
        aliases=aliases,
        date_column=opts.get("date_column"),
        area_column=opts.get("area_column"),
        category_column=opts.get("category_column"),
        count_column=opts.get("count_column"),
        period_column=opts.get("period_column"),
        date_formats=tuple(date_formats),
        include_special=bool(opts.get("include_special")),
        period_kind=opts.get("period_kind") or "month",
        area_value=opts.get("area_value"),
        category_value=opts.get("category_value"),
        category_separator=opts.get("category_separator"),
    )


def run_import(function: Any, fmt: str, opts: dict[str, Any]) -> Summary:
    try:
        summary: Summary = function(
            opts["file"],
            dataset=opts["dataset"],
            fmt=fmt,
            options=options_from(opts),
            encoding=opts["encoding"],
            progress=not opts["no_progress"],
        )
    except (ImportFailed, FileNotFoundError) as error:
        raise CommandError(f"{opts['file']}: {error}; nothing was imported") from error
    for line, reason in summary.rejections:
        print(f"rejected line {line}: {reason}", file=sys.stderr)
    for text in summary.lines():
        print(text, file=sys.stderr)
    if opts.get("rejects"):
        with open(opts["rejects"], "w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out)
            writer.writerow(["line", "reason"])
            writer.writerows(summary.rejections)
    return summary
