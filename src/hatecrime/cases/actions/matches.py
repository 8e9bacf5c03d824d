"""Suspects across areas (docs/adr/0830-suspect-matches-across-areas.md), the writes: recording
identifiers of the person reported about on a case, an officer's request to read a matching case
of another area, and a supervisor of that area's answer."""

import datetime as dt

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from hatecrime.accounts.models import User
from hatecrime.accounts.permissions import area_ids_of, has_permission
from hatecrime.accounts.selectors import area_supervisors
from hatecrime.audit.actions import record_event
from hatecrime.cases.actions.base import CaseActionError, audit_case, change_case, check
from hatecrime.cases.matches import normalise_vehicle, suspect_identifiers
from hatecrime.cases.models import (
    AccessRequestStatus,
    Case,
    CaseAccessRequest,
    CaseIdentifier,
    SuspectRecord,
)
from hatecrime.cases.search import normalise_phone
from hatecrime.notifications.victims import message_staff, message_staff_after_commit

REASON_MAX_LENGTH = 1000
GRANT_DAYS_DEFAULT, GRANT_DAYS_MAX = 30, 90


@transaction.atomic
def do_record_suspect_identifiers(
    *,
    actor: User,
    case: Case,
    expected_version: int,
    name: str = "",
    date_of_birth: dt.date | None = None,
    vehicle_registration: str = "",
    phone: str = "",
    handle: str = "",
) -> SuspectRecord:
    """Record what is known of the person reported about, encrypted, with the keyed hashes that
    match it against other cases. Refused once their data was removed under the NCHI Code."""
    errors: dict[str, list[str]] = {}
    if case.reported_person_data_removed_at is not None:
        errors["__all__"] = [
            "The personal data of the person reported about was removed from this case: "
            "nothing about them can be recorded on it"
        ]
    if name.strip() and date_of_birth is None:
        errors["date_of_birth"] = [
            "Enter their date of birth with the name: a name alone is not matched"
        ]
    if date_of_birth is not None and not name.strip():
        errors["name"] = ["Enter their name with the date of birth"]
    if date_of_birth is not None and date_of_birth > timezone.localdate():
        errors["date_of_birth"] = ["Date of birth must be in the past"]
    if vehicle_registration.strip() and not normalise_vehicle(vehicle_registration):
        errors["vehicle_registration"] = ["Enter a vehicle registration, like AB12 CDE"]
    if phone.strip() and len(normalise_phone(phone)) < 6:
        errors["phone"] = ["Enter a phone number, like 07700 900 982"]
    found = suspect_identifiers(
        name=name,
        date_of_birth=date_of_birth,
        vehicle_registration=vehicle_registration,
        phone=phone,
        handle=handle,
    )
    if not found and not errors:
        errors["__all__"] = [
            "Enter a name with a date of birth, a vehicle registration, a phone number or an "
            "online handle"
        ]
    check(errors)
    case = change_case(case, expected_version=expected_version)
    details = {
        key: value
        for key, value in {
            "name": name.strip(),
            "date_of_birth": date_of_birth.isoformat() if date_of_birth else "",
            "vehicle_registration": normalise_vehicle(vehicle_registration),
            "phone": phone.strip(),
            "handle": handle.strip(),
        }.items()
        if value
    }
    record = SuspectRecord.objects.create(
        case=case, details=details, recorded_at=timezone.now(), recorded_by=actor
    )
    existing = set(case.identifiers.values_list("kind", "digest"))
    CaseIdentifier.objects.bulk_create(
        CaseIdentifier(case=case, kind=kind, digest=digest)
        for kind, digest in sorted(found - existing)
    )
    audit_case(
        "collect",
        actor=actor,
        case=case,
        fields=["suspect_records", *(f"suspect_records.{key}" for key in details), "identifiers"],
    )
    return record


