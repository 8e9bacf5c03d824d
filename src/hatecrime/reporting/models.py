"""What the public submits: a report, kept exactly as submitted and encrypted.

Only coarse, non-identifying categories are kept in the clear beside it (area, dates, strands,
behaviours, channel), because monitoring counts them; everything a person typed is encrypted.
"""

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from hatecrime.accounts.models import Role
from hatecrime.core.fields import EncryptedJSONField, EncryptedTextField


class ReporterRole(models.TextChoices):
    VICTIM = "victim", _("The person it happened to")
    WITNESS = "witness", _("A witness")
    ON_BEHALF = "on_behalf", _("Someone reporting for the person it happened to")


class Relationship(models.TextChoices):
    """How someone reporting for the victim knows them (the public form words them its own way)."""

    FRIEND = "friend", _("Friend")
    RELATIVE = "relative", _("Relative")
    CARER = "carer", _("Carer")
    COMMUNITY_LEADER = "community_leader", _("Community leader")
    SOLICITOR = "solicitor", _("Solicitor")
    LOCAL_AUTHORITY = "local_authority", _("Local authority")
    HOUSING_ASSOCIATION = "housing_association", _("Housing association")
    ADVICE_BUREAU = "advice_bureau", _("Advice service")
    REPORTING_CENTRE = "reporting_centre", _("Third-party reporting centre")
    OTHER = "other", _("Other")


class Channel(models.TextChoices):
    ONLINE = "online", _("Online form")
    API = "api", _("Third-party reporting centre or partner system")
    PHONE = "phone", _("Phone")
    FRONT_COUNTER = "front_counter", _("Front counter")
    HOME_VISIT = "home_visit", _("Home visit")
    THIRD_PARTY = "third_party", _("Third-party reporting centre")
    SOCIAL_MEDIA = "social_media", _("Social media")


class Behaviour(models.TextChoices):
    """What was done (the public's pages word these more fully, keyed by these members)."""

    VERBAL_ABUSE = "verbal_abuse", _("Verbal abuse")
    THREATS = "threats", _("Threats")
    PHYSICAL_ASSAULT = "physical_assault", _("Physical assault")
    PROPERTY_DAMAGE = "property_damage", _("Damage to property")
    GRAFFITI = "graffiti", _("Graffiti")
    HATE_MAIL = "hate_mail", _("Hate mail")
    ONLINE_ABUSE = "online_abuse", _("Online abuse")
    HARASSMENT = "harassment", _("Harassment")
    OTHER = "other", _("Something else")


# Channels a member of staff records a report through (the online form and the API record
# themselves).
STAFF_CHANNELS: tuple[Channel, ...] = (
    Channel.PHONE,
    Channel.FRONT_COUNTER,
    Channel.HOME_VISIT,
    Channel.THIRD_PARTY,
    Channel.SOCIAL_MEDIA,
)


class Report(models.Model):
    reference = models.CharField(max_length=16, unique=True)
    tracking_code_hash = models.CharField(max_length=64)
    submitted_at = models.DateTimeField(db_index=True)
    channel = models.CharField(max_length=32, choices=Channel.choices, default=Channel.ONLINE)
    # Not indexed: no query looks reports up by who submitted them or by area (cases carry the
    # queues); submitted_at and occurred_on are monitoring's (docs/adr/0301).
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    reporter_role = models.CharField(max_length=16, choices=ReporterRole.choices)
    anonymous = models.BooleanField(default=False)
    language = models.CharField(max_length=16, default="en-gb")
    # The language the holder of the tracking code later chose for messages about the report
    # (blank: the report's own). Chosen on 'track my report' (docs/adr/0701).
    message_language = models.CharField(max_length=16, blank=True, default="")
    # Coarse categories in the clear, for routing and monitoring (no personal data).
    area = models.ForeignKey(
        "core.Area", on_delete=models.PROTECT, related_name="reports", db_index=False
    )
    occurred_on = models.DateField(db_index=True)
    online = models.BooleanField(default=False)
    motivations = models.JSONField(default=list)
    behaviours = models.JSONField(default=list)
    # Codes of the community taxonomy (core.models.Community); the words given for "Other" are
    # only in `submitted`.
    targeted_communities = models.JSONField(default=list, blank=True)
    # Everything as submitted, encrypted: what the reporter said is evidence.
    submitted = EncryptedJSONField()

    class Meta:
        ordering = ["-submitted_at"]

    def __str__(self) -> str:
        return self.reference

    @property
    def reporting_centre(self) -> str | None:
        """The reporting centre whose token sent this report (its name), else None. Staff who
        record a report a centre phoned in are not a centre."""
        if self.channel != Channel.THIRD_PARTY or self.submitted_by_id is None:
            return None
        centre = self.submitted_by
        return str(centre) if centre and centre.role == Role.REPORTING_CENTRE else None

    @property
    def answers(self) -> dict[str, Any]:
        """The validated payload (docs/report-payload.md); `submitted` also keeps the raw body."""
        submitted = self.submitted or {}
        cleaned = submitted.get("cleaned")
        return cleaned if isinstance(cleaned, dict) else {}

    @property
    def language_for_messages(self) -> str:
        """The language of messages to the person who reported it or the victim: the one
        chosen later on tracking, else the one the report was made in."""
        return self.message_language or self.language


