"""The case action pages that had no test of their own, and audit completeness: every page and
endpoint that touches a case writes exactly the right event (consult for reads, alter for
writes, disclose for referrals and exports, combine for links) about the right case, with no
personal data in it."""

import datetime as dt
import json

import pytest
from django.utils import timezone

from cases.factories import VICTIM_REPORT, make_case, triage
from hatecrime.audit.models import AuditEvent
from hatecrime.cases import actions
from hatecrime.cases.models import Case, Clock
from hatecrime.cases.views.actions import ACTIONS
from hatecrime.core.models import Area
from hatecrime.support.actions import do_record_consent
from hatecrime.support.models import SupportOrganisation
from personas import api_token

pytestmark = pytest.mark.django_db

PERSONAL = ("Vera Victim", "vera@example.invalid", "07700 900123", "Shouted abuse", "Jon Suspect")
YESTERDAY = (timezone.localtime() - dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")


@pytest.fixture
def galaxy(db):
    return SupportOrganisation.objects.create(name="Galaxy LGBT+ Advice")


@pytest.fixture
def case(alice):
    return make_case("hackney")


def _version(case) -> int:
    return Case.objects.get(pk=case.pk).version


def _new_events(since: int) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(seq__gt=since).order_by("seq"))


def _last_seq() -> int:
    return AuditEvent.objects.order_by("-seq").values_list("seq", flat=True).first() or 0


def assert_no_personal_data(events):
    for event in events:
        text = json.dumps(
            [event.fields, event.detail, event.justification, event.recipient], default=str
        )
        assert not any(value in text for value in PERSONAL), (event, text)


def post_action(client, case, slug, data):
    return client.post(
        f"/staff/cases/{case.report.reference}/{slug}/", {"version": _version(case), **data}
    )


# --- Preparing a case for each action, and the valid answers for its page ---------------------


def _with_decision(case, alice, kind="arrested"):
    return actions.do_record_decision(
        actor=alice,
        case=case,
        expected_version=_version(case),
        kind=kind,
        reasons="On CCTV",
        decided_at=timezone.now() - dt.timedelta(days=2),
    )


def _with_consent(case, alice, galaxy):
    return do_record_consent(
        actor=alice,
        case=case,
        expected_version=_version(case),
        organisation=galaxy,
        shared_fields=["phone"],
    )


def _with_court_date(case, alice):
    return actions.do_add_court_date(
        actor=alice,
        case=case,
        expected_version=_version(case),
        hearing_on=timezone.localdate() - dt.timedelta(days=1),
        description="First hearing",
        court_name="Thames Magistrates' Court",
    )


def _with_contact(case, alice):
    triage(Case.objects.get(pk=case.pk), alice)
    return actions.do_record_contact(
        actor=alice, case=case, expected_version=_version(case), method="phone", made=True
    ).contact


def _with_proposed_closure(case, alice):
    contact = _with_contact(case, alice)
    return actions.do_close_case(
        actor=alice,
        case=case,
        expected_version=_version(case),
        outcome="no_further_action",
        reason="No suspect",
        told_in_contact=contact,
        told_of_right_to_review=True,
    )


