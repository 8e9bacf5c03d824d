"""Withdrawal risk as data: the rules (signal, weight, parameter, enabled) and the score at which
a case is flagged are rows an administrator edits; each open case carries its latest flag, with
the signals that raised it (codes and figures, put in words when shown: cases.risk)."""

from django.conf import settings
from django.db import models

from hatecrime.core.fields import EncryptedTextField

from .case import Case


class WithdrawalRiskSignal(models.TextChoices):
    """What in a case can raise its withdrawal risk. The label is the rule's name on the
    administrator's page; the parameter's meaning is in `PARAMETERS`."""

    NO_TWO_WAY_CONTACT = "no_two_way_contact", "No two-way contact for a while"
    MISSED_CONTACTS = "missed_contacts", "Contacts that did not reach the victim"
    STATEMENT_DECLINED = "statement_declined", "Statement declined"
    WORRIED_ABOUT_REPRISALS = "worried_about_reprisals", "Worried about reprisals"
    NO_POLICE_ACTION = "no_police_action", "Does not want police action"
    SUSPECT_KNOWN = "suspect_known", "Suspect known to the victim (for example a neighbour)"
    REPEAT_VICTIMISATION = "repeat_victimisation", "Repeat victimisation"
    DISABILITY = "disability", "Disability"
    NO_SUPPORT_REFERRAL = "no_support_referral", "No support referral"
    SLOW_FIRST_CONTACT = "slow_first_contact", "Long time to first contact"
    REASSURANCE_WANTS_TO_WITHDRAW = (
        "reassurance_wants_to_withdraw",
        "Reassurance contact: wants to withdraw",
    )
    REASSURANCE_NEEDS_SUPPORT = (
        "reassurance_needs_support",
        "Reassurance contact: needs more support",
    )
    REASSURANCE_NO_ANSWER = "reassurance_no_answer", "Reassurance contacts not answered"


# What a rule's parameter means, for the rules that have one.
PARAMETERS: dict[str, str] = {
    WithdrawalRiskSignal.NO_TWO_WAY_CONTACT: "days without two-way contact",
    WithdrawalRiskSignal.MISSED_CONTACTS: "attempts since the last two-way contact",
    WithdrawalRiskSignal.REPEAT_VICTIMISATION: "other reports of the victim (linked or matched)",
    WithdrawalRiskSignal.NO_SUPPORT_REFERRAL: "days after the report",
    WithdrawalRiskSignal.SLOW_FIRST_CONTACT: "hours from the report to first contact",
    WithdrawalRiskSignal.REASSURANCE_NO_ANSWER: "reassurance attempts in a row not answered",
}


class WithdrawalRiskLevel(models.TextChoices):
    NONE = "none", "None"
    RAISED = "raised", "Raised"
    HIGH = "high", "High"


class WithdrawalRiskRule(models.Model):
    signal = models.CharField(max_length=40, choices=WithdrawalRiskSignal.choices, unique=True)
    weight = models.PositiveSmallIntegerField()
    parameter = models.PositiveIntegerField(default=0)
    enabled = models.BooleanField(default=True)

    class Meta:
        ordering = ["signal"]

    def __str__(self) -> str:
        return self.get_signal_display()


class WithdrawalRiskThreshold(models.Model):
    """The score at or above which a case is flagged at `level` (one row per level)."""

    level = models.CharField(max_length=16, choices=WithdrawalRiskLevel.choices, unique=True)
    min_score = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["min_score"]

    def __str__(self) -> str:
        return f"{self.level} from {self.min_score}"


