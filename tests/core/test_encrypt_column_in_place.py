"""The data migrations that encrypt a column that was in the clear (cases 0006, audit 0004)."""

from types import SimpleNamespace

import pytest
from django.db import connection

from accounts.staff_cases import make_case
from hatecrime.cases.models import CourtDate
from hatecrime.core.fields import encrypt_column_in_place

pytestmark = pytest.mark.django_db


def _raw_description(pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT description FROM cases_courtdate WHERE id = %s", [pk])
        return cursor.fetchone()[0]


def test_a_description_in_the_clear_is_encrypted_and_reads_back(alice):
    court_date = CourtDate.objects.create(
        case=make_case(), hearing_on="2027-01-11", description="placeholder", recorded_by=alice
    )
    with connection.cursor() as cursor:  # as a row written before the migration
        cursor.execute(
            "UPDATE cases_courtdate SET description = %s WHERE id = %s",
            ["Plea hearing at Thames", court_date.pk],
        )
    editor = SimpleNamespace(connection=connection)

    assert encrypt_column_in_place(editor, "cases_courtdate", "description") == 1
    assert "Thames" not in _raw_description(court_date.pk)
    assert CourtDate.objects.get(pk=court_date.pk).description == "Plea hearing at Thames"
    # Run again: nothing is encrypted twice.
    assert encrypt_column_in_place(editor, "cases_courtdate", "description") == 0
