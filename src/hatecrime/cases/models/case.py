"""A case: what the Community Safety Unit works, opened by a report in its area's queue.

Coarse categories (status, strands, risk) are in the clear because queues and boards filter on
them; anything a person said or any personal detail is encrypted.
"""

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from hatecrime.core.fields import EncryptedJSONField, EncryptedTextField


class CaseStatus(models.TextChoices):
    NEW = "new", _("New")
    TRIAGED = "triaged", _("Triaged")
    ASSIGNED = "assigned", _("Assigned")
    IN_PROGRESS = "in_progress", _("In progress")
    CLOSED = "closed", _("Closed")


# The open stages by name: `status IN (...)` finds an area's open cases through (area, status)
# without reading its years of closed ones, as `status <> 'closed'` does (docs/adr/0790).
OPEN_STATUSES = [s for s in CaseStatus.values if s != CaseStatus.CLOSED]


class Classification(models.TextChoices):
    CRIME = "crime", _("Hate crime")
    NCHI = "nchi", _("Non-crime hate incident")
    NOT_RECORDED = "not_recorded", _("Not recorded as an NCHI (fails the NCHI Code tests)")


class OnlineRoute(models.TextChoices):
    NOT_ONLINE = "not_online", _("Not online")
    LOCAL = "local", _("Online, dealt with by the local area")
    ONLINE_HUB = "online_hub", _("Online, passed to the national online hate crime hub")


class RiskLevel(models.TextChoices):
    STANDARD = "standard", _("Standard")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


class Priority(models.TextChoices):
    ROUTINE = "routine", _("Routine")
    PRIORITY = "priority", _("Priority")
    URGENT = "urgent", _("Urgent")


class PoliceActionWish(models.TextChoices):
    YES = "yes", _("Wants police action")
    NO = "no", _("Does not want police action")
    NOT_SURE = "not_sure", _("Not sure")


class ContactMethod(models.TextChoices):
    """Ways of reaching a person: the safe ways the public give, how an officer made contact,
    how a victim wants their updates."""

    PHONE = "phone", _("Phone")
    EMAIL = "email", _("Email")
    TEXT = "text", _("Text message")
    VISIT = "visit", _("Visit")
    LETTER = "letter", _("Letter")


class StatementStatus(models.TextChoices):
    NOT_OFFERED = "not_offered", _("Not offered yet")
    OFFERED = "offered", _("Offered")
    TAKEN = "taken", _("Taken")
    DECLINED = "declined", _("Declined")


class Outcome(models.TextChoices):
    CHARGED = "charged", _("Charged or summonsed")
    CAUTION = "caution", _("Caution or community resolution")
    NO_FURTHER_ACTION = "no_further_action", _("No further action")
    NOT_INVESTIGATED = "not_investigated", _("Decision not to investigate")
    VICTIM_DECLINED = "victim_declined", _("Victim does not support police action")
    NCHI_RECORDED = "nchi_recorded", _("Recorded as a non-crime hate incident")
    NOT_RECORDED = "not_recorded", _("Not recorded")
    CONVICTED = "convicted", _("Convicted")
    ACQUITTED = "acquitted", _("Acquitted")
    CIVIL_OR_INFORMAL = "civil_or_informal", _("Civil or informal outcome")


@dataclass(frozen=True)
class TrackingContact:
    """Who the person tracking a report can call: their officer once one is assigned, until
    then the Community Safety Unit's team number, with the hours it answers."""

    kind: str  # officer | csu
    name: str
    phone: str
    hours: str = ""

    def as_dict(self) -> dict[str, str]:
        return {
            "kind": self.kind,
            "name": self.name,
            "phone": self.phone,
            **({"hours": self.hours} if self.hours else {}),
        }


