"""Reassurance contacts: day 3, day 14, then every 28 days while open, by someone other than the
investigating officer, only by safe means at safe times; due and overdue on the board, overdue
ones escalated to the supervisors; a victim who may not be contacted gets the schedule as not
applicable."""

import datetime as dt

import pytest
import time_machine

from cases.factories import VICTIM_REPORT, make_case
from hatecrime.cases.actions import do_assign_case, do_record_reassurance_contact
from hatecrime.cases.jobs import reassurance_overdue_job, withdrawal_risk_job
from hatecrime.cases.models import Case, Clock, Contact, ReassuranceContact
from hatecrime.notifications.models import Message

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)  # a Monday, GMT


def _at(days: float = 0, hours: float = 0):
    return time_machine.travel(START + dt.timedelta(days=days, hours=hours), tick=False)


def _version(case) -> int:
    return Case.objects.get(pk=case.pk).version


def _post(client, user, case, data):
    client.force_login(user)
    return client.post(
        f"/staff/cases/{case.report.reference}/reassurance/",
        {"version": _version(case), "method": "phone", **data},
    )


def _reassurance_clocks(case):
    return list(
        Clock.objects.filter(case=case, rule__code__startswith="reassurance").order_by(
            "due_at", "pk"
        )
    )


@pytest.fixture
def case(db):
    with _at():
        case = make_case("hackney", submitted_at=START)
        withdrawal_risk_job.call()  # the daily sweep starts the schedule of a new case
    return case


def test_the_schedule_is_day_3_and_day_14_from_the_report(case):
    clocks = _reassurance_clocks(case)
    assert [(c.rule.code, c.due_at) for c in clocks] == [
        ("reassurance-day-3", START + dt.timedelta(days=3)),
        ("reassurance-day-14", START + dt.timedelta(days=14)),
    ]


def test_a_case_action_starts_the_schedule_too(alice, hannah):
    with _at():
        case = make_case("hackney", submitted_at=START)
        assert _reassurance_clocks(case) == []
        do_assign_case(actor=hannah, case=case, expected_version=1, officer=alice)
    assert len(_reassurance_clocks(case)) == 2


def test_due_and_overdue_show_on_the_board_and_overdue_is_escalated_once(client, case, hannah):
    hannah.email = "hannah@example.invalid"
    hannah.save()
    with _at(days=3, hours=-2):
        client.force_login(hannah)
        board = client.get("/staff/cases/board/").content.decode()
        due_today = board.split('id="clocks-due-today"')[1].split("</table>")[0]
        assert "Reassurance contact (day 3)" in due_today
    with _at(days=4):
        client.force_login(hannah)
        board = client.get("/staff/cases/board/").content.decode()
        overdue = board.split('id="clocks-overdue"')[1].split("</table>")[0]
        assert "Reassurance contact (day 3)" in overdue
        assert case.report.reference in overdue
        assert reassurance_overdue_job.call() == {"escalated": 1}
        assert reassurance_overdue_job.call() == {"escalated": 0}
    message = Message.objects.get(template="supervisor_clock_overdue")
    assert message.recipient == "hannah@example.invalid"


def test_the_investigating_officer_is_refused(client, case, alice, hannah):
    do_assign_case(actor=hannah, case=case, expected_version=_version(case), officer=alice)
    with _at(days=2):
        response = _post(client, alice, case, {"outcome": "reached"})
    assert response.status_code == 200
    assert "You are the investigating officer for this case" in response.content.decode()
    assert not ReassuranceContact.objects.exists()
    # Nor is the action offered to them on the case page.
    page = client.get(f"/staff/cases/{case.report.reference}/").content.decode()
    assert f"/staff/cases/{case.report.reference}/reassurance/" not in page


