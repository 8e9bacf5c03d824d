"""Protection holds across what leaves the service together: the public open data file and the
area packs, downloaded as anyone would, cannot be combined to recover a hidden count. The proof
is the linear programme of `disclosure.recoverable` over every published figure and every sum
the two publish (the file's London totals, the packs' totals over 12 months and the year
before)."""

import csv
import datetime as dt
import io
import random

import pytest

from hatecrime.core.models import strand_label
from hatecrime.monitoring.actions import do_publish_open_data, do_refresh_live_rollups
from hatecrime.monitoring.disclosure import (
    FEWER_THAN_5,
    PRIMARY,
    SECONDARY,
    SHOWN,
    SUPPRESSED,
    recoverable,
)
from hatecrime.monitoring.selectors import year_before
from personas import PASSWORD

pytestmark = pytest.mark.django_db
AREAS = ["camden", "hackney", "newham"]
STRANDS = ["race", "religion"]


@pytest.fixture
def reports(new_report, time_machine):
    """Fourteen months of small counts in three boroughs, many of 1 to 4."""
    time_machine.move_to("2026-11-20 10:00 +0000", tick=False)
    rng = random.Random(13)
    month = dt.date(2025, 10, 1)
    while month <= dt.date(2026, 11, 1):
        for area in AREAS:
            for strand in STRANDS:
                for _ in range(rng.choice([0, 0, 1, 2, 3, 5, 6, 9])):
                    new_report(area=area, occurred_on=month + dt.timedelta(days=2),
                               motivations=(strand,))  # fmt: skip
        month = (month + dt.timedelta(days=32)).replace(day=1)
    do_refresh_live_rollups()
    do_publish_open_data()


def figure(text: str) -> tuple[int, str]:
    if text == FEWER_THAN_5:
        return 0, PRIMARY
    if text == SUPPRESSED:
        return 0, SECONDARY
    return int(text), SHOWN


class Published:
    """Every figure downloaded, keyed by what it counts, and the sums that tie them."""

    def __init__(self):
        self.figures: dict[tuple, tuple[int, str]] = {}
        self.sums: list[tuple[list[tuple], tuple]] = []

    def add(self, key: tuple, text: str) -> None:
        value, state = figure(text)
        seen = self.figures.get(key)
        if seen is not None:  # the same count in both: it must be shown alike in both
            assert seen == (value, state), (key, seen, text)
        self.figures[key] = (value, state)

    def read_open_data(self, text: str) -> None:
        header, *rows = list(csv.reader(io.StringIO(text)))
        areas = header[2:-1]
        for row in rows:
            period, strand = dt.date.fromisoformat(row[0]), row[1]
            keys = [(area, strand, period) for area in areas]
            for key, cell in zip(keys, row[2:-1], strict=True):
                self.add(key, cell)
            self.add(("all areas", strand, period), row[-1])
            self.sums.append((keys, ("all areas", strand, period)))

    def read_pack(self, area: str, text: str) -> None:
        header, *rows = list(csv.reader(io.StringIO(text)))
        codes = {"All strands": "all"} | {strand_label(s): s for s in STRANDS}
        for j in range(1, len(header), 3):
            strand = codes[header[j]]
            now, before = [], []
            for row in rows[:-1]:
                period = dt.date.fromisoformat(row[0])
                now.append((area, strand, period))
                before.append((area, strand, year_before(period, "month")))
                self.add(now[-1], row[j])
                self.add(before[-1], row[j + 1])
            for keys, cell, name in (
                (now, rows[-1][j], "now"),
                (before, rows[-1][j + 1], "before"),
            ):
                self.add(("pack total", area, strand, name), cell)
                self.sums.append((keys, ("pack total", area, strand, name)))


def download(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    content = response.streaming_content if response.streaming else [response.content]
    return b"".join(content).decode()


def test_the_open_data_and_the_area_packs_together_reveal_no_hidden_count(client, ann, reports):
    published = Published()
    published.read_open_data(download(client, "/open-data/hate-crime-open-data.csv"))
    assert client.login(username="ann", password=PASSWORD)
    for area in AREAS:
        published.read_pack(area, download(client, f"/staff/monitoring/packs/area/{area}.csv"))
    hidden = [k for k, (_, state) in published.figures.items() if state != SHOWN]
    assert len(hidden) >= 10, "the data has hidden counts for the proof to try"
    # A cell missing from the file (an area with no count that month) is a published 0.
    for keys, total in published.sums:
        for key in keys:
            published.figures.setdefault(key, (0, SHOWN))
    assert recoverable(published.figures, published.sums) == []


def test_a_pack_protected_on_its_own_would_give_a_hidden_count_away():
    """Why the packs take their figures from the open data lines: a pack that hid what its own
    totals need (Hackney's 6 in February) while the file shows it, lets 9 - 6 = 3 out."""
    figures = {
        ("hackney", "jan"): (3, PRIMARY), ("camden", "jan"): (10, SECONDARY),
        ("total", "jan"): (13, SHOWN), ("hackney", "feb"): (6, SHOWN),
        ("camden", "feb"): (7, SHOWN), ("total", "feb"): (13, SHOWN),
        ("pack hackney", "total"): (9, SHOWN),
    }  # fmt: skip
    sums = [
        ([("hackney", "jan"), ("camden", "jan")], ("total", "jan")),
        ([("hackney", "feb"), ("camden", "feb")], ("total", "feb")),
        ([("hackney", "jan"), ("hackney", "feb")], ("pack hackney", "total")),
    ]
    assert set(recoverable(figures, sums)) == {("hackney", "jan"), ("camden", "jan")}
    figures[("pack hackney", "total")] = (9, SECONDARY)  # as the packs now do
    assert recoverable(figures, sums) == []
