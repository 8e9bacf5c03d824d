"""What a partner caseworker sees: referrals to their organisations, only the agreed fields."""

from dataclasses import dataclass
from typing import Any

from hatecrime.accounts.permissions import referrals_visible_to
from hatecrime.audit.actions import record_event
from hatecrime.support.models import Referral
from hatecrime.support.presenting import SharedRow, shared_rows


@dataclass(frozen=True)
class PartnerReferral:
    id: int
    organisation: str
    status: str
    sent_at: Any
    shared: dict[str, Any]
    rows: list[SharedRow]


def referrals_for_partner(user: Any) -> list[Referral]:
    """The list (status, organisation, dates): no victim details, so no audit."""
    return list(referrals_visible_to(user).select_related("organisation").order_by("-sent_at"))


def referral_detail_for_partner(user: Any, referral: Referral) -> PartnerReferral:
    """One referral (fetched with `access_referral`): exactly what the victim agreed to share.
    A withdrawn referral shows nothing any more. Audited as a consult of those fields."""
    shared = {} if referral.status == "withdrawn" else dict(referral.shared)
    record_event(
        "consult",
        actor=user,
        object_type="referral",
        object_id=str(referral.pk),
        fields=sorted(shared),
    )
    return PartnerReferral(
        id=referral.pk,
        organisation=referral.organisation.name,
        status=referral.status,
        sent_at=referral.sent_at,
        shared=shared,
        rows=shared_rows(shared),
    )
