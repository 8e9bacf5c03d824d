"""The code lists through the API: lengths in the schema are the validator's and the columns',
and every strand can be recorded."""

import json

import pytest
from rest_framework.test import APIClient

from cases.factories import make_case
from hatecrime.api.v1.schema import REPORT_SCHEMA
from hatecrime.cases.models import Case
from hatecrime.core.models import Strand
from hatecrime.reporting.payload import ReportInvalid, validate_report
from personas import api_token

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
    # So that every section is read, and the words for "Other" are asked for.
    body: dict = {"reporter_role": "on_behalf", "targeted_communities": ["other"]}
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


def test_every_length_in_the_schema_is_the_validators(db):
    limits = list(_strings_with_a_limit(REPORT_SCHEMA))
    assert ("targeted_community_other", 500, False) in limits
    for path, limit, in_list in limits:
        if path.startswith("evidence.") or path == "targeted_communities":
            continue  # the evidence: see the next test; community codes: the one after
        if path.rsplit(".", 1)[-1] not in PATTERNED:
            assert _errors_for(path, "x" * limit, in_list) == [], path
        assert _errors_for(path, "x" * (limit + 1), in_list) != [], path


def test_evidence_names_longer_than_the_schema_allows_are_field_errors(client, db):
    item = {"name": "n" * 256, "content_type": "t" * 101, "content_base64": "aGk="}
    response = client.post(
        "/api/v1/reports",
        data=json.dumps(anonymous_report(evidence=[item])),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert sorted(response.json()["errors"]) == ["evidence.0.content_type", "evidence.0.name"]


def anonymous_report(**changes):
    body = {
        "reporter_role": "victim",
        "anonymous": True,
        "what_happened": "Shouted at on Mare Street",
        "occurred_on": "2026-11-01",
        "borough": "hackney",
        "motivations": ["race"],
    }
    return {**body, **changes}


def test_the_community_code_length_in_the_schema_is_the_columns():
    from hatecrime.core.models import Community

    items = REPORT_SCHEMA["properties"]["targeted_communities"]["items"]
    assert items["maxLength"] == Community._meta.get_field("code").max_length


def _staff_api(user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token(user)}")
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
