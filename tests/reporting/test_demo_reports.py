"""The demo reports step: synthetic, spread out, with a surge, and safe to run twice."""

import pytest

from hatecrime.reporting import demo
from hatecrime.reporting.models import Report


@pytest.mark.django_db
def test_it_creates_synthetic_reports_once(monkeypatch):
    monkeypatch.setattr(demo, "TOTAL", 40)
    demo.create_reports(seed=1)
    assert Report.objects.count() == 40
    assert all(
        r.submitted["cleaned"]["what_happened"].startswith("DEMO") for r in Report.objects.all()
    )
    # One report in ten is the surge, in the surge boroughs; the community also has a low
    # background elsewhere so that its series has a baseline.
    surge = [
        report
        for report in Report.objects.filter(area__slug__in=demo.SURGE_BOROUGHS)
        if {"chinese", "hong_kong", "vietnamese", "korean"} & set(report.targeted_communities)
    ]
    assert len(surge) >= 4
    demo.create_reports(seed=1)
    assert Report.objects.count() == 40
