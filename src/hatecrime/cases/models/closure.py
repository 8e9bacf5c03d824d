"""Closing a case: the outcome, how the victim was told, and the supervisor's review of a
decision not to proceed (Victims' Code: the victim is told of a decision not to proceed and of
the Right to Review)."""

from django.conf import settings
from django.db import models

from hatecrime.core.fields import EncryptedTextField

from .case import Case, Outcome
from .work import Contact

# Outcomes that are a decision not to proceed: the case closes only when a supervisor other
# than the officer who proposed it has reviewed it.
OUTCOMES_NEEDING_REVIEW = frozenset(
    {
        Outcome.NO_FURTHER_ACTION.value,
        Outcome.NOT_INVESTIGATED.value,
        Outcome.VICTIM_DECLINED.value,
        Outcome.NOT_RECORDED.value,
    }
)


class Closure(models.Model):
    """One closure of a case, or one proposal to close it that a supervisor reviews. A case has
    at most one pending (`reviewed_at` empty and the case open) at a time."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="closures")
    outcome = models.CharField(max_length=32, choices=Outcome.choices)
    reason = EncryptedTextField()
    # The recorded contact in which the victim was told (none when they cannot be contacted).
    told_in_contact = models.ForeignKey(
        Contact, null=True, blank=True, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    told_of_right_to_review = models.BooleanField(default=False)
    needs_review = models.BooleanField(default=False)
    proposed_at = models.DateTimeField()
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    approved = models.BooleanField(null=True, blank=True)
    review_note = EncryptedTextField(blank=True, default="")

    class Meta:
        ordering = ["proposed_at", "pk"]

    def __str__(self) -> str:
        return f"closure {self.pk} of case {self.case_id}"

    @property
    def is_pending(self) -> bool:
        return self.needs_review and self.reviewed_at is None
