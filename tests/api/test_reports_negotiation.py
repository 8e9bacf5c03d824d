"""The report endpoint's content negotiation short cut answers exactly as DRF's own would."""

import json

import pytest

URL = "/api/v1/reports"
BODY = json.dumps({"reporter_role": "victim"})  # invalid: a 400, which is enough to negotiate


@pytest.mark.django_db
@pytest.mark.parametrize("accept", [None, "*/*", "application/json", "application/*"])
def test_partner_systems_get_json(client, accept):
    headers = {"Accept": accept} if accept else {}
    response = client.post(URL, BODY, content_type="application/json", headers=headers)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()["errors"]["anonymous"]


@pytest.mark.django_db
@pytest.mark.parametrize("accept", ["text/html", "text/*", "application/xml"])
def test_an_accept_header_json_cannot_satisfy_is_still_a_406(client, accept):
    response = client.post(URL, BODY, content_type="application/json", headers={"Accept": accept})
    assert response.status_code == 406


@pytest.mark.django_db
def test_accept_parameters_still_reach_the_renderer(client):
    response = client.post(
        URL, BODY, content_type="application/json", headers={"Accept": "application/json; indent=4"}
    )
    assert response.status_code == 400
    assert response.content.startswith(b"{\n    ")


@pytest.mark.django_db
def test_an_unknown_format_override_is_still_a_404(client):
    response = client.post(f"{URL}?format=xml", BODY, content_type="application/json")
    assert response.status_code == 404
