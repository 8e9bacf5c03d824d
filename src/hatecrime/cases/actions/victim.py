"""Working with the victim: contacts, needs assessment, updates, statements."""

import datetime as dt
import re
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hatecrime.accounts.models import User
from hatecrime.cases.actions.base import (
    CaseActionError,
    UnsafeContact,
    audit_case,
    change_case,
    check,
    not_future,
)
from hatecrime.cases.clocks import start_clocks, stop_clocks
from hatecrime.cases.models import (
    Case,
    CaseStatus,
    ClockEvent,
    Contact,
    ContactMethod,
    ContactPerson,
    PoliceActionWish,
    StatementStatus,
    VictimUpdate,
)
from hatecrime.cases.safe_contact import SafeContact, safe_contact_for, safe_times_in_words
from hatecrime.notifications.victims import message_victim
from hatecrime.reporting import people


@dataclass
class ContactRecorded:
    contact: Contact
    case: Case
    warnings: list[str] = field(default_factory=list)


def refuse_unless_victim_may_be_contacted(
    case: Case, *, field: str, preferences: SafeContact | None = None
) -> None:
    """Raise UnsafeContact (on `field`) when the victim may not be contacted, told anything or
    recorded as told (reporting.people's rule, read through the safe-contact profile), saying
    why and, where there is one, whom to contact instead."""
    preferences = preferences or safe_contact_for(case)
    if preferences.victim_contactable:
        return
    raise UnsafeContact(
        {
            field: [
                _("Do not contact the victim. %(reason)s")
                % {"reason": preferences.victim_not_contactable}
                + (
                    " " + _("Contact the person who reported it instead.")
                    if people.has_a_way_to_reach(people.reporter_details(case.report.answers))
                    else ""
                )
            ]
        }
    )


def _check_person(case: Case, person: str, preferences: SafeContact) -> None:
    """Refuse a contact with a victim who may not be contacted, or with a reporter who is not
    there to contact."""
    if person == ContactPerson.VICTIM:
        refuse_unless_victim_may_be_contacted(case, field="person", preferences=preferences)
    if person == ContactPerson.REPORTER and preferences.reporter_role == "victim":
        raise CaseActionError(
            {"person": [_("The victim reported this themselves: select the victim")]}
        )
    if person == ContactPerson.REPORTER and not people.reporter_details(case.report.answers):
        raise CaseActionError(
            {"person": [_("The report was made anonymously: there is nobody to contact")]}
        )