class WithdrawalRisk(models.Model):
    """A case's latest withdrawal-risk flag. `reasons` holds signal codes and figures only
    ([{"signal": ..., "weight": ..., "figure": ...}]), never what anyone said."""

    case = models.OneToOneField(
        Case, on_delete=models.CASCADE, primary_key=True, related_name="withdrawal_risk"
    )
    level = models.CharField(
        max_length=16, choices=WithdrawalRiskLevel.choices, default=WithdrawalRiskLevel.NONE
    )
    score = models.PositiveSmallIntegerField(default=0)
    reasons = models.JSONField(default=list)
    computed_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["level", "score"])]

    def __str__(self) -> str:
        return f"{self.level} ({self.score}) for case {self.case_id}"

    @property
    def reasons_in_words(self) -> list[str]:
        return [reason_in_words(reason) for reason in self.reasons]


class TargetingStep(models.TextChoices):
    """What a persistently targeted victim is shown (Anti-social Behaviour, Crime and Policing
    Act 2014; local multi-agency panels)."""

    ASB_CASE_REVIEW = "asb_case_review", "Anti-social behaviour case review (community trigger)"
    PANEL_REFERRAL = "panel_referral", "Multi-agency panel referral"


class TargetingStepStatus(models.TextChoices):
    OFFERED = "offered", "Offered to the victim"
    MADE = "made", "Made (applied or referred)"
    DECLINED = "declined", "Declined by the victim"


class TargetingAction(models.Model):
    """One record that a persistently targeted victim was offered, or given, a case review or
    a panel referral."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="targeting_actions")
    step = models.CharField(max_length=24, choices=TargetingStep.choices)
    status = models.CharField(max_length=16, choices=TargetingStepStatus.choices)
    note = EncryptedTextField(blank=True, default="")
    recorded_at = models.DateTimeField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", db_index=False
    )

    class Meta:
        ordering = ["recorded_at", "pk"]

    def __str__(self) -> str:
        return f"{self.step} {self.status} for case {self.case_id}"


def reason_in_words(reason: dict[str, object]) -> str:
    """One stored reason ({"signal", "weight", "figure", "never"}) as staff read it."""
    signal, figure = reason.get("signal"), reason.get("figure")
    words: dict[str, str] = {
        WithdrawalRiskSignal.NO_TWO_WAY_CONTACT: (
            f"No two-way contact since the report, {figure} days ago"
            if reason.get("never")
            else f"No two-way contact for {figure} days"
        ),
        WithdrawalRiskSignal.MISSED_CONTACTS: (
            f"{figure} contact attempts since the last two-way contact did not reach the victim"
        ),
        WithdrawalRiskSignal.STATEMENT_DECLINED: "The victim declined to give a statement",
        WithdrawalRiskSignal.WORRIED_ABOUT_REPRISALS: "The victim is worried about reprisals",
        WithdrawalRiskSignal.NO_POLICE_ACTION: "The victim does not want police action",
        WithdrawalRiskSignal.SUSPECT_KNOWN: (
            "The suspect is known to the victim (for example a neighbour)"
        ),
        WithdrawalRiskSignal.REPEAT_VICTIMISATION: (
            f"Repeat victimisation: {figure} other report(s) of this victim, linked or matching "
            "their details"
            if figure
            else "Repeat victimisation: marked at triage or as persistently targeted"
        ),
        WithdrawalRiskSignal.DISABILITY: (
            "Disability: the disability strand, or accessibility needs recorded"
        ),
        WithdrawalRiskSignal.NO_SUPPORT_REFERRAL: (
            f"No referral to a support service {figure} days after the report"
        ),
        WithdrawalRiskSignal.SLOW_FIRST_CONTACT: (
            f"No first contact after {figure} hours"
            if reason.get("never")
            else f"First contact took {figure} hours"
        ),
        WithdrawalRiskSignal.REASSURANCE_WANTS_TO_WITHDRAW: (
            "At the last reassurance contact the victim said they want to withdraw"
        ),
        WithdrawalRiskSignal.REASSURANCE_NEEDS_SUPPORT: (
            "At the last reassurance contact the victim said they need more support"
        ),
        WithdrawalRiskSignal.REASSURANCE_NO_ANSWER: (
            f"{figure} reassurance attempts in a row were not answered"
        ),
    }
    return words.get(str(signal), str(signal))
