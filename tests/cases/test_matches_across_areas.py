"""Suspects across areas (docs/adr/0830): a suspect identifier shared by cases of two boroughs
shows each officer that a match exists elsewhere (area and date only); the officer asks that
area's supervisors for access with a reason; a grant lets them read that one case for a time,
a refusal leaves the same 404 as before; every step is audited; an analyst sees the clusters
as counts and areas only; identifiers of a person whose data was removed (ADR 0452) never match.
"""

import datetime as dt
import re

import pytest
import time_machine
from django.utils import timezone

from cases.factories import VICTIM_REPORT, make_case, triage
from hatecrime.audit.models import AuditEvent
from hatecrime.cases.models import Case, CaseAccessRequest
from personas import StaffClient, make_staff

pytestmark = pytest.mark.django_db

HACKNEY_OPENED = dt.datetime(2026, 11, 2, 10, 0, tzinfo=dt.UTC)
CAMDEN_OPENED = dt.datetime(2026, 11, 20, 15, 0, tzinfo=dt.UTC)
# What the Camden case says: none of it may reach the Hackney officer before a grant.
CAMDEN_VICTIM, CAMDEN_SUSPECT = "Zoe Camdenvictim", "Karl Camdensuspect"
CAMDEN_NARRATIVE = "Spat at me on Parkway and filmed it"
CAMDEN_REPORT = {
    **VICTIM_REPORT,
    "borough": "camden",
    "what_happened": CAMDEN_NARRATIVE,
    "suspects": {"count": "one", "names": [CAMDEN_SUSPECT], "handles": ["HATER99"]},
    "contact": {**VICTIM_REPORT["contact"], "name": CAMDEN_VICTIM, "email": "zoe@example.invalid"},
}
HACKNEY_REPORT = {
    **VICTIM_REPORT,
    "suspects": {"count": "one", "names": ["Mark Hackneysuspect"], "handles": ["@hater99"]},
}


@pytest.fixture
def sunil(db):
    return make_staff("sunil", "supervisor", ["camden"])


@pytest.fixture
def hackney_case(db):
    return make_case("hackney", submitted=HACKNEY_REPORT, submitted_at=HACKNEY_OPENED)


@pytest.fixture
def camden_case(db):
    return make_case("camden", submitted=CAMDEN_REPORT, submitted_at=CAMDEN_OPENED)


def _page(client, case, suffix=""):
    return client.get(f"/staff/cases/{case.report.reference}/{suffix}")


def _discloses_nothing_of(case, body: str) -> None:
    for secret in (case.report.reference, CAMDEN_VICTIM, CAMDEN_SUSPECT, CAMDEN_NARRATIVE):
        assert secret not in body
    assert "religion" not in body.split('id="matches-elsewhere"')[1].split("</p>")[0]


def _ask(client, case, reason="Same handle as my suspect: a series of attacks?"):
    page = _page(client, case, "matches/")
    (match,) = page.context["matches"]
    return client.post(
        f"/staff/cases/{case.report.reference}/matches/", {"match": match.token, "reason": reason}
    )


def _answer(client, request, **data):
    return client.post(f"/staff/cases/access-requests/{request.pk}/", data)


def test_a_handle_reported_in_two_boroughs_shows_a_match_on_both_sides(
    client, alice, bob, hackney_case, camden_case
):
    client.force_login(alice)
    body = _page(client, hackney_case).content.decode()
    notice = body.split('id="matches-elsewhere"')[1].split("</div>")[0]
    assert "Camden (20 Nov 2026)" in notice
    assert CAMDEN_VICTIM not in body and CAMDEN_NARRATIVE not in body
    assert camden_case.report.reference not in body and CAMDEN_SUSPECT not in body
    matches = _page(client, hackney_case, "matches/").content.decode()
    assert "Camden" in matches and "20 Nov 2026" in matches
    for secret in (camden_case.report.reference, CAMDEN_VICTIM, CAMDEN_SUSPECT, CAMDEN_NARRATIVE):
        assert secret not in matches
    client.force_login(bob)
    other_side = _page(client, camden_case).content.decode()
    assert "Hackney (2 Nov 2026)" in other_side.split('id="matches-elsewhere"')[1]
    assert hackney_case.report.reference not in other_side
    assert "Mark Hackneysuspect" not in other_side
    # Seeing that a match exists is a consult of the officer's own case, naming areas only.
    event = AuditEvent.objects.filter(actor=bob, fields=["matches_elsewhere"]).get()
    assert (event.kind, event.object_id) == ("consult", camden_case.report.reference)
    assert event.detail == {"areas": ["hackney"]}


