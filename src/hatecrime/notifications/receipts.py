"""The receipt for a report: where the person who reported it gave an email address and said
email is safe, they are sent the reference and how to track the report. Never the tracking
code (whoever reads the mailbox must not be able to open the report) and never anything they
wrote. Sent after the report is committed, through the gateway, at a time they said is safe."""

import logging

from hatecrime.notifications.models import Message
from hatecrime.notifications.victims import message_contact_person
from hatecrime.reporting import people
from hatecrime.reporting.models import Report

log = logging.getLogger(__name__)


def send_receipt(report: Report) -> Message | None:
    """Send (or queue) the receipt; None when there is no email that is safe to use."""
    answers = report.answers
    # The safe-contact answers must be about the person who reported it: when they describe a
    # victim the police will contact, nobody said the reporter's email is safe.
    if people.safe_contact_subject(answers) != people.REPORTER and people.reports_for_someone_else(
        answers
    ):
        return None
    return message_contact_person(
        answers=answers,
        reference=report.reference,
        template="report_receipt",
        purpose="receipt",
        case=report.case,
        only_by_email=True,
        language=report.language_for_messages,
    )


def send_receipt_after_commit(report: Report) -> None:
    """For `transaction.on_commit`, with the report (and its case) as the intake stored them:
    reading them back would cost every report two wide rows for what is already in hand. The
    report is stored whatever happens here, so a failure is logged (the message row, when
    written, says FAILED), never raised to the person."""
    try:
        send_receipt(report)
    except Exception:
        log.exception("the receipt for report %s could not be sent", report.reference)
