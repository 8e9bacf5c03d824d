"""User and area administration: each write is atomic and writes its audit row with it.

A change of role, areas or active state applies at once: every request reloads the user, and
what they may see is decided from the role and areas at that moment.
"""

import secrets
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils.text import slugify

from hatecrime.accounts.models import Role, User
from hatecrime.audit.actions import record_event
from hatecrime.core.models import Area, Community

# `oidc_subject` links the account to the person at the identity provider (ADR 0503).
USER_FIELDS = [
    "username",
    "first_name",
    "last_name",
    "email",
    "role",
    "direct_phone",
    "oidc_subject",
]


@transaction.atomic
def do_create_user(
    *, actor: User, password: str, areas: Iterable[Area] = (), **fields: Any
) -> User:
    user = User(**{name: value for name, value in fields.items() if name in USER_FIELDS})
    user.set_password(password)
    # The administrator chose this password and passed it on: the person replaces it.
    user.must_change_password = True
    user.save()
    user.areas.set(list(areas))
    record_event(
        "collect",
        actor=actor,
        object_type="user",
        object_id=str(user.pk),
        fields=[*fields.keys(), "areas", "password"],
    )
    return user


@transaction.atomic
def do_update_user(*, actor: User, user: User, areas: Iterable[Area], **fields: Any) -> User:
    changed = [
        name for name in USER_FIELDS if name in fields and getattr(user, name) != fields[name]
    ]
    for name in changed:
        setattr(user, name, fields[name])
    user.save()
    new_areas = {area.pk for area in areas}
    if new_areas != set(user.areas.values_list("pk", flat=True)):
        user.areas.set(list(new_areas))
        changed.append("areas")
    if changed:
        record_event(
            "alter", actor=actor, object_type="user", object_id=str(user.pk), fields=changed
        )
    return user


@transaction.atomic
def do_change_password(*, actor: User, user: User, password: str) -> User:
    """Set a password the caller has already checked against AUTH_PASSWORD_VALIDATORS (the
    forms run them). Other sessions of the user end: their session hash no longer matches."""
    user.set_password(password)
    user.must_change_password = False
    user.save(update_fields=["password", "must_change_password"])
    record_event(
        "alter",
        actor=actor,
        object_type="user",
        object_id=str(user.pk),
        fields=["password"],
        detail={"by": "self" if actor.pk == user.pk else "administrator"},
    )
    return user


def _temporary_password() -> str:
    # 4 groups of 4 from an alphabet without look-alikes (about 80 bits): read out or typed.
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    return "-".join("".join(secrets.choice(alphabet) for _ in range(4)) for _ in range(4))


@transaction.atomic
def do_issue_temporary_password(*, actor: User, user: User) -> str:
    """An administrator's reset: a temporary password, shown once to the administrator, that
    signs the person in once and only to choose their own (no email links for staff)."""
    password = _temporary_password()
    user.set_password(password)
    user.must_change_password = True
    user.save(update_fields=["password", "must_change_password"])
    record_event(
        "alter",
        actor=actor,
        object_type="user",
        object_id=str(user.pk),
        fields=["password"],
        detail={"reason": "temporary_password_issued"},
    )
    return password


@transaction.atomic
def do_set_user_active(*, actor: User, user: User, active: bool) -> User:
    user.is_active = active
    user.save(update_fields=["is_active"])
    record_event(
        "alter",
        actor=actor,
        object_type="user",
        object_id=str(user.pk),
        fields=["is_active"],
        detail={"active": active},
    )
    return user


AREA_FIELDS = (
    "name", "code", "force", "csu_phone", "csu_hours", "tile_row", "tile_col", "is_active",
)  # fmt: skip


@transaction.atomic
def do_update_area(*, actor: User, area: Area, **values: Any) -> Area:
    """Change an area's details or its tile (administrators); the slug never changes. Audited
    with the names of the fields changed."""
    unknown = set(values) - set(AREA_FIELDS)
    if unknown:
        raise TypeError(f"not an area field: {sorted(unknown)}")
    changed = [field for field, value in values.items() if getattr(area, field) != value]
    for field, value in values.items():
        setattr(area, field, value)
    area.save()
    if changed:
        record_event("alter", actor=actor, object_type="area", object_id=area.slug, fields=changed)
    return area


@transaction.atomic
def do_save_support_organisation(
    *, actor: User, organisation: Any, areas: Iterable[Area] = (), **fields: Any
) -> Any:
    """Create or change an entry of the support organisations directory (administrators).
    The support app has no action for this; the directory holds no personal data."""
    adding = organisation.pk is None
    changed = [name for name, value in fields.items() if getattr(organisation, name) != value]
    for name, value in fields.items():
        setattr(organisation, name, value)
    organisation.save()
    if organisation.offered_by_default:
        # One general victim service: choosing this one unchooses the one before.
        others = (
            type(organisation).objects.filter(offered_by_default=True).exclude(pk=organisation.pk)
        )
        for other in others:
            other.offered_by_default = False
            other.save(update_fields=["offered_by_default"])
            record_event(
                "alter",
                actor=actor,
                object_type="support_organisation",
                object_id=str(other.pk),
                fields=["offered_by_default"],
            )
    area_ids = {area.pk for area in areas}
    if area_ids != set(organisation.areas.values_list("pk", flat=True)):
        organisation.areas.set(list(area_ids))
        changed.append("areas")
    if adding or changed:
        record_event(
            "collect" if adding else "alter",
            actor=actor,
            object_type="support_organisation",
            object_id=str(organisation.pk),
            fields=sorted(changed),
        )
    return organisation


@transaction.atomic
def do_save_community(*, actor: User, community: Community, **fields: Any) -> Community:
    """Add a node to the targeted-community taxonomy, or change one (administrators). Nodes
    are made inactive rather than deleted: reports and cases keep their codes."""
    adding = community.pk is None
    changed = [name for name, value in fields.items() if getattr(community, name) != value]
    for name, value in fields.items():
        setattr(community, name, value)
    community.save()
    if adding or changed:
        record_event(
            "collect" if adding else "alter",
            actor=actor,
            object_type="community",
            object_id=community.code,
            fields=sorted(fields if adding else changed),
        )
    return community


@transaction.atomic
def do_create_reporting_centre(*, actor: User | str, name: str) -> User | None:
    """A reporting centre's account: no password (it cannot sign in to staff pages), no areas;
    its systems send reports with an API token. None when the name is taken."""
    base = "centre-" + (slugify(name)[:100] or "unnamed")
    if User.objects.filter(role=Role.REPORTING_CENTRE, first_name=name).exists():
        return None
    username, suffix = base, 1
    while User.objects.filter(username=username).exists():
        suffix += 1
        username = f"{base}-{suffix}"
    centre = User(username=username, first_name=name, role=Role.REPORTING_CENTRE)
    centre.set_unusable_password()
    centre.save()
    record_event(
        "collect",
        actor=actor,
        object_type="user",
        object_id=str(centre.pk),
        fields=["username", "first_name", "role"],
    )
    return centre
