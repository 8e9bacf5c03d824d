"""A case's targeted community becomes codes of the taxonomy (core.models.Community), and the
words, when no node matches, are kept encrypted in `targeted_community_other` with the code
`other` for staff to map. The case's column held what its report's column kept (at most 64
characters) unless triage changed it: the report's full words are used when they begin with it.
"""

from importlib import import_module

from django.apps.registry import Apps
from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

import hatecrime.core.fields

# The same matching as the reports' migration (a module name that starts with a digit).
reports_migration = import_module("hatecrime.reporting.migrations.0007_targeted_communities")


def forwards(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    case_model = apps.get_model("cases", "Case")
    codes = reports_migration.names_to_codes(apps)
    cases = case_model.objects.exclude(targeted_community="").select_related("report")
    for case in cases.iterator(chunk_size=500):
        text = reports_migration.full_text(case.targeted_community, case.report.submitted)
        text = text.strip()
        code = codes.get(reports_migration.normal(text))
        case.targeted_communities = [code or "other"]
        case.targeted_community_other = "" if code else text
        case.save(update_fields=["targeted_communities", "targeted_community_other"])


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0007_community_taxonomy"),
        ("cases", "0013_worried_about_reprisals"),
        ("reporting", "0007_targeted_communities"),
    ]

    operations = [
        migrations.AddField(
            model_name="case",
            name="targeted_communities",
            field=models.JSONField(blank=True, default=list),
        ),
        migrations.AddField(
            model_name="case",
            name="targeted_community_other",
            field=hatecrime.core.fields.EncryptedTextField(blank=True, default=""),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop, elidable=False),
        migrations.RemoveField(model_name="case", name="targeted_community"),
    ]
