"""`hatecrime detect`: output formats, --by summing, --from/--to, runs kept."""

import datetime as dt
import io
import json

import pytest
from django.core.management import CommandError, call_command

from hatecrime.monitoring.models import Alarm, Dataset, DetectionRun
from hatecrime.monitoring.rollups import CellKey, add_record, write_cells


def weekly_dataset(weeks=300, surge_at=290):
    from collections import Counter

    dataset = Dataset.objects.create(name="syn", kind="imported")
    counter = Counter()
    start = dt.date(2015, 1, 5)
    for w in range(weeks):
        for area in ("A", "B"):
            for category, strand in (("Anti-Asian", "race"), ("Anti-Jewish", "religion")):
                n = 3 + (w % 3)
                if area == "A" and category == "Anti-Asian" and surge_at <= w < surge_at + 3:
                    n = 30
                add_record(
                    counter,
                    start + dt.timedelta(weeks=w),
                    count=n,
                    area=area,
                    labels=[(strand, category)],
                    community="",
                    online="",
                    crime_type="",
                )
    write_cells(dataset, counter)
    return dataset, start


def detect(*args):
    out = io.StringIO()
    call_command("detect", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.mark.django_db
def test_json_has_one_object_per_series_and_period_and_flags_the_surge():
    _, start = weekly_dataset()
    rows = json.loads(
        detect(
            "--dataset",
            "syn",
            "--period",
            "week",
            "--by",
            "area,category",
            "--output",
            "json",
            "--method",
            "farrington",
        )
    )
    assert {(r["area"], r["category"]) for r in rows} == {
        ("A", "Anti-Asian"),
        ("A", "Anti-Jewish"),
        ("B", "Anti-Asian"),
        ("B", "Anti-Jewish"),
    }
    surge = (start + dt.timedelta(weeks=290)).isoformat()
    hit = next(
        r
        for r in rows
        if r["area"] == "A" and r["category"] == "Anti-Asian" and r["period"] == surge
    )
    assert hit["alarm"] is True and hit["observed"] == 30 and hit["upper"] < 30
    assert set(hit) >= {
        "area",
        "category",
        "period",
        "observed",
        "expected",
        "upper",
        "alarm",
        "score",
    }


@pytest.mark.django_db
def test_what_is_not_in_by_is_summed():
    weekly_dataset(weeks=20)
    rows = json.loads(detect("--dataset", "syn", "--by", "area", "--output", "json"))
    first_a = next(r for r in rows if r["area"] == "A")
    assert first_a["observed"] == 6 and first_a["category"] == "all"
    rows = json.loads(detect("--dataset", "syn", "--by", "", "--output", "json"))
    assert rows[0]["observed"] == 12 and rows[0]["area"] == "all"


@pytest.mark.django_db
def test_from_and_to_limit_the_periods_shown_not_the_history():
    _, start = weekly_dataset()
    judged_from = (start + dt.timedelta(weeks=288)).isoformat()
    judged_to = (start + dt.timedelta(weeks=291)).isoformat()
    rows = json.loads(
        detect(
            "--dataset",
            "syn",
            "--by",
            "area,category",
            "--output",
            "json",
            "--from",
            judged_from,
            "--to",
            judged_to,
            "--area",
            "A",
            "--category",
            "Anti-Asian",
        )
    )
    assert rows[0]["period"] == judged_from and len(rows) == 4
    assert all(r["judged"] for r in rows)


@pytest.mark.django_db
def test_csv_and_table_outputs_and_the_run_is_kept_when_asked():
    weekly_dataset()
    detect("--dataset", "syn", "--by", "area")
    assert not DetectionRun.objects.exists()  # exploratory: not kept without --save
    text = detect(
        "--save",
        "--dataset",
        "syn",
        "--by",
        "area",
        "--output",
        "csv",
        "--b",
        "4",
        "--no-trend",
        "--limit54",
        "5,4",
        "--threshold-method",
        "nbPlugin",
    )
    assert text.splitlines()[0].startswith("area,category,period,observed,expected,upper,alarm")
    assert "ALARM" in detect("--dataset", "syn", "--by", "area,category", "--alarms-only", "--save")
    run = DetectionRun.objects.first()
    assert run.by == "area,category" and Alarm.objects.filter(run=run, area="A").exists()
    assert DetectionRun.objects.get(by="area").params["b"] == 4


@pytest.mark.django_db
def test_a_series_by_community_is_named_in_every_output_and_in_its_alarms():
    from collections import Counter

    dataset = Dataset.objects.create(name="by-community", kind="imported")
    counter = Counter()
    start = dt.date(2020, 1, 6)
    for w in range(160):
        for community in ("Community A", "Community B"):
            n = 30 if community == "Community A" and w >= 157 else 2 + w % 3
            add_record(
                counter, start + dt.timedelta(weeks=w), count=n, area="hackney",
                labels=[("race", "Anti-Asian")], community=community, online="", crime_type="",
            )  # fmt: skip
    write_cells(dataset, counter)
    args = ("--dataset", "by-community", "--period", "week", "--by", "area,community")
    rows = json.loads(detect(*args, "--output", "json", "--alarms-only", "--save"))
    assert {r["community"] for r in rows} == {"Community A"}
    assert Alarm.objects.filter(community="Community A").exists()
    assert not Alarm.objects.exclude(community="Community A").exists()
    table = detect(*args, "--output", "table", "--alarms-only")
    assert "Community A" in table and "Community B" not in table
    assert "community" in detect(*args, "--output", "csv").splitlines()[0]


@pytest.mark.django_db
def test_by_none_is_the_overall_total() -> None:
    weekly_dataset(weeks=20)
    rows = json.loads(detect("--dataset", "syn", "--by", "none", "--output", "json"))
    assert rows[0]["observed"] == 12 and rows[0]["area"] == "all"


@pytest.mark.django_db
def test_filters_ignore_case_and_punctuation_and_an_unknown_value_lists_the_valid_ones() -> None:
    weekly_dataset(weeks=20)
    rows = json.loads(
        detect("--dataset", "syn", "--category", "anti asian", "--area", "a", "--output", "json")
    )
    assert {(r["area"], r["category"]) for r in rows} == {("A", "Anti-Asian")}
    with pytest.raises(CommandError) as error:
        detect("--dataset", "syn", "--category", "anti-jewsh")
    assert str(error.value) == (
        "--category: 'anti-jewsh' is not in dataset 'syn'; valid: Anti-Asian, Anti-Jewish"
    )


def monthly_dataset(name: str = "monthly", months: int = 60) -> Dataset:
    from collections import Counter

    dataset = Dataset.objects.create(name=name, kind="imported")
    counter: Counter[CellKey] = Counter()
    for m in range(months):
        day = dt.date(2019 + m // 12, m % 12 + 1, 1)  # month-only dates land on the 1st
        n = 30 if m == months - 1 else 3 + m % 4
        add_record(
            counter, day, count=n, area="Leeds", labels=[("religion", "Anti-Jewish")],
            community="", online="", crime_type="",
        )  # fmt: skip
    write_cells(dataset, counter)
    return dataset


@pytest.mark.django_db
def test_weekly_series_of_month_only_dates_are_refused_and_monthly_is_the_default_there() -> None:
    monthly_dataset()
    with pytest.raises(CommandError, match=r"month-only dates .* use --period month"):
        detect("--dataset", "monthly", "--period", "week")
    err = io.StringIO()
    out = io.StringIO()
    call_command("detect", "--dataset", "monthly", "--output", "json", stdout=out, stderr=err)
    assert json.loads(out.getvalue())[-1]["period"] == "2023-12-01"
    assert "month-only dates: judging monthly series" in err.getvalue()


@pytest.mark.django_db
def test_each_alarm_says_in_words_what_was_seen_against_what_was_expected() -> None:
    monthly_dataset()
    table = detect("--dataset", "monthly", "--period", "month", "--alarms-only", "--save")
    assert (
        "30 incidents in December 2023 against about 4 expected from the last 4 years up to "
        "6 months ago, season by season; the highest count that would not be unusual is 8."
    ) in table
    alarm = Alarm.objects.get(period_start=dt.date(2023, 12, 1))
    assert alarm.explanation.startswith("30 incidents in December 2023 against about 4")
    assert "Method: farrington_flexible" in alarm.explanation


@pytest.mark.django_db
def test_a_fit_past_the_time_limit_is_a_one_line_error() -> None:
    weekly_dataset(weeks=120)
    with pytest.raises(CommandError, match="took longer than its time limit of 1e-09 seconds"):
        detect("--dataset", "syn", "--method", "glrnb", "--time-limit", "0.000000001")


@pytest.mark.parametrize(
    "args", [("--alpha", "2"), ("--b", "0"), ("--limit54", "5"), ("--min-count", "-1")]
)
def test_a_bad_parameter_is_a_one_line_error(args: tuple[str, str]) -> None:
    with pytest.raises(CommandError, match=r"out of range|takes two numbers"):
        detect("--dataset", "x", *args)


def test_help_explains_every_parameter_with_its_default() -> None:
    from hatecrime.monitoring.management.commands.detect import Command

    parser = Command().create_parser("hatecrime", "detect")
    for action in parser._actions:
        if action.dest in ("help", "version", "verbosity", "settings", "pythonpath", "traceback",
                           "no_color", "force_color", "skip_checks"):  # fmt: skip
            continue
        assert action.help, action.dest
        if action.option_strings and action.dest not in ("reweight", "trend", "dataset"):
            assert "[" in action.help, f"{action.dest}: no default in its help"
