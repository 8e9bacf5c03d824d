import pytest
import pytest as _pytest
from django.core import mail

from cases.factories import VICTIM_REPORT, events, make_case, triage
from hatecrime.cases.actions import (
    CaseActionError,
    CaseEditConflict,
    UnsafeContact,
    do_assess_needs,
    do_assign_case,
    do_close_case,
    do_record_contact,
    do_record_decision,
    do_record_update,
)
from hatecrime.cases.models import CaseStatus
from hatecrime.cases.selectors import shared_updates_for_tracking


def test_a_new_case_has_a_24_hour_first_contact_clock(hackney_case):
    assert hackney_case.status == CaseStatus.NEW
    clock = hackney_case.clocks.get()
    assert clock.rule.code == "first-contact"
    assert (clock.due_at - hackney_case.opened_at).total_seconds() == 24 * 3600
    assert hackney_case.first_contact_due_at == clock.due_at


def test_triage_records_the_decision_and_an_alter_event(hackney_case, alice):
    case = triage(hackney_case, alice, risk_level="medium")
    assert case.status == CaseStatus.TRIAGED
    assert case.version == 2
    (event,) = events("alter", case.report.reference)
    assert "risk_level" in event.fields and event.actor_label == "alice"


def test_an_nchi_needs_both_code_tests(hackney_case, alice):
    with pytest.raises(CaseActionError) as error:
        triage(
            hackney_case,
            alice,
            classification="nchi",
            not_trivial_irrational_or_malicious=True,
            basis_for_hostility=False,
            personal_data_threshold_met=False,
        )
    assert "classification" in error.value.errors


def test_an_nchi_below_the_threshold_keeps_no_suspect_identifiers(hackney_case, alice):
    assert hackney_case.identifiers.filter(kind__startswith="suspect").exists()
    triage(
        hackney_case,
        alice,
        classification="nchi",
        not_trivial_irrational_or_malicious=True,
        basis_for_hostility=True,
        personal_data_threshold_met=False,
    )
    assert not hackney_case.identifiers.filter(kind__startswith="suspect").exists()


def test_high_risk_alerts_the_areas_supervisor(
    hackney_case, alice, hannah, django_capture_on_commit_callbacks
):
    hannah.email = "hannah@example.invalid"
    hannah.save()
    with django_capture_on_commit_callbacks(execute=True):
        triage(hackney_case, alice, risk_level="high")
    from hatecrime.notifications.models import Message

    assert Message.objects.filter(template="supervisor_high_risk").count() == 1


def test_a_stale_version_is_a_conflict_and_saves_nothing(hackney_case, alice):
    stale = hackney_case.version
    triage(hackney_case, alice)
    with pytest.raises(CaseEditConflict) as error:
        do_record_decision(
            actor=alice, case=hackney_case, expected_version=stale, kind="arrested", reasons="r"
        )
    assert "Someone else changed case" in str(error.value)
    assert hackney_case.decisions.count() == 0


def test_only_a_supervisor_assigns(hackney_case, alice, hannah):
    with pytest.raises(CaseActionError):
        do_assign_case(actor=alice, case=hackney_case, expected_version=1, officer=alice)
    case = do_assign_case(actor=hannah, case=hackney_case, expected_version=1, officer=alice)
    assert case.assigned_officer == alice and case.status == CaseStatus.ASSIGNED


def test_an_officer_of_another_area_cannot_be_assigned(hackney_case, hannah, bob):
    with pytest.raises(CaseActionError) as error:
        do_assign_case(actor=hannah, case=hackney_case, expected_version=1, officer=bob)
    assert "officer" in error.value.errors


def test_a_letter_is_refused_when_the_victim_said_letters_are_not_safe(hackney_case, alice):
    with pytest.raises(UnsafeContact) as error:
        do_record_contact(
            actor=alice, case=hackney_case, expected_version=1, method="letter", made=True
        )
    assert "letter is safe" in error.value.errors["method"][0]
    assert hackney_case.contacts.count() == 0


def test_a_voicemail_is_refused_when_not_safe(hackney_case, alice):
    with pytest.raises(UnsafeContact):
        do_record_contact(
            actor=alice,
            case=hackney_case,
            expected_version=1,
            method="phone",
            made=False,
            voicemail_left=True,
        )


def test_no_stated_preferences_means_no_voicemail(db, alice):
    payload = {"reporter_role": "victim", "anonymous": True, "what_happened": "x"}
    case = make_case(submitted=payload)
    with pytest.raises(UnsafeContact):
        do_record_contact(
            actor=alice,
            case=case,
            expected_version=1,
            method="phone",
            made=False,
            voicemail_left=True,
        )


