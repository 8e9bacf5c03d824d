"""Fixtures for monitoring tests: reports in the clear fields monitoring counts, and CSV files."""

import datetime as dt
import itertools

import pytest

_numbers = itertools.count(1)


def make_report(
    area="hackney",
    occurred_on=dt.date(2026, 11, 2),
    motivations=("race",),
    communities=(),
    online=False,
    submitted_at=None,
):
    from django.utils import timezone

    from hatecrime.core.models import Area
    from hatecrime.reporting.models import Report

    n = next(_numbers)
    submitted = submitted_at or timezone.make_aware(
        dt.datetime.combine(occurred_on, dt.time(12, 0))
    )
    return Report.objects.create(
        reference=f"HC-T{n:06d}",
        tracking_code_hash="x" * 64,
        submitted_at=submitted,
        reporter_role="victim",
        area=Area.objects.get(slug=area),
        occurred_on=occurred_on,
        online=online,
        motivations=list(motivations),
        targeted_communities=list(communities),
        submitted={"what_happened": "Shouted at by a stranger", "contact": {"name": "Zed Person"}},
    )


@pytest.fixture
def write_csv(tmp_path):
    def write(name, text, encoding="utf-8"):
        path = tmp_path / name
        path.write_bytes(text.encode(encoding))
        return str(path)

    return write


@pytest.fixture
def new_report(db):
    return make_report


@pytest.fixture
def surge_in_hackney(new_report, time_machine):
    """Two quiet years of race reports in Hackney, 0 to 2 a week, then twenty in the last week
    (two years, so that the automatic choice is the GLR-CUSUM)."""
    make_report = new_report
    time_machine.move_to("2026-11-20 10:00 +0000", tick=False)
    monday = dt.date(2026, 11, 9)
    for weeks_ago in range(1, 110):
        for _ in range(weeks_ago % 3):
            make_report(area="hackney", occurred_on=monday - dt.timedelta(weeks=weeks_ago))
    for _ in range(20):
        make_report(area="hackney", occurred_on=monday, communities=["polish"])


@pytest.fixture(autouse=True)
def _open_data_dir(settings, tmp_path):
    """Each test makes (or not) its own open data file."""
    settings.OPEN_DATA_DIR = tmp_path / "open-data"
