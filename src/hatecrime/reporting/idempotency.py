"""Protection against the same report being stored twice (docs/adr/0302-idempotency.md).

The first request claims its key by INSERTing a row in its own short transaction; the unique
constraint makes any concurrent duplicate fail, on SQLite and PostgreSQL alike. The row is marked
done, with the answer, in the same transaction as the report, so "done" means "stored". If the
report cannot be stored the claim is released, and the person can try again with the same key.

A claim whose holder died is taken over: at once when the holding process (host:pid) is gone
from this host, or once the claim is older than HATECRIME_IDEMPOTENCY_LEASE_SECONDS (a holder on
another node). Taking over is safe even from a holder that is only slow: a claim is completed
or released only with its token, so the slow holder's report rolls back (IdempotencyInFlight)
and its client's retry is given the new holder's answer. Never two reports for one key.
"""

import datetime as dt
import json
import secrets
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from hatecrime.core.crypto import blind_index, keyed_digest
from hatecrime.core.liveness import process_is_gone, this_process
from hatecrime.reporting.models import IdempotencyRecord, IdempotencyStatus

HOLDER = this_process()


class IdempotencyConflict(Exception):
    """The key was used before with a different body (API: 422)."""


class IdempotencyInFlight(Exception):
    """A request with this key is being handled right now (API: 409)."""


@dataclass(frozen=True)
class IdempotencyClaim:
    key: str
    client: str
    body_hash: str
    # The stored answer when this key was already used with the same body: give it again.
    replay: dict[str, Any] | None = None
    token: str = ""  # ours: only with it is the claim completed or released


BODY_DIGEST_PURPOSE = "idempotency-body"
CLIENT_PURPOSE = "idempotency-client"


def client_scope(*, account_id: int | None, address: str) -> str:
    """Whose Idempotency-Key it is: the signed-in account (a centre or staff token's), else the
    anonymous caller's proxy-aware address as a keyed hash (no address is stored)."""
    if account_id is not None:
        return f"account:{account_id}"
    return "address:" + blind_index(address or "unknown", purpose=CLIENT_PURPOSE)


def hash_body(body: Any) -> str:
    """A keyed digest of the request's body (never a plain SHA-256: ADR 0531)."""
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), default=str)
    return keyed_digest(canonical.encode(), purpose=BODY_DIGEST_PURPOSE)


def holder_is_gone(holder: str) -> bool:
    """The process that holds a claim has died: it ran on this host and is not running now.
    (A holder on another host is judged by the lease alone.)"""
    return process_is_gone(holder)


def _abandoned(record: IdempotencyRecord) -> bool:
    lease = dt.timedelta(seconds=settings.HATECRIME_IDEMPOTENCY_LEASE_SECONDS)
    return record.created_at < timezone.now() - lease or holder_is_gone(record.holder)


def claim_idempotency_key(key: str, body_hash: str, *, client: str = "") -> IdempotencyClaim:
    """Claim `client`'s `key` for a request whose body hashes to `body_hash`.

    Returns a fresh claim, or a claim whose `replay` holds the earlier answer; raises
    IdempotencyConflict or IdempotencyInFlight. Call it outside any transaction.
    """
    token = secrets.token_hex(16)
    for _attempt in range(3):
        try:
            with transaction.atomic():
                IdempotencyRecord.objects.create(
                    client=client,
                    key=key,
                    body_hash=body_hash,
                    status=IdempotencyStatus.IN_FLIGHT,
                    created_at=timezone.now(),
                    token=token,
                    holder=HOLDER,
                )
            return IdempotencyClaim(key=key, client=client, body_hash=body_hash, token=token)
        except IntegrityError:
            record = IdempotencyRecord.objects.filter(client=client, key=key).first()
        if record is None:
            continue  # released between our insert and our read: try again
        if record.body_hash != body_hash:
            raise IdempotencyConflict(key)
        if record.status == IdempotencyStatus.DONE:
            return IdempotencyClaim(
                key=key, client=client, body_hash=body_hash, replay=record.response
            )
        if _abandoned(record):
            IdempotencyRecord.objects.filter(
                pk=record.pk, status=IdempotencyStatus.IN_FLIGHT, token=record.token
            ).delete()
            continue
        raise IdempotencyInFlight(key)
    raise IdempotencyInFlight(key)


def complete_idempotency_key(claim: IdempotencyClaim, response: dict[str, Any]) -> None:
    """Mark the claim done with its answer: call inside the transaction that stores the work
    (so "done" means "stored"). Raises IdempotencyInFlight when the claim was taken over (this
    request was taken for dead): the caller's transaction must roll back."""
    completed = IdempotencyRecord.objects.filter(
        client=claim.client, key=claim.key, token=claim.token, status=IdempotencyStatus.IN_FLIGHT
    ).update(status=IdempotencyStatus.DONE, response=response)
    if not completed:
        raise IdempotencyInFlight(claim.key)


def release_idempotency_key(claim: IdempotencyClaim) -> None:
    """Give the key back after a failure, so that the same request may be tried again (only
    our own claim: one taken over belongs to another request now)."""
    IdempotencyRecord.objects.filter(
        client=claim.client, key=claim.key, token=claim.token, status=IdempotencyStatus.IN_FLIGHT
    ).delete()


def keep_for() -> dt.timedelta:
    """Answers (which hold the tracking code, encrypted) are forgotten after this long."""
    return dt.timedelta(hours=settings.HATECRIME_IDEMPOTENCY_KEEP_HOURS)


def prune_idempotency_records() -> int:
    """Forget keys older than `keep_for()`: their answers, and claims abandoned long ago."""
    cutoff = timezone.now() - keep_for()
    deleted, _ = IdempotencyRecord.objects.filter(created_at__lt=cutoff).delete()
    return deleted
