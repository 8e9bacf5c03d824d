"""Track my report: a reference and its tracking code give the report's status and timeline.

An unknown reference and a wrong code give the same answer (None) in the same time: the
tracking code hash is compared even when no report matched. Failed attempts are counted per
client (its IP as a keyed hash, never the IP) and per reference, in the database.

Past the limit a client is refused (429) for the rest of the hour. A reference is never
refused: wrong codes against it from anywhere only slow down every answer for it, so that
someone who knows a victim's reference cannot lock the victim out (docs/adr/0431).
"""

import datetime as dt
import hashlib
import hmac
import time
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from hatecrime.audit.actions import record_event
from hatecrime.cases.models import AdditionKind, Case, CaseStatus, TrackingContact
from hatecrime.cases.selectors import (
    decision_letter_text,
    rights_to_review_for_tracking,
    shared_updates_for_tracking,
)
from hatecrime.core import languages
from hatecrime.core.crypto import blind_index
from hatecrime.reporting import tracking_outcomes
from hatecrime.reporting.models import Report, TrackingAttempt
from hatecrime.reporting.references import (
    hash_tracking_code,
    new_tracking_code,
    normalise_reference,
)

# What the person who reported is told: "received" until the CSU looks at it, then the case's
# status (the words: core.templatetags.labels.public_case_status).
RECEIVED = "received"
PUBLIC_STATUSES: tuple[str, ...] = (
    RECEIVED,
    *(status for status in CaseStatus.values if status != CaseStatus.NEW),
)
WINDOW = dt.timedelta(hours=1)
# The first extra second of delay per reference, doubled for each further wrong code past the
# limit, up to HATECRIME_TRACK_SLOWDOWN_MAX_SECONDS.
FIRST_DELAY_SECONDS = 0.25
pause = time.sleep  # tests record the delay instead of waiting
KEEP_ATTEMPTS_FOR = dt.timedelta(days=1)
# Compared against when no report matches, so both paths do the same work.
_DUMMY_HASH = hashlib.sha256(b"no such report").hexdigest()


# What the timeline says of each addition: only that it was made, never what was in it.
_ADDED = {
    AdditionKind.INFORMATION: _lazy("You added more information"),
    AdditionKind.EVIDENCE: _lazy("You added more evidence"),
    AdditionKind.CALL_ME: _lazy("You asked us to call you"),
}


class TrackingRateLimited(Exception):
    """Too many failed attempts from this client or for this reference (API: 429)."""


@dataclass(frozen=True)
class TimelineEntry:
    kind: str  # received | with_csu | officer | addition | update | outcome | closed
    on: dt.datetime
    text: str
    officer_name: str = ""
    officer_phone: str = ""


@dataclass(frozen=True)
class TrackedDecision:
    """A decision the victim can ask to have reviewed (Victims' Right to Review), as tracking
    shows it: the letter in plain words, how long they have to ask, and the review."""

    id: int
    kind: str
    decided_on: dt.datetime
    letter: str
    ask_by: dt.datetime
    can_ask: bool
    requested_on: dt.datetime | None = None
    result_due_by: dt.datetime | None = None
    result: str = ""  # "", "upheld", "overturned"
    next_steps: str = ""

    def as_dict(self) -> dict[str, Any]:
        def day(at: dt.datetime | None) -> str | None:
            return timezone.localtime(at).date().isoformat() if at else None

        return {
            "id": self.id,
            "kind": self.kind,
            "date": day(self.decided_on),
            "letter": self.letter,
            "ask_by": day(self.ask_by),
            "can_ask_for_review": self.can_ask,
            "review_asked_on": day(self.requested_on),
            "review_result_due_by": day(self.result_due_by),
            "review_result": self.result or None,
            "next_steps": self.next_steps or None,
        }


