"""The Victims' Right to Review (docs/adr/0812): a decision not to charge or not to investigate
reaches the victim through their safe channel in their language with the review route (never a
victim who may not be contacted); the victim asks from tracking or staff record the request; the
acknowledge and decide clocks fall due; only a supervisor not involved in the decision decides;
the result shows on tracking and is sent. Everything audited. Frozen time throughout."""

import datetime as dt

import pytest
from django.db import transaction
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from cases.factories import VICTIM_REPORT, events, triage
from hatecrime.cases.jobs import victims_code_clocks_job
from hatecrime.cases.models import Case, Clock, RightToReview
from hatecrime.notifications.models import Message
from hatecrime.reporting.actions import do_submit_report
from personas import StaffClient, api_token, make_staff

pytestmark = pytest.mark.django_db

FRIDAY = "2026-11-20 10:00 +0000"
VICTIM_DOES_NOT_KNOW = {
    **VICTIM_REPORT,
    "reporter_role": "on_behalf",
    "on_behalf": {"relationship": "friend"},
    "victim_knows": "no",
    "contact": {"name": "Fay Friend", "email": "fay@example.invalid"},
    "victim": {"name": "Vic Tim", "phone": "07700 900456"},
}
ANONYMOUS = {
    key: value
    for key, value in VICTIM_REPORT.items()
    if key not in ("contact", "safe_contact", "suspects")
} | {"anonymous": True}
NFA_LETTER = "We have decided to take no further action for now."


@pytest.fixture(autouse=True)
def _friday(time_machine):
    time_machine.move_to(FRIDAY, tick=False)


@pytest.fixture(autouse=True)
def _messages_go_at_once(monkeypatch):
    """Each test runs in one transaction that never commits: what actions send after commit
    is sent at once instead."""
    monkeypatch.setattr(transaction, "on_commit", lambda callback, *a, **k: callback())


@pytest.fixture
def supervisors(hannah):
    hannah.email = "hannah@example.invalid"
    hannah.save()
    sunil = make_staff("sunil", "supervisor", ["hackney"], email="sunil@example.invalid")
    return hannah, sunil


def submit(payload=VICTIM_REPORT, language="en-gb"):
    return do_submit_report(payload=payload, channel="online", actor=None, language=language)


def staff(user) -> StaffClient:
    client = StaffClient()
    client.force_login(user)
    return client


def act(client, submitted, slug, data):
    case = Case.objects.get(report__reference=submitted.reference)
    return client.post(
        f"/staff/cases/{submitted.reference}/{slug}/", {"version": case.version, **data}
    )


def decide(client, submitted, kind="no_further_action"):
    response = act(client, submitted, "decision", {"kind": kind, "reasons": "No witness"})
    assert response.status_code == 302, response.content.decode()
    return RightToReview.objects.get(case__report__reference=submitted.reference)


def track(submitted, client=None) -> tuple[Client, str]:
    client = client or Client()
    data = {"reference": submitted.reference, "tracking_code": submitted.tracking_code}
    response = client.post("/track/", data)
    assert response.status_code == 200
    return client, response.content.decode()


def victim_messages(template: str):
    return Message.objects.filter(template=template)


# --- The decision reaches the victim ------------------------------------------------------


def test_a_no_further_action_decision_reaches_the_victim_with_the_review_route(alice):
    submitted = submit()
    right = decide(staff(alice), submitted)
    message = victim_messages("victim_decision_made").get()
    assert (message.recipient, message.status, message.language) == (
        "vera@example.invalid",
        "sent",
        "en-gb",
    )
    right.refresh_from_db()
    assert right.notice == "sent"
    assert right.ask_by == timezone.make_aware(dt.datetime(2027, 2, 20, 10, 0))
    window = Clock.objects.get(subject=right.clock_subject)
    assert (window.rule.code, window.due_at) == ("review-request-window", right.ask_by)
    _client, page = track(submitted)
    assert NFA_LETTER in page
    assert "Ask by 20 February 2027." in page
    assert f'href="/track/review/{right.pk}/"' in page
    assert "Someone who was not part of the decision will look at it again." in page


