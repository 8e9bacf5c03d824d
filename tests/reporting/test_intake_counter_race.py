"""The window's first requests race to make its counter: one that loses the race is counted in
the row the winner made, never refused (found by bench/faults.py: spurious 429s each minute)."""

import pytest
from django.db.models import QuerySet
from django.utils import timezone

from hatecrime.reporting import intake_limits
from hatecrime.reporting.models import IntakeCounter

pytestmark = pytest.mark.django_db


def test_a_request_that_loses_the_race_to_make_the_counter_is_counted_not_refused(monkeypatch):
    start = timezone.now().replace(second=0, microsecond=0)
    real_exists = QuerySet.exists

    def another_request_made_the_row_meanwhile(self):
        if not real_exists(IntakeCounter.objects.all()):
            IntakeCounter.objects.create(key="reports:centre", window_start=start, count=1)
        return real_exists(self)

    monkeypatch.setattr(QuerySet, "exists", another_request_made_the_row_meanwhile)
    assert intake_limits._take("reports:centre", start, 1, limit=600)
    assert IntakeCounter.objects.get().count == 2


def test_a_full_window_still_refuses():
    start = timezone.now().replace(second=0, microsecond=0)
    IntakeCounter.objects.create(key="reports:centre", window_start=start, count=600)
    assert not intake_limits._take("reports:centre", start, 1, limit=600)
