"""NCHI Code of Practice: below the personal-data threshold (no real risk of significant harm
or of a future criminal offence), every identifier of the person reported about goes: from the
report as stored, from the triage notes, from the linking identifiers and from the search index;
an `erase` event is recorded and the case page says it was removed (when and by whom, not what)."""

import base64
import json

import pytest
from django.db import connection
from rest_framework.test import APIClient

from cases.evidence_files import png
from cases.factories import VICTIM_REPORT, make_case
from hatecrime.audit.models import AuditEvent
from hatecrime.cases.models import Case, CaseIdentifier, CaseSearchKey, ReportAddition
from hatecrime.cases.search import SUSPECT_KINDS
from hatecrime.core.crypto import decrypt_text
from hatecrime.reporting.actions import do_submit_report
from hatecrime.reporting.evidence import EvidenceUpload
from hatecrime.reporting.models import Evidence
from hatecrime.support.actions import do_record_consent, do_refer
from hatecrime.support.models import SupportOrganisation
from personas import api_token

pytestmark = pytest.mark.django_db

REPORT = {
    **VICTIM_REPORT,
    "what_happened": "Jon Suspect shouted at me again; @hater posted it. Call him on 07700 900777.",
    "online": {"platform": "X", "account_names": ["@hater_two"]},
    "suspects": {
        "count": "one",
        "names": ["Jon Suspect"],
        "handles": ["@hater"],
        "phone_numbers": ["07700 900777"],
        "description": "Tall, the son of the man at number 12",
        "known_to_victim": "yes",
    },
}
ABOUT_THEM = ("Jon", "Suspect", "hater", "900777", "900 777", "number 12")
TRIAGE = {
    "strands": ["religion"],
    "classification": "nchi",
    "not_trivial_irrational_or_malicious": "yes",
    "basis_for_hostility": "yes",
    "online_route": "local",
    "risk_level": "standard",
    "priority": "routine",
    "notes": "Spoke to Jon Suspect's mother.",
}


def _triage(client, case, threshold: str):
    version = Case.objects.get(pk=case.pk).version
    return client.post(
        f"/staff/cases/{case.report.reference}/triage/",
        {"version": version, "personal_data_threshold_met": threshold, **TRIAGE},
    )


