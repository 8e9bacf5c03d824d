"""`hatecrime load_areas FILE`: a force's areas from a CSV or GeoJSON file, loaded again without
change, and every bad file refused with one line (docs/adr/0760-areas-and-maps-as-data.md)."""

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from hatecrime.audit.models import AuditEvent
from hatecrime.core.areas import KENT, LONDON
from hatecrime.core.models import Area, Force

pytestmark = pytest.mark.django_db

SRC = Path(__file__).resolve().parents[2] / "src"


def load(*args):
    out = StringIO()
    call_command("load_areas", *map(str, args), stdout=out)
    return out.getvalue().strip()


def square(west, south, size=0.1):
    ring = [[west, south], [west + size, south], [west + size, south + size],
            [west, south + size], [west, south]]  # fmt: skip
    return {"type": "Polygon", "coordinates": [ring]}


def feature(properties, geometry):
    return {"type": "Feature", "properties": properties, "geometry": geometry}


def geojson(tmp_path, features, name="areas.geojson"):
    path = tmp_path / name
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    return path


def csv_file(tmp_path, text, name="areas.csv"):
    path = tmp_path / name
    path.write_text(text)
    return path


def test_kent_loads_beside_london_as_a_force_of_its_own():
    said = load(KENT)
    assert said == "kent.csv: 13 areas added; 0 changed; 0 unchanged; new force Kent Police"
    kent = Force.objects.get(code="E23000032")
    assert kent.name == "Kent Police" and kent.areas.count() == 13
    medway = Area.objects.get(slug="medway")
    assert (medway.code, medway.tile_row, medway.tile_col) == ("E06000035", 0, 2)
    assert Area.objects.get(slug="hackney").force.name == "Metropolitan Police Service"
    assert AuditEvent.objects.filter(kind="collect", object_type="area").count() == 13


def test_loading_the_same_file_again_changes_nothing():
    load(KENT)
    before = AuditEvent.objects.count()
    assert load(KENT) == "kent.csv: 0 areas added; 0 changed; 13 unchanged"
    assert load(LONDON) == "london.csv: 0 areas added; 0 changed; 32 unchanged"
    assert AuditEvent.objects.count() == before


def test_a_changed_row_updates_that_area_matched_by_its_code(tmp_path):
    load(KENT)
    renamed = csv_file(tmp_path, "slug,name,code,force_code\nswale,Swale Borough,E07000113,"
                       "E23000032\n")  # fmt: skip
    assert load(renamed) == "areas.csv: 0 areas added; 1 changed; 0 unchanged"
    assert Area.objects.get(code="E07000113").name == "Swale Borough"
    assert AuditEvent.objects.filter(kind="alter", object_id="swale").get().fields == ["name"]


def test_columns_the_file_does_not_have_are_left_as_they_are(tmp_path):
    Area.objects.filter(slug="hackney").update(csu_phone="020 7946 0100")
    names_only = csv_file(tmp_path, "slug,name\nhackney,Hackney\n")
    assert load(names_only, "--force-code", "E23000001").endswith("1 unchanged")
    hackney = Area.objects.get(slug="hackney")
    assert hackney.csu_phone == "020 7946 0100" and hackney.tile_row == 2


def test_the_force_can_come_from_the_options_and_the_slug_from_the_name(tmp_path):
    path = csv_file(tmp_path, "name,code\nVale of White Horse,E07000180\n")
    load(path, "--force-code", "E23000029", "--force-name", "Thames Valley Police")
    area = Area.objects.get(code="E07000180")
    assert area.slug == "vale-of-white-horse" and area.force.name == "Thames Valley Police"


def test_a_dry_run_checks_and_counts_but_changes_nothing():
    said = load(KENT, "--dry-run")
    assert said.startswith("dry run, nothing changed: kent.csv: 13 areas added")
    assert not Area.objects.filter(slug="medway").exists()
    assert not Force.objects.filter(code="E23000032").exists()
    assert not AuditEvent.objects.exists()


def test_replace_removes_the_areas_the_file_does_not_list_and_keeps_used_ones_inactive(
    alice, tmp_path
):
    said = load(KENT, "--replace")
    assert said.endswith("31 removed, 1 made inactive; new force Kent Police")
    # Alice works in Hackney: it stays, inactive; the other boroughs and the triage queue go.
    assert list(Area.objects.filter(force__code="E23000001").values_list("slug", "is_active")) == [
        ("hackney", False)
    ]
    assert Area.objects.filter(slug=Area.UNKNOWN, is_triage=True).exists()
    assert Area.objects.filter(is_active=True, is_triage=False).count() == 13


