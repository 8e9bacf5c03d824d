"""A report being written: the answers live on the server, encrypted, until it is submitted.

The browser holds only the draft's random id (in its session). A resume code, shown to the person
once, lets them come back from another device; only a keyed hash of it is stored.
"""

import uuid

from django.db import models

from hatecrime.core.fields import EncryptedJSONField, EncryptedTextField


class Draft(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # The answers in the shape of the report payload (docs/report-payload.md), encrypted.
    answers = EncryptedJSONField(default=dict)
    # Which pages of the journey have been completed (page names only, nothing personal).
    completed_steps = models.JSONField(default=list)
    resume_code_hash = models.CharField(max_length=64, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"draft {self.pk}"


class DraftEvidence(models.Model):
    """A file attached to a draft, encrypted (name and content) until the report is submitted."""

    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="evidence")
    name = EncryptedTextField()
    declared_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField()
    content = models.BinaryField()  # encrypt_bytes(...) of the file
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at", "pk"]

    def __str__(self) -> str:
        return f"evidence {self.pk} of draft {self.draft_id}"


class ResumeAttempt(models.Model):
    """A wrong resume code, for rate limiting. The client's address is kept only as a keyed
    hash (never the address, never the code tried); rows older than a day are deleted."""

    client_hash = models.CharField(max_length=64, db_index=True)
    attempted_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"resume attempt at {self.attempted_at:%Y-%m-%d %H:%M}"