def test_a_name_alone_is_not_announced_across_areas(client, alice):
    same_name = {"count": "one", "names": ["Jon Suspect"]}
    hackney = make_case("hackney", submitted={**VICTIM_REPORT, "suspects": same_name})
    make_case("camden", submitted={**CAMDEN_REPORT, "suspects": same_name})
    client.force_login(alice)
    body = _page(client, hackney).content.decode()
    assert "No case in another area shares" in body
    assert "Camden" not in body.split('id="matches-elsewhere"')[1].split("</p>")[0]


def _record(client, case, **data):
    version = Case.objects.get(pk=case.pk).version
    return client.post(
        f"/staff/cases/{case.report.reference}/suspect/", {"version": version, **data}
    )


def test_a_name_with_a_date_of_birth_or_a_vehicle_recorded_by_staff_matches(client, alice, bob):
    plain = {"count": "one"}
    hackney = make_case("hackney", submitted={**VICTIM_REPORT, "suspects": plain})
    camden = make_case("camden", submitted={**CAMDEN_REPORT, "suspects": plain})
    client.force_login(alice)
    assert (
        _record(client, hackney, name="John O'Brien", date_of_birth="1990-03-27").status_code == 302
    )
    client.force_login(bob)
    assert (
        _record(client, camden, name="JOHN  o brien", date_of_birth="1990-03-28").status_code == 302
    )
    assert "No case in another area" in _page(client, camden).content.decode()
    assert (
        _record(client, camden, name="john obrien", date_of_birth="1990-03-27").status_code == 302
    )
    assert "No case in another area" in _page(client, camden).content.decode()  # not the same
    assert (
        _record(client, camden, name="John O Brien", date_of_birth="1990-03-27").status_code == 302
    )
    assert "Hackney" in _page(client, camden).content.decode().split('id="matches-elsewhere"')[1]

    other = make_case("camden", submitted={**CAMDEN_REPORT, "suspects": plain})
    assert _record(client, other, vehicle_registration="ab12 cde").status_code == 302
    client.force_login(alice)
    vehicle = make_case("hackney", submitted={**VICTIM_REPORT, "suspects": plain})
    assert _record(client, vehicle, vehicle_registration="AB12CDE").status_code == 302
    body = _page(client, vehicle).content.decode()
    assert "Camden" in body.split('id="matches-elsewhere"')[1]
    assert "AB12CDE" in body  # what was recorded, on the officer's own case
    event = AuditEvent.objects.filter(actor=alice, kind="collect").last()
    assert sorted(event.fields) == [
        "identifiers",
        "suspect_records",
        "suspect_records.vehicle_registration",
    ]
    assert "AB12" not in str(event.detail) and "AB12" not in event.justification


def test_recording_a_name_without_a_date_of_birth_is_refused(client, alice, hackney_case):
    client.force_login(alice)
    response = _record(client, hackney_case, name="John Smith")
    assert response.status_code == 200
    body = response.content.decode()
    assert "govuk-error-summary" in body
    assert "Enter their date of birth with the name" in body
    empty = _record(client, hackney_case)
    assert "Enter a name with a date of birth, a vehicle registration" in empty.content.decode()
    bad_date = _record(client, hackney_case, name="John Smith", date_of_birth="1990-02-31")
    assert "Enter a real date of birth" in bad_date.content.decode()
    bad_phone = _record(client, hackney_case, phone="call him")
    assert "Enter a phone number, like 07700 900 982" in bad_phone.content.decode()
    bad_vehicle = _record(client, hackney_case, vehicle_registration="--")
    assert "Enter a vehicle registration, like AB12 CDE" in bad_vehicle.content.decode()
    assert not hackney_case.suspect_records.exists()


