"""An Idempotency-Key claim whose holder died is taken over within seconds, by the holder's
liveness rather than a two-minute timer (issue 14, item 6), and a holder that was only slow can
never store a second report: completing and releasing need the claim's own token."""

import datetime as dt
import subprocess

import pytest
from django.db import transaction
from django.utils import timezone

from cases.factories import VICTIM_REPORT
from hatecrime.reporting import actions
from hatecrime.reporting.actions import do_submit_report
from hatecrime.reporting.idempotency import (
    HOLDER,
    IdempotencyInFlight,
    claim_idempotency_key,
    complete_idempotency_key,
    hash_body,
    release_idempotency_key,
)
from hatecrime.reporting.models import IdempotencyRecord, Report

pytestmark = pytest.mark.django_db
KEY, CLIENT = "api:centre-7", "account:7"
HOST = HOLDER.rpartition(":")[0]


def body_hash() -> str:
    return hash_body([VICTIM_REPORT, []])


def claimed_by(holder: str, *, age: dt.timedelta = dt.timedelta(0)) -> IdempotencyRecord:
    return IdempotencyRecord.objects.create(
        client=CLIENT, key=KEY, body_hash=body_hash(), status="in_flight",
        created_at=timezone.now() - age, token="someone-else", holder=holder,
    )  # fmt: skip


def submit():
    return do_submit_report(
        payload=VICTIM_REPORT, channel="online", actor=None,
        idempotency_key=KEY, idempotency_client=CLIENT,
    )  # fmt: skip


def dead_pid() -> int:
    child = subprocess.Popen(["true"])
    child.wait()
    return child.pid


def test_a_claim_whose_process_died_is_taken_over_at_once():
    claimed_by(f"{HOST}:{dead_pid()}")
    stored = submit()
    assert Report.objects.count() == 1
    record = IdempotencyRecord.objects.get(client=CLIENT, key=KEY)
    assert record.status == "done" and record.response["reference"] == stored.reference
    assert record.holder == HOLDER


def test_a_claim_whose_process_is_running_is_still_in_flight():
    with subprocess.Popen(["sleep", "30"]) as alive:
        try:
            claimed_by(f"{HOST}:{alive.pid}")
            with pytest.raises(IdempotencyInFlight):
                submit()
        finally:
            alive.kill()
    assert not Report.objects.exists()


def test_a_claim_held_on_another_node_is_taken_over_after_the_lease(settings):
    settings.HATECRIME_IDEMPOTENCY_LEASE_SECONDS = 30
    claimed_by("web-2.internal:1234", age=dt.timedelta(seconds=10))
    with pytest.raises(IdempotencyInFlight):
        submit()
    IdempotencyRecord.objects.update(created_at=timezone.now() - dt.timedelta(seconds=31))
    submit()
    assert Report.objects.count() == 1


def test_a_slow_holder_whose_claim_was_taken_over_stores_nothing(monkeypatch, tmp_path):
    opened = actions.open_case_for_report

    def taken_over_meanwhile(report):
        # Another request took the claim over while this one was still working.
        IdempotencyRecord.objects.filter(client=CLIENT, key=KEY).update(token="the-new-holder")
        return opened(report)

    monkeypatch.setattr(actions, "open_case_for_report", taken_over_meanwhile)
    with pytest.raises(IdempotencyInFlight):
        submit()
    assert not Report.objects.exists()  # its transaction rolled back: never two reports


def test_only_the_holder_completes_or_releases_its_claim():
    ours = claim_idempotency_key(KEY, body_hash(), client=CLIENT)
    IdempotencyRecord.objects.filter(key=KEY).update(token="the-new-holder")
    release_idempotency_key(ours)
    assert IdempotencyRecord.objects.filter(key=KEY, status="in_flight").exists()
    with pytest.raises(IdempotencyInFlight), transaction.atomic():
        complete_idempotency_key(ours, {"reference": "HC-XXXX-XXXX"})
    assert IdempotencyRecord.objects.get(key=KEY).status == "in_flight"
