"""Imported counts called the strand of sex or gender `gender`; the service's one list of
strands (core.models.Strand) calls it `sex_gender`. Imports write into their own datasets, so
renaming cannot collide with a live cell."""

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor


def rename(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    for name in ("SeriesCount", "Alarm"):
        model = apps.get_model("monitoring", name)
        model.objects.filter(strand="gender").update(strand="sex_gender")


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0002_alarm_community")]

    operations = [migrations.RunPython(rename, migrations.RunPython.noop)]