def test_request_grant_then_the_officer_reads_that_case_only(
    client, alice, sunil, hannah, hackney_case, camden_case
):
    camden = camden_case.report.reference
    client.force_login(alice)
    assert client.get(f"/staff/cases/{camden}/").status_code == 404
    assert _ask(client, hackney_case).status_code == 302
    request = CaseAccessRequest.objects.get()
    assert (request.case_id, request.requested_by, request.status) == (
        camden_case.pk,
        alice,
        "pending",
    )
    asked = AuditEvent.objects.filter(kind="combine", object_id=camden).get()
    assert asked.actor == alice and asked.fields == ["access_request"]
    assert asked.detail == {"request": request.pk, "from_area": "hackney"}
    waiting = _page(client, hackney_case, "matches/").content.decode()
    assert "waiting for a supervisor" in waiting and camden not in waiting
    # Asking twice while the first waits is refused, on the field.
    twice = _ask(client, hackney_case)
    assert "already asked for this case" in twice.content.decode()

    # Only a supervisor of the case's area sees and answers it.
    client.force_login(hannah)
    assert client.get(f"/staff/cases/access-requests/{request.pk}/").status_code == 404
    assert _answer(client, request, answer="grant", days=7, reason="x").status_code == 404
    client.force_login(sunil)
    listing = client.get("/staff/cases/access-requests/").content.decode()
    assert camden in listing and "Hackney, 2 Nov 2026" in listing
    assert hackney_case.report.reference not in listing
    client.get(f"/staff/cases/access-requests/{request.pk}/")
    looked = AuditEvent.objects.filter(actor=sunil, kind="consult").get()
    assert (looked.object_id, looked.fields) == (camden, ["access_request"])
    granted_at = timezone.now()
    response = _answer(client, request, answer="grant", days="7", reason="Same series")
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == "granted" and request.decided_by == sunil
    disclosed = AuditEvent.objects.filter(kind="disclose", object_id=camden).get()
    assert disclosed.actor == sunil and disclosed.recipient == "alice (hackney)"
    assert disclosed.detail["request"] == request.pk

    client.force_login(alice)
    page = client.get(f"/staff/cases/{camden}/")
    assert page.status_code == 200
    body = page.content.decode()
    assert CAMDEN_NARRATIVE in body and 'id="access-grant"' in body
    assert page.context["actions"] == []  # read only
    matches = client.get(f"/staff/cases/{hackney_case.report.reference}/matches/")
    assert f"Read case {camden}" in matches.content.decode()
    (match,) = matches.context["matches"]
    again = client.post(
        f"/staff/cases/{hackney_case.report.reference}/matches/",
        {"match": match.token, "reason": "More"},
    )
    assert "You can already read this case" in again.content.decode()
    read = AuditEvent.objects.filter(kind="consult", object_id=camden, actor=alice).last()
    assert f"access request {request.pk}" in read.justification
    # Read, never change: every action page of that case stays a 404.
    assert client.get(f"/staff/cases/{camden}/triage/").status_code == 404
    assert client.post(f"/staff/cases/{camden}/update/", {"version": 1}).status_code == 404
    assert client.get(f"/staff/cases/{camden}/matches/").status_code == 404
    # Until the grant runs out.
    with time_machine.travel(granted_at + dt.timedelta(days=7, minutes=1), tick=False):
        client.force_login(alice)
        assert client.get(f"/staff/cases/{camden}/").status_code == 404


def test_a_refusal_leaves_the_404_of_a_case_that_does_not_exist(
    client, alice, sunil, hackney_case, camden_case
):
    client.force_login(alice)
    _ask(client, hackney_case)
    _page(client, hackney_case, "matches/")  # shows (and so clears) "Request sent"
    request = CaseAccessRequest.objects.get()
    supervisor = StaffClient()
    supervisor.force_login(sunil)
    assert (
        _answer(supervisor, request, answer="refuse", reason="Not the same man").status_code == 302
    )
    refused = AuditEvent.objects.filter(kind="combine", actor=sunil).get()
    assert refused.object_id == camden_case.report.reference
    assert refused.detail == {"request": request.pk, "answer": "refused"}
    assert not AuditEvent.objects.filter(kind="disclose").exists()
    refused_page = client.get(f"/staff/cases/{camden_case.report.reference}/")
    missing = client.get("/staff/cases/HC-999999/")
    assert refused_page.status_code == missing.status_code == 404
    assert _normalised(refused_page.content) == _normalised(missing.content)
    answer = _page(client, hackney_case, "matches/").content.decode()
    assert "Refused" in answer and "Not the same man" in answer
    # A refused request cannot be answered again.
    again = _answer(supervisor, request, answer="grant", days=7, reason="Changed my mind")
    assert again.status_code == 200 and b"Send your answer" not in again.content


def _normalised(content: bytes) -> str:
    text = re.sub(r'nonce="[^"]*"', "", content.decode())
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", text)


def test_bad_requests_and_answers_show_errors(client, alice, sunil, hackney_case, camden_case):
    client.force_login(alice)
    empty = _ask(client, hackney_case, reason="  ")
    assert empty.status_code == 200
    assert "Enter why you need to read this case" in empty.content.decode()
    forged = client.post(
        f"/staff/cases/{hackney_case.report.reference}/matches/",
        {"match": "1:forged", "reason": "Curious"},
    )
    assert forged.status_code == 404
    assert not CaseAccessRequest.objects.exists()
    _ask(client, hackney_case)
    request = CaseAccessRequest.objects.get()
    client.force_login(sunil)
    nothing = _answer(client, request)
    assert nothing.status_code == 200
    assert "Select whether you grant or refuse access" in nothing.content.decode()
    too_long = _answer(client, request, answer="grant", days="400", reason="Yes")
    assert "between 1 and 90 days" in too_long.content.decode()
    assert client.get("/staff/cases/access-requests/nope/").status_code == 404
    request.refresh_from_db()
    assert request.status == "pending"


