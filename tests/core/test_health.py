"""Health, readiness and database outages (issue 14, item 4 and the outage part of item 5)."""

import datetime as dt
import html

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import OperationalError
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

from hatecrime.core import scheduler
from hatecrime.core.models import WorkerHeartbeat
from hatecrime.reporting.steps import STEPS


class StoppedDatabase:
    def cursor(self):
        raise OperationalError("connection refused")


def database_down(monkeypatch):
    monkeypatch.setattr("hatecrime.core.views.connection", StoppedDatabase())


def test_healthz_answers_ok_while_the_database_answers(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_healthz_answers_503_json_when_the_database_does_not(client, db, monkeypatch):
    database_down(monkeypatch)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": False}


def test_readyz_needs_a_worker_that_has_checked_in(client, db, time_machine):
    time_machine.move_to("2026-12-01 10:00 +0000", tick=False)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "database": True,
        "migrations": True,
        "worker": False,
    }
    scheduler.beat(30.0)
    assert client.get("/readyz").status_code == 200
    # Three ticks (at least 90 seconds) of silence: not ready any more.
    time_machine.move_to("2026-12-01 10:01:29 +0000", tick=False)
    assert client.get("/readyz").json()["worker"] is True
    time_machine.move_to("2026-12-01 10:01:31 +0000", tick=False)
    assert client.get("/readyz").status_code == 503


def test_a_worker_silent_for_a_day_is_forgotten_at_the_next_beat(db, time_machine):
    time_machine.move_to("2026-12-01 10:00 +0000", tick=False)
    WorkerHeartbeat.objects.create(
        worker="old-host:1", seen_at=dt.datetime(2026, 11, 29, tzinfo=dt.UTC), interval_seconds=30
    )
    scheduler.beat(30.0)
    assert list(WorkerHeartbeat.objects.values_list("worker", flat=True)) != ["old-host:1"]
    assert not WorkerHeartbeat.objects.filter(worker="old-host:1").exists()


def test_readyz_is_503_when_the_database_is_down(client, db, monkeypatch):
    database_down(monkeypatch)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["database"] is False


def visitor_with_a_session() -> Client:
    """A visitor part-way through the journey: their session is in the database."""
    client = Client(raise_request_exception=False)
    client.cookies["sessionid"] = "x" * 32
    return client


@pytest.fixture
def sessions_down(monkeypatch):
    def refuse(self, *args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(SessionStore, "_get_session_from_db", refuse)


def test_a_journey_page_during_an_outage_is_a_503_with_the_other_ways(db, sessions_down):
    client = visitor_with_a_session()
    response = client.get(f"/report/{STEPS[1].slug}/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    page = response.content.decode()
    assert "999" in page and "101" in page
    assert "Internal Server Error" not in page
    assert '<html lang="en-GB" dir="ltr"' in page


@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_health_checks_with_a_session_cookie_during_an_outage_still_answer_json(
    db, sessions_down, path
):
    client = visitor_with_a_session()  # looked up before the check runs
    response = client.get(path)
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": False}


@pytest.mark.parametrize("prefix", ["", "/cy"])
def test_sending_a_report_during_an_outage_says_it_was_not_sent_and_is_kept(
    db, sessions_down, prefix
):
    client = visitor_with_a_session()
    response = client.post(f"{prefix}/report/submit/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    page = response.content.decode()
    assert "999" in page and "101" in page
    with translation.override(prefix.strip("/") or "en"):
        kept = gettext(
            "There is a problem with the service. Your report has not been sent, but "
            "everything you wrote is still saved here."
        )
    assert kept in html.unescape(page)  # in their language
    assert f'<html lang="{prefix.strip("/") or "en-GB"}" dir="ltr"' in page  # and marked so
    assert f'href="{prefix}/report/check-answers/"' in page  # try again, in their language


def test_the_api_during_an_outage_is_a_json_503(client, db, monkeypatch):
    from hatecrime.api.v1 import track

    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(track, "track_report", refuse, raising=False)
    monkeypatch.setattr(track.TrackView, "post", lambda *a, **k: refuse())
    response = client.post(
        "/api/v1/track",
        data={"reference": "HC-AAAA-BBBB", "tracking_code": "x"},
        content_type="application/json",
    )
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response.json()["other_ways_to_report"]["emergency"].endswith("call 999.")


def test_the_error_page_does_not_need_the_database(rf, monkeypatch):
    from hatecrime.core import views

    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(views, "render", refuse)
    try:
        raise ZeroDivisionError  # not the database: the page is tried first, then given up
    except ZeroDivisionError:
        response = views.server_error(rf.get("/report/submit/"))
    assert response.status_code == 503
    assert "999" in response.content.decode()


def test_an_outage_is_answered_without_trying_the_page(rf, monkeypatch):
    from hatecrime.core import views

    monkeypatch.setattr(views, "render", lambda *a, **k: pytest.fail("rendered with context"))
    try:
        raise OperationalError("connection refused")
    except OperationalError:
        response = views.server_error(rf.get("/report/submit/"))
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