class Case(models.Model):
    report = models.OneToOneField("reporting.Report", on_delete=models.PROTECT, related_name="case")
    # Indexes (docs/adr/0301-intake-performance.md: every index is written for every report):
    # queues and boards are scoped by area, so (area, status) serves them; opened_at orders the
    # queues; assigned_officer is "my cases", indexed only where set (a new case has no officer,
    # so opening one writes nothing to that index; `assigned_officer = x` implies it is set, on
    # SQLite and PostgreSQL alike). first_contact_due_at, status, priority and outcome are only
    # ever filtered within an area, and triaged_by only when a user is deleted.
    area = models.ForeignKey(
        "core.Area", on_delete=models.PROTECT, related_name="cases", db_index=False
    )
    status = models.CharField(max_length=16, choices=CaseStatus.choices, default=CaseStatus.NEW)
    opened_at = models.DateTimeField(db_index=True)
    # None: no one may be contacted (an anonymous report, or a victim who does not know about it
    # or has not agreed: reporting.people.victim_can_be_contacted), so no first-contact clock.
    first_contact_due_at = models.DateTimeField(null=True, blank=True)
    first_contact_made_at = models.DateTimeField(null=True, blank=True)
    assigned_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assigned_cases",
        db_index=False,  # the partial index in Meta
    )
    assigned_at = models.DateTimeField(null=True, blank=True)

    # Triage.
    strands = models.JSONField(default=list, blank=True)
    # Codes of the community taxonomy (core.models.Community), from the report and recoded by
    # staff (do_recode_communities); the words given for "Other", encrypted.
    targeted_communities = models.JSONField(default=list, blank=True)
    targeted_community_other = EncryptedTextField(blank=True, default="")
    classification = models.CharField(max_length=16, choices=Classification.choices, blank=True)
    # The NCHI Code of Practice tests, recorded for every NCHI decision (None: not asked).
    nchi_not_trivial_irrational_or_malicious = models.BooleanField(null=True, blank=True)
    nchi_basis_for_hostility = models.BooleanField(null=True, blank=True)
    nchi_personal_data_threshold_met = models.BooleanField(null=True, blank=True)
    online_route = models.CharField(
        max_length=16, choices=OnlineRoute.choices, default=OnlineRoute.NOT_ONLINE
    )
    risk_level = models.CharField(max_length=16, choices=RiskLevel.choices, blank=True)
    risk_repeat_victimisation = models.BooleanField(default=False)
    risk_vulnerability = models.BooleanField(default=False)
    risk_escalation = models.BooleanField(default=False)
    priority = models.CharField(max_length=16, choices=Priority.choices, default=Priority.ROUTINE)
    triage_notes = EncryptedTextField(blank=True, default="")
    # When the NCHI personal-data test failed and the person reported about's data was removed.
    reported_person_data_removed_at = models.DateTimeField(null=True, blank=True)
    reported_person_data_removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    triaged_at = models.DateTimeField(null=True, blank=True)
    triaged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )

    # Needs assessment (Victims' Code Right 4). Every hate crime victim has enhanced rights.
    needs_assessed_at = models.DateTimeField(null=True, blank=True)
    enhanced_rights = models.BooleanField(default=True)
    persistently_targeted = models.BooleanField(default=False)
    vulnerable_or_intimidated = models.BooleanField(default=False)
    interpreter_language = EncryptedTextField(blank=True, default="")
    accessibility_needs = EncryptedTextField(blank=True, default="")
    wants_police_action = models.CharField(
        max_length=16, choices=PoliceActionWish.choices, blank=True
    )
    arrest_wishes = EncryptedTextField(blank=True, default="")
    # None: not asked yet.
    worried_about_reprisals = models.BooleanField(null=True, blank=True)
    update_method = models.CharField(max_length=16, choices=ContactMethod.choices, blank=True)
    update_every_days = models.PositiveSmallIntegerField(default=14)

    # Statements (Victims' Code Right 7).
    statement = models.CharField(
        max_length=16, choices=StatementStatus.choices, default=StatementStatus.NOT_OFFERED
    )
    personal_statement = models.CharField(
        max_length=16, choices=StatementStatus.choices, default=StatementStatus.NOT_OFFERED
    )

    # Closure.
    outcome = models.CharField(max_length=32, choices=Outcome.choices, blank=True)
    closure_reason = EncryptedTextField(blank=True, default="")
    closed_at = models.DateTimeField(null=True, blank=True)
    victim_told_of_closure = models.BooleanField(default=False)

    # The force's crime recording system (docs/adr/0810): its crime number, checked against the
    # administrator's CrimeNumberFormat, and its classification of the crime. Not personal data,
    # so in the clear; the number is indexed only where set (intake writes nothing to it).
    crime_number = models.CharField(max_length=40, blank=True, default="")
    crime_classification = models.CharField(max_length=200, blank=True, default="")

    # Optimistic concurrency: every change checks and bumps it, so two people editing the same
    # case cannot overwrite each other silently.
    version = models.PositiveIntegerField(default=1)

    # Not stored: the reason given for opening a case outside one's own queue (set by
    # `access_case`), which every audit event about this case object then carries.
    access_justification: str = ""
    # Not stored: the access request under which a user of another area reads this case (set
    # by `access_case_to_read`); None when they work on it by the usual rules.
    access_grant: Any = None

    class Meta:
        ordering = ["opened_at"]
        indexes = [
            models.Index(fields=["area", "status"]),
            models.Index(
                fields=["assigned_officer"],
                condition=models.Q(assigned_officer__isnull=False),
                name="case_assigned_officer_idx",
            ),
            models.Index(
                fields=["crime_number"],
                condition=~models.Q(crime_number=""),
                name="case_crime_number_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.report.reference

    @property
    def reference(self) -> str:
        return self.report.reference

    def tracking_contact(self) -> TrackingContact | None:
        """The number 'track my report' shows for this case, or None when there is none."""
        area = self.area
        officer = self.assigned_officer
        if officer is not None:
            own = officer.direct_phone
            phone = own or area.csu_phone
            if phone:
                return TrackingContact(
                    kind="officer",
                    name=officer.get_full_name() or officer.get_username(),
                    phone=phone,
                    hours="" if own else area.csu_hours,
                )
        if area.csu_phone:
            return TrackingContact(
                kind="csu", name=area.name, phone=area.csu_phone, hours=area.csu_hours
            )
        return None


class CaseLink(models.Model):
    """Two cases found to concern the same victim or suspect (a DPA 'combination')."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="links")
    linked_case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    # What the two reports share: identifier kinds when found by the blind indexes, or the
    # officer's own words when linked by hand (free text, so encrypted).
    matched_on = EncryptedJSONField(default=list)
    linked_at = models.DateTimeField()
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "linked_case"], name="case_link_once")
        ]

    def __str__(self) -> str:
        return f"{self.case_id} -> {self.linked_case_id}"


class IdentifierKind(models.TextChoices):
    VICTIM_EMAIL = "victim_email", _("Victim's email address")
    VICTIM_PHONE = "victim_phone", _("Victim's phone number")
    VICTIM_ADDRESS = "victim_address", _("Victim's address")
    VICTIM_NAME_DOB = "victim_name_dob", _("Victim's name and date of birth")
    SUSPECT_NAME = "suspect_name", _("Suspect's name")
    SUSPECT_NAME_DOB = "suspect_name_dob", _("Suspect's name and date of birth")
    SUSPECT_HANDLE = "suspect_handle", _("Suspect's online handle")
    SUSPECT_PHONE = "suspect_phone", _("Suspect's phone number")
    SUSPECT_VEHICLE = "suspect_vehicle", _("Suspect's vehicle registration")


# Personal data of the person reported about (removed below the NCHI Code's threshold).
SUSPECT_KINDS: tuple[IdentifierKind, ...] = (
    IdentifierKind.SUSPECT_NAME,
    IdentifierKind.SUSPECT_NAME_DOB,
    IdentifierKind.SUSPECT_HANDLE,
    IdentifierKind.SUSPECT_PHONE,
    IdentifierKind.SUSPECT_VEHICLE,
)
# What may announce a match in another area (docs/adr/0830): a name alone is too weak (two
# people share a name far more often than a name and a date of birth), so it links reports
# only within the areas an officer already sees.
CROSS_AREA_KINDS: tuple[IdentifierKind, ...] = (
    IdentifierKind.SUSPECT_NAME_DOB,
    IdentifierKind.SUSPECT_HANDLE,
    IdentifierKind.SUSPECT_PHONE,
    IdentifierKind.SUSPECT_VEHICLE,
)


class CaseIdentifier(models.Model):
    """Blind indexes (keyed hashes) of the identifiers in a case's report, to find linked reports
    without decrypting anything: the victim's email, phone, address, name + date of birth, and
    the suspect's names, handles and phone numbers."""

    # The unique (case, kind, digest) constraint's index serves lookups by case.
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="identifiers", db_index=False
    )
    kind = models.CharField(max_length=32)
    digest = models.CharField(max_length=64)

    class Meta:
        indexes = [models.Index(fields=["digest"])]
        constraints = [
            models.UniqueConstraint(fields=["case", "kind", "digest"], name="case_identifier_once")
        ]

    def __str__(self) -> str:
        return f"{self.kind} of case {self.case_id}"
