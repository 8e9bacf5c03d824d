"""The monitoring pages: who may see them, what they show, and that no personal data appears."""

import datetime as dt

import pytest

from hatecrime.monitoring.actions import (
    do_publish_open_data,
    do_refresh_live_rollups,
    do_run_weekly_detection,
)
from hatecrime.monitoring.models import AlarmNotice, TriggerEvent
from personas import PASSWORD


def signed_in(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


@pytest.fixture
def reports(new_report):
    make_report = new_report
    for week in range(6):
        for _ in range(week + 1):
            make_report(
                occurred_on=dt.date(2026, 10, 5) + dt.timedelta(weeks=week),
                motivations=("race", "religion"),
                communities=["chinese"],
            )
    make_report(area="camden", occurred_on=dt.date(2026, 11, 9), motivations=("disability",))
    do_refresh_live_rollups()


def test_the_dashboard_shows_counts_chart_map_and_tables_to_an_analyst(client, ann, reports):
    TriggerEvent.objects.create(date=dt.date(2026, 10, 20), label="Protest in town")
    page = signed_in(client, ann).get(
        "/staff/monitoring/",
        {"area": "hackney", "period": "week", "date_from": "2026-10-01", "date_to": "2026-11-20"},
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert "<svg" in html and 'id="trend-table"' in html and 'id="area-table"' in html
    assert "Protest in town" in html
    assert "<script" not in html.split("</header>")[-1] or "nonce" in html


def test_it_never_shows_personal_data_or_references(client, cora, reports):
    html = signed_in(client, cora).get("/staff/monitoring/").content.decode()
    assert "Zed Person" not in html and "Shouted at" not in html and "HC-T" not in html


@pytest.mark.parametrize("persona", ["alice", "pat", "carl"])
def test_officers_partners_and_call_handlers_get_404(client, persona, request):
    user = request.getfixturevalue(persona)
    assert signed_in(client, user).get("/staff/monitoring/").status_code == 404
    assert client.get("/staff/monitoring/packs/area/hackney.pdf").status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client, db):
    assert client.get("/staff/monitoring/").status_code == 302


def test_a_supervisor_sees_the_dashboard_but_cannot_add_trigger_events(client, hannah):
    signed_in(client, hannah)
    assert client.get("/staff/monitoring/").status_code == 200
    response = client.post("/staff/monitoring/events/", {"date": "2026-11-01", "label": "X"})
    assert response.status_code == 404 and not TriggerEvent.objects.exists()


def test_an_analyst_adds_a_trigger_event(client, ann):
    signed_in(client, ann).post(
        "/staff/monitoring/events/",
        {"date": "2020-03-23", "label": "COVID-19 lockdown, March 2020"},
    )
    assert TriggerEvent.objects.get().label == "COVID-19 lockdown, March 2020"


def test_the_area_pack_renders_as_page_pdf_and_csv_with_small_counts_protected(
    client, ann, reports
):
    signed_in(client, ann)
    page = client.get("/staff/monitoring/packs/area/hackney.html").content.decode()
    assert "fewer than 5" in page and "Zed Person" not in page
    pdf = client.get("/staff/monitoring/packs/area/hackney.pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF-1.7")
    text = client.get("/staff/monitoring/packs/community/chinese.csv").content.decode()
    assert text.startswith("Period starting,All strands")
    assert ",1," not in text and ",2," not in text  # no count of 1-4 in the clear


def test_open_data_hides_small_counts_and_keeps_totals_safe(client, reports, settings, tmp_path):
    settings.OPEN_DATA_DIR = tmp_path
    do_publish_open_data()
    text = b"".join(client.get("/open-data/hate-crime-open-data.csv").streaming_content).decode()
    lines = text.splitlines()
    assert lines[0].startswith("period_start,strand,")
    november = next(line for line in lines if line.startswith("2026-11-01,all"))
    assert "fewer than 5" in november


def test_a_new_alarm_notice_is_listed_for_its_recipient(client, cora, reports):
    run = do_run_weekly_detection()
    assert run.scheduled
    AlarmNotice.objects.all()  # may be empty: few weeks of history, no alarm is fine
    assert signed_in(client, cora).get("/staff/monitoring/").status_code == 200


@pytest.mark.parametrize(
    "path", ["/staff/monitoring/", "/staff/monitoring/events/", "/staff/monitoring/packs/"]
)
def test_monitoring_pages_need_no_inline_styles_under_the_csp(client, ann, reports, path):
    TriggerEvent.objects.create(date=dt.date(2026, 10, 20), label="Protest in town")
    response = signed_in(client, ann).get(path, {"date_from": "2026-10-01"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "style=" not in html and "<style" not in html
    assert "/static/hatecrime/monitoring.css" in html
    assert "style-src 'self'" in response.headers["Content-Security-Policy"]


def _dashboard_queries(client) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get("/staff/monitoring/").status_code == 200
    return len(captured)


def test_the_dashboard_takes_as_many_queries_for_many_areas_as_for_one(client, ann, new_report):
    new_report(area="hackney", occurred_on=dt.date(2026, 11, 2), motivations=("race",))
    do_refresh_live_rollups()
    signed_in(client, ann).get("/staff/monitoring/")
    one = _dashboard_queries(client)
    for area in ("camden", "islington", "newham", "lambeth"):
        new_report(area=area, occurred_on=dt.date(2026, 11, 9), motivations=("religion",))
    do_refresh_live_rollups()
    assert _dashboard_queries(client) == one
