"""Case search for staff: by reference, names (whole or a word of them), phone, email, postcode
and a suspect's name or handle, open and closed cases of the user's areas only, matched on keyed
blind indexes (nothing is decrypted to search), each search an audited consult without the term."""

import io
import json

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from cases.factories import VICTIM_REPORT, make_case
from hatecrime.audit.models import AuditEvent
from hatecrime.cases.models import Case, CaseSearchKey
from hatecrime.core import fields as encrypted_fields
from personas import api_token

pytestmark = pytest.mark.django_db

ON_BEHALF = {
    **VICTIM_REPORT,
    "reporter_role": "on_behalf",
    "on_behalf": {"relationship": "carer", "victim_knows": "yes", "victim_agrees": "yes"},
    "contact": {"name": "Rita Reporter", "email": "rita@example.invalid", "phone": "020 7946 0100"},
    "victim": {"name": "Özlem Yilmaz-Kaya", "postcode": "N16 7AA"},
    "suspects": {"count": "one", "names": ["Harry Hostile"], "phone_numbers": ["07700 900555"]},
    "online": {"platform": "X", "account_names": ["@nasty_account"]},
}


def _api(user) -> APIClient:
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {api_token(user)}")
    return api


def _found(client, term) -> str:
    response = client.get("/staff/cases/search/", {"q": term})
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    "term",
    [
        "Vera Victim",
        "victim",  # one word of the name
        "  VERA   victim ",
        "vera@EXAMPLE.invalid",
        "+44 7700 900123",
        "07700900123",
        "e8 1aa",
        "Jon Suspect",
        "@HATER",
        "hater",
    ],
)
def test_alice_finds_the_case_by_what_the_victim_told_us(client, alice, term):
    case = make_case("hackney")
    other = {**VICTIM_REPORT, "contact": {"name": "Someone Else"}, "suspects": {}}
    make_case("hackney", submitted=other)
    client.force_login(alice)
    page = _found(client, term)
    assert case.report.reference in page
    assert page.count('<tr class="govuk-table__row">') == 2  # the header and one case


@pytest.mark.parametrize(
    ("term", "matched"),
    [
        ("Rita Reporter", "Reporter&#x27;s name"),
        ("rita@example.invalid", "Reporter&#x27;s email"),
        ("020 7946 0100", "Reporter&#x27;s phone"),
        ("ozlem yilmaz kaya", "Victim&#x27;s name"),
        ("Yilmaz", "Victim&#x27;s name"),
        ("N167AA", "Victim&#x27;s postcode"),
        ("Hostile", "Suspect&#x27;s name"),
        ("07700 900555", "Suspect&#x27;s phone"),
        ("nasty_account", "Suspect&#x27;s handle"),
    ],
)
def test_the_reporter_and_the_victim_are_both_indexed(client, alice, term, matched):
    case = make_case("hackney", submitted=ON_BEHALF)
    client.force_login(alice)
    page = _found(client, term)
    assert case.report.reference in page and matched in page


def test_closed_cases_and_references_are_found(client, alice):
    case = make_case("hackney")
    Case.objects.filter(pk=case.pk).update(status="closed")
    client.force_login(alice)
    page = _found(client, case.report.reference.lower())
    assert case.report.reference in page and "Closed" in page


def test_nobody_finds_a_case_outside_their_areas(client, alice, bob, pat):
    make_case("hackney")
    client.force_login(bob)
    page = _found(client, "Vera Victim")
    assert 'id="no-results"' in page and "No cases found" in page
    assert _api(bob).get("/api/v1/cases/search", {"q": "Vera Victim"}).json() == []
    client.force_login(pat)
    assert client.get("/staff/cases/search/", {"q": "Vera Victim"}).status_code == 404
    assert _api(pat).get("/api/v1/cases/search", {"q": "Vera Victim"}).status_code == 403


def test_an_empty_search_gets_a_govuk_error(client, alice):
    client.force_login(alice)
    page = _found(client, "   ")
    assert "govuk-error-summary" in page and "Enter a reference, name, phone number" in page
    assert not AuditEvent.objects.filter(object_type="case_search").exists()


def test_the_api_answers_field_errors_and_hits(alice):
    case = make_case("hackney")
    api = _api(alice)
    empty = api.get("/api/v1/cases/search", {"q": ""})
    assert empty.status_code == 400 and "q" in empty.json()["errors"]
    too_long = api.get("/api/v1/cases/search", {"q": "x" * 201})
    assert too_long.status_code == 400 and "200 characters" in too_long.json()["errors"]["q"][0]
    (hit,) = api.get("/api/v1/cases/search", {"q": "07700 900123"}).json()
    assert hit["reference"] == case.report.reference and hit["matched"] == ["Victim's phone"]


def test_each_search_is_a_consult_that_keeps_the_term_out_of_the_audit(client, alice):
    case = make_case("hackney")
    client.force_login(alice)
    _found(client, "vera@example.invalid")
    _api(alice).get("/api/v1/cases/search", {"q": "Jon Suspect"})
    events = list(AuditEvent.objects.filter(object_type="case_search").order_by("seq"))
    assert [(e.kind, e.actor) for e in events] == [("consult", alice), ("consult", alice)]
    assert events[0].detail["term_kinds"] == ["email", "name"] or "email" in events[0].fields
    assert events[0].detail["results"] == [case.report.reference]
    text = json.dumps([[e.fields, e.detail, e.justification] for e in events]).casefold()
    assert "vera" not in text and "jon" not in text and "suspect" not in text
    assert not any(key.digest in text for key in CaseSearchKey.objects.all())


def test_searching_decrypts_nothing(client, alice, monkeypatch):
    case = make_case("hackney")
    client.force_login(alice)

    def refuse(token: str) -> str:
        raise AssertionError("a search decrypted something")

    monkeypatch.setattr(encrypted_fields, "decrypt_text", refuse)
    (hit,) = _api(alice).get("/api/v1/cases/search", {"q": "Vera"}).json()
    assert hit["reference"] == case.report.reference


def test_the_index_holds_keyed_hashes_only(alice):
    make_case("hackney")
    digests = " ".join(CaseSearchKey.objects.values_list("digest", flat=True)).casefold()
    assert digests and not any(
        value in digests for value in ("vera", "victim", "07700", "e8 1aa", "hater")
    )


def test_a_report_sent_to_the_api_is_indexed_when_it_is_stored(client, alice):
    body = {
        "reporter_role": "victim",
        "anonymous": False,
        "what_happened": "Shouted at on Mare Street",
        "occurred_on": "2026-11-01",
        "borough": "hackney",
        "motivations": ["race"],
        "contact": {"name": "Sam Example", "phone": "07700 900982"},
    }
    reference = client.post("/api/v1/reports", body, content_type="application/json").json()[
        "reference"
    ]
    client.force_login(alice)
    assert reference in _found(client, "Sam Example")


def test_the_command_indexes_cases_opened_before_search_existed(client, alice):
    case = make_case("hackney")
    CaseSearchKey.objects.all().delete()
    client.force_login(alice)
    assert case.report.reference not in _found(client, "Vera Victim")
    call_command("index_cases", "--missing", stdout=io.StringIO())
    assert case.report.reference in _found(client, "Vera Victim")