def test_another_officer_or_a_supervisor_records_it_and_the_next_falls_due(
    client, case, alice, hannah
):
    do_assign_case(actor=hannah, case=case, expected_version=_version(case), officer=hannah)
    with _at(days=2):
        response = _post(client, alice, case, {"outcome": "reached", "note": "All fine"})
        assert response.status_code == 302
    day_3, day_14 = _reassurance_clocks(case)
    assert day_3.stopped_at == START + dt.timedelta(days=2)
    assert day_14.stopped_at is None
    with _at(days=13):
        assert _post(client, alice, case, {"outcome": "needs_more_support"}).status_code == 302
    clocks = _reassurance_clocks(case)
    assert [c.rule.code for c in clocks] == [
        "reassurance-day-3",
        "reassurance-day-14",
        "reassurance-every-28-days",
    ]
    assert clocks[2].due_at == START + dt.timedelta(days=13 + 28)
    with _at(days=13):
        page = client.get(f"/staff/cases/{case.report.reference}/").content.decode()
    assert "The victim needs more support" in page
    assert "All fine" in page
    # Each is a contact like any other, by the person who made it.
    assert Contact.objects.filter(case=case, made=True, recorded_by=alice).count() == 2


def test_no_answer_keeps_the_clock_running(client, case, alice):
    with _at(days=2):
        assert _post(client, alice, case, {"outcome": "no_answer"}).status_code == 302
    assert all(c.stopped_at is None for c in _reassurance_clocks(case))
    assert Contact.objects.get(case=case).made is False


def test_bad_input_is_shown_field_by_field(client, case, alice):
    with _at(days=2):
        response = _post(client, alice, case, {"method": "", "outcome": ""})
    assert response.status_code == 200
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert "Select what came of the reassurance contact" in page


def test_unsafe_times_are_refused_not_confirmed(client, alice):
    evenings = {
        **VICTIM_REPORT,
        "safe_contact": {
            "methods": ["phone"],
            "voicemail_safe": False,
            "letter_safe": False,
            "safe_from": "18:00",
            "safe_until": "21:00",
        },
    }
    with _at():
        case = make_case("hackney", submitted=evenings, submitted_at=START)
    with _at(days=2):  # 09:00
        response = _post(client, alice, case, {"outcome": "reached"})
        assert response.status_code == 200
        assert "A reassurance contact is never urgent" in response.content.decode()
    with _at(days=2, hours=10):  # 19:00
        assert _post(client, alice, case, {"outcome": "reached"}).status_code == 302


def test_a_letter_the_victim_did_not_say_is_safe_is_refused(client, case, alice):
    with _at(days=2):
        response = _post(client, alice, case, {"outcome": "reached", "method": "letter"})
    assert response.status_code == 200
    assert "has not said a letter is safe" in response.content.decode()


def test_a_victim_who_may_not_be_contacted_gets_the_schedule_as_not_applicable(client, alice):
    anonymous = {**VICTIM_REPORT, "anonymous": True}
    anonymous.pop("contact")
    with _at():
        case = make_case("hackney", submitted=anonymous, submitted_at=START)
        withdrawal_risk_job.call()
    clocks = _reassurance_clocks(case)
    assert len(clocks) == 2
    assert {c.stop_reason for c in clocks} == {"victim_not_contactable"}
    with _at(days=4):
        assert reassurance_overdue_job.call() == {"escalated": 0}
        response = _post(client, alice, case, {"outcome": "reached"})
    assert response.status_code == 200
    assert "Do not contact the victim" in response.content.decode()


def test_closing_the_case_stops_the_schedule(case, alice):
    from cases.factories import triage
    from hatecrime.cases.actions import do_close_case, do_record_contact

    triage(case, alice)
    contact = do_record_contact(
        actor=alice, case=case, expected_version=_version(case), method="phone", made=True
    ).contact
    do_close_case(
        actor=alice,
        case=Case.objects.get(pk=case.pk),
        expected_version=_version(case),
        outcome="charged",
        reason="Charged",
        told_in_contact=contact,
        told_of_right_to_review=False,
    )
    assert all(c.stop_reason == "case_closed" for c in _reassurance_clocks(case))
    with pytest.raises(Exception, match="The case is closed"):
        do_record_reassurance_contact(
            actor=alice,
            case=Case.objects.get(pk=case.pk),
            expected_version=_version(case),
            method="phone",
            outcome="reached",
        )
