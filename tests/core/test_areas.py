"""The areas a fresh database starts with (London's boroughs, from the shipped file), and the
migration that made London's boroughs the Metropolitan Police Service's areas."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from hatecrime.core.models import Area, Force


@pytest.mark.django_db
def test_it_has_the_32_london_boroughs_and_a_triage_queue():
    assert Area.objects.filter(is_triage=False).count() == 32
    assert Area.objects.get(slug="tower-hamlets").name == "Tower Hamlets"
    assert Area.objects.get(slug="unknown").is_triage


@pytest.mark.django_db
def test_the_boroughs_are_the_mets_with_their_ons_codes_and_tiles():
    met = Force.objects.get(code="E23000001")
    assert met.name == "Metropolitan Police Service"
    assert met.areas.count() == 32
    hackney = Area.objects.get(slug="hackney")
    assert (hackney.code, hackney.tile_row, hackney.tile_col) == ("E09000012", 2, 5)
    assert Area.objects.get(slug="unknown").force is None
    tiles = set(met.areas.values_list("tile_row", "tile_col"))
    assert len(tiles) == 32


def _migrate(*targets):
    executor = MigrationExecutor(connection)
    executor.migrate(list(targets))
    return executor.loader.project_state(list(targets)).apps


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_migration_keeps_what_administrators_changed():
    try:
        old = _migrate(("core", "0008_worker_heartbeat"))
        areas = old.get_model("core", "Area")
        areas.objects.filter(slug="hackney").update(name="Hackney CSU", csu_phone="020 7946 0100")
        areas.objects.create(slug="heathrow", name="Aviation security")
        _migrate(("core", "0009_forces_and_area_maps"))
    finally:
        _migrate(*MigrationExecutor(connection).loader.graph.leaf_nodes())
    hackney = Area.objects.get(slug="hackney")
    assert (hackney.name, hackney.csu_phone, hackney.code) == (
        "Hackney CSU", "020 7946 0100", "E09000012"
    )  # fmt: skip
    assert hackney.force.code == "E23000001"
    # An area the file does not know stays as it was, with no force, for an administrator.
    assert Area.objects.get(slug="heathrow").force is None
