"""Withdrawal risk: cases driven through frozen time are flagged with the right reasons, on the
case page, the board and the supervisor's list; the rules are data an administrator changes,
audited, and a change changes the outcome."""

import datetime as dt

import pytest
import time_machine

from cases.factories import VICTIM_REPORT, make_case, triage
from hatecrime.audit.models import AuditEvent
from hatecrime.cases.actions import do_close_case, do_record_contact
from hatecrime.cases.jobs import withdrawal_risk_job
from hatecrime.cases.models import Case, WithdrawalRisk, WithdrawalRiskRule
from hatecrime.core.scheduler import JOBS

pytestmark = pytest.mark.django_db

# A Monday morning in London (GMT in November).
START = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)


_victims = iter(range(1, 1000))


def _new_case(area: str = "hackney", **changes):
    """A case of a victim of their own (no other report shares their details)."""
    n = next(_victims)
    contact = {
        "name": f"Victim Number{n}",
        "email": f"victim{n}@example.invalid",
        "phone": f"07700 900{n:03d}",
    }
    return make_case(
        area, submitted={**VICTIM_REPORT, "contact": contact, **changes}, submitted_at=START
    )


def _at(days: float = 0, hours: float = 0):
    return time_machine.travel(START + dt.timedelta(days=days, hours=hours), tick=False)


def _version(case) -> int:
    return Case.objects.get(pk=case.pk).version


def _risk(case) -> WithdrawalRisk:
    return WithdrawalRisk.objects.get(case=case)


def _signals(case) -> list[str]:
    return [reason["signal"] for reason in _risk(case).reasons]


def _post(client, user, case, slug, data):
    client.force_login(user)
    return client.post(
        f"/staff/cases/{case.report.reference}/{slug}/", {"version": _version(case), **data}
    )


def _does_not_want_police_action(client, officer, case):
    needs = {"wants_police_action": "no", "update_method": "phone", "update_every_days": 14}
    assert _post(client, officer, case, "needs", needs).status_code == 302


def test_the_daily_sweep_is_registered():
    assert JOBS["cases.withdrawal_risk"].every == dt.timedelta(days=1)


def test_a_victim_never_reached_is_flagged_as_days_pass_and_one_reached_is_not(
    client, alice, hannah
):
    with _at():
        silent = _new_case()
        reached = _new_case()
    with _at(hours=2):
        do_record_contact(actor=alice, case=reached, expected_version=1, method="phone", made=True)
    with _at(days=5):
        withdrawal_risk_job.call()
        # Five days without contact: slow first contact and no referral, not yet at risk.
        assert _risk(silent).level == "none"
        assert _signals(silent) == ["no_support_referral", "slow_first_contact"]
    with _at(days=10):
        do_record_contact(actor=alice, case=reached, expected_version=2, method="phone", made=True)
    with _at(days=15):
        withdrawal_risk_job.call()
        assert _risk(silent).level == "raised"
        assert _signals(silent) == [
            "no_two_way_contact",
            "no_support_referral",
            "slow_first_contact",
        ]
        assert _risk(reached).level == "none"
        client.force_login(hannah)
        page = client.get("/staff/cases/at-risk/").content.decode()
    assert silent.report.reference in page
    assert "No two-way contact since the report, 15 days ago" in page
    assert "No first contact after 360 hours" in page
    assert reached.report.reference not in page


