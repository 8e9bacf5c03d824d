"""Statistical disclosure control for figures shared outside the police.

Rules (docs/monitoring.md, "Disclosure control"):

1. Primary suppression: a count of 1 to 4 is shown as "fewer than 5". Zero is shown.
2. Secondary suppression: a table is a grid of cells with, optionally, a published total for
   each row and for each column (and a grand total). Each row and each column, with its total,
   is a *line*: the total is the sum of its cells. A line with exactly one hidden entry would give
   it away by subtraction, so, repeatedly until nothing changes, in every line with exactly one
   hidden entry we hide one more: the smallest non-zero shown cell of the line; failing that,
   the line's total; failing that, the smallest shown cell. Cells hidden this way are shown as
   "[x]" (they may be 5 or more, so calling them "fewer than 5" would be false).
3. Any figure derived from others (a change on the year before, a total over periods) is shown
   only when every figure it is derived from is shown.
4. `recoverable_cells` checks a protected table by linear programming: for each hidden cell,
   the smallest and largest values consistent with everything published (shown cells, totals,
   hidden primary cells in 1..4, hidden secondary cells >= 0). The table is safe when no hidden
   cell has min == max. A row-and-column table with totals is a transportation polytope, whose
   vertices are whole numbers, so a gap of 1 or more means at least two whole-number answers.
   `protect` runs this check and, in the rare pattern where the line rule is not enough, hides
   more (the smallest shown non-zero cell in the cell's row) until it passes.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy.optimize import linprog

THRESHOLD = 5
FEWER_THAN_5 = "fewer than 5"
SUPPRESSED = "[x]"
PRIMARY, SECONDARY, SHOWN = "primary", "secondary", "shown"


@dataclass
class ProtectedTable:
    values: list[list[int]]
    state: list[list[str]]
    row_totals: list[int] | None = None
    column_totals: list[int] | None = None
    grand_total: int | None = None
    row_total_hidden: list[bool] = field(default_factory=list)
    column_total_hidden: list[bool] = field(default_factory=list)
    grand_total_hidden: bool = False

    def cell(self, i: int, j: int) -> str:
        return display(self.values[i][j], self.state[i][j])

    def row_total(self, i: int) -> str:
        assert self.row_totals is not None
        return SUPPRESSED if self.row_total_hidden[i] else str(self.row_totals[i])

    def column_total(self, j: int) -> str:
        assert self.column_totals is not None
        return SUPPRESSED if self.column_total_hidden[j] else str(self.column_totals[j])

    def grand(self) -> str:
        return SUPPRESSED if self.grand_total_hidden else str(self.grand_total)

    def shown(self, i: int, j: int) -> bool:
        return self.state[i][j] == SHOWN


def display(value: int, state: str) -> str:
    if state == PRIMARY:
        return FEWER_THAN_5
    if state == SECONDARY:
        return SUPPRESSED
    return str(value)


def is_primary(value: int) -> bool:
    return 0 < value < THRESHOLD


def derived(*parts: tuple[int, bool], combine: str = "sum") -> str:
    """A figure derived from others, shown only when all of them are shown (rule 3)."""
    if not all(shown for _, shown in parts):
        return SUPPRESSED
    values = [v for v, _ in parts]
    if combine == "difference":
        return f"{values[0] - values[1]:+d}"
    return str(sum(values))


# A line entry is ("cell", i, j) or ("row_total", i) / ("column_total", j) / ("grand",).
Entry = tuple[Any, ...]  # ("cell", i, j), ("row_total", i), ("column_total", j), ("grand",)


def _lines(table: ProtectedTable) -> list[tuple[list[Entry], Entry]]:
    rows, cols = len(table.values), len(table.values[0]) if table.values else 0
    lines: list[tuple[list[Entry], Entry]] = []
    if table.row_totals is not None:
        lines += [([("cell", i, j) for j in range(cols)], ("row_total", i)) for i in range(rows)]
        if table.grand_total is not None:
            lines.append(([("row_total", i) for i in range(rows)], ("grand",)))
    if table.column_totals is not None:
        lines += [([("cell", i, j) for i in range(rows)], ("column_total", j)) for j in range(cols)]
        if table.grand_total is not None:
            lines.append(([("column_total", j) for j in range(cols)], ("grand",)))
    return lines


def _hidden(table: ProtectedTable, entry: Entry) -> bool:
    kind = entry[0]
    if kind == "cell":
        return table.state[entry[1]][entry[2]] != SHOWN
    if kind == "row_total":
        return table.row_total_hidden[entry[1]]
    if kind == "column_total":
        return table.column_total_hidden[entry[1]]
    return table.grand_total_hidden


def _value(table: ProtectedTable, entry: Entry) -> int:
    kind = entry[0]
    if kind == "cell":
        return table.values[entry[1]][entry[2]]
    if kind == "row_total":
        assert table.row_totals is not None
        return table.row_totals[entry[1]]
    if kind == "column_total":
        assert table.column_totals is not None
        return table.column_totals[entry[1]]
    return int(table.grand_total or 0)


def _hide(table: ProtectedTable, entry: Entry) -> None:
    kind = entry[0]
    if kind == "cell":
        table.state[entry[1]][entry[2]] = SECONDARY
    elif kind == "row_total":
        table.row_total_hidden[entry[1]] = True
    elif kind == "column_total":
        table.column_total_hidden[entry[1]] = True
    else:
        table.grand_total_hidden = True


def _second_to_hide(table: ProtectedTable, members: list[Entry], total: Entry) -> Entry | None:
    shown = [m for m in members if not _hidden(table, m)]
    nonzero = [m for m in shown if _value(table, m) > 0]
    if nonzero:
        return min(nonzero, key=lambda m: _value(table, m))
    if not _hidden(table, total):
        return total
    return min(shown, key=lambda m: _value(table, m)) if shown else None


def protect(
    values: list[list[int]],
    *,
    row_totals: bool = False,
    column_totals: bool = False,
    grand_total: bool = False,
    hidden_row_totals: Collection[int] = (),
    grand_total_hidden: bool = False,
) -> ProtectedTable:
    """Primary and secondary suppression of a table of counts (see the module's rules).
    `hidden_row_totals` and `grand_total_hidden` start those totals hidden (`protect_together`)."""
    rows = [list(map(int, row)) for row in values]
    table = ProtectedTable(
        values=rows,
        state=[[PRIMARY if is_primary(v) else SHOWN for v in row] for row in rows],
        row_totals=[sum(r) for r in rows] if row_totals else None,
        column_totals=[sum(c) for c in zip(*rows, strict=True)] if column_totals and rows else None,
        grand_total=sum(map(sum, rows)) if grand_total and (row_totals or column_totals) else None,
    )
    table.row_total_hidden = [i in hidden_row_totals for i in range(len(rows))]
    table.grand_total_hidden = grand_total_hidden and table.grand_total is not None
    table.column_total_hidden = [False] * (len(rows[0]) if rows else 0)
    for _ in range(len(rows) * (len(rows[0]) if rows else 0) + 10):
        changed = _apply_line_rule(table)
        if not changed:
            leaks = recoverable_cells(table)
            if not leaks:
                break
            if not _hide_more(table, *leaks[0]):
                break
    return table


def protect_together(tables: list[list[list[int]]]) -> list[ProtectedTable]:
    """Tables of the same rows whose row totals and grand total are the same figures, published
    once (e.g. each Victims' Code right counted over the same cases): a total hidden in one is
    hidden in all, and each is protected again with it hidden, until nothing changes (hidden
    totals only ever grow, so this ends)."""
    hidden_rows: set[int] = set()
    grand_hidden = False
    while True:
        protected = [
            protect(
                values,
                row_totals=True,
                column_totals=True,
                grand_total=True,
                hidden_row_totals=hidden_rows,
                grand_total_hidden=grand_hidden,
            )
            for values in tables
        ]
        rows = {
            i for table in protected for i, hidden in enumerate(table.row_total_hidden) if hidden
        }
        grand = any(table.grand_total_hidden for table in protected)
        if rows == hidden_rows and grand == grand_hidden:
            return protected
        hidden_rows, grand_hidden = rows, grand


def _hide_more(table: ProtectedTable, i: int, j: int) -> bool:
    """A leak the line rule missed (totals of totals): hide one more figure near the cell."""
    row = [(v, ("cell", i, jj)) for jj, v in enumerate(table.values[i]) if table.shown(i, jj) and v]
    column = [(r[j], ("cell", ii, j)) for ii, r in enumerate(table.values) if table.shown(ii, j)]
    totals: list[tuple[int, Entry]] = []
    if table.row_totals is not None:
        totals += [(v, ("row_total", k)) for k, v in enumerate(table.row_totals)]
    if table.column_totals is not None:
        totals += [(v, ("column_total", k)) for k, v in enumerate(table.column_totals)]
    totals = [t for t in totals if not _hidden(table, t[1])]
    if table.grand_total is not None and not table.grand_total_hidden:
        totals.append((table.grand_total, ("grand",)))
    for candidates in (row, [c for c in column if c[0]], totals, column):
        if candidates:
            _hide(table, min(candidates, key=lambda c: c[0])[1])
            return True
    return False


def _apply_line_rule(table: ProtectedTable) -> bool:
    changed = False
    for members, total in _lines(table):
        hidden = [e for e in [*members, total] if _hidden(table, e)]
        if len(hidden) == 1:
            extra = _second_to_hide(table, members, total)
            if extra is not None:
                _hide(table, extra)
                changed = True
    return changed


def _bounds(table: ProtectedTable, entry: Entry) -> tuple[float, float]:
    if entry[0] == "cell" and table.state[entry[1]][entry[2]] == PRIMARY:
        return 1.0, THRESHOLD - 1.0
    return 0.0, float("inf")


def _leaks_in_one_line(table: ProtectedTable, members: list[Entry], total: Entry) -> list[Any]:
    """The linear programme of a table with one line (a row and its total), solved in closed
    form: a hidden cell lies between the published remainder less what the other hidden cells
    can hold at most, and that remainder less what they hold at least. The open data is made of
    such rows, thousands of them, so this saves a solver call per hidden cell."""
    if _hidden(table, total):
        return []  # the remainder is unknown: each hidden cell keeps its own range
    hidden = [m for m in members if _hidden(table, m)]
    remainder = _value(table, total) - sum(_value(table, m) for m in members if m not in hidden)
    bounds = [_bounds(table, m) for m in hidden]
    low_sum, high_sum = sum(b[0] for b in bounds), sum(b[1] for b in bounds)
    leaks = []
    for entry, (low, high) in zip(hidden, bounds, strict=True):
        least = max(low, remainder - (high_sum - high))
        most = min(high, remainder - (low_sum - low))
        if most - least < 0.5:
            leaks.append((int(entry[1]), int(entry[2])))
    return leaks


def recoverable(
    figures: dict[Any, tuple[int, str]], sums: list[tuple[list[Any], Any]]
) -> list[Any]:
    """The same proof for figures published in several tables at once (the open data and the
    packs): `figures` maps a key to (value, state) with state PRIMARY, SECONDARY or SHOWN (a
    hidden total is SECONDARY); `sums` are the published relations "these figures add up to
    that one". Returns the hidden figures whose value follows exactly (should be none)."""
    hidden = [key for key, (_, state) in figures.items() if state != SHOWN]
    if not hidden:
        return []
    index = {key: k for k, key in enumerate(hidden)}
    bounds = [(1, THRESHOLD - 1) if figures[key][1] == PRIMARY else (0, None) for key in hidden]
    a_eq = np.zeros((len(sums), len(hidden)))
    b_eq = np.zeros(len(sums))
    for r, (members, total) in enumerate(sums):
        for key, sign in [*((m, 1.0) for m in members), (total, -1.0)]:
            value, state = figures[key]
            if state == SHOWN:
                b_eq[r] -= sign * value
            else:
                a_eq[r, index[key]] += sign
    leaks = []
    for k, key in enumerate(hidden):
        c = np.zeros(len(hidden))
        c[k] = 1.0
        low = linprog(c, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
        high = linprog(-c, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
        if low.status == 0 and high.status == 0 and (-high.fun) - low.fun < 0.5:
            leaks.append(key)
    return leaks


def recoverable_cells(table: ProtectedTable) -> list[tuple[int, int]]:
    """Hidden cells whose value follows exactly from what is published (should be none)."""
    lines = _lines(table)
    if len(lines) == 1 and table.row_totals is not None:
        return _leaks_in_one_line(table, *lines[0])
    entries: list[Entry] = [
        ("cell", i, j)
        for i, row in enumerate(table.state)
        for j, state in enumerate(row)
        if state != SHOWN
    ]
    if not entries:
        return []
    entries += sorted(
        {e for m, t in lines for e in [*m, t] if e[0] != "cell" and _hidden(table, e)}
    )
    index = {entry: k for k, entry in enumerate(entries)}
    bounds = [
        (1, THRESHOLD - 1) if e[0] == "cell" and table.state[e[1]][e[2]] == PRIMARY else (0, None)
        for e in entries
    ]
    a_eq = np.zeros((len(lines), len(entries)))
    b_eq = np.zeros(len(lines))
    for r, (members, total) in enumerate(lines):
        for m in members:
            if _hidden(table, m):
                a_eq[r, index[m]] += 1.0
            else:
                b_eq[r] -= _value(table, m)
        if _hidden(table, total):
            a_eq[r, index[total]] -= 1.0
        else:
            b_eq[r] += _value(table, total)
    leaks = []
    for k, entry in enumerate(entries):
        if entry[0] != "cell":
            continue
        c = np.zeros(len(entries))
        c[k] = 1.0
        low = linprog(c, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
        high = linprog(-c, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
        if low.status == 0 and high.status == 0 and (-high.fun) - low.fun < 0.5:
            leaks.append((int(entry[1]), int(entry[2])))
    return leaks