@dataclass(frozen=True)
class Tracking:
    reference: str
    status: str
    area_name: str
    timeline: list[TimelineEntry] = field(default_factory=list)
    contact: TrackingContact | None = None
    # Whether the holder of the code can ask to be called (the report was not sent
    # anonymously). Not in as_dict: the API says so by its answers.
    can_ask_for_a_call: bool = False
    # The language messages about the report are sent in (a registry code); not in as_dict.
    message_language: str = ""
    # Court, for the victim only (reporting.tracking_outcomes): the hearings, and what to expect
    # at court while one is to come.
    hearings: list[tracking_outcomes.Hearing] = field(default_factory=list)
    at_court: list[str] = field(default_factory=list)
    decisions: list[TrackedDecision] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "decisions": [decision.as_dict() for decision in self.decisions],
            "reference": self.reference,
            "status": self.status,
            "area": self.area_name,
            "contact": self.contact.as_dict() if self.contact else None,
            "timeline": [
                {
                    "kind": entry.kind,
                    "date": entry.on.date().isoformat(),
                    "text": entry.text,
                    **({"officer": entry.officer_name} if entry.officer_name else {}),
                    **({"phone": entry.officer_phone} if entry.officer_phone else {}),
                }
                for entry in self.timeline
            ],
            "court": [hearing.as_dict() for hearing in self.hearings],
            "at_court": self.at_court,
        }


def _timeline(report: Report, case: Case) -> tuple[str, list[TimelineEntry]]:
    entries = [TimelineEntry("received", report.submitted_at, _("We received your report"))]
    area = case.area
    if area.is_triage:
        text = _("With our central team, who will pass it to the right Community Safety Unit")
    else:
        text = _("With the Community Safety Unit of %(area)s") % {"area": area.name}
    entries.append(TimelineEntry("with_csu", case.opened_at, text))
    officer = case.assigned_officer
    if officer is not None:
        entries.append(
            TimelineEntry(
                "officer",
                case.assigned_at or case.opened_at,
                _("An officer is looking after your report"),
                officer_name=officer.get_full_name() or officer.get_username(),
                officer_phone=officer.direct_phone or area.csu_phone,
            )
        )
    for addition in case.additions.all():
        entries.append(
            TimelineEntry("addition", addition.added_at, str(_ADDED[AdditionKind(addition.kind)]))
        )
    for update in shared_updates_for_tracking(case):
        entries.append(
            TimelineEntry("update", update.shared_at or update.given_at, str(update.text))
        )
    for decided_at, text in tracking_outcomes.outcome_entries(case):
        entries.append(TimelineEntry("outcome", decided_at, text))
    if case.status == CaseStatus.CLOSED:
        closed_on = case.closed_at or timezone.now()
        entries.append(TimelineEntry("closed", closed_on, _("Your report has been closed")))
    entries.sort(key=lambda entry: entry.on)
    # A case nobody has looked at yet is, to the person who reported, "received": the same word
    # the API answered when the report was sent.
    status = RECEIVED if case.status == CaseStatus.NEW else str(case.status)
    return status, entries


def report_for_code(reference: str, tracking_code: str) -> Report | None:
    """The report this reference and tracking code open, or None (the same work either way)."""
    normalised = normalise_reference(reference or "")
    report = (
        Report.objects.select_related("case__area", "case__assigned_officer", "area")
        .filter(reference=normalised)
        .first()
    )
    candidate = hash_tracking_code(tracking_code or new_tracking_code())
    stored = report.tracking_code_hash if report else _DUMMY_HASH
    if not hmac.compare_digest(candidate, stored) or report is None:
        return None
    return report


def decisions_for(report: Report, case: Case) -> list[TrackedDecision]:
    """The letters are in the language of the page (the message to the victim links to the
    tracking page in the report's language)."""
    now, language = timezone.now(), translation.get_language() or report.language
    return [
        TrackedDecision(
            id=right.pk,
            kind=right.kind,
            decided_on=right.decided_at,
            letter=decision_letter_text(right.kind, language),
            ask_by=right.ask_by,
            can_ask=right.window_open(now),
            requested_on=right.requested_at,
            result_due_by=due if not right.result else None,
            result=right.result,
            next_steps=right.next_steps,
        )
        for right, due in rights_to_review_for_tracking(case)
    ]


