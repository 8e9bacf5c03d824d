# Clocks carry their case's area, and an area's running clocks are indexed by due time: the
# board no longer visits the area's ten years of cases to find them (docs/adr/0790).

from typing import Any

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def copy_case_areas(apps: Any, schema_editor: Any) -> None:
    """Each clock takes its case's area (one UPDATE)."""
    Case = apps.get_model("cases", "Case")
    Clock = apps.get_model("cases", "Clock")
    Clock.objects.update(
        area_id=Subquery(Case.objects.filter(pk=OuterRef("case_id")).values("area_id")[:1])
    )


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0024_running_clocks_by_case'),
        ('core', '0009_forces_and_area_maps'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='clock',
            name='clock_running_case_idx',
        ),
        migrations.AddField(
            model_name='clock',
            name='area',
            field=models.ForeignKey(db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.area'),
        ),
        migrations.RunPython(copy_case_areas, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='clock',
            name='area',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.area'),
        ),
        migrations.AddIndex(
            model_name='clock',
            index=models.Index(condition=models.Q(('stopped_at__isnull', True)), fields=['area', 'due_at'], name='clock_running_area_idx'),
        ),
    ]
