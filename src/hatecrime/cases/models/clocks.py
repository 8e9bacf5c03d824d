"""Victims' Code clocks as data: the rules (lengths, units, when they start) are rows seeded by a
data migration, so a new Code of Practice is a data change, not a code change."""

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .case import Case


class ClockUnit(models.TextChoices):
    HOURS = "hours", _("Hours")
    WORKING_DAYS = "working_days", _("Working days")
    CALENDAR_DAYS = "calendar_days", _("Calendar days")
    CALENDAR_MONTHS = "calendar_months", _("Calendar months")


class AppliesWhen(models.TextChoices):
    ALWAYS = "always", _("Always")
    ENHANCED = "enhanced", _("Victim has enhanced rights")
    STANDARD = "standard", _("Victim has standard rights")


class ClockEvent(models.TextChoices):
    """What starts a clock. Actions start every active rule whose `starts_on` matches."""

    REPORT_RECEIVED = "report_received", _("A report is received")
    KEY_DECISION = "key_decision", _("A key decision in the investigation")
    NEEDS_ASSESSED = "needs_assessed", _("The victim's needs are assessed")
    DECISION_NOT_TO_CHARGE = "decision_not_to_charge", _("A decision not to charge")
    REVIEW_REQUESTED = "review_requested", _("The victim asks for a review")
    UPDATE_GIVEN = "update_given", _("An update is given (or the needs are assessed)")
    # Reassurance contacts (docs/withdrawal-risk.md): the first ones count from the report, the
    # later ones from the last reassurance contact that reached the victim.
    REASSURANCE_START = "reassurance_start", "The case is opened (reassurance contacts)"
    REASSURANCE_GIVEN = "reassurance_given", "A reassurance contact reaches the victim"
    # The default referral to the general victim service, for a victim who agreed when reporting.
    DEFAULT_REFERRAL = "default_referral", "The victim agreed to a referral when reporting"


# Clocks about the investigation (Right 6 decisions, the Victims' Right to Review): a
# non-crime hate incident is not investigated, so it gets none of them.
INVESTIGATION_EVENTS = (
    ClockEvent.KEY_DECISION,
    ClockEvent.DECISION_NOT_TO_CHARGE,
    ClockEvent.REVIEW_REQUESTED,
)

# Clocks that measure telling or reaching the victim: the Right 6 clocks (told of a key decision,
# updates at the agreed frequency), the Right 4 referral (only the victim can agree to it), and
# the window the victim has to ask for a review of a decision they must first be told of. For a
# victim who may not be contacted (reporting.people.victim_can_be_contacted) they start stopped,
# reading "not applicable" with the reason, never due, overdue or met. (First contact has no
# clock at all for them: cases.actions.opening.)
VICTIM_CONTACT_EVENTS = (
    ClockEvent.KEY_DECISION,
    ClockEvent.UPDATE_GIVEN,
    ClockEvent.NEEDS_ASSESSED,
    ClockEvent.DECISION_NOT_TO_CHARGE,
    ClockEvent.REASSURANCE_START,
    ClockEvent.REASSURANCE_GIVEN,
)
# The reassurance schedule (any of its clocks).
REASSURANCE_EVENTS = (ClockEvent.REASSURANCE_START, ClockEvent.REASSURANCE_GIVEN)


class ClockStopReason(models.TextChoices):
    """Why a clock stopped WITHOUT what it measures having happened (a clock stopped because it
    happened has no reason, and reads met or missed). The label is what staff read."""

    CASE_CLOSED = "case_closed", _("Not met: the case was closed before this happened")
    VICTIM_NOT_CONTACTABLE = (
        "victim_not_contactable",
        _(
            "Not applicable: the victim cannot be contacted (anonymous, no contact details, or "
            "they do not know of the report or have not agreed to contact)"
        ),
    )
    NCHI = (
        "nchi",
        _("Not applicable: recorded as a non-crime hate incident, which is not investigated"),
    )


NOT_APPLICABLE_REASONS = frozenset(
    {ClockStopReason.VICTIM_NOT_CONTACTABLE.value, ClockStopReason.NCHI.value}
)


class ClockRule(models.Model):
    code = models.SlugField(max_length=64, unique=True)
    name = models.CharField(max_length=200)
    length = models.PositiveIntegerField()
    unit = models.CharField(max_length=16, choices=ClockUnit.choices)
    applies_when = models.CharField(
        max_length=16, choices=AppliesWhen.choices, default=AppliesWhen.ALWAYS
    )
    starts_on = models.CharField(max_length=32, choices=ClockEvent.choices, db_index=True)
    source = models.CharField(max_length=200, blank=True, help_text=_("e.g. Victims' Code 2021"))
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Clock(models.Model):
    # Indexes: by case (a case's clocks); (stopped_at, due_at) for running clocks by due time
    # across the service (reminders); and an area's running clocks by due time (the board: not
    # the nation's running clocks, nor the area's ten years of cases: docs/adr/0790). Rules,
    # users and areas are deactivated, not deleted: no index for their PROTECT checks.
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="clocks")
    # The case's area, kept with it (set when made, changed when the case moves).
    area = models.ForeignKey(
        "core.Area", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    rule = models.ForeignKey(
        ClockRule, on_delete=models.PROTECT, related_name="clocks", db_index=False
    )
    # What the clock is about, when not the case itself (e.g. "decision:12", "referral:3").
    subject = models.CharField(max_length=64, blank=True)
    started_at = models.DateTimeField()
    due_at = models.DateTimeField()
    stopped_at = models.DateTimeField(null=True, blank=True)
    stopped_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    stop_reason = models.CharField(max_length=32, choices=ClockStopReason.choices, blank=True)
    # Jobs send each reminder once per clock state: they claim these with a conditional UPDATE.
    reminded_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_at", "pk"]
        indexes = [
            models.Index(fields=["stopped_at", "due_at"]),
            models.Index(
                fields=["area", "due_at"],
                condition=models.Q(stopped_at__isnull=True),
                name="clock_running_area_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rule.code} due {self.due_at:%Y-%m-%d %H:%M}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.area_id is None:  # a clock made one by one takes its case's area
            self.area_id = self.case.area_id
        super().save(*args, **kwargs)
