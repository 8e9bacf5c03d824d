"""Asking for a review from 'track my report' (Victims' Right to Review,
docs/adr/0812-right-to-review.md): the public's checks, in the report's language, before the
case domain records the request (`cases.actions.start_review`). Staff record requests made by
phone or in person on the case instead, and may accept a late one; tracking may not."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hatecrime.cases.actions import CaseActionError, start_review
from hatecrime.cases.models import Case, RequestedVia, RightToReview
from hatecrime.cases.selectors import rights_to_review_shown_on_tracking

REASON_MAX_LENGTH = 2000


def right_to_review_for_tracking(case: Case, right_id: int) -> RightToReview | None:
    """The case's decision with this id, when tracking shows it (None otherwise)."""
    if not rights_to_review_shown_on_tracking(case):
        return None
    return case.rights_to_review.filter(pk=right_id).first()


def refusal(right: RightToReview) -> str:
    """Why this decision can no longer be asked about from tracking ("" when it can)."""
    if right.requested_at is not None:
        return _("You have already asked for a review of this decision.")
    if not right.window_open(timezone.now()):
        return _("The time to ask for a review has passed. Call 101 and give your reference.")
    return ""


@transaction.atomic
def do_ask_for_review(*, case: Case, right: RightToReview, reason: str) -> RightToReview:
    """Record the request of the holder of the tracking code (audited as a collection by the
    public). Raises CaseActionError with the page's messages."""
    refused = refusal(right)
    if refused:
        raise CaseActionError({"__all__": [refused]})
    if len(reason) > REASON_MAX_LENGTH:
        raise CaseActionError({"reason": [_("Your reason must be 2,000 characters or fewer")]})
    try:
        return start_review(
            case=case,
            right_to_review=right,
            at=timezone.now(),
            via=RequestedVia.TRACKING,
            recorded_by=None,
            text=reason,
        )
    except CaseActionError:  # asked at the same moment from elsewhere
        raise CaseActionError(
            {"__all__": [_("You have already asked for a review of this decision.")]}
        ) from None
