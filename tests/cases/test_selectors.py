import datetime as dt

import pytest
from django.http import Http404
from django.utils import timezone

from cases.factories import VICTIM_REPORT, events, make_case
from hatecrime.audit.selectors import search_audit
from hatecrime.cases.actions import do_link_cases
from hatecrime.cases.board import board_for, export_board_csv
from hatecrime.cases.models import Case
from hatecrime.cases.selectors import case_detail_for, linked_report_candidates


def other_report(**changes):
    payload = {
        **VICTIM_REPORT,
        "contact": {"name": "Someone Else", "email": "x@example.invalid"},
        "suspects": {},
    }
    payload.update(changes)
    return payload


def test_earlier_reports_with_the_same_suspect_handle_are_candidates(alice):
    earlier = make_case("hackney", submitted=other_report(suspects={"handles": ["hater"]}))
    make_case("hackney", submitted=other_report())
    camden = make_case("camden", submitted=other_report(suspects={"handles": ["@HATER"]}))
    case = make_case("hackney")
    candidates = linked_report_candidates(alice, case)
    assert [c.case for c in candidates] == [earlier]
    assert candidates[0].matched_on == ["suspect_handle"]
    assert camden not in [c.case for c in candidates]
    assert events("consult", case.report.reference)[-1].fields == ["linked_candidates"]


def test_linking_is_a_combination_and_can_mark_persistent_targeting(alice):
    earlier = make_case("hackney")
    case = make_case("hackney")
    assert [c.case for c in linked_report_candidates(alice, case)] == [earlier]
    do_link_cases(
        actor=alice,
        case=case,
        expected_version=1,
        other=earlier,
        matched_on=["victim_email"],
        persistently_targeted=True,
    )
    case.refresh_from_db()
    assert case.persistently_targeted and case.enhanced_rights
    (combine,) = events("combine")
    assert combine.detail["linked_case"] == earlier.report.reference
    assert linked_report_candidates(alice, case) == []


def test_the_detail_is_audited_with_the_fields_shown(alice):
    case = make_case("hackney")
    detail = case_detail_for(alice, case)
    assert detail.victim["name"] == "Vera Victim"
    (consult,) = events("consult", case.report.reference)
    assert set(consult.fields) == set(detail.fields_shown)


def test_only_the_areas_supervisor_sees_the_board(alice, hannah, bob):
    case = make_case("hackney")
    for person in (alice, bob):
        with pytest.raises(Http404):
            board_for(person, case.area)
    assert board_for(hannah, case.area).open_by_stage["new"] == 1


def test_first_contact_share_counts_only_cases_that_can_be_judged(hannah):
    now = timezone.now()
    on_time, late, not_due_yet, overdue = (make_case("hackney") for _ in range(4))
    anonymous = make_case("hackney", submitted={**VICTIM_REPORT, "anonymous": True})
    Case.objects.filter(pk=on_time.pk).update(first_contact_made_at=on_time.opened_at)
    Case.objects.filter(pk=late.pk).update(
        first_contact_made_at=late.first_contact_due_at + dt.timedelta(hours=1)
    )
    for case in (overdue, anonymous):
        Case.objects.filter(pk=case.pk).update(first_contact_due_at=now - dt.timedelta(hours=1))
    board = board_for(hannah, on_time.area, now=now + dt.timedelta(hours=2))
    # on time, late and overdue are judged; the one not due yet and the anonymous one are not.
    assert (board.first_contact_within_24h, board.first_contact_total) == (1, 3)
    assert not_due_yet not in board.first_contact_overdue


def test_the_export_is_a_disclosure_to_the_supervisor(hannah):
    case = make_case("hackney")
    text = export_board_csv(hannah, case.area)
    assert case.report.reference in text and "Vera" not in text
    (disclosure,) = events("disclose")
    assert disclosure.recipient == "hannah" and disclosure.object_id == "hackney"


def test_audit_search_is_itself_audited(hannah, alice, adam):
    case = make_case("hackney")
    case_detail_for(alice, case)
    found = search_audit(hannah, object_id=case.report.reference, kind="consult")
    assert [e.actor_label for e in found] == ["alice"]
    assert events("consult")[-1].object_type == "audit"
    assert search_audit(adam, actor="alice")
    with pytest.raises(Http404):
        search_audit(alice)
