"""Periodic sweeps of the reporting app, run by `hatecrime run_worker` (core.scheduler).

Each is idempotent and safe to run at any time, by any number of workers:
- finished Idempotency-Key answers (which hold a tracking code, encrypted) are forgotten after
  HATECRIME_IDEMPOTENCY_KEEP_HOURS; claims still in flight by then were abandoned long ago;
- failed tracking attempts (kept for rate limiting) are deleted after a day, the intake's
  counters a day after their window, spent proof-of-work challenges once they have expired;
- evidence files with no Evidence row (left by a process that died between writing the file
  and committing its report) are deleted once they are an hour old, so that a file being
  written for a report still in its transaction is never touched;
- on SQLite, the write-ahead log is checkpointed and truncated (`wal_checkpoint(TRUNCATE)`):
  the automatic checkpoints (every `wal_autocheckpoint` pages, settings) are PASSIVE and cannot
  finish while readers hold old snapshots, so under steady load the WAL could otherwise grow
  without limit (docs/adr/0301-intake-performance.md).
"""

import datetime as dt
import logging
import re

from django.db import connection
from django.utils import timezone
from django_tasks import task

from hatecrime.core.scheduler import periodic
from hatecrime.reporting.evidence_store import remove_files, stored_entries
from hatecrime.reporting.idempotency import prune_idempotency_records
from hatecrime.reporting.intake_limits import prune_intake_counters
from hatecrime.reporting.models import Evidence, TrackingAttempt
from hatecrime.reporting.proof_of_work import prune_spent_challenges
from hatecrime.reporting.tracking import KEEP_ATTEMPTS_FOR

log = logging.getLogger(__name__)

ORPHAN_AFTER = dt.timedelta(hours=1)
# What `evidence_store.write_encrypted` creates: a random hex name, or (in a folder) its
# temporary twin.
_EVIDENCE_NAME = re.compile(r"^\.?([0-9a-f]{40})(\.tmp)?$")
_BATCH = 500


def prune_tracking_attempts() -> int:
    cutoff = timezone.now() - KEEP_ATTEMPTS_FOR
    deleted, _counts = TrackingAttempt.objects.filter(attempted_at__lt=cutoff).delete()
    return deleted


def checkpoint_sqlite_wal() -> tuple[int, int, int] | None:
    """Copy the whole WAL into the database file and truncate it (SQLite only; None on other
    databases). Returns SQLite's (busy, frames in the log, frames checkpointed). It waits for
    writers and for readers of older snapshots, for up to the connection's busy timeout."""
    if connection.vendor != "sqlite":
        return None
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        busy, log_frames, checkpointed = cursor.fetchone()
    return int(busy), int(log_frames), int(checkpointed)


def delete_orphan_evidence() -> int:
    """Delete evidence files older than ORPHAN_AFTER that no Evidence row names (in the
    folder or the bucket: the evidence storage lists both with each file's last change)."""
    oldest = timezone.now() - ORPHAN_AFTER
    candidates: dict[str, list[str]] = {}
    for entry in stored_entries():
        match = _EVIDENCE_NAME.match(entry.name)
        if match is None or entry.modified > oldest:
            continue  # not ours (never touched), or perhaps its report is still being stored
        candidates.setdefault(match.group(1), []).append(entry.name)
    names = list(candidates)
    deleted = 0
    for start in range(0, len(names), _BATCH):
        batch = names[start : start + _BATCH]
        known = set(
            Evidence.objects.filter(stored_name__in=batch).values_list("stored_name", flat=True)
        )
        for name in batch:
            # A temporary file is never part of a stored report; a named one only if known.
            doomed = [f for f in candidates[name] if f.endswith(".tmp") or name not in known]
            remove_files(doomed)
            deleted += len(doomed)
    return deleted


@periodic("reporting.prune_idempotency_records", every=dt.timedelta(hours=1))
@task()
def prune_idempotency_records_job() -> int:
    count = prune_idempotency_records()
    log.info("pruned %d idempotency records", count)
    return count


@periodic("reporting.prune_tracking_attempts", every=dt.timedelta(hours=1))
@task()
def prune_tracking_attempts_job() -> int:
    count = prune_tracking_attempts()
    log.info("pruned %d tracking attempts", count)
    return count


@periodic("reporting.prune_intake_counters", every=dt.timedelta(hours=1))
@task()
def prune_intake_counters_job() -> int:
    count = prune_intake_counters() + prune_spent_challenges()
    log.info("pruned %d intake counters and spent challenges", count)
    return count


@periodic("reporting.delete_orphan_evidence", every=dt.timedelta(hours=1))
@task()
def delete_orphan_evidence_job() -> int:
    count = delete_orphan_evidence()
    if count:
        log.warning("deleted %d orphan evidence files", count)
    return count


@periodic("reporting.checkpoint_sqlite_wal", every=dt.timedelta(minutes=10))
@task()
def checkpoint_sqlite_wal_job() -> list[int] | None:
    result = checkpoint_sqlite_wal()
    if result is not None and result[0]:
        log.warning("WAL checkpoint could not finish (readers or writers busy): %s", result)
    return list(result) if result is not None else None
