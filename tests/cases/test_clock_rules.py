"""Clock lengths are data: a case opened after a rule changes follows the rule as it is now."""

import datetime as dt

import pytest

from cases.factories import make_case
from hatecrime.cases.models import Case, ClockRule

pytestmark = pytest.mark.django_db


def first_contact_hours(case: Case) -> float:
    assert case.first_contact_due_at is not None
    return (case.first_contact_due_at - case.opened_at) / dt.timedelta(hours=1)


def test_a_case_opened_after_a_rule_is_saved_uses_the_new_length():
    assert first_contact_hours(make_case("hackney")) == 24
    rule = ClockRule.objects.get(code="first-contact")
    rule.length = 12
    rule.save()
    case = make_case("hackney")
    assert first_contact_hours(case) == 12
    assert case.clocks.get().due_at == case.first_contact_due_at


def test_a_deactivated_rule_starts_no_clock_and_the_24_hours_still_apply():
    make_case("hackney")
    ClockRule.objects.filter(code="first-contact").update(is_active=False)
    case = make_case("hackney")
    assert not case.clocks.exists()
    assert first_contact_hours(case) == 24
