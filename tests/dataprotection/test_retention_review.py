"""A closed case's retention review, through the pages: the review date its closure sets, the
queue of the supervisors of its area, retaining with a reason and a date, and disposal (the
personal data and evidence files gone, the counts kept, an erase event, a ledger entry)."""

import datetime as dt
import json

import pytest
import time_machine

from cases.factories import make_case, triage
from dataprotection.closed_cases import CLOSURE, MARKERS, closed_case, london
from hatecrime.audit.models import AuditEvent
from hatecrime.cases.models import (
    Case,
    CaseIdentifier,
    CaseSearchKey,
    Contact,
    Decision,
    ReportAddition,
    SuspectRecord,
    VictimUpdate,
)
from hatecrime.dataprotection.models import CaseRetention, Erasure, RetentionDecision
from hatecrime.reporting.models import Evidence, Report
from hatecrime.support.models import Referral
from personas import make_staff

pytestmark = pytest.mark.django_db

CLOSED = london(2026, 11, 20, 10, 0)
SIX_YEARS_ON = london(2032, 11, 22, 9, 0)


@pytest.fixture
def case(alice):
    with time_machine.travel(CLOSED, tick=False):
        return closed_case(alice)


@pytest.fixture
def sunil(db):
    return make_staff("sunil", "supervisor", ["camden"])


def _review(client, case, data):
    version = Case.objects.get(pk=case.pk).version
    return client.post(
        f"/staff/records/cases/{case.reference}/review/", {"version": version, **data}
    )


def _last_seq() -> int:
    return AuditEvent.objects.order_by("-seq").values_list("seq", flat=True).first() or 0


def test_closing_a_case_through_its_page_sets_its_first_review(client, alice):
    with time_machine.travel(CLOSED, tick=False):
        case = make_case("hackney")
        triage(Case.objects.get(pk=case.pk), alice)
        client.force_login(alice)
        contact_page = client.post(
            f"/staff/cases/{case.reference}/contact/",
            {"version": Case.objects.get(pk=case.pk).version, "person": "victim",
             "method": "phone", "made": "yes", "outcome": "Told them"},
        )  # fmt: skip
        assert contact_page.status_code == 302
        contact = Contact.objects.get(case=case)
        response = client.post(
            f"/staff/cases/{case.reference}/close/",
            {"version": Case.objects.get(pk=case.pk).version, "outcome": "charged",
             "reason": "Charged", "told_in_contact": contact.pk},
        )  # fmt: skip
    assert response.status_code == 302
    retention = CaseRetention.objects.get(case=case)
    assert (retention.kind, retention.review_due_on) == ("crime", dt.date(2032, 11, 20))
    closing = AuditEvent.objects.filter(object_id=case.reference, kind="alter").last()
    assert "retention" in closing.fields


def test_an_nchi_is_reviewed_after_the_codes_shorter_period(alice):
    with time_machine.travel(CLOSED, tick=False):
        case = closed_case(alice, classification="nchi")
    retention = CaseRetention.objects.get(case=case)
    assert (retention.kind, retention.review_due_on) == ("nchi", dt.date(2027, 11, 20))


def test_the_queue_lists_due_reviews_for_the_areas_supervisors_only(client, case, hannah, sunil):
    with time_machine.travel(london(2032, 11, 19, 9, 0), tick=False):
        client.force_login(hannah)
        assert case.reference not in client.get("/staff/records/reviews/").content.decode()
    with time_machine.travel(SIX_YEARS_ON, tick=False):
        client.force_login(hannah)
        page = client.get("/staff/records/reviews/").content.decode()
        assert case.reference in page
        assert not any(marker in page for marker in MARKERS)
        client.force_login(sunil)
        assert case.reference not in client.get("/staff/records/reviews/").content.decode()
        assert client.get(f"/staff/records/cases/{case.reference}/review/").status_code == 404


def test_officers_cannot_review_retention(client, case, alice):
    client.force_login(alice)
    assert client.get("/staff/records/reviews/").status_code == 404
    assert client.get(f"/staff/records/cases/{case.reference}/review/").status_code == 404


