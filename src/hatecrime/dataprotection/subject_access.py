"""Subject access (DPA 2018 Part 3, s.45): find a named data subject by the cases' blind indexes
and gather every record about them, with other people's data withheld (docs/retention.md, ADR
0562).

Finding: the administrator types what they know (email, phone, address and postcode, name and
date of birth, a handle); each is turned into the same keyed digest intake stored
(`cases.actions.identifiers_in`), and only digests are compared: nothing is decrypted to
search. A match on the victim's identifiers makes the subject the victim of that case; a match
on the suspect's makes them the person reported about.

The bundle is built from what each case holds, section by section, by allow-list: only what is
about the subject, with every mention of the other people the report names (the person
reported about, the person who reported it when that is someone else, the victim when the
subject is the person reported about, other suspects) replaced by WITHHELD in free text.
Witnesses' details are never included, and the names, numbers and addresses in them are
withheld wherever else they appear. Officers' names are included: they act in an official
capacity.
"""

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from hatecrime.accounts.permissions import has_permission
from hatecrime.audit.actions import record_event
from hatecrime.cases.actions import identifiers_in
from hatecrime.cases.models import Case, CaseIdentifier, ContactPerson, IdentifierKind
from hatecrime.core.mentions import mention_patterns, replace_mentions
from hatecrime.reporting import people

VICTIM, REPORTED_PERSON = "victim", "reported_person"
WITHHELD = "[withheld: another person]"
RECIPIENT = "the data subject (subject access request)"
KIND_LABELS = dict(IdentifierKind.choices)


@dataclass(frozen=True)
class SubjectIdentifiers:
    """What the administrator typed (never stored, never audited)."""

    email: str = ""
    phone: str = ""
    address: str = ""
    postcode: str = ""
    name: str = ""
    date_of_birth: dt.date | None = None
    handle: str = ""

    def digests(self) -> dict[str, set[str]]:
        """{digest: identifier kinds} for every identifier given (a phone number has the same
        digest as the victim's and as the suspect's)."""
        victim = {
            "email": self.email,
            "phone": self.phone,
            "address": self.address,
            "postcode": self.postcode,
            "name": self.name,
            "date_of_birth": self.date_of_birth.isoformat() if self.date_of_birth else "",
        }
        suspects = {
            "names": [self.name] if self.name else [],
            "handles": [self.handle] if self.handle else [],
            "phone_numbers": [self.phone] if self.phone else [],
        }
        found = identifiers_in({}, victim) | identifiers_in({"suspects": suspects}, {})
        kinds: dict[str, set[str]] = {}
        for kind, digest in found:
            kinds.setdefault(digest, set()).add(kind)
        return kinds


@dataclass
class SubjectMatch:
    case: Case
    kinds: set[str]

    @property
    def role(self) -> str:
        victim = any(kind.startswith("victim_") for kind in self.kinds)
        return VICTIM if victim else REPORTED_PERSON

    @property
    def matched_on(self) -> list[str]:
        return sorted(str(KIND_LABELS.get(kind, kind)) for kind in self.kinds)

    @property
    def name_only(self) -> bool:
        """Matched on a name alone: could be someone else of the same name."""
        return self.kinds == {IdentifierKind.SUSPECT_NAME}


def matches_for(identifiers: SubjectIdentifiers) -> list[SubjectMatch]:
    digests = identifiers.digests()
    rows = CaseIdentifier.objects.filter(digest__in=list(digests)).values_list(
        "case_id", "kind", "digest"
    )
    kinds: dict[int, set[str]] = {}
    for case_id, kind, digest in rows:
        if kind in digests.get(digest, ()):
            kinds.setdefault(case_id, set()).add(kind)
    cases = Case.objects.filter(pk__in=kinds).select_related("report", "area").order_by("pk")
    return [SubjectMatch(case=case, kinds=kinds[case.pk]) for case in cases]


