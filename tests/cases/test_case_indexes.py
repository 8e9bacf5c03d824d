"""Indexes written for every new case are only those reads need (ADR 0301)."""

import pytest
from django.db import connection

from hatecrime.cases.models import Case


@pytest.mark.django_db
def test_my_cases_are_found_through_the_officer_index_which_holds_only_assigned_cases():
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # an empty table: make the planner show its choice
            cursor.execute("SET LOCAL enable_seqscan = off")
    assert "case_assigned_officer_idx" in Case.objects.filter(assigned_officer_id=1).explain()
    index = next(i for i in Case._meta.indexes if i.name == "case_assigned_officer_idx")
    assert index.condition is not None  # a new case (no officer yet) writes nothing to it
    assert not Case._meta.get_field("assigned_officer").db_index


@pytest.mark.django_db
def test_an_areas_running_clocks_are_found_through_the_running_clock_index_of_areas():
    """The board reads its area's running clocks, not every running clock in the country nor
    the area's ten years of cases (docs/adr/0790-national-scale.md)."""
    from django.utils import timezone

    from hatecrime.cases.models import Clock

    index = next(i for i in Clock._meta.indexes if i.name == "clock_running_area_idx")
    assert index.condition is not None and index.fields == ["area", "due_at"]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # an empty table: make the planner show its choice
            cursor.execute("SET LOCAL enable_seqscan = off")
        running = Clock.objects.filter(
            area_id=1, stopped_at__isnull=True, due_at__lt=timezone.now()
        )
        assert "clock_running_area_idx" in running.explain()
