"""The person holding the tracking code adds to their report from 'track my report': more
information, more evidence, or "please call me" (docs/adr/0432).

Within the journey's limits: the same evidence checks (type sniffed, images cleaned, size,
count), the report's files never more than the journey allows, text as long as the journey's.
The addition goes on the case (encrypted), is audited as a collection, and the officer (or, with
none, the area's supervisors) is told after commit, by a message with no detail in it.
"""

import datetime as dt
from collections.abc import Sequence

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hatecrime.accounts.selectors import area_supervisors
from hatecrime.audit.actions import record_event
from hatecrime.cases.actions.base import CaseActionError, check
from hatecrime.cases.models import AdditionKind, Case, ReportAddition
from hatecrime.notifications.victims import message_staff
from hatecrime.reporting.evidence import (
    EvidenceInvalid,
    EvidenceUpload,
    PreparedEvidence,
    prepare_evidence,
)
from hatecrime.reporting.evidence_store import new_stored_name, remove_files, write_encrypted
from hatecrime.reporting.models import Evidence

INFORMATION_MAX_LENGTH = 20000  # as "what happened" in the journey
NOTE_MAX_LENGTH = 2000


def additions_per_day() -> int:
    return int(settings.HATECRIME_TRACKING_ADDITIONS_PER_DAY)


def _check_text(kind: str, text: str, errors: dict[str, list[str]]) -> None:
    if kind == AdditionKind.INFORMATION:
        if not text.strip():
            errors["text"] = [_("Enter the information you want to add")]
        elif len(text) > INFORMATION_MAX_LENGTH:
            errors["text"] = [_("The information must be 20,000 characters or fewer")]
    elif len(text) > NOTE_MAX_LENGTH:
        errors["text"] = [_("The note must be 2,000 characters or fewer")]


def _check_limits(case: Case, kind: str, uploads: Sequence[EvidenceUpload]) -> None:
    since = timezone.now() - dt.timedelta(days=1)
    if ReportAddition.objects.filter(case=case, added_at__gte=since).count() >= additions_per_day():
        raise CaseActionError(
            _(
                "You have added to this report %(count)s times today, the most we can take "
                "online in a day. Try again tomorrow, or call 101 and give your reference"
            )
            % {"count": additions_per_day()}
        )
    if kind == AdditionKind.CALL_ME and case.report.anonymous:
        raise CaseActionError(
            _(
                "You sent this report without your contact details, so we cannot call you. "
                "Call 101 and give your reference, or call the number shown on this page"
            )
        )
    if kind != AdditionKind.EVIDENCE:
        return
    if not uploads:
        raise CaseActionError({"evidence": [_("Select a file to add")]})
    room = settings.HATECRIME_EVIDENCE_MAX_FILES - case.report.evidence.count()
    if len(uploads) > room:
        raise CaseActionError(
            {
                "evidence": [
                    _(
                        "A report can hold %(max)s files. Yours has room for %(room)s more: "
                        "select fewer files, or call 101 to give more"
                    )
                    % {"max": settings.HATECRIME_EVIDENCE_MAX_FILES, "room": max(room, 0)}
                ]
            }
        )


def _prepared_files(uploads: Sequence[EvidenceUpload]) -> list[PreparedEvidence]:
    try:
        return prepare_evidence(uploads)
    except EvidenceInvalid as invalid:
        raise CaseActionError(invalid.errors) from invalid


def do_add_to_report(
    *, case: Case, kind: str, text: str = "", evidence: Sequence[EvidenceUpload] = ()
) -> ReportAddition:
    """Add to the report of `case` for the holder of its tracking code (checked by the caller:
    `reporting.tracking`). Raises CaseActionError with messages for the page or the API."""
    errors: dict[str, list[str]] = {}
    if kind not in AdditionKind.values:
        errors["kind"] = [_("Select what you want to add")]
    else:
        _check_text(kind, text, errors)
    check(errors)
    _check_limits(case, kind, evidence)
    files = _prepared_files(evidence) if kind == AdditionKind.EVIDENCE else []
    written: list[str] = []
    try:
        stored = []
        for item in files:  # written before the transaction, removed if it does not commit
            stored_name = new_stored_name()
            # A full or unreachable store raises StorageUnavailable (a 503: try again) and
            # leaves nothing of this file.
            write_encrypted(stored_name, item.cleaned)
            written.append(stored_name)
            stored.append((stored_name, item))
        addition = _store(case, kind, text.strip(), stored)
    except BaseException:
        remove_files(written)
        raise
    return addition


@transaction.atomic
def _store(
    case: Case, kind: str, text: str, stored: list[tuple[str, PreparedEvidence]]
) -> ReportAddition:
    addition = ReportAddition.objects.create(
        case=case, kind=kind, text=text, added_at=timezone.now()
    )
    rows = [
        Evidence.objects.create(
            report=case.report,
            stored_name=stored_name,
            original_name=item.original_name,
            content_type=item.content_type,
            size=len(item.cleaned),
            digest=item.digest,
            metadata_removed=item.metadata_removed,
        )
        for stored_name, item in stored
    ]
    if rows:
        addition.evidence.set(rows)
    record_event(
        "collect",
        actor="public",
        object_type="case",
        object_id=case.report.reference,
        fields=["additions", *(["evidence"] if rows else []), *(["text"] if text else [])],
        justification="added by the holder of the tracking code",
        detail={"addition": addition.pk, "kind": kind, "files": len(rows)},
    )
    transaction.on_commit(lambda: tell_staff_of_addition(case.pk))
    return addition


def tell_staff_of_addition(case_id: int) -> None:
    """The officer, or with none the area's supervisors: the reference and a link, nothing of
    what was added (the message template allows no more)."""

    case = Case.objects.select_related("report", "assigned_officer").get(pk=case_id)
    officer = case.assigned_officer
    if officer is not None and officer.is_active:
        recipients = [officer]
    else:
        recipients = list(area_supervisors(case.area_id))
    for person in recipients:
        message_staff(person, case, template="staff_report_added_to", purpose="addition")
