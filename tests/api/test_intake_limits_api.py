"""The report API's limits for anonymous clients: per address (proxy-aware, as a keyed hash),
429 with Retry-After and a JSON body; the proof-of-work makes a report count once and works
once (docs/adr/0550, 0551)."""

import json
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from api.test_reports_api import URL, minimal
from hatecrime.reporting.models import Report
from hatecrime.reporting.proof_of_work import solve

pytestmark = pytest.mark.django_db

BODY = minimal()


def challenge_solution(client: Client) -> str:
    response = client.get(f"{URL}/challenge")
    assert response.status_code == 200
    return solve(response.json())


def post(client: Client, *, solution: str | None = None, **extra):
    headers = {"Proof-Of-Work": solution} if solution else {}
    return client.post(
        URL, data=json.dumps(BODY), content_type="application/json", headers=headers, **extra
    )


def test_a_flood_from_one_address_gets_429_with_retry_after_and_json(settings):
    settings.HATECRIME_INTAKE_REPORTS_PER_HOUR = 3
    client = Client()
    for _ in range(3):
        assert post(client, solution=challenge_solution(client)).status_code == 201
    refused = post(client, solution=challenge_solution(client))
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 3600
    body = refused.json()
    assert body["retry_after_seconds"] == int(refused["Retry-After"])
    assert "Nothing was stored" in body["detail"]
    assert body["other_ways_to_report"]
    assert Report.objects.count() == 3


def test_another_address_is_not_affected(settings):
    settings.HATECRIME_INTAKE_REPORTS_PER_HOUR = 1
    client = Client()
    assert post(client, solution=challenge_solution(client)).status_code == 201
    assert post(client, solution=challenge_solution(client)).status_code == 429
    other = Client(REMOTE_ADDR="198.51.100.7")
    assert post(other, solution=challenge_solution(other)).status_code == 201


def test_behind_a_trusted_proxy_each_client_address_has_its_own_budget(settings):
    settings.HATECRIME_INTAKE_REPORTS_PER_HOUR = 1
    settings.HATECRIME_TRUSTED_PROXY_COUNT = 1
    client = Client()
    first = {"HTTP_X_FORWARDED_FOR": "198.51.100.1"}
    second = {"HTTP_X_FORWARDED_FOR": "198.51.100.2"}
    assert post(client, solution=challenge_solution(client), **first).status_code == 201
    assert post(client, solution=challenge_solution(client), **first).status_code == 429
    assert post(client, solution=challenge_solution(client), **second).status_code == 201


def test_the_budget_comes_back_in_the_next_window(settings):
    settings.HATECRIME_INTAKE_REPORTS_PER_HOUR = 1
    client = Client()
    start = timezone.now().replace(minute=10, second=0, microsecond=0)
    with time_machine.travel(start, tick=False):
        assert post(client, solution=challenge_solution(client)).status_code == 201
        refused = post(client, solution=challenge_solution(client))
        assert refused.status_code == 429 and refused["Retry-After"] == str(50 * 60)
    with time_machine.travel(start + timedelta(hours=1), tick=False):
        assert post(client, solution=challenge_solution(client)).status_code == 201


def test_without_a_solution_a_report_is_accepted_but_counts_heavier(settings):
    settings.HATECRIME_INTAKE_REPORTS_PER_HOUR = 10
    settings.HATECRIME_INTAKE_UNSOLVED_WEIGHT = 5
    client = Client()
    assert post(client).status_code == 201
    assert post(client).status_code == 201
    assert post(client).status_code == 429
    assert Report.objects.count() == 2


def test_a_replayed_solution_is_refused():
    client = Client()
    solution = challenge_solution(client)
    assert post(client, solution=solution).status_code == 201
    replay = post(client, solution=solution)
    assert replay.status_code == 400
    assert "used before" in replay.json()["errors"]["Proof-Of-Work"][0]
    assert Report.objects.count() == 1


@pytest.mark.parametrize(
    "tamper",
    [
        lambda answer: {**answer, "number": answer["number"] + 1},
        lambda answer: {**answer, "signature": "0" * 64},
        lambda answer: {**answer, "algorithm": "SHA-1"},
    ],
)
def test_a_wrong_solution_is_refused(tamper):
    import base64

    client = Client()
    answer = json.loads(base64.b64decode(challenge_solution(client)))
    forged = base64.b64encode(json.dumps(tamper(answer)).encode()).decode()
    response = post(client, solution=forged)
    assert response.status_code == 400 and "Proof-Of-Work" in response.json()["errors"]
    assert post(client, solution="not base64 at all!").status_code == 400


def test_an_expired_challenge_is_refused(settings):
    client = Client()
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        solution = challenge_solution(client)
    with time_machine.travel(start + timedelta(minutes=31), tick=False):
        assert post(client, solution=solution).status_code == 400


def test_evidence_counts_against_the_address(settings):
    settings.HATECRIME_INTAKE_EVIDENCE_PER_HOUR = 1
    client = Client()
    item = {"name": "a.txt", "content_type": "text/plain", "content_base64": "aGVsbG8="}
    response = client.post(
        URL,
        data=json.dumps({**BODY, "evidence": [item, item]}),
        content_type="application/json",
        headers={"Proof-Of-Work": challenge_solution(client)},
    )
    assert response.status_code == 429
    assert Report.objects.count() == 0