def test_the_message_is_in_the_reports_language_and_says_nothing_of_the_case(alice):
    submitted = submit(language="pl")
    decide(staff(alice), submitted)
    message = victim_messages("victim_decision_made").get()
    assert message.language == "pl"
    disclosed = events("disclose", submitted.reference)[-1]
    assert disclosed.fields == ["reference"]  # and the link: no reasons, no decision
    assert message.recipient == "vera@example.invalid"


def test_a_not_investigated_decision_opens_the_same_route(alice):
    submitted = submit()
    right = decide(staff(alice), submitted, kind="not_investigated")
    assert right.kind == "not_investigated"
    _client, page = track(submitted)
    assert "We have decided not to investigate your report." in page


@pytest.mark.parametrize("payload", [VICTIM_DOES_NOT_KNOW, ANONYMOUS], ids=["unaware", "anon"])
def test_it_never_reaches_a_victim_who_may_not_be_contacted(alice, payload):
    submitted = submit(payload)
    right = decide(staff(alice), submitted)
    assert not victim_messages("victim_decision_made").exists()
    assert right.notice == "not_contactable"
    window = Clock.objects.get(subject=right.clock_subject)
    assert window.stop_reason == "victim_not_contactable"
    _client, page = track(submitted)
    # The anonymous victim holds their own code: tracking is how they learn of it. A friend
    # who reported without the victim's knowledge is not told of the victim's right.
    assert (NFA_LETTER in page) == (payload is ANONYMOUS)


def test_an_approved_closure_with_no_further_action_opens_a_right_to_review(alice, hannah):
    submitted = submit()
    case = Case.objects.get(report__reference=submitted.reference)
    alice_client = staff(alice)
    triage(case, alice)
    contact = act(
        alice_client, submitted, "contact", {"person": "victim", "method": "phone", "made": "yes"}
    )
    assert contact.status_code == 302
    contact_id = case.contacts.get().pk
    closing = act(
        alice_client,
        submitted,
        "close",
        {
            "outcome": "no_further_action",
            "reason": "No suspect identified",
            "told_in_contact": contact_id,
            "told_of_right_to_review": "on",
        },
    )
    assert closing.status_code == 302
    assert not RightToReview.objects.exists()  # a proposal, not yet a decision
    approved = act(staff(hannah), submitted, "review-closure", {"decision": "approve"})
    assert approved.status_code == 302
    right = RightToReview.objects.get()
    assert (right.decided_by, right.approved_by, right.closure is not None) == (alice, hannah, True)
    assert victim_messages("victim_decision_made").count() == 1


# --- Asking from tracking -------------------------------------------------------------------


def test_the_victim_asks_from_tracking_and_the_clocks_start(alice, supervisors):
    submitted = submit()
    right = decide(staff(alice), submitted)
    client, _page = track(submitted)
    form = client.get(f"/track/review/{right.pk}/")
    assert form.status_code == 200 and NFA_LETTER in form.content.decode()
    response = client.post(f"/track/review/{right.pk}/", {"reason": "There was a witness"})
    assert response.status_code == 302 and response["Location"] == "/track/review/asked/"
    asked = client.get("/track/review/asked/").content.decode()
    # Acknowledge in 10 working days, decide in 30: Friday 20 November -> 6 January 2027.
    assert "You asked for a review on 20 November 2026." in asked
    assert "We will tell you the result by 6 January 2027." in asked
    right.refresh_from_db()
    assert (right.requested_via, right.request_text) == ("tracking", "There was a witness")
    clocks = {c.rule.code: c for c in Clock.objects.filter(subject=right.clock_subject)}
    assert clocks["review-request-window"].stopped_at is not None
    assert clocks["review-acknowledge"].due_at == timezone.make_aware(
        dt.datetime(2026, 12, 4, 10, 0)
    )
    collected = events("collect", submitted.reference)[-1]
    assert collected.actor is None and "rights_to_review.request" in collected.fields
    alerted = Message.objects.filter(template="supervisor_review_requested")
    assert {m.recipient for m in alerted} == {"hannah@example.invalid", "sunil@example.invalid"}
    # Tracking now says it was asked, and offers no second request.
    _client, page = track(submitted, client)
    assert "We will tell you the result by 6 January 2027." in page
    again = client.post(f"/track/review/{right.pk}/", {"reason": ""})
    assert again.status_code == 400
    assert "You have already asked for a review of this decision." in again.content.decode()


