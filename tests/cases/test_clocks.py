"""Victims' Code clocks with frozen time, and their rules as data."""

import datetime as dt

import time_machine
from django.utils import timezone

from cases.factories import make_case
from hatecrime.cases.actions import (
    do_assess_needs,
    do_record_decision,
    do_record_review_request,
    do_record_victim_told,
)
from hatecrime.cases.board import board_for
from hatecrime.cases.clocks import clock_state
from hatecrime.cases.models import ClockRule


def london(*args):
    return timezone.make_aware(dt.datetime(*args))


def test_right_6_over_christmas_is_due_after_the_bank_holidays(alice):
    with time_machine.travel(london(2026, 12, 24, 15, 0), tick=False):
        case = make_case("hackney")
        decision = do_record_decision(
            actor=alice, case=case, expected_version=1, kind="charged", reasons="CPS advice"
        )
    clock = case.clocks.get(subject=f"decision:{decision.pk}")
    assert clock.due_at == london(2026, 12, 29, 15, 0)


def test_a_standard_victim_gets_five_working_days(alice):
    with time_machine.travel(london(2026, 11, 20, 16, 0), tick=False):
        case = make_case("hackney")
        case = do_assess_needs(
            actor=alice,
            case=case,
            expected_version=1,
            enhanced_rights=False,
            wants_police_action="yes",
            update_method="phone",
        )
        decision = do_record_decision(
            actor=alice, case=case, expected_version=case.version, kind="arrested", reasons="r"
        )
    clock = case.clocks.get(subject=f"decision:{decision.pk}")
    assert clock.rule.code == "right-6-standard"
    assert clock.due_at == london(2026, 11, 27, 16, 0)


def test_telling_the_victim_stops_the_clock_and_records_who_and_how(alice):
    with time_machine.travel(london(2026, 11, 20, 16, 0), tick=False):
        case = make_case("hackney")
        decision = do_record_decision(
            actor=alice, case=case, expected_version=1, kind="arrested", reasons="r"
        )
    with time_machine.travel(london(2026, 11, 24, 9, 0), tick=False):
        do_record_victim_told(
            actor=alice,
            case=case,
            expected_version=2,
            decision=decision,
            told_by=alice,
            told_at=london(2026, 11, 24, 8, 30),
            how="phone",
        )
        clock = case.clocks.get(subject=f"decision:{decision.pk}")
        assert clock_state(clock) == "missed"  # due Monday 16:00, told Tuesday
    decision.refresh_from_db()
    assert decision.victim_told_by == alice and decision.victim_told_how == "phone"


def test_the_review_clocks_follow_a_decision_not_to_charge(alice):
    with time_machine.travel(london(2027, 3, 1, 10, 0), tick=False):
        case = make_case("hackney")
        do_record_decision(
            actor=alice, case=case, expected_version=1, kind="no_further_action", reasons="r"
        )
    window = case.clocks.get(rule__code="review-request-window")
    assert window.due_at == london(2027, 6, 1, 10, 0)
    with time_machine.travel(london(2027, 3, 25, 12, 0), tick=False):
        do_record_review_request(
            actor=alice, case=case, expected_version=2, requested_at=london(2027, 3, 25, 11, 0)
        )  # the case's decision not yet asked about
    assert case.clocks.get(rule__code="review-acknowledge").due_at == london(2027, 4, 12, 11, 0)
    assert case.clocks.get(rule__code="review-decide").due_at == london(2027, 5, 11, 11, 0)
    window.refresh_from_db()
    assert window.stopped_at is not None


def test_a_new_code_is_a_data_change(alice):
    ClockRule.objects.filter(code="right-6-enhanced").update(length=2)
    with time_machine.travel(london(2026, 11, 18, 9, 0), tick=False):
        case = make_case("hackney")
        decision = do_record_decision(
            actor=alice, case=case, expected_version=1, kind="arrested", reasons="r"
        )
    assert case.clocks.get(subject=f"decision:{decision.pk}").due_at == london(2026, 11, 20, 9, 0)


def test_the_board_shows_clocks_due_today_and_overdue(alice, hannah):
    cases = {}
    for name, at in (
        ("overdue", london(2026, 11, 18, 9, 0)),
        ("today", london(2026, 11, 18, 15, 0)),
    ):
        with time_machine.travel(at, tick=False):
            cases[name] = make_case("hackney")
            do_record_decision(
                actor=alice, case=cases[name], expected_version=1, kind="arrested", reasons="r"
            )
    with time_machine.travel(london(2026, 11, 19, 12, 0), tick=False):
        board = board_for(hannah, cases["today"].area)
    decision_clocks = lambda clocks: {c.case_id for c in clocks if c.subject}  # noqa: E731
    assert decision_clocks(board.clocks_overdue) == {cases["overdue"].pk}
    assert decision_clocks(board.clocks_due_today) == {cases["today"].pk}
    assert board.first_contact_overdue == [cases["overdue"]]
