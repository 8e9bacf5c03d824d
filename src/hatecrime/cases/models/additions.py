"""What the person holding the tracking code adds to their report after sending it, from
'track my report': more information, more evidence, or a request to be called."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from hatecrime.core.fields import EncryptedTextField

from .case import Case


class AdditionKind(models.TextChoices):
    INFORMATION = "information", _("More information")
    EVIDENCE = "evidence", _("More evidence")
    CALL_ME = "call_me", _("Please call me")


class ReportAddition(models.Model):
    """One addition. The text is what the person wrote (encrypted); files are the report's
    evidence rows, checked and stored like the journey's (reporting.evidence)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="additions")
    kind = models.CharField(max_length=16, choices=AdditionKind.choices)
    text = EncryptedTextField(blank=True, default="")
    evidence = models.ManyToManyField("reporting.Evidence", blank=True, related_name="+")
    added_at = models.DateTimeField()

    class Meta:
        ordering = ["added_at", "pk"]

    def __str__(self) -> str:
        return f"addition {self.pk} to case {self.case_id}"
