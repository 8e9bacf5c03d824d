"""Needs, wishes and status (issue 8 item 6): shown on the case page and in the staff API,
prefilled when the form is opened again, and on a partner's referral page only where shared,
in words."""

import re

import pytest
from rest_framework.test import APIClient

from accounts.staff_cases import make_case
from hatecrime.audit.models import AuditEvent
from hatecrime.cases.models import Case
from personas import api_token
from support.partners import refer_through_pages

pytestmark = pytest.mark.django_db

NEEDS = {
    "interpreter_language": "Polish",
    "accessibility_needs": "Uses a wheelchair",
    "wants_police_action": "yes",
    "arrest_wishes": "Wants to be told before any arrest",
    "worried_about_reprisals": "yes",
    "update_method": "email",
    "update_every_days": 7,
    "enhanced_rights": "on",
}


@pytest.fixture
def case(db):
    return make_case("hackney")


def _post(client, case, slug, data):
    version = Case.objects.get(pk=case.pk).version
    response = client.post(
        f"/staff/cases/{case.report.reference}/{slug}/", {"version": version, **data}
    )
    assert response.status_code == 302, response.context["form"].errors
    return response


@pytest.fixture
def assessed(client, alice, case):
    client.force_login(alice)
    _post(client, case, "needs", NEEDS)
    _post(client, case, "statements", {"statement": "taken", "personal_statement": "declined"})
    _post(
        client,
        case,
        "triage",
        {
            "strands": ["religion", "race"],
            "classification": "crime",
            "online_route": "not_online",
            "risk_level": "medium",
            "priority": "priority",
            "notes": "Second incident this month",
        },
    )
    return Case.objects.get(pk=case.pk)


def _section(page: str, element_id: str, end: str = "</dl>") -> str:
    return page[page.index(f'id="{element_id}"') :].split(end)[0]


def test_the_case_page_shows_needs_statements_and_triage_notes(client, assessed):
    page = client.get(f"/staff/cases/{assessed.report.reference}/").content.decode()
    needs = _section(page, "needs")
    for words in (
        "Polish",
        "Uses a wheelchair",
        "Wants police action",
        "Wants to be told before any arrest",
        "Email, at least every 7 days",
        "Enhanced",
    ):
        assert words in needs, words
    assert re.search(r"Worried about reprisals</dt><dd[^>]*><strong>Yes", needs)
    statements = _section(page, "statements")
    assert "Taken" in statements and "Declined" in statements
    assert "Second incident this month" in _section(page, "triage-notes", "</p>")


def test_a_case_not_assessed_says_so(client, alice, case):
    client.force_login(alice)
    page = client.get(f"/staff/cases/{case.report.reference}/").content.decode()
    assert "Needs not assessed yet" in page
    assert "Not asked" in _section(page, "needs")


def test_the_needs_form_opens_again_with_the_answers(client, assessed):
    page = client.get(f"/staff/cases/{assessed.report.reference}/needs/").content.decode()
    assert 'value="Polish"' in page
    assert ">Uses a wheelchair</textarea>" in page
    assert re.search(r'name="wants_police_action" type="radio" value="yes" checked', page)
    assert re.search(r'name="worried_about_reprisals" type="radio" value="yes" checked', page)
    assert re.search(r'name="update_method" type="radio" value="email" checked', page)
    assert 'value="7"' in page


def test_the_statements_and_triage_forms_open_again_with_the_answers(client, assessed):
    reference = assessed.report.reference
    page = client.get(f"/staff/cases/{reference}/statements/").content.decode()
    assert re.search(r'name="statement" type="radio" value="taken" checked', page)
    assert re.search(r'name="personal_statement" type="radio" value="declined" checked', page)
    page = client.get(f"/staff/cases/{reference}/triage/").content.decode()
    assert ">Second incident this month</textarea>" in page
    assert re.search(r'name="risk_level" type="radio" value="medium" checked', page)
    assert re.search(r'name="strands" type="checkbox" value="race" checked', page)


def test_before_the_assessment_the_form_starts_from_what_the_victim_said(client, alice):
    from accounts.staff_cases import A_REPORT

    support = {"interpreter_language": "Tigrinya", "accessibility_needs": "Deaf, uses BSL"}
    case = make_case("hackney", support=support)
    assert A_REPORT.get("support") is None
    client.force_login(alice)
    page = client.get(f"/staff/cases/{case.report.reference}/needs/").content.decode()
    assert 'value="Tigrinya"' in page and ">Deaf, uses BSL</textarea>" in page


def test_opening_the_prefilled_form_is_audited_as_reading_the_needs(client, assessed, alice):
    before = AuditEvent.objects.order_by("-seq").values_list("seq", flat=True)[0]
    client.get(f"/staff/cases/{assessed.report.reference}/needs/")
    (event,) = AuditEvent.objects.filter(seq__gt=before)
    assert event.kind == "consult" and "needs" in event.fields


def test_the_staff_api_gives_needs_statements_and_triage(alice, assessed):
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {api_token(alice)}")
    body = api.get(f"/api/v1/cases/{assessed.report.reference}").json()
    assert body["needs"]["interpreter_language"] == "Polish"
    assert body["needs"]["wants_police_action"] == "yes"
    assert body["needs"]["worried_about_reprisals"] is True
    assert body["needs"]["update_method"] == "email" and body["needs"]["update_every_days"] == 7
    assert body["statements"] == {"statement": "taken", "personal_statement": "declined"}
    assert body["triage"]["notes"] == "Second incident this month"
    assert body["triage"]["risk_level"] == "medium"


# --- The partner's referral page -------------------------------------------------------------

EVERYTHING = [
    "name",
    "phone",
    "language",
    "accessibility",
    "safe_contact",
    "summary",
    "strands",
    "needs",
]


def _shared_text(page: str) -> str:
    """The words of the shared list, without the markup."""
    shared = page[page.index('id="shared"') :].split("</dl>")[0]
    return re.sub(r"<[^>]+>", " ", shared.split(">", 1)[1])


def test_the_partner_sees_needs_in_words(client, alice, pat, victim_support, assessed):
    referral = refer_through_pages(client, alice, assessed, victim_support, EVERYTHING)
    client.force_login(pat)
    text = _shared_text(client.get(f"/staff/support/referrals/{referral.pk}/").content.decode())
    for words in (
        "Interpreter needed: Polish",
        "Uses a wheelchair",
        "Wants police action",
        "Worried about reprisals: Yes",
        "Wants updates by email, at least every 7 days",
        "Victim Personal Statement: declined",
        "Ways to contact: Phone",
        "Voicemail: not safe",
        "Religion",
    ):
        assert words in text, words
    for raw in ("True", "False", "None", "[", "{", "'"):
        assert raw not in text, raw
    assert not re.findall(r"\b[a-z]+_[a-z_]+\b", text)
    # Police-only notes never reach a partner.
    assert "Second incident this month" not in text
    assert "Wants to be told before any arrest" not in text


def test_the_partner_sees_no_needs_unless_shared(client, alice, pat, victim_support, assessed):
    referral = refer_through_pages(client, alice, assessed, victim_support, ["name"])
    client.force_login(pat)
    page = client.get(f"/staff/support/referrals/{referral.pk}/").content.decode()
    assert "reprisals" not in page and "Polish" not in page and "Wants police action" not in page
