"""Writes of the reporting app: submitting a report (whatever the channel) and opening its case.

`do_submit_report` stores everything in ONE transaction: the report exactly as submitted
(encrypted), its case in the routed area's queue, evidence rows (files written before commit,
removed if the commit does not happen), blind indexes for linking, the idempotency answer and
the `collect` audit event. An acknowledged report is a committed report.

Every row is built before that (serialising) transaction starts: the report (encrypted), its
case, first-contact clock and identifiers, the audit event but for its place in the chain, the
evidence files (written and fsynced). The transaction only INSERTs prepared rows and reads the
audit chain's end (docs/adr/0301-intake-performance.md).
"""

import datetime as dt
import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from django.db import IntegrityError, OperationalError, connection, transaction
from django.utils import timezone

from hatecrime.audit.actions import PreparedEvent, append_event, prepare_event
from hatecrime.cases.actions.opening import (
    PreparedCaseOpening,
    insert_case_opening,
    open_case_for_report,
    prepare_case_for_report,
    prepare_case_opening,
)
from hatecrime.core.models import Area
from hatecrime.core.rows import (
    PreparedRow,
    build,
    new_row,
    prepare_rows,
    sqlite_writer_turn,
    write_prepared,
    write_rows,
)
from hatecrime.notifications.receipts import send_receipt_after_commit
from hatecrime.reporting.evidence import (
    EvidenceUpload,
    PreparedEvidence,
    new_stored_name,
    prepare_evidence,
    remove_files,
    write_encrypted,
)
from hatecrime.reporting.idempotency import (
    IdempotencyClaim,
    PreparedCompletion,
    claim_idempotency_key,
    hash_body,
    prepare_completion,
    release_idempotency_key,
    write_completion,
)
from hatecrime.reporting.models import Channel, Evidence, Report
from hatecrime.reporting.payload import route_area, validate_report
from hatecrime.reporting.references import hash_tracking_code, new_reference, new_tracking_code

logger = logging.getLogger(__name__)

FIRST_CONTACT_WITHIN = dt.timedelta(hours=24)
STORE_ATTEMPTS = 3
RETRY_PAUSE_SECONDS = 0.05

__all__ = [
    "EvidenceUpload",
    "ReportNotStored",
    "SubmittedReport",
    "claim_idempotency_key",
    "do_submit_report",
    "open_case_for_report",
]


class ReportNotStored(Exception):
    """The database failed even after retrying: nothing was stored, nothing may be acknowledged.
    Show the person what they typed and the other ways to report (101, 999)."""


@dataclass(frozen=True)
class SubmittedReport:
    reference: str
    tracking_code: str
    report: Report
    status: str = "received"

    def as_response(self) -> dict[str, Any]:
        return {
            "reference": self.reference,
            "tracking_code": self.tracking_code,
            "status": self.status,
            "area": self.report.area.slug,
            "submitted_at": self.report.submitted_at.isoformat(),
        }


@dataclass
class _Prepared:
    """Every row of one submission, built before the write transaction."""

    tracking_code: str
    report: PreparedRow
    case: PreparedCaseOpening
    evidence: list[PreparedRow]
    event: PreparedEvent
    # The idempotency claim's completion (its answer encrypted), when a key was given.
    completion: PreparedCompletion | None


def _prepare(
    *,
    cleaned: dict[str, Any],
    submitted: dict[str, Any],
    area: Area,
    channel: str,
    actor: Any,
    language: str,
    fields: list[str],
    files: list[tuple[str, PreparedEvidence]],
    claim: IdempotencyClaim | None,
) -> _Prepared:
    """The report row with everything computed (tracking code hash, encryption of what was
    submitted), its case's rows, its evidence rows and its audit event."""
    tracking_code = new_tracking_code()
    row = new_row(
        Report,
        # 30**8 references: a clash is an IntegrityError, retried with a new one.
        reference=new_reference(),
        tracking_code_hash=hash_tracking_code(tracking_code),
        submitted_at=timezone.now(),
        channel=channel,
        submitted_by=actor,
        reporter_role=cleaned["reporter_role"],
        anonymous=cleaned["anonymous"],
        language=language[:16],
        area=area,
        occurred_on=dt.date.fromisoformat(cleaned["occurred_on"]),
        online="online" in cleaned,
        motivations=cleaned["motivations"],
        behaviours=cleaned.get("behaviours", []),
        targeted_community=cleaned.get("targeted_community", ""),
        submitted=submitted,
    )
    report = row.instance
    assert isinstance(report, Report)
    answer = SubmittedReport(reference=report.reference, tracking_code=tracking_code, report=report)
    return _Prepared(
        tracking_code=tracking_code,
        report=row,
        case=prepare_case_for_report(report),
        evidence=prepare_rows(
            [
                build(
                    Evidence,
                    report=report,
                    stored_name=stored_name,
                    original_name=item.original_name,
                    content_type=item.content_type,
                    size=len(item.cleaned),
                    sha256=item.sha256,
                    metadata_removed=item.metadata_removed,
                )
                for stored_name, item in files
            ]
        ),
        event=prepare_event(
            "collect", actor=actor, object_type="report", object_id=report.reference, fields=fields
        ),
        completion=None if claim is None else prepare_completion(claim, answer.as_response()),
    )