def test_the_victims_wishes_raise_the_flag_at_once_and_it_shows_on_the_case_and_board(
    client, alice, hannah
):
    with _at():
        case = _new_case()
    with _at(hours=3):
        response = _post(
            client,
            alice,
            case,
            "needs",
            {
                "wants_police_action": "no",
                "worried_about_reprisals": "yes",
                "update_method": "phone",
                "update_every_days": 14,
            },
        )
        assert response.status_code == 302
        assert _risk(case).level == "raised"
        assert _signals(case) == ["no_police_action", "worried_about_reprisals"]
        page = client.get(f"/staff/cases/{case.report.reference}/").content.decode()
        assert "The victim does not want police action" in page
        assert "The victim is worried about reprisals" in page
        client.force_login(hannah)
        board = client.get("/staff/cases/board/").content.decode()
    assert case.report.reference in board.split('id="at-risk"')[1].split("</table>")[0]
    # The change of level is the system's, audited with the signals and nothing personal.
    event = AuditEvent.objects.filter(fields=["withdrawal_risk"]).get()
    assert (event.actor_label, event.object_id) == ("system", case.report.reference)
    assert event.detail["to"] == "raised"
    assert event.detail["signals"] == ["no_police_action", "worried_about_reprisals"]


def test_a_known_suspect_repeat_victimisation_and_disability_add_up_to_high(hannah):
    known = {
        **VICTIM_REPORT,
        "motivations": ["disability"],
        "suspects": {"count": "one", "known_to_victim": "yes"},
    }
    with _at(days=-60):
        earlier = make_case("camden", submitted=known, submitted_at=START - dt.timedelta(days=60))
    with _at():
        case = make_case("hackney", submitted=known, submitted_at=START)
        withdrawal_risk_job.call()
    risk = _risk(case)
    assert _signals(case) == ["repeat_victimisation", "suspect_known", "disability"]
    assert risk.level == "raised"
    assert (
        "Repeat victimisation: 1 other report(s) of this victim, linked or matching their details"
        in risk.reasons_in_words
    )
    assert earlier.pk != case.pk


def test_reassurance_outcomes_feed_the_flag(client, alice, hannah):
    with _at():
        case = _new_case()
    with _at(days=2):
        _post(client, hannah, case, "reassurance", {"method": "phone", "outcome": "no_answer"})
        assert "reassurance_no_answer" not in _signals(case)
        _post(client, hannah, case, "reassurance", {"method": "phone", "outcome": "no_answer"})
        assert "reassurance_no_answer" in _signals(case)
        assert "2 reassurance attempts in a row were not answered" in _risk(case).reasons_in_words
        response = _post(
            client, hannah, case, "reassurance", {"method": "phone", "outcome": "wants_to_withdraw"}
        )
        assert response.status_code == 302
    assert _risk(case).level == "high"
    assert "reassurance_wants_to_withdraw" in _signals(case)
    # Reached: the run of unanswered attempts and the missed contacts are over.
    assert "reassurance_no_answer" not in _signals(case)
    assert "missed_contacts" not in _signals(case)


def test_missed_contacts_since_the_last_two_way_contact_are_counted(alice):
    with _at():
        case = _new_case()
    with _at(hours=1):
        do_record_contact(actor=alice, case=case, expected_version=1, method="phone", made=False)
    assert "missed_contacts" not in _signals(case)
    with _at(hours=2):
        do_record_contact(actor=alice, case=case, expected_version=2, method="phone", made=False)
    assert "3" not in str(_risk(case).reasons)
    assert "2 contact attempts since the last two-way contact did not reach the victim" in (
        _risk(case).reasons_in_words
    )


def test_a_closed_case_carries_no_flag(alice):
    with _at():
        case = _new_case()
    with _at(days=20):
        withdrawal_risk_job.call()
        assert _risk(case).level == "raised"
        triage(Case.objects.get(pk=case.pk), alice)
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
    assert (_risk(case).level, _risk(case).reasons) == ("none", [])


# --- The rules are data ----------------------------------------------------------------------


def test_an_administrator_edits_a_rule_it_is_audited_and_changes_the_outcome(client, alice, adam):
    with _at():
        case = _new_case()
        _does_not_want_police_action(client, alice, case)
        assert (_risk(case).level, _risk(case).score) == ("raised", 3)
        client.force_login(adam)
        assert client.get("/staff/risk-rules/").status_code == 200
        response = client.post(
            "/staff/risk-rules/no_police_action/", {"weight": 6, "enabled": "on"}
        )
        assert response.status_code == 302
        event = AuditEvent.objects.filter(object_type="withdrawal_risk_rule").get()
        assert (event.kind, event.object_id, event.actor.username) == (
            "alter",
            "no_police_action",
            "adam",
        )
        assert event.detail == {"weight": {"from": 3, "to": 6}}
        withdrawal_risk_job.call()
    assert (_risk(case).level, _risk(case).score) == ("high", 6)


