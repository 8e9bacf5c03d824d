"""Bad input never gives a 5xx (issue 14, item 6): each case found by trying the service with
hostile bodies answers a 4xx in the documented error shape."""

import json

import pytest
from rest_framework.test import APIClient

from api.test_reports_api import minimal as report_body
from cases.factories import make_case
from personas import api_token

REPORTS = "/api/v1/reports"


def post_raw(client, raw: str | bytes, url=REPORTS, **headers):
    return client.post(url, data=raw, content_type="application/json", headers=headers)


def staff_client(user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token(user)}")
    return client


def field_errors(response):
    assert response["Content-Type"].startswith("application/json"), response.content[:200]
    return response.json()["errors"]


# A JSON text with a lone surrogate: valid JSON, but not text that can be encoded as UTF-8.
LONE_SURROGATE = "\\ud800"


def test_a_lone_surrogate_in_a_text_value_is_a_field_error(client, db):
    raw = json.dumps(report_body()).replace("red coat", f"red {LONE_SURROGATE}coat")
    response = post_raw(client, raw)
    assert response.status_code == 400
    assert "what_happened" in field_errors(response)


def test_a_lone_surrogate_in_a_nested_text_value_is_a_field_error(client, db):
    raw = json.dumps(report_body()).replace("Sam Example", f"Sam {LONE_SURROGATE}")
    response = post_raw(client, raw)
    assert response.status_code == 400
    assert "contact.name" in field_errors(response)


def test_a_lone_surrogate_in_a_key_is_an_error_not_a_crash(client, db):
    raw = json.dumps(report_body()).replace('"borough"', f'"bor{LONE_SURROGATE}"')
    response = post_raw(client, raw)
    assert response.status_code == 400
    errors = field_errors(response)
    # The key is named with the bad character replaced, never echoed unencodable.
    json.dumps(errors).encode("utf-8")


def test_an_integer_of_thousands_of_digits_is_refused(client, db):
    raw = json.dumps(report_body()).replace('"anonymous": false', '"anonymous": ' + "9" * 5000)
    response = post_raw(client, raw)
    assert response.status_code == 400
    assert field_errors(response)


def test_deep_nesting_on_the_public_api_is_refused(client, db):
    raw = '{"what_happened": ' + "[" * 100_000 + "]" * 100_000 + "}"
    response = post_raw(client, raw)
    assert response.status_code in (400, 413)


@pytest.fixture
def officer_client(alice):
    return staff_client(alice)


def test_deep_nesting_on_the_staff_api_is_a_400(officer_client):
    case = make_case("hackney")
    raw = '{"notes": ' + "[" * 50_000 + "]" * 50_000 + "}"
    response = officer_client.post(
        f"/api/v1/cases/{case.reference}/contacts", data=raw, content_type="application/json"
    )
    assert response.status_code == 400
    assert field_errors(response)


def test_a_body_over_the_limit_on_the_staff_api_is_a_413(officer_client, settings):
    case = make_case("hackney")
    raw = json.dumps({"notes": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10)})
    response = officer_client.post(
        f"/api/v1/cases/{case.reference}/contacts", data=raw, content_type="application/json"
    )
    assert response.status_code == 413
    assert field_errors(response)


def test_a_lone_surrogate_on_the_staff_api_is_a_field_error(officer_client):
    case = make_case("hackney")
    raw = '{"method": "phone", "person": "victim", "notes": "called ' + LONE_SURROGATE + '"}'
    response = officer_client.post(
        f"/api/v1/cases/{case.reference}/contacts", data=raw, content_type="application/json"
    )
    assert response.status_code == 400
    assert field_errors(response)


@pytest.mark.parametrize("reference", ["HC-AAAA\x00BBBB", "HC-\x00"])
def test_a_nul_in_a_reference_is_not_found_on_the_staff_api(officer_client, reference):
    response = officer_client.get(f"/api/v1/cases/{reference}")
    assert response.status_code == 404


def test_a_nul_in_a_reference_is_not_found_on_the_staff_pages(client, alice):
    client.force_login(alice)
    response = client.get("/staff/cases/HC-AAAA%00BBBB/")
    assert response.status_code == 404


def test_a_nul_in_tracking_is_a_field_error(client, db):
    response = client.post(
        "/api/v1/track",
        data=json.dumps({"reference": "HC-AAAA\x00BBBB", "tracking_code": "abc\x00"}),
        content_type="application/json",
    )
    assert response.status_code in (400, 404)


def test_a_nul_in_a_query_string_is_a_400_on_the_pages(client, ann):
    client.force_login(ann)
    response = client.get("/staff/monitoring/packs/", {"community": "korean\x00"})
    assert response.status_code == 400


def test_a_nul_in_a_pack_address_is_not_found(client, ann):
    client.force_login(ann)
    response = client.get("/staff/monitoring/packs/area/hack%00ney.html")
    assert response.status_code == 404


def test_a_nul_in_a_query_string_on_the_api_is_a_field_error(officer_client):
    response = officer_client.get("/api/v1/cases/search", {"q": "Vera\x00"})
    assert response.status_code == 400
    assert field_errors(response)


def test_a_claim_in_flight_tells_the_client_when_to_retry(client, db, monkeypatch):
    from hatecrime.api.v1 import reports
    from hatecrime.reporting.idempotency import IdempotencyInFlight

    def in_flight(**kwargs):
        raise IdempotencyInFlight()

    monkeypatch.setattr(reports, "do_submit_report", in_flight)
    response = post_raw(client, json.dumps(report_body()), **{"Idempotency-Key": "k-1"})
    assert response.status_code == 409
    assert int(response["Retry-After"]) <= 5


def chunked_post(body: bytes):
    """A request as gunicorn gives a chunked body: no Content-Length, the stream de-chunked
    and marked as terminated."""
    import io

    from django.test import RequestFactory

    from hatecrime.api.v1.reports import ReportsView

    request = RequestFactory().generic("POST", REPORTS, data=b"", content_type="application/json")
    request.META.pop("CONTENT_LENGTH", None)
    request.META["CONTENT_TYPE"] = "application/json"
    request.META["HTTP_TRANSFER_ENCODING"] = "chunked"
    request.META["wsgi.input"] = io.BytesIO(body)
    request.META["wsgi.input_terminated"] = True
    request._stream = io.BytesIO(b"")  # what Django makes of a body without a length
    return ReportsView.as_view()(request)


def test_a_chunked_report_is_stored(db):
    response = chunked_post(json.dumps(report_body()).encode())
    assert response.status_code == 201, response.data


def test_a_chunked_report_over_the_limit_is_a_413(db, settings):
    settings.HATECRIME_API_MAX_BODY_BYTES = 2_000
    body = json.dumps(report_body(what_happened="x" * 3_000)).encode()
    assert chunked_post(body).status_code == 413
