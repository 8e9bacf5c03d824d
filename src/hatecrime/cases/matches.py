"""Suspects across areas (docs/adr/0830-suspect-matches-across-areas.md), the reads.

A case whose suspect identifiers (name with date of birth, online handle, phone number, vehicle
registration: `CROSS_AREA_KINDS`) share a keyed hash with a case of another area shows that a
match exists there: the area and the date the other case was opened, nothing else. Computed on
the blind indexes alone (nothing is decrypted), and never for a case whose person reported about
had their data removed (ADR 0452): their identifiers are gone, and such a case is skipped on
either side as well.
"""

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from django.core import signing
from django.db.models import Q, QuerySet
from django.http import Http404

from hatecrime.accounts.permissions import area_ids_of, cases_visible_to, has_permission
from hatecrime.cases.actions.base import audit_case
from hatecrime.cases.models import (
    CROSS_AREA_KINDS,
    Case,
    CaseAccessRequest,
    CaseIdentifier,
    SuspectRecord,
)
from hatecrime.cases.search import normalise_name, normalise_phone
from hatecrime.core.access import id_or_404
from hatecrime.core.crypto import blind_index

_NOT_ALPHANUMERIC = re.compile(r"[^A-Z0-9]")


def link_digest(value: str, *, purpose: str) -> str:
    """The keyed hash the case-opening identifiers use (cases.actions.opening.identifiers_in)."""
    return blind_index(value, purpose=f"case-link:{purpose}")


def normalise_vehicle(value: str) -> str:
    """ "ab12 cde" -> "AB12CDE": case, spaces and punctuation ignored."""
    return _NOT_ALPHANUMERIC.sub("", value.upper())


def suspect_identifiers(
    *,
    name: str = "",
    date_of_birth: dt.date | None = None,
    vehicle_registration: str = "",
    phone: str = "",
    handle: str = "",
) -> set[tuple[str, str]]:
    """(kind, digest) pairs of what staff recorded about the person reported about. A name
    counts only with a date of birth; a handle and a phone number hash as at case opening, so
    that a recorded handle matches one a member of the public gave."""
    found: set[tuple[str, str]] = set()
    if name.strip() and date_of_birth is not None:
        value = f"{normalise_name(name)}|{date_of_birth.isoformat()}"
        found.add(("suspect_name_dob", link_digest(value, purpose="suspect-name-dob")))
    if normalise_vehicle(vehicle_registration):
        vehicle = normalise_vehicle(vehicle_registration)
        found.add(("suspect_vehicle", link_digest(vehicle, purpose="vehicle")))
    if normalise_phone(phone):
        found.add(("suspect_phone", link_digest(normalise_phone(phone), purpose="phone")))
    if handle.strip().lstrip("@"):
        found.add(("suspect_handle", link_digest(handle.strip().lstrip("@"), purpose="handle")))
    return found


def matching_rows(case: Case) -> QuerySet[CaseIdentifier]:
    """Identifier rows of other cases that share a cross-area suspect identifier with `case`
    (none when the person reported about's data was removed from either case)."""
    if case.reported_person_data_removed_at is not None:
        return CaseIdentifier.objects.none()
    pairs = list(case.identifiers.filter(kind__in=CROSS_AREA_KINDS).values_list("kind", "digest"))
    if not pairs:
        return CaseIdentifier.objects.none()
    matches = Q()
    for kind, digest in pairs:
        matches |= Q(kind=kind, digest=digest)
    return (
        CaseIdentifier.objects.filter(matches)
        .exclude(case_id=case.pk)
        .filter(case__reported_person_data_removed_at__isnull=True)
    )


@dataclass(frozen=True)
class MatchElsewhere:
    """What the officer may know of a match in another area: the area and a date."""

    token: str  # names the other case to `do_request_case_access` without saying which
    area: str
    opened_on: dt.date
    request: CaseAccessRequest | None  # the user's latest request for it, if any


def _salt(user: Any, case: Case) -> str:
    return f"case-match:{case.pk}:{user.pk}"


def match_token(user: Any, case: Case, other_id: int) -> str:
    return signing.dumps(other_id, salt=_salt(user, case))


def matched_case_for(user: Any, case: Case, token: str) -> Case:
    """The other case a token from `matches_elsewhere` names, if it still matches; Http404
    otherwise (a token is good only for the user and the case it was shown on)."""
    try:
        other_id = int(signing.loads(token, salt=_salt(user, case)))
    except (signing.BadSignature, TypeError, ValueError):
        raise Http404("No such match") from None
    other = _other_area_matches(user, case).filter(pk=other_id).first()
    if other is None:
        raise Http404("No such match")
    return other


def _other_area_matches(user: Any, case: Case) -> QuerySet[Case]:
    """Cases of other areas, outside what the user already sees, that match `case`."""
    ids = matching_rows(case).values("case_id")
    return (
        Case.objects.filter(pk__in=ids)
        .exclude(area_id=case.area_id)
        .exclude(pk__in=cases_visible_to(user).values("pk"))
    )


def matches_elsewhere(user: Any, case: Case) -> list[MatchElsewhere]:
    """Matches in other areas for the officer working `case`, oldest first. Audited as a
    consult of `matches_elsewhere` (it reveals that records match), with the areas only."""
    if not has_permission(user, "request_case_access") or case.access_grant is not None:
        return []
    others = list(_other_area_matches(user, case).select_related("area").order_by("opened_at"))
    if not others:
        return []
    latest: dict[int, CaseAccessRequest] = {}
    for request in CaseAccessRequest.objects.filter(
        requested_by=user, case__in=others
    ).select_related("decided_by"):
        latest.setdefault(request.case_id, request)  # ordered newest first
    found = [
        MatchElsewhere(
            token=match_token(user, case, other.pk),
            area=other.area.name,
            opened_on=other.opened_at.date(),
            request=latest.get(other.pk),
        )
        for other in others
    ]
    audit_case(
        "consult",
        actor=user,
        case=case,
        fields=["matches_elsewhere"],
        detail={"areas": sorted({other.area.slug for other in others})},
    )
    return found


def suspect_records_for(user: Any, case: Case) -> list[SuspectRecord]:
    """What staff recorded about the person reported about, for the case page. Audited as a
    consult of `suspect_records` when there is any."""
    records = list(case.suspect_records.select_related("recorded_by"))
    if records:
        audit_case("consult", actor=user, case=case, fields=["suspect_records"])
    return records


def access_requests_for(user: Any) -> QuerySet[CaseAccessRequest]:
    """Requests to read cases of the supervisor's areas, newest first."""
    if not has_permission(user, "decide_case_access"):
        return CaseAccessRequest.objects.none()
    return (
        CaseAccessRequest.objects.filter(case__area_id__in=area_ids_of(user))
        .select_related("case__report", "case__area", "from_case__area", "requested_by")
        .order_by("-requested_at", "-pk")
    )


def access_access_request(user: Any, request_id: int | str) -> CaseAccessRequest:
    """One request about a case of the supervisor's areas; Http404 otherwise. Reading it (the
    officer's reason is free text, encrypted) is audited as a consult of the case asked for."""
    pk = id_or_404(request_id, "No access request found")
    request = access_requests_for(user).filter(pk=pk).first()
    if request is None:
        raise Http404("No access request found")
    audit_case(
        "consult",
        actor=user,
        case=request.case,
        fields=["access_request"],
        detail={"request": request.pk},
    )
    return request
