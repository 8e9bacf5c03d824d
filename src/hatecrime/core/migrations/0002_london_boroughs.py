"""London's 32 boroughs (one Community Safety Unit each, from the shipped areas file) and the
central triage queue. Migration 0009 adds their force, ONS codes and map tiles from the same file;
another force loads its own with `hatecrime load_areas`."""

import csv

from django.db import migrations

from hatecrime.core.areas import LONDON


def load_areas(apps, schema_editor):
    Area = apps.get_model("core", "Area")
    with LONDON.open(encoding="utf-8", newline="") as rows:
        for row in csv.DictReader(rows):
            Area.objects.update_or_create(slug=row["slug"], defaults={"name": row["name"]})
    Area.objects.update_or_create(
        slug="unknown", defaults={"name": "Area not known (central triage)", "is_triage": True}
    )


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(load_areas, migrations.RunPython.noop)]
