"""Reading an areas file, CSV or GeoJSON, into rows; or one line saying what is wrong with it.

CSV: a header line, then one area per line. Columns (any order; `name` is the only one always
needed): slug, name, code, force_code, force_name, tile_row, tile_col, csu_phone, csu_hours,
is_active. GeoJSON: a FeatureCollection with one Feature per area, the same names as
properties (or ONS's own, e.g. LAD24CD and LAD24NM, for the code and the name) and the
boundary as its geometry. A column or property the file does not have leaves that field as it
is; one it has, even empty, sets it. The force comes from the columns or from the command's
--force-code and --force-name. docs/operations.md "Loading your force's areas".
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.utils.text import slugify

from hatecrime.core.models import Area, Force

from .geometry import BadGeometry, clean_geometry

MAX_FILE_BYTES = 100 * 1024 * 1024
MAX_TILE = 99
COLUMNS = (
    "slug", "name", "code", "force_code", "force_name", "tile_row", "tile_col", "csu_phone",
    "csu_hours", "is_active",
)  # fmt: skip
TEXT_LIMITS = {
    "slug": Area.SLUG_LENGTH,
    "name": Area.NAME_LENGTH,
    "code": Area.CODE_LENGTH,
    "force_code": Force.CODE_LENGTH,
    "force_name": 128,
    "csu_phone": 32,
    "csu_hours": 200,
}
SLUG = re.compile(r"^[-a-z0-9_]+$")
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
YES, NO = {"yes", "y", "true", "1"}, {"no", "n", "false", "0"}


class AreaFileError(Exception):
    """What is wrong with an areas file, in one line."""


@dataclass(frozen=True)
class AreaRow:
    """One area of the file. `values` holds only the fields the file gives (code, csu_phone,
    csu_hours, tile_row, tile_col, is_active, boundary)."""

    where: str  # "line 4" or "feature 3", for messages
    slug: str
    name: str
    force_code: str
    force_name: str
    values: dict[str, Any] = field(default_factory=dict)


def read_area_file(path: Path, *, force_code: str = "", force_name: str = "") -> list[AreaRow]:
    """The file's areas, checked against each other; AreaFileError when anything is wrong."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise AreaFileError(f"cannot read {path}: {error.strerror or error}") from None
    if len(raw) > MAX_FILE_BYTES:
        raise AreaFileError(f"the file is larger than {MAX_FILE_BYTES // 2**20} MB")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise AreaFileError(f"the file is not UTF-8 text (byte {error.start})") from None
    geojson = path.suffix.lower() in (".geojson", ".json") or text.lstrip().startswith("{")
    found = _geojson_rows(text) if geojson else _csv_rows(text)
    if not found:
        raise AreaFileError("the file has no areas")
    rows = [_row(where, given, force_code, force_name) for where, given in found]
    _check_together(rows)
    return rows


