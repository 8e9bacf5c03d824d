"""Importing published files: FBI, NYPD, the Met's wide series, generic CSV."""

from collections.abc import Callable

import pytest
from django.core.management import CommandError, call_command

from hatecrime.monitoring.models import ALL, Dataset, ImportRun, SeriesCount

WriteCsv = Callable[[str, str], str]

FBI_HEADER = (
    "INCIDENT_ID,DATA_YEAR,ORI,PUB_AGENCY_NAME,PUB_AGENCY_UNIT,AGENCY_TYPE_NAME,STATE_ABBR,"
    "STATE_NAME,DIVISION_NAME,REGION_NAME,POPULATION_GROUP_CODE,POPULATION_GROUP_DESC,"
    "INCIDENT_DATE,ADULT_VICTIM_COUNT,JUVENILE_VICTIM_COUNT,TOTAL_OFFENDER_COUNT,"
    "ADULT_OFFENDER_COUNT,JUVENILE_OFFENDER_COUNT,OFFENDER_RACE,OFFENDER_ETHNICITY,VICTIM_COUNT,"
    "OFFENSE_NAME,TOTAL_INDIVIDUAL_VICTIMS,LOCATION_NAME,BIAS_DESC,VICTIM_TYPES,"
    "MULTIPLE_OFFENSE,MULTIPLE_BIAS"
)


def fbi_row(incident_id, state, date, bias, location="Residence/Home", agency="Town"):
    return (
        f'{incident_id},2020,X,"{agency}",,City,{state},S,,,,,{date},,,1,,,White,,1,'
        f'Intimidation,1,{location},"{bias}",Individual,S,S'
    )


def cell(dataset, **dims):
    wanted = {
        "period_kind": "week",
        "area": ALL,
        "strand": ALL,
        "category": ALL,
        "community": ALL,
        "online": ALL,
        "crime_type": ALL,
        **dims,
    }
    row = SeriesCount.objects.filter(dataset__name=dataset, **wanted).first()
    return row.count if row else 0


def run(*args, **kwargs):
    call_command(*args, "--no-progress", **kwargs)


@pytest.mark.django_db
def test_it_reads_both_fbi_date_styles_a_bom_and_crlf(write_csv):
    text = (
        "\ufeff"
        + "\r\n".join(
            [
                FBI_HEADER.lower(),
                fbi_row(1, "NY", "31-Aug-91", "Anti-Black or African American"),
                fbi_row(2, "NY", "1991-08-30", "Anti-Jewish"),
            ]
        )
        + "\r\n"
    )
    run("import_incidents", write_csv("fbi.csv", text), dataset="fbi", format="fbi")
    import datetime as dt

    monday = dt.date(1991, 8, 26)
    assert cell("fbi", area="NY", period_start=monday) == 2
    assert cell("fbi", area="NY", strand="race", period_start=monday) == 1
    assert (
        cell("fbi", area="NY", strand="religion", category="Anti-Jewish", period_start=monday) == 1
    )


@pytest.mark.django_db
def test_it_splits_several_biases_and_counts_the_incident_once_in_the_total(write_csv):
    text = "\n".join(
        [
            FBI_HEADER,
            fbi_row(
                1,
                "CA",
                "2020-03-20",
                "Anti-Asian;Anti-Jewish",
                location="Cyberspace",
                agency='Town, "Big"',
            ),
        ]
    )
    run("import_incidents", write_csv("fbi.csv", text), dataset="fbi", format="fbi")
    assert cell("fbi", area="CA", category="Anti-Asian", strand="race") == 1
    assert cell("fbi", area="CA", category="Anti-Jewish", strand="religion") == 1
    assert cell("fbi", area="CA") == 1
    assert cell("fbi", area="CA", online="online") == 1


