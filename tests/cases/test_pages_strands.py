"""Locally monitored strands are recorded, shown in words and filtered like the central five."""

import datetime as dt

import pytest

from cases.factories import make_case
from hatecrime.monitoring.actions import do_refresh_live_rollups
from personas import PASSWORD

pytestmark = pytest.mark.django_db

TRIAGE = {
    "classification": "crime",
    "online_route": "not_online",
    "risk_level": "standard",
    "priority": "routine",
}


def test_alice_records_locally_monitored_strands_and_sees_them_in_words(client, alice):
    case = make_case()
    client.force_login(alice)
    url = f"/staff/cases/{case.report.reference}/"
    form = client.get(f"{url}triage/").content.decode()
    assert 'value="alternative_subculture"' in form and 'value="sex_gender"' in form
    strands = ["age", "alternative_subculture", "sex_gender"]
    response = client.post(f"{url}triage/", {"version": 1, **TRIAGE, "strands": strands})
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "Age, Alternative subculture, Sex or gender" in page
    assert "alternative_subculture" not in page.split('name="strands"')[0]


def test_ann_filters_the_dashboard_by_a_locally_monitored_strand(client, ann, alice):
    from cases.factories import triage

    case = make_case()
    triage(case, alice, strands=["alternative_subculture"])
    do_refresh_live_rollups()
    assert client.login(username=ann.username, password=PASSWORD)
    day = case.report.occurred_on
    page = client.get(
        "/staff/monitoring/",
        {
            "strand": "alternative_subculture",
            "period": "week",
            "date_from": (day - dt.timedelta(days=14)).isoformat(),
            "date_to": day.isoformat(),
        },
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert '<option value="alternative_subculture" selected>Alternative subculture' in html
