"""Charts drawn on the server as SVG: no script, no third-party code, readable without colour.

Every chart has a title and a description for screen readers, and the page puts a table of the
same numbers beside it (the accessible alternative).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

from django.utils.safestring import SafeString, mark_safe

from .selectors import TrendPoint

WIDTH, HEIGHT = 720, 300
LEFT, RIGHT, TOP, BOTTOM = 48, 16, 36, 40


@dataclass
class Marker:
    date: dt.date
    label: str


def _scale(points: list[TrendPoint]) -> float:
    values = [p.observed for p in points] + [p.upper or 0 for p in points]
    values += [p.year_before or 0 for p in points]
    values += [p.nowcast[2] for p in points if p.nowcast]
    return max([*values, 1]) * 1.1


def trend_svg(
    points: list[TrendPoint],
    *,
    title: str,
    description: str,
    markers: Sequence[Marker] = (),
) -> SafeString:
    if not points:
        return mark_safe("")
    top = _scale(points)
    n = len(points)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(i: float) -> float:
        return LEFT + (plot_w * i / max(n - 1, 1))

    def y(v: float) -> float:
        return TOP + plot_h - plot_h * v / top

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="chart-title chart-desc" class="monitoring-chart" width="100%">',
        f'<title id="chart-title">{escape(title)}</title>',
        f'<desc id="chart-desc">{escape(" ".join([description, nowcast_text(points)]).strip())}'
        "</desc>",
        f'<rect x="0" y="0" width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
    ]
    for tick in range(5):
        value = top * tick / 4
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(value):.1f}" y2="{y(value):.1f}" '
            f'stroke="#b1b4b6" stroke-width="0.5"/>'
            f'<text x="{LEFT - 6}" y="{y(value) + 4:.1f}" text-anchor="end" font-size="11" '
            f'fill="#0b0c0c">{value:.0f}</text>'
        )
    band = [(i, p) for i, p in enumerate(points) if p.expected is not None and p.upper is not None]
    if band:
        upper = " ".join(f"{x(i):.1f},{y(p.upper or 0):.1f}" for i, p in band)
        lower = " ".join(f"{x(i):.1f},{y(p.expected or 0):.1f}" for i, p in reversed(band))
        parts.append(f'<polygon points="{upper} {lower}" fill="#d2e2f1" stroke="none"/>')
        expected = " ".join(f"{x(i):.1f},{y(p.expected or 0):.1f}" for i, p in band)
        parts.append(
            f'<polyline points="{expected}" fill="none" stroke="#5694ca" stroke-dasharray="4 3"/>'
        )
    if any(p.year_before for p in points):
        before = " ".join(f"{x(i):.1f},{y(p.year_before or 0):.1f}" for i, p in enumerate(points))
        parts.append(
            f'<polyline points="{before}" fill="none" stroke="#505a5f" stroke-width="1" '
            f'stroke-dasharray="1 3"/>'
        )
    observed = " ".join(f"{x(i):.1f},{y(p.observed):.1f}" for i, p in enumerate(points))
    parts.append(f'<polyline points="{observed}" fill="none" stroke="#0b0c0c" stroke-width="2"/>')
    parts += _nowcast_marks(points, x, y)
    for i, p in enumerate(points):
        if p.alarm:
            parts.append(
                f'<path d="M{x(i):.1f},{y(p.observed) - 9:.1f} l6,10 l-12,0 z" fill="#d4351c" '
                f'stroke="#0b0c0c"><title>Alarm: {p.period.isoformat()}, {p.observed}</title>'
                "</path>"
            )
    first, last = points[0].period, points[-1].period
    span = max((last - first).days, 1)
    for k, marker in enumerate(markers):
        if not first <= marker.date <= last:
            continue
        mx = LEFT + plot_w * (marker.date - first).days / span
        parts.append(
            f'<line x1="{mx:.1f}" x2="{mx:.1f}" y1="{TOP}" y2="{TOP + plot_h}" stroke="#912b88" '
            f'stroke-dasharray="6 3"/><text x="{mx + 3:.1f}" y="{TOP - 6 - 12 * (k % 2)}" '
            f'font-size="11" fill="#912b88">{escape(marker.label[:40])}</text>'
        )
    # The first and last dates are anchored at their ends, so neither runs off the chart.
    for i, anchor in ((0, "start"), (n // 2, "middle"), (n - 1, "end")):
        parts.append(
            f'<text x="{x(i):.1f}" y="{HEIGHT - 14}" text-anchor="{anchor}" font-size="11" '
            f'fill="#0b0c0c">{points[i].period.isoformat()}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text is escaped above


NOWCAST_INK = "#f47738"  # orange, with a dashed line and open circles: not only a colour


def nowcast_text(points: list[TrendPoint]) -> str:
    """The corrected periods in words, for the chart's description (screen readers)."""
    shown = [p for p in points if p.nowcast]
    if not shown:
        return ""
    each = "; ".join(
        f"{p.period.isoformat()}: {p.observed} reported so far, about {round(est)} "
        f"once fully reported (90% interval {round(low)} to {round(high)})"
        for p in shown
        for est, low, high in [p.nowcast or (0.0, 0.0, 0.0)]
    )
    count = "period is" if len(shown) == 1 else f"{len(shown)} periods are"
    return (
        f"The last {count} not yet fully reported; the dashed orange line with open circles "
        f"and bars shows the count corrected for reports still to come, with its 90% "
        f"interval: {each}."
    )


def _nowcast_marks(points: list[TrendPoint], x: Any, y: Any) -> list[str]:
    """A dashed line from the last complete count through the corrected estimates, each an
    open circle on a bar from the interval's low to high end."""
    marked = [i for i, p in enumerate(points) if p.nowcast]
    if not marked:
        return []
    parts = []
    path = [(i, p.nowcast[0]) for i, p in enumerate(points) if p.nowcast]
    if marked[0] > 0:
        path.insert(0, (marked[0] - 1, points[marked[0] - 1].observed))
    line = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in path)
    parts.append(
        f'<polyline points="{line}" fill="none" stroke="{NOWCAST_INK}" stroke-width="2" '
        f'stroke-dasharray="6 4" class="nowcast-line"/>'
    )
    for i in marked:
        estimate, low, high = points[i].nowcast or (0.0, 0.0, 0.0)
        cx = x(i)
        parts.append(
            f'<g class="nowcast"><title>{points[i].period.isoformat()}: {points[i].observed} '
            f"reported so far; corrected about {round(estimate)} (90% interval {round(low)} "
            f"to {round(high)})</title>"
            f'<line x1="{cx:.1f}" x2="{cx:.1f}" y1="{y(low):.1f}" y2="{y(high):.1f}" '
            f'stroke="{NOWCAST_INK}" stroke-width="2"/>'
            f'<line x1="{cx - 4:.1f}" x2="{cx + 4:.1f}" y1="{y(high):.1f}" y2="{y(high):.1f}" '
            f'stroke="{NOWCAST_INK}" stroke-width="2"/>'
            f'<line x1="{cx - 4:.1f}" x2="{cx + 4:.1f}" y1="{y(low):.1f}" y2="{y(low):.1f}" '
            f'stroke="{NOWCAST_INK}" stroke-width="2"/>'
            f'<circle cx="{cx:.1f}" cy="{y(estimate):.1f}" r="4.5" fill="#ffffff" '
            f'stroke="{NOWCAST_INK}" stroke-width="2"/></g>'
        )
    return parts
