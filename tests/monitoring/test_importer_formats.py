"""An analyst's own data in without reshaping (issue 13, item 6): several date formats in one
column (an ambiguous day/month refused, never guessed), an alias file mapping label variants to
one category, Excel workbooks, and `hatecrime datasets` listing what there is to judge."""

import datetime as dt
import json
from collections.abc import Callable

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from hatecrime.monitoring.models import Dataset, SeriesCount
from monitoring.test_importers import cell, run

WriteCsv = Callable[[str, str], str]
pytestmark = pytest.mark.django_db


def months(dataset):
    rows = SeriesCount.objects.filter(
        dataset__name=dataset, period_kind="month", area="", category="", strand=""
    ).filter(community="", online="", crime_type="")
    return {row.period_start: row.count for row in rows}


def test_a_column_in_several_date_formats(write_csv: WriteCsv, tmp_path) -> None:
    text = "date,area,category\n2026-03-05,Leeds,Anti-Jewish\n05/04/2026,Leeds,Anti-Jewish\n"
    path = write_csv("d.csv", text)
    run("import_incidents", path, dataset="mixed", format="csv",
        date_format=["%Y-%m-%d", "%d/%m/%Y"])  # fmt: skip
    assert months("mixed") == {dt.date(2026, 3, 1): 1, dt.date(2026, 4, 1): 1}


def test_a_date_two_formats_read_differently_is_refused_as_ambiguous(
    write_csv: WriteCsv, capsys
) -> None:
    text = "date,area,category\n03/04/2026,Leeds,Anti-Jewish\n13/04/2026,Leeds,Anti-Jewish\n"
    path = write_csv("a.csv", text)
    run("import_incidents", path, dataset="amb", format="csv",
        date_format=["%d/%m/%Y", "%m/%d/%Y"])  # fmt: skip
    err = capsys.readouterr().err
    assert "rejected line 2: ambiguous date '03/04/2026': 2026-04-03 (%d/%m/%Y) or " in err
    assert "2026-03-04 (%m/%d/%Y); give only one --date-format" in err
    # 13/04 can only be 13 April: imported, and nothing was placed in March.
    assert months("amb") == {dt.date(2026, 4, 1): 1}


def test_a_month_only_format_among_others_makes_the_dataset_monthly(write_csv: WriteCsv) -> None:
    text = "date,area,category\n2026-03-05,Leeds,Anti-Jewish\n2026-04,Leeds,Anti-Jewish\n"
    path = write_csv("m.csv", text)
    run("import_incidents", path, dataset="mo", format="csv",
        date_format=["%Y-%m-%d", "%Y-%m"])  # fmt: skip
    assert months("mo") == {dt.date(2026, 3, 1): 1, dt.date(2026, 4, 1): 1}
    assert not SeriesCount.objects.filter(dataset__name="mo", period_kind="week").exists()


def test_a_year_only_format_among_others_is_still_refused(write_csv: WriteCsv) -> None:
    path = write_csv("y.csv", "date,area,category\n2026-03-05,Leeds,Anti-Jewish\n")
    with pytest.raises(CommandError, match="'%Y' has no month"):
        run("import_incidents", path, dataset="y", format="csv",
            date_format=["%Y-%m-%d", "%Y"])  # fmt: skip
    assert not Dataset.objects.filter(name="y").exists()


ALIASES = (
    "label,category\n"
    "Anti-Black,Anti-Black or African American\n"
    "ANTI BLACK,Anti-Black or African American\n"
)


def test_an_alias_file_makes_label_variants_one_category(write_csv: WriteCsv) -> None:
    text = (
        "date,area,category\n"
        "2026-03-02,Leeds,Anti-Black\n"
        "2026-03-03,Leeds,anti-black or african american\n"
        "2026-03-04,Leeds,Anti-Black or African American\n"
        "2026-03-05,Leeds,Anti-Black|Anti-Black or African American\n"
    )
    path = write_csv("c.csv", text)
    aliases = write_csv("aliases.csv", ALIASES)
    run("import_incidents", path, dataset="al", format="csv", aliases=aliases,
        category_separator="|")  # fmt: skip
    categories = set(
        SeriesCount.objects.filter(dataset__name="al").values_list("category", flat=True)
    )
    # The variant in other case and punctuation is the alias file's category too; the row that
    # names both variants counts once.
    assert categories == {"", "Anti-Black or African American"}
    category = "Anti-Black or African American"
    assert cell("al", period_kind="month", strand="race", category=category) == 4
    assert cell("al", period_kind="month") == 4


@pytest.mark.parametrize(
    ("aliases", "message"),
    [
        ("name,value\nA,B\n", "needs a header row with label and category"),
        ("label,category\nA,B\na,C\n", "line 3: 'a' is already mapped to 'B'"),
        ("label,category\nA,\n", "line 2: a label and a category"),
    ],
)
def test_a_bad_alias_file_is_a_one_line_error(write_csv: WriteCsv, aliases, message) -> None:
    path = write_csv("c.csv", "date,area,category\n2026-03-02,Leeds,A\n")
    with pytest.raises(CommandError, match=message):
        run("import_incidents", path, dataset="bad", format="csv",
            aliases=write_csv("a.csv", aliases))  # fmt: skip
    assert not Dataset.objects.filter(name="bad").exists()


def workbook(path, rows):
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    book.save(path)
    return str(path)


def test_an_excel_workbook_with_date_cells_and_text_dates(tmp_path) -> None:
    path = workbook(
        tmp_path / "incidents.xlsx",
        [
            ["Incident Date", "Borough", "Bias", "Victims"],
            [dt.datetime(2026, 3, 2, 14, 0), "Leeds", "Anti-Jewish", 2.0],
            ["05/04/2026", "Leeds", "Anti-Jewish", 1],
            [None, None, None, None],
        ],
    )
    run("import_incidents", path, dataset="xl", format="csv", date_column="Incident Date",
        area_column="Borough", category_column="Bias", count_column="Victims",
        date_format="%d/%m/%Y")  # fmt: skip
    assert months("xl") == {dt.date(2026, 3, 1): 2, dt.date(2026, 4, 1): 1}


def test_a_file_named_xlsx_that_is_not_a_workbook_is_a_one_line_error(tmp_path) -> None:
    path = tmp_path / "fake.xlsx"
    path.write_text("date,area,category\n")
    with pytest.raises(CommandError, match=r"not a readable \.xlsx workbook"):
        run("import_incidents", str(path), dataset="fake", format="csv")


def test_datasets_lists_areas_categories_periods_and_counts(write_csv: WriteCsv, capsys) -> None:
    text = (
        "date,area,category\n2026-03-02,Leeds,Anti-Jewish\n"
        "2026-04-07,York,Anti-Black\n2026-04-08,York,Anti-Jewish\n"
    )
    run("import_incidents", write_csv("c.csv", text), dataset="north", format="csv")
    capsys.readouterr()
    call_command("datasets")
    out = capsys.readouterr().out
    assert "north (imported, csv)" in out
    assert "periods: month, week; 2026-03-01 to 2026-04-01" in out
    assert "incidents: 3" in out
    assert "areas (2): Leeds, York" in out and "categories (2): Anti-Black, Anti-Jewish" in out
    call_command("datasets", "--output", "json")
    (north,) = [d for d in json.loads(capsys.readouterr().out) if d["name"] == "north"]
    assert north["total"] == 3 and north["areas"] == ["Leeds", "York"]


def test_datasets_with_none_says_how_to_make_one(capsys) -> None:
    call_command("datasets")
    assert "no datasets: import one" in capsys.readouterr().out