def answers(slug, case, *, alice, galaxy):
    """(persona to sign in, form data, expected event kinds) for a valid submission."""
    if slug == "assign":
        return "hannah", {"officer": alice.pk}, ["alter"]
    if slug == "move":
        area = Area.objects.get(slug="camden")
        return "alice", {"area": area.pk, "reason": "It happened in Camden"}, ["alter"]
    if slug == "triage":
        return (
            "alice",
            {
                "strands": ["religion"],
                "classification": "crime",
                "online_route": "not_online",
                "risk_level": "standard",
                "priority": "routine",
            },
            ["alter"],
        )
    if slug == "contact":
        return "alice", {"method": "phone", "made": "yes", "outcome": "Spoke"}, ["alter"]
    if slug == "needs":
        data = {"wants_police_action": "yes", "update_method": "phone", "update_every_days": 14}
        return "alice", data, ["alter"]
    if slug == "consent":
        return "alice", {"organisation": galaxy.pk, "shared_fields": ["phone"]}, ["alter"]
    if slug == "refer":
        _with_consent(case, alice, galaxy)
        return "alice", {"organisation": galaxy.pk}, ["disclose"]
    if slug == "withdraw-consent":
        consent = _with_consent(case, alice, galaxy)
        return "alice", {"consent": consent.pk}, ["alter"]
    if slug == "decision":
        return "alice", {"kind": "arrested", "reasons": "Seen on CCTV"}, ["alter"]
    if slug == "victim-told":
        decision = _with_decision(case, alice)
        return "alice", {"decision": decision.pk, "told_at": YESTERDAY, "how": "phone"}, ["alter"]
    if slug == "crime-number":
        return "alice", {"crime_number": "5012345/26", "classification": "8P"}, ["alter"]
    if slug == "communities":
        return "alice", {"communities": ["chinese", "other"], "other": "Hakka"}, ["alter"]
    if slug == "statements":
        return "alice", {"statement": "taken", "personal_statement": "offered"}, ["alter"]
    if slug == "court-date":
        data = {
            "hearing_on": "2027-01-11",
            "kind": "first_hearing",
            "court_name": "Thames Magistrates' Court",
            "description": "First hearing",
        }
        return "alice", data, ["alter"]
    if slug == "court-outcome":
        court_date = _with_court_date(case, alice)
        data = {"court_date": court_date.pk, "result": "guilty_plea", "outcome": "Guilty plea"}
        return "alice", data, ["alter"]
    if slug == "review":
        _with_decision(case, alice, kind="no_further_action")
        right = case.rights_to_review.get()
        return "alice", {"right_to_review": right.pk, "requested_at": YESTERDAY}, ["alter"]
    if slug in ("review-acknowledge", "review-result"):
        _with_decision(case, alice, kind="no_further_action")
        right = case.rights_to_review.get()
        actions.do_record_review_request(
            actor=alice,
            case=case,
            expected_version=_version(case),
            right_to_review=right,
            requested_at=timezone.now() - dt.timedelta(days=1),
        )
        if slug == "review-acknowledge":
            return "alice", {"right_to_review": right.pk}, ["alter"]
        data = {
            "right_to_review": right.pk,
            "result": "upheld",
            "reasons": "The evidence does not identify anyone",
            "next_steps": "We looked again. The decision stays the same for now.",
        }
        return "hannah", data, ["alter"]
    if slug == "update":
        data = {"text": "We spoke to a witness.", "method": "phone", "share_on_tracking": "on"}
        return "alice", data, ["alter"]
    if slug == "stop-clock":
        clock = case.clocks.filter(stopped_at__isnull=True).first()
        return "hannah", {"clock": clock.pk}, ["alter"]
    if slug == "link":
        earlier = make_case("hackney")
        return (
            "alice",
            {"other": earlier.report.reference, "matched_on": "victim phone"},
            ["combine"],
        )
    if slug == "suspect":
        data = {
            "vehicle_registration": "AB12 CDE",
            "name": "Al Smith",
            "date_of_birth": "1990-01-02",
        }
        return "alice", data, ["collect"]
    if slug == "close":
        contact = _with_contact(case, alice)
        data = {"outcome": "charged", "reason": "Charged", "told_in_contact": contact.pk}
        return "alice", data, ["alter"]
    if slug == "review-closure":
        _with_proposed_closure(case, alice)
        return "hannah", {"decision": "approve"}, ["alter"]
    if slug == "reassurance":
        return "hannah", {"method": "phone", "outcome": "reached", "note": "Fine"}, ["alter"] * 2
    if slug in ("asb-case-review", "panel-referral"):
        Case.objects.filter(pk=case.pk).update(persistently_targeted=True)
        return "alice", {"status": "offered"}, ["alter"]
    if slug == "default-referral":
        galaxy.offered_by_default = True
        galaxy.save()
        return "alice", {"answer": "declined", "declined_reason": "Has family support"}, ["alter"]
    raise AssertionError(f"no answers for {slug}: add them")


