"""The targeted community becomes codes of the taxonomy (core.models.Community).

Each report's free text is mapped where it is, case and spacing aside, the label or an alias of
a node; anything else becomes `other`, and the words stay where they always were, in the
encrypted `submitted` (the column kept at most 64 characters, so the full text is read from
there whenever the column might have been cut). Nothing is dropped or cut.
"""

from typing import Any

from django.apps.registry import Apps
from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

OLD_COLUMN_LENGTH = 64


def normal(text: str) -> str:
    return " ".join(text.split()).casefold()


def names_to_codes(apps: Apps) -> dict[str, str]:
    community = apps.get_model("core", "Community")
    found: dict[str, str] = {}
    for node in community.objects.order_by("position"):
        for name in [node.label, *node.aliases.split(";")]:
            if name.strip():
                found.setdefault(normal(name), node.code)
    return found


def full_text(text: str, submitted: Any) -> str:
    """The words as submitted, when a column (cut at 64 characters) may hold only their start."""
    if len(text) < OLD_COLUMN_LENGTH:
        return text
    cleaned = (submitted or {}).get("cleaned") or {}
    given = cleaned.get("targeted_community")
    return given if isinstance(given, str) and given.startswith(text) else text


def forwards(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    report_model = apps.get_model("reporting", "Report")
    codes = names_to_codes(apps)
    for report in report_model.objects.exclude(targeted_community="").iterator(chunk_size=500):
        text = full_text(report.targeted_community, report.submitted)
        report.targeted_communities = [codes.get(normal(text), "other")]
        report.save(update_fields=["targeted_communities"])


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0007_community_taxonomy"),
        ("reporting", "0006_remove_bench_floor"),
    ]

    operations = [
        migrations.AddField(
            model_name="report",
            name="targeted_communities",
            field=models.JSONField(blank=True, default=list),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop, elidable=False),
        migrations.RemoveField(model_name="report", name="targeted_community"),
    ]
