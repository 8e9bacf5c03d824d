"""Reads of the loaded forces for the public pages (docs/adr/0760-areas-and-maps-as-data.md)."""

from hatecrime.core.models import Force


def only_force_name() -> str:
    """The name of the one force whose areas the public form offers, for public words such as
    "Go to any Kent Police station."; "" when a deployment covers several forces (or none yet),
    and the pages then use words that name no force."""
    names = list(
        Force.objects.filter(areas__is_active=True, areas__is_triage=False)
        .values_list("name", flat=True)
        .distinct()[:2]
    )
    return names[0] if len(names) == 1 else ""
