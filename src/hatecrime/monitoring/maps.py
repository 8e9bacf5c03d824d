"""The dashboard's maps of counts by area, one per force, drawn from the areas' layouts as they
are loaded (docs/adr/0760-areas-and-maps-as-data.md): the force's tile grid where its areas have
tiles; otherwise their simplified boundaries, projected simply; otherwise no map. The table
beside the map gives every area's figure either way (it is the accessible alternative, and
the only view of an area with no place on a map).

Drawn on the server as SVG, like the charts: no script, no third-party tiles or requests.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape
from typing import Any

from django.utils.safestring import SafeString, mark_safe

from hatecrime.core.areas.geometry import Ring, polygons_of
from hatecrime.core.models import Area

SHADES = ["#f3f2f1", "#d2e2f1", "#9dc3e6", "#5694ca", "#1d70b8", "#003078"]
TILE, GAP = 64, 4
SHAPES_WIDTH = 544  # the width of an 8-tile grid, so both kinds of map look alike
ALARM = "#d4351c"


@dataclass(frozen=True)
class MapArea:
    slug: str
    name: str
    tile: tuple[int, int] | None  # (row, column)
    boundary: dict[str, Any] | None


@dataclass(frozen=True)
class ForceLayout:
    force: str
    areas: list[MapArea]


def force_layouts(force: str = "") -> list[ForceLayout]:
    """Each force whose active areas have a place on a map, with those areas (one query); only
    the force of code `force` when one is given."""
    areas = (
        Area.objects.filter(is_active=True, is_triage=False, force__isnull=False)
        .select_related("force")
        .order_by("force__name", "force_id", "name")
    )
    if force:
        areas = areas.filter(force__code=force)
    layouts: dict[int, ForceLayout] = {}
    for area in areas:
        tile = None if area.tile_row is None or area.tile_col is None else (
            area.tile_row, area.tile_col)  # fmt: skip
        if tile is None and not area.boundary:
            continue
        assert area.force is not None
        layout = layouts.setdefault(area.force.pk, ForceLayout(area.force.name, []))
        layout.areas.append(MapArea(area.slug, area.name, tile, area.boundary or None))
    return list(layouts.values())


def area_map_svg(
    layout: ForceLayout, counts: dict[str, int], alarmed: set[str], *, title: str, key: str
) -> SafeString:
    """The force's map: its tiles if any area has one, else its boundaries. `counts` and
    `alarmed` are by area slug; `key` makes the SVG's ids unique on the page."""
    top = max([*counts.values(), 1])
    tiled = [area for area in layout.areas if area.tile is not None]
    if tiled:
        return _tile_map(tiled, counts, alarmed, top, title=title, key=key)
    shaped = [area for area in layout.areas if area.boundary]
    if shaped:
        return _shape_map(shaped, counts, alarmed, top, title=title, key=key)
    return mark_safe("")


def shade(count: int, top: int) -> str:
    if not count:
        return SHADES[0]
    return SHADES[min(len(SHADES) - 1, int(len(SHADES) * count / (top + 1)))]


def _ink(fill: str) -> str:
    return "#ffffff" if fill in SHADES[4:] else "#0b0c0c"


def _open(width: float, height: float, title: str, key: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'role="img" aria-labelledby="map-title-{key}" width="100%" class="monitoring-map">'
        f'<title id="map-title-{key}">{escape(title)}</title>'
    )


def _label(area: MapArea, count: int, alarmed: set[str]) -> str:
    alarm = " (alarm)" if area.slug in alarmed else ""
    return f"<title>{escape(area.name)}: {count}{alarm}</title>"


