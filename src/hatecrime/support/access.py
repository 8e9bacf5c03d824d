"""The only ways to fetch a referral for a partner caseworker: the same 404 for "does not
exist" and "not yours"."""

from typing import Any

from django.http import Http404

from hatecrime.accounts.permissions import referrals_visible_to
from hatecrime.core.access import id_or_404
from hatecrime.reporting.models import Evidence
from hatecrime.support.models import Referral, ReferralStatus, SharedField


def access_referral(user: Any, referral_id: int | str) -> Referral:
    """A referral sent to one of the partner's organisations; Http404 otherwise."""
    referral = (
        referrals_visible_to(user)
        .select_related("organisation", "case__report")
        .filter(pk=id_or_404(referral_id, "No referral found"))
        .first()
    )
    if referral is None:
        raise Http404("No referral found")
    return referral


def access_shared_evidence(
    user: Any, referral_id: int | str, evidence_id: int | str
) -> tuple[Referral, Evidence]:
    """An evidence file the victim agreed to share with the partner's organisation: in the
    referral's shared copy, while the referral stands (not withdrawn). Http404 otherwise."""
    referral = access_referral(user, referral_id)
    wanted = id_or_404(evidence_id, "No evidence found")
    shared = [] if referral.status == ReferralStatus.WITHDRAWN else referral.shared
    listed = shared.get(SharedField.EVIDENCE, []) if isinstance(shared, dict) else []
    if wanted not in {item.get("id") for item in listed}:
        raise Http404("No evidence found")
    evidence = Evidence.objects.filter(pk=wanted, report__case=referral.case_id).first()
    if evidence is None:
        raise Http404("No evidence found")
    return referral, evidence