def find_subject(
    user: Any, identifiers: SubjectIdentifiers, *, request_reference: str
) -> list[SubjectMatch]:
    """The cases whose blind indexes match, audited as a consult of the indexes that names the
    kinds searched and the references found (never what was typed)."""
    if not has_permission(user, "subject_access"):
        return []
    found = matches_for(identifiers)
    record_event(
        "consult",
        actor=user,
        object_type="data_subject",
        object_id=request_reference,
        fields=sorted(set().union(*identifiers.digests().values())),
        justification=f"Subject access request {request_reference}",
        detail={"found": [match.case.reference for match in found]},
    )
    return found


# --- The bundle ------------------------------------------------------------------------------


@dataclass
class Section:
    title: str
    rows: list[tuple[str, str]] = field(default_factory=list)

    def add(self, label: str, value: Any) -> None:
        for row_label, text in _flatten(label, value):
            if text:
                self.rows.append((row_label, text))


@dataclass
class CaseBundle:
    reference: str
    role: str
    sections: list[Section]


def _flatten(label: str, value: Any) -> list[tuple[str, str]]:
    if isinstance(value, dict):
        return [
            row
            for key, item in value.items()
            for row in _flatten(f"{label}: {_words(key)}" if label else _words(key), item)
        ]
    if isinstance(value, list):
        return [(label, ", ".join(str(item) for item in value if item not in (None, "")))]
    if isinstance(value, bool):
        return [(label, "yes" if value else "no")]
    if value is None:
        return []
    return [(label, str(value))]


def _words(key: str) -> str:
    return str(key).replace("_", " ").capitalize()


def _strings(value: Any) -> list[str]:
    return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []


def _own(values: list[str], kind: str, purpose_key: str, subject: set[str]) -> list[str]:
    """The values (names, handles, phones) whose keyed digest is one of the subject's."""
    mine = []
    for value in values:
        pairs = identifiers_in({"suspects": {purpose_key: [value]}}, {})
        if any(digest in subject for pair_kind, digest in pairs if pair_kind == kind):
            mine.append(value)
    return mine


# Witnesses' details are free text ("Walter Smith from the shop, 07700 900999"): their
# capitalised words, phone numbers and email addresses are withheld wherever they appear, as
# names, except common words that begin a sentence.
_CAPITALISED = re.compile(r"\b[A-Z][a-z'’-]{2,}\b")
_EMAIL = re.compile(r"[^\s@]+@[^\s@]+")
_PHONE = re.compile(r"\+?\d[\d\s().-]{5,}\d")
NOT_NAMES = frozenset(
    [
        "The",
        "This",
        "That",
        "They",
        "Them",
        "Their",
        "There",
        "Then",
        "She",
        "Her",
        "Hers",
        "His",
        "Him",
        "And",
        "But",
        "Saw",
        "Was",
        "Were",
        "Who",
        "What",
        "When",
        "Where",
        "From",
        "With",
        "Also",
        "Has",
        "Had",
        "Have",
        "Lives",
        "Works",
        "Friend",
        "Neighbour",
        "Shop",
        "Street",
        "Road",
        "Mr",
        "Mrs",
        "Ms",
        "Miss",
        "Dr",
        "Yes",
        "Not",
        "Unknown",
        "Someone",
        "Man",
        "Woman",
    ]
)


def _witness_patterns(answers: dict[str, Any]) -> list[re.Pattern[str]]:
    details = (answers.get("witnesses") or {}).get("details")
    if not isinstance(details, str) or not details.strip():
        return []
    words = {word for word in _CAPITALISED.findall(details) if word not in NOT_NAMES}
    patterns = [re.compile(r"\b" + re.escape(word) + r"\b") for word in sorted(words)]
    return patterns + mention_patterns(
        phones=_PHONE.findall(details), literals=_EMAIL.findall(details)
    )


def _person_patterns(details: dict[str, Any]) -> list[re.Pattern[str]]:
    return mention_patterns(
        names=_strings([details.get("name")]),
        phones=_strings([details.get("phone")]),
        literals=_strings([details.get("email"), details.get("address")]),
    )


