"""Recoding the targeted communities of a case: staff map what the person said ("Other" and
their words, or a community too broad or wrong) to the taxonomy (core.models.Community)."""

from django.db import transaction
from django.utils.translation import gettext as _

from hatecrime.accounts.models import User
from hatecrime.cases.actions.base import audit_case, change_case, check
from hatecrime.cases.models import Case
from hatecrime.core.communities import active_codes
from hatecrime.core.models import Community


@transaction.atomic
def do_recode_communities(
    *, actor: User, case: Case, expected_version: int, communities: list[str], other: str = ""
) -> Case:
    """Set the case's targeted communities (codes of active nodes, each once) and the words for
    "Other" (required with it, refused without it). Monitoring counts the case's codes."""
    errors: dict[str, list[str]] = {}
    if set(communities) - active_codes() or len(set(communities)) != len(communities):
        errors["communities"] = [_("Select communities from the list, each once")]
    other = other.strip()
    if Community.OTHER in communities and not other:
        errors["other"] = [_("Enter which other community")]
    elif other and Community.OTHER not in communities:
        errors["other"] = [_("Only describe a community when you select Other")]
    elif len(other) > Community.OTHER_MAX_LENGTH:
        errors["other"] = [
            _("The other community must be %(max)s characters or fewer")
            % {"max": Community.OTHER_MAX_LENGTH}
        ]
    check(errors)
    before = list(case.targeted_communities)
    case = change_case(
        case,
        expected_version=expected_version,
        targeted_communities=list(communities),
        targeted_community_other=other,
    )
    audit_case(
        "alter",
        actor=actor,
        case=case,
        fields=["targeted_communities", "targeted_community_other"],
        detail={"from": before, "to": list(communities)},
    )
    return case
