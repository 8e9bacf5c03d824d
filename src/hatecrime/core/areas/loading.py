"""Loading a force's areas from a file's rows: an upsert by slug or code, in one transaction,
with an audit row per force and area created or changed.

An area's slug never changes once it exists (stored counts, staff links and addresses use it),
and a file never moves an area from one force to another: both are refused with one line
naming the row. With `replace`, areas the file does not list are removed when nothing refers
to them, and made inactive otherwise (reports, cases and staff keep their area); the central
triage queue is never touched.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Count, Max, Min, ProtectedError

from hatecrime.audit.actions import record_event
from hatecrime.core.models import Area, Force

from .files import AreaFileError, AreaRow


@dataclass
class LoadResult:
    forces_created: list[str] = field(default_factory=list)
    created: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    made_inactive: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    def summary(self) -> str:
        parts = [
            f"{len(self.created)} areas added",
            f"{len(self.changed)} changed",
            f"{len(self.unchanged)} unchanged",
        ]
        if self.made_inactive or self.removed:
            parts.append(f"{len(self.removed)} removed, {len(self.made_inactive)} made inactive")
        if self.forces_created:
            parts.append(f"new force {', '.join(self.forces_created)}")
        return "; ".join(parts)


class _DryRun(Exception):
    def __init__(self, result: LoadResult) -> None:
        self.result = result


def do_load_areas(
    *, actor: Any, rows: list[AreaRow], replace: bool = False, dry_run: bool = False
) -> LoadResult:
    """Load the rows (AreaFileError when one cannot be loaded: nothing is written). With
    `dry_run` everything is checked and counted, then rolled back."""
    try:
        with transaction.atomic():
            result = LoadResult()
            forces = _forces(actor, rows, result)
            loaded = {_load_area(actor, row, forces[row.force_code], result) for row in rows}
            if replace:
                _retire_others(actor, loaded, result)
            _check_tiles_apart()
            if dry_run:
                raise _DryRun(result)
    except _DryRun as done:
        return done.result
    return result


def _forces(actor: Any, rows: list[AreaRow], result: LoadResult) -> dict[str, Force]:
    forces: dict[str, Force] = {}
    for row in rows:
        if row.force_code in forces:
            continue
        named = next((r.force_name for r in rows if r.force_code == row.force_code and
                      r.force_name), "")  # fmt: skip
        force = Force.objects.filter(code=row.force_code).first()
        if force is None:
            if not named:
                raise AreaFileError(
                    f"{row.where}: force {row.force_code} is new: give its name "
                    "(--force-name or a force_name column)"
                )
            force = Force.objects.create(code=row.force_code, name=named)
            record_event(
                "collect", actor=actor, object_type="force", object_id=force.code,
                fields=["code", "name"],
            )  # fmt: skip
            result.forces_created.append(force.name)
        elif named and named != force.name:
            force.name = named
            force.save(update_fields=["name"])
            record_event("alter", actor=actor, object_type="force", object_id=force.code,
                         fields=["name"])  # fmt: skip
        forces[row.force_code] = force
    return forces


def _load_area(actor: Any, row: AreaRow, force: Force, result: LoadResult) -> int:
    area = Area.objects.select_related("force").filter(slug=row.slug).first()
    code = row.values.get("code")
    holder = Area.objects.filter(code=code).first() if code else None
    if holder is not None and (area is None or holder.pk != area.pk):
        raise AreaFileError(
            f"{row.where}: code {code} is already area {holder.slug!r} (a slug never changes)"
        )
    if area is not None and area.is_triage:
        raise AreaFileError(f"{row.where}: {row.slug!r} is the central triage queue")
    if area is not None and area.force is not None and area.force.pk != force.pk:
        raise AreaFileError(
            f"{row.where}: {row.slug!r} is an area of {area.force.name}, not {force.name}"
        )
    wanted: dict[str, Any] = {"name": row.name, "force": force, **row.values}
    if area is None:
        area = Area.objects.create(slug=row.slug, **wanted)
        record_event("collect", actor=actor, object_type="area", object_id=area.slug,
                     fields=sorted(wanted))  # fmt: skip
        result.created.append(area.slug)
        return area.pk
    changed = sorted(name for name, value in wanted.items() if getattr(area, name) != value)
    if changed:
        for name in changed:
            setattr(area, name, wanted[name])
        area.save(update_fields=changed)
        record_event("alter", actor=actor, object_type="area", object_id=area.slug,
                     fields=changed)  # fmt: skip
        result.changed.append(area.slug)
    else:
        result.unchanged.append(area.slug)
    return area.pk


def _check_tiles_apart() -> None:
    """Two active areas of one force on one tile would hide each other on the map."""
    tiles = (
        Area.objects.filter(is_active=True, tile_row__isnull=False, force__isnull=False)
        .values("force", "tile_row", "tile_col")
        .annotate(areas=Count("pk"), first=Min("slug"), last=Max("slug"))
        .filter(areas__gt=1)
        .order_by("force", "tile_row", "tile_col")[:1]
    )
    shared = next(iter(tiles), None)
    if shared is not None:
        raise AreaFileError(
            f"{shared['first']!r} and {shared['last']!r} would share the tile "
            f"({shared['tile_row']}, {shared['tile_col']}) of their force's map"
        )


def _retire_others(actor: Any, loaded: set[int], result: LoadResult) -> None:
    others = Area.objects.filter(is_triage=False).exclude(pk__in=loaded)
    for area in others.order_by("slug"):
        if not _remove_if_unused(area):
            if area.is_active:
                area.is_active = False
                area.save(update_fields=["is_active"])
                record_event("alter", actor=actor, object_type="area", object_id=area.slug,
                             fields=["is_active"])  # fmt: skip
                result.made_inactive.append(area.slug)
            continue
        record_event("erase", actor=actor, object_type="area", object_id=area.slug,
                     fields=["area"])  # fmt: skip
        result.removed.append(area.slug)
    for force in Force.objects.filter(areas__isnull=True):
        code = force.code
        force.delete()
        record_event("erase", actor=actor, object_type="force", object_id=code, fields=["force"])


def _remove_if_unused(area: Area) -> bool:
    """Delete an area nothing refers to; False (and nothing done) when something does. Staff
    and support organisations would lose it silently, so they count as referring to it."""
    if area.staff.exists() or area.support_organisations.exists():  # type: ignore[attr-defined]
        return False
    try:
        with transaction.atomic():
            area.delete()
    except ProtectedError:
        return False
    return True
