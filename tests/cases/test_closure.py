"""Closing a case, through the pages and the staff API, with frozen time: triage, an outcome and
(where the victim can be contacted) the contact that told them come first; a decision not to
proceed waits for another person's review as a supervisor; a clock never reads met unless what it
measures happened."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone
from rest_framework.test import APIClient

from cases.factories import VICTIM_REPORT, make_case, triage
from hatecrime.audit.models import AuditEvent
from hatecrime.cases.actions import do_record_contact
from hatecrime.cases.models import Case, Closure
from personas import api_token, make_staff

pytestmark = pytest.mark.django_db

ANONYMOUS = {
    **VICTIM_REPORT,
    "anonymous": True,
    "contact": None,
    "safe_contact": None,
}


def london(*args: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime(*args))


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(london(2026, 11, 20, 10, 0), tick=False) as traveller:
        yield traveller


def _version(case: Case) -> int:
    return Case.objects.get(pk=case.pk).version


def _post(client, case, slug, data):
    return client.post(
        f"/staff/cases/{case.report.reference}/{slug}/", {"version": _version(case), **data}
    )


def _api(user) -> APIClient:
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {api_token(user)}")
    return api


def _contacted(case, officer):
    triage(Case.objects.get(pk=case.pk), officer)
    return do_record_contact(
        actor=officer,
        case=Case.objects.get(pk=case.pk),
        expected_version=_version(case),
        method="phone",
        made=True,
        outcome="Told them the outcome",
    ).contact


def test_an_untriaged_case_cannot_be_closed(client, alice):
    case = make_case("hackney")
    client.force_login(alice)
    response = _post(client, case, "close", {"outcome": "charged", "reason": "Charged"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page and "Triage the case before closing it" in page
    assert Case.objects.get(pk=case.pk).status != "closed"


def test_it_asks_for_the_outcome_and_the_reason(client, alice):
    case = make_case("hackney")
    _contacted(case, alice)
    client.force_login(alice)
    page = _post(client, case, "close", {}).content.decode()
    assert "Select the outcome" in page and "Enter the reason for closing the case" in page


def test_a_contactable_victim_must_have_been_told_in_a_recorded_contact(client, alice):
    case = make_case("hackney")
    triage(case, alice)
    client.force_login(alice)
    page = _post(client, case, "close", {"outcome": "charged", "reason": "Charged"}).content
    assert b"Record the contact in which you told the victim the outcome" in page
    assert Case.objects.get(pk=case.pk).status != "closed"


def test_the_api_refuses_the_closure_field_by_field(alice):
    case = make_case("hackney")
    triage(case, alice)
    response = _api(alice).post(
        f"/api/v1/cases/{case.report.reference}/close",
        {"expected_version": _version(case), "outcome": "no_further_action", "reason": "None"},
        format="json",
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert set(errors) == {"told_in_contact", "told_of_right_to_review"}
    assert Closure.objects.count() == 0


def test_a_charged_case_closes_with_the_contact_that_told_the_victim(client, alice):
    case = make_case("hackney")
    contact = _contacted(case, alice)
    client.force_login(alice)
    response = _post(
        client,
        case,
        "close",
        {"outcome": "charged", "reason": "Charged", "told_in_contact": contact.pk},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.status, case.outcome, case.victim_told_of_closure) == ("closed", "charged", True)
    assert case.closed_at == london(2026, 11, 20, 10, 0)


def test_no_further_action_waits_for_a_supervisors_review(client, alice, hannah):
    case = make_case("hackney")
    contact = _contacted(case, alice)
    client.force_login(alice)
    data = {
        "outcome": "no_further_action",
        "reason": "No suspect identified",
        "told_in_contact": contact.pk,
        "told_of_right_to_review": "on",
    }
    response = _post(client, case, "close", data)
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Closure proposed: a supervisor must review it" in page
    assert 'id="pending-closure"' in page
    assert Case.objects.get(pk=case.pk).status != "closed"
    # Alice cannot review it; a second proposal is refused while this one waits.
    assert _post(client, case, "review-closure", {"decision": "approve"}).status_code == 404
    again = _post(client, case, "close", data).content.decode()
    assert "waiting for a supervisor" in again

    client.force_login(hannah)
    review = client.get(f"/staff/cases/{case.report.reference}/review-closure/").content.decode()
    assert "No suspect identified" in review
    since = AuditEvent.objects.order_by("-seq").values_list("seq", flat=True).first()
    assert _post(client, case, "review-closure", {"decision": "approve"}).status_code == 302
    case.refresh_from_db()
    assert (case.status, case.outcome) == ("closed", "no_further_action")
    closure = case.closures.get()
    assert (closure.reviewed_by, closure.approved) == (hannah, True)
    alter = AuditEvent.objects.get(seq__gt=since, kind="alter")
    assert alter.actor == hannah and alter.detail["approved"] is True


def test_a_supervisor_does_not_review_their_own_proposal(alice, hannah):
    case = make_case("hackney")
    contact = _contacted(case, alice)
    api = _api(hannah)
    url = f"/api/v1/cases/{case.report.reference}"
    proposed = api.post(
        f"{url}/close",
        {
            "expected_version": _version(case),
            "outcome": "not_investigated",
            "reason": "No lines of enquiry",
            "told_in_contact": contact.pk,
            "told_of_right_to_review": True,
        },
        format="json",
    )
    assert proposed.status_code == 201 and proposed.json()["needs_review"] is True
    own = api.post(
        f"{url}/closure-review",
        {"expected_version": _version(case), "approve": True},
        format="json",
    )
    assert own.status_code == 400
    assert "another supervisor" in own.json()["errors"]["__all__"][0]
    other = _api(make_staff("harriet", "supervisor", ["hackney"]))
    sent_back = other.post(
        f"{url}/closure-review",
        {"expected_version": _version(case), "approve": False},
        format="json",
    )
    assert sent_back.json()["errors"] == {"note": ["Enter why the closure is sent back"]}
    sent_back = other.post(
        f"{url}/closure-review",
        {"expected_version": _version(case), "approve": False, "note": "Check the CCTV first"},
        format="json",
    )
    assert sent_back.status_code == 201 and sent_back.json()["approved"] is False
    assert Case.objects.get(pk=case.pk).status != "closed"


def test_an_anonymous_report_has_no_first_contact_clock_to_read_met(client, hannah):
    # Issue 8 item 9: no one to contact, so no first-contact clock is started at all.
    case = make_case("hackney", submitted=ANONYMOUS)
    assert not case.clocks.filter(rule__code="first-contact").exists()
    triage(case, hannah)
    officer = make_staff("olu", "officer", ["hackney"])
    client.force_login(officer)
    data = {"outcome": "not_investigated", "reason": "Anonymous, no lines of enquiry"}
    assert _post(client, case, "close", data).status_code == 302
    client.force_login(hannah)
    assert _post(client, case, "review-closure", {"decision": "approve"}).status_code == 302
    page = client.get(f"/staff/cases/{case.report.reference}/").content.decode()
    assert "Not applicable: no one to contact" in page
    clocks = page[page.index('id="clocks"') :]
    assert ">Met<" not in clocks
    detail = _api(hannah).get(f"/api/v1/cases/{case.report.reference}").json()
    assert all(clock["state"] != "met" for clock in detail["clocks"])


def test_a_clock_stopped_by_closure_reads_not_met_with_the_reason(alice):
    case = make_case("hackney")
    contact = _contacted(case, alice)
    api = _api(alice)
    url = f"/api/v1/cases/{case.report.reference}"
    api.post(
        f"{url}/decisions",
        {"expected_version": _version(case), "kind": "charged", "reasons": "CPS advice"},
        format="json",
    )
    closed = api.post(
        f"{url}/close",
        {
            "expected_version": _version(case),
            "outcome": "charged",
            "reason": "Charged",
            "told_in_contact": contact.pk,
        },
        format="json",
    )
    assert closed.status_code == 201
    clocks = api.get(url).json()["clocks"]
    decision = next(c for c in clocks if c["subject"].startswith("decision:"))
    assert decision["state"] == "not_met" and decision["stop_reason"] == "case_closed"
    assert "closed before this happened" in decision["stop_reason_text"]
    first_contact = next(c for c in clocks if c["code"] == "first-contact")
    assert first_contact["state"] == "met"  # the contact was made, before the deadline


def test_the_supervisors_board_lists_the_closures_waiting_for_review(client, alice, hannah):
    case = make_case("hackney")
    contact = _contacted(case, alice)
    client.force_login(alice)
    _post(
        client,
        case,
        "close",
        {
            "outcome": "victim_declined",
            "reason": "The victim does not want police action",
            "told_in_contact": contact.pk,
            "told_of_right_to_review": "on",
        },
    )
    client.force_login(hannah)
    board = client.get("/staff/cases/board/").content.decode()
    waiting = board[board.index('id="closures-to-review"') :]
    assert f"/staff/cases/{case.report.reference}/review-closure/" in waiting[:800]
    _post(client, case, "review-closure", {"decision": "approve"})
    board = client.get("/staff/cases/board/").content.decode()
    waiting = board[board.index('id="closures-to-review"') :]
    assert case.report.reference not in waiting[:800]
