"""Retention, review and disposal of case records (MoPI, DPA 2018 Part 3), and the erasure
ledger (docs/retention.md, ADR 0560-0562).

Rules are data, one per kind of record; a closed case gets its review date from its kind's
rule; a supervisor of the area retains it (with a reason and a new date) or disposes of it.
"""

from django.conf import settings
from django.db import models

from hatecrime.core.fields import EncryptedTextField


class RecordKind(models.TextChoices):
    CRIME = "crime", "Hate crime"
    NCHI = "nchi", "Non-crime hate incident"
    NOT_RECORDED = "not_recorded", "No crime / not recorded"
    ANONYMOUS_INTELLIGENCE = "anonymous_intelligence", "Anonymous intelligence"
    DRAFT = "draft", "Unsent draft of a report"
    EVIDENCE = "evidence", "Evidence files"
    AUDIT = "audit", "Audit events"


# The kinds a closed case can be (`kind_of_case`): reviewed by a supervisor.
CASE_KINDS = (
    RecordKind.CRIME,
    RecordKind.NCHI,
    RecordKind.NOT_RECORDED,
    RecordKind.ANONYMOUS_INTELLIGENCE,
)


class Handling(models.TextChoices):
    REVIEW = "review", "Reviewed by a supervisor of the area: retained or disposed of"
    AUTOMATIC = "automatic", "Deleted automatically"
    WITH_CASE = "with_case", "Kept and disposed of with its case"
    KEPT = "kept", "Kept for the life of the service, never deleted"


class RetentionRule(models.Model):
    """How long one kind of record is kept before a review. Seeded by migration 0002 from
    domain guidance; an administrator can change the review period (audited)."""

    kind = models.CharField(max_length=32, choices=RecordKind.choices, unique=True)
    handling = models.CharField(max_length=16, choices=Handling.choices)
    # Months from closure to the first review; None for kinds not reviewed by a person.
    review_after_months = models.PositiveSmallIntegerField(null=True, blank=True)
    basis = models.TextField(help_text="Why: the guidance this rule follows.")
    changed_at = models.DateTimeField(null=True, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.kind


class CaseRetention(models.Model):
    """A closed case's place in the retention cycle: its kind, when it is next reviewed, and
    when it was disposed of (its personal data erased; the counts kept)."""

    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, related_name="retention")
    kind = models.CharField(max_length=32, choices=RecordKind.choices)
    # None once disposed of.
    review_due_on = models.DateField(null=True, blank=True, db_index=True)
    disposed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"retention of case {self.case_id}"


class RetentionDecision(models.Model):
    """One review: retain (with a reason and the next review date) or dispose. MoPI asks for
    every retain or dispose decision to be recorded; these rows are kept after disposal."""

    RETAIN = "retain"
    DISPOSE = "dispose"
    DECISIONS = [(RETAIN, "Retain"), (DISPOSE, "Dispose")]

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    decision = models.CharField(max_length=8, choices=DECISIONS)
    # A supervisor's words: free text staff type is encrypted (ADR 0440).
    reason = EncryptedTextField()
    next_review_on = models.DateField(null=True, blank=True)
    decided_at = models.DateTimeField()
    # None when the erasure ledger re-applied a disposal after a restore.
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )

    class Meta:
        ordering = ["decided_at", "pk"]

    def __str__(self) -> str:
        return f"{self.decision} of case {self.case_id}"


class Erasure(models.Model):
    """The database's copy of the erasure ledger: the reference and the date, nothing else.
    The ledger itself is a file outside the database (HATECRIME_ERASURE_LEDGER_FILE), so that
    a database restored from an older backup can have its erasures applied again."""

    reference = models.CharField(max_length=16, unique=True)
    erased_on = models.DateField()

    class Meta:
        ordering = ["erased_on", "reference"]

    def __str__(self) -> str:
        return f"{self.reference} erased on {self.erased_on}"
