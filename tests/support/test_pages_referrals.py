import pytest

from accounts.staff_cases import make_case
from hatecrime.support.models import Referral, SupportOrganisation
from support.partners import refer_through_pages

pytestmark = pytest.mark.django_db


@pytest.fixture
def referral(client, alice, victim_support):
    """Alice records consent (name and phone only) and refers, through the case pages."""
    return refer_through_pages(
        client, alice, make_case("hackney"), victim_support, ["name", "phone"]
    )


def test_pat_sees_only_the_agreed_fields(client, pat, referral):
    client.force_login(pat)
    assert f"R{referral.pk}" in client.get("/staff/support/referrals/").content.decode()
    page = client.get(f"/staff/support/referrals/{referral.pk}/").content.decode()
    shared = page[page.index('id="shared"') :]
    assert ">Name<" in shared and ">Phone number<" in shared
    assert ">Email address<" not in shared and ">What happened, in their words<" not in shared
    assert "sam@example.invalid" not in page
    assert "spat at" not in page


def test_pat_accepts_a_referral(client, pat, referral):
    client.force_login(pat)
    response = client.post(f"/staff/support/referrals/{referral.pk}/", {"decision": "accept"})
    assert response.status_code == 302
    assert Referral.objects.get(pk=referral.pk).status == "accepted"


def test_a_partner_of_another_organisation_gets_404(client, referral):
    from personas import make_staff

    other = make_staff("olu", "partner")
    SupportOrganisation.objects.create(name="Other").members.add(other)
    client.force_login(other)
    assert client.get(f"/staff/support/referrals/{referral.pk}/").status_code == 404
    assert (
        client.post(f"/staff/support/referrals/{referral.pk}/", {"decision": "accept"}).status_code
        == 404
    )


@pytest.mark.parametrize("persona", ["alice", "hannah", "ann", "adam"])
def test_staff_who_are_not_partners_cannot_open_referral_pages(client, request, persona, referral):
    client.force_login(request.getfixturevalue(persona))
    assert client.get("/staff/support/referrals/").status_code == 404
    assert client.get(f"/staff/support/referrals/{referral.pk}/").status_code == 404


def test_adam_adds_an_organisation_to_the_directory(client, adam):
    client.force_login(adam)
    response = client.post(
        "/staff/support/organisations/new/",
        {
            "name": "Tell MAMA",
            "languages": "English, Urdu",
            "covers_all_areas": "on",
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    organisation = SupportOrganisation.objects.get(name="Tell MAMA")
    assert organisation.languages == ["English", "Urdu"]
    assert client.get(f"/staff/support/organisations/{organisation.pk}/").status_code == 200


@pytest.mark.parametrize("persona", ["alice", "hannah", "pat"])
def test_only_administrators_edit_the_directory(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get("/staff/support/organisations/").status_code == 404