@pytest.mark.parametrize("slug", sorted(ACTIONS))
def test_each_action_page_writes_exactly_its_event(client, request, slug, case, alice, galaxy):
    persona, data, kinds = answers(slug, case, alice=alice, galaxy=galaxy)
    client.force_login(request.getfixturevalue(persona))
    since = _last_seq()
    response = post_action(client, case, slug, data)
    assert response.status_code == 302, response.context["form"].errors
    events = _new_events(since)
    # Side effects (messages) are audited by the system after commit, not by the page's user.
    own = [e for e in events if e.actor_label != "system"]
    assert [e.kind for e in own] == kinds
    assert {e.object_id for e in own} == {case.report.reference}
    assert all(e.actor is not None and e.actor.username == persona for e in own)
    assert_no_personal_data(events)


@pytest.mark.parametrize("slug", sorted(ACTIONS))
def test_each_action_page_read_is_audited_as_a_consult(client, request, slug, case, alice):
    supervisors_only = ("assign_case", "override_clock", "review_closure", "decide_review")
    persona = "hannah" if ACTIONS[slug].permission in supervisors_only else "alice"
    client.force_login(request.getfixturevalue(persona))
    since = _last_seq()
    assert client.get(f"/staff/cases/{case.report.reference}/{slug}/").status_code == 200
    events = _new_events(since)
    assert events and {e.kind for e in events} == {"consult"}
    assert {e.object_id for e in events} == {case.report.reference}
    assert_no_personal_data(events)


def test_reading_the_case_page_leaves_one_consult(client, alice, case):
    client.force_login(alice)
    since = _last_seq()
    client.get(f"/staff/cases/{case.report.reference}/")
    (event,) = _new_events(since)
    assert (event.kind, event.object_type, event.object_id) == (
        "consult",
        "case",
        case.report.reference,
    )
    assert "victim" in event.fields
    assert_no_personal_data([event])


def _api(user):
    from rest_framework.test import APIClient

    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {api_token(user)}")
    return api


def test_every_api_endpoint_writes_exactly_its_event(alice, case, galaxy):
    api = _api(alice)
    ref = case.report.reference
    _with_consent(case, alice, galaxy)
    calls = [
        ("get", "", None, "consult"),
        (
            "post",
            "/triage",
            {"strands": ["race"], "classification": "crime", "risk_level": "standard"},
            "alter",
        ),
        ("post", "/contacts", {"method": "phone", "made": True}, "alter"),
        ("post", "/decisions", {"kind": "arrested", "reasons": "On CCTV"}, "alter"),
        ("post", "/updates", {"text": "Update", "method": "phone"}, "alter"),
        ("post", "/referrals", {"organisation": galaxy.pk}, "disclose"),
    ]
    for method, suffix, body, kind in calls:
        since = _last_seq()
        if method == "get":
            response = api.get(f"/api/v1/cases/{ref}")
        else:
            body = {**body, "expected_version": _version(case)}
            response = api.post(f"/api/v1/cases/{ref}{suffix}", body, format="json")
        assert response.status_code in (200, 201), (suffix, response.content)
        own = [e for e in _new_events(since) if e.actor_label != "system"]
        assert [(e.kind, e.object_id) for e in own] == [(kind, ref)], suffix
        assert_no_personal_data(_new_events(since))


def test_the_api_assign_is_one_alter(hannah, alice, case):
    since = _last_seq()
    response = _api(hannah).post(
        f"/api/v1/cases/{case.report.reference}/assign",
        {"expected_version": 1, "officer": "alice"},
        format="json",
    )
    assert response.status_code == 201
    own = [e for e in _new_events(since) if e.actor_label != "system"]
    assert [(e.kind, e.object_id) for e in own] == [("alter", case.report.reference)]


def test_the_board_export_is_one_disclosure_to_the_supervisor(client, hannah, case):
    client.force_login(hannah)
    since = _last_seq()
    response = client.get("/staff/cases/board/export.csv")
    assert response.status_code == 200
    (event,) = _new_events(since)
    assert event.kind == "disclose" and event.actor == hannah
    assert_no_personal_data([event])


def test_case_search_is_one_consult_on_the_page_and_the_api(client, alice, case):
    client.force_login(alice)
    api = _api(alice)  # issuing the token is an audited event of its own
    for search in (
        lambda: client.get("/staff/cases/search/", {"q": "Vera Victim"}),
        lambda: api.get("/api/v1/cases/search", {"q": "Jon Suspect"}),
    ):
        since = _last_seq()
        assert search().status_code == 200
        (event,) = _new_events(since)
        assert (event.kind, event.object_type, event.actor) == ("consult", "case_search", alice)
        assert event.detail["results"] == [case.report.reference]
        assert_no_personal_data([event])


