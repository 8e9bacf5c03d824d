"""PostgreSQL refuses TRUNCATE of the audit events too (docs/adr/0540): the row trigger of
migration 0005 does not see it, so a statement trigger does, also when the TRUNCATE comes by
cascade from another table. SQLite has no TRUNCATE; its DELETE meets the row trigger."""

from typing import Any

from django.db import migrations

from hatecrime.audit import triggers


def create(apps: Any, schema_editor: Any) -> None:
    triggers.create_truncate_guard(schema_editor)


def drop(apps: Any, schema_editor: Any) -> None:
    triggers.drop_truncate_guard(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0005_keyed_chain"),
    ]

    operations = [
        migrations.RunPython(create, drop),
    ]
