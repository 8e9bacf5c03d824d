"""Writes of the reporting app: submitting a report, whatever the channel.

`do_submit_report` validates once, writes the evidence files (encrypted) before the
transaction, then stores everything in ONE transaction: the report exactly as submitted
(encrypted), its case in the routed area's queue (cases.actions.open_case_for_report), the
evidence rows, the `collect` audit event and the idempotency answer; the receipt is sent after
the commit. An acknowledged report is a committed report; one that could not be stored is never
acknowledged (ReportNotStored).
"""

import datetime as dt
import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.db import IntegrityError, OperationalError, connection, transaction
from django.utils import timezone

from hatecrime.audit.actions import record_event
from hatecrime.cases.actions import open_case_for_report
from hatecrime.core.models import Area
from hatecrime.core.storage import StorageUnavailable
from hatecrime.notifications.receipts import send_receipt_after_commit
from hatecrime.reporting.evidence import EvidenceUpload, PreparedEvidence, prepare_evidence
from hatecrime.reporting.evidence_store import new_stored_name, remove_files, write_encrypted
from hatecrime.reporting.idempotency import (
    IdempotencyClaim,
    claim_idempotency_key,
    complete_idempotency_key,
    hash_body,
    release_idempotency_key,
)
from hatecrime.reporting.models import Channel, Evidence, Report
from hatecrime.reporting.payload import route_area, validate_report
from hatecrime.reporting.references import hash_tracking_code, new_reference, new_tracking_code

logger = logging.getLogger(__name__)

FIRST_CONTACT_WITHIN = dt.timedelta(hours=24)
# SQLite has one writer at a time (IMMEDIATE transactions wait up to the busy timeout); a
# failure after that, or a reference clash, is retried before the person is told.
STORE_ATTEMPTS = 3
RETRY_PAUSE_SECONDS = 0.05


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


@dataclass(frozen=True)
class _Submission:
    """What every attempt to store one report writes."""

    cleaned: dict[str, Any]
    submitted: dict[str, Any]
    area: Area
    channel: str
    actor: Any
    language: str
    claim: IdempotencyClaim | None


def _store(submission: _Submission, files: list[tuple[str, PreparedEvidence]]) -> SubmittedReport:
    """Inside the transaction: the report, its case, its evidence, the audit event, the answer."""
    cleaned = submission.cleaned
    tracking_code = new_tracking_code()
    report = Report.objects.create(
        # 30**8 references: a clash is an IntegrityError, retried with a new one.
        reference=new_reference(),
        tracking_code_hash=hash_tracking_code(tracking_code),
        submitted_at=timezone.now(),
        channel=submission.channel,
        submitted_by=submission.actor,
        reporter_role=cleaned["reporter_role"],
        anonymous=cleaned["anonymous"],
        language=submission.language[:16],
        area=submission.area,
        occurred_on=dt.date.fromisoformat(cleaned["occurred_on"]),
        online="online" in cleaned,
        motivations=cleaned["motivations"],
        behaviours=cleaned.get("behaviours", []),
        targeted_communities=cleaned.get("targeted_communities", []),
        submitted=submission.submitted,
    )
    open_case_for_report(report)
    Evidence.objects.bulk_create(
        Evidence(
            report=report,
            stored_name=stored_name,
            original_name=item.original_name,
            content_type=item.content_type,
            size=len(item.cleaned),
            digest=item.digest,
            metadata_removed=item.metadata_removed,
        )
        for stored_name, item in files
    )
    record_event(
        "collect",
        actor=submission.actor,
        object_type="report",
        object_id=report.reference,
        fields=sorted(cleaned) + (["evidence"] if files else []),
    )
    stored = SubmittedReport(reference=report.reference, tracking_code=tracking_code, report=report)
    if submission.claim is not None:
        complete_idempotency_key(submission.claim, stored.as_response())
    transaction.on_commit(partial(send_receipt_after_commit, report))
    return stored


def _replay(answer: dict[str, Any]) -> SubmittedReport:
    report = Report.objects.select_related("area").get(reference=answer["reference"])
    return SubmittedReport(
        reference=answer["reference"], tracking_code=answer["tracking_code"], report=report
    )


def do_submit_report(
    *,
    payload: dict[str, Any],
    evidence: Sequence[EvidenceUpload] = (),
    channel: str,
    actor: Any | None,
    language: str = "en-gb",
    raw: dict[str, Any] | None = None,
    idempotency_key: str | None = None,
    idempotency_client: str = "",
) -> SubmittedReport:
    """Validate and store a report from any channel; raise ReportInvalid (bad input),
    IdempotencyConflict / IdempotencyInFlight (a reused key) or ReportNotStored."""
    if channel not in Channel.values:
        raise ValueError(f"unknown channel {channel!r}")
    cleaned = validate_report(payload)
    uploads = prepare_evidence(evidence)
    submitted = {"raw": payload if raw is None else raw, "cleaned": cleaned}
    area = route_area(cleaned)
    claim = None
    if idempotency_key is not None:
        body_hash = hash_body([submitted["raw"], [item.digest for item in uploads]])
        claim = claim_idempotency_key(idempotency_key, body_hash, client=idempotency_client)
        if claim.replay is not None:
            return _replay(claim.replay)
    submission = _Submission(
        cleaned=cleaned,
        submitted=submitted,
        area=area,
        channel=channel,
        actor=actor,
        language=language,
        claim=claim,
    )
    # Inside a caller's transaction a failed statement cannot be retried: try once.
    attempts = 1 if connection.in_atomic_block else STORE_ATTEMPTS
    for attempt in range(attempts):
        written: list[str] = []
        try:
            # Files are written (encrypted, durably) before the transaction; they are removed
            # below if it does not commit, and `jobs.delete_orphan_evidence` removes any left
            # by a process that died in between.
            files = []
            for item in uploads:
                stored_name = new_stored_name()
                write_encrypted(stored_name, item.cleaned)  # a failed write leaves nothing
                written.append(stored_name)
                files.append((stored_name, item))
            with transaction.atomic():
                return _store(submission, files)
        except (OperationalError, IntegrityError) as error:
            remove_files(written)
            logger.warning("storing a report failed (attempt %s): %s", attempt + 1, error)
            if attempt + 1 < attempts:
                time.sleep(RETRY_PAUSE_SECONDS * 2**attempt)
        except StorageUnavailable as error:
            # The evidence store is full or down: waiting a few milliseconds will not help.
            remove_files(written)
            logger.error("a report's evidence could not be stored: %s", error)
            break
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
