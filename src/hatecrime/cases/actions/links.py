"""Linking a case to an earlier one (a DPA 'combination')."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hatecrime.accounts.models import User
from hatecrime.accounts.permissions import cases_visible_to
from hatecrime.cases.actions.base import CaseActionError, audit_case, change_case
from hatecrime.cases.models import Case, CaseLink


@transaction.atomic
def do_link_cases(
    *,
    actor: User,
    case: Case,
    expected_version: int,
    other: Case,
    matched_on: list[str],
    persistently_targeted: bool = False,
) -> CaseLink:
    """Link two cases both ways; optionally flag the victim as persistently targeted, which gives
    them enhanced rights."""
    if other.pk == case.pk:
        raise CaseActionError({"other": [_("A case cannot be linked to itself")]})
    if not cases_visible_to(actor).filter(pk=other.pk).exists():
        raise CaseActionError({"other": [_("Select a case you can see")]})
    if CaseLink.objects.filter(case=case, linked_case=other).exists():
        raise CaseActionError({"other": [_("These cases are already linked")]})
    changes = {"persistently_targeted": True, "enhanced_rights": True}
    case = change_case(
        case, expected_version=expected_version, **(changes if persistently_targeted else {})
    )
    now = timezone.now()
    link = CaseLink.objects.create(
        case=case,
        linked_case=other,
        matched_on=matched_on,
        linked_at=now,
        linked_by=actor,
    )
    CaseLink.objects.create(
        case=other,
        linked_case=case,
        matched_on=matched_on,
        linked_at=now,
        linked_by=actor,
    )
    audit_case(
        "combine",
        actor=actor,
        case=case,
        fields=["links", *(changes if persistently_targeted else [])],
        # What they share stays on the (encrypted) link: typed by hand, it can be personal.
        detail={"linked_case": other.report.reference},
    )
    return link
