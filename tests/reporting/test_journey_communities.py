"""The targeted community on the "why" page: checkboxes grouped by their group, "Other" with
the person's own words, and the same rules as the API."""

import pytest

from browser.journey_data import GRACE, walk
from hatecrime.reporting.models import Report

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-11-20 10:00 +0000", tick=False)


def test_the_why_page_groups_the_communities_under_their_group(client):
    walk(client, GRACE, until="why")
    page = client.get("/report/why/").content.decode()
    group = page.index(">East or South East Asian</legend>")
    assert group < page.index('value="chinese"') < page.index('value="cambodian"')
    assert page.index(">Disabled people</legend>") < page.index('value="neurodivergent"')
    assert 'value="east_south_east_asian"' not in page  # the public names a community
    assert 'name="targeted_community_other"' in page


def test_other_needs_the_persons_words(client):
    walk(client, GRACE, until="why")
    response = client.post(
        "/report/why/", {"motivations": ["race"], "targeted_communities": ["chinese", "other"]}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Tell us which other community" in page
    assert 'href="#targeted_community_other"' in page


def test_grace_names_two_communities_and_her_words_and_they_reach_the_case(client):
    walk(client, {**GRACE, "why": {}}, until="why")
    answers = {
        "motivations": ["race"],
        "targeted_communities": ["hong_kong", "other"],
        "targeted_community_other": "Hakka",
    }
    assert client.post("/report/why/", answers).status_code == 302
    walk(client, {slug: a for slug, a in GRACE.items() if slug not in _before_why()})
    check = client.get("/report/check-answers/").content.decode()
    assert "Hong Kong" in check and "Hakka" in check
    assert client.post("/report/submit/").status_code == 302
    report = Report.objects.get()
    assert report.targeted_communities == ["hong_kong", "other"]
    assert report.case.targeted_communities == ["hong_kong", "other"]
    assert report.case.targeted_community_other == "Hakka"


def _before_why() -> set[str]:
    from browser.journey_data import ORDER

    return set(ORDER[: ORDER.index("why") + 1])