class Evidence(models.Model):
    """A file the reporter gave (photo, screenshot, PDF): encrypted, in the evidence store (a
    folder or a bucket: reporting.evidence_store) under `stored_name`, random, never served by
    a URL of the store. The original name is personal data: encrypted."""

    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="evidence")
    stored_name = models.CharField(max_length=64, unique=True)
    original_name = EncryptedTextField()
    content_type = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    # HMAC-SHA256 of the cleaned file with the blind-index key (ADR 0531), never a plain hash.
    digest = models.CharField(max_length=64)
    metadata_removed = models.BooleanField(default=False)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.stored_name


class IdempotencyStatus(models.TextChoices):
    IN_FLIGHT = "in_flight", _("In flight")
    DONE = "done", _("Done")


class IdempotencyRecord(models.Model):
    """A claimed Idempotency-Key (or a web draft id): the first request inserts the row, so a
    duplicate hits the unique constraint; the answer is kept to be given again."""

    # Whose key it is (`client_scope`: an account, or a keyed hash of an anonymous caller's
    # address; empty for the web journey's draft ids), so one client's key never blocks
    # another's (docs/adr/0532-idempotency-keys-per-client.md).
    client = models.CharField(max_length=80, default="", blank=True)
    key = models.CharField(max_length=200)
    body_hash = models.CharField(max_length=64)  # keyed digest (ADR 0531)
    status = models.CharField(max_length=16, choices=IdempotencyStatus.choices)
    response = EncryptedJSONField(null=True, blank=True)
    created_at = models.DateTimeField(db_index=True)
    # Who holds an in-flight claim: a random token (only its holder can complete or release it)
    # and the holding process as host:pid, so that a claim whose process died is taken over at
    # once (docs/adr/0302-idempotency.md).
    token = models.CharField(max_length=32, default="", blank=True)
    holder = models.CharField(max_length=80, default="", blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["client", "key"], name="idempotency_key_per_client")
        ]

    def __str__(self) -> str:
        return self.key


class TrackingAttempt(models.Model):
    """A failed attempt to track a report, for rate limiting. The client's IP is kept only as a
    keyed hash; rows older than a day are pruned."""

    client_hash = models.CharField(max_length=64, db_index=True)
    reference_hash = models.CharField(max_length=64, db_index=True)
    attempted_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"attempt at {self.attempted_at:%Y-%m-%d %H:%M}"


class IntakeCounter(models.Model):
    """How much one client sent in one fixed window: `key` is "<what>:<client>", the client a
    keyed hash of its address or a reporting centre's account (never an address). Incremented
    with one UPDATE, so any number of web nodes share it; old windows are pruned
    (docs/adr/0550-public-intake-limits.md)."""

    key = models.CharField(max_length=96)
    window_start = models.DateTimeField(db_index=True)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["key", "window_start"], name="one_counter_per_window")
        ]

    def __str__(self) -> str:
        return f"{self.key[:24]} {self.window_start}: {self.count}"


class SpentChallenge(models.Model):
    """A proof-of-work challenge already used (by its keyed digest): a solution works once
    (docs/adr/0551-proof-of-work.md). Kept until the challenge would have expired anyway."""

    digest = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"challenge {self.digest[:8]}"
