"""Forces, area codes and map layouts (docs/adr/0760-areas-and-maps-as-data.md). London's
boroughs become the Metropolitan Police Service's areas, with their ONS codes and tiles from the
shipped file; nothing else changes (slugs, names, phones and hours are kept)."""

import csv

import django.db.models.deletion
from django.db import migrations, models

from hatecrime.core.areas import LONDON


def london_force(apps, schema_editor):
    Area = apps.get_model("core", "Area")
    Force = apps.get_model("core", "Force")
    with LONDON.open(encoding="utf-8", newline="") as rows:
        london = list(csv.DictReader(rows))
    met = None
    for row in london:
        area = Area.objects.filter(slug=row["slug"], force__isnull=True).first()
        if area is None:
            continue
        if met is None:
            met, _created = Force.objects.get_or_create(
                code=row["force_code"], defaults={"name": row["force_name"]}
            )
        area.force = met
        if not area.code and not Area.objects.filter(code=row["code"]).exists():
            area.code = row["code"]
        if area.tile_row is None and area.tile_col is None:
            area.tile_row, area.tile_col = int(row["tile_row"]), int(row["tile_col"])
        area.save()


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0008_worker_heartbeat'),
    ]

    operations = [
        migrations.CreateModel(
            name='Force',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('code', models.CharField(help_text='For example the ONS code, E23000001.', max_length=32, unique=True)),
                ('name', models.CharField(max_length=128)),
            ],
            options={
                'ordering': ['name'],
            },
        ),
        migrations.AddField(
            model_name='area',
            name='boundary',
            field=models.JSONField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='area',
            name='code',
            field=models.CharField(blank=True, help_text='For example an ONS code, such as E09000012.', max_length=32),
        ),
        migrations.AddField(
            model_name='area',
            name='tile_col',
            field=models.PositiveSmallIntegerField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='area',
            name='tile_row',
            field=models.PositiveSmallIntegerField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='area',
            name='force',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='areas', to='core.force'),
        ),
        migrations.AddConstraint(
            model_name='area',
            constraint=models.UniqueConstraint(condition=models.Q(('code', ''), _negated=True), fields=('code',), name='core_area_code_unique'),
        ),
        migrations.RunPython(london_force, migrations.RunPython.noop),
    ]