def test_after_three_months_tracking_can_no_longer_ask(alice, time_machine):
    submitted = submit()
    right = decide(staff(alice), submitted)
    time_machine.move_to("2027-02-20 10:01 +0000", tick=False)
    client, page = track(submitted)
    assert "The time to ask for a review has passed. Call 101" in page
    assert f'href="/track/review/{right.pk}/"' not in page
    refused = client.post(f"/track/review/{right.pk}/", {"reason": "Late"})
    assert refused.status_code == 400 and "govuk-error-summary" in refused.content.decode()
    assert RightToReview.objects.get().requested_at is None


def test_a_long_reason_is_refused_on_the_field(alice):
    submitted = submit()
    right = decide(staff(alice), submitted)
    client, _page = track(submitted)
    refused = client.post(f"/track/review/{right.pk}/", {"reason": "x" * 2001})
    html = refused.content.decode()
    assert refused.status_code == 400
    assert 'id="reason-error"' in html and "2,000 characters or fewer" in html


def test_without_tracking_first_the_form_is_not_shown(alice):
    submitted = submit()
    right = decide(staff(alice), submitted)
    response = Client().get(f"/track/review/{right.pk}/")
    assert response.status_code == 302 and response["Location"] == "/track/"


def test_a_holder_whose_victim_does_not_know_cannot_ask(alice):
    submitted = submit(VICTIM_DOES_NOT_KNOW)
    right = decide(staff(alice), submitted)
    client, _page = track(submitted)
    assert client.get(f"/track/review/{right.pk}/").status_code == 404


# --- Staff: request, acknowledgement, result --------------------------------------------------


def test_staff_record_a_request_and_the_clocks_fall_due(alice, supervisors, time_machine):
    hannah, _sunil = supervisors
    submitted = submit()
    right = decide(staff(alice), submitted)
    data = {"right_to_review": right.pk, "requested_at": "2026-11-20T10:00", "text": "By phone"}
    assert act(staff(alice), submitted, "review", data).status_code == 302
    right.refresh_from_db()
    assert (right.requested_via, right.request_recorded_by) == ("staff", alice)
    # Eleven working days on, the acknowledgement is overdue: the supervisors are told once.
    time_machine.move_to("2026-12-07 10:00 +0000", tick=False)
    victims_code_clocks_job.call()
    clocks = {c.rule.code: c for c in Clock.objects.filter(subject=right.clock_subject)}
    assert clocks["review-acknowledge"].escalated_at is not None
    assert clocks["review-decide"].escalated_at is None  # due 6 January
    overdue = Message.objects.filter(template="supervisor_clock_overdue")
    assert {m.recipient for m in overdue} >= {"hannah@example.invalid"}
    page = staff(hannah).get(f"/staff/cases/{submitted.reference}/").content.decode()
    assert "Review request acknowledged" in page and "Not acknowledged yet" in page
    acknowledged = act(staff(alice), submitted, "review-acknowledge", {"right_to_review": right.pk})
    assert acknowledged.status_code == 302
    ack = Clock.objects.get(subject=right.clock_subject, rule__code="review-acknowledge")
    decide_clock = Clock.objects.get(subject=right.clock_subject, rule__code="review-decide")
    assert ack.stopped_at is not None and decide_clock.stopped_at is None


def test_the_decision_maker_cannot_review_it(alice, supervisors):
    hannah, sunil = supervisors
    submitted = submit()
    right = decide(staff(hannah), submitted)  # hannah made the decision
    act(
        staff(alice),
        submitted,
        "review",
        {"right_to_review": right.pk, "requested_at": "2026-11-20T10:00"},
    )
    data = {
        "right_to_review": right.pk,
        "result": "upheld",
        "reasons": "Checked the CCTV again",
        "next_steps": "We looked again. The decision stays the same.",
    }
    refused = act(staff(hannah), submitted, "review-result", data)
    html = refused.content.decode()
    assert refused.status_code == 200 and "govuk-error-summary" in html
    assert "You made this decision, so you cannot review it." in html
    assert RightToReview.objects.get().result == ""
    # An officer is not offered the page at all; another supervisor decides it.
    assert staff(alice).get(f"/staff/cases/{submitted.reference}/review-result/").status_code == 404
    assert act(staff(sunil), submitted, "review-result", data).status_code == 302


