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