def test_a_disabled_rule_no_longer_flags(client, alice, adam):
    with _at():
        case = _new_case()
        _does_not_want_police_action(client, alice, case)
        client.force_login(adam)
        client.post("/staff/risk-rules/no_police_action/", {"weight": 3})  # enabled unticked
        assert not WithdrawalRiskRule.objects.get(signal="no_police_action").enabled
        withdrawal_risk_job.call()
    assert _risk(case).level == "none"


def test_an_administrator_changes_a_threshold(client, alice, adam):
    with _at():
        case = _new_case()
        _does_not_want_police_action(client, alice, case)
        client.force_login(adam)
        assert client.post("/staff/risk-thresholds/raised/", {"min_score": 4}).status_code == 302
        withdrawal_risk_job.call()
    assert _risk(case).level == "none"
    event = AuditEvent.objects.filter(object_type="withdrawal_risk_threshold").get()
    assert event.detail == {"min_score": {"from": 3, "to": 4}}


def test_bad_rule_input_is_shown_with_the_error_summary(client, adam):
    client.force_login(adam)
    response = client.post("/staff/risk-rules/missed_contacts/", {"weight": 99, "parameter": ""})
    assert response.status_code == 200
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert WithdrawalRiskRule.objects.get(signal="missed_contacts").weight == 2
    response = client.post("/staff/risk-thresholds/high/", {"min_score": 1})
    assert "The score for high must be at least the score for raised" in response.content.decode()


def test_only_administrators_see_the_rules(client, alice, hannah):
    for user in (alice, hannah):
        client.force_login(user)
        assert client.get("/staff/risk-rules/").status_code == 404


def test_the_list_of_cases_at_risk_is_for_the_areas_supervisor_only(client, alice, hannah, bob):
    client.force_login(alice)
    assert client.get("/staff/cases/at-risk/").status_code == 404
    client.force_login(hannah)
    assert client.get("/staff/cases/at-risk/?area=camden").status_code == 404
    assert client.get("/staff/cases/at-risk/").status_code == 200
    assert AuditEvent.objects.filter(fields=["withdrawal_risk"], kind="consult").exists()


def test_the_list_is_sorted_by_score(client, alice, hannah):
    with _at():
        low = _new_case()
        high = _new_case()
        for case, wish in ((low, "no"), (high, "no")):
            _post(
                client,
                alice,
                case,
                "needs",
                {
                    "wants_police_action": wish,
                    "worried_about_reprisals": "yes" if case is high else "",
                    "update_method": "phone",
                    "update_every_days": 14,
                },
            )
        client.force_login(hannah)
        page = client.get("/staff/cases/at-risk/").content.decode()
    assert page.index(high.report.reference) < page.index(low.report.reference)


def test_a_refresh_costs_a_bounded_number_of_queries(django_assert_max_num_queries, alice):
    from hatecrime.cases.risk import refresh_withdrawal_risk

    with _at():
        case = _new_case()
        withdrawal_risk_job.call()
    for attempt in range(3):
        with _at(hours=attempt + 1):
            do_record_contact(
                actor=alice, case=case, expected_version=_version(case), method="phone", made=False
            )
    case = Case.objects.select_related("report").get(pk=case.pk)
    # Schedules checked, rules, thresholds, contacts, other reports, referral, reassurance
    # outcomes, the stored flag read and written: 11, however many contacts there are.
    with _at(days=1), django_assert_max_num_queries(11):
        refresh_withdrawal_risk(case)
