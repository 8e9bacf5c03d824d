import pytest
from django.core import mail

from cases.factories import events, make_case
from hatecrime.cases.actions import CaseActionError, CaseEditConflict
from hatecrime.support.access import access_referral
from hatecrime.support.actions import (
    do_record_consent,
    do_refer,
    do_respond_to_referral,
    do_withdraw_consent,
)
from hatecrime.support.models import SupportOrganisation
from hatecrime.support.selectors import referral_detail_for_partner, referrals_for_partner


@pytest.fixture
def galaxy(pat):
    organisation = SupportOrganisation.objects.create(name="Galaxy LGBT+ Advice")
    organisation.members.add(pat)
    return organisation


@pytest.fixture
def referral(alice, galaxy):
    case = make_case("hackney")
    do_record_consent(
        actor=alice,
        case=case,
        expected_version=1,
        organisation=galaxy,
        shared_fields=["name", "phone"],
    )
    return do_refer(actor=alice, case=case, expected_version=2, organisation=galaxy)


def test_a_referral_needs_consent_for_that_organisation(alice, galaxy):
    case = make_case("hackney")
    with pytest.raises(CaseActionError) as error:
        do_refer(actor=alice, case=case, expected_version=1, organisation=galaxy)
    assert "organisation" in error.value.errors


def test_the_partner_sees_only_the_agreed_fields(pat, referral):
    found = access_referral(pat, referral.pk)
    detail = referral_detail_for_partner(pat, found)
    assert detail.shared == {"name": "Vera Victim", "phone": "07700 900123"}
    consult = events("consult")[-1]
    assert consult.object_type == "referral" and consult.fields == ["name", "phone"]


def test_the_referral_is_a_disclosure_to_the_organisation(referral):
    (disclosure,) = events("disclose", referral.case.report.reference)
    assert "Galaxy" in disclosure.recipient and disclosure.fields == ["name", "phone"]


def test_another_partner_gets_404(referral, db):
    from django.http import Http404

    from personas import make_staff

    other = make_staff("petra", "partner")
    with pytest.raises(Http404):
        access_referral(other, referral.pk)
    assert referrals_for_partner(other) == []


@pytest.mark.parametrize("persona", ["alice", "ann", "adam"])
def test_staff_are_not_partners(request, referral, persona):
    from django.http import Http404

    with pytest.raises(Http404):
        access_referral(request.getfixturevalue(persona), referral.pk)


def test_the_partner_accepts(pat, referral):
    answered = do_respond_to_referral(actor=pat, referral=referral, accepted=True)
    assert answered.status == "accepted"
    with pytest.raises(CaseActionError):
        do_respond_to_referral(actor=pat, referral=answered, accepted=False)


def test_withdrawing_consent_withdraws_the_referral_and_hides_the_data(alice, pat, referral):
    consent = referral.consent
    do_withdraw_consent(actor=alice, case=referral.case, expected_version=3, consent=consent)
    referral.refresh_from_db()
    assert referral.status == "withdrawn"
    assert referral_detail_for_partner(pat, referral).shared == {}


def test_referring_stops_the_referral_clock(alice, galaxy):
    from hatecrime.cases.actions import do_assess_needs

    case = make_case("hackney")
    case = do_assess_needs(
        actor=alice, case=case, expected_version=1, wants_police_action="yes", update_method="phone"
    )
    do_record_consent(
        actor=alice, case=case, expected_version=2, organisation=galaxy, shared_fields=[]
    )
    do_refer(actor=alice, case=case, expected_version=3, organisation=galaxy)
    assert case.clocks.get(rule__code="referral").stopped_at is not None


def test_a_consent_with_a_stale_version_conflicts(alice, galaxy):
    case = make_case("hackney")
    with pytest.raises(CaseEditConflict):
        do_record_consent(
            actor=alice, case=case, expected_version=7, organisation=galaxy, shared_fields=[]
        )
    assert case.consents.count() == 0


def test_the_partner_is_sent_a_link_to_their_referral_page_not_the_case(
    settings, alice, pat, galaxy, django_capture_on_commit_callbacks
):
    settings.EMAIL_HOST = "smtp.example.invalid"
    settings.SITE_URL = "https://hatecrime.example"
    pat.email = "pat@example.invalid"
    pat.save()
    case = make_case("hackney")
    do_record_consent(
        actor=alice, case=case, expected_version=1, organisation=galaxy, shared_fields=["name"]
    )
    with django_capture_on_commit_callbacks(execute=True):
        referral = do_refer(actor=alice, case=case, expected_version=2, organisation=galaxy)
    (email,) = mail.outbox
    assert email.to == ["pat@example.invalid"]
    assert f"https://hatecrime.example/staff/support/referrals/{referral.pk}/" in email.body
    assert "/staff/cases/" not in email.body
    assert case.report.reference not in email.body + email.subject


def test_a_victim_who_does_not_know_about_the_report_cannot_be_referred(alice, galaxy):
    from cases.test_people_contact import FOR_A_NEIGHBOUR_WHO_DOES_NOT_KNOW

    case = make_case("hackney", submitted=FOR_A_NEIGHBOUR_WHO_DOES_NOT_KNOW)
    with pytest.raises(CaseActionError) as error:
        do_record_consent(
            actor=alice,
            case=case,
            expected_version=1,
            organisation=galaxy,
            shared_fields=["name", "phone", "safe_contact"],
        )
    assert "does not know" in error.value.errors["organisation"][0]
    assert not case.consents.exists()
