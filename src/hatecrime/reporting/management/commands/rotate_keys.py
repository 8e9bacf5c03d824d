"""Re-encrypt every encrypted value with the primary key (the first of
HATECRIME_ENCRYPTION_KEYS), in every model of every app, then run the rotation hooks (files).
Once it reports zero everywhere, the old key can be removed from the list."""

from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import connection, models, transaction

import hatecrime.reporting.evidence_store  # noqa: F401 - registers its rotation hook
from hatecrime.core.crypto import ROTATION_HOOKS, is_current
from hatecrime.core.fields import EncryptedTextField, encrypted_fields

BATCH = 500


class Command(BaseCommand):
    help = "Re-encrypt all personal data with the primary encryption key."

    def handle(self, *args: Any, **options: Any) -> None:

        for model in apps.get_models():
            for field in encrypted_fields(model):
                count = self._rotate(model, field)
                self.stdout.write(f"{model._meta.label}.{field.name}: {count}")
        for hook in ROTATION_HOOKS:
            self.stdout.write(f"{hook.__module__}.{hook.__name__}: {hook()}")

    def _stale(self, model: type[models.Model], field: EncryptedTextField) -> list[Any]:
        """Primary keys of the rows whose token was not made with the primary key. The tokens
        are read raw (not decrypted), so only stale ones are rewritten."""
        quote = connection.ops.quote_name
        pk = model._meta.pk
        assert pk is not None
        column, table = quote(field.column), quote(model._meta.db_table)
        stale = []
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {quote(pk.column)}, {column} FROM {table} WHERE {column} IS NOT NULL"  # noqa: S608
            )
            while rows := cursor.fetchmany(BATCH):
                # Empty values are stored unencrypted (core.fields): nothing to rotate.
                stale += [pk.to_python(k) for k, token in rows if token and not is_current(token)]
        return stale

    def _rotate(self, model: type[models.Model], field: EncryptedTextField) -> int:
        stale = self._stale(model, field)
        manager = model._base_manager
        for start in range(0, len(stale), BATCH):
            with transaction.atomic():
                rows = manager.select_for_update().filter(pk__in=stale[start : start + BATCH])
                for obj in rows.only("pk", field.attname):
                    # Writing the decrypted value encrypts it with the primary key (fresh nonce).
                    manager.filter(pk=obj.pk).update(**{field.attname: getattr(obj, field.attname)})
        return len(stale)
