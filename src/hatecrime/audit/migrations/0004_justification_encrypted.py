"""The justification a person gives for opening a case is their own words: encrypted at rest.
Existing events are encrypted in place; the hash chain covers the plaintext, so it still holds."""

from typing import Any

from django.db import migrations

import hatecrime.core.fields
from hatecrime.core.fields import encrypt_column_in_place


def encrypt_justifications(apps: Any, schema_editor: Any) -> None:
    encrypt_column_in_place(schema_editor, "audit_auditevent", "justification", pk="seq")


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0003_seq_is_the_primary_key"),
    ]

    operations = [
        migrations.AlterField(
            model_name="auditevent",
            name="justification",
            field=hatecrime.core.fields.EncryptedTextField(blank=True, default=""),
        ),
        migrations.RunPython(encrypt_justifications, migrations.RunPython.noop),
    ]