def test_it_retains_with_a_reason_and_a_new_date(client, case, hannah):
    since = _last_seq()
    with time_machine.travel(SIX_YEARS_ON, tick=False):
        client.force_login(hannah)
        response = _review(
            client,
            case,
            {
                "decision": "retain",
                "reason": "Live series",
                "next_review_on": "2034-11-22",
            },
        )
        assert response.status_code == 302
        queue = client.get("/staff/records/reviews/").content.decode()
        assert f"/staff/records/cases/{case.reference}/review/" not in queue
    assert CaseRetention.objects.get(case=case).review_due_on == dt.date(2034, 11, 22)
    decision = RetentionDecision.objects.get(case=case)
    assert (decision.decision, decision.reason) == ("retain", "Live series")
    events = AuditEvent.objects.filter(seq__gt=since, actor=hannah)
    assert [e.kind for e in events if e.kind != "consult"] == ["alter"]
    assert Report.objects.get(pk=case.report.pk).answers  # nothing erased


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"decision": "retain", "reason": "", "next_review_on": "2034-01-01"}, "Enter the reason"),
        ({"decision": "retain", "reason": "Still needed"}, "Enter the date of the next review"),
        (
            {"decision": "retain", "reason": "Still needed", "next_review_on": "2031-01-01"},
            "The next review must be after today",
        ),
        ({"decision": "retain", "reason": "x", "next_review_on": "32/13/2034"}, "real date"),
        ({"reason": "Not needed"}, "Select whether to retain or dispose"),
    ],
)
def test_bad_answers_get_an_error_summary(client, case, hannah, data, message):
    with time_machine.travel(SIX_YEARS_ON, tick=False):
        client.force_login(hannah)
        response = _review(client, case, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page and message in page
    assert not RetentionDecision.objects.filter(case=case).exists()


def test_disposal_needs_a_fresh_second_factor(client, case, hannah):
    with time_machine.travel(SIX_YEARS_ON, tick=False):
        client.force_login(hannah)
        session = client.session
        session["second_factor_verified_at"] = 0
        session.save()
        response = _review(client, case, {"decision": "dispose", "reason": "No longer needed"})
    assert response.status_code == 302 and response["Location"].startswith("/staff/verify/")
    assert CaseRetention.objects.get(case=case).disposed_at is None


def test_disposal_erases_the_personal_data_and_keeps_the_counts(
    client, case, hannah, alice, settings, django_capture_on_commit_callbacks
):
    report = Report.objects.get(pk=case.report.pk)
    files = [settings.EVIDENCE_ROOT / e.stored_name for e in Evidence.objects.filter(report=report)]
    assert files and all(path.exists() for path in files)
    kept_report = Report.objects.filter(pk=report.pk).values(
        "reference", "area", "submitted_at", "occurred_on", "motivations", "behaviours", "online"
    )[0]
    kept_case = Case.objects.filter(pk=case.pk).values(
        "area", "strands", "classification", "outcome", "closed_at", "opened_at"
    )[0]
    assert CaseIdentifier.objects.filter(case=case).exists()
    SuspectRecord.objects.create(
        case=case, details={"name": "Jon Suspect"}, recorded_at=case.closed_at, recorded_by=alice
    )
    since = _last_seq()
    with time_machine.travel(SIX_YEARS_ON, tick=False):
        client.force_login(hannah)
        with django_capture_on_commit_callbacks(execute=True):
            response = _review(client, case, {"decision": "dispose", "reason": "No longer needed"})
    assert response.status_code == 302
    # The personal data is gone...
    report.refresh_from_db()
    assert report.submitted == {} and report.tracking_code_hash == ""
    assert not any(path.exists() for path in files)
    assert not Evidence.objects.filter(report=report).exists()
    assert not CaseIdentifier.objects.filter(case=case).exists()
    assert not CaseSearchKey.objects.filter(case=case).exists()
    assert set(ReportAddition.objects.filter(case=case).values_list("text", flat=True)) == {""}
    assert set(Contact.objects.filter(case=case).values_list("outcome", flat=True)) == {""}
    assert set(Decision.objects.filter(case=case).values_list("reasons", flat=True)) == {""}
    assert set(VictimUpdate.objects.filter(case=case).values_list("text", flat=True)) == {""}
    assert [r.shared for r in Referral.objects.filter(case=case)] == [{}]
    assert Case.objects.get(pk=case.pk).closure_reason == ""
    assert not SuspectRecord.objects.filter(case=case).exists()
    # ...and what monitoring counts is kept.
    assert Report.objects.filter(pk=report.pk).values(*kept_report)[0] == kept_report
    assert Case.objects.filter(pk=case.pk).values(*kept_case)[0] == kept_case
    # The record of it: the retention row, the decision, the ledger, one erase event.
    assert CaseRetention.objects.get(case=case).disposed_at is not None
    assert Erasure.objects.get(reference=case.reference).erased_on == dt.date(2032, 11, 22)
    ledger = settings.HATECRIME_ERASURE_LEDGER_FILE.read_text()
    assert ledger == f"2032-11-22 {case.reference}\n"
    (erase,) = AuditEvent.objects.filter(seq__gt=since, kind="erase")
    assert (erase.actor, erase.object_id) == (hannah, case.reference)
    assert erase.detail["evidence_files"] == 1 and "evidence" in erase.fields
    for event in AuditEvent.objects.filter(seq__gt=since):
        text = json.dumps([event.fields, event.detail, event.justification], default=str)
        assert not any(marker in text for marker in MARKERS)
    # The case still opens for its officer, with nothing personal left on it.
    with time_machine.travel(SIX_YEARS_ON, tick=False):
        client.force_login(alice)
        page = client.get(f"/staff/cases/{case.reference}/")
        assert page.status_code == 200
        assert not any(marker in page.content.decode() for marker in MARKERS)
        assert "Disposed of on 22 Nov 2032" in page.content.decode()
        # And it cannot be disposed of twice.
        client.force_login(hannah)
        again = _review(client, case, {"decision": "dispose", "reason": "Again"})
    assert "already been disposed of" in again.content.decode()


def test_an_open_case_is_not_reviewed(client, hannah):
    case = make_case("hackney")
    client.force_login(hannah)
    response = _review(client, case, {"decision": "dispose", "reason": "No longer needed"})
    assert "Only a closed case is reviewed" in response.content.decode()
    assert Report.objects.get(pk=case.report.pk).answers


def test_the_closure_reason_is_shown_to_no_one_after_disposal(case):
    # Sanity check of the fixture: the closure wrote its reason where disposal must empty it.
    assert Case.objects.get(pk=case.pk).closure_reason == CLOSURE


def test_reading_the_review_page_is_one_consult_without_personal_data(client, case, hannah):
    with time_machine.travel(SIX_YEARS_ON, tick=False):
        client.force_login(hannah)
        since = _last_seq()
        assert client.get(f"/staff/records/cases/{case.reference}/review/").status_code == 200
    (event,) = AuditEvent.objects.filter(seq__gt=since)
    assert (event.kind, event.object_id, event.actor) == ("consult", case.reference, hannah)
    text = json.dumps([event.fields, event.detail, event.justification], default=str)
    assert not any(marker in text for marker in MARKERS)
