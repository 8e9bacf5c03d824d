"""Staff recode the targeted communities on the case: one page, one action, one audit event."""

import pytest

from cases.factories import events, make_case
from hatecrime.cases.models import Case

pytestmark = pytest.mark.django_db


def test_alice_maps_the_persons_words_to_a_community(client, alice):
    case = make_case()
    Case.objects.filter(pk=case.pk).update(
        targeted_communities=["other"], targeted_community_other="Hakka Chinese"
    )
    client.force_login(alice)
    url = f"/staff/cases/{case.report.reference}/"
    form = client.get(f"{url}communities/").content.decode()
    assert ">East or South East Asian</legend>" in form
    assert 'value="east_south_east_asian"' in form  # staff may name the group itself
    assert "Hakka Chinese" in form
    response = client.post(
        f"{url}communities/", {"version": 1, "communities": ["chinese"], "other": ""}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.targeted_communities == ["chinese"] and case.targeted_community_other == ""
    assert "Chinese" in client.get(url).content.decode()
    assert events("alter", case.report.reference)[-1].detail == {
        "from": ["other"],
        "to": ["chinese"],
    }


def test_other_without_words_is_shown_on_its_field(client, alice):
    case = make_case()
    client.force_login(alice)
    response = client.post(
        f"/staff/cases/{case.report.reference}/communities/",
        {"version": 1, "communities": ["other"]},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Enter which other community" in page and 'href="#id_other"' in page
    assert Case.objects.get(pk=case.pk).version == 1


def test_bob_of_camden_gets_404(client, bob):
    case = make_case()
    client.force_login(bob)
    url = f"/staff/cases/{case.report.reference}/communities/"
    assert client.get(url).status_code == 404
    assert client.post(url, {"version": 1, "communities": ["chinese"]}).status_code == 404
