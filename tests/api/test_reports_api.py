"""POST /api/v1/reports, as a third-party reporting centre would use it."""

import json

import pytest
from django.db import OperationalError

from hatecrime.audit.models import AuditEvent
from hatecrime.cases.models import Case
from hatecrime.reporting.models import IdempotencyRecord, Report
from pdf_files import letter_pdf

URL = "/api/v1/reports"


def minimal(**changes):
    body = {
        "reporter_role": "victim",
        "anonymous": False,
        "what_happened": "Shouted at on Mare Street by a man in a red coat",
        "occurred_on": "2026-11-01",
        "borough": "hackney",
        "motivations": ["race"],
        "contact": {"name": "Sam Example", "email": "sam@example.com", "phone": "07700 900982"},
    }
    body.update(changes)
    return body


def post(client, body, **headers):
    data = body if isinstance(body, (str, bytes)) else json.dumps(body)
    return client.post(URL, data=data, content_type="application/json", headers=headers)


@pytest.fixture
def api(client, db):
    return client


def test_it_accepts_the_minimal_body(api):
    response = post(api, minimal())
    assert response.status_code == 201
    answer = response.json()
    assert answer["status"] == "received"
    assert answer["area"] == "hackney"
    assert answer["links"] == {"track": "/api/v1/track"}
    report = Report.objects.get(reference=answer["reference"])
    assert Case.objects.get(report=report).area.slug == "hackney"


def test_it_accepts_an_anonymous_report_without_contact(api):
    body = minimal(anonymous=True)
    del body["contact"]
    response = post(api, body)
    assert response.status_code == 201
    assert Report.objects.get().anonymous is True


def test_it_rejects_unknown_fields(api):
    response = post(api, minimal(colour="red"))
    assert response.status_code == 400
    assert response.json() == {"errors": {"colour": ["Unknown field"]}}
    assert not Report.objects.exists()


def test_it_rejects_nested_unknown_fields(api):
    response = post(api, minimal(contact={"email": "a@example.com", "shoe_size": 9}))
    assert response.json()["errors"] == {"contact.shoe_size": ["Unknown field"]}


def test_it_gives_a_message_per_field(api):
    response = post(api, minimal(what_happened="   ", occurred_on="2099-01-01", motivations=[]))
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "what_happened": ["Enter what happened"],
        "occurred_on": ["The date must be today or in the past"],
        "motivations": ["Select at least one reason you think it was motivated by hate"],
    }


def test_it_answers_400_to_malformed_json(api):
    response = post(api, '{"reporter_role": ')
    assert response.status_code == 400
    assert response.json() == {"errors": {"": ["The body must be valid JSON"]}}


def test_it_answers_400_to_a_list(api):
    assert post(api, "[1, 2]").status_code == 400


def test_it_answers_415_to_a_form_post(api):
    response = api.post(URL, data={"reporter_role": "victim"})
    assert response.status_code == 415
    assert "errors" in response.json()


def test_it_answers_413_to_an_oversized_body(api, settings):
    settings.HATECRIME_API_MAX_BODY_BYTES = 2000
    response = post(api, minimal(what_happened="x" * 5000))
    assert response.status_code == 413
    assert not Report.objects.exists()


def test_it_answers_wrong_types_with_messages_not_errors(api):
    response = post(
        api,
        minimal(anonymous="no", motivations="race", contact=[1], occurred_on=20261101, online=3),
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors["anonymous"] == ["Must be true or false"]
    assert errors["motivations"] == ["Must be a list"]
    assert errors["contact"] == ["Must be an object with named fields"]
    assert errors["online"] == ["Must be an object with named fields"]


def test_the_same_key_and_body_give_the_same_answer_and_one_report(api):
    first = post(api, minimal(), **{"Idempotency-Key": "centre-42"})
    second = post(api, minimal(), **{"Idempotency-Key": "centre-42"})
    assert first.status_code == 201
    assert second.status_code == 201
    assert second.json() == first.json()
    assert Report.objects.count() == 1


def test_the_same_key_with_another_body_is_422(api):
    post(api, minimal(), **{"Idempotency-Key": "centre-42"})
    response = post(api, minimal(what_happened="Another"), **{"Idempotency-Key": "centre-42"})
    assert response.status_code == 422
    assert Report.objects.count() == 1


def test_a_duplicate_while_the_first_is_in_flight_is_409(api):
    from django.utils import timezone

    from hatecrime.reporting.idempotency import client_scope, hash_body

    body = minimal()
    IdempotencyRecord.objects.create(
        client=client_scope(account_id=None, address="127.0.0.1"),
        key="api:centre-42",
        body_hash=hash_body([body, []]),
        status="in_flight",
        created_at=timezone.now(),
    )
    response = post(api, body, **{"Idempotency-Key": "centre-42"})
    assert response.status_code == 409
    assert not Report.objects.exists()


def test_a_database_failure_is_503_and_stores_nothing(api, monkeypatch):
    from hatecrime.reporting import actions

    def broken(report):
        raise OperationalError("disk I/O error")

    monkeypatch.setattr(actions, "open_case_for_report", broken)
    monkeypatch.setattr(actions, "RETRY_PAUSE_SECONDS", 0)
    events_before = AuditEvent.objects.count()
    response = post(api, minimal(), **{"Idempotency-Key": "centre-43"})
    assert response.status_code == 503
    assert "999" in json.dumps(response.json())
    assert not Report.objects.exists()
    assert not Case.objects.exists()
    assert AuditEvent.objects.count() == events_before
    assert not IdempotencyRecord.objects.exists()


def test_an_unexpected_error_is_a_json_503_not_a_500(api, monkeypatch):
    from hatecrime.api.v1 import reports

    def boom(**kwargs):
        raise RuntimeError("bug")

    monkeypatch.setattr(reports, "do_submit_report", boom)
    response = post(api, minimal())
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"


def test_evidence_can_be_sent_as_base64(api):
    import base64

    from hatecrime.reporting.models import Evidence

    pdf = letter_pdf()
    item = {"name": "letter.pdf", "content_type": "application/pdf"}
    item["content_base64"] = base64.b64encode(pdf).decode()
    response = post(api, minimal(evidence=[item]))
    assert response.status_code == 201
    assert Evidence.objects.get().content_type == "application/pdf"


def test_html_named_jpg_is_refused_through_the_api(api):
    import base64

    html = base64.b64encode(b"<html><script>alert(1)</script></html>").decode()
    item = {"name": "photo.jpg", "content_type": "image/jpeg", "content_base64": html}
    response = post(api, minimal(evidence=[item]))
    assert response.status_code == 400
    assert "evidence.0" in response.json()["errors"]
