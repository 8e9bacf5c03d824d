"""The open data: a public page and file, no sign-in; the file is made by the worker's job and
served from storage; every public page links to it from its footer."""

import datetime as dt
import re
import time

import pytest

from hatecrime.core import scheduler
from hatecrime.core.models import ScheduledJob
from hatecrime.monitoring.actions import do_refresh_live_rollups
from hatecrime.monitoring.jobs import OPEN_DATA_JOB, publish_open_data_task
from hatecrime.monitoring.open_data import open_data_path, write_atomically

pytestmark = pytest.mark.django_db

FILE = "/open-data/hate-crime-open-data.csv"


@pytest.fixture
def counted(new_report, time_machine):
    time_machine.move_to("2026-11-20 10:00 +0000", tick=False)
    for _ in range(3):
        new_report(area="hackney", occurred_on=dt.date(2026, 10, 5))
    for _ in range(12):
        new_report(area="camden", occurred_on=dt.date(2026, 10, 6))
    for _ in range(7):
        new_report(area="newham", occurred_on=dt.date(2026, 10, 7))
    do_refresh_live_rollups()


def test_before_the_file_is_made_the_page_says_when_it_will_be(client, counted):
    ScheduledJob.objects.create(
        name=OPEN_DATA_JOB, next_run_at=dt.datetime(2026, 11, 21, 2, 0, tzinfo=dt.UTC)
    )
    page = client.get("/open-data/")
    html = page.content.decode()
    assert page.status_code == 200 and "data-open-data-not-made" in html
    assert "21 November 2026, 02:00" in html
    missing = client.get(FILE)
    assert missing.status_code == 404 and "data-open-data-not-made" in missing.content.decode()


def test_the_job_makes_the_file_and_anyone_downloads_it_without_signing_in(client, counted):
    publish_open_data_task.enqueue()  # the worker's job (tasks run at once in the tests)
    assert open_data_path().exists()
    page = client.get("/open-data/").content.decode()
    assert "data-open-data-link" in page and "Made on " in page
    started = time.perf_counter()
    response = client.get(FILE)
    body = b"".join(response.streaming_content).decode()
    assert time.perf_counter() - started < 2
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="hate-crime-open-data.csv"'
    assert "Last-Modified" in response
    header, *rows = body.splitlines()
    assert header == "period_start,strand,camden,hackney,newham,total"
    october = next(row for row in rows if row.startswith("2026-10-01,all,"))
    # Hackney's 3 is "fewer than 5"; one more figure hides it from the total.
    assert october.split(",")[2:] == ["12", "fewer than 5", "[x]", "22"]


def test_the_scheduler_runs_the_job_daily(client, counted):
    assert scheduler.JOBS[OPEN_DATA_JOB].every == dt.timedelta(days=1)
    scheduler.run_due_jobs()
    assert client.get(FILE).status_code == 200


def test_the_file_is_replaced_whole_and_leaves_nothing_behind(tmp_path):
    target = tmp_path / "data.csv"
    write_atomically(target, "old\n")
    write_atomically(target, "new\n")
    assert target.read_text() == "new\n"
    assert [p.name for p in tmp_path.iterdir()] == ["data.csv"]


@pytest.mark.parametrize("prefix", ["", "/cy"])
@pytest.mark.parametrize(
    "path", ["/", "/not-sure/", "/privacy/", "/accessibility/", "/track/", "/open-data/"]
)
def test_every_public_page_links_to_the_open_data_in_its_footer(client, prefix, path):
    html = client.get(f"{prefix}{path}").content.decode()
    footer = html.split('<footer class="govuk-footer">')[1]
    assert re.search(rf'href="{prefix}/open-data/" data-footer-open-data', footer)


def test_the_page_explains_the_columns_and_the_protection_in_welsh_too(client, db):
    html = client.get("/cy/open-data/").content.decode()
    assert '<html lang="cy"' in html
    assert "<code>period_start</code>" in html and "<code>total</code>" in html
    assert "[x]" in html