@pytest.mark.django_db
def test_it_rejects_bad_dates_with_line_numbers_and_never_drops_silently(
    write_csv, tmp_path, capsys
):
    text = "\n".join(
        [
            FBI_HEADER,
            fbi_row(1, "NY", "2020-01-06", "Anti-Asian"),
            fbi_row(2, "NY", "32-Foo-20", "Anti-Asian"),
            "",
            fbi_row(3, "NY", "2020-01-07", ""),
            fbi_row(1, "NY", "2020-01-06", "Anti-Asian"),
        ]
    )
    rejects = tmp_path / "rejects.csv"
    run(
        "import_incidents",
        write_csv("fbi.csv", text),
        dataset="fbi",
        format="fbi",
        rejects=str(rejects),
    )
    err = capsys.readouterr().err
    assert "rejected line 3: bad date: '32-Foo-20'" in err
    assert "rejected line 5: no category" in err
    assert "rejected line 6: duplicate incident_id" in err
    assert "rows read: 4" in err and "rows imported: 1" in err and "rows rejected: 3" in err
    assert rejects.read_text().splitlines()[1:] == [
        "3,bad date: '32-Foo-20'",
        "5,no category (bias_desc)",
        "6,duplicate incident_id '1': counted once already",
    ]


@pytest.mark.django_db
def test_it_names_missing_columns_and_imports_nothing(write_csv):
    path = write_csv("fbi.csv", "INCIDENT_ID,STATE_ABBR\n1,NY\n")
    with pytest.raises(CommandError, match="missing column\\(s\\): incident_date, bias_desc"):
        run("import_incidents", path, dataset="fbi", format="fbi")
    assert not SeriesCount.objects.exists()


@pytest.mark.django_db
def test_it_keeps_unknown_categories_in_strand_other_and_says_so(write_csv, capsys):
    text = "\n".join([FBI_HEADER, fbi_row(1, "NY", "2020-01-06", "Anti-Martian")])
    run("import_incidents", write_csv("fbi.csv", text), dataset="fbi", format="fbi")
    assert cell("fbi", area="NY", strand="other", category="Anti-Martian") == 1
    assert "not recognised" in capsys.readouterr().err


@pytest.mark.django_db
def test_importing_the_same_file_twice_changes_nothing(write_csv):
    text = "\n".join(
        [FBI_HEADER, *(fbi_row(i, "NY", "2020-01-06", "Anti-Asian") for i in range(5))]
    )
    path = write_csv("fbi.csv", text)
    run("import_incidents", path, dataset="fbi", format="fbi")
    before = sorted(SeriesCount.objects.values_list("period_start", "area", "category", "count"))
    run("import_incidents", path, dataset="fbi", format="fbi")
    after = sorted(SeriesCount.objects.values_list("period_start", "area", "category", "count"))
    assert before == after and cell("fbi", area="NY") == 5
    assert ImportRun.objects.count() == 2


@pytest.mark.django_db
def test_it_reads_nypd_complaints_with_quoted_newlines(write_csv):
    text = (
        "Full Complaint ID,Complaint Year Number,Month Number,Record Create Date,"
        "Complaint Precinct Code,Patrol Borough Name,County,Law Code Category Description,"
        "Offense Description,PD Code Description,Bias Motive Description,Offense Category,"
        "Arrest Date,Arrest Id\n"
        '1,2020,3,03/20/2020,5,PATROL BORO MAN SOUTH,NEW YORK,FELONY,"ASSAULT\nTHIRD",X,'
        "ANTI-ASIAN,Race/Color,,\n"
        "2,2020,3,03/21/2020,5,PATROL BORO MAN SOUTH,NEW YORK,FELONY,X,X,ANTI-JEWISH,"
        "Religion,,\n"
    )
    run("import_incidents", write_csv("nypd.csv", text), dataset="nypd", format="nypd")
    assert cell("nypd", area="PATROL BORO MAN SOUTH", strand="race", category="ANTI-ASIAN") == 1
    assert cell("nypd", area="PATROL BORO MAN SOUTH") == 2


