"""Free text officers type was still in the clear: the court hearing description and what two
linked reports share (typed by hand on the link page). Existing rows are encrypted in place."""

from typing import Any

from django.db import migrations

import hatecrime.core.fields
from hatecrime.core.fields import encrypt_column_in_place


def encrypt_existing(apps: Any, schema_editor: Any) -> None:
    encrypt_column_in_place(schema_editor, "cases_courtdate", "description")
    encrypt_column_in_place(schema_editor, "cases_caselink", "matched_on")


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0011_first_contact_only_when_contactable"),
    ]

    operations = [
        migrations.AlterField(
            model_name="caselink",
            name="matched_on",
            field=hatecrime.core.fields.EncryptedJSONField(default=list),
        ),
        migrations.AlterField(
            model_name="courtdate",
            name="description",
            field=hatecrime.core.fields.EncryptedTextField(),
        ),
        migrations.RunPython(encrypt_existing, migrations.RunPython.noop),
    ]
