"""The victims' feedback survey (docs/adr/0822-victims-feedback-survey.md).

An invitation belongs to a case: when it went (at closure, three months after), whether it was
sent or why not, and the keyed hash of its one-time link token (never the token). An answer
does NOT belong to a case: `SurveyResponse` has no key to the case, the invitation or the
person, a random id (so its order says nothing of when it came), and keeps only the area,
strands, channel and month it came in, with what the victim chose to tell us.
"""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from hatecrime.core.fields import EncryptedTextField


class SurveyStage(models.TextChoices):
    AT_CLOSURE = "at_closure", "At closure"
    THREE_MONTHS = "three_months", "Three months after closure"


class InvitationOutcome(models.TextChoices):
    SENT = "sent", "Sent (or waiting for a safe time)"
    NOT_SENT = "not_sent", "Not sent"


class SurveyInvitation(models.Model):
    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="survey_invitations", db_index=False
    )
    stage = models.CharField(max_length=16, choices=SurveyStage.choices)
    created_at = models.DateTimeField()
    outcome = models.CharField(max_length=16, choices=InvitationOutcome.choices)
    # Why it was not sent, in words for staff (no personal data).
    not_sent_reason = models.CharField(max_length=200, blank=True)
    # The keyed hash of the link's token while it can be answered; None once used or expired.
    token_digest = models.CharField(max_length=64, null=True, blank=True, unique=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    answered = models.BooleanField(default=False)

    class Meta:
        constraints = [
            # One of each stage per case: the sweep claims it by creating it.
            models.UniqueConstraint(fields=["case", "stage"], name="survey_invitation_once")
        ]

    def __str__(self) -> str:
        return f"survey invitation {self.pk} ({self.stage})"


class Answer(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    NOT_SURE = "not_sure", _("Not sure")


class AgeBand(models.TextChoices):
    UNDER_18 = "under_18", _("Under 18")
    FROM_18 = "18_24", _("18 to 24")
    FROM_25 = "25_34", _("25 to 34")
    FROM_35 = "35_44", _("35 to 44")
    FROM_45 = "45_54", _("45 to 54")
    FROM_55 = "55_64", _("55 to 64")
    FROM_65 = "65_over", _("65 or over")


class Disability(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")


class SurveyResponse(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    month = models.DateField(help_text="The first day of the month it was answered in")
    stage = models.CharField(max_length=16, choices=SurveyStage.choices)
    area = models.CharField(max_length=64)  # the area's slug
    strands = models.JSONField(default=list, blank=True)
    channel = models.CharField(max_length=32)
    # Blank: not answered (every question is optional).
    kept_informed = models.CharField(max_length=16, choices=Answer.choices, blank=True)
    treated_with_respect = models.CharField(max_length=16, choices=Answer.choices, blank=True)
    would_report_again = models.CharField(max_length=16, choices=Answer.choices, blank=True)
    comment = EncryptedTextField(blank=True, default="")
    # Protected characteristics the victim chose to give (blank: not given).
    age_band = models.CharField(max_length=16, choices=AgeBand.choices, blank=True)
    disability = models.CharField(max_length=16, choices=Disability.choices, blank=True)

    class Meta:
        ordering = ["month"]
        indexes = [models.Index(fields=["month"])]

    def __str__(self) -> str:
        return f"survey response of {self.month:%Y-%m}"
