"""POST /api/v1/track/additions: add to a report with its reference and tracking code."""

import base64
import io
import json

import pytest
from PIL import Image

from cases.factories import VICTIM_REPORT
from hatecrime.audit.models import AuditEvent
from hatecrime.cases.models import ReportAddition
from hatecrime.reporting.actions import do_submit_report
from hatecrime.reporting.models import Evidence

pytestmark = pytest.mark.django_db

URL = "/api/v1/track/additions"
SECRET = "He was waiting outside my flat again"


@pytest.fixture
def submitted(db):
    return do_submit_report(payload=VICTIM_REPORT, channel="online", actor=None)


def post(client, body, ip="203.0.113.7"):
    return client.post(URL, data=json.dumps(body), content_type="application/json", REMOTE_ADDR=ip)


def body_for(submitted, **fields):
    return {"reference": submitted.reference, "tracking_code": submitted.tracking_code, **fields}


def png_base64() -> str:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "blue").save(buffer, format="PNG")
    return base64.b64encode(buffer.getvalue()).decode()


def test_it_adds_information(client, submitted):
    response = post(client, body_for(submitted, kind="information", text=SECRET))
    assert response.status_code == 201
    assert response.json()["kind"] == "information"
    assert ReportAddition.objects.get().text == SECRET
    event = AuditEvent.objects.filter(kind="collect", object_id=submitted.reference).last()
    assert "additions" in event.fields and event.actor_label == "public"


def test_it_adds_evidence_checked_like_a_reports(client, submitted):
    item = {"name": "door.png", "content_type": "image/png", "content_base64": png_base64()}
    response = post(client, body_for(submitted, kind="evidence", evidence=[item]))
    assert response.status_code == 201
    assert Evidence.objects.get(report=submitted.report).metadata_removed


def test_a_file_that_is_not_evidence_is_a_field_error(client, submitted):
    fake = base64.b64encode(b"<script>alert(1)</script>").decode()
    item = {"name": "x.png", "content_type": "image/png", "content_base64": fake}
    response = post(client, body_for(submitted, kind="evidence", evidence=[item]))
    assert response.status_code == 400
    assert "evidence.0" in response.json()["errors"]
    assert not ReportAddition.objects.exists()


def test_it_asks_for_a_call(client, submitted):
    assert post(client, body_for(submitted, kind="call_me")).status_code == 201
    assert ReportAddition.objects.get().kind == "call_me"


@pytest.mark.parametrize(
    ("fields", "path"),
    [
        ({"kind": "information", "text": ""}, "text"),
        ({"kind": "information", "text": "x" * 20001}, "text"),
        ({"kind": "nonsense"}, "kind"),
        ({"kind": "evidence"}, "evidence"),
        ({"kind": "information", "text": 5}, "text"),
        ({"kind": "information", "text": "ok", "name": "z"}, "name"),
    ],
)
def test_bad_input_is_a_field_error(client, submitted, fields, path):
    response = post(client, body_for(submitted, **fields))
    assert response.status_code == 400
    assert path in response.json()["errors"]
    assert not ReportAddition.objects.exists()


def test_a_wrong_code_and_an_unknown_reference_get_the_same_404(client, submitted):
    wrong = post(client, body_for(submitted, tracking_code="WRONG", kind="call_me"))
    unknown = post(client, {**body_for(submitted, kind="call_me"), "reference": "HC-2222-3333"})
    assert wrong.status_code == unknown.status_code == 404
    assert wrong.content == unknown.content
    assert not ReportAddition.objects.exists()


def test_wrong_codes_count_towards_the_address_limit(client, submitted, settings):
    settings.HATECRIME_TRACK_ATTEMPTS_PER_HOUR = 2
    for _attempt in range(2):
        post(client, body_for(submitted, tracking_code="WRONG", kind="call_me"))
    response = post(client, body_for(submitted, kind="call_me"))
    assert response.status_code == 429
    # From another address the right code still works.
    assert post(client, body_for(submitted, kind="call_me"), ip="192.0.2.9").status_code == 201


def test_it_is_in_the_schema(client, db):
    schema = client.get("/api/v1/schema").json()
    assert "/api/v1/track/additions" in schema["paths"]
