"""The weekly detection job notifies only alarms that the previous run did not raise."""

import datetime as dt

import pytest

from hatecrime.monitoring.jobs import notify_new_alarms
from hatecrime.monitoring.models import Alarm, AlarmNotice, Dataset, DetectionRun


def run_with(alarms, previous=None):
    dataset, _ = Dataset.objects.get_or_create(name="live", defaults={"kind": "live"})
    run = DetectionRun.objects.create(
        dataset=dataset, period_kind="week", by="area,strand", method="auto"
    )
    keys = {(a, s, "", p.isoformat()) for a, s, p in previous or []}
    for area, strand, period in alarms:
        alarm = Alarm(
            run=run, area=area, strand=strand, period_start=period, observed=9, method="glrnb"
        )
        alarm.is_new = alarm.series_key() not in keys
        alarm.save()
    return run


@pytest.mark.django_db
def test_command_and_the_areas_supervisors_are_told_of_a_new_alarm(cora, hannah, alice):
    run = run_with([("hackney", "race", dt.date(2026, 11, 9))])
    assert notify_new_alarms(run) == 2
    assert set(AlarmNotice.objects.values_list("recipient__username", flat=True)) == {
        "cora",
        "hannah",
    }


@pytest.mark.django_db
def test_an_alarm_seen_in_the_previous_run_is_not_notified_again(cora, hannah):
    seen = ("hackney", "race", dt.date(2026, 11, 9))
    run = run_with([seen, ("hackney", "religion", dt.date(2026, 11, 16))], previous=[seen])
    assert notify_new_alarms(run) == 2  # cora and hannah, once each, for the religion alarm only
    assert set(AlarmNotice.objects.values_list("alarm__strand", flat=True)) == {"religion"}


@pytest.mark.django_db
def test_save_run_marks_alarms_new_against_the_previous_comparable_run():
    from hatecrime.monitoring.alarms import Judgement, save_run
    from hatecrime.monitoring.series import SeriesQuery

    dataset = Dataset.objects.create(name="live", kind="live")
    query = SeriesQuery(dataset=dataset, period_kind="week", by=["area", "strand"])

    def judged(period):
        return Judgement(
            area="hackney",
            category="race",
            strand="race",
            period=period,
            observed=9,
            expected=2.0,
            upper=5.0,
            alarm=True,
            score=2.0,
            judged=True,
            method="glrnb",
            explanation="",
        )

    first = save_run(query, [judged(dt.date(2026, 11, 9))], method="auto", params={})
    second = save_run(
        query,
        [judged(dt.date(2026, 11, 9)), judged(dt.date(2026, 11, 16))],
        method="auto",
        params={},
    )
    assert first.alarms.get().is_new
    assert sorted(second.alarms.values_list("is_new", flat=True)) == [False, True]
