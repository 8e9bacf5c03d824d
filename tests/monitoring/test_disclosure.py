"""Disclosure control: primary and secondary suppression; nothing recoverable by subtraction."""

import random

from hatecrime.monitoring.disclosure import (
    FEWER_THAN_5,
    SUPPRESSED,
    derived,
    protect,
    recoverable_cells,
)


def test_counts_of_one_to_four_are_shown_as_fewer_than_5_and_zero_is_shown():
    table = protect([[0, 1, 4, 5]])
    assert [table.cell(0, j) for j in range(4)] == ["0", FEWER_THAN_5, FEWER_THAN_5, "5"]


def test_a_lone_suppressed_cell_in_a_row_with_a_total_hides_the_next_smallest():
    table = protect([[3, 10, 12, 0]], row_totals=True)
    assert [table.cell(0, j) for j in range(4)] == [FEWER_THAN_5, SUPPRESSED, "12", "0"]
    assert table.row_total(0) == "25"


def test_a_lone_suppressed_cell_in_a_column_hides_another_in_the_column():
    table = protect([[2], [9], [20]], column_totals=True)
    assert table.cell(0, 0) == FEWER_THAN_5 and table.cell(1, 0) == SUPPRESSED
    assert table.column_total(0) == "31"


def test_a_row_with_nothing_else_to_hide_hides_its_total():
    table = protect([[1, 0]], row_totals=True)
    assert table.row_total(0) == SUPPRESSED


def test_no_suppressed_value_can_be_recovered_from_any_published_total():
    rng = random.Random(20261120)
    for _ in range(80):
        rows, cols = rng.randint(1, 6), rng.randint(1, 6)
        values = [
            [rng.choice([0, 0, 1, 2, 3, 4, 5, 7, 12, 30]) for _ in range(cols)] for _ in range(rows)
        ]
        table = protect(
            values,
            row_totals=rng.random() < 0.8,
            column_totals=rng.random() < 0.6,
            grand_total=True,
        )
        assert recoverable_cells(table) == [], values
        for i, row in enumerate(values):
            for j, v in enumerate(row):
                if 0 < v < 5:
                    assert table.cell(i, j) == FEWER_THAN_5


def test_the_audit_finds_a_leak_in_an_unprotected_table():
    table = protect([[3, 10]], row_totals=True)
    table.state[0][1] = "shown"  # undo the secondary suppression
    assert recoverable_cells(table) == [(0, 0)]


def test_a_change_is_shown_only_when_both_counts_are_shown():
    assert derived((12, True), (7, True), combine="difference") == "+5"
    assert derived((12, True), (3, False), combine="difference") == SUPPRESSED