# --- The action pages, one behaviour each ------------------------------------------------------


def test_a_key_decision_starts_the_right_6_clock(client, alice, case):
    client.force_login(alice)
    post_action(client, case, "decision", {"kind": "arrested", "reasons": "Seen on CCTV"})
    decision = case.decisions.get()
    assert decision.kind == "arrested"
    assert Clock.objects.filter(case=case, stopped_at__isnull=True, subject__contains="decision")


def test_a_decision_needs_its_kind(client, alice, case):
    client.force_login(alice)
    response = post_action(client, case, "decision", {"reasons": "Seen on CCTV"})
    assert response.status_code == 200 and "govuk-error-summary" in response.content.decode()
    assert not case.decisions.exists()


def test_recording_that_the_victim_was_told_stops_the_right_6_clock(client, alice, case):
    decision = _with_decision(case, alice)
    running = Clock.objects.filter(case=case, stopped_at__isnull=True)
    before = set(running.values_list("pk", flat=True))
    client.force_login(alice)
    response = post_action(
        client, case, "victim-told", {"decision": decision.pk, "told_at": YESTERDAY, "how": "phone"}
    )
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.victim_told_by == alice and decision.victim_told_at is not None
    stopped = before - set(running.values_list("pk", flat=True))
    assert stopped and all("decision" in Clock.objects.get(pk=pk).subject for pk in stopped)


def test_the_victim_told_page_shows_the_safe_contact_preferences(client, alice, case):
    _with_decision(case, alice)
    client.force_login(alice)
    page = client.get(f"/staff/cases/{case.report.reference}/victim-told/").content.decode()
    assert 'id="safe-contact"' in page and "Do not leave a voicemail" in page


def test_statements_are_recorded(client, alice, case):
    client.force_login(alice)
    post_action(client, case, "statements", {"statement": "taken", "personal_statement": "offered"})
    case.refresh_from_db()
    assert (case.statement, case.personal_statement) == ("taken", "offered")


def test_a_court_date_and_its_outcome(client, alice, case):
    client.force_login(alice)
    data = {
        "hearing_on": "2026-01-11",
        "kind": "first_hearing",
        "court_name": "Thames Magistrates' Court",
        "description": "First hearing",
    }
    assert post_action(client, case, "court-date", data).status_code == 302
    court_date = case.court_dates.get()
    assert court_date.hearing_on == dt.date(2026, 1, 11)
    data = {"court_date": court_date.pk, "result": "guilty_plea", "outcome": "Guilty plea"}
    assert post_action(client, case, "court-outcome", data).status_code == 302
    court_date.refresh_from_db()
    assert court_date.outcome == "Guilty plea"


def test_a_court_date_needs_a_date(client, alice, case):
    client.force_login(alice)
    response = post_action(client, case, "court-date", {"description": "First hearing"})
    assert "Enter the hearing date" in response.content.decode()


def test_a_review_request_needs_a_decision_not_to_charge(client, alice, case):
    client.force_login(alice)
    response = post_action(client, case, "review", {"requested_at": YESTERDAY})
    assert "Select the decision" in response.content.decode()
    _with_decision(case, alice, kind="no_further_action")
    right = case.rights_to_review.get()
    data = {"right_to_review": right.pk, "requested_at": YESTERDAY}
    assert post_action(client, case, "review", data).status_code == 302
    assert case.clocks.filter(subject=right.clock_subject).count() == 3  # window, ack, decide


def test_the_link_page_offers_earlier_reports_that_share_the_victims_details(client, alice):
    earlier = make_case("hackney")
    unrelated = make_case(
        "hackney",
        submitted={
            **VICTIM_REPORT,
            "contact": {"name": "Someone Else", "phone": "07700 900999"},
            "suspects": {},
        },
    )
    later = make_case("hackney")
    client.force_login(alice)
    since = _last_seq()
    page = client.get(f"/staff/cases/{later.report.reference}/link/").content.decode()
    candidates = page[page.index('id="link-candidates"') :]
    assert earlier.report.reference in candidates
    assert unrelated.report.reference not in candidates
    assert not any(value in page for value in PERSONAL)
    consults = [e for e in _new_events(since) if e.kind == "consult"]
    assert any(e.fields == ["linked_candidates"] for e in consults)