def test_the_supervisor_who_approved_a_closure_cannot_review_it(alice, supervisors):
    hannah, sunil = supervisors
    submitted = submit()
    case = Case.objects.get(report__reference=submitted.reference)
    right = RightToReview.objects.create(
        case=case,
        kind="no_further_action",
        decided_at=timezone.now(),
        decided_by=alice,
        approved_by=hannah,
        ask_by=timezone.now() + dt.timedelta(days=90),
        requested_at=timezone.now(),
    )
    data = {
        "right_to_review": right.pk,
        "result": "upheld",
        "reasons": "r",
        "next_steps": "It stays.",
    }
    html = act(staff(hannah), submitted, "review-result", data).content.decode()
    assert "You approved this decision, so you cannot review it." in html
    assert act(staff(sunil), submitted, "review-result", data).status_code == 302


def test_a_result_in_hard_words_is_refused_with_its_grade(alice, supervisors):
    _hannah, sunil = supervisors
    submitted = submit()
    right = decide(staff(alice), submitted)
    act(
        staff(alice),
        submitted,
        "review",
        {"right_to_review": right.pk, "requested_at": "2026-11-20T10:00"},
    )
    data = {
        "right_to_review": right.pk,
        "result": "upheld",
        "reasons": "Checked",
        "next_steps": "Following a comprehensive evaluation of the available evidential material, "
        "the investigating officer determined that prosecution would not satisfy the "
        "evidential sufficiency requirements.",
    }
    html = act(staff(sunil), submitted, "review-result", data).content.decode()
    assert "This reads at school grade" in html and "reads at grade 8 or lower" in html
    assert RightToReview.objects.get().result == ""


def test_the_result_appears_on_tracking_and_reaches_the_victim(alice, supervisors):
    _hannah, sunil = supervisors
    submitted = submit()
    right = decide(staff(alice), submitted)
    client, _page = track(submitted)
    client.post(f"/track/review/{right.pk}/", {"reason": ""})
    data = {
        "right_to_review": right.pk,
        "result": "overturned",
        "reasons": "A witness came forward",
        "next_steps": "We will look at your report again. Your officer will call you this week.",
    }
    assert act(staff(sunil), submitted, "review-result", data).status_code == 302
    right.refresh_from_db()
    assert (right.result, right.reviewed_by, right.result_notice) == ("overturned", sunil, "sent")
    assert not Clock.objects.filter(subject=right.clock_subject, stopped_at__isnull=True).exists()
    sent = victim_messages("victim_review_result").get()
    assert sent.recipient == "vera@example.invalid"
    _client, page = track(submitted, client)
    assert "Review result: we have changed the decision." in page
    assert "Your officer will call you this week." in page
    assert "A witness came forward" not in page  # the reasons stay on the case
    altered = events("alter", submitted.reference)[-1]
    assert altered.actor == sunil and altered.fields == ["rights_to_review.result"]


def test_overturning_the_decision_of_a_closed_case_opens_it_again(alice, supervisors):
    _hannah, sunil = supervisors
    submitted = submit()
    right = decide(staff(alice), submitted)
    Case.objects.filter(report__reference=submitted.reference).update(
        status="closed", outcome="no_further_action", closed_at=timezone.now()
    )
    act(
        staff(alice),
        submitted,
        "review",
        {"right_to_review": right.pk, "requested_at": "2026-11-20T10:00"},
    )
    data = {
        "right_to_review": right.pk,
        "result": "overturned",
        "reasons": "New evidence",
        "next_steps": "We will look at your report again.",
    }
    assert act(staff(sunil), submitted, "review-result", data).status_code == 302
    case = Case.objects.get(report__reference=submitted.reference)
    assert (case.status, case.outcome, case.closed_at) == ("in_progress", "", None)


def test_the_staff_api_shows_the_right_to_review(alice):
    submitted = submit()
    right = decide(staff(alice), submitted)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {api_token(alice)}")
    detail = api.get(f"/api/v1/cases/{submitted.reference}").json()
    [shown] = detail["rights_to_review"]
    assert (shown["id"], shown["kind"], shown["decided_by"], shown["notice"]) == (
        right.pk,
        "no_further_action",
        "alice",
        "sent",
    )
    assert shown["requested_at"] is None and shown["result"] == ""
