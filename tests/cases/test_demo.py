"""The demo case work: what a CSU would have done with two years of reports, through the real
actions at the times they happened, leaving a small realistic open workload."""

import datetime as dt

import pytest
import time_machine
from django.db.models import F
from django.utils import timezone

from hatecrime.cases.demo import create_case_work
from hatecrime.core.demo.staff import create_staff

REPORTS = 40  # the real demo has 600: enough here to see every stage, and fast


@pytest.fixture
def demo(db, monkeypatch, django_capture_on_commit_callbacks):
    from hatecrime.reporting import demo as reporting_demo

    monkeypatch.setattr(reporting_demo, "TOTAL", REPORTS)
    # Midday: the demo leaves an update "due later today", which near midnight is already
    # overdue or due tomorrow; the tests must not depend on when they run.
    midday = timezone.localtime().replace(hour=12, minute=0, second=0, microsecond=0)
    with time_machine.travel(midday, tick=True):
        create_staff()
        reporting_demo.create_reports()
        with django_capture_on_commit_callbacks() as callbacks:
            summary = create_case_work()
        yield summary, callbacks


def test_old_cases_are_mostly_closed_with_an_outcome_and_recent_ones_are_open(demo):
    from hatecrime.cases.models import Case

    now = timezone.now()
    old = Case.objects.filter(opened_at__lt=now - dt.timedelta(days=120))
    assert old.count() > 20
    assert old.filter(status="closed").count() >= 0.8 * old.count()
    closed = Case.objects.filter(status="closed")
    assert not closed.filter(outcome="").exists()
    assert not closed.filter(closed_at__isnull=True).exists()
    assert not closed.filter(closure_reason="").exists()
    assert len(set(closed.values_list("outcome", flat=True))) >= 4
    # Every stage is there, and the open ones are mostly recent.
    statuses = set(Case.objects.values_list("status", flat=True))
    assert {"new", "triaged", "assigned", "in_progress", "closed"} - statuses <= {"triaged"}
    recent = Case.objects.filter(opened_at__gte=now - dt.timedelta(days=3))
    assert recent.filter(status="new").exists()


def test_only_a_handful_of_first_contacts_are_overdue_all_in_the_last_days(demo):
    from hatecrime.cases.models import Case

    now = timezone.now()
    overdue = Case.objects.exclude(status="closed").filter(
        first_contact_made_at__isnull=True, first_contact_due_at__lt=now
    )
    assert 1 <= overdue.count() <= 10
    assert not overdue.filter(opened_at__lt=now - dt.timedelta(days=3)).exists()
    # Judged as the board judges them: only where there is a first-contact clock.
    contacted = Case.objects.filter(
        first_contact_made_at__isnull=False, first_contact_due_at__isnull=False
    )
    on_time = contacted.filter(first_contact_made_at__lte=F("first_contact_due_at")).count()
    assert on_time >= 0.8 * contacted.count()


def test_anonymous_reports_with_no_contact_details_are_closed_for_intelligence(demo):
    from hatecrime.cases.models import Case

    anonymous = [
        case
        for case in Case.objects.filter(report__anonymous=True, status="closed")
        if not case.report.answers.get("contact")
    ]
    assert anonymous
    for case in anonymous:
        assert case.first_contact_made_at is None
        assert case.outcome in ("not_investigated", "nchi_recorded")
        assert "recorded for intelligence" in case.closure_reason.lower()
        assert not case.victim_told_of_closure


def test_clocks_and_times_end_consistent_with_what_happened(demo):
    from hatecrime.cases.models import Case, Clock, Decision
    from hatecrime.support.models import Referral

    now = timezone.now()
    clocks = Clock.objects.all()
    assert not clocks.filter(stopped_at__lt=F("started_at")).exists()
    # Stopped by someone, except those "not applicable" from the start (a victim who may not
    # be contacted): the rule stopped them, not a person.
    assert not clocks.filter(stopped_at__isnull=False, stopped_by__isnull=True).exclude(
        stop_reason="victim_not_contactable", stopped_at=F("started_at")
    )
    assert not clocks.filter(started_at__gt=now).exists()
    # A clock is stopped when what it waited for happened, at that time.
    for case in Case.objects.filter(first_contact_made_at__isnull=False):
        first = case.clocks.get(rule__code="first-contact")
        assert first.stopped_at == case.first_contact_made_at
    assert not clocks.filter(case__status="closed", stopped_at__isnull=True).exclude(
        rule__starts_on__in=["decision_not_to_charge", "review_requested"]
    )
    for referral in Referral.objects.select_related("consent"):
        assert referral.consent.given_at <= referral.sent_at
        assert referral.case.clocks.get(rule__code="referral").stopped_at == referral.sent_at
    assert not Decision.objects.filter(victim_told_at__lt=F("decided_at")).exists()
    cases = Case.objects.all()
    assert not cases.filter(triaged_at__lt=F("opened_at")).exists()
    assert not cases.filter(closed_at__lt=F("triaged_at")).exists()
    assert not cases.filter(first_contact_made_at__lt=F("assigned_at")).exists()
    # Nothing the demo did is stamped with the time the demo was loaded.
    assert not cases.filter(closed_at__gte=now - dt.timedelta(minutes=1)).exists()


def test_every_role_has_something_to_do(demo):
    from hatecrime.accounts.models import User
    from hatecrime.cases.board import board_for
    from hatecrime.cases.models import CaseLink
    from hatecrime.core.models import Area
    from hatecrime.support.models import Referral

    board = board_for(
        User.objects.get(username="supervisor.hackney"), Area.objects.get(slug="hackney")
    )
    assert board.first_contact_overdue
    assert board.clocks_due_today and board.clocks_overdue
    assert any(n for _officer, n in board.workload)
    links = CaseLink.objects.filter(case__area__slug__in=["hackney", "camden"])
    assert links.count() == 4
    assert all({"victim_phone", "suspect_handle"} <= set(link.matched_on) for link in links)
    # Suspects across areas: the Hackney officer sees a match in Camden, the analyst a cluster.
    from hatecrime.cases.clusters import offender_clusters
    from hatecrime.cases.matches import matches_elsewhere

    hackney_linked = links.filter(case__area__slug="hackney").first().case
    officer = User.objects.filter(role="officer", areas__slug="hackney").order_by("pk").first()
    assert {m.area for m in matches_elsewhere(officer, hackney_linked)} == {"Camden"}
    clusters = offender_clusters(User.objects.get(username="analyst"))
    assert any(dict(c.areas) == {"Hackney": 2, "Camden": 2} for c in clusters)
    partner = Referral.objects.filter(organisation__members__username="partner")
    assert partner.filter(status="sent", case__area__slug__in=["hackney", "camden", "newham"])


def test_the_past_sends_no_messages_now(demo):
    summary, callbacks = demo
    assert "messages of the past not sent" in summary
    # Only the linked reports, submitted "now", acknowledge their reporters.
    assert len(callbacks) < 20


def test_running_it_again_adds_nothing(demo):
    from hatecrime.audit.models import AuditEvent
    from hatecrime.cases.models import Case, Contact

    before = (Case.objects.count(), Contact.objects.count(), AuditEvent.objects.count())
    assert create_case_work() == "case work already there: none added"
    assert (Case.objects.count(), Contact.objects.count(), AuditEvent.objects.count()) == before
