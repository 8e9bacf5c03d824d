"""Every message the service sends, recorded (the recipient encrypted, never in the clear)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from hatecrime.core.fields import EncryptedJSONField, EncryptedTextField


class MessageStatus(models.TextChoices):
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    SUPPRESSED = "suppressed", _("Not sent: not safe or not allowed")
    QUEUED = "queued", _("Waiting for a time the person said is safe")
    SENDING = "sending", _("Being sent")


class Message(models.Model):
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.SET_NULL, related_name="messages"
    )
    recipient = EncryptedTextField()
    recipient_digest = models.CharField(max_length=64, db_index=True)
    channel = models.CharField(max_length=16)
    template = models.CharField(max_length=64)
    purpose = models.CharField(max_length=64)
    status = models.CharField(max_length=16, choices=MessageStatus.choices)
    provider_reference = models.CharField(max_length=128, blank=True)
    error = models.CharField(max_length=300, blank=True)
    # A message held until a time the person said is safe: sent by the worker from then on.
    send_after = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    context = EncryptedJSONField(null=True, blank=True)
    # The language it is written in: the report's for the person who reported it or the victim
    # (a queued message is rendered in it when it goes), English for staff.
    language = models.CharField(max_length=16, default="en-gb")
    # What the message is about (e.g. one clock falling due), when it must reach each recipient
    # once at most: a second message for the same event and recipient is never recorded or sent.
    event = models.CharField(max_length=120, blank=True, default="")
    # Tries so far, and when the last began: a failed send is tried again later (send_after);
    # one left "sending" by a process that died is not (it may have gone): gateway.py.
    attempts = models.PositiveSmallIntegerField(default=0)
    attempted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "pk"]
        indexes = [
            models.Index(
                fields=["send_after"],
                condition=models.Q(status__in=["queued", "failed"]),
                name="message_due_idx",
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "recipient_digest"],
                condition=~models.Q(event=""),
                name="message_once_per_event_and_recipient",
            )
        ]

    def __str__(self) -> str:
        return f"{self.template} ({self.status})"
