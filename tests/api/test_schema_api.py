"""The OpenAPI schema and its docs page."""

import re

import pytest


@pytest.fixture
def schema(client, db):
    response = client.get("/api/v1/schema")
    assert response.status_code == 200
    return response.json()


def test_it_is_openapi_3(schema):
    assert schema["openapi"].startswith("3.")
    assert {"/api/v1/reports", "/api/v1/track"} <= set(schema["paths"])


def test_it_documents_the_report_body_with_examples(schema):
    operation = schema["paths"]["/api/v1/reports"]["post"]
    content = operation["requestBody"]["content"]["application/json"]
    assert "reporter_role" in content["schema"]["properties"]
    assert content["examples"]
    assert {"201", "400", "409", "413", "415", "422", "503"} <= set(operation["responses"])


def test_it_validates_against_the_openapi_rules(schema):
    from drf_spectacular.validation import validate_schema

    validate_schema(schema)


def test_the_docs_page_uses_no_third_party_or_inline_script(client, db):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "POST /api/v1/reports" in html
    assert not re.search(r"<(script|link)[^>]+(src|href)=\"https?://", html)
    for tag in re.findall(r"<script[^>]*>", html):
        assert "src=" in tag or "nonce=" in tag


@pytest.fixture
def full_schema(db):
    from drf_spectacular.generators import SchemaGenerator

    return SchemaGenerator().get_schema(request=None, public=True)


def operations(schema):
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            yield f"{method.upper()} {path}", operation


def test_every_operation_lists_the_answers_the_api_gives(full_schema):
    staff = 0
    for name, operation in operations(full_schema):
        answers = set(operation["responses"])
        assert "400" in answers, name
        if "requestBody" in operation:
            assert {"413", "415"} <= answers, name
        if any("tokenAuth" in way for way in operation.get("security") or []):
            assert "401" in answers, name
        staff += name.startswith(("GET /api/v1/cases", "POST /api/v1/cases"))
    assert staff >= 10


def test_the_idempotency_key_limit_is_in_the_schema(full_schema):
    from hatecrime.api.v1.reports import MAX_IDEMPOTENCY_KEY

    parameters = full_schema["paths"]["/api/v1/reports"]["post"]["parameters"]
    key = next(p for p in parameters if p["name"] == "Idempotency-Key")
    assert key["schema"]["maxLength"] == MAX_IDEMPOTENCY_KEY


def test_the_staff_api_answers_401_without_a_token_as_the_schema_says(client, db):
    response = client.get("/api/v1/cases")
    assert response.status_code == 401
    assert "detail" in response.json()
