"""Reassurance contacts: scheduled calls to the victim by someone who is not the investigating
officer (College of Policing, "secondary reassurance"), each with what came of it. The contact
itself is a `Contact` (so the safe-contact rules and the two-way-contact count see it); this row
adds the outcome, which feeds the withdrawal risk."""

from django.db import models

from .case import Case
from .work import Contact


class ReassuranceOutcome(models.TextChoices):
    REACHED = "reached", "Reached: the victim is content to carry on"
    NO_ANSWER = "no_answer", "No answer"
    WANTS_TO_WITHDRAW = "wants_to_withdraw", "The victim wants to withdraw"
    NEEDS_MORE_SUPPORT = "needs_more_support", "The victim needs more support"


# Outcomes in which the victim was reached (the contact was two-way).
REACHED_OUTCOMES = frozenset(
    {
        ReassuranceOutcome.REACHED.value,
        ReassuranceOutcome.WANTS_TO_WITHDRAW.value,
        ReassuranceOutcome.NEEDS_MORE_SUPPORT.value,
    }
)


class ReassuranceContact(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="reassurance_contacts")
    contact = models.OneToOneField(Contact, on_delete=models.CASCADE, related_name="reassurance")
    outcome = models.CharField(max_length=24, choices=ReassuranceOutcome.choices)

    class Meta:
        ordering = ["contact__occurred_at", "pk"]

    def __str__(self) -> str:
        return f"reassurance {self.pk} ({self.outcome}) of case {self.case_id}"