class Redactor:
    """Withholds the other people a report names from every text of the bundle."""

    def __init__(self, answers: dict[str, Any], role: str, subject_digests: set[str]) -> None:
        suspects = answers.get("suspects") or {}
        online = answers.get("online") or {}
        names = _strings(suspects.get("names"))
        handles = [*_strings(suspects.get("handles")), *_strings(online.get("account_names"))]
        phones = _strings(suspects.get("phone_numbers"))
        patterns = _witness_patterns(answers)
        if people.reports_for_someone_else(answers):
            patterns += _person_patterns(people.reporter_details(answers))
        if role == VICTIM:
            patterns += mention_patterns(names=names, handles=handles, phones=phones)
        else:
            self.own_names = _own(names, "suspect_name", "names", subject_digests)
            self.own_handles = _own(
                [h.lstrip("@") for h in handles], "suspect_handle", "handles", subject_digests
            )
            self.own_phones = _own(phones, "suspect_phone", "phone_numbers", subject_digests)
            patterns += _person_patterns(people.victim_details(answers))
            patterns += mention_patterns(
                names=[n for n in names if n not in self.own_names],
                handles=[h for h in handles if h.lstrip("@") not in self.own_handles],
                phones=[p for p in phones if p not in self.own_phones],
            )
        self.patterns = patterns

    def __call__(self, value: Any) -> Any:
        if isinstance(value, str):
            return replace_mentions(value, self.patterns, WITHHELD)
        if isinstance(value, list):
            return [self(item) for item in value]
        if isinstance(value, dict):
            return {key: self(item) for key, item in value.items()}
        return value


def _staff_name(user: Any) -> str:
    return (user.get_full_name() or user.get_username()) if user is not None else ""


def _date(value: Any) -> str:
    return f"{value:%d %b %Y %H:%M}" if isinstance(value, dt.datetime) else str(value or "")


def _report_section(case: Case, answers: dict[str, Any], redact: Redactor, role: str) -> Section:
    report = case.report
    section = Section("The report")
    section.add("Reference", report.reference)
    section.add("Sent", _date(report.submitted_at))
    section.add("Sent by", report.get_channel_display())
    section.add("When it happened", answers.get("occurred_on"))
    section.add("Time", answers.get("occurred_at"))
    section.add("Where", redact(answers.get("place")))
    section.add("What happened", redact(answers.get("what_happened")))
    section.add("What was done", answers.get("behaviours"))
    section.add("Something else that was done", redact(answers.get("behaviour_other")))
    section.add("What the hostility was about", answers.get("motivations"))
    if role == VICTIM:
        section.add("Injuries", redact(answers.get("injuries")))
    return section


def _about_the_victim(case: Case, answers: dict[str, Any], redact: Redactor) -> list[Section]:
    yours = Section("Your details in the report")
    yours.add("", people.victim_details(answers))
    if people.safe_contact_subject(answers) == people.VICTIM:
        yours.add("How and when it is safe to contact you", answers.get("safe_contact"))
    yours.add("Support asked for", redact(answers.get("support")))
    needs = Section("Your needs and wishes, as recorded")
    needs.add("Interpreter", case.interpreter_language)
    needs.add("Accessibility needs", case.accessibility_needs)
    needs.add("Wants police action", case.get_wants_police_action_display())
    needs.add("Wishes about an arrest", redact(case.arrest_wishes))
    needs.add("Worried about reprisals", case.worried_about_reprisals)
    contacts = Section("Contacts with you")
    for contact in case.contacts.filter(person__in=["", ContactPerson.VICTIM]):
        reached = "reached" if contact.made else "not reached"
        contacts.add(
            _date(contact.occurred_at),
            f"{contact.get_method_display()}, {reached}, by {_staff_name(contact.recorded_by)}"
            + (f": {redact(contact.outcome)}" if contact.outcome else ""),
        )
    updates = Section("Updates given to you")
    for update in case.updates.all():
        shared = " (shown on 'track my report')" if update.shared_at else ""
        updates.add(
            _date(update.given_at),
            f"{update.get_method_display()}{shared}, by {_staff_name(update.recorded_by)}: "
            f"{redact(update.text)}",
        )
    referrals = Section("Referrals to support organisations")
    for referral in case.referrals.select_related("organisation"):
        referrals.add(
            f"{_date(referral.sent_at)} to {referral.organisation.name}",
            f"{referral.get_status_display()}",
        )
        referrals.add("What was shared", redact(referral.shared))
    return [yours, needs, contacts, updates, referrals]


