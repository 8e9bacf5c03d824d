"""An area's boundary as it is stored: a GeoJSON Polygon or MultiPolygon in longitude and latitude
(WGS 84), checked and simplified so that a force's whole map stays a few tens of kilobytes.

Simplification is Ramer-Douglas-Peucker on the degrees, starting at about 50 metres and
coarsening until the area has at most MAX_POINTS points; the monitoring map draws these shapes
a few hundred pixels wide, where finer detail cannot be seen.
"""

from __future__ import annotations

import math
from typing import Any

DECIMALS = 5  # about a metre
FIRST_TOLERANCE = 0.0005  # degrees, about 50 metres
MAX_POINTS = 1500  # per area, after simplification
MAX_RAW_POINTS = 2_000_000  # per area, before: beyond this the file is not a simplified one

Point = tuple[float, float]
Ring = list[Point]


class BadGeometry(ValueError):
    """A geometry this service cannot store; the message is one line."""


def clean_geometry(geometry: Any) -> dict[str, Any]:
    """A checked, simplified copy of a GeoJSON Polygon or MultiPolygon."""
    if not isinstance(geometry, dict):
        raise BadGeometry("the geometry must be an object")
    kind, coordinates = geometry.get("type"), geometry.get("coordinates")
    if kind == "Polygon":
        polygons = [_polygon(coordinates)]
    elif kind == "MultiPolygon":
        if not isinstance(coordinates, list) or not coordinates:
            raise BadGeometry("a MultiPolygon needs a list of polygons")
        polygons = [_polygon(polygon) for polygon in coordinates]
    else:
        raise BadGeometry(f"the geometry must be a Polygon or a MultiPolygon, not {kind!r}")
    if sum(len(ring) for polygon in polygons for ring in polygon) > MAX_RAW_POINTS:
        raise BadGeometry(f"more than {MAX_RAW_POINTS:,} points: simplify the boundaries first")
    simplified = _simplified(polygons)
    as_lists = [[[list(point) for point in ring] for ring in polygon] for polygon in simplified]
    if len(as_lists) == 1:
        return {"type": "Polygon", "coordinates": as_lists[0]}
    return {"type": "MultiPolygon", "coordinates": as_lists}


def polygons_of(geometry: dict[str, Any]) -> list[list[Ring]]:
    """The polygons (outer ring first, then holes) of a stored geometry."""
    coordinates = geometry["coordinates"]
    if geometry["type"] == "Polygon":
        coordinates = [coordinates]
    return [[[(p[0], p[1]) for p in ring] for ring in polygon] for polygon in coordinates]


def _polygon(rings: Any) -> list[Ring]:
    if not isinstance(rings, list) or not rings:
        raise BadGeometry("a polygon needs a list of rings")
    return [_ring(ring) for ring in rings]


def _ring(positions: Any) -> Ring:
    if not isinstance(positions, list) or len(positions) < 4:
        raise BadGeometry("a ring needs at least 4 positions")
    ring: Ring = []
    for position in positions:
        if (
            not isinstance(position, list | tuple)
            or len(position) < 2
            or not all(_is_number(v) for v in position[:2])
        ):
            raise BadGeometry("a position must be [longitude, latitude] numbers")
        lon, lat = float(position[0]), float(position[1])
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            raise BadGeometry(
                f"position [{lon:g}, {lat:g}] is not longitude and latitude (WGS 84); convert "
                "the file first (for example ogr2ogr -t_srs EPSG:4326 out.geojson in.geojson)"
            )
        ring.append((round(lon, DECIMALS), round(lat, DECIMALS)))
    if ring[0] != ring[-1]:
        ring.append(ring[0])
    return ring


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _simplified(polygons: list[list[Ring]]) -> list[list[Ring]]:
    tolerance = FIRST_TOLERANCE
    while True:
        out = []
        for polygon in polygons:
            outer = _douglas_peucker(polygon[0], tolerance)
            if len(outer) < 4:
                continue  # an island smaller than the tolerance
            holes = [_douglas_peucker(hole, tolerance) for hole in polygon[1:]]
            out.append([outer, *(hole for hole in holes if len(hole) >= 4)])
        if not out:  # everything was tiny: keep the largest shape as it was
            out = [max(polygons, key=lambda polygon: _extent(polygon[0]))]
        if sum(len(ring) for polygon in out for ring in polygon) <= MAX_POINTS:
            return out
        tolerance *= 2


def _extent(ring: Ring) -> float:
    xs, ys = [p[0] for p in ring], [p[1] for p in ring]
    return (max(xs) - min(xs)) * (max(ys) - min(ys))


def _douglas_peucker(ring: Ring, tolerance: float) -> Ring:
    """The ring with the points that stray less than `tolerance` from the line dropped
    (iterative, so a long ring cannot exhaust the stack)."""
    ring = _radial(ring, tolerance / 2)
    if len(ring) <= 4:
        return ring
    keep = [False] * len(ring)
    keep[0] = keep[-1] = True
    # A closed ring's ends are the same point: split it at its farthest point first.
    far = max(range(len(ring)), key=lambda i: _squared(ring[i], ring[0]))
    keep[far] = True
    stack = [(0, far), (far, len(ring) - 1)]
    while stack:
        first, last = stack.pop()
        worst, index = 0.0, -1
        for i in range(first + 1, last):
            distance = _distance(ring[i], ring[first], ring[last])
            if distance > worst:
                worst, index = distance, i
        if index >= 0 and worst > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [point for point, kept in zip(ring, keep, strict=True) if kept]


def _radial(ring: Ring, distance: float) -> Ring:
    """A first pass in one sweep: drop points nearer than `distance` to the last one kept (a
    dense file's rings shrink a hundredfold before Douglas-Peucker's slower passes)."""
    kept = [ring[0]]
    limit = distance * distance
    for point in ring[1:-1]:
        if _squared(point, kept[-1]) >= limit:
            kept.append(point)
    kept.append(ring[-1])
    return kept if len(kept) >= 4 else ring


def _squared(a: Point, b: Point) -> float:
    return (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2


def _distance(point: Point, start: Point, end: Point) -> float:
    """From `point` to the segment start-end."""
    length = _squared(start, end)
    if length == 0:
        return math.sqrt(_squared(point, start))
    t = (point[0] - start[0]) * (end[0] - start[0]) + (point[1] - start[1]) * (end[1] - start[1])
    t = max(0.0, min(1.0, t / length))
    nearest = (start[0] + t * (end[0] - start[0]), start[1] + t * (end[1] - start[1]))
    return math.sqrt(_squared(point, nearest))
