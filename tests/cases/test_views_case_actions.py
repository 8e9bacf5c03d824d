import pytest

from accounts.staff_cases import PERSONAL_VALUES, make_case
from hatecrime.audit.models import AuditEvent
from hatecrime.cases.models import Case

pytestmark = pytest.mark.django_db

TRIAGE = {
    "strands": ["religion"],
    "classification": "crime",
    "online_route": "not_online",
    "risk_level": "standard",
    "priority": "routine",
}


def _version(case):
    return Case.objects.get(pk=case.pk).version


def test_alice_takes_a_case_from_triage_to_closure(client, alice, hannah):
    case = make_case()
    ref = case.report.reference
    client.force_login(alice)
    steps = [
        ("triage", TRIAGE),
        ("contact", {"method": "phone", "made": "yes", "outcome": "Spoke to them"}),
        (
            "update",
            {"text": "We have spoken to a witness.", "method": "phone", "share_on_tracking": "on"},
        ),
    ]
    for slug, data in steps:
        response = client.post(f"/staff/cases/{ref}/{slug}/", {"version": _version(case), **data})
        assert response.status_code == 302, (slug, response.content.decode()[:4000])
    contact = case.contacts.get()
    close = {
        "outcome": "no_further_action",
        "reason": "No suspect identified",
        "told_in_contact": contact.pk,
        "told_of_right_to_review": "on",
    }
    response = client.post(f"/staff/cases/{ref}/close/", {"version": _version(case), **close})
    assert response.status_code == 302
    client.force_login(hannah)
    response = client.post(
        f"/staff/cases/{ref}/review-closure/", {"version": _version(case), "decision": "approve"}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == "closed" and case.outcome == "no_further_action"
    assert case.first_contact_made_at is not None
    assert case.updates.get().shared_at is not None


def test_an_edit_conflict_keeps_the_users_answers(client, alice, hannah):
    case = make_case()
    ref = case.report.reference
    client.force_login(alice)
    stale = _version(case)
    # Hannah triages first.
    other = client.__class__()
    other.force_login(hannah)
    assert (
        other.post(f"/staff/cases/{ref}/triage/", {"version": stale, **TRIAGE}).status_code == 302
    )
    notes = "Careful notes about the risk from Alice"
    response = client.post(
        f"/staff/cases/{ref}/triage/",
        {"version": stale, **TRIAGE, "risk_level": "high", "notes": notes},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Someone else changed this case while you were editing" in page
    assert "govuk-error-summary" in page
    assert notes in page
    assert f'name="version" value="{stale + 1}"' in page
    assert Case.objects.get(pk=case.pk).risk_level == "standard"
    # Submitting again (with the new version the page carries) saves.
    again = client.post(
        f"/staff/cases/{ref}/triage/",
        {"version": stale + 1, **TRIAGE, "risk_level": "high", "notes": notes},
    )
    assert again.status_code == 302
    assert Case.objects.get(pk=case.pk).risk_level == "high"


def test_an_action_error_is_shown_on_its_field(client, alice):
    case = make_case()
    client.force_login(alice)
    response = client.post(
        f"/staff/cases/{case.report.reference}/triage/", {"version": 1, **TRIAGE, "strands": []}
    )
    page = response.content.decode()
    assert "Select what the hostility was about" in page
    assert 'href="#id_strands"' in page


def test_hannah_gives_a_reason_to_open_a_camden_case_and_it_is_audited(client, hannah):
    case = make_case("camden")
    ref = case.report.reference
    client.force_login(hannah)
    response = client.get(f"/staff/cases/{ref}/")
    assert response.status_code == 302 and "/justify/" in response["Location"]
    assert (
        "Enter why you need to open this case"
        in client.post(f"/staff/cases/{ref}/justify/", {"justification": ""}).content.decode()
    )
    response = client.post(
        f"/staff/cases/{ref}/justify/",
        {"justification": "Covering Camden tonight", "next": f"/staff/cases/{ref}/"},
    )
    assert response["Location"] == f"/staff/cases/{ref}/"
    assert client.get(f"/staff/cases/{ref}/").status_code == 200
    event = AuditEvent.objects.get(kind="consult", object_id=ref)
    assert event.justification == "Covering Camden tonight"


def test_bob_cannot_justify_his_way_into_hackney(client, bob):
    case = make_case("hackney")
    client.force_login(bob)
    response = client.post(
        f"/staff/cases/{case.report.reference}/justify/", {"justification": "curious"}
    )
    assert response.status_code == 404


def test_ann_the_analyst_never_receives_a_personal_field(client, ann):
    case = make_case()
    client.force_login(ann)
    for url in [
        "/staff/cases/",
        f"/staff/cases/{case.report.reference}/",
        "/staff/cases/board/",
        "/staff/cases/board/export.csv",
        "/staff/audit/?kind=collect",
    ]:
        response = client.get(url)
        assert response.status_code == 404, url
        assert not any(value in response.content.decode() for value in PERSONAL_VALUES)
