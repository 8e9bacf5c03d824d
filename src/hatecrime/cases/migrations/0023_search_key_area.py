# Search keys carry their case's area, indexed (digest, area) (docs/adr/0790-national-scale.md).

from typing import Any

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def copy_case_areas(apps: Any, schema_editor: Any) -> None:
    """Each key takes its case's area (one UPDATE)."""
    Case = apps.get_model("cases", "Case")
    CaseSearchKey = apps.get_model("cases", "CaseSearchKey")
    CaseSearchKey.objects.update(
        area_id=Subquery(Case.objects.filter(pk=OuterRef("case_id")).values("area_id")[:1])
    )


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0022_right_to_review'),
        ('core', '0009_forces_and_area_maps'),
    ]

    operations = [
        migrations.AddField(
            model_name='casesearchkey',
            name='area',
            field=models.ForeignKey(db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.area'),
        ),
        migrations.RunPython(copy_case_areas, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='casesearchkey',
            name='area',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.area'),
        ),
        migrations.RemoveIndex(
            model_name='casesearchkey',
            name='cases_cases_digest_a79689_idx',
        ),
        migrations.AddIndex(
            model_name='casesearchkey',
            index=models.Index(fields=['digest', 'area'], name='case_search_digest_area'),
        ),
    ]
