"""`hatecrime rotate_keys`: after rotating to a new primary key, the old key can be removed and
everything still opens: every encrypted field of every model, report evidence files and draft
evidence. Models are found from the app registry, so a model added later is covered too."""

import base64
import datetime as dt
import decimal
import uuid

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection, models
from django.utils import timezone

from hatecrime.core.crypto import token_key_id
from hatecrime.core.fields import EncryptedJSONField, encrypted_fields
from hatecrime.reporting.actions import do_submit_report
from hatecrime.reporting.drafts.actions import (
    do_add_evidence,
    do_create_draft,
    do_save_step,
    evidence_content,
)
from hatecrime.reporting.drafts.models import DraftEvidence
from hatecrime.reporting.evidence import EvidenceUpload
from hatecrime.reporting.evidence_store import read_evidence
from hatecrime.reporting.models import Evidence
from pdf_files import letter_pdf

NEW_KEY = "k2:" + base64.urlsafe_b64encode(b"n" * 32).decode()
PDF = letter_pdf("letter signed Quillon Featherstonehaugh")
PAYLOAD = {
    "reporter_role": "victim",
    "anonymous": False,
    "what_happened": "Quillon Featherstonehaugh shouted abuse at the market",
    "occurred_on": "2026-11-01",
    "borough": "hackney",
    "motivations": ["race"],
    "contact": {"name": "Perpetua Oddbody", "email": "po@example.com"},
}


def encrypted_models() -> list[type[models.Model]]:
    return [model for model in apps.get_models() if encrypted_fields(model)]


def _plain_value(field: models.Field, label: str) -> object:
    """A valid value for a required field that has no default (only for the generic rows)."""
    if field.choices:
        return field.choices[0][0]
    if isinstance(field, models.DateTimeField):
        return timezone.now()
    if isinstance(field, models.DateField):
        return dt.date(2026, 11, 1)
    if isinstance(field, models.BooleanField):
        return False
    if isinstance(field, models.DecimalField):
        return decimal.Decimal(1)
    if isinstance(field, models.IntegerField | models.FloatField):
        return 1
    if isinstance(field, models.UUIDField):
        return uuid.uuid4()
    if isinstance(field, models.JSONField):
        return {}
    if isinstance(field, models.BinaryField):
        return b"x"
    return f"{label}-{uuid.uuid4().hex[:8]}"[: field.max_length or 64]


def row_of(model: type[models.Model]) -> models.Model:
    """An existing row of `model`, or a new one with every encrypted field filled."""
    existing = model._base_manager.first()
    if existing is not None:
        # Empty values are stored empty, not encrypted (core.fields): give every encrypted
        # field of the row something to rotate.
        filled = {
            field.attname: f"secret {model._meta.model_name}.{field.name}"
            for field in encrypted_fields(model)
            if getattr(existing, field.attname) == ""
        }
        if filled:
            model._base_manager.filter(pk=existing.pk).update(**filled)
        return existing
    values: dict[str, object] = {}
    for field in model._meta.concrete_fields:
        label = f"{model._meta.model_name}.{field.name}"
        if field.primary_key and (field.auto_created or field.has_default()):
            continue
        if field.is_relation:
            if not field.null:
                values[field.name] = row_of(field.related_model)
        elif isinstance(field, EncryptedJSONField):
            values[field.name] = {"marker": f"secret {label}"}
        elif field in encrypted_fields(model):
            values[field.name] = f"secret {label}"
        elif not (field.has_default() or field.null or getattr(field, "auto_now_add", False)):
            values[field.name] = _plain_value(field, label)
    return model._base_manager.create(**values)


def raw_tokens(model: type[models.Model]) -> list[str]:
    quote = connection.ops.quote_name
    tokens = []
    with connection.cursor() as cursor:
        for field in encrypted_fields(model):
            cursor.execute(
                f"SELECT {quote(field.column)} FROM {quote(model._meta.db_table)}"
                f" WHERE {quote(field.column)} IS NOT NULL"
            )
            tokens += [value for (value,) in cursor.fetchall()]
    return tokens


def key_ids(model: type[models.Model]) -> set[str]:
    return {
        token_key_id(base64.urlsafe_b64decode(token.removeprefix("hc1:")))
        for token in raw_tokens(model)
        if token  # empty values are stored empty, not encrypted (core.fields)
    }


def decrypted(model: type[models.Model]) -> list[tuple[object, ...]]:
    names = [field.attname for field in encrypted_fields(model)]
    return sorted(
        (tuple(repr(getattr(row, name)) for name in names) for row in model._base_manager.all()),
    )


@pytest.mark.django_db
def test_after_rotation_the_old_key_can_be_removed(settings, alice):
    old = settings.HATECRIME_ENCRYPTION_KEYS
    submitted = do_submit_report(
        payload=PAYLOAD,
        evidence=[EvidenceUpload("letter.pdf", PDF)],
        channel="api",
        actor=alice,
        idempotency_key="api:rotation",
    )
    draft = do_create_draft()
    do_save_step(draft, step="what_happened", owned_keys=("what_happened",), fragment=PAYLOAD)
    do_add_evidence(draft, name="draft.pdf", content=PDF, declared_type="application/pdf")
    for model in encrypted_models():
        row_of(model)
    before = {model: decrypted(model) for model in encrypted_models()}
    for model in encrypted_models():
        assert key_ids(model) == {"test1"}, model._meta.label

    settings.HATECRIME_ENCRYPTION_KEYS = f"{NEW_KEY},{old}"
    call_command("rotate_keys", stdout=open("/dev/null", "w"))  # noqa: SIM115
    settings.HATECRIME_ENCRYPTION_KEYS = NEW_KEY  # the old key is gone

    for model in encrypted_models():
        assert key_ids(model) == {"k2"}, model._meta.label
        assert decrypted(model) == before[model], model._meta.label
    stored_name = Evidence.objects.get(report=submitted.report).stored_name
    assert read_evidence(stored_name) == PDF
    assert evidence_content(DraftEvidence.objects.get()) == PDF


@pytest.mark.django_db
def test_rotating_twice_rewrites_nothing_the_second_time(settings, capsys):
    do_submit_report(
        payload=PAYLOAD, evidence=[EvidenceUpload("l.pdf", PDF)], channel="api", actor=None
    )
    settings.HATECRIME_ENCRYPTION_KEYS = f"{NEW_KEY},{settings.HATECRIME_ENCRYPTION_KEYS}"
    call_command("rotate_keys")
    first = capsys.readouterr().out
    assert "reporting.Report.submitted: 1" in first
    assert "rotate_evidence_files: 1" in first
    call_command("rotate_keys")
    second = capsys.readouterr().out
    assert "reporting.Report.submitted: 0" in second
    assert "rotate_evidence_files: 0" in second
