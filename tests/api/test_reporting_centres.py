"""Reporting centres: accounts of their own, made by `create_reporting_centre`; their reports
are attributed to them, limited per centre and not per address; their token opens nothing
but the report API, and they cannot sign in to staff pages (docs/adr/0550, 0552)."""

import json
from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from api.test_reports_api import URL, minimal
from hatecrime.accounts.models import ApiToken, Role, User
from hatecrime.accounts.tokens import token_digest
from hatecrime.reporting.models import Channel, Report
from personas import PASSWORD, api_token

pytestmark = pytest.mark.django_db

BODY = minimal()


def as_centre(token: str, **extra) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Token {token}", **extra)


def send(client: Client, key: str | None = None):
    headers = {"Idempotency-Key": key} if key else {}
    return client.post(URL, data=json.dumps(BODY), content_type="application/json", headers=headers)


def test_create_reporting_centre_prints_a_token_once_and_keeps_its_digest(capsys):
    call_command("create_reporting_centre", "Tell MAMA")
    token = capsys.readouterr().out.strip()
    centre = User.objects.get(role=Role.REPORTING_CENTRE)
    assert str(centre) == "Tell MAMA" and not centre.has_usable_password()
    stored = ApiToken.objects.get(user=centre)
    assert stored.digest == token_digest(token) and token not in stored.digest
    assert stored.expires_at - stored.created_at == timedelta(days=90)
    assert send(as_centre(token)).status_code == 201


def test_a_centres_report_is_attributed_to_it_for_staff(centre, alice, client):
    reference = send(as_centre(api_token(centre))).json()["reference"]
    report = Report.objects.get(reference=reference)
    assert report.submitted_by == centre and report.channel == Channel.THIRD_PARTY
    staff_api = Client(HTTP_AUTHORIZATION=f"Token {api_token(alice)}")
    [listed] = staff_api.get("/api/v1/cases").json()
    assert listed["reporting_centre"] == "Stop Hate UK"
    detail = staff_api.get(f"/api/v1/cases/{reference}").json()
    assert detail["case"]["reporting_centre"] == "Stop Hate UK"
    client.force_login(alice)
    assert "from Stop Hate UK" in client.get("/staff/cases/").content.decode()
    page = client.get(f"/staff/cases/{reference}/").content.decode()
    assert "Sent by the reporting centre <strong>Stop Hate UK</strong>" in page


def test_an_anonymous_report_names_no_centre(alice):
    Client().post(URL, data=json.dumps(BODY), content_type="application/json")
    staff_api = Client(HTTP_AUTHORIZATION=f"Token {api_token(alice)}")
    [listed] = staff_api.get("/api/v1/cases").json()
    assert listed["reporting_centre"] is None


def test_a_centre_is_limited_per_centre_not_per_address(centre, settings):
    settings.HATECRIME_INTAKE_REPORTS_PER_HOUR = 1  # what one address may send anonymously
    settings.HATECRIME_INTAKE_UNSOLVED_WEIGHT = 1
    settings.HATECRIME_CENTRE_REPORTS_PER_MINUTE = 3
    start = timezone.now().replace(second=0, microsecond=0)
    token = api_token(centre)
    with time_machine.travel(start, tick=False):
        assert [send(as_centre(token)).status_code for _ in range(3)] == [201] * 3
        from_elsewhere = as_centre(token, REMOTE_ADDR="198.51.100.50")
        refused = send(from_elsewhere)
        assert refused.status_code == 429 and refused["Retry-After"] == "60"
        # The address the centre sends from keeps its own anonymous budget.
        assert (
            Client().post(URL, data=json.dumps(BODY), content_type="application/json").status_code
            == 201
        )
        other_centre = User.objects.create(username="centre-cst", role=Role.REPORTING_CENTRE)
        assert send(as_centre(api_token(other_centre))).status_code == 201
    with time_machine.travel(start + timedelta(minutes=1), tick=False):
        assert send(as_centre(token)).status_code == 201


def test_a_centre_needs_no_proof_of_work(centre, settings):
    settings.HATECRIME_INTAKE_UNSOLVED_WEIGHT = 1000  # an anonymous caller could send none
    assert send(as_centre(api_token(centre))).status_code == 201


def test_a_centres_idempotency_key_is_its_own(centre):
    token = api_token(centre)
    squatter = Client(REMOTE_ADDR="203.0.113.66")
    assert send(squatter, key="stophate-1").status_code == 201
    first = send(as_centre(token), key="stophate-1")
    again = send(as_centre(token), key="stophate-1")
    assert first.status_code == again.status_code == 201
    assert first.json()["reference"] == again.json()["reference"]
    assert Report.objects.count() == 2


def test_a_centres_token_opens_no_staff_endpoint(centre):
    client = as_centre(api_token(centre))
    assert client.get("/api/v1/cases").status_code == 403
    assert client.get("/api/v1/cases/search?q=x").status_code == 403


def test_a_centre_cannot_sign_in_to_staff_pages(centre, client):
    centre.set_password(PASSWORD)  # even if someone gave it a password
    centre.save()
    response = client.post("/staff/sign-in/", {"username": centre.username, "password": PASSWORD})
    assert response.status_code == 200  # the form again, not signed in
    assert not client.session.get("_auth_user_id")
    assert not client.login(username=centre.username, password=PASSWORD)


def test_a_revoked_centre_token_is_refused(centre):
    token = api_token(centre)
    call_command("revoke_tokens", centre.username)
    assert send(as_centre(token)).status_code == 401
