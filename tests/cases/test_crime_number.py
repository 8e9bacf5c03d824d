"""The force's crime number and classification on a case (docs/adr/0810): recorded by staff,
checked against the format an administrator sets (audited), found by case search, in the staff
API (detail, filter, write) and in the board's CSV export."""

import csv
import io

import pytest
from rest_framework.test import APIClient

from cases.factories import events, make_case
from hatecrime.cases.models import Case, CrimeNumberFormat
from personas import api_token

pytestmark = pytest.mark.django_db

CLASSIFICATION = "Racially or religiously aggravated public fear, alarm or distress"


@pytest.fixture
def case(db):
    return make_case("hackney")


def _api(user) -> APIClient:
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {api_token(user)}")
    return api


def _record(client, case, number: str, classification: str = CLASSIFICATION):
    version = Case.objects.get(pk=case.pk).version
    return client.post(
        f"/staff/cases/{case.report.reference}/crime-number/",
        {"version": version, "crime_number": number, "classification": classification},
    )


def test_alice_records_the_crime_number_and_classification(client, alice, case):
    client.force_login(alice)
    response = _record(client, case, " 5012345/26 ")
    assert response.status_code == 302
    case = Case.objects.get(pk=case.pk)
    assert (case.crime_number, case.crime_classification) == ("5012345/26", CLASSIFICATION)
    page = client.get(f"/staff/cases/{case.report.reference}/").content.decode()
    assert "5012345/26" in page and CLASSIFICATION in page
    altered = events("alter", case.report.reference)[-1]
    assert altered.fields == ["crime_classification", "crime_number"]


def test_a_number_in_another_format_is_refused_naming_the_format(client, alice, case):
    client.force_login(alice)
    response = _record(client, case, "12345")
    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html
    assert (
        "Enter the crime number in the format of the force&#x27;s crime recording system: "
        "seven digits, a slash, then the two-digit year, like 5012345/26" in html
    )
    assert Case.objects.get(pk=case.pk).crime_number == ""


def test_a_classification_needs_a_crime_number(client, alice, case):
    client.force_login(alice)
    html = _record(client, case, "").content.decode()
    assert "Enter the crime number the classification belongs to" in html


def test_adam_sets_the_format_and_it_is_audited_and_applied(client, adam, alice, case):
    client.force_login(adam)
    assert client.get("/staff/cases/crime-number-format/").status_code == 200
    response = client.post(
        "/staff/cases/crime-number-format/",
        {"pattern": r"CR/\d{4}/\d{2}", "example": "CR/1234/26", "description": "CR/, 4 digits"},
    )
    assert response.status_code == 302
    form = CrimeNumberFormat.current()
    assert (form.pattern, form.example, form.changed_by) == (r"CR/\d{4}/\d{2}", "CR/1234/26", adam)
    event = events("alter")[-1]
    assert (event.object_type, event.actor) == ("crime_number_format", adam)
    assert event.fields == ["description", "example", "pattern"]
    client.force_login(alice)
    assert "like CR/1234/26" in _record(client, case, "5012345/26").content.decode()
    assert _record(client, case, "cr/1234/26").status_code == 302
    assert Case.objects.get(pk=case.pk).crime_number == "CR/1234/26"


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"pattern": "([0-9", "example": "1"}, "pattern", "not a valid regular expression"),
        ({"pattern": r"\d{3}", "example": "12a"}, "example", "The example must match"),
        ({"pattern": "", "example": "1"}, "pattern", "Enter the pattern"),
    ],
)
def test_a_broken_format_is_refused_and_nothing_changes(client, adam, data, field, message):
    client.force_login(adam)
    response = client.post("/staff/cases/crime-number-format/", {"description": "digits", **data})
    assert response.status_code == 400
    html = response.content.decode()
    assert "govuk-error-summary" in html and message in html and f'href="#id_{field}"' in html
    assert not CrimeNumberFormat.objects.exists()


def test_only_administrators_open_the_format_page(client, alice, hannah):
    for person in (alice, hannah):
        client.force_login(person)
        assert client.get("/staff/cases/crime-number-format/").status_code == 404


def test_case_search_finds_a_case_by_its_crime_number_in_the_users_areas(client, alice, bob):
    mine, other = make_case("hackney"), make_case("camden")
    Case.objects.filter(pk__in=[mine.pk, other.pk]).update(crime_number="5012345/26")
    client.force_login(alice)
    html = client.get("/staff/cases/search/", {"q": "5012345/26"}).content.decode()
    assert mine.report.reference in html and other.report.reference not in html
    assert "Crime number" in html
    found = _api(bob).get("/api/v1/cases/search", {"q": "5012345/26"}).json()
    assert [(row["reference"], row["matched"]) for row in found] == [
        (other.report.reference, ["Crime number"])
    ]
    assert events("consult")[-1].detail["term_kinds"][0] == "crime_number"


def test_the_api_records_filters_and_shows_the_crime_number(alice):
    case, other = make_case("hackney"), make_case("hackney")
    api = _api(alice)
    url = f"/api/v1/cases/{case.report.reference}/crime-number"
    refused = api.post(url, {"expected_version": case.version, "crime_number": "x"}, format="json")
    assert refused.status_code == 400
    assert "like 5012345/26" in refused.json()["errors"]["crime_number"][0]
    saved = api.post(
        url,
        {"expected_version": case.version, "crime_number": "5012345/26", "classification": "8P"},
        format="json",
    )
    assert saved.status_code == 201, saved.json()
    assert saved.json()["crime_number"] == "5012345/26"
    detail = api.get(f"/api/v1/cases/{case.report.reference}").json()["case"]
    assert (detail["crime_number"], detail["crime_classification"]) == ("5012345/26", "8P")
    listed = api.get("/api/v1/cases", {"crime_number": "5012345/26"}).json()
    assert [row["reference"] for row in listed] == [case.report.reference]
    everything = api.get("/api/v1/cases").json()
    assert {row["reference"] for row in everything} == {
        case.report.reference,
        other.report.reference,
    }


def test_the_schema_documents_the_crime_number(alice):
    schema = _api(alice).get("/api/v1/schema?format=json").content.decode()
    assert "/api/v1/cases/{reference}/crime-number" in schema
    assert "crime_classification" in schema


def test_the_board_export_carries_the_crime_number(client, hannah):
    case = make_case("hackney")
    Case.objects.filter(pk=case.pk).update(
        crime_number="5012345/26", crime_classification=CLASSIFICATION
    )
    client.force_login(hannah)
    response = client.get("/staff/cases/board/export.csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert rows[0]["crime_number"] == "5012345/26"
    assert rows[0]["crime_classification"] == CLASSIFICATION
