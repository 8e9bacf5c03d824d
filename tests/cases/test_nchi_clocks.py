"""A non-crime hate incident is not investigated: it gets no investigation clocks (Right 6
decisions, the Right to Review), and a crime re-triaged as an NCHI has its running ones stopped
as "not applicable", with the reason on the case page and in the API."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone
from rest_framework.test import APIClient

from cases.factories import make_case, triage
from hatecrime.cases.models import Case, Clock
from personas import api_token

pytestmark = pytest.mark.django_db

NCHI = {
    "classification": "nchi",
    "not_trivial_irrational_or_malicious": True,
    "basis_for_hostility": True,
    "personal_data_threshold_met": True,
}
INVESTIGATION = ("key_decision", "decision_not_to_charge", "review_requested")


@pytest.fixture(autouse=True)
def _frozen():
    when = timezone.make_aware(dt.datetime(2026, 11, 20, 10, 0))
    with time_machine.travel(when, tick=False) as traveller:
        yield traveller


def _api(user) -> APIClient:
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {api_token(user)}")
    return api


def _decide(api, case, kind):
    return api.post(
        f"/api/v1/cases/{case.report.reference}/decisions",
        {
            "expected_version": Case.objects.get(pk=case.pk).version,
            "kind": kind,
            "reasons": "Advice given",
        },
        format="json",
    )


def test_an_nchi_gets_no_investigation_clocks(alice):
    case = make_case("hackney")
    triage(case, alice, **NCHI)
    api = _api(alice)
    assert _decide(api, case, "not_investigated").status_code == 201
    assert _decide(api, case, "no_further_action").status_code == 201
    assert not Clock.objects.filter(case=case, rule__starts_on__in=INVESTIGATION).exists()


def test_a_crime_gets_them(alice):
    case = make_case("hackney")
    triage(case, alice)
    assert _decide(_api(alice), case, "no_further_action").status_code == 201
    started = set(
        Clock.objects.filter(case=case, rule__starts_on__in=INVESTIGATION).values_list(
            "rule__starts_on", flat=True
        )
    )
    assert started == {"key_decision", "decision_not_to_charge"}


def test_re_triage_as_an_nchi_stops_the_investigation_clocks_as_not_applicable(client, alice):
    case = make_case("hackney")
    triage(case, alice)
    api = _api(alice)
    _decide(api, case, "arrested")
    case = Case.objects.get(pk=case.pk)
    response = api.post(
        f"/api/v1/cases/{case.report.reference}/triage",
        {
            "expected_version": case.version,
            "strands": ["religion"],
            "risk_level": "standard",
            **NCHI,
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    decision_clock = Clock.objects.get(case=case, rule__starts_on="key_decision")
    assert decision_clock.stop_reason == "nchi"
    first_contact = Clock.objects.get(case=case, rule__starts_on="report_received")
    assert first_contact.stopped_at is None  # the victim still gets their first contact
    clocks = {
        c["subject"]: c for c in api.get(f"/api/v1/cases/{case.report.reference}").json()["clocks"]
    }
    shown = clocks[decision_clock.subject]
    assert (
        shown["state"] == "not_applicable"
        and "non-crime hate incident" in shown["stop_reason_text"]
    )
    client.force_login(alice)
    page = client.get(f"/staff/cases/{case.report.reference}/").content.decode()
    table = page[page.index('id="clocks"') : page.index("</table>", page.index('id="clocks"'))]
    assert "Not applicable" in table and "recorded as a non-crime hate incident" in table
