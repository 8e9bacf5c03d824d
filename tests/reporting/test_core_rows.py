"""core.rows' short cuts give exactly what the ORM's own conversion gives."""

import pytest
from django.db import connection

from hatecrime.cases.models import Case, CaseStatus
from hatecrime.core.crypto import TEXT_PREFIX
from hatecrime.core.models import Area
from hatecrime.core.rows import copy_instance, prepare_insert


@pytest.mark.django_db
def test_prepared_values_are_those_of_the_orms_conversion():
    case = Case(
        area=Area.objects.get(slug="hackney"),
        opened_at="2026-11-20T10:00:00+00:00",
        first_contact_due_at="2026-11-21T10:00:00+00:00",
        status=CaseStatus.TRIAGED,  # a str enum: converted, not passed through
        update_every_days=True,  # a bool for an integer: converted, not passed through
        targeted_community="",
        risk_escalation=None,
    )
    row = prepare_insert(case)
    encrypted = {f.attname for f in Case._meta.concrete_fields if "Encrypted" in type(f).__name__}
    for f, value in zip(Case._meta.concrete_fields[1:], row.params, strict=True):
        if f.attname in encrypted:
            # Encrypted, or empty (an empty value is stored empty: core.fields).
            current = getattr(case, f.attname)
            assert value.startswith(TEXT_PREFIX) if current else value == "", f
            continue
        expected = f.get_db_prep_save(f.pre_save(case, True), connection)
        # The same kind of value (PostgreSQL's backend may wrap an int in psycopg's Int4, an int
        # subclass; a plain int binds the same way with client-side binding).
        assert isinstance(value, type(expected)) or isinstance(expected, type(value)), f
        # PostgreSQL wraps JSON in a Jsonb adapter (no __eq__): compare what it wraps.
        assert getattr(value, "obj", value) == getattr(expected, "obj", expected), f


@pytest.mark.django_db
def test_a_copied_instance_shares_no_state_with_the_original():
    area = Area.objects.get(slug="hackney")
    copied = copy_instance(area)
    copied.name = "Spoiled"
    copied._state.fields_cache["x"] = 1
    assert area.name == "Hackney" and "x" not in area._state.fields_cache
    assert copied.pk == area.pk and not copied._state.adding and copied._state.db == "default"
