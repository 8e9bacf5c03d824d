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
    surge = Report.objects.filter(targeted_community=demo.SURGE_COMMUNITY)
    assert surge.count() == 4
    assert {r.area.slug for r in surge} <= set(demo.SURGE_BOROUGHS) | {"unknown"}
    demo.create_reports(seed=1)
    assert Report.objects.count() == 40