def _csv_rows(text: str) -> list[tuple[str, dict[str, Any]]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [column.strip().lower() for column in next(reader, [])]
        if not any(header):
            raise AreaFileError("the file is empty: the first line must name the columns")
        unknown = [column for column in header if column not in COLUMNS]
        if unknown:
            raise AreaFileError(
                f"unknown column {unknown[0]!r}: the columns are {', '.join(COLUMNS)}"
            )
        repeated = sorted({column for column in header if header.count(column) > 1})
        if repeated:
            raise AreaFileError(f"the column {repeated[0]!r} is given twice")
        if "name" not in header:
            raise AreaFileError("the file has no 'name' column")
        rows = []
        for cells in reader:
            if not any(cell.strip() for cell in cells):
                continue  # a blank line
            where = f"line {reader.line_num}"
            if len(cells) != len(header):
                raise AreaFileError(f"{where}: {len(cells)} values for {len(header)} columns")
            rows.append((where, dict(zip(header, cells, strict=True))))
    except csv.Error as error:
        raise AreaFileError(f"line {reader.line_num}: not valid CSV ({error})") from None
    return rows


def _geojson_rows(text: str) -> list[tuple[str, dict[str, Any]]]:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise AreaFileError(
            f"not valid GeoJSON: line {error.lineno}, column {error.colno}: {error.msg}"
        ) from None
    except RecursionError:
        raise AreaFileError("not valid GeoJSON: nested too deeply") from None
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        raise AreaFileError("not valid GeoJSON: the file must be a FeatureCollection")
    features = document.get("features")
    if not isinstance(features, list):
        raise AreaFileError("not valid GeoJSON: 'features' must be a list")
    rows = []
    for number, feature in enumerate(features, start=1):
        where = f"feature {number}"
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            raise AreaFileError(f"{where}: not a GeoJSON Feature")
        properties = feature.get("properties") or {}
        if not isinstance(properties, dict):
            raise AreaFileError(f"{where}: 'properties' must be an object")
        given: dict[str, Any] = {
            key: _as_text(where, key, properties[key]) for key in COLUMNS if key in properties
        }
        for suffix, key in (("NM", "name"), ("CD", "code")):
            ons = [k for k in properties if re.fullmatch(r"[A-Z]{2,5}\d{2}" + suffix, str(k))]
            if key not in given and ons:
                given[key] = _as_text(where, ons[0], properties[ons[0]])
        if "geometry" in feature:
            try:
                geometry = feature["geometry"]
                given["boundary"] = None if geometry is None else clean_geometry(geometry)
            except BadGeometry as error:
                raise AreaFileError(f"{where}: {error}") from None
        rows.append((where, given))
    return rows


def _as_text(where: str, key: str, value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str | int | float):
        return str(value)
    raise AreaFileError(f"{where}: {key} must be text or a number")


def _row(where: str, given: dict[str, Any], force_code: str, force_name: str) -> AreaRow:
    text = {key: given[key].strip() for key in TEXT_LIMITS if key in given}
    for key, value in text.items():
        if len(value) > TEXT_LIMITS[key]:
            raise AreaFileError(f"{where}: {key} is longer than {TEXT_LIMITS[key]} characters")
        if CONTROL.search(value):
            raise AreaFileError(f"{where}: {key} has a control character")
    name = text.get("name", "")
    if not name:
        raise AreaFileError(f"{where}: no name")
    slug = text.get("slug") or slugify(name)[: Area.SLUG_LENGTH]
    if not SLUG.match(slug):
        raise AreaFileError(f"{where}: slug {slug!r} must be lower case letters, digits and -")
    if slug == Area.UNKNOWN:
        raise AreaFileError(f"{where}: {Area.UNKNOWN!r} is the central triage queue's slug")
    values: dict[str, Any] = {
        key: text[key] for key in ("code", "csu_phone", "csu_hours") if key in text
    }
    values |= _tile(where, given)
    if given.get("is_active", "").strip():
        answer = given["is_active"].strip().lower()
        if answer not in YES | NO:
            raise AreaFileError(f"{where}: is_active must be yes or no, not {answer!r}")
        values["is_active"] = answer in YES
    if "boundary" in given:
        values["boundary"] = given["boundary"]
    force = text.get("force_code") or force_code.strip()
    if not force:
        raise AreaFileError(
            f"{where}: no force: give --force-code and --force-name, or force_code and "
            "force_name columns"
        )
    return AreaRow(where, slug, name, force, text.get("force_name") or force_name.strip(), values)


def _tile(where: str, given: dict[str, Any]) -> dict[str, int | None]:
    if "tile_row" not in given and "tile_col" not in given:
        return {}
    row, col = given.get("tile_row", "").strip(), given.get("tile_col", "").strip()
    if not row and not col:
        return {"tile_row": None, "tile_col": None}
    if not row or not col:
        raise AreaFileError(f"{where}: give both tile_row and tile_col, or neither")
    if not (row.isdigit() and col.isdigit()) or max(int(row), int(col)) > MAX_TILE:
        raise AreaFileError(f"{where}: tile_row and tile_col must be whole numbers 0 to {MAX_TILE}")
    return {"tile_row": int(row), "tile_col": int(col)}


def _check_together(rows: list[AreaRow]) -> None:
    """No slug, code or tile twice; one name per force."""
    slugs: dict[str, str] = {}
    codes: dict[str, str] = {}
    tiles: dict[tuple[str, int, int], str] = {}
    force_names: dict[str, str] = {}
    for row in rows:
        if row.slug in slugs:
            raise AreaFileError(f"{row.where}: duplicate slug {row.slug!r} ({slugs[row.slug]})")
        slugs[row.slug] = row.where
        code = row.values.get("code")
        if code and code in codes:
            raise AreaFileError(f"{row.where}: duplicate code {code!r} ({codes[code]})")
        if code:
            codes[code] = row.where
        if row.values.get("tile_row") is not None:
            tile = (row.force_code, row.values["tile_row"], row.values["tile_col"])
            if tile in tiles:
                raise AreaFileError(
                    f"{row.where}: tile ({tile[1]}, {tile[2]}) is taken ({tiles[tile]})"
                )
            tiles[tile] = row.where
        if row.force_name:
            known = force_names.setdefault(row.force_code, row.force_name)
            if known != row.force_name:
                raise AreaFileError(
                    f"{row.where}: force {row.force_code} is named both {known!r} and "
                    f"{row.force_name!r}"
                )
