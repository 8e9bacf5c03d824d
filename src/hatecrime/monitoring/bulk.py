"""Cube cells for many records at once, with numpy: the same counting rules as `rollups`.

`rollups.add_record` counts one record at a time (a Python loop over its 2 x 16 x (strands + 1)
cells), which is right for live volumes and too slow for millions of records (the dashboard
benchmark counts 5,000,000 synthetic incidents). `cube_cells` gives the same cells:

- every dimension is its own value or `ALL`; a record whose value is `ALL` ("", e.g. no targeted
  community) counts only in the `ALL` cells of that dimension;
- a record with several strands counts once in each (distinct) strand and once in "all strands";
- live data has no categories: category is always `ALL`.

How: count the finest cells with one `bincount` into a dense array indexed (strand, community,
online, crime type, area, period), where index 0 of every axis is `ALL`; fill each `ALL` slice by
adding up the rest of its axis, one axis after another (so every combination of "all" is filled);
and count "all strands" by a second bincount (a record counts there once, not once per strand).
The non-zero cells come out in the order of the table's unique index, which makes bulk loading
an append. tests/monitoring/test_bulk.py checks the result equals `rollups` on the same records.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .models import ALL, PeriodKind

AXES = ("community", "online", "crime_type", "area")  # in the unique index's order, after strand
COLUMNS = ["period_start", "area", "strand", "category", "community", "online", "crime_type"]


def _period_starts(days: pd.Series, period_kind: str) -> pd.Series:
    days = pd.to_datetime(days)
    if period_kind == PeriodKind.WEEK:
        return days - pd.to_timedelta(days.dt.day_of_week, unit="D")
    return days.dt.to_period("M").dt.start_time


def _vocabulary(values: list[np.ndarray]) -> np.ndarray:
    """Sorted distinct values with ALL ("") first, as in the index's order."""
    seen = pd.unique(np.concatenate([np.asarray(v, dtype=object) for v in values]))
    return np.array(sorted({ALL, *(str(v) for v in seen)}), dtype=object)


def _codes(values: pd.Series | np.ndarray, vocabulary: np.ndarray) -> np.ndarray:
    codes = pd.Categorical(np.asarray(values, dtype=object), categories=vocabulary).codes
    return codes.astype(np.int64)


def cube_cells(frame: pd.DataFrame, period_kind: str) -> pd.DataFrame:
    """Cells with their counts for the records in `frame`, sorted as the unique index.

    `frame`: one row per record, columns `day` (date), `area`, `community`, `online`,
    `crime_type`, and one or more columns whose names start with `strand` (`ALL` = no further
    strand). Returns columns `period_start` (date), `area`, `strand`, `category`, `community`,
    `online`, `crime_type`, `count`.
    """
    if frame.empty:
        return pd.DataFrame(columns=[*COLUMNS, "count"])
    strand_columns = [c for c in frame.columns if c.startswith("strand")]
    starts = _period_starts(frame["day"], period_kind)
    periods, period_codes = np.unique(starts.to_numpy(), return_inverse=True)
    vocabularies = {axis: _vocabulary([frame[axis].to_numpy()]) for axis in AXES}
    strands = _vocabulary([frame[c].to_numpy() for c in strand_columns])
    shape = (
        len(strands),
        *(len(vocabularies[axis]) for axis in AXES),
        len(periods),
    )
    rest = np.ravel_multi_index(
        (
            np.zeros(len(frame), dtype=np.int64),
            *(_codes(frame[axis], vocabularies[axis]) for axis in AXES),
            period_codes.astype(np.int64),
        ),
        shape,
    )  # the cell of each record with strand ALL: "all strands", counted once per record
    size = int(np.prod(shape))
    counts = np.bincount(rest, minlength=size)
    stride = size // len(strands)
    seen: list[np.ndarray] = []
    for column in strand_columns:
        code = _codes(frame[column], strands)
        fresh = code > 0
        for earlier in seen:  # a strand given twice counts once
            fresh &= code != earlier
        seen.append(code)
        counts += np.bincount(rest[fresh] + code[fresh] * stride, minlength=size)
    cube = counts.reshape(shape)
    for axis in range(1, 1 + len(AXES)):
        whole: list[int | slice] = [slice(None)] * cube.ndim
        whole[axis] = 0
        rest_of_axis = [slice(None)] * cube.ndim
        rest_of_axis[axis] = slice(1, None)
        cube[tuple(whole)] += cube[tuple(rest_of_axis)].sum(axis=axis)
    flat = np.flatnonzero(cube)
    index = np.unravel_index(flat, shape)
    out = pd.DataFrame(
        {
            "period_start": np.array(pd.to_datetime(periods).date, dtype=object)[index[-1]],
            "area": vocabularies["area"][index[4]],
            "strand": strands[index[0]],
            "category": ALL,
            "community": vocabularies["community"][index[1]],
            "online": vocabularies["online"][index[2]],
            "crime_type": vocabularies["crime_type"][index[3]],
            "count": cube.ravel()[flat],
        }
    )
    return out