def tracking_for(report: Report) -> Tracking:
    case = report.case  # every report has its case from the moment it is stored
    status, timeline = _timeline(report, case)
    area = case.area
    hearings = tracking_outcomes.hearings(case)
    return Tracking(
        reference=report.reference,
        status=status,
        area_name=area.name,
        timeline=timeline,
        contact=case.tracking_contact(),
        can_ask_for_a_call=not report.anonymous,
        message_language=report.language_for_messages,
        hearings=hearings,
        at_court=tracking_outcomes.at_court() if any(h.upcoming for h in hearings) else [],
        decisions=decisions_for(report, case),
    )


def track_report(reference: str, tracking_code: str) -> Tracking | None:
    """The report's status and timeline, or None for an unknown reference or a wrong code."""
    report = report_for_code(reference, tracking_code)
    return tracking_for(report) if report is not None else None


def _client_hash(client_ip: str) -> str:
    return blind_index(client_ip or "unknown", purpose="tracking-client")


def _reference_hash(reference: str) -> str:
    return blind_index(normalise_reference(reference or ""), purpose="tracking-reference")


def _recent_attempts() -> Any:
    return TrackingAttempt.objects.filter(attempted_at__gte=timezone.now() - WINDOW)


def is_rate_limited(*, client_ip: str) -> bool:
    """This client made too many wrong attempts within the hour (any reference)."""
    limit = settings.HATECRIME_TRACK_ATTEMPTS_PER_HOUR
    return _recent_attempts().filter(client_hash=_client_hash(client_ip)).count() >= limit


def reference_delay(reference: str) -> float:
    """Seconds to wait before answering for this reference: none until the hour's wrong codes
    against it reach the limit, then doubling with each one more, capped. Never a refusal."""
    limit = settings.HATECRIME_TRACK_ATTEMPTS_PER_HOUR
    failures = _recent_attempts().filter(reference_hash=_reference_hash(reference)).count()
    if failures < limit:
        return 0.0
    delay = FIRST_DELAY_SECONDS * 2 ** min(failures - limit, 16)
    return float(min(delay, settings.HATECRIME_TRACK_SLOWDOWN_MAX_SECONDS))


def verify_tracking_code(*, reference: str, tracking_code: str, client_ip: str) -> Report | None:
    """The report for a member of the public holding its reference and tracking code (tracking
    and additions, page or API): limited per client, slowed per reference, a wrong code counted.
    Raises TrackingRateLimited."""
    if is_rate_limited(client_ip=client_ip):
        raise TrackingRateLimited()
    delay = reference_delay(reference)
    if delay:
        pause(delay)
    report = report_for_code(reference, tracking_code)
    if report is None:  # old attempts are pruned by jobs.prune_tracking_attempts
        TrackingAttempt.objects.create(
            client_hash=_client_hash(client_ip),
            reference_hash=_reference_hash(reference),
            attempted_at=timezone.now(),
        )
    return report


def do_track(*, reference: str, tracking_code: str, client_ip: str) -> Tracking | None:
    """Track a report for a member of the public (page or API): limited per client, slowed
    per reference, audited."""
    report = verify_tracking_code(
        reference=reference, tracking_code=tracking_code, client_ip=client_ip
    )
    if report is None:
        return None
    tracking = tracking_for(report)
    record_event(
        "consult",
        actor="public",
        object_type="report",
        object_id=tracking.reference,
        fields=["status", "timeline", *(["court"] if tracking.hearings else [])],
        justification="tracked by the reporter with the tracking code",
    )
    return tracking


class MessageLanguageRefused(Exception):
    """The language asked for is not one this service offers."""


def do_choose_message_language(*, report: Report, code: str) -> None:
    """The holder of the tracking code chooses the language of the messages about the report
    (receipts, updates, reminders; docs/adr/0701). Only an offered language; audited."""
    code = (code or "").strip().lower()
    if not languages.is_available(code):
        raise MessageLanguageRefused(code)
    if code == report.language_for_messages:
        return
    report.message_language = "" if code == report.language else code
    with transaction.atomic():
        report.save(update_fields=["message_language"])
        record_event(
            "alter",
            actor="public",
            object_type="report",
            object_id=report.reference,
            fields=["message_language"],
            justification="chosen by the holder of the tracking code",
            detail={"language": code},
        )