@pytest.mark.django_db
def test_it_reads_a_generic_csv_with_a_column_mapping_and_counts(write_csv):
    text = "When,Where,What,N\n2020-01-06,Leeds,Islamophobic,3\n2020-01-07,Leeds,Islamophobic,x\n"
    run(
        "import_incidents",
        write_csv("g.csv", text),
        dataset="generic",
        format="csv",
        date_column="When",
        area_column="Where",
        category_column="What",
        count_column="N",
    )
    assert cell("generic", area="Leeds", strand="religion", category="Islamophobic") == 3


@pytest.mark.django_db
def test_it_reads_the_met_wide_format_and_skips_special_unless_asked(write_csv, capsys):
    text = (
        "Borough,MajorText,MinorText,202001,202002\n"
        "Hackney,Hate,Anti-Semitic,4,9\n"
        "Hackney,Special,Domestic Abuse,10,11\n"
        "Aviation Security,Hate,Anti-Semitic,0,\n"
    )
    run("import_series", write_csv("mps.csv", text), dataset="mps", format="mps-wide")
    import datetime as dt

    rows = dict(
        SeriesCount.objects.filter(
            dataset__name="mps", area="Hackney", category="Anti-Semitic"
        ).values_list("period_start", "count")
    )
    assert rows == {dt.date(2020, 1, 1): 4, dt.date(2020, 2, 1): 9}
    assert SeriesCount.objects.filter(area="Aviation Security").exists()
    assert not SeriesCount.objects.filter(category="Domestic Abuse").exists()
    assert "Special" in capsys.readouterr().err
    assert Dataset.objects.get(name="mps").has_category_totals is False


@pytest.mark.django_db
def test_a_year_only_date_format_is_refused_never_placed_on_1_january(
    write_csv: WriteCsv,
) -> None:
    path = write_csv("y.csv", "date,area,category\n2019,Leeds,Anti-Jewish\n")
    with pytest.raises(CommandError, match="has no month: a year-only date cannot be placed"):
        run("import_incidents", path, dataset="years", format="csv", date_format="%Y")
    assert not SeriesCount.objects.filter(dataset__name="years").exists()
    # without a format, a year alone is a bad date for that row, with its line number
    run("import_incidents", path, dataset="years", format="csv", rejects=str(path) + ".r")
    assert not SeriesCount.objects.filter(dataset__name="years").exists()


@pytest.mark.django_db
def test_a_month_only_date_format_gives_monthly_counts_only(
    write_csv: WriteCsv,
) -> None:
    path = write_csv("m.csv", "date,area,category\n2019-03,Leeds,Anti-Jewish\n")
    run("import_incidents", path, dataset="months", format="csv", date_format="%Y-%m")
    assert cell("months", period_kind="month", area="Leeds") == 1
    assert not SeriesCount.objects.filter(dataset__name="months", period_kind="week").exists()


@pytest.mark.django_db
def test_a_constant_area_and_a_category_separator(write_csv: WriteCsv) -> None:
    text = "date,bias\n2020-01-06,Anti-Black|Anti-Jewish\n2020-01-07,Anti-Jewish\n"
    run(
        "import_incidents", write_csv("c.csv", text), dataset="const", format="csv",
        area_value="Leeds", category_column="bias", category_separator="|",
    )  # fmt: skip
    assert cell("const", area="Leeds", strand="religion", category="Anti-Jewish") == 2
    assert cell("const", area="Leeds", strand="race", category="Anti-Black") == 1
    assert cell("const", area="Leeds") == 2  # the two-bias incident counts once in the total


@pytest.mark.django_db
def test_a_constant_category(write_csv: WriteCsv) -> None:
    text = "date,area\n2020-01-06,Leeds\n2020-01-07,York\n"
    run(
        "import_incidents", write_csv("k.csv", text), dataset="k", format="csv",
        category_value="Anti-Jewish",
    )  # fmt: skip
    assert cell("k", strand="religion", category="Anti-Jewish") == 2
