"""`hatecrime detect`: output formats, --by summing, --from/--to, runs kept."""

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command

from hatecrime.monitoring.models import Alarm, Dataset, DetectionRun
from hatecrime.monitoring.rollups import add_record, write_cells


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
def test_csv_and_table_outputs_and_the_run_is_kept():
    weekly_dataset()
    text = detect(
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
    assert "ALARM" in detect("--dataset", "syn", "--by", "area,category", "--alarms-only")
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
    rows = json.loads(detect(*args, "--output", "json", "--alarms-only"))
    assert {r["community"] for r in rows} == {"Community A"}
    assert Alarm.objects.filter(community="Community A").exists()
    assert not Alarm.objects.exclude(community="Community A").exists()
    table = detect(*args, "--output", "table", "--alarms-only", "--no-save")
    assert "Community A" in table and "Community B" not in table
    assert "community" in detect(*args, "--output", "csv", "--no-save").splitlines()[0]
