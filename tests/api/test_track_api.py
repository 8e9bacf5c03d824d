"""POST /api/v1/track: the reporter follows their report; nobody else learns anything."""

import json

import pytest

from hatecrime.audit.models import AuditEvent
from hatecrime.reporting.actions import do_submit_report

URL = "/api/v1/track"
PAYLOAD = {
    "reporter_role": "victim",
    "anonymous": True,
    "what_happened": "Graffiti on my door",
    "occurred_on": "2026-11-01",
    "borough": "hackney",
    "motivations": ["religion"],
}


def track(client, reference, code, ip="203.0.113.7"):
    body = json.dumps({"reference": reference, "tracking_code": code})
    return client.post(URL, data=body, content_type="application/json", REMOTE_ADDR=ip)


@pytest.fixture
def submitted(db):
    return do_submit_report(payload=PAYLOAD, channel="online", actor=None)


def test_it_shows_the_timeline(client, submitted):
    response = track(client, submitted.reference, submitted.tracking_code)
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "received"  # as the 201 said; the case is still new
    kinds = [entry["kind"] for entry in body["timeline"]]
    assert kinds == ["received", "with_csu"]
    assert "Hackney" in body["timeline"][1]["text"]


def test_it_accepts_the_code_typed_in_lower_case_without_dashes(client, submitted):
    code = submitted.tracking_code.replace("-", "").lower()
    assert track(client, submitted.reference.lower(), code).status_code == 200


def test_it_shows_the_officer_and_direct_phone_once_assigned(client, submitted, alice):
    case = submitted.report.case
    case.assigned_officer = alice
    case.status = "assigned"
    case.save()
    body = track(client, submitted.reference, submitted.tracking_code).json()
    officer = next(entry for entry in body["timeline"] if entry["kind"] == "officer")
    assert officer["phone"] == "020 7946 0999"


def test_it_shows_when_the_case_is_closed(client, submitted):
    case = submitted.report.case
    case.status = "closed"
    case.save()
    body = track(client, submitted.reference, submitted.tracking_code).json()
    assert body["timeline"][-1]["kind"] == "closed"


def test_a_wrong_code_and_an_unknown_reference_look_the_same(client, submitted):
    wrong_code = track(client, submitted.reference, "AAAA-BBBB-CCCC-DDDD-EEEE")
    unknown = track(client, "HC-2222-3333", submitted.tracking_code)
    assert wrong_code.status_code == unknown.status_code == 404
    assert wrong_code.content == unknown.content


def test_a_success_is_audited_as_a_consultation(client, submitted):
    track(client, submitted.reference, submitted.tracking_code)
    event = AuditEvent.objects.filter(kind="consult").get()
    assert event.object_id == submitted.reference
    assert event.actor_label == "public"


def test_failures_from_one_client_are_rate_limited(client, submitted, settings):
    settings.HATECRIME_TRACK_ATTEMPTS_PER_HOUR = 3
    for number in range(3):
        assert track(client, f"HC-2222-333{number + 2}", "WRONG").status_code == 404
    response = track(client, submitted.reference, submitted.tracking_code)
    assert response.status_code == 429


def test_it_keeps_no_ip_address(client, submitted):
    from hatecrime.reporting.models import TrackingAttempt

    track(client, submitted.reference, "WRONG", ip="203.0.113.7")
    attempt = TrackingAttempt.objects.get()
    assert "203.0.113.7" not in attempt.client_hash


def test_it_rejects_unknown_fields(client, db):
    body = json.dumps({"reference": "x", "tracking_code": "y", "name": "z"})
    response = client.post(URL, data=body, content_type="application/json")
    assert response.status_code == 400
