"""Re-encrypt every encrypted value with the primary key (the first of
HATECRIME_ENCRYPTION_KEYS), in every model of every app, then run the rotation hooks (files).
Once it reports zero everywhere, the old key can be removed from the list."""

from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from hatecrime.core.crypto import ROTATION_HOOKS, is_current
from hatecrime.core.fields import encrypted_fields

BATCH = 500


class Command(BaseCommand):
    help = "Re-encrypt all personal data with the primary encryption key."

    def handle(self, *args: Any, **options: Any) -> None:
        import hatecrime.reporting.evidence  # noqa: F401 - registers its rotation hook

        for model in apps.get_models():
            for field in encrypted_fields(model):
                count = self._rotate(model, field.attname)
                self.stdout.write(f"{model._meta.label}.{field.name}: {count}")
        for hook in ROTATION_HOOKS:
            self.stdout.write(f"{hook.__module__}.{hook.__name__}: {hook()}")

    def _rotate(self, model: Any, column: str) -> int:
        count = 0
        # Read the stored tokens without decrypting, so only stale ones are rewritten.
        rows = model.objects.exclude(**{f"{column}__isnull": True}).values_list("pk", flat=True)
        pks = list(rows)
        for start in range(0, len(pks), BATCH):
            with transaction.atomic():
                for obj in model.objects.filter(pk__in=pks[start : start + BATCH]):
                    token = self._raw_token(model, column, obj.pk)
                    if token is None or is_current(token):
                        continue
                    # Saving re-encrypts with the primary key (a fresh nonce).
                    model.objects.filter(pk=obj.pk).update(**{column: getattr(obj, column)})
                    count += 1
        return count

    def _raw_token(self, model: Any, column: str, pk: Any) -> str | None:
        from django.db import connection

        table = connection.ops.quote_name(model._meta.db_table)
        quoted = connection.ops.quote_name(model._meta.get_field(column).column)
        pk_column = connection.ops.quote_name(model._meta.pk.column)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {quoted} FROM {table} WHERE {pk_column} = %s", [pk])  # noqa: S608
            row = cursor.fetchone()
        return row[0] if row else None