def _store(prepared: _Prepared) -> SubmittedReport:
    """Inside the transaction: INSERT the prepared rows, append the audit event."""
    report = write_prepared(prepared.report)
    assert isinstance(report, Report)
    insert_case_opening(prepared.case)
    write_rows(prepared.evidence)
    append_event(prepared.event)
    if prepared.completion is not None:
        write_completion(prepared.completion)
    transaction.on_commit(partial(send_receipt_after_commit, report.pk))
    return SubmittedReport(
        reference=report.reference, tracking_code=prepared.tracking_code, report=report
    )


def _replay(answer: dict[str, Any]) -> SubmittedReport:
    report = Report.objects.select_related("area").get(reference=answer["reference"])
    return SubmittedReport(
        reference=answer["reference"], tracking_code=answer["tracking_code"], report=report
    )


_CHANNELS = frozenset(Channel.values)  # `Channel.values` builds a new list at every read


def do_submit_report(
    *,
    payload: dict[str, Any],
    evidence: Sequence[EvidenceUpload] = (),
    channel: str,
    actor: Any | None,
    language: str = "en-gb",
    raw: dict[str, Any] | None = None,
    idempotency_key: str | None = None,
) -> SubmittedReport:
    """Validate and store a report from any channel; raise ReportInvalid (bad input),
    IdempotencyConflict / IdempotencyInFlight (a reused key) or ReportNotStored."""
    if channel not in _CHANNELS:
        raise ValueError(f"unknown channel {channel!r}")
    cleaned = validate_report(payload)
    files = prepare_evidence(evidence)
    submitted = {"raw": payload if raw is None else raw, "cleaned": cleaned}
    area = route_area(cleaned)
    claim = None
    if idempotency_key is not None:
        body_hash = hash_body([submitted["raw"], [item.sha256 for item in files]])
        claim = claim_idempotency_key(idempotency_key, body_hash)
        if claim.replay is not None:
            return _replay(claim.replay)
    fields = sorted(cleaned) + (["evidence"] if files else [])
    prepare_case_opening()  # the clock rules, cached before the transaction
    # Inside a caller's transaction a failed statement cannot be retried: try once.
    attempts = 1 if connection.in_atomic_block else STORE_ATTEMPTS
    for attempt in range(attempts):
        written: list[Path] = []
        try:
            # Files are written (encrypted, fsynced) before the transaction; they are removed
            # below if it does not commit, and `jobs.delete_orphan_evidence` removes any left
            # by a process that died in between.
            stored = []
            for item in files:
                stored_name = new_stored_name()
                written.append(write_encrypted(stored_name, item.cleaned))
                stored.append((stored_name, item))
            # Every row is built before the (serialising) write transaction.
            prepared = _prepare(
                cleaned=cleaned,
                submitted=submitted,
                area=area,
                channel=channel,
                actor=actor,
                language=language,
                fields=fields,
                files=stored,
                claim=claim,
            )
            with sqlite_writer_turn(), transaction.atomic():
                return _store(prepared)
        except (OperationalError, IntegrityError) as error:
            remove_files(written)
            logger.warning("storing a report failed (attempt %s): %s", attempt + 1, error)
            if attempt + 1 < attempts:
                time.sleep(RETRY_PAUSE_SECONDS * 2**attempt)
        except BaseException:
            remove_files(written)
            if claim is not None:
                _release_quietly(claim)
            raise
    if claim is not None:
        _release_quietly(claim)
    raise ReportNotStored("the report could not be stored")


def _release_quietly(claim: IdempotencyClaim) -> None:
    try:
        release_idempotency_key(claim)
    except Exception:  # the database is failing: the claim will be taken over when abandoned
        logger.exception("could not release idempotency key")
