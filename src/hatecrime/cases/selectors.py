"""Reads of cases, scoped by the same permission rules as the access functions. Every selector
that returns a victim's personal data for display records a consult event listing the fields."""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case as When_
from django.db.models import IntegerField, Max, Q, QuerySet, Value, When
from django.utils import timezone, translation

from hatecrime.accounts.permissions import cases_visible_to
from hatecrime.cases.actions.base import audit_case
from hatecrime.cases.clocks import clock_state
from hatecrime.cases.models import (
    OPEN_STATUSES,
    Case,
    CaseIdentifier,
    CaseLink,
    CaseMove,
    CaseStatus,
    Clock,
    ClockEvent,
    Closure,
    Contact,
    CourtDate,
    Decision,
    DecisionLetter,
    ReassuranceContact,
    ReportAddition,
    RightToReview,
    RiskLevel,
    TargetingAction,
    VictimUpdate,
    WithdrawalRisk,
    WithdrawalRiskLevel,
)
from hatecrime.cases.risk import (
    agreed_to_referral,
    default_organisation,
    other_reports_of_victim,
    persistently_targeted,
)
from hatecrime.cases.safe_contact import (
    SafeContact,
    safe_contact_for,
    victim_can_be_contacted,
    victim_details,
)
from hatecrime.core.decision_letters import DEFAULT_LETTERS
from hatecrime.reporting import people
from hatecrime.reporting.models import Evidence
from hatecrime.support.models import Consent, DefaultReferral, Referral


