"""The staff case API: the role x area x endpoint access matrix, conflicts, errors, audit."""

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from cases.factories import events, make_case
from hatecrime.support.models import SupportOrganisation
from personas import api_token, app_device

pytestmark = pytest.mark.urls("api.test_cases_urlconf")

PERSONAL = ("vera", "Vera Victim", "07700 900123", "Shouted abuse")


def client_for(user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token(user)}")
    return client


@pytest.fixture
def case(db):
    return make_case("hackney")


def endpoints(reference, version=1, organisation=0):
    base = f"/api/v1/cases/{reference}"
    return [
        ("get", base, None),
        (
            "post",
            f"{base}/triage",
            {
                "expected_version": version,
                "strands": ["race"],
                "classification": "crime",
                "risk_level": "standard",
            },
        ),
        ("post", f"{base}/assign", {"expected_version": version, "officer": "alice"}),
        (
            "post",
            f"{base}/contacts",
            {"expected_version": version, "method": "phone", "made": True},
        ),
        (
            "post",
            f"{base}/decisions",
            {"expected_version": version, "kind": "arrested", "reasons": "Seen on CCTV"},
        ),
        (
            "post",
            f"{base}/updates",
            {"expected_version": version, "text": "Update", "method": "phone"},
        ),
        ("post", f"{base}/referrals", {"expected_version": version, "organisation": organisation}),
    ]


@pytest.mark.parametrize("persona", ["bob", "carl", "ann", "cora", "pat", "adam"])
def test_everyone_but_hackney_staff_gets_404_on_every_endpoint(request, case, persona):
    client = client_for(request.getfixturevalue(persona))
    for method, url, body in endpoints(case.report.reference):
        response = getattr(client, method)(url, body, format="json")
        assert response.status_code == 404, (persona, url, response.status_code)
        assert not any(p in response.content.decode() for p in PERSONAL)
    case.refresh_from_db()
    assert case.version == 1
    assert events("consult", case.report.reference) == []


@pytest.mark.parametrize("persona", ["alice", "hannah"])
def test_hackney_staff_read_the_case_and_it_is_audited(request, case, persona):
    response = client_for(request.getfixturevalue(persona)).get(
        f"/api/v1/cases/{case.report.reference}"
    )
    assert response.status_code == 200
    assert response.json()["victim"]["name"] == "Vera Victim"
    (consult,) = events("consult", case.report.reference)
    assert consult.actor_label == persona and "victim" in consult.fields


def test_a_missing_case_is_the_same_404(alice):
    response = client_for(alice).get("/api/v1/cases/HC-NOPE")
    assert response.status_code == 404


@pytest.mark.parametrize("persona", ["ann", "cora", "pat", "adam", "carl"])
def test_roles_without_case_work_cannot_list_cases(request, case, persona):
    response = client_for(request.getfixturevalue(persona)).get("/api/v1/cases")
    assert response.status_code == 403
    assert case.report.reference not in response.content.decode()


def test_the_list_holds_only_the_callers_areas(alice, bob):
    hackney, camden = make_case("hackney"), make_case("camden")
    references = [c["reference"] for c in client_for(alice).get("/api/v1/cases").json()]
    assert hackney.report.reference in references and camden.report.reference not in references


def test_a_supervisor_needs_a_justification_outside_their_area(case, db):
    from personas import make_staff

    camden_supervisor = make_staff("sam", "supervisor", ["camden"])
    client = client_for(camden_supervisor)
    url = f"/api/v1/cases/{case.report.reference}"
    assert client.get(url).status_code == 403
    response = client.get(url, HTTP_X_JUSTIFICATION="Cross-border series review")
    assert response.status_code == 200
    (consult,) = events("consult", case.report.reference)
    assert consult.justification == "Cross-border series review"


def test_an_officer_needs_a_justification_for_the_triage_queue(alice):
    triage_case = make_case("unknown")
    url = f"/api/v1/cases/{triage_case.report.reference}"
    assert client_for(alice).get(url).status_code == 403


def test_every_post_endpoint_works_for_the_supervisor(case, hannah, alice):
    organisation = SupportOrganisation.objects.create(name="Stop Hate Line")
    from hatecrime.support.actions import do_record_consent

    do_record_consent(
        actor=hannah,
        case=case,
        expected_version=1,
        organisation=organisation,
        shared_fields=["name"],
    )
    client = client_for(hannah)
    version = 2
    for method, url, body in endpoints(case.report.reference, version, organisation.pk)[1:]:
        body["expected_version"] = version
        response = client.post(url, body, format="json")
        assert response.status_code == 201, (url, response.json())
        version += 1


def test_a_stale_version_is_409_and_nothing_changes(case, alice):
    client = client_for(alice)
    url = f"/api/v1/cases/{case.report.reference}/decisions"
    body = {"expected_version": 1, "kind": "arrested", "reasons": "CCTV"}
    assert client.post(url, body, format="json").status_code == 201
    response = client.post(url, body, format="json")
    assert response.status_code == 409
    assert response.json()["current_version"] == 2
    assert case.decisions.count() == 1


def test_field_errors_are_400(case, alice):
    response = client_for(alice).post(
        f"/api/v1/cases/{case.report.reference}/contacts",
        {"expected_version": 1, "method": "letter", "made": True},
        format="json",
    )
    assert response.status_code == 400
    assert "method" in response.json()["errors"]


def test_refer_without_consent_is_400(case, alice):
    organisation = SupportOrganisation.objects.create(name="Tell Community Support")
    response = client_for(alice).post(
        f"/api/v1/cases/{case.report.reference}/referrals",
        {"expected_version": 1, "organisation": organisation.pk},
        format="json",
    )
    assert response.status_code == 400
    assert "organisation" in response.json()["errors"]


def test_a_changed_role_applies_at_once(case, alice):
    client = client_for(alice)
    url = f"/api/v1/cases/{case.report.reference}"
    assert client.get(url).status_code == 200
    alice.role = "analyst"
    alice.save()
    assert client.get(url).status_code == 404


def test_issue_token_prints_a_working_token(alice, capsys):
    app_device(alice)  # only staff with a second factor get a token (ADR 0501)
    call_command("issue_token", "alice")
    key = capsys.readouterr().out.strip()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get("/api/v1/cases").status_code == 200


def test_the_case_endpoints_are_in_the_schema(db):
    schema = APIClient().get("/api/v1/schema").json()
    assert "/api/v1/cases/{reference}/decisions" in schema["paths"]
    assert "/api/v1/cases" in schema["paths"]
