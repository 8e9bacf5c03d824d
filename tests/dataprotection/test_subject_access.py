"""Subject access through the pages: an administrator finds a person's cases by the blind
indexes and produces the bundle of every record about them, with other people withheld; each
case disclosed is a `disclose` event. Read line by line: no other person's marker."""

import pytest

from cases.factories import VICTIM_REPORT, make_case, triage
from dataprotection.closed_cases import add_evidence
from hatecrime.audit.models import AuditEvent
from hatecrime.cases.actions import do_add_to_report, do_record_contact
from hatecrime.cases.models import Case

pytestmark = pytest.mark.django_db

REQUEST = "SAR-2027-0142"
# Vera reports for herself; the report names the person it was about and a witness.
VERA_REPORT = {
    **VICTIM_REPORT,
    "what_happened": "Jon Suspect (@hater) shouted at me by the till; Walter Green saw it all",
    "witnesses": {"any": "yes", "details": "Walter Green, the shopkeeper, 07700 900555"},
}
# Rita reports for Vera (who knows and agrees): Rita is another person in Vera's bundle.
RITA_REPORT = {
    **VICTIM_REPORT,
    "reporter_role": "on_behalf",
    "victim_knows": "yes",
    "victim_agrees_to_contact": "yes",
    "what_happened": "Rita Reporter saw Jon Suspect spit at Vera",
    "contact": {"name": "Rita Reporter", "email": "rita@example.invalid", "phone": "07700 900777"},
    "victim": {"name": "Vera Victim", "email": "vera@example.invalid", "phone": "07700 900123"},
}
# Someone else entirely.
OTHER_REPORT = {
    **VICTIM_REPORT,
    "contact": {"name": "Olga Other", "email": "olga@example.invalid", "phone": "07700 900999"},
}
THIRD_PARTIES = (
    "Jon Suspect", "Jon", "Suspect", "hater", "Walter", "Green", "07700 900555",
    "Rita Reporter", "Rita", "rita@example.invalid", "07700 900777", "Olga",
)  # fmt: skip
VERA = ("Vera Victim", "vera@example.invalid", "07700 900123", "shouted at me by the till")


@pytest.fixture
def world(alice):
    vera = make_case("hackney", submitted=VERA_REPORT)
    triage(Case.objects.get(pk=vera.pk), alice)
    do_record_contact(
        actor=alice,
        case=Case.objects.get(pk=vera.pk),
        expected_version=Case.objects.get(pk=vera.pk).version,
        method="phone",
        made=True,
        outcome="Told Vera that Jon Suspect was arrested; Walter gave a statement",
    )
    do_add_to_report(case=vera, kind="information", text="Jon came back with @hater friends")
    add_evidence(vera, name="hater-profile.png")
    rita = make_case("camden", submitted=RITA_REPORT)
    other = make_case("hackney", submitted=OTHER_REPORT)
    return {"vera": vera, "rita": rita, "other": other}


def _find(client, **typed):
    return client.post("/staff/records/subjects/", {"request_reference": REQUEST, **typed})


def _bundle(client, references, **typed):
    return client.post(
        "/staff/records/subjects/bundle/",
        {"request_reference": REQUEST, "references": references, **typed},
    )


def _since() -> int:
    return AuditEvent.objects.order_by("-seq").values_list("seq", flat=True).first() or 0


def test_it_finds_the_subjects_cases_by_their_blind_indexes(client, adam, world):
    client.force_login(adam)
    since = _since()
    page = _find(client, email="Vera@Example.invalid ").content.decode()
    assert world["vera"].reference in page and world["rita"].reference in page
    assert world["other"].reference not in page
    (event,) = AuditEvent.objects.filter(seq__gt=since)
    assert (event.kind, event.object_type, event.object_id) == ("consult", "data_subject", REQUEST)
    assert event.fields == ["victim_email"]
    assert "vera" not in str([event.fields, event.detail]).lower()


def test_the_bundle_holds_the_subjects_data_and_no_one_elses(client, adam, world):
    client.force_login(adam)
    since = _since()
    references = [world["vera"].reference, world["rita"].reference]
    response = _bundle(client, references, email="vera@example.invalid")
    page = response.content.decode()
    assert response.status_code == 200
    assert all(marker in page for marker in VERA), [m for m in VERA if m not in page]
    assert "[withheld: another person]" in page and "alice" in page  # the officer is named
    leaked = [marker for marker in THIRD_PARTIES if marker in page]
    assert leaked == []
    events = list(AuditEvent.objects.filter(seq__gt=since))
    assert sorted((e.kind, e.object_id) for e in events) == sorted(
        ("disclose", reference) for reference in references
    )
    assert {e.recipient for e in events} == {"the data subject (subject access request)"}
    assert {e.justification for e in events} == {f"Subject access request {REQUEST}"}


def test_a_case_that_does_not_hold_the_details_is_never_disclosed(client, adam, world):
    client.force_login(adam)
    page = _bundle(client, [world["other"].reference], email="vera@example.invalid")
    assert "Olga" not in page.content.decode()
    assert not AuditEvent.objects.filter(kind="disclose").exists()


def test_the_person_reported_about_gets_their_own_bundle_without_the_victim(client, adam, world):
    client.force_login(adam)
    page = _find(client, name="Jon Suspect", handle="@hater").content.decode()
    assert world["vera"].reference in page and "the person reported about" in page
    bundle = _bundle(client, [world["vera"].reference], name="Jon Suspect", handle="hater")
    text = bundle.content.decode()
    assert "Jon Suspect" in text and "hater" in text
    leaked = [m for m in ("Vera", "vera@example.invalid", "07700 900123", "Walter") if m in text]
    assert leaked == []


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ({}, "Enter at least one detail of the person"),
        ({"address": "1 High Street"}, "Enter the postcode with the address"),
        ({"date_of_birth": "1980-02-03"}, "Enter the name with the date of birth"),
        ({"date_of_birth": "1980-02-31", "name": "Vera"}, "real date"),
        ({"email": "vera@example.invalid", "request_reference": ""}, "Enter the reference"),
    ],
)
def test_bad_answers_get_an_error_summary(client, adam, world, typed, message):
    client.force_login(adam)
    response = client.post("/staff/records/subjects/", {"request_reference": REQUEST, **typed})
    page = response.content.decode()
    assert response.status_code == 200 and "govuk-error-summary" in page and message in page
    assert not AuditEvent.objects.filter(object_type="data_subject").exists()


def test_a_bundle_needs_a_chosen_case(client, adam, world):
    client.force_login(adam)
    page = _bundle(client, [], email="vera@example.invalid").content.decode()
    assert "Select at least one case for the bundle" in page


def test_only_administrators_with_a_fresh_second_factor(client, adam, hannah, alice, world):
    for person in (hannah, alice):
        client.force_login(person)
        assert _find(client, email="vera@example.invalid").status_code == 404
        assert _bundle(client, [world["vera"].reference], email="x@y.z").status_code == 404
    client.force_login(adam)
    session = client.session
    session["second_factor_verified_at"] = 0
    session.save()
    response = _find(client, email="vera@example.invalid")
    assert response.status_code == 302 and response["Location"].startswith("/staff/verify/")
