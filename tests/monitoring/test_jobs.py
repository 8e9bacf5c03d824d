"""The weekly detection job notifies only alarms that the previous run did not raise."""

import datetime as dt

import pytest

from hatecrime.monitoring.actions import do_notify_new_alarms, do_run_weekly_detection
from hatecrime.monitoring.models import Alarm, AlarmNotice, Dataset, DetectionRun


def run_with(alarms, previous=None):
    dataset, _ = Dataset.objects.get_or_create(name="live", defaults={"kind": "live"})
    run = DetectionRun.objects.create(
        dataset=dataset, period_kind="week", by="area,strand", method="auto"
    )
    keys = {(a, s, "", "", p.isoformat(), "", "") for a, s, p in previous or []}
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
    assert do_notify_new_alarms(run=run) == 2
    assert set(AlarmNotice.objects.values_list("recipient__username", flat=True)) == {
        "cora",
        "hannah",
    }


@pytest.mark.django_db
def test_an_alarm_seen_in_the_previous_run_is_not_notified_again(cora, hannah):
    seen = ("hackney", "race", dt.date(2026, 11, 9))
    run = run_with([seen, ("hackney", "religion", dt.date(2026, 11, 16))], previous=[seen])
    assert (
        do_notify_new_alarms(run=run) == 2
    )  # cora and hannah, once each, for the religion alarm only
    assert set(AlarmNotice.objects.values_list("alarm__strand", flat=True)) == {"religion"}


@pytest.mark.django_db
def test_save_run_marks_alarms_new_against_the_previous_comparable_run():
    from hatecrime.monitoring.actions import do_save_detection_run
    from hatecrime.monitoring.alarms import Judgement
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

    first = do_save_detection_run(
        actor="system",
        query=query,
        judgements=[judged(dt.date(2026, 11, 9))],
        method="auto",
        params={},
    )
    second = do_save_detection_run(
        actor="system",
        query=query,
        judgements=[judged(dt.date(2026, 11, 9)), judged(dt.date(2026, 11, 16))],
        method="auto",
        params={},
    )
    assert first.alarms.get().is_new
    assert sorted(second.alarms.values_list("is_new", flat=True)) == [False, True]


@pytest.fixture
def people_to_tell(db):
    from personas import make_staff

    return {
        "command": make_staff("cmd", "command", email="command@example.invalid"),
        "hackney": make_staff("sup-h", "supervisor", ["hackney"], email="sup.h@example.invalid"),
        "camden": make_staff("sup-c", "supervisor", ["camden"], email="sup.c@example.invalid"),
        "officer": make_staff("off-h", "officer", ["hackney"], email="off.h@example.invalid"),
    }


def test_a_new_alarm_sends_one_message_to_command_and_each_of_the_areas_supervisors(
    surge_in_hackney, people_to_tell, django_capture_on_commit_callbacks
):
    from unittest import mock

    from hatecrime.notifications.models import Message

    with (
        mock.patch("hatecrime.notifications.gateway._deliver", return_value="") as deliver,
        django_capture_on_commit_callbacks(execute=True),
    ):
        run = do_run_weekly_detection()
    assert run.alarms.filter(area="hackney", strand="race", is_new=True).exists()
    sent_to = sorted(call.args[1] for call in deliver.call_args_list)
    assert sent_to == ["command@example.invalid", "sup.h@example.invalid"]
    assert Message.objects.filter(template="monitoring_new_alarm").count() == 2
    for call in deliver.call_args_list:
        subject, body = call.args[2], call.args[3]
        assert "Hackney" in body and "/staff/monitoring/" in body
        text = (subject + body).lower()
        for leaked in ("race", "racial", "polish", "shouted", "zed", "hc-t"):
            assert leaked not in text


def test_a_repeat_weekly_run_sends_nothing_new(
    surge_in_hackney, people_to_tell, django_capture_on_commit_callbacks
):
    from unittest import mock

    with mock.patch("hatecrime.notifications.gateway._deliver", return_value="") as deliver:
        with django_capture_on_commit_callbacks(execute=True):
            do_run_weekly_detection()
        assert deliver.call_count == 2
        with django_capture_on_commit_callbacks(execute=True):
            again = do_run_weekly_detection()
    assert again.alarms.exists() and not again.alarms.filter(is_new=True).exists()
    assert deliver.call_count == 2


def test_the_alarm_message_template_takes_only_area_count_and_link():
    from hatecrime.notifications.gateway import UnsafeTemplateContext, render

    subject, body = render(
        "monitoring_new_alarm", {"area": "Hackney", "count": 2, "link": "https://x/"}
    )
    assert "Hackney" in subject and "2 new alarm" in body and "https://x/" in body
    with pytest.raises(UnsafeTemplateContext):
        render("monitoring_new_alarm", {"area": "Hackney", "strand": "race"})
