"""A persistently targeted victim (three or more reports in six months, found through the
victim's identifiers or links, or marked so) is shown the anti-social behaviour case review
and a multi-agency panel referral as actions on the case; what was offered or made is recorded
and audited."""

import datetime as dt

import pytest
import time_machine

from cases.factories import VICTIM_REPORT, make_case
from hatecrime.audit.models import AuditEvent
from hatecrime.cases.models import Case, TargetingAction

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)


def _report_on(days_before: int):
    when = START - dt.timedelta(days=days_before)
    with time_machine.travel(when, tick=False):
        return make_case("hackney", submitted=VICTIM_REPORT, submitted_at=when)


def _page(client, user, case) -> str:
    client.force_login(user)
    return client.get(f"/staff/cases/{case.report.reference}/").content.decode()


def _links(case) -> list[str]:
    reference = case.report.reference
    return [f"/staff/cases/{reference}/{slug}/" for slug in ("asb-case-review", "panel-referral")]


def test_three_reports_in_six_months_show_both_actions(client, alice):
    _report_on(150)
    _report_on(40)
    case = _report_on(0)
    page = _page(client, alice, case)
    assert "Persistently targeted" in page
    assert "This victim has 2 other reports" in page
    assert all(link in page for link in _links(case))


def test_three_reports_spread_over_more_than_six_months_do_not(client, alice):
    _report_on(300)
    _report_on(100)
    case = _report_on(0)
    page = _page(client, alice, case)
    assert 'id="persistently-targeted"' not in page
    assert not any(link in page for link in _links(case))
    client.force_login(alice)
    response = client.post(_links(case)[0], {"version": case.version, "status": "offered"})
    assert response.status_code == 200
    assert "This victim is not persistently targeted" in response.content.decode()
    assert not TargetingAction.objects.exists()


def test_a_victim_marked_persistently_targeted_is_shown_them(client, alice):
    case = _report_on(0)
    Case.objects.filter(pk=case.pk).update(persistently_targeted=True)
    assert all(link in _page(client, alice, case) for link in _links(case))


def test_offering_and_making_them_is_recorded_and_audited(client, alice):
    _report_on(150)
    _report_on(40)
    case = _report_on(0)
    client.force_login(alice)
    for link, status, note in [
        (_links(case)[0], "offered", "Explained the community trigger"),
        (_links(case)[1], "made", "Referred to the Hackney panel"),
    ]:
        version = Case.objects.get(pk=case.pk).version
        response = client.post(link, {"version": version, "status": status, "note": note})
        assert response.status_code == 302
    recorded = [(a.step, a.status, a.note) for a in TargetingAction.objects.order_by("pk")]
    assert recorded == [
        ("asb_case_review", "offered", "Explained the community trigger"),
        ("panel_referral", "made", "Referred to the Hackney panel"),
    ]
    events = AuditEvent.objects.filter(fields=["targeting_actions"]).order_by("seq")
    assert [e.detail for e in events] == [
        {"step": "asb_case_review", "status": "offered"},
        {"step": "panel_referral", "status": "made"},
    ]
    page = _page(client, alice, case)
    assert "Multi-agency panel referral \u2013 Made (applied or referred)" in page
    assert "Referred to the Hackney panel" in page


def test_a_status_must_be_chosen(client, alice):
    case = _report_on(0)
    Case.objects.filter(pk=case.pk).update(persistently_targeted=True)
    client.force_login(alice)
    response = client.post(_links(case)[1], {"version": Case.objects.get(pk=case.pk).version})
    assert response.status_code == 200
    assert "Select whether it was offered, made or declined" in response.content.decode()


def test_other_reports_of_the_victim_are_those_linked_and_those_matched(alice):
    from django.utils import timezone

    from hatecrime.cases.models import CaseLink
    from hatecrime.cases.risk import other_reports_of_victim

    matched = _report_on(40)
    case = _report_on(0)
    other_victim = {**VICTIM_REPORT, "contact": {"name": "Someone Else", "email": "s@e.invalid"}}
    linked = make_case("hackney", submitted=other_victim)
    make_case("hackney", submitted=other_victim)  # neither linked nor matched
    CaseLink.objects.create(
        case=case, linked_case=linked, linked_at=timezone.now(), linked_by=alice
    )
    found = {other.pk for other in other_reports_of_victim(case)}
    assert found == {matched.pk, linked.pk}


def _queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_case_page_takes_as_many_queries_for_many_other_reports_as_for_one(client, alice):
    _report_on(150)
    case = _report_on(0)
    client.force_login(alice)
    url = f"/staff/cases/{case.report.reference}/"
    client.get(url)
    one = _queries(client, url)
    for days in (120, 90, 60, 30):
        _report_on(days)
    assert _queries(client, url) == one
