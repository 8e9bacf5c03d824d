"""Model fields whose values are encrypted at rest (see core.crypto)."""

import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from hatecrime.core.crypto import TEXT_PREFIX, decrypt_text, encrypt_text


class EncryptedTextField(models.TextField):
    """Free text or a personal detail, stored encrypted. It cannot be searched or filtered on;
    store a `blind_index` beside it when matching is needed.

    An empty value is stored as the empty string, not encrypted: it holds no personal data (a
    NULL would say as much), and most optional details of a new case are empty, so encrypting
    them cost every report several AES operations for nothing."""

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> Any:
        if value is None:
            return None
        if value == "":
            return self.decode_empty()
        return self.decode(decrypt_text(value))

    def get_prep_value(self, value: Any) -> str | None:
        if value is None:
            return None
        text = self.encode(value)
        return "" if text == "" else encrypt_text(text)

    def decode_empty(self) -> Any:
        return ""

    def encode(self, value: Any) -> str:
        return str(value)

    def decode(self, plaintext: str) -> Any:
        return plaintext


class EncryptedJSONField(EncryptedTextField):
    """A JSON document (e.g. a report exactly as submitted), stored encrypted."""

    # What django-stubs' plugin reads as the types set and got (any JSON value, not text).
    _pyi_private_set_type: Any
    _pyi_private_get_type: Any

    def encode(self, value: Any) -> str:
        return json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False, sort_keys=True)

    def decode(self, plaintext: str) -> Any:
        return json.loads(plaintext)

    def to_python(self, value: Any) -> Any:
        return value


def encrypted_fields(model: type[models.Model]) -> list[EncryptedTextField]:
    return [f for f in model._meta.get_fields() if isinstance(f, EncryptedTextField)]


class ChainPositionField(models.BigIntegerField):
    """A 64-bit integer primary key given by the application (an audit event's place in the
    chain). On SQLite its column is declared `integer`, so that it is the table's rowid: only
    `INTEGER PRIMARY KEY` is, a `bigint` primary key gets a second, separate unique index that
    every insert writes too. SQLite's integers are 64-bit whatever the declaration."""

    def db_type(self, connection: Any) -> str | None:
        if connection.vendor == "sqlite":
            return "integer"
        return super().db_type(connection)


def encrypt_column_in_place(schema_editor: Any, table: str, column: str, *, pk: str = "id") -> int:
    """For a data migration that turns a plain text column into an encrypted one: encrypt every
    value still in the clear, in place, with raw SQL (the historical model would try to decrypt
    it, and some tables, such as the audit's, refuse updates through the ORM). Values already
    encrypted and empty ones are left as they are, so it can run twice. Returns how many."""
    connection = schema_editor.connection
    quote = connection.ops.quote_name
    table, column, pk = quote(table), quote(column), quote(pk)
    count = 0
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {pk}, {column} FROM {table}")  # noqa: S608
        for key, value in cursor.fetchall():
            if value is None or value == "" or str(value).startswith(TEXT_PREFIX):
                continue
            text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
            cursor.execute(
                f"UPDATE {table} SET {column} = %s WHERE {pk} = %s",  # noqa: S608
                [encrypt_text(text), key],
            )
            count += 1
    return count