def _raw_text(table: str, column: str, pk: int) -> str:
    """What the database holds, read past the ORM and decrypted by hand."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])
        (value,) = cursor.fetchone()
    return decrypt_text(value)


def _search(client, term: str) -> str:
    return client.get("/staff/cases/search/", {"q": term}).content.decode()


def test_below_the_threshold_everything_that_identifies_them_is_removed(client, alice):
    case = make_case("hackney", submitted=REPORT, online=True)
    client.force_login(alice)
    assert case.report.reference in _search(client, "Jon Suspect")
    assert _triage(client, case, "no").status_code == 302

    stored = _raw_text("reporting_report", "submitted", case.report.pk)
    notes = _raw_text("cases_case", "triage_notes", case.pk)
    for text in (stored, notes):
        assert not any(value in text for value in ABOUT_THEM), text
    assert "[removed]" in stored and "Vera Victim" in stored  # the victim's details stay
    answers = json.loads(stored)["cleaned"]
    assert answers["suspects"] == {"count": "one", "known_to_victim": "yes"}
    assert "account_names" not in answers["online"]
    assert not CaseIdentifier.objects.filter(case=case, kind__in=SUSPECT_KINDS).exists()
    assert not CaseSearchKey.objects.filter(case=case, kind__in=SUSPECT_KINDS).exists()
    for term in ("Jon Suspect", "Suspect", "@hater", "hater_two", "07700 900777"):
        assert case.report.reference not in _search(client, term), term
    assert case.report.reference in _search(client, "Vera Victim")


def test_the_removal_is_an_erase_event_and_the_page_says_when_and_by_whom(client, alice):
    case = make_case("hackney", submitted=REPORT, online=True)
    client.force_login(alice)
    _triage(client, case, "no")
    (erase,) = AuditEvent.objects.filter(kind="erase")
    assert (erase.actor, erase.object_id) == (alice, case.report.reference)
    assert "suspects.names" in erase.fields and "search_keys" in erase.fields
    text = json.dumps([erase.fields, erase.detail]).casefold()
    assert not any(value.casefold() in text for value in ABOUT_THEM if value != "Suspect")

    page = client.get(f"/staff/cases/{case.report.reference}/").content.decode()
    notice = page[page.index('id="reported-person-data-removed"') :]
    assert "was removed on" in notice and "alice" in notice[:600]
    assert not any(value in page for value in ("Jon Suspect", "@hater", "07700 900777"))
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {api_token(alice)}")
    removed = api.get(f"/api/v1/cases/{case.report.reference}").json()
    assert removed["reported_person_data_removed"]["by"] == "alice"
    assert "Jon" not in removed["what_happened"]


def test_at_or_above_the_threshold_nothing_is_removed(client, alice):
    case = make_case("hackney", submitted=REPORT, online=True)
    client.force_login(alice)
    assert _triage(client, case, "yes").status_code == 302
    assert "Jon Suspect" in _raw_text("reporting_report", "submitted", case.report.pk)
    assert case.report.reference in _search(client, "Jon Suspect")
    assert not AuditEvent.objects.filter(kind="erase").exists()
    page = client.get(f"/staff/cases/{case.report.reference}/").content.decode()
    assert 'id="reported-person-data-removed"' not in page


def _add_from_tracking(client, submitted, **fields):
    body = {"reference": submitted.reference, "tracking_code": submitted.tracking_code, **fields}
    response = client.post(
        "/api/v1/track/additions", data=json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 201, response.content


def test_below_the_threshold_additions_file_names_and_referral_copies_lose_them_too(client, alice):
    submitted = do_submit_report(
        # Routed to the local CSU (True Vision rule: the poster's identity is known).
        payload={**REPORT, "online": {**REPORT["online"], "poster_identity_known": True}},
        evidence=[EvidenceUpload("Jon Suspect at my door.png", png())],
        channel="online",
        actor=None,
    )
    case = Case.objects.select_related("report").get(report=submitted.report)
    _add_from_tracking(
        client,
        submitted,
        kind="information",
        text="Jon was outside again. His number is 07700 900777, his account @hater_two.",
    )
    screenshot = {
        "name": "hater_two posts.png",
        "content_type": "image/png",
        "content_base64": base64.b64encode(png()).decode(),
    }
    _add_from_tracking(
        client, submitted, kind="evidence", text="What Suspect posted", evidence=[screenshot]
    )
    galaxy = SupportOrganisation.objects.create(name="Galaxy Advice")
    consent = do_record_consent(
        actor=alice,
        case=case,
        expected_version=case.version,
        organisation=galaxy,
        shared_fields=["name", "summary", "evidence"],
    )
    case.refresh_from_db()
    referral = do_refer(
        actor=alice, case=case, expected_version=case.version, organisation=consent.organisation
    )
    client.force_login(alice)
    assert _triage(client, case, "no").status_code == 302
    assert Case.objects.get(pk=case.pk).reported_person_data_removed_by == alice

    stored = [
        _raw_text("cases_reportaddition", "text", pk)
        for pk in ReportAddition.objects.filter(case=case).values_list("pk", flat=True)
    ]
    stored += [
        _raw_text("reporting_evidence", "original_name", pk)
        for pk in Evidence.objects.filter(report=case.report).values_list("pk", flat=True)
    ]
    shared = _raw_text("support_referral", "shared", referral.pk)
    for text in [*stored, shared]:
        assert not any(value in text for value in ABOUT_THEM), text
    assert "[removed] at my door.png" in stored and "[removed] posts.png" in stored
    assert json.loads(shared)["name"] == "Vera Victim"  # the victim's own details stay
    (erase,) = AuditEvent.objects.filter(kind="erase")
    assert {"additions", "evidence.names", "referrals.shared"} <= set(erase.fields)
    assert erase.detail["rewritten"] == {
        "additions": 2,
        "evidence.names": 2,
        "referrals.shared": 1,
    }

    page = client.get(f"/staff/cases/{case.report.reference}/").content.decode()
    assert not any(value in page for value in ("Jon", "hater", "900777", "Suspect posted"))
    assert "What [removed] posted" in page
    notice = page[page.index('id="reported-person-data-removed"') :][:1000]
    assert "what was added from track my report" in notice
    assert "the names of evidence files" in notice
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {api_token(alice)}")
    detail = api.get(f"/api/v1/cases/{case.report.reference}").text
    assert not any(value in detail for value in ("Jon", "hater", "900777"))
    for term in ("Jon Suspect", "@hater_two", "07700 900777"):
        assert case.report.reference not in _search(client, term), term


def test_the_victims_own_details_stay_when_a_suspect_shares_their_first_name(client, alice):
    shared = {**REPORT, "suspects": {"count": "one", "names": ["Vera Hostile"]}}
    case = make_case("hackney", submitted=shared, online=True)
    client.force_login(alice)
    _triage(client, case, "no")
    answers = json.loads(_raw_text("reporting_report", "submitted", case.report.pk))["cleaned"]
    assert answers["contact"]["name"] == "Vera Victim"
    assert case.report.reference in _search(client, "Vera Victim")
