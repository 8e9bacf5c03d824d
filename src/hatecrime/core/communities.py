"""Reads of the targeted-community taxonomy (`core.models.Community`): the choices the public and
staff are offered, the words for stored codes, the group a code rolls up to, and the node a
piece of free text names."""

from collections.abc import Iterable

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from hatecrime.core.models import Community

GroupedChoices = list[tuple[str, list[tuple[str, str]]]]


def active_codes() -> set[str]:
    """Every code a report or case may be given: groups ("no finer") and communities."""
    return set(Community.objects.filter(is_active=True).values_list("code", flat=True))


def _tree() -> list[tuple[Community, list[Community]]]:
    """Active groups in the taxonomy's order, each with its active communities."""
    nodes = list(Community.objects.filter(is_active=True))
    members: dict[int, list[Community]] = {}
    for node in nodes:
        if node.parent_id is not None:
            members.setdefault(node.parent_id, []).append(node)
    return [(node, members.get(node.pk, [])) for node in nodes if node.parent_id is None]


def word(label: str) -> str:
    """A label in the active language (core/community_words.py); staff pages are English, so
    they see it as stored."""
    return gettext(label) if label else label


def _everyone(group: Community) -> str:
    return str(_("All %(group)s") % {"group": word(group.label)})


def grouped_choices(*, with_groups: bool = False) -> GroupedChoices:
    """Active communities grouped under their group's name, in the taxonomy's order. Groups
    without communities of their own (Arab, Older people, Other...) are offered in a last set.
    With `with_groups`, each group is offered first in its set ("All ..."), for staff."""
    grouped: GroupedChoices = []
    single: list[tuple[str, str]] = []
    for group, members in _tree():
        if not members:
            single.append((group.code, word(group.label)))
            continue
        options = [(member.code, word(member.label)) for member in members]
        if with_groups:
            options.insert(0, (group.code, _everyone(group)))
        grouped.append((word(group.label), options))
    if single:
        grouped.append((str(_("Other communities")), single))
    return grouped


def flat_choices() -> list[tuple[str, str]]:
    """Every active group and community in one list, as a select needs: "All East or South
    East Asian", "East or South East Asian: Chinese"..."""
    flat: list[tuple[str, str]] = []
    for group, members in _tree():
        if not members:
            flat.append((group.code, word(group.label)))
            continue
        flat.append((group.code, _everyone(group)))
        flat += [(member.code, f"{word(group.label)}: {word(member.label)}") for member in members]
    return flat


def labels() -> dict[str, str]:
    """Words for every code ever given, active or not."""
    return {code: word(label) for code, label in Community.objects.values_list("code", "label")}


def describe(codes: Iterable[str], other: str = "") -> str:
    """The codes in words, with the person's own words for "Other"."""
    words = labels()
    named = [
        f"{words.get(code, code)}: {other}" if code == Community.OTHER and other else
        words.get(code, code)
        for code in codes
    ]  # fmt: skip
    return ", ".join(named)


def parents() -> dict[str, str]:
    """The group of each community (groups are not in it)."""
    return dict(Community.objects.filter(parent__isnull=False).values_list("code", "parent__code"))


def with_groups(codes: Iterable[str], parent_of: dict[str, str]) -> list[str]:
    """Each code and the group it rolls up to, each once: monitoring counts a report under
    "Chinese" and under "East or South East Asian", once each however many it names."""
    found: list[str] = []
    for code in codes:
        for node in (code, parent_of.get(code)):
            if node and node not in found:
                found.append(node)
    return found