@transaction.atomic
def do_record_contact(
    *,
    actor: User,
    case: Case,
    expected_version: int,
    method: str,
    made: bool,
    person: str = ContactPerson.VICTIM,
    with_interpreter: bool = False,
    voicemail_left: bool = False,
    outcome: str = "",
    occurred_at: dt.datetime | None = None,
    confirm_outside_safe_times: bool = False,
) -> ContactRecorded:
    """Log a contact or an attempt, with the victim or the person who reported it. Refused with
    a victim who does not know about the report or has not agreed to contact, and when it broke
    the safe-contact answers (a letter or voicemail when they said it is not safe); outside the
    times they said are safe it must be confirmed (`confirm_outside_safe_times`)."""
    errors: dict[str, list[str]] = {}
    if method not in ContactMethod.values:
        errors["method"] = [_("Select how you contacted them")]
    if person not in ContactPerson.values:
        errors["person"] = [_("Select who you contacted")]
    if voicemail_left and method != ContactMethod.PHONE:
        errors["voicemail_left"] = [_("A voicemail can only be left on a phone call")]
    at = not_future(occurred_at, "occurred_at", errors)
    check(errors)
    preferences = safe_contact_for(case)
    _check_person(case, person, preferences)
    profile = preferences
    if preferences.person != person:
        # The answers describe the other person: for this one nothing was said, so voicemail
        # and letters are not safe and there are no known safe times.
        profile = SafeContact(stated=False, person=person)
    who = _("The victim") if person == ContactPerson.VICTIM else _("The person who reported it")
    if method == ContactMethod.LETTER and not profile.letter_safe:
        raise UnsafeContact(
            {
                "method": [
                    _("%(who)s has not said a letter is safe: do not send letters") % {"who": who}
                ]
            }
        )
    if voicemail_left and not profile.voicemail_safe:
        raise UnsafeContact(
            {
                "voicemail_left": [
                    _("%(who)s has not said voicemail is safe: do not leave one") % {"who": who}
                ]
            }
        )
    warnings = []
    if not profile.allows(method):
        warnings.append(_("%(who)s did not list this way of contacting them.") % {"who": who})
    within = profile.within_safe_times(at)
    if within is False and not confirm_outside_safe_times:
        raise CaseActionError(
            {
                "confirm_outside_safe_times": [
                    _(
                        "This is outside the times %(who)s said are safe (%(times)s). Only "
                        "contact them now if you must: confirm it to record the contact"
                    )
                    % {"who": who.lower(), "times": safe_times_in_words(profile)}
                ]
            }
        )
    if within is False:
        warnings.append(
            _("This was outside the times %(who)s said are safe: %(times)s")
            % {"who": who.lower(), "times": safe_times_in_words(profile)}
        )
    contact = Contact.objects.create(
        case=case,
        person=person,
        method=method,
        made=made,
        with_interpreter=with_interpreter,
        voicemail_left=voicemail_left,
        outcome=outcome,
        occurred_at=at,
        outside_safe_times=within is False,
        recorded_by=actor,
    )
    changes: dict[str, object] = {}
    # First contact is with the victim, or with the person who reported it when the victim
    # may not be contacted.
    first_contact_person = person == ContactPerson.VICTIM or not preferences.victim_contactable
    if made and first_contact_person and case.first_contact_made_at is None:
        changes["first_contact_made_at"] = at
        stop_clocks(case, at=at, by=actor, events=[ClockEvent.REPORT_RECEIVED])
    if made and case.status in (CaseStatus.ASSIGNED, CaseStatus.TRIAGED, CaseStatus.NEW):
        changes["status"] = CaseStatus.IN_PROGRESS
    case = change_case(case, expected_version=expected_version, **changes)
    audit_case(
        "alter",
        actor=actor,
        case=case,
        fields=["contacts", *changes],
        detail={"contact": contact.pk, "person": person, "method": method, "made": made},
    )
    return ContactRecorded(contact=contact, case=case, warnings=warnings)


@transaction.atomic
def do_assess_needs(
    *,
    actor: User,
    case: Case,
    expected_version: int,
    interpreter_language: str = "",
    accessibility_needs: str = "",
    enhanced_rights: bool = True,
    persistently_targeted: bool = False,
    vulnerable_or_intimidated: bool = False,
    wants_police_action: str,
    arrest_wishes: str = "",
    worried_about_reprisals: bool | None = None,
    update_method: str,
    update_every_days: int = 14,
) -> Case:
    """Record the needs assessment (Right 4). The first one starts the 2-working-day referral
    clock and the first update clock at the agreed frequency."""
    errors: dict[str, list[str]] = {}
    if wants_police_action not in PoliceActionWish.values:
        errors["wants_police_action"] = [_("Select whether the victim wants police action")]
    if update_method not in ContactMethod.values:
        errors["update_method"] = [_("Select how the victim wants to be updated")]
    if not 1 <= update_every_days <= 90:
        errors["update_every_days"] = [_("Enter a number of days between 1 and 90")]
    check(errors)
    now = timezone.now()
    first = case.needs_assessed_at is None
    changes = {
        "interpreter_language": interpreter_language.strip(),
        "accessibility_needs": accessibility_needs.strip(),
        # Persistently targeted, vulnerable or intimidated victims always have enhanced rights.
        "enhanced_rights": enhanced_rights or persistently_targeted or vulnerable_or_intimidated,
        "persistently_targeted": persistently_targeted,
        "vulnerable_or_intimidated": vulnerable_or_intimidated,
        "wants_police_action": wants_police_action,
        "arrest_wishes": arrest_wishes.strip(),
        "worried_about_reprisals": worried_about_reprisals,
        "update_method": update_method,
        "update_every_days": update_every_days,
        "needs_assessed_at": now if first else case.needs_assessed_at,
    }
    case = change_case(case, expected_version=expected_version, **changes)
    if first:
        start_clocks(case, ClockEvent.NEEDS_ASSESSED, at=now)
        start_clocks(case, ClockEvent.UPDATE_GIVEN, at=now)
    audit_case("alter", actor=actor, case=case, fields=sorted(changes))
    return case


