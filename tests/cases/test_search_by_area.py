"""Search keys carry their case's area (docs/adr/0790-national-scale.md): a search reads only
the keys of the searcher's areas, a moved case's keys follow it, and the case's own area stays
the rule of who sees it."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test.utils import CaptureQueriesContext

from cases.factories import make_case
from hatecrime.cases.models import Case, CaseSearchKey
from hatecrime.cases.search import index_case
from hatecrime.core.models import Area


def _found(client, term) -> str:
    response = client.get("/staff/cases/search/", {"q": term})
    assert response.status_code == 200
    return response.content.decode()


def _key_areas(case) -> set[str]:
    return set(CaseSearchKey.objects.filter(case=case).values_list("area__slug", flat=True))


@pytest.mark.django_db
def test_keys_carry_the_cases_area_when_opened_and_indexed_again():
    case = make_case("camden")
    assert CaseSearchKey.objects.filter(case=case).count() > 3
    assert _key_areas(case) == {"camden"}
    index_case(Case.objects.get(pk=case.pk))
    assert _key_areas(case) == {"camden"}


@pytest.mark.django_db
def test_a_moved_case_is_found_in_its_new_area_and_not_in_its_old_one(client, alice, bob):
    case = make_case("hackney")
    client.force_login(alice)
    assert case.report.reference in _found(client, "Vera Victim")
    response = client.post(
        f"/staff/cases/{case.report.reference}/move/",
        {
            "version": Case.objects.get(pk=case.pk).version,
            "area": Area.objects.get(slug="camden").pk,
            "reason": "It happened on the Camden side of the road",
        },
    )
    assert response.status_code == 302
    assert _key_areas(case) == {"camden"}
    assert case.report.reference not in _found(client, "Vera Victim")
    client.force_login(bob)
    for term in ("Vera Victim", "victim", "07700900123", "hater"):
        assert case.report.reference in _found(client, term)


@pytest.mark.django_db
def test_a_key_left_in_an_old_area_never_shows_the_case_there(client, alice, bob):
    """Whatever a key says, the case's own area decides who may see it."""
    case = make_case("camden")
    CaseSearchKey.objects.filter(case=case).update(area=Area.objects.get(slug="hackney"))
    client.force_login(alice)
    assert case.report.reference not in _found(client, "Vera Victim")


@pytest.mark.django_db
def test_the_search_asks_for_the_keys_of_the_users_areas_only(client, alice):
    make_case("hackney")
    client.force_login(alice)
    with CaptureQueriesContext(connection) as captured:
        _found(client, "Vera Victim")
    (keys,) = [q["sql"] for q in captured if 'FROM "cases_casesearchkey"' in q["sql"]]
    assert '"cases_casesearchkey"."area_id" IN' in keys


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_migration_gives_existing_keys_their_cases_area():
    hackney, camden = make_case("hackney"), make_case("camden")
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    try:
        executor.migrate([("cases", "0022_right_to_review")])
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM cases_casesearchkey")
            assert cursor.fetchone()[0] > 6
    finally:
        MigrationExecutor(connection).migrate(latest)
    assert _key_areas(hackney) == {"hackney"} and _key_areas(camden) == {"camden"}
