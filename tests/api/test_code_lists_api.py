"""The code lists through the API: lengths in the schema are the validator's, every strand can
be recorded, and a targeted community is never cut short."""

import json

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from cases.factories import make_case
from hatecrime.api.v1.schema import REPORT_SCHEMA
from hatecrime.cases.models import Case
from hatecrime.core.models import Strand
from hatecrime.reporting.models import Report
from hatecrime.reporting.payload import COMMUNITY_MAX_LENGTH, ReportInvalid, validate_report

pytestmark = pytest.mark.urls("api.test_cases_urlconf")


def _strings_with_a_limit(schema, path=""):
    """(dotted path, maxLength, is a list item) of every plain string in the schema."""
    if schema.get("type") == "object":
        for name, child in schema["properties"].items():
            yield from _strings_with_a_limit(child, f"{path}.{name}" if path else name)
    elif schema.get("type") == "array":
        for found in _strings_with_a_limit(schema["items"], path):
            yield found[0], found[1], True
    elif schema.get("type") == "string" and "maxLength" in schema and "format" not in schema:
        yield path, schema["maxLength"], False


def _errors_for(path, value, in_list):
    body: dict = {"reporter_role": "on_behalf"}  # so that every section is read
    *parents, name = path.split(".")
    here = body
    for parent in parents:
        here = here.setdefault(parent, {})
    here[name] = [value] if in_list else value
    try:
        validate_report(body)
    except ReportInvalid as invalid:
        return [key for key in invalid.errors if key == path or key.startswith(f"{path}.")]
    return []


# Checked against a pattern as well, so a run of x's is wrong whatever its length.
PATTERNED = {"postcode", "phone", "phone_numbers"}


def test_every_length_in_the_schema_is_the_validators():
    limits = list(_strings_with_a_limit(REPORT_SCHEMA))
    assert ("targeted_community", COMMUNITY_MAX_LENGTH, False) in limits
    for path, limit, in_list in limits:
        if path.startswith("evidence."):
            continue  # read by the API view, not the payload validator: see the next test
        if path.rsplit(".", 1)[-1] not in PATTERNED:
            assert _errors_for(path, "x" * limit, in_list) == [], path
        assert _errors_for(path, "x" * (limit + 1), in_list) != [], path


def test_evidence_names_longer_than_the_schema_allows_are_field_errors(client, db):
    item = {"name": "n" * 256, "content_type": "t" * 101, "content_base64": "aGk="}
    response = client.post(
        "/api/v1/reports",
        data=json.dumps(_report(evidence=[item])),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert sorted(response.json()["errors"]) == ["evidence.0.content_type", "evidence.0.name"]


def _report(**changes):
    body = {
        "reporter_role": "victim",
        "anonymous": True,
        "what_happened": "Shouted at on Mare Street",
        "occurred_on": "2026-11-01",
        "borough": "hackney",
        "motivations": ["race"],
    }
    return {**body, **changes}


def test_a_community_as_long_as_the_schema_allows_is_stored_whole(client, db):
    community = "C" * COMMUNITY_MAX_LENGTH
    response = client.post(
        "/api/v1/reports",
        data=json.dumps(_report(targeted_community=community)),
        content_type="application/json",
    )
    assert response.status_code == 201
    report = Report.objects.get(reference=response.json()["reference"])
    assert report.targeted_community == community
    assert report.case.targeted_community == community


def test_a_longer_community_is_a_field_error_not_a_cut(client, db):
    response = client.post(
        "/api/v1/reports",
        data=json.dumps(_report(targeted_community="C" * (COMMUNITY_MAX_LENGTH + 1))),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["targeted_community"]
    assert not Report.objects.exists()


def _staff_api(user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def _triage(case, **changes):
    return {
        "expected_version": case.version,
        "strands": ["race"],
        "classification": "crime",
        "risk_level": "standard",
        **changes,
    }


def test_every_strand_can_be_recorded_on_a_case(alice):
    case = make_case("hackney")
    response = _staff_api(alice).post(
        f"/api/v1/cases/{case.report.reference}/triage",
        _triage(case, strands=Strand.values),
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert Case.objects.get(pk=case.pk).strands == Strand.values


def test_a_triage_community_too_long_is_a_field_error(alice):
    case = make_case("hackney")
    too_long = "C" * (Case._meta.get_field("targeted_community").max_length + 1)
    response = _staff_api(alice).post(
        f"/api/v1/cases/{case.report.reference}/triage",
        _triage(case, targeted_community=too_long),
        format="json",
    )
    assert response.status_code == 400
    assert "targeted_community" in response.json()["errors"]
    assert Case.objects.get(pk=case.pk).version == case.version
