"""The targeted communities of a report (part of the "why" section; see payload.py): codes of
the community taxonomy (core.models.Community), and the person's own words when they chose
"Other", kept encrypted with the rest of the report and mapped by staff later."""

from typing import Any

from hatecrime.core.communities import active_codes
from hatecrime.core.models import Community
from hatecrime.reporting import checks
from hatecrime.reporting.checks import MISSING, Errors, _

COMMUNITY_LIMITS = {"targeted_community_other": Community.OTHER_MAX_LENGTH}


def communities(data: dict[str, Any], errors: Errors) -> dict[str, Any]:
    cleaned: dict[str, Any] = {}
    if "targeted_community" in data:  # the free text of old: say what to send instead
        errors.add(
            "targeted_community",
            _(
                "This question has changed: select communities from the list "
                "(targeted_communities: codes from /api/v1/communities)"
            ),
        )
    given = data.get("targeted_communities", MISSING)
    chosen = checks.choices(
        given,
        "targeted_communities",
        errors,
        # Most reports name no community: the taxonomy is read only when one is given.
        options=frozenset() if given in (MISSING, None) else active_codes(),
        required=None,
        invalid=_("Select a community from the list"),
        repeated=_("Select each community only once"),
    )
    if chosen is not None:
        cleaned["targeted_communities"] = chosen
    other_chosen = Community.OTHER in (chosen or [])
    limit = COMMUNITY_LIMITS["targeted_community_other"]
    other = checks.text(
        data.get("targeted_community_other", MISSING),
        "targeted_community_other",
        errors,
        max_length=limit,
        required=_("Tell us which other community") if other_chosen else None,
        too_long=_("The other community must be %(max)s characters or fewer")
        % {"max": f"{limit:,}"},
    )
    if other is not None and not other_chosen:
        if not any(path.startswith("targeted_communities") for path in errors.by_path):
            errors.add(
                "targeted_community_other", _("Only describe a community when you select Other")
            )
    elif other is not None:
        cleaned["targeted_community_other"] = other
    return cleaned
