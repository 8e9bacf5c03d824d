"""The Victims' Right to Review (docs/adr/0812-right-to-review.md): a decision not to charge
or not to investigate that the victim can ask to have reviewed, the review that follows, and
the letters administrators write for such decisions."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone

from hatecrime.core.fields import EncryptedTextField

from .case import Case
from .closure import Closure
from .work import Decision, DecisionKind

# The decisions the victim can challenge (a subset of DecisionKind, and of the closure
# outcomes with the same codes).
REVIEWABLE_KINDS = (DecisionKind.NO_FURTHER_ACTION, DecisionKind.NOT_INVESTIGATED)


class ReviewResult(models.TextChoices):
    UPHELD = "upheld", "Upheld: the decision stands"
    OVERTURNED = "overturned", "Overturned: the decision is changed"


class RequestedVia(models.TextChoices):
    TRACKING = "tracking", "Track my report"
    STAFF = "staff", "Recorded by staff"


class Notice(models.TextChoices):
    """What became of the message telling the victim (of the decision or of the result)."""

    PENDING = "pending", "Being sent"
    SENT = "sent", "Sent through the victim's safe channel"
    QUEUED = "queued", "Waiting for a time the victim said is safe"
    NOT_CONTACTABLE = "not_contactable", "Not sent: the victim may not be contacted"
    NO_SAFE_WAY = "no_safe_way", "Not sent: no email or text the victim said is safe"
    FAILED = "failed", "Not sent: the message failed"


class DecisionLetter(models.Model):
    """An administrator's wording of the letter for one kind of decision in one language
    (a language code of core.languages, e.g. "en-gb", "vi"). Not personal data. Checked against
    the reading-age test when saved (core.readability)."""

    kind = models.CharField(max_length=32, choices=DecisionKind.choices)
    language = models.CharField(max_length=16)
    text = models.TextField()
    changed_at = models.DateTimeField()
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", db_index=False
    )

    class Meta:
        ordering = ["kind", "language"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "language"], name="decision_letter_once")
        ]

    def __str__(self) -> str:
        return f"{self.kind} letter ({self.language})"


class RightToReview(models.Model):
    """One decision the victim can ask to have reviewed: from a key decision recorded on the
    case, or from an approved closure with that outcome. Who was involved in it may not review
    it. The request, acknowledgement and result follow, each with its clock."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="rights_to_review")
    kind = models.CharField(max_length=32, choices=DecisionKind.choices)
    decision = models.ForeignKey(
        Decision, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    closure = models.ForeignKey(
        Closure, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    decided_at = models.DateTimeField()
    # Who made the decision, and (for a closure) the supervisor who approved it.
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    ask_by = models.DateTimeField()
    notice = models.CharField(max_length=16, choices=Notice.choices, default=Notice.PENDING)

    requested_at = models.DateTimeField(null=True, blank=True)
    requested_via = models.CharField(max_length=16, choices=RequestedVia.choices, blank=True)
    request_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    # Why the victim asks, in their words (optional).
    request_text = EncryptedTextField(blank=True, default="")

    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )

    result = models.CharField(max_length=16, choices=ReviewResult.choices, blank=True)
    result_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    # For staff: why. For the victim (shown on tracking): what happens next, in plain words.
    result_reasons = EncryptedTextField(blank=True, default="")
    next_steps = EncryptedTextField(blank=True, default="")
    result_notice = models.CharField(max_length=16, choices=Notice.choices, blank=True)

    class Meta:
        ordering = ["decided_at", "pk"]

    def __str__(self) -> str:
        return f"right to review {self.pk} of case {self.case_id}"

    @property
    def clock_subject(self) -> str:
        return f"right-to-review:{self.pk}"

    @property
    def is_requested(self) -> bool:
        return self.requested_at is not None

    @property
    def is_decided(self) -> bool:
        return bool(self.result)

    def window_open(self, at: dt.datetime | None = None) -> bool:
        """The victim can still ask (from tracking): not asked yet and before `ask_by`."""
        return self.requested_at is None and (at or timezone.now()) <= self.ask_by

    @property
    def involved(self) -> set[int]:
        """The staff involved in the decision: none of them may review it."""
        return {pk for pk in (self.decided_by_id, self.approved_by_id) if pk is not None}
