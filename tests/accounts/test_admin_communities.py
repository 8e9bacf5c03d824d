"""Administrators keep the targeted-community taxonomy: add, rename, make inactive. Each change
is audited and shows at once on the public page and in the API."""

import pytest

from hatecrime.audit.models import AuditEvent
from hatecrime.core.models import Community

pytestmark = pytest.mark.django_db

PAGES = ["/staff/communities/", "/staff/communities/new/", "/staff/communities/chinese/"]


@pytest.mark.parametrize("persona", ["alice", "hannah", "carl", "ann", "cora", "pat"])
@pytest.mark.parametrize("url", PAGES)
def test_only_administrators_keep_the_taxonomy(client, request, persona, url):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(url).status_code == 404


def test_adam_sees_each_community_under_its_group(client, adam):
    client.force_login(adam)
    page = client.get("/staff/communities/").content.decode()
    assert page.index("East or South East Asian") < page.index("Hong Kong")
    assert "/staff/communities/new/" in page


def test_adam_adds_a_community_and_the_public_can_choose_it(client, adam):
    client.force_login(adam)
    group = Community.objects.get(code="east_south_east_asian")
    response = client.post(
        "/staff/communities/new/",
        {"code": "hakka", "label": "Hakka", "parent": group.pk, "strand": "race",
         "aliases": "Hakka Chinese", "position": 25, "is_active": "on"},
    )  # fmt: skip
    assert response.status_code == 302
    assert Community.objects.get(code="hakka").parent == group
    event = AuditEvent.objects.get(object_type="community")
    assert event.kind == "collect" and event.object_id == "hakka"
    codes = [node["code"] for node in client.get("/api/v1/communities").json()]
    assert "hakka" in codes


def test_adam_makes_a_community_inactive_and_it_is_no_longer_offered(client, adam):
    client.force_login(adam)
    node = Community.objects.get(code="burmese")
    response = client.post(
        "/staff/communities/burmese/",
        {"label": "Burmese", "parent": node.parent_id, "strand": "race", "aliases": node.aliases,
         "position": node.position},
    )  # fmt: skip
    assert response.status_code == 302
    assert Community.objects.get(code="burmese").is_active is False
    assert AuditEvent.objects.get(object_type="community").fields == ["is_active"]
    codes = [node["code"] for node in client.get("/api/v1/communities").json()]
    assert "burmese" not in codes


def test_a_code_in_use_cannot_be_added_twice_or_badly_spelt(client, adam):
    client.force_login(adam)
    for code in ("chinese", "Not A Code"):
        page = client.post(
            "/staff/communities/new/", {"code": code, "label": "X", "strand": "race"}
        ).content.decode()
        assert "govuk-error-summary" in page
    assert not AuditEvent.objects.filter(object_type="community").exists()