def _about_the_reported_person(
    case: Case, answers: dict[str, Any], redact: Redactor
) -> list[Section]:
    suspects = answers.get("suspects") or {}
    yours = Section("What the report says about you")
    yours.add("Names", redact.own_names)
    yours.add("Online accounts", redact.own_handles)
    yours.add("Phone numbers", redact.own_phones)
    yours.add("How many people did it", suspects.get("count"))
    yours.add("Description", redact(suspects.get("description")))
    if case.reported_person_data_removed_at:
        yours.add(
            "Removed",
            f"Your details were removed on {_date(case.reported_person_data_removed_at)} "
            "(NCHI Code of Practice: the personal-data test was not met)",
        )
    return [yours]


def _case_sections(case: Case, redact: Redactor, role: str) -> list[Section]:
    work = Section("How the police dealt with it")
    work.add("Status", case.get_status_display())
    work.add("Recorded as", case.get_classification_display())
    work.add("Strands", case.strands)
    work.add("Officer", _staff_name(case.assigned_officer))
    work.add("Opened", _date(case.opened_at))
    work.add("Closed", _date(case.closed_at))
    work.add("Outcome", case.get_outcome_display())
    if role == VICTIM:
        work.add("Reason for closing", redact(case.closure_reason))
    decisions = Section("Decisions")
    for decision in case.decisions.all():
        decisions.add(
            _date(decision.decided_at),
            f"{decision.get_kind_display()}, by {_staff_name(decision.recorded_by)}"
            + (f": {redact(decision.reasons)}" if decision.reasons else ""),
        )
    additions = Section("Added from 'track my report'")
    for addition in case.additions.all():
        additions.add(
            _date(addition.added_at), f"{addition.get_kind_display()}: {redact(addition.text)}"
        )
    evidence = Section("Evidence files (listed; copies on request)")
    for item in case.report.evidence.all():
        evidence.add(
            redact(item.original_name), f"{item.content_type}, {item.size:,} bytes".strip()
        )
    return [work, decisions, additions, evidence]


def bundle_case(match: SubjectMatch, subject_digests: set[str]) -> CaseBundle:
    case = match.case
    answers = case.report.answers
    redact = Redactor(answers, match.role, subject_digests)
    sections = [_report_section(case, answers, redact, match.role)]
    if match.role == VICTIM:
        sections += _about_the_victim(case, answers, redact)
    else:
        sections += _about_the_reported_person(case, answers, redact)
    sections += _case_sections(case, redact, match.role)
    return CaseBundle(
        reference=case.reference,
        role=match.role,
        sections=[section for section in sections if section.rows],
    )


@transaction.atomic
def produce_bundle(
    user: Any,
    identifiers: SubjectIdentifiers,
    *,
    references: list[str],
    request_reference: str,
) -> list[CaseBundle]:
    """Every record about the subject in the chosen cases (those of `references` that match
    the identifiers: a reference alone discloses nothing), each recorded as a `disclose` event
    to the data subject, with the request's reference as its justification."""
    if not has_permission(user, "subject_access"):
        return []
    digests = set(identifiers.digests())
    chosen = [m for m in matches_for(identifiers) if m.case.reference in set(references)]
    bundles = [bundle_case(match, digests) for match in chosen]
    for bundle in bundles:
        record_event(
            "disclose",
            actor=user,
            object_type="case",
            object_id=bundle.reference,
            fields=[section.title for section in bundle.sections],
            justification=f"Subject access request {request_reference}",
            recipient=RECIPIENT,
            detail={"subject": bundle.role},
        )
    return bundles