# "Call me", "ring us", "phone me on"...: an update asking the victim to get in touch by phone.
_ASKS_TO_CALL = re.compile(r"\b(call|ring|phone|telephone)\s+(me|us|the\s+team)\b", re.IGNORECASE)


@transaction.atomic
def do_record_update(
    *,
    actor: User,
    case: Case,
    expected_version: int,
    text: str,
    method: str,
    share_on_tracking: bool,
    given_at: dt.datetime | None = None,
    asks_to_call: bool = False,
) -> VictimUpdate:
    """An update given to the victim. It restarts the update clock at the agreed frequency; when
    shared, the text appears on 'track my report' and the victim is told there is an update.
    An update asking the victim to call is shared only once tracking shows a number to call."""
    errors: dict[str, list[str]] = {}
    if not text.strip():
        errors["text"] = [_("Enter the update")]
    elif len(text) > 5000:
        errors["text"] = [_("The update must be 5000 characters or fewer")]
    elif (
        share_on_tracking
        and (asks_to_call or _ASKS_TO_CALL.search(text))
        and case.tracking_contact() is None
    ):
        errors["share_on_tracking"] = [
            _(
                "This update asks the victim to call, but 'track my report' shows no number "
                "for this case yet. Add your direct number to your account or ask an "
                "administrator to add the Community Safety Unit's number to the area, or do "
                "not show the update on tracking"
            )
        ]
    if method not in ContactMethod.values:
        errors["method"] = [_("Select how the victim was updated")]
    at = not_future(given_at, "given_at", errors)
    check(errors)
    update = VictimUpdate.objects.create(
        case=case,
        text=text.strip(),
        method=method,
        given_at=at,
        shared_at=timezone.now() if share_on_tracking else None,
        recorded_by=actor,
    )
    case = change_case(case, expected_version=expected_version)
    stop_clocks(case, at=at, by=actor, events=[ClockEvent.UPDATE_GIVEN])
    if case.status != CaseStatus.CLOSED:
        start_clocks(case, ClockEvent.UPDATE_GIVEN, at=at)
    audit_case(
        "alter",
        actor=actor,
        case=case,
        fields=["updates"],
        detail={"update": update.pk, "shared_on_tracking": share_on_tracking},
    )
    if share_on_tracking:
        transaction.on_commit(
            lambda: message_victim(case, template="victim_update_available", purpose="update")
        )
    return update


@transaction.atomic
def do_record_statements(
    *, actor: User, case: Case, expected_version: int, statement: str, personal_statement: str
) -> Case:
    """Witness statement and Victim Personal Statement (Right 7): offered, taken or declined."""
    errors: dict[str, list[str]] = {}
    if statement not in StatementStatus.values:
        errors["statement"] = [_("Select the statement status")]
    if personal_statement not in StatementStatus.values:
        errors["personal_statement"] = [_("Select the Victim Personal Statement status")]
    check(errors)
    case = change_case(
        case,
        expected_version=expected_version,
        statement=statement,
        personal_statement=personal_statement,
    )
    audit_case("alter", actor=actor, case=case, fields=["statement", "personal_statement"])
    return case


__all__ = [
    "CaseActionError",
    "ContactRecorded",
    "do_assess_needs",
    "do_record_contact",
    "do_record_statements",
    "do_record_update",
    "refuse_unless_victim_may_be_contacted",
]