def test_linking_is_a_combination_both_ways(client, alice):
    earlier, later = make_case("hackney"), make_case("hackney")
    client.force_login(alice)
    response = post_action(
        client,
        later,
        "link",
        {
            "other": earlier.report.reference,
            "matched_on": "victim phone",
            "persistently_targeted": "on",
        },
    )
    assert response.status_code == 302
    assert later.links.get().linked_case == earlier and earlier.links.get().linked_case == later
    later.refresh_from_db()
    assert later.persistently_targeted and later.enhanced_rights
    event = AuditEvent.objects.get(kind="combine")
    assert event.detail["linked_case"] == earlier.report.reference


def test_bob_cannot_link_a_camden_case_to_a_hackney_one(client, bob):
    hackney, camden = make_case("hackney"), make_case("camden")
    client.force_login(bob)
    response = post_action(client, camden, "link", {"other": hackney.report.reference})
    assert response.status_code == 404
    assert not camden.links.exists()


def test_moving_a_case_puts_it_in_the_other_areas_queue(client, alice, bob, case):
    client.force_login(alice)
    camden = Area.objects.get(slug="camden")
    post_action(client, case, "move", {"area": camden.pk, "reason": "It happened in Camden"})
    assert Case.objects.get(pk=case.pk).area == camden
    assert client.get(f"/staff/cases/{case.report.reference}/").status_code == 404
    client.force_login(bob)
    assert client.get(f"/staff/cases/{case.report.reference}/").status_code == 200


def test_withdrawing_consent_withdraws_the_open_referral(client, alice, case, galaxy):
    consent = _with_consent(case, alice, galaxy)
    client.force_login(alice)
    assert post_action(client, case, "refer", {"organisation": galaxy.pk}).status_code == 302
    assert post_action(client, case, "withdraw-consent", {"consent": consent.pk}).status_code == 302
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None
    assert case.referrals.get().status == "withdrawn"


def test_hannah_stops_a_clock_by_hand_and_alice_cannot(client, alice, hannah, case):
    clock = case.clocks.filter(stopped_at__isnull=True).first()
    client.force_login(alice)
    assert (
        "/stop-clock/" not in client.get(f"/staff/cases/{case.report.reference}/").content.decode()
    )
    assert post_action(client, case, "stop-clock", {"clock": clock.pk}).status_code == 404
    client.force_login(hannah)
    assert "/stop-clock/" in client.get(f"/staff/cases/{case.report.reference}/").content.decode()
    assert post_action(client, case, "stop-clock", {"clock": clock.pk}).status_code == 302
    clock.refresh_from_db()
    assert clock.stopped_by == hannah and clock.stopped_at is not None


def test_each_opening_of_an_evidence_file_writes_exactly_its_event(
    client, alice, pat, victim_support
):
    """Page and API: one consult by the officer; the partner's page: one disclosure, with the
    organisation as recipient. None of them holds the file's name or anything it says."""
    from cases.evidence_files import make_case_with_evidence, photo_of
    from support.partners import refer_through_pages

    case = make_case_with_evidence("hackney")
    ref, photo = case.report.reference, photo_of(case)
    referral = refer_through_pages(client, alice, case, victim_support, ["evidence"])
    client.force_login(alice)
    openings = [
        (client, f"/staff/cases/{ref}/evidence/{photo.pk}/", "consult", ""),
        (_api(alice), f"/api/v1/cases/{ref}/evidence/{photo.pk}?download=1", "consult", ""),
        (
            None,
            f"/staff/support/referrals/{referral.pk}/evidence/{photo.pk}/",
            "disclose",
            f"support organisation {victim_support.pk}: Victim Support Hackney",
        ),
    ]
    for opener, url, kind, recipient in openings:
        if opener is None:
            client.force_login(pat)
            opener = client
        since = _last_seq()
        assert opener.get(url).status_code == 200, url
        (event,) = _new_events(since)
        assert (event.kind, event.object_id, event.fields) == (kind, ref, ["evidence"])
        assert event.recipient == recipient
        assert "photo of the van" not in json.dumps([event.detail, event.justification])
        assert_no_personal_data([event])
