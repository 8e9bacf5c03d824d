"""The per-process cache of clock rules used when a case is opened (intake path)."""

import datetime as dt

import pytest
from django.db import transaction

from cases.factories import make_case
from hatecrime.cases import clocks
from hatecrime.cases.models import ClockEvent, ClockRule

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def empty_cache():
    clocks.forget_clock_rules()
    yield
    clocks.forget_clock_rules()


def first_contact_hours(case) -> float:
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
    rule = ClockRule.objects.get(code="first-contact")
    rule.is_active = False
    rule.save()
    case = make_case("hackney")
    assert not case.clocks.exists()
    assert first_contact_hours(case) == 24


def test_the_cache_is_never_filled_inside_a_transaction():
    with transaction.atomic():
        rule = ClockRule.objects.get(code="first-contact")
        rule.length = 6
        rule.save()
        assert [r.length for r in clocks.cached_active_rules(ClockEvent.REPORT_RECEIVED)] == [6]
        transaction.set_rollback(True)
    assert clocks._rules is None
    assert [r.length for r in clocks.cached_active_rules(ClockEvent.REPORT_RECEIVED)] == [24]


def test_callers_get_copies_of_the_cached_rules():
    clocks.load_clock_rules()
    clocks.cached_active_rules(ClockEvent.REPORT_RECEIVED)[0].length = 1
    assert clocks.cached_active_rules(ClockEvent.REPORT_RECEIVED)[0].length == 24


def test_another_process_change_is_seen_once_the_cache_is_old(monkeypatch):
    clocks.load_clock_rules()
    ClockRule.objects.filter(code="first-contact").update(length=48)  # no signal, as elsewhere
    assert clocks.cached_active_rules(ClockEvent.REPORT_RECEIVED)[0].length == 24
    monkeypatch.setattr(clocks, "RULES_TTL_SECONDS", 0.0)
    assert clocks.cached_active_rules(ClockEvent.REPORT_RECEIVED)[0].length == 48