def test_a_geojson_file_gives_boundaries_simplified(tmp_path):
    wiggly = square(1.0, 51.0)
    ring = wiggly["coordinates"][0]
    # 400 points on one side, none of them more than a metre off the line
    ring[1:1] = [[1.0 + i / 4000, 51.0 + (i % 2) * 0.00001] for i in range(1, 400)]
    path = geojson(tmp_path, [
        feature({"LAD24CD": "E07000108", "LAD24NM": "Dover"}, wiggly),
        feature({"name": "Thanet", "code": "E07000114"}, square(1.3, 51.3)),
    ])  # fmt: skip
    said = load(path, "--force-code", "E23000032", "--force-name", "Kent Police")
    assert said.startswith("areas.geojson: 2 areas added")
    dover = Area.objects.get(slug="dover")
    assert dover.code == "E07000108" and dover.tile_row is None
    assert dover.boundary["type"] == "Polygon"
    assert len(dover.boundary["coordinates"][0]) == 5  # the straight side is one line again


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the file is empty: the first line must name the columns"),
        ("slug,code\nx,E1\n", "the file has no 'name' column"),
        ("name,colour\nX,red\n", "unknown column 'colour': the columns are slug, name, code"),
        ("name,name\nX,Y\n", "the column 'name' is given twice"),
        ("name\n", "the file has no areas"),
        ("name,force_code\nDover,K\nDover,K\n", "line 3: duplicate slug 'dover' (line 2)"),
        ("name,code,force_code\nA,E1,K\nB,E1,K\n", "line 3: duplicate code 'E1' (line 2)"),
        ("name\nDover\n", "line 2: no force: give --force-code and --force-name, or force_code"),
        ("name,force_code\nDover,NEW\n", "line 2: force NEW is new: give its name"),
        ("name,force_code,tile_row\nDover,K,1\n", "line 2: give both tile_row and tile_col"),
        ("name,force_code,tile_row,tile_col\nA,K,x,1\n", "line 2: tile_row and tile_col must be"),
        ("slug,name,force_code\nBad Slug,A,K\n", "line 2: slug 'Bad Slug' must be lower case"),
        ("slug,name,force_code\nunknown,A,K\n", "line 2: 'unknown' is the central triage queue"),
        ("name,force_code\nA,K,extra\n", "line 2: 3 values for 2 columns"),
        ("name,force_code\n" + "x" * 129 + ",K\n", "line 2: name is longer than 128 characters"),
        ("slug,name,force_code\nswale,Swale,E23000001\n", "line 2: 'swale' is an area of Kent"),
        ("slug,name,code,force_code\nx,X,E09000012,E23000001\n", "line 2: code E09000012 is"),
        (
            "slug,name,force_code,tile_row,tile_col\nsutton,Sutton,E23000001,2,5\n",
            "'hackney' and 'sutton' would share the tile (2, 5) of their force's map",
        ),
    ],
)
def test_a_bad_csv_is_refused_in_one_line_and_nothing_changes(tmp_path, text, message):
    load(KENT)
    Force.objects.get_or_create(code="K", defaults={"name": "A force"})
    before = AuditEvent.objects.count()
    with pytest.raises(CommandError) as refused:
        load(csv_file(tmp_path, text))
    said = str(refused.value)
    assert said.startswith(f"areas.csv: {message}") and "\n" not in said
    assert AuditEvent.objects.count() == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"type": "FeatureCollection", "features": [', "not valid GeoJSON: line 1, column 44"),
        ('{"type": "Feature"}', "not valid GeoJSON: the file must be a FeatureCollection"),
        ('{"type": "FeatureCollection", "features": {}}', "not valid GeoJSON: 'features' must be"),
        ('{"type": "FeatureCollection", "features": [1]}', "feature 1: not a GeoJSON Feature"),
        ('{"type": "FeatureCollection", "features": []}', "the file has no areas"),
        (
            '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": '
            '{"name": [1]}}]}',
            "feature 1: name must be text or a number",
        ),
        ("[" * 100_000, "not valid GeoJSON"),
    ],
)
def test_bad_geojson_is_refused_in_one_line(tmp_path, content, message):
    path = tmp_path / "areas.geojson"
    path.write_text(content)
    with pytest.raises(CommandError) as refused:
        load(path, "--force-code", "E23000032", "--force-name", "Kent Police")
    assert str(refused.value).startswith(f"areas.geojson: {message}")
    assert "\n" not in str(refused.value)


@pytest.mark.parametrize(
    ("geometry", "message"),
    [
        ({"type": "Point", "coordinates": [1, 51]}, "must be a Polygon or a MultiPolygon"),
        ({"type": "Polygon", "coordinates": [[[1, 51], [2, 51]]]}, "at least 4 positions"),
        ({"type": "Polygon", "coordinates": [[[1, 51], [2, "x"], [2, 52], [1, 51]]]}, "numbers"),
        (square(530000, 180000), "is not longitude and latitude (WGS 84); convert the file"),
        ({"type": "MultiPolygon", "coordinates": []}, "a MultiPolygon needs a list of polygons"),
    ],
)
def test_a_bad_boundary_names_its_feature(tmp_path, geometry, message):
    path = geojson(tmp_path, [feature({"name": "Dover"}, geometry)])
    with pytest.raises(CommandError, match=f"feature 1: .*{message[:30]}"):
        load(path, "--force-code", "E23000032", "--force-name", "Kent Police")


def test_a_missing_or_undecodable_file_is_one_line(tmp_path):
    with pytest.raises(CommandError, match=r"^nothing.csv: cannot read .*No such file"):
        load(tmp_path / "nothing.csv")
    latin = tmp_path / "latin.csv"
    latin.write_bytes("name\nMöhne\n".encode("latin-1"))
    with pytest.raises(CommandError, match=r"^latin.csv: the file is not UTF-8 text"):
        load(latin)


def test_the_console_script_says_one_line_and_exits_with_1(tmp_path):
    bad = csv_file(tmp_path, "name,colour\nX,red\n")
    env = {
        "PATH": os.environ["PATH"], "PYTHONPATH": str(SRC), "HATECRIME_VAR_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "hatecrime.settings.base",
    }  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-m", "hatecrime", "load_areas", str(bad)],
        env=env, capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    assert done.returncode == 1
    errors = [line for line in done.stderr.splitlines() if "INFO" not in line]
    assert errors == [
        "CommandError: areas.csv: unknown column 'colour': the columns are slug, name, code, "
        "force_code, force_name, tile_row, tile_col, csu_phone, csu_hours, is_active"
    ]
    assert "Traceback" not in done.stderr