def case_queue_for(user: Any, *, area_id: int | None = None) -> QuerySet[Case]:
    """Open cases of the user's areas, most urgent first: high risk, first contact overdue,
    unassigned, then oldest. Shows no personal data (references, ages, flags), so no audit."""
    now = timezone.now()
    queryset = cases_visible_to(user).filter(status__in=OPEN_STATUSES)
    if area_id is not None:
        queryset = queryset.filter(area_id=area_id)
    return (
        queryset.select_related("report__submitted_by", "area", "assigned_officer")
        .annotate(
            high_risk=When_(
                When(risk_level=RiskLevel.HIGH, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            ),
            contact_overdue=When_(
                When(
                    Q(first_contact_made_at__isnull=True, first_contact_due_at__lt=now),
                    then=Value(0),
                ),
                default=Value(1),
                output_field=IntegerField(),
            ),
            unassigned=When_(
                When(assigned_officer__isnull=True, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            ),
        )
        .order_by("high_risk", "contact_overdue", "unassigned", "opened_at")
    )


def is_first_contact_overdue(case: Case, now: dt.datetime | None = None) -> bool:
    due = case.first_contact_due_at
    return case.first_contact_made_at is None and due is not None and due < (now or timezone.now())


@dataclass
class ClockView:
    clock: Clock
    state: str  # met, missed, overdue, due_today, running


@dataclass
class CaseDetail:
    case: Case
    victim: dict[str, Any]
    reporter_role: str
    what_happened: str
    submitted: dict[str, Any]
    safe_contact: SafeContact
    contacts: list[Contact]
    decisions: list[Decision]
    clocks: list[ClockView]
    updates: list[VictimUpdate]
    consents: list[Consent]
    referrals: list[Referral]
    court_dates: list[CourtDate]
    links: list[CaseLink]
    first_contact_overdue: bool
    closures: list[Closure] = field(default_factory=list)
    additions: list[ReportAddition] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    moves: list[CaseMove] = field(default_factory=list)
    fields_shown: list[str] = field(default_factory=list)
    # A witness or someone reporting for the victim: their details, relationship, organisation.
    reporter: dict[str, Any] = field(default_factory=dict)
    # Decisions the victim can ask to have reviewed, and their reviews.
    rights_to_review: list[RightToReview] = field(default_factory=list)

    @property
    def pending_closure(self) -> Closure | None:
        return next((closure for closure in self.closures if closure.is_pending), None)


DETAIL_FIELDS = [
    "victim",
    "reporter",
    "what_happened",
    "submitted",
    "safe_contact",
    "triage",
    "needs",
    "contacts",
    "decisions",
    "clocks",
    "updates",
    "additions",
    "consents",
    "referrals",
    "court_dates",
    "links",
    "closures",
    "evidence",
    "moves",
    "withdrawal_risk",
    "reassurance_contacts",
    "targeting_actions",
    "default_referral",
    "rights_to_review",
]


def reporter_of(answers: dict[str, Any]) -> dict[str, Any]:
    """The person who reported it, when that is not the victim ({} otherwise)."""
    if not people.reports_for_someone_else(answers):
        return {}
    raw = answers.get("on_behalf")
    behalf: dict[str, Any] = raw if isinstance(raw, dict) else {}
    extra = {key: behalf[key] for key in ("relationship", "organisation") if behalf.get(key)}
    return {**people.reporter_details(answers), **extra}


def case_detail_for(user: Any, case: Case) -> CaseDetail:
    """Everything about a case for the person working it (fetched with `access_case`). Audited
    as a consult listing the fields shown, with the justification when outside their queue."""
    submitted = case.report.answers
    detail = CaseDetail(
        case=case,
        victim=victim_details(case),
        reporter_role=case.report.reporter_role,
        what_happened=submitted.get("what_happened", ""),
        submitted=submitted,
        safe_contact=safe_contact_for(case),
        contacts=list(case.contacts.select_related("recorded_by")),
        decisions=list(case.decisions.select_related("recorded_by", "victim_told_by")),
        clocks=[ClockView(c, clock_state(c)) for c in case.clocks.select_related("rule")],
        updates=list(case.updates.select_related("recorded_by")),
        consents=list(case.consents.select_related("organisation")),
        referrals=list(case.referrals.select_related("organisation")),
        court_dates=list(case.court_dates.all()),
        links=list(case.links.select_related("linked_case__report")),
        first_contact_overdue=is_first_contact_overdue(case),
        closures=list(
            case.closures.select_related("proposed_by", "reviewed_by", "told_in_contact")
        ),
        additions=list(ReportAddition.objects.filter(case=case).prefetch_related("evidence")),
        evidence=list(case.report.evidence.all()),
        moves=list(case.moves.select_related("from_area", "to_area", "moved_by")),
        fields_shown=list(DETAIL_FIELDS),
        reporter=reporter_of(submitted),
        rights_to_review=list(
            case.rights_to_review.select_related(
                "decided_by", "approved_by", "acknowledged_by", "reviewed_by"
            )
        ),
    )
    audit_case("consult", actor=user, case=case, fields=DETAIL_FIELDS)
    return detail


def case_for_action_page(
    user: Any, case: Case, *, with_safe_contact: bool, prefilled: Sequence[str] = ()
) -> SafeContact | None:
    """An action page shows the case summary, the answers already recorded that its form is
    prefilled with, and, where someone may contact the victim, their safe-contact preferences:
    audited as a consult (every read of a case leaves an event)."""
    preferences = safe_contact_for(case) if with_safe_contact else None
    fields = ["summary", *prefilled, *(["safe_contact"] if with_safe_contact else [])]
    if preferences is not None and preferences.reporter:
        fields.append("reporter")  # the box shows how to reach the person who reported it
    audit_case("consult", actor=user, case=case, fields=fields)
    return preferences


@dataclass(frozen=True)
class LinkCandidate:
    case: Case
    matched_on: list[str]


def linked_report_candidates(user: Any, case: Case) -> list[LinkCandidate]:
    """Earlier cases the user may see that share an identifier with this one (the victim's email,
    phone, address, name and date of birth; the suspect's names, handles, phone numbers), matched
    on keyed hashes only. Audited as a consult (it reveals that records match)."""
    pairs = list(case.identifiers.values_list("kind", "digest"))
    if not pairs:
        return []
    matches = Q()
    for kind, digest in pairs:
        matches |= Q(kind=kind, digest=digest)
    already = set(case.links.values_list("linked_case_id", flat=True))
    visible = cases_visible_to(user).filter(opened_at__lte=case.opened_at).exclude(pk=case.pk)
    rows = (
        CaseIdentifier.objects.filter(matches, case__in=visible)
        .exclude(case_id__in=already)
        .values_list("case_id", "kind")
    )
    kinds_by_case: dict[int, set[str]] = {}
    for case_id, kind in rows:
        kinds_by_case.setdefault(case_id, set()).add(kind)
    cases = Case.objects.select_related("report").in_bulk(list(kinds_by_case))
    candidates = [
        LinkCandidate(cases[pk], sorted(kinds))
        for pk, kinds in sorted(kinds_by_case.items(), key=lambda item: cases[item[0]].opened_at)
    ]
    audit_case(
        "consult",
        actor=user,
        case=case,
        fields=["linked_candidates"],
        detail={"candidates": [c.case.report.reference for c in candidates]},
    )
    return candidates


def shared_updates_for_tracking(case: Case) -> list[VictimUpdate]:
    """Updates the officer chose to share, oldest first, for 'track my report' (`.shared_at`,
    `.text`). The reporting app audits the tracking page itself."""
    return list(case.updates.filter(shared_at__isnull=False).order_by("shared_at", "pk"))


def default_referral_pending(case: Case) -> bool:
    """The default referral to the general victim service waits for the officer's answer."""
    return Clock.objects.filter(
        case=case, rule__starts_on=ClockEvent.DEFAULT_REFERRAL, stopped_at__isnull=True
    ).exists()


@dataclass
class Aftercare:
    """What keeps the victim with the case: its withdrawal-risk flag, the reassurance contacts,
    the default referral and, for a persistently targeted victim, the steps offered. Shown on
    the case page, whose consult event lists these fields (DETAIL_FIELDS)."""

    risk: WithdrawalRisk | None
    reassurance_contacts: list[ReassuranceContact]
    default_referral: DefaultReferral | None
    default_referral_clock: Clock | None
    # Why no default referral is offered ("" when one is).
    default_referral_not_offered: str
    other_reports: int
    persistently_targeted: bool
    targeting_actions: list[TargetingAction]


def _why_no_default_referral(case: Case) -> str:
    if default_organisation() is None:
        return "No general victim service is chosen (an administrator chooses it)."
    if not safe_contact_for(case).victim_contactable:
        return "The victim may not be contacted."
    if not agreed_to_referral(case):
        return (
            "The victim did not agree to a referral when reporting: ask them at the needs "
            "assessment."
        )
    return ""


def aftercare_for(case: Case) -> Aftercare:
    others = other_reports_of_victim(case)
    clock = (
        Clock.objects.filter(case=case, rule__starts_on=ClockEvent.DEFAULT_REFERRAL)
        .select_related("rule")
        .order_by("-started_at")
        .first()
    )
    return Aftercare(
        risk=WithdrawalRisk.objects.filter(case=case).first(),
        reassurance_contacts=list(
            ReassuranceContact.objects.filter(case=case).select_related("contact__recorded_by")
        ),
        default_referral=DefaultReferral.objects.filter(case=case)
        .select_related("organisation", "answered_by")
        .first(),
        default_referral_clock=clock,
        default_referral_not_offered="" if clock else _why_no_default_referral(case),
        other_reports=len(others),
        persistently_targeted=persistently_targeted(case, others),
        targeting_actions=list(
            TargetingAction.objects.filter(case=case).select_related("recorded_by")
        ),
    )


def cases_at_risk(area_id: int) -> list[WithdrawalRisk]:
    """The open cases of an area flagged at risk of withdrawal, highest score first (references,
    officers and the signals in words; no victim details). The caller checks the user may see
    the area's board and audits the read."""
    return list(
        WithdrawalRisk.objects.filter(case__area_id=area_id)
        .exclude(case__status=CaseStatus.CLOSED)
        .exclude(level=WithdrawalRiskLevel.NONE)
        .select_related("case__report", "case__assigned_officer")
        .order_by("-score", "case__opened_at")
    )


def decision_letter_text(kind: str, language: str) -> str:
    """The letter for a decision the victim can challenge, in `language`: the administrator's
    wording for that language where there is one, otherwise the translated default."""
    written = (
        DecisionLetter.objects.filter(kind=kind, language=language)
        .values_list("text", flat=True)
        .first()
    )
    if written:
        return written
    with translation.override(language):
        return str(DEFAULT_LETTERS[kind])


def rights_to_review_shown_on_tracking(case: Case) -> bool:
    """Whether 'track my report' shows the decisions the victim can challenge: when the code is
    the victim's own (they reported it, even anonymously) or the victim may be contacted (so
    the holder reports with the victim's knowledge and agreement). Otherwise the right is the
    victim's, who does not know of the report, and the holder is not told of it."""
    return case.report.reporter_role == "victim" or victim_can_be_contacted(case)


def rights_to_review_for_tracking(case: Case) -> list[tuple[RightToReview, dt.datetime | None]]:
    """Each decision the victim can challenge, oldest first, with the time the review's result
    is due by (the latest review clock, None until asked). The reporting app audits the
    tracking page itself."""
    if not rights_to_review_shown_on_tracking(case):
        return []
    rights = list(case.rights_to_review.all())
    due = dict(
        Clock.objects.filter(
            case=case,
            rule__starts_on=ClockEvent.REVIEW_REQUESTED,
            subject__in=[right.clock_subject for right in rights],
        )
        .values_list("subject")
        .annotate(due=Max("due_at"))
        .order_by()
    )
    return [(right, due.get(right.clock_subject)) for right in rights]