@transaction.atomic
def do_request_case_access(
    *, actor: User, case: Case, other: Case, reason: str
) -> CaseAccessRequest:
    """Ask the supervisors of `other`'s area to let the actor read it (`other` comes from
    `cases.matches.matched_case_for`, so it matches `case`). Audited as a combination on the
    case asked for, naming the area asking and never the asking case's reference."""
    reason = reason.strip()
    if not has_permission(actor, "request_case_access"):
        raise CaseActionError("You cannot ask for access to cases of other areas")
    if not reason:
        check({"reason": ["Enter why you need to read this case"]})
    if len(reason) > REASON_MAX_LENGTH:
        check({"reason": [f"The reason must be {REASON_MAX_LENGTH:,} characters or fewer"]})
    granted = CaseAccessRequest.objects.filter(
        case=other,
        requested_by=actor,
        status=AccessRequestStatus.GRANTED,
        expires_at__gt=timezone.now(),
    )
    if granted.exists():
        check({"reason": ["You can already read this case"]})
    try:
        with transaction.atomic():
            request = CaseAccessRequest.objects.create(
                case=other,
                from_case=case,
                requested_by=actor,
                requested_at=timezone.now(),
                reason=reason,
            )
    except IntegrityError:
        raise CaseActionError(
            {"reason": ["You have already asked for this case: wait for the answer"]}
        ) from None
    record_event(
        "combine",
        actor=actor,
        object_type="case",
        object_id=other.report.reference,
        fields=["access_request"],
        justification=reason,
        detail={"request": request.pk, "from_area": case.area.slug},
    )
    message_staff_after_commit(
        area_supervisors(other.area_id),
        other,
        template="supervisor_access_request",
        purpose="access_request",
        area=case.area.name,
        link=f"{_site()}/staff/cases/access-requests/{request.pk}/",
    )
    return request


def _site() -> str:
    return str(settings.SITE_URL).rstrip("/")


@transaction.atomic
def do_decide_case_access(
    *,
    actor: User,
    request: CaseAccessRequest,
    grant: bool,
    reason: str,
    days: int = GRANT_DAYS_DEFAULT,
) -> CaseAccessRequest:
    """A supervisor of the case's area grants (for `days`) or refuses a request, with a reason.
    A grant is a disclosure to the requesting officer; a refusal, a combination recorded."""
    reason = reason.strip()
    errors: dict[str, list[str]] = {}
    if not has_permission(actor, "decide_case_access") or request.case.area_id not in (
        area_ids_of(actor)
    ):
        raise CaseActionError("Only a supervisor of the case's area can answer this request")
    if not reason:
        errors["reason"] = ["Enter the reason for your answer"]
    elif len(reason) > REASON_MAX_LENGTH:
        errors["reason"] = [f"The reason must be {REASON_MAX_LENGTH:,} characters or fewer"]
    if grant and not 1 <= days <= GRANT_DAYS_MAX:
        errors["days"] = [f"Access must last between 1 and {GRANT_DAYS_MAX} days"]
    check(errors)
    now = timezone.now()
    changes = {
        "status": AccessRequestStatus.GRANTED if grant else AccessRequestStatus.REFUSED,
        "decided_by": actor,
        "decided_at": now,
        "decision_reason": reason,
        "expires_at": now + dt.timedelta(days=days) if grant else None,
    }
    # Conditional, so that two supervisors answering at once cannot both decide it.
    updated = CaseAccessRequest.objects.filter(
        pk=request.pk, status=AccessRequestStatus.PENDING
    ).update(**changes)
    if not updated:
        raise CaseActionError("This request has already been answered")
    request.refresh_from_db()
    case = request.case
    case.access_justification = reason
    officer = request.requested_by
    detail = {"request": request.pk, "answer": request.status}
    if grant:
        assert request.expires_at is not None
        audit_case(
            "disclose",
            actor=actor,
            case=case,
            fields=["case"],
            recipient=f"{officer.get_username()} ({request.from_case.area.slug})",
            detail={**detail, "expires_at": request.expires_at.isoformat()},
        )
    else:
        audit_case("combine", actor=actor, case=case, fields=["access_request"], detail=detail)
    asking = request.from_case
    transaction.on_commit(
        lambda: message_staff(
            officer,
            asking,
            template="officer_access_answered",
            purpose="access_answered",
            area=case.area.name,
            link=f"{_site()}/staff/cases/{asking.report.reference}/matches/",
        )
    )
    return request
