"""The report's area in the API: `area` (with `borough`, its older name, still taken: both mean
the same field and must agree), the list of areas, and the schema that says so."""

import json

import pytest

from hatecrime.cases.models import Case
from hatecrime.reporting.models import Report

URL = "/api/v1/reports"


def body(**where):
    return {
        "reporter_role": "victim", "anonymous": True, "occurred_on": "2026-11-01",
        "what_happened": "Shouted at on Mare Street", "motivations": ["race"], **where,
    }  # fmt: skip


def post(client, data):
    return client.post(URL, data=json.dumps(data), content_type="application/json")


@pytest.fixture
def api(client, db):
    return client


@pytest.mark.parametrize(
    "where", [{"area": "camden"}, {"borough": "camden"}, {"area": "camden", "borough": "camden"}]
)
def test_area_and_its_alias_borough_route_the_report_alike(api, where):
    response = post(api, body(**where))
    assert response.status_code == 201
    assert response.json()["area"] == "camden"
    report = Report.objects.get(reference=response.json()["reference"])
    assert Case.objects.get(report=report).area.slug == "camden"
    assert report.submitted["cleaned"]["borough"] == "camden"


def test_an_area_and_a_borough_that_disagree_are_refused(api):
    response = post(api, body(area="camden", borough="hackney"))
    assert response.status_code == 400
    assert response.json() == {
        "errors": {"area": ["Give the area once: area and borough are the same answer"]}
    }
    assert not Report.objects.exists()


def test_an_unknown_area_is_named_in_the_field_it_came_in(api):
    message = "Select the area where it happened, or 'I don't know'"
    assert post(api, body(area="atlantis")).json()["errors"] == {"area": [message]}
    assert post(api, body(borough="atlantis")).json()["errors"] == {"borough": [message]}
    assert post(api, body()).json()["errors"] == {"area": [message]}


def test_the_areas_are_listed_with_their_force(api):
    response = api.get("/api/v1/areas")
    assert response.status_code == 200
    areas = {area["slug"]: area for area in response.json()}
    assert areas["hackney"] == {
        "slug": "hackney", "name": "Hackney", "code": "E09000012",
        "force": {"code": "E23000001", "name": "Metropolitan Police Service"},
    }  # fmt: skip
    assert areas["unknown"]["force"] is None
    assert response.json()[-1]["slug"] == "unknown"


def test_the_schema_documents_area_and_borough_as_its_older_name(api):
    schema = api.get("/api/v1/schema").json()
    properties = schema["paths"][URL]["post"]["requestBody"]["content"]["application/json"][
        "schema"
    ]["properties"]
    assert properties["area"]["type"] == "string" and "unknown" in properties["area"]["description"]
    assert properties["borough"]["deprecated"] is True
    assert "/api/v1/areas" in schema["paths"]
