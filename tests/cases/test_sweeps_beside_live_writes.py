"""The daily sweeps run while officers and the public write: a case action or a report committed
by another connection in the middle of a sweep must not stop it. On SQLite a sweep that kept a
read cursor open over its cases while writing failed at once with "database is locked" as soon
as anyone else committed (its snapshot could not become a write; found by bench/intake.py,
where the withdrawal-risk job failed at the worker's start). Real threads, each with its own
connection, on SQLite and PostgreSQL."""

import copy
import io
import threading

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from cases.factories import make_case
from hatecrime.cases import risk, search
from hatecrime.cases.models import Case, CaseSearchKey, WithdrawalRisk
from hatecrime.core import scheduler
from hatecrime.core.models import Area
from hatecrime.reporting.models import Report

# More open cases than a sweep reads at once (the old sweeps' chunk was 500): the failure came
# only while a sweep still had rows to read.
CASES = 501


def _open_cases(n: int) -> list[int]:
    """n open cases in Hackney: one made as the intake makes it, the rest copies of it."""
    case = make_case("hackney")
    reports = []
    for i in range(n - 1):
        report = copy.copy(case.report)
        report.pk = None
        report.reference = f"HC-SWEEP{i:05d}"
        reports.append(report)
    Report.objects.bulk_create(reports)
    copies = []
    for report in Report.objects.filter(reference__startswith="HC-SWEEP"):
        twin = copy.copy(case)
        twin.pk, twin.report = None, report
        copies.append(twin)
    Case.objects.bulk_create(copies)
    return list(Case.objects.values_list("pk", flat=True))


def _commit_elsewhere() -> None:
    """Someone else's write, committed on its own connection while the sweep runs."""

    failed: list[Exception] = []

    def write():
        try:
            Area.objects.filter(slug="camden").update(csu_hours="Every day, 8am to 8pm")
        except Exception as error:  # the test must fail on it, not only warn
            failed.append(error)
        finally:
            connection.close()

    thread = threading.Thread(target=write)
    thread.start()
    thread.join(timeout=30)
    assert not failed, failed


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_withdrawal_risk_sweep_finishes_when_others_write_meanwhile(monkeypatch):
    _open_cases(CASES)
    WithdrawalRisk.objects.all().delete()
    real_refresh = risk.refresh_withdrawal_risk
    calls = []

    def refresh_then_someone_writes(case, **kwargs):
        calls.append(case.pk)
        if len(calls) == 1:  # between this case's commit and the next case's transaction
            transaction.on_commit(_commit_elsewhere)
        return real_refresh(case, **kwargs)

    monkeypatch.setattr(risk, "refresh_withdrawal_risk", refresh_then_someone_writes)
    counts = risk.refresh_open_cases()
    assert sum(counts.values()) == CASES
    assert WithdrawalRisk.objects.count() == CASES


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_indexing_every_case_finishes_when_others_write_meanwhile(monkeypatch):
    cases = _open_cases(CASES)
    CaseSearchKey.objects.all().delete()
    real_index = search.index_case
    calls = []

    def index_then_someone_writes(case):
        real_index(case)
        calls.append(case.pk)
        if len(calls) == 1:
            _commit_elsewhere()

    monkeypatch.setattr(search, "index_case", index_then_someone_writes)
    call_command("index_cases", stdout=io.StringIO())
    assert set(CaseSearchKey.objects.values_list("case_id", flat=True)) == set(cases)


@pytest.mark.django_db
def test_the_sweep_leaves_room_for_other_writers_on_sqlite_after_each_case(monkeypatch):
    """SQLite's waiting writers poll rather than queue: without a gap after each of the sweep's
    transactions, the public's reports waited out their timeout (bench/intake.py)."""
    made = [make_case("hackney") for _ in range(3)]
    pauses: list[float] = []
    monkeypatch.setattr(scheduler.time, "sleep", pauses.append)
    counts = risk.refresh_open_cases()
    assert sum(counts.values()) == len(made)
    if connection.vendor == "sqlite":
        assert pauses == [scheduler.SQLITE_PAUSE_SECONDS] * len(made)
    else:  # PostgreSQL locks rows: no pause
        assert pauses == []
