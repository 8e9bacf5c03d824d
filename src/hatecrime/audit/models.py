"""Append-only audit events (DPA 2018 s.62), chained by a keyed hash (HMAC-SHA256 with
HATECRIME_AUDIT_KEY, docs/adr/0540) so that tampering is evident, and refused UPDATE and DELETE
by a database trigger.

An event holds who, when, what kind, which object and which fields, the justification and the
recipient; never the personal data itself.
"""

from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from hatecrime.core.fields import ChainPositionField, EncryptedTextField


class AuditKind(models.TextChoices):
    COLLECT = "collect", _("Collection")
    ALTER = "alter", _("Alteration")
    CONSULT = "consult", _("Consultation")
    DISCLOSE = "disclose", _("Disclosure")
    COMBINE = "combine", _("Combination")
    ERASE = "erase", _("Erasure")


class AppendOnly(Exception):
    """Audit events cannot be changed or deleted through the application."""


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnly("audit events cannot be changed")

    def delete(self) -> NoReturn:
        raise AppendOnly("audit events cannot be deleted")


class AuditEvent(models.Model):
    # The place in the chain is the primary key: on SQLite the table itself is ordered by it
    # (no separate index to write for every event; the chain's end is its last row).
    seq = ChainPositionField(primary_key=True)
    occurred_at = models.DateTimeField(db_index=True)
    # Indexes (docs/adr/0301-intake-performance.md: one event per report): seq (the primary key:
    # the chain, and searches newest first), occurred_at, actor_label and (object_id,
    # object_type): what the audit search filters on. `kind` has six values: walking seq
    # backwards serves it.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    actor_label = models.CharField(max_length=150, db_index=True)
    kind = models.CharField(max_length=16, choices=AuditKind.choices)
    object_type = models.CharField(max_length=64)
    object_id = models.CharField(max_length=128)
    fields = models.JSONField(default=list)
    # Why a person opened a case outside their queue, in their own words: free text that can
    # name people, so encrypted at rest (the hash covers the plaintext: docs/adr/0440).
    justification = EncryptedTextField(blank=True, default="")
    recipient = models.CharField(max_length=255, blank=True)
    detail = models.JSONField(default=dict)
    # The event this one follows: the last one committed when it was written (on SQLite always
    # seq - 1; on PostgreSQL seq comes from a sequence, so concurrent writers may skip numbers
    # or follow an earlier event: docs/adr/0540). 0 and GENESIS for the first event.
    prev_seq = models.BigIntegerField(default=0)
    prev_hash = models.CharField(max_length=64)
    # HMAC-SHA256 of the content and the link above, with the audit key named by key_id.
    key_id = models.CharField(max_length=32, default="")
    hash = models.CharField(max_length=64)

    objects = AuditEventQuerySet.as_manager()

    # Not a column: set by audit.actions.open_justification, which reads the justification
    # tolerantly (a value no key opens is named, never a crash).
    justification_unreadable: bool = False

    class Meta:
        ordering = ["seq"]
        indexes = [models.Index(fields=["object_id", "object_type"], name="audit_object_idx")]

    def __str__(self) -> str:
        return f"{self.seq} {self.kind} {self.object_type}:{self.object_id} by {self.actor_label}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnly("audit events cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnly("audit events cannot be deleted")
