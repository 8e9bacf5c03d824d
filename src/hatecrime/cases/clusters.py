"""Service-wide clusters of reports whose suspects share an identifier (name with date of birth,
online handle, phone number, vehicle registration), for a central analyst to spot persistent
offenders (docs/adr/0830). Counts, areas and dates only: no reference, no name, no identifier;
computed on the keyed hashes alone, never decrypting anything, and without the cases whose
person reported about had their data removed under the NCHI Code (ADR 0452).
"""

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count

from hatecrime.accounts.permissions import has_permission
from hatecrime.audit.actions import record_event
from hatecrime.cases.models import CROSS_AREA_KINDS, Case, CaseIdentifier, IdentifierKind

GRAPH_LIMIT = 40  # clusters drawn; the list shows them all


@dataclass
class Cluster:
    number: int
    reports: int
    areas: list[tuple[str, int]]  # (area, reports there), most first
    shared: list[str]  # what kinds of identifier tie them, in words
    first_on: dt.date
    last_on: dt.date

    @property
    def area_count(self) -> int:
        return len(self.areas)


def _groups(edges: dict[str, set[int]]) -> list[set[int]]:
    """Connected groups of cases, two cases joined when they share a digest (union-find)."""
    parent: dict[int, int] = {}

    def root(x: int) -> int:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for cases in edges.values():
        first, *rest = sorted(cases)
        for other in rest:
            parent[root(other)] = root(first)
    groups: dict[int, set[int]] = {}
    for case_id in parent:
        groups.setdefault(root(case_id), set()).add(case_id)
    return list(groups.values())


def offender_clusters(user: Any) -> list[Cluster]:
    """Every group of two or more reports tied by a suspect identifier, those spanning most
    areas first. Audited as a combination (counts only in the event)."""
    if not has_permission(user, "view_offender_clusters"):
        return []
    live = CaseIdentifier.objects.filter(
        kind__in=CROSS_AREA_KINDS, case__reported_person_data_removed_at__isnull=True
    )
    shared = (
        live.values("digest")
        .annotate(cases=Count("case_id", distinct=True))
        .filter(cases__gte=2)
        .values("digest")
    )
    edges: dict[str, set[int]] = {}
    kinds: dict[str, str] = {}
    for case_id, kind, digest in live.filter(digest__in=shared).values_list(
        "case_id", "kind", "digest"
    ):
        edges.setdefault(digest, set()).add(case_id)
        kinds[digest] = kind
    groups = _groups(edges)
    facts = {
        pk: (area, opened_at)
        for pk, area, opened_at in Case.objects.filter(
            pk__in=[pk for group in groups for pk in group]
        ).values_list("pk", "area__name", "opened_at")
    }
    clusters = []
    for group in groups:
        by_area: dict[str, int] = {}
        for pk in group:
            by_area[facts[pk][0]] = by_area.get(facts[pk][0], 0) + 1
        dates = [facts[pk][1].date() for pk in group]
        ties = {kinds[d] for d, cases in edges.items() if cases & group}
        clusters.append(
            Cluster(
                number=0,
                reports=len(group),
                areas=sorted(by_area.items(), key=lambda item: (-item[1], item[0])),
                shared=sorted(str(IdentifierKind(kind).label) for kind in ties),
                first_on=min(dates),
                last_on=max(dates),
            )
        )
    clusters.sort(key=lambda c: (-c.area_count, -c.reports, c.last_on))
    for number, cluster in enumerate(clusters, start=1):
        cluster.number = number
    record_event(
        "combine",
        actor=user,
        object_type="offender_clusters",
        object_id="all-areas",
        fields=["clusters"],
        detail={
            "clusters": len(clusters),
            "across_areas": sum(1 for c in clusters if c.area_count > 1),
        },
    )
    return clusters


@dataclass
class Node:
    x: float
    y: float
    r: float
    label: str
    title: str
    anchor: str = "middle"
    lx: float = 0.0
    ly: float = 0.0


@dataclass
class Graph:
    size: int
    areas: list[Node] = field(default_factory=list)
    clusters: list[Node] = field(default_factory=list)
    edges: list[tuple[float, float, float, float, float]] = field(default_factory=list)


def cluster_graph(clusters: list[Cluster], *, size: int = 720) -> Graph:
    """A picture for the server to draw as SVG: the areas on a ring, each cluster a node inside
    it joined to the areas of its reports (the wider the line, the more reports there)."""
    drawn = clusters[:GRAPH_LIMIT]
    graph = Graph(size=size)
    names = sorted({area for cluster in drawn for area, _count in cluster.areas})
    if not names:
        return graph
    centre, ring = size / 2, size / 2 - 120
    where: dict[str, tuple[float, float]] = {}
    for index, name in enumerate(names):
        angle = 2 * math.pi * index / len(names) - math.pi / 2
        x, y = centre + ring * math.cos(angle), centre + ring * math.sin(angle)
        where[name] = (x, y)
        reports = sum(count for c in drawn for area, count in c.areas if area == name)
        right = math.cos(angle) >= 0
        graph.areas.append(
            Node(
                x=round(x, 1),
                y=round(y, 1),
                r=6,
                label=name,
                title=f"{name}: {reports} report{'s' if reports != 1 else ''} in clusters",
                anchor="start" if right else "end",
                lx=round(x + (10 if right else -10), 1),
                ly=round(y + 4, 1),
            )
        )
    golden = math.pi * (3 - math.sqrt(5))
    for index, cluster in enumerate(drawn):
        points = [where[area] for area, _count in cluster.areas]
        cx = centre + 0.55 * (sum(p[0] for p in points) / len(points) - centre)
        cy = centre + 0.55 * (sum(p[1] for p in points) / len(points) - centre)
        spread = 9 * math.sqrt(index)
        x = round(cx + spread * math.cos(index * golden), 1)
        y = round(cy + spread * math.sin(index * golden), 1)
        for area, count in cluster.areas:
            ax, ay = where[area]
            graph.edges.append((x, y, round(ax, 1), round(ay, 1), min(1 + count, 8)))
        areas = ", ".join(f"{area} {count}" for area, count in cluster.areas)
        graph.clusters.append(
            Node(
                x=x,
                y=y,
                r=round(5 + 2 * math.sqrt(cluster.reports), 1),
                label=str(cluster.number),
                title=f"Cluster {cluster.number}: {cluster.reports} reports ({areas})",
                lx=x,
                ly=round(y + 4, 1),
            )
        )
    return graph
