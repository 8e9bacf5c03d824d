"""core.rows' short cuts give exactly what the ORM's own conversion gives."""

import datetime as dt

import pytest
from django.db import connection

from hatecrime.cases.models import Case, CaseStatus
from hatecrime.core.crypto import TEXT_PREFIX
from hatecrime.core.models import Area
from hatecrime.core.rows import build, copy_instance, execute, native_sql, new_row, prepare_insert


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


def _without_state(instance):
    return {k: v for k, v in instance.__dict__.items() if k != "_state"}


def _comparable(params):
    # Encrypted values differ by nonce (compared as "encrypted or empty"); PostgreSQL wraps
    # JSON in a Jsonb adapter (no __eq__): compare what it wraps.
    return [
        ("encrypted" if isinstance(p, str) and p.startswith(TEXT_PREFIX) else getattr(p, "obj", p))
        for p in params
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("model_name", ["report", "case", "clock", "identifier", "event"])
def test_a_new_row_is_the_built_and_prepared_one(model_name):
    from hatecrime.audit.models import AuditEvent
    from hatecrime.cases.models import CaseIdentifier, Clock, ClockRule
    from hatecrime.reporting.models import Report

    area = Area.objects.get(slug="hackney")
    at = dt.datetime(2026, 11, 20, 10, tzinfo=dt.UTC)
    report = build(
        Report,
        reference="HC-2345-6789",
        tracking_code_hash="h" * 64,
        submitted_at=at,
        channel="api",
        reporter_role="victim",
        anonymous=False,
        area=area,
        occurred_on=dt.date(2026, 11, 1),
        motivations=["race"],
        submitted={"raw": {"a": "Marker"}, "cleaned": {"a": "Marker"}},
    )
    case = build(Case, report=report, area=area, opened_at=at, first_contact_due_at=at)
    values = {
        "report": (Report, {k: v for k, v in _without_state(report).items() if k != "id"}),
        "case": (
            Case,
            {"report": report, "area": area, "opened_at": at, "first_contact_due_at": at},
        ),
        "clock": (
            Clock,
            {"case": case, "rule": ClockRule.objects.first(), "started_at": at, "due_at": at},
        ),
        "identifier": (CaseIdentifier, {"case": case, "kind": "victim_email", "digest": "d"}),
        "event": (
            AuditEvent,
            {"seq": 0, "occurred_at": at, "actor": None, "kind": "collect", "fields": ["x"]},
        ),
    }
    model, given = values[model_name]
    fast = new_row(model, **given)
    general = prepare_insert(build(model, **given))
    assert _without_state(fast.instance) == _without_state(general.instance)
    assert fast.instance._state.adding and fast.instance._state.db is None
    assert _comparable(fast.params) == _comparable(general.params)
    assert [(i, f.name) for i, f in fast.pending] == [(i, f.name) for i, f in general.pending]
    # Mutable defaults are never shared between rows.
    again = new_row(model, **given)
    for name, value in _without_state(again.instance).items():
        if isinstance(value, list | dict) and name not in given:
            assert value is not getattr(fast.instance, name), name


@pytest.mark.django_db
def test_a_new_row_caches_its_relations_as_the_descriptors_do():
    from hatecrime.reporting.models import Report

    area = Area.objects.get(slug="hackney")
    report = Report(area=area)
    row = new_row(Case, report=report, area=area)
    case = row.instance
    assert case.area is area and case.area_id == area.pk
    assert case.report is report and report.case is case  # a one-to-one: both ways
    assert [f.name for _, f in row.pending] == ["report"]  # written once the report is


@pytest.mark.django_db
def test_a_new_row_leaves_the_unusual_to_the_model():
    from hatecrime.reporting.models import Report

    with pytest.raises(TypeError, match="unexpected"):
        new_row(Case, no_such_field=1)
    with pytest.raises(ValueError, match="must be a"):
        new_row(Case, report=Area.objects.get(slug="hackney"))  # the wrong model
    assert new_row(Report, id=7).instance.pk == 7  # a primary key given: the general path


@pytest.mark.django_db
def test_the_driver_cursor_translates_errors_and_refuses_a_broken_transaction():
    from django.db import IntegrityError, transaction

    area = Area.objects.get(slug="hackney")
    sql = 'INSERT INTO "core_area" ("slug", "name") VALUES (%s, %s)'
    # django.db's IntegrityError, not the driver's
    with pytest.raises(IntegrityError), transaction.atomic():
        execute(connection, sql, native_sql(sql, connection.vendor), [area.slug, "Again"])
    with pytest.raises(ValueError, match="literal"):
        native_sql("SELECT '100%%'", "sqlite")
    assert native_sql(sql, "sqlite").count("?") == 2
    assert native_sql(sql, "postgresql") == sql
