"""Two people save a change to the same case at the same moment, both having loaded it at the
same version (real threads, each with its own database connection, on SQLite and PostgreSQL):
exactly one change is saved, the other gets CaseEditConflict, nothing is overwritten."""

import threading

import pytest
from django.db import connection

from cases.factories import make_case
from hatecrime.audit.models import AuditEvent
from hatecrime.cases.actions import CaseEditConflict, do_record_statements
from hatecrime.cases.models import Case
from personas import make_staff

ROUNDS = 5


def _save_at_once(case_pk: int, edits: dict) -> dict:
    """Run each person's save in its own thread, released together by a barrier."""
    barrier = threading.Barrier(len(edits))
    outcomes: dict = {}

    def save(person, statement):
        try:
            case = Case.objects.select_related("report").get(pk=case_pk)
            version = case.version
            barrier.wait(timeout=10)
            do_record_statements(
                actor=person,
                case=case,
                expected_version=version,
                statement=statement,
                personal_statement="offered",
            )
            outcomes[person.username] = "saved"
        except CaseEditConflict:
            outcomes[person.username] = "conflict"
        except Exception as error:  # reported by the assertion below
            outcomes[person.username] = repr(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=item) for item in edits.items()]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_people_saving_the_same_case_at_once_one_wins_one_is_told():
    alice = make_staff("alice", "officer", ["hackney"])
    amira = make_staff("amira", "officer", ["hackney"])
    wanted = {"alice": "taken", "amira": "declined"}
    for _ in range(ROUNDS):
        case = make_case("hackney")
        before = case.version
        outcomes = _save_at_once(case.pk, {alice: "taken", amira: "declined"})
        assert sorted(outcomes.values()) == ["conflict", "saved"], outcomes
        (winner,) = [name for name, outcome in outcomes.items() if outcome == "saved"]
        case.refresh_from_db()
        # The winner's change is the one kept; the loser's was not written over it.
        assert case.statement == wanted[winner]
        assert case.version == before + 1
        # (The system's own events, e.g. a withdrawal-risk level changed by a declined
        # statement, come after the winner's in the same transaction.)
        alters = AuditEvent.objects.filter(
            kind="alter", object_id=case.report.reference, actor__isnull=False
        )
        assert [event.actor.username for event in alters] == [winner]
