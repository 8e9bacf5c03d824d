"""Which Victims' Code rights were met on time, shown on the case (docs/adr/0821), from the
clocks with frozen time: met, not met on time, overdue, in time so far, not applicable."""

import datetime as dt
import re

import pytest
import time_machine

from api.test_track_api import PAYLOAD as ANONYMOUS
from cases.factories import make_case
from hatecrime.cases import actions
from hatecrime.cases.compliance import rights_by_case
from hatecrime.cases.models import Case

pytestmark = pytest.mark.django_db

OPENED = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)  # a Monday


def rights_on_page(client, case, officer) -> dict[str, str]:
    client.force_login(officer)  # at the frozen time: a session idle for days has ended
    html = client.get(f"/staff/cases/{case.reference}/").content.decode()
    return dict(re.findall(r'data-right="([a-z0-9_]+)" data-state="([a-z_]+)"', html))


def contact(case, officer, at):
    with time_machine.travel(at, tick=False):
        actions.do_record_contact(
            actor=officer,
            case=case,
            expected_version=Case.objects.get(pk=case.pk).version,
            method="phone",
            made=True,
        )


def test_first_contact_in_time_is_met(client, alice):
    with time_machine.travel(OPENED, tick=False):
        case = make_case("hackney", submitted_at=OPENED)
    contact(case, alice, OPENED + dt.timedelta(hours=2))
    with time_machine.travel(OPENED + dt.timedelta(days=3), tick=False):
        rights = rights_on_page(client, case, alice)
    assert rights["first_contact"] == "met"
    assert rights["right_6_decisions"] == "not_applicable"  # no decision yet


def test_first_contact_late_is_not_met_and_missing_is_overdue(client, alice):
    with time_machine.travel(OPENED, tick=False):
        late = make_case("hackney", submitted_at=OPENED)
        missing = make_case("hackney", submitted_at=OPENED)
    contact(late, alice, OPENED + dt.timedelta(hours=30))
    with time_machine.travel(OPENED + dt.timedelta(hours=31), tick=False):
        assert rights_on_page(client, late, alice)["first_contact"] == "not_met"
        assert rights_on_page(client, missing, alice)["first_contact"] == "overdue"


def test_a_decision_not_yet_told_is_in_time_then_overdue(client, alice):
    with time_machine.travel(OPENED, tick=False):
        case = make_case("hackney", submitted_at=OPENED)
        actions.do_record_decision(
            actor=alice, case=case, expected_version=case.version, kind="charged", reasons="CCTV"
        )
    with time_machine.travel(OPENED + dt.timedelta(hours=3), tick=False):
        assert rights_on_page(client, case, alice)["right_6_decisions"] == "pending"
    with time_machine.travel(OPENED + dt.timedelta(days=2), tick=False):
        assert rights_on_page(client, case, alice)["right_6_decisions"] == "overdue"


def test_a_victim_who_may_not_be_contacted_reads_not_applicable(client, alice):
    with time_machine.travel(OPENED, tick=False):
        case = make_case("hackney", submitted=ANONYMOUS, submitted_at=OPENED)
        actions.do_record_decision(
            actor=alice, case=case, expected_version=case.version, kind="charged", reasons="CCTV"
        )
    with time_machine.travel(OPENED + dt.timedelta(days=5), tick=False):
        states = rights_by_case([case.pk])[case.pk]
    assert set(states.values()) == {"not_applicable"}