def test_identifiers_of_a_person_whose_data_was_removed_never_match(
    client, alice, bob, hackney_case, camden_case
):
    client.force_login(bob)
    assert _record(client, camden_case, vehicle_registration="XY99 ZZZ").status_code == 302
    triage(
        Case.objects.get(pk=camden_case.pk),
        bob,
        classification="nchi",
        not_trivial_irrational_or_malicious=True,
        basis_for_hostility=True,
        personal_data_threshold_met=False,
    )
    camden_case.refresh_from_db()
    assert camden_case.reported_person_data_removed_at is not None
    assert not camden_case.suspect_records.exists()
    client.force_login(alice)
    assert "No case in another area" in _page(client, hackney_case).content.decode()
    # And nothing about them can be recorded on that case again.
    client.force_login(bob)
    refused = _record(client, camden_case, vehicle_registration="XY99 ZZZ")
    assert "was removed from this case" in refused.content.decode()


def test_the_analyst_sees_clusters_as_counts_and_areas_only(
    client, ann, alice, hackney_case, camden_case
):
    third = make_case("hackney", submitted={**HACKNEY_REPORT, "what_happened": "Again"})
    make_case("camden", submitted={**CAMDEN_REPORT, "suspects": {"count": "one"}})
    client.force_login(ann)
    page = client.get("/staff/cases/clusters/")
    assert page.status_code == 200
    (cluster,) = page.context["clusters"]
    assert (cluster.reports, cluster.areas) == (3, [("Hackney", 2), ("Camden", 1)])
    assert cluster.shared == ["Suspect's online handle"]
    body = page.content.decode()
    assert "<svg" in body and "Cluster 1: 3 reports (Hackney 2, Camden 1)" in body
    assert "<script" not in body.split("<svg")[1].split("</svg>")[0]
    for case in (hackney_case, camden_case, third):
        assert case.report.reference not in body
    for secret in ("hater99", CAMDEN_VICTIM, CAMDEN_SUSPECT, CAMDEN_NARRATIVE, "Vera Victim"):
        assert secret.lower() not in body.lower()
    event = AuditEvent.objects.filter(actor=ann).get()
    assert (event.kind, event.object_type) == ("combine", "offender_clusters")
    assert event.detail == {"clusters": 1, "across_areas": 1}
    client.force_login(alice)
    assert client.get("/staff/cases/clusters/").status_code == 404


def test_the_supervisors_are_told_of_a_request_and_the_officer_of_the_answer(
    client, alice, sunil, hackney_case, camden_case, django_capture_on_commit_callbacks, caplog
):
    """Messages hold a reference and a link (notifications.templates): here the supervisor's
    own case and the officer's own case, never the other side's."""
    from hatecrime.notifications.models import Message

    caplog.set_level("INFO", logger="hatecrime.notifications.gateway")
    for person, email in ((alice, "alice@example.invalid"), (sunil, "sunil@example.invalid")):
        person.email = email
        person.save()
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        _ask(client, hackney_case)
    request = CaseAccessRequest.objects.get()
    (asked,) = Message.objects.all()
    assert (asked.template, asked.case_id) == ("supervisor_access_request", camden_case.pk)
    text = caplog.text
    assert f"Request to read case {camden_case.report.reference}" in text
    assert "An officer of Hackney asks" in text
    assert f"/staff/cases/access-requests/{request.pk}/" in text
    assert hackney_case.report.reference not in text
    caplog.clear()
    supervisor = StaffClient()
    supervisor.force_login(sunil)
    with django_capture_on_commit_callbacks(execute=True):
        _answer(supervisor, request, answer="refuse", reason="Not him")
    answered = Message.objects.get(template="officer_access_answered")
    assert answered.case_id == hackney_case.pk
    text = caplog.text
    assert "Your request to read a case of Camden was answered" in text
    assert f"/staff/cases/{hackney_case.report.reference}/matches/" in text
    assert camden_case.report.reference not in text and "Not him" not in text


def _queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _pair(handle: str) -> None:
    make_case("hackney", submitted={**HACKNEY_REPORT, "suspects": {"handles": [handle]}})
    make_case("camden", submitted={**CAMDEN_REPORT, "suspects": {"handles": [handle]}})


def test_the_clusters_and_the_requests_take_as_many_queries_for_many_as_for_one(
    client, ann, alice, sunil
):
    _pair("@first")
    client.force_login(ann)
    one = _queries(client, "/staff/cases/clusters/")
    for number in range(5):
        _pair(f"@more{number}")
    assert _queries(client, "/staff/cases/clusters/") == one

    officer = StaffClient()
    officer.force_login(alice)
    client.force_login(sunil)
    hackney = Case.objects.filter(area__slug="hackney").order_by("pk")
    _ask(officer, hackney[0])
    one = _queries(client, "/staff/cases/access-requests/")
    for case in hackney[1:4]:
        _ask(officer, case)
    assert _queries(client, "/staff/cases/access-requests/") == one
