"""The dashboard's map is drawn from the areas as loaded: each force's tile grid, or its
boundaries where it has no tiles, or no map at all (the table has the figures)."""

import re

import pytest
from django.core.management import call_command

from hatecrime.core.areas import KENT
from hatecrime.core.models import Area, Force
from hatecrime.monitoring.maps import area_map_svg, force_layouts

pytestmark = pytest.mark.django_db


def square(west, south, size=0.1):
    ring = [[west, south], [west + size, south], [west + size, south + size],
            [west, south + size], [west, south]]  # fmt: skip
    return {"type": "Polygon", "coordinates": [ring]}


def test_london_is_one_force_with_its_32_tiles():
    (london,) = force_layouts()
    assert london.force == "Metropolitan Police Service" and len(london.areas) == 32
    svg = area_map_svg(london, {"hackney": 7}, {"hackney"}, title="Counts", key="0")
    assert svg.count("<rect") == 32
    assert "<title>Hackney: 7 (alarm)</title>" in svg
    assert 'viewBox="0 0 544 476"' in svg  # 8 columns by 7 rows of 68 pixels


def test_a_second_force_gets_a_map_of_its_own_tiles():
    call_command("load_areas", str(KENT), stdout=None)
    layouts = {layout.force: layout for layout in force_layouts()}
    assert set(layouts) == {"Kent Police", "Metropolitan Police Service"}
    svg = area_map_svg(layouts["Kent Police"], {"medway": 3}, set(), title="Kent", key="1")
    assert svg.count("<rect") == 13 and "<title>Medway: 3</title>" in svg
    assert 'viewBox="0 0 408 204"' in svg  # 6 columns by 3 rows
    assert "Hackney" not in svg


def test_boundaries_are_drawn_as_shapes_when_a_force_has_no_tiles():
    force = Force.objects.create(code="E23000029", name="Thames Valley Police")
    Area.objects.create(slug="oxford", name="Oxford", force=force, boundary=square(-1.3, 51.7))
    Area.objects.create(slug="reading", name="Reading", force=force, boundary=square(-1.0, 51.4))
    layout = next(layout for layout in force_layouts() if layout.force == force.name)
    svg = area_map_svg(layout, {"oxford": 2}, set(), title="Thames Valley", key="2")
    assert svg.count("<path") == 2 and "<title>Oxford: 2</title>" in svg
    paths = re.findall(r'd="M([-\d.]+),([-\d.]+)', svg)
    assert all(0 <= float(x) <= 544 and float(y) >= 0 for x, y in paths)


def test_a_force_with_no_layout_has_no_map_and_an_inactive_area_no_place():
    force = Force.objects.create(code="E23000028", name="Essex Police")
    Area.objects.create(slug="basildon", name="Basildon", force=force)
    Area.objects.filter(slug="hackney").update(is_active=False)
    forces = {layout.force: layout for layout in force_layouts()}
    assert "Essex Police" not in forces
    assert len(forces["Metropolitan Police Service"].areas) == 31


def test_the_map_code_knows_no_place():
    from pathlib import Path

    import hatecrime.monitoring.maps as maps

    code = Path(maps.__file__).read_text()
    assert not re.search(r"london|hackney|borough", code, re.IGNORECASE)
