"""core.rows' short cuts give exactly what the ORM's own conversion gives."""

import datetime as dt

import pytest
from django.db import connection

from hatecrime.cases.models import Case, CaseStatus
from hatecrime.core.crypto import TEXT_PREFIX
from hatecrime.core.models import Area
from hatecrime.core.rows import build, copy_instance, prepare_insert


@pytest.mark.django_db
def test_prepared_values_are_those_of_the_orms_conversion():
    case = Case(
        area=Area.objects.get(slug="hackney"),
        opened_at="2026-11-20T10:00:00+00:00",  # a str: converted by the field
        # an aware datetime (not UTC): straight to the backend's adaptation
        first_contact_due_at=dt.datetime(
            2026, 11, 21, 10, tzinfo=dt.timezone(dt.timedelta(hours=1))
        ),
        status=CaseStatus.TRIAGED,  # a str enum: CharField returns the member itself
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


@pytest.mark.django_db
def test_a_built_instance_is_the_one_the_model_would_build():
    area = Area.objects.get(slug="hackney")
    values = {"area": area, "opened_at": dt.datetime(2026, 11, 20, 10, tzinfo=dt.UTC)}
    built, made = build(Case, **values), Case(**values)
    assert {k: v for k, v in built.__dict__.items() if k != "_state"} == {
        k: v for k, v in made.__dict__.items() if k != "_state"
    }
    # The related instance is cached, as the model's keyword path does; mutable defaults are
    # fresh for every instance (asked of the field), never shared.
    assert built.area is area and built.area_id == area.pk
    assert built._state.adding and built.strands == [] and built.strands is not made.strands
    assert build(Case, area_id=area.pk).area_id == area.pk
    with pytest.raises(TypeError, match="unexpected"):
        build(Case, no_such_field=1)