def test_a_call_outside_safe_times_must_be_confirmed(db, alice):
    import datetime as dt

    import time_machine

    safe = {**VICTIM_REPORT["safe_contact"], "safe_from": "18:00", "safe_until": "21:00"}
    case = make_case(submitted={**VICTIM_REPORT, "safe_contact": safe})
    at = dt.datetime(2026, 11, 24, 10, 0, tzinfo=dt.UTC)  # a Tuesday, 10:00 in London
    with time_machine.travel(at + dt.timedelta(hours=1), tick=False):
        with pytest.raises(CaseActionError) as refused:
            do_record_contact(
                actor=alice,
                case=case,
                expected_version=1,
                method="phone",
                made=True,
                occurred_at=at,
            )
        assert "confirm_outside_safe_times" in refused.value.errors
        assert not case.contacts.exists()
        result = do_record_contact(
            actor=alice,
            case=case,
            expected_version=1,
            method="phone",
            made=True,
            occurred_at=at,
            confirm_outside_safe_times=True,
        )
    assert result.warnings and result.contact.outside_safe_times


def test_first_contact_made_stops_the_clock(hackney_case, alice):
    result = do_record_contact(
        actor=alice, case=hackney_case, expected_version=1, method="phone", made=True
    )
    assert result.case.first_contact_made_at is not None
    assert result.case.status == CaseStatus.IN_PROGRESS
    assert hackney_case.clocks.get(rule__code="first-contact").stopped_at is not None


def test_needs_assessment_starts_referral_and_update_clocks(hackney_case, alice):
    do_assess_needs(
        actor=alice,
        case=hackney_case,
        expected_version=1,
        wants_police_action="yes",
        update_method="phone",
        update_every_days=7,
    )
    codes = set(
        hackney_case.clocks.filter(stopped_at__isnull=True).values_list("rule__code", flat=True)
    )
    assert {"referral", "update-due"} <= codes
    update = hackney_case.clocks.get(rule__code="update-due")
    assert (update.due_at - update.started_at).days == 7


def test_persistent_targeting_forces_enhanced_rights(hackney_case, alice):
    case = do_assess_needs(
        actor=alice,
        case=hackney_case,
        expected_version=1,
        enhanced_rights=False,
        persistently_targeted=True,
        wants_police_action="yes",
        update_method="phone",
    )
    assert case.enhanced_rights


def test_a_decision_starts_the_enhanced_right_6_clock(hackney_case, alice):
    decision = do_record_decision(
        actor=alice, case=hackney_case, expected_version=1, kind="arrested", reasons="r"
    )
    clock = hackney_case.clocks.get(subject=f"decision:{decision.pk}")
    assert clock.rule.code == "right-6-enhanced"


def test_a_shared_update_appears_on_tracking(hackney_case, alice):
    do_record_update(
        actor=alice,
        case=hackney_case,
        expected_version=1,
        text="We have spoken to a witness.",
        method="phone",
        share_on_tracking=True,
    )
    do_record_update(
        actor=alice,
        case=hackney_case,
        expected_version=2,
        text="Private note to self",
        method="phone",
        share_on_tracking=False,
    )
    shared = shared_updates_for_tracking(hackney_case)
    assert [u.text for u in shared] == ["We have spoken to a witness."]
    assert shared[0].shared_at is not None


def test_a_shared_update_emails_the_victim_who_allowed_email(
    hackney_case, alice, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        do_record_update(
            actor=alice,
            case=hackney_case,
            expected_version=1,
            text="News",
            method="phone",
            share_on_tracking=True,
        )
    from hatecrime.notifications.models import Message

    message = Message.objects.get(template="victim_update_available")
    assert message.recipient == "vera@example.invalid"


def test_closing_needs_a_reason(hackney_case, alice):
    case = triage(hackney_case, alice)
    with pytest.raises(CaseActionError) as error:
        do_close_case(
            actor=alice, case=case, expected_version=case.version, outcome="charged", reason=""
        )
    assert "reason" in error.value.errors


def test_closing_stops_running_clocks(hackney_case, alice):
    case = triage(hackney_case, alice)
    contact = do_record_contact(
        actor=alice, case=case, expected_version=case.version, method="phone", made=True
    )
    case = contact.case
    do_close_case(
        actor=alice,
        case=case,
        expected_version=case.version,
        outcome="charged",
        reason="Charged with a public order offence",
        told_in_contact=contact.contact,
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    assert not case.clocks.filter(stopped_at__isnull=True).exists()
    assert mail.outbox == []


@_pytest.fixture
def hackney_case(db):
    return make_case("hackney")
