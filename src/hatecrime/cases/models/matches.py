"""Suspects across areas (docs/adr/0830-suspect-matches-across-areas.md): identifiers of the
person reported about that staff record on a case, and an officer's request to read a case of
another area that shares one."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from hatecrime.core.fields import EncryptedJSONField, EncryptedTextField

from .case import Case

SUSPECT_LABELS = {
    "name": "Name",
    "date_of_birth": "Date of birth",
    "vehicle_registration": "Vehicle registration",
    "phone": "Phone number",
    "handle": "Online account name",
}


class SuspectRecord(models.Model):
    """What an officer recorded about the person reported about, for matching: a name with a
    date of birth, a vehicle registration, a phone number, an online handle. Encrypted; its
    keyed hashes are the case's `CaseIdentifier` rows. Removed with the rest of their personal
    data when an NCHI fails the personal-data test (ADR 0452)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="suspect_records")
    details = EncryptedJSONField(default=dict)
    recorded_at = models.DateTimeField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["recorded_at", "pk"]

    def __str__(self) -> str:
        return f"suspect record {self.pk} of case {self.case_id}"

    def rows(self) -> list[tuple[str, str]]:
        """(label, value) of what was recorded, for the case page."""
        return [(SUSPECT_LABELS.get(key, key), str(value)) for key, value in self.details.items()]


class AccessRequestStatus(models.TextChoices):
    PENDING = "pending", "Waiting for a supervisor"
    GRANTED = "granted", "Granted"
    REFUSED = "refused", "Refused"


class CaseAccessRequest(models.Model):
    """An officer asks the supervisors of another area to read one of its cases, which shares an
    identifier of the suspect with a case of their own. A grant lets that officer read that case
    (never change it) until `expires_at` (cases.access.access_case_to_read)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="access_requests")
    # The requesting officer's case that matched: the other area sees only its area and date.
    from_case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField()
    reason = EncryptedTextField()
    status = models.CharField(
        max_length=16, choices=AccessRequestStatus.choices, default=AccessRequestStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = EncryptedTextField(blank=True, default="")
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        indexes = [models.Index(fields=["requested_by", "status"])]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "requested_by"],
                condition=models.Q(status="pending"),
                name="one_pending_access_request",
            )
        ]

    def __str__(self) -> str:
        return f"access request {self.pk} for case {self.case_id}"

    @property
    def is_current_grant(self) -> bool:
        return (
            self.status == AccessRequestStatus.GRANTED
            and self.expires_at is not None
            and self.expires_at > timezone.now()
        )
