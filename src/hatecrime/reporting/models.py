"""What the public submits: a report, kept exactly as submitted and encrypted.

Only coarse, non-identifying categories are kept in the clear beside it (area, dates, strands,
behaviours, channel), because monitoring counts them; everything a person typed is encrypted.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from hatecrime.core.fields import EncryptedJSONField


class ReporterRole(models.TextChoices):
    VICTIM = "victim", _("The person it happened to")
    WITNESS = "witness", _("A witness")
    ON_BEHALF = "on_behalf", _("Someone reporting for the person it happened to")


class Channel(models.TextChoices):
    ONLINE = "online", _("Online form")
    API = "api", _("Third-party reporting centre or partner system")
    PHONE = "phone", _("Phone")
    FRONT_COUNTER = "front_counter", _("Front counter")
    HOME_VISIT = "home_visit", _("Home visit")
    THIRD_PARTY = "third_party", _("Third-party reporting centre")
    SOCIAL_MEDIA = "social_media", _("Social media")


class Report(models.Model):
    reference = models.CharField(max_length=16, unique=True)
    tracking_code_hash = models.CharField(max_length=64)
    submitted_at = models.DateTimeField(db_index=True)
    channel = models.CharField(max_length=32, choices=Channel.choices, default=Channel.ONLINE)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reporter_role = models.CharField(max_length=16, choices=ReporterRole.choices)
    anonymous = models.BooleanField(default=False)
    language = models.CharField(max_length=16, default="en-gb")
    # Coarse categories in the clear, for routing and monitoring (no personal data).
    area = models.ForeignKey("core.Area", on_delete=models.PROTECT, related_name="reports")
    occurred_on = models.DateField(db_index=True)
    online = models.BooleanField(default=False)
    motivations = models.JSONField(default=list)
    behaviours = models.JSONField(default=list)
    targeted_community = models.CharField(max_length=64, blank=True)
    # Everything as submitted, encrypted: what the reporter said is evidence.
    submitted = EncryptedJSONField()

    class Meta:
        ordering = ["-submitted_at"]

    def __str__(self) -> str:
        return self.reference
