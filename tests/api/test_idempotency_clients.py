"""An Idempotency-Key belongs to the client that sent it (an account, or an anonymous caller's
keyed address hash): one client's key never blocks another's (docs/adr/0532)."""

import json

import pytest
from rest_framework.test import APIClient

from hatecrime.reporting.models import IdempotencyRecord, Report
from personas import api_token

pytestmark = pytest.mark.django_db

URL = "/api/v1/reports"
BODY = {
    "reporter_role": "victim",
    "anonymous": True,
    "what_happened": "Shouted at on the bus",
    "occurred_on": "2026-11-01",
    "borough": "hackney",
    "motivations": ["race"],
}


def post(client, key="centre-42", **extra):
    return client.post(
        URL,
        data=json.dumps(BODY),
        content_type="application/json",
        headers={"Idempotency-Key": key},
        **extra,
    )


def test_two_anonymous_addresses_with_the_same_key_make_two_reports():
    client = APIClient()
    first = post(client, REMOTE_ADDR="198.51.100.1")
    second = post(client, REMOTE_ADDR="198.51.100.2")
    assert first.status_code == second.status_code == 201
    assert first.json()["reference"] != second.json()["reference"]
    assert Report.objects.count() == 2
    # The same address and key again: the first answer, no third report.
    again = post(client, REMOTE_ADDR="198.51.100.1")
    assert again.json() == first.json()
    assert Report.objects.count() == 2


def test_the_address_is_taken_through_the_trusted_proxy_and_never_stored(settings):
    settings.HATECRIME_TRUSTED_PROXY_COUNT = 1
    client = APIClient()
    first = post(client, REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="203.0.113.7")
    second = post(client, REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="203.0.113.8")
    assert first.status_code == second.status_code == 201
    assert Report.objects.count() == 2
    clients = set(IdempotencyRecord.objects.values_list("client", flat=True))
    assert len(clients) == 2
    assert all(c.startswith("address:") and "203.0.113" not in c for c in clients)


def test_an_account_and_an_anonymous_caller_with_the_same_key_make_two_reports(alice):
    anonymous = APIClient()
    signed_in = APIClient()
    signed_in.credentials(HTTP_AUTHORIZATION=f"Token {api_token(alice)}")
    first = post(anonymous, REMOTE_ADDR="198.51.100.1")
    second = post(signed_in, REMOTE_ADDR="198.51.100.1")
    assert first.status_code == second.status_code == 201
    assert Report.objects.count() == 2
    assert IdempotencyRecord.objects.filter(client=f"account:{alice.pk}").count() == 1
    # The account's key is its own wherever it calls from.
    again = post(signed_in, REMOTE_ADDR="198.51.100.99")
    assert again.json() == second.json()
    assert Report.objects.count() == 2


def test_another_client_cannot_learn_of_or_block_a_key_by_using_it_first():
    squatter = APIClient()
    centre = APIClient()
    blocked = post(squatter, key="centre-7", REMOTE_ADDR="198.51.100.66")
    assert blocked.status_code == 201
    body = {**BODY, "what_happened": "Graffiti on the mosque wall"}
    real = centre.post(
        URL,
        data=json.dumps(body),
        content_type="application/json",
        headers={"Idempotency-Key": "centre-7"},
        REMOTE_ADDR="192.0.2.10",
    )
    assert real.status_code == 201  # not 422: the squatter's key is not the centre's