def _tile_map(
    areas: list[MapArea], counts: dict[str, int], alarmed: set[str], top: int, *, title: str,
    key: str,
) -> SafeString:  # fmt: skip
    rows = 1 + max(area.tile[0] for area in areas if area.tile)
    columns = 1 + max(area.tile[1] for area in areas if area.tile)
    parts = [_open(columns * (TILE + GAP), rows * (TILE + GAP), title, key)]
    for area in areas:
        assert area.tile is not None
        row, col = area.tile
        count = counts.get(area.slug, 0)
        fill, x, y = shade(count, top), col * (TILE + GAP), row * (TILE + GAP)
        border = f' stroke="{ALARM}" stroke-width="4"' if area.slug in alarmed else ""
        parts.append(
            f"<g>{_label(area, count, alarmed)}"
            f'<rect x="{x}" y="{y}" width="{TILE}" height="{TILE}" fill="{fill}"{border}/>'
            f'<text x="{x + TILE / 2}" y="{y + 26}" text-anchor="middle" font-size="11" '
            f'fill="{_ink(fill)}">{escape(area.name[:9])}</text>'
            f'<text x="{x + TILE / 2}" y="{y + 46}" text-anchor="middle" font-size="15" '
            f'font-weight="bold" fill="{_ink(fill)}">{count}'
            f"{' !' if area.slug in alarmed else ''}</text></g>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text is escaped above


def _shape_map(
    areas: list[MapArea], counts: dict[str, int], alarmed: set[str], top: int, *, title: str,
    key: str,
) -> SafeString:  # fmt: skip
    shapes = {area.slug: polygons_of(area.boundary or {}) for area in areas}
    points = [p for polygons in shapes.values() for polygon in polygons for p in polygon[0]]
    project = _projection(points)
    width, height = project(_far_corner(points))
    parts = [_open(width, height, title, key)]
    for area in areas:
        count = counts.get(area.slug, 0)
        fill = shade(count, top)
        border = (f'stroke="{ALARM}" stroke-width="3"' if area.slug in alarmed
                  else 'stroke="#ffffff" stroke-width="1"')  # fmt: skip
        path = " ".join(_path(ring, project) for polygon in shapes[area.slug] for ring in polygon)
        cx, cy = project(_centre(max((p[0] for p in shapes[area.slug]), key=_size)))
        parts.append(
            f'<g>{_label(area, count, alarmed)}<path d="{path}" fill="{fill}" '
            f'fill-rule="evenodd" {border}/>'
            f'<text x="{cx:.1f}" y="{cy + 5:.1f}" text-anchor="middle" font-size="13" '
            f'font-weight="bold" fill="{_ink(fill)}">{count}'
            f"{' !' if area.slug in alarmed else ''}</text></g>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text is escaped above


def _projection(points: list[tuple[float, float]]) -> Any:
    """Longitude and latitude to the map's pixels: equirectangular, squeezed by the cosine of
    the middle latitude (true enough for a force's area), scaled to SHAPES_WIDTH."""
    west, east = min(p[0] for p in points), max(p[0] for p in points)
    south, north = min(p[1] for p in points), max(p[1] for p in points)
    squeeze = math.cos(math.radians((north + south) / 2))
    scale = SHAPES_WIDTH / max((east - west) * squeeze, 1e-9)

    def project(point: tuple[float, float]) -> tuple[float, float]:
        return (point[0] - west) * squeeze * scale, (north - point[1]) * scale

    return project


def _far_corner(points: list[tuple[float, float]]) -> tuple[float, float]:
    return max(p[0] for p in points), min(p[1] for p in points)


def _path(ring: Ring, project: Any) -> str:
    projected = (project(point) for point in ring[:-1])
    return "M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in projected) + " Z"


def _size(ring: Ring) -> float:
    return abs(_signed_area(ring))


def _signed_area(ring: Iterable[tuple[float, float]]) -> float:
    points = list(ring)
    return sum(a[0] * b[1] - b[0] * a[1] for a, b in itertools.pairwise(points)) / 2


def _centre(ring: Ring) -> tuple[float, float]:
    """The centroid of a ring (where its count is written)."""
    area = _signed_area(ring)
    if abs(area) < 1e-15:
        return ring[0]
    pairs = list(itertools.pairwise(ring))
    x = sum((a[0] + b[0]) * (a[0] * b[1] - b[0] * a[1]) for a, b in pairs) / (6 * area)
    y = sum((a[1] + b[1]) * (a[0] * b[1] - b[0] * a[1]) for a, b in pairs) / (6 * area)
    return x, y
