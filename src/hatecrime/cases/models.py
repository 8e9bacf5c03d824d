"""A case: what the Community Safety Unit works, opened by a report in its area's queue."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseStatus(models.TextChoices):
    NEW = "new", _("New")
    TRIAGED = "triaged", _("Triaged")
    ASSIGNED = "assigned", _("Assigned")
    IN_PROGRESS = "in_progress", _("In progress")
    CLOSED = "closed", _("Closed")


class Case(models.Model):
    report = models.OneToOneField("reporting.Report", on_delete=models.PROTECT, related_name="case")
    area = models.ForeignKey("core.Area", on_delete=models.PROTECT, related_name="cases")
    status = models.CharField(
        max_length=16, choices=CaseStatus.choices, default=CaseStatus.NEW, db_index=True
    )
    opened_at = models.DateTimeField(db_index=True)
    first_contact_due_at = models.DateTimeField(db_index=True)
    assigned_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assigned_cases",
    )
    # Optimistic concurrency: every change checks and bumps it, so two people editing the same
    # case cannot overwrite each other silently.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["opened_at"]
        indexes = [models.Index(fields=["area", "status"])]

    def __str__(self) -> str:
        return self.report.reference
