"""Support that does not depend on the officer remembering: a victim who may be contacted and
agreed to a referral when reporting is offered the general victim service by default, within
two working days; the officer sends it or records that the victim declined, with the reason."""

import datetime as dt

import pytest
import time_machine

from cases.factories import VICTIM_REPORT, make_case
from hatecrime.audit.models import AuditEvent
from hatecrime.cases.jobs import withdrawal_risk_job
from hatecrime.cases.models import Case, Clock
from hatecrime.support.models import DefaultReferral, Referral, SupportOrganisation

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 11, 6, 9, 0, tzinfo=dt.UTC)  # a Friday, GMT
AGREED = {**VICTIM_REPORT, "support": {"referral_consent": True}}


def _at(days: float = 0):
    return time_machine.travel(START + dt.timedelta(days=days), tick=False)


def _version(case) -> int:
    return Case.objects.get(pk=case.pk).version


def _post(client, user, case, data):
    client.force_login(user)
    return client.post(
        f"/staff/cases/{case.report.reference}/default-referral/",
        {"version": _version(case), **data},
    )


def _clock(case):
    return Clock.objects.filter(case=case, rule__code="default-referral").first()


@pytest.fixture
def general(client, adam):
    """The administrator chooses the general victim service on the directory page."""
    organisation = SupportOrganisation.objects.create(name="Victim Support", covers_all_areas=True)
    client.force_login(adam)
    response = client.post(
        f"/staff/support/organisations/{organisation.pk}/",
        {
            "name": "Victim Support",
            "covers_all_areas": "on",
            "is_active": "on",
            "offered_by_default": "on",
        },
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.offered_by_default
    return organisation


@pytest.fixture
def case(general):
    with _at():
        case = make_case("hackney", submitted=AGREED, submitted_at=START)
        withdrawal_risk_job.call()
    return case


def test_choosing_the_general_service_is_audited_and_there_is_only_one(client, adam, general):
    changes = AuditEvent.objects.filter(object_type="support_organisation", kind="alter")
    assert any("offered_by_default" in event.fields for event in changes)
    other = SupportOrganisation.objects.create(name="Another service")
    client.post(
        f"/staff/support/organisations/{other.pk}/",
        {"name": "Another service", "is_active": "on", "offered_by_default": "on"},
    )
    general.refresh_from_db()
    assert not general.offered_by_default
    assert SupportOrganisation.objects.filter(offered_by_default=True).get() == other


def test_it_is_offered_with_a_two_working_day_clock(client, case, alice):
    clock = _clock(case)
    # Friday 09:00 plus two working days: Tuesday 09:00.
    assert clock.due_at == dt.datetime(2026, 11, 10, 9, 0, tzinfo=dt.UTC)
    with _at(days=1):
        client.force_login(alice)
        page = client.get(f"/staff/cases/{case.report.reference}/").content.decode()
    assert "Offered by default: send it or record that the victim declined" in page
    assert f"/staff/cases/{case.report.reference}/default-referral/" in page


def test_the_officer_sends_it_sharing_what_the_victim_agreed(client, case, alice, general):
    with _at(days=1):
        response = _post(
            client, alice, case, {"answer": "sent", "shared_fields": ["name", "phone"]}
        )
    assert response.status_code == 302
    referral = Referral.objects.get(case=case)
    assert referral.organisation == general
    assert set(referral.shared) == {"name", "phone"}
    clock = _clock(case)
    assert clock.stopped_at == START + dt.timedelta(days=1) and not clock.stop_reason
    assert DefaultReferral.objects.get(case=case).answer == "sent"
    assert AuditEvent.objects.filter(kind="disclose", object_id=case.report.reference).exists()


def test_a_decline_needs_its_reason_and_is_recorded(client, case, alice):
    with _at(days=1):
        response = _post(client, alice, case, {"answer": "declined"})
        assert response.status_code == 200
        assert "Enter why the victim declined the referral" in response.content.decode()
        response = _post(
            client, alice, case, {"answer": "declined", "declined_reason": "Family support"}
        )
    assert response.status_code == 302
    default = DefaultReferral.objects.get(case=case)
    assert (default.answer, default.declined_reason) == ("declined", "Family support")
    assert not Referral.objects.exists()
    assert _clock(case).stopped_at is not None
    client.force_login(alice)
    page = client.get(f"/staff/cases/{case.report.reference}/").content.decode()
    assert "Declined by the victim" in page
    # It is answered once.
    assert _post(client, alice, case, {"answer": "sent"}).status_code == 200


def test_a_referral_sent_the_usual_way_answers_the_clock(client, case, alice, general):
    from support.partners import refer_through_pages

    with _at(days=1):
        refer_through_pages(client, alice, case, general, ["phone"])
    assert _clock(case).stopped_at is not None


def test_a_victim_who_did_not_agree_is_not_offered_it_by_default(client, general, alice):
    with _at():
        case = make_case("hackney", submitted_at=START)
        withdrawal_risk_job.call()
    assert _clock(case) is None
    client.force_login(alice)
    page = client.get(f"/staff/cases/{case.report.reference}/").content.decode()
    assert "The victim did not agree to a referral when reporting" in page
    assert f"/staff/cases/{case.report.reference}/default-referral/" not in page


def test_a_victim_who_may_not_be_contacted_is_not_offered_it(client, general, alice):
    anonymous = {**AGREED, "anonymous": True}
    anonymous.pop("contact")
    with _at():
        case = make_case("hackney", submitted=anonymous, submitted_at=START)
        withdrawal_risk_job.call()
    assert _clock(case) is None
    response = _post(client, alice, case, {"answer": "declined", "declined_reason": "x"})
    assert response.status_code == 200
    assert "Do not contact the victim" in response.content.decode()


def test_without_a_general_service_nothing_is_offered(client, alice):
    with _at():
        case = make_case("hackney", submitted=AGREED, submitted_at=START)
        withdrawal_risk_job.call()
    assert _clock(case) is None
    response = _post(client, alice, case, {"answer": "declined", "declined_reason": "x"})
    assert "No general victim service is chosen" in response.content.decode()
