"""The migration from free text to the taxonomy: words that name a node (case and spacing
aside) become its code; anything else becomes "other" with the full words kept, encrypted, on
the case; words the old report column cut at 64 characters are read whole from the report."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [
    ("core", "0007_community_taxonomy"),
    ("reporting", "0006_remove_bench_floor"),
    ("cases", "0011_first_contact_only_when_contactable"),
]
LONG = "People from the small island community near the estate, who speak Hakka at home"


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _latest():
    """Every app's last migration: going back to BEFORE also unapplies the apps that depend on
    cases or reporting (e.g. dataprotection), which must come back too."""
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


def _old_report(apps, number, text):
    report_model = apps.get_model("reporting", "Report")
    area = apps.get_model("core", "Area").objects.get(slug="hackney")
    now = timezone.now()
    report = report_model.objects.create(
        reference=f"HC-M{number:04d}", tracking_code_hash="x" * 64, submitted_at=now,
        reporter_role="victim", area=area, occurred_on=dt.date(2026, 11, 1),
        targeted_community=text[:64],
        submitted={"raw": {}, "cleaned": {"targeted_community": text}},
    )  # fmt: skip
    apps.get_model("cases", "Case").objects.create(
        report=report, area=area, opened_at=now, first_contact_due_at=now,
        targeted_community=text[:64],
    )  # fmt: skip


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_free_text_is_mapped_and_the_rest_kept_as_other():
    from hatecrime.cases.models import Case

    try:
        apps = _migrate(BEFORE)
        _old_report(apps, 1, "  chinese, EAST or South East Asian ")
        _old_report(apps, 2, "Jewish")
        _old_report(apps, 3, "Black")
        _old_report(apps, 4, LONG)
        _old_report(apps, 5, "")
    finally:
        _migrate(_latest())
    found = {
        case.report.reference: (
            case.report.targeted_communities,
            case.targeted_communities,
            case.targeted_community_other,
        )
        for case in Case.objects.select_related("report")
    }
    assert found == {
        "HC-M0001": (["chinese"], ["chinese"], ""),
        "HC-M0002": (["jewish"], ["jewish"], ""),
        "HC-M0003": (["black"], ["black"], ""),
        "HC-M0004": (["other"], ["other"], LONG),
        "HC-M0005": ([], [], ""),
    }
