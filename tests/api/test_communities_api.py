"""Targeted communities through the API: the taxonomy to choose from, a report naming
communities, field errors, and staff recoding a case."""

import json

import pytest
from rest_framework.test import APIClient

from api.test_code_lists_api import anonymous_report as _report
from cases.factories import events, make_case
from hatecrime.cases.models import Case
from hatecrime.core.models import Community
from hatecrime.reporting.models import Report
from personas import api_token

pytestmark = pytest.mark.urls("api.test_cases_urlconf")


def post_report(client, body):
    return client.post("/api/v1/reports", data=json.dumps(body), content_type="application/json")


def test_the_taxonomy_is_listed_with_groups_and_strands(client, db):
    Community.objects.filter(code="cambodian").update(is_active=False)
    listed = {node["code"]: node for node in client.get("/api/v1/communities").json()}
    assert listed["chinese"] == {
        "code": "chinese",
        "label": "Chinese",
        "group": "east_south_east_asian",
        "strand": "race",
    }
    assert listed["east_south_east_asian"]["group"] is None
    assert listed["trans_people"]["strand"] == "transgender"
    assert listed["jewish"]["strand"] == "religion"
    assert "cambodian" not in listed


def test_a_report_names_communities_and_the_words_for_other(client, db):
    body = _report(targeted_communities=["chinese", "other"], targeted_community_other="Hakka")
    response = post_report(client, body)
    assert response.status_code == 201, response.json()
    report = Report.objects.get(reference=response.json()["reference"])
    assert report.targeted_communities == ["chinese", "other"]
    case = Case.objects.get(report=report)
    assert case.targeted_communities == ["chinese", "other"]
    assert case.targeted_community_other == "Hakka"


def test_a_group_may_be_named_when_the_reporter_knows_no_finer(client, db):
    response = post_report(client, _report(targeted_communities=["east_south_east_asian"]))
    assert response.status_code == 201


@pytest.mark.parametrize(
    ("changes", "path"),
    [
        ({"targeted_communities": ["klingon"]}, "targeted_communities.0"),
        ({"targeted_communities": "chinese"}, "targeted_communities"),
        ({"targeted_communities": ["chinese", "chinese"]}, "targeted_communities"),
        ({"targeted_communities": ["other"]}, "targeted_community_other"),
        ({"targeted_community_other": "Hakka"}, "targeted_community_other"),
        ({"targeted_community": "Chinese"}, "targeted_community"),
    ],
)
def test_bad_communities_are_field_errors(client, db, changes, path):
    response = post_report(client, _report(**changes))
    assert response.status_code == 400
    assert list(response.json()["errors"]) == [path]
    assert not Report.objects.exists()


def test_an_inactive_community_is_refused(client, db):
    Community.objects.filter(code="thai").update(is_active=False)
    response = post_report(client, _report(targeted_communities=["thai"]))
    assert response.status_code == 400


def test_the_schema_documents_the_codes_and_where_to_find_them(client, db):
    schema = client.get("/api/v1/schema").json()
    assert "/api/v1/communities" in schema["paths"]
    body = schema["paths"]["/api/v1/reports"]["post"]["requestBody"]["content"]
    properties = body["application/json"]["schema"]["properties"]
    assert properties["targeted_communities"]["type"] == "array"
    assert "/api/v1/communities" in properties["targeted_communities"]["description"]


def _staff_api(user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token(user)}")
    return client


def test_alice_recodes_a_case_and_it_is_audited(alice):
    case = make_case("hackney")
    url = f"/api/v1/cases/{case.report.reference}/communities"
    body = {"expected_version": case.version, "communities": ["chinese", "vietnamese"]}
    api = _staff_api(alice)
    response = api.post(url, body, format="json")
    assert response.status_code == 201, response.json()
    case.refresh_from_db()
    assert case.targeted_communities == ["chinese", "vietnamese"]
    event = events("alter", case.report.reference)[-1]
    assert event.fields == ["targeted_communities", "targeted_community_other"]
    triage = api.get(f"/api/v1/cases/{case.report.reference}").json()["triage"]
    assert triage["targeted_communities"] == ["chinese", "vietnamese"]
    assert triage["targeted_community_other"] == ""


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"communities": ["klingon"]}, "communities"),
        ({"communities": ["other"]}, "other"),
        ({"communities": ["chinese"], "other": "Hakka"}, "other"),
        ({"communities": ["other"], "other": "x" * 501}, "other"),
    ],
)
def test_a_bad_recode_is_a_field_error(alice, body, field):
    case = make_case("hackney")
    url = f"/api/v1/cases/{case.report.reference}/communities"
    response = _staff_api(alice).post(url, {"expected_version": 1, **body}, format="json")
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert Case.objects.get(pk=case.pk).version == 1


def test_bob_of_camden_cannot_recode_a_hackney_case(bob):
    case = make_case("hackney")
    url = f"/api/v1/cases/{case.report.reference}/communities"
    body = {"expected_version": 1, "communities": ["chinese"]}
    assert _staff_api(bob).post(url, body, format="json").status_code == 404
