"""What happens on a case: contacts with the victim, key decisions, updates, court dates."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from hatecrime.core.fields import EncryptedTextField

from .case import Case, ContactMethod


class ContactPerson(models.TextChoices):
    VICTIM = "victim", _("The victim")
    REPORTER = "reporter", _("The person who reported it")


class Contact(models.Model):
    """One attempt to reach the victim (or the person who reported it), or a contact made."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="contacts")
    # Blank on contacts recorded before the service asked whom (migration cases 0009).
    person = models.CharField(max_length=16, choices=ContactPerson.choices, blank=True)
    method = models.CharField(max_length=16, choices=ContactMethod.choices)
    made = models.BooleanField(help_text=_("False when the victim was not reached."))
    with_interpreter = models.BooleanField(default=False)
    voicemail_left = models.BooleanField(default=False)
    outcome = EncryptedTextField(blank=True, default="")
    occurred_at = models.DateTimeField()
    outside_safe_times = models.BooleanField(default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["occurred_at", "pk"]

    def __str__(self) -> str:
        return f"contact {self.pk} of case {self.case_id}"


class DecisionKind(models.TextChoices):
    ARRESTED = "arrested", _("Suspect arrested")
    INTERVIEWED = "interviewed", _("Suspect interviewed under caution")
    RELEASED = "released", _("Suspect released without charge")
    BAILED = "bailed", _("Suspect bailed, under investigation, or bail conditions changed")
    NOT_INVESTIGATED = "not_investigated", _("Decision not to investigate")
    CHARGED = "charged", _("Suspect charged")
    NO_FURTHER_ACTION = "no_further_action", _("No further action (decision not to charge)")
    # Outcomes (OUTCOME_DECISIONS): what the victim sees on tracking once told (docs/adr/0820).
    SUMMONSED = "summonsed", _("Suspect summonsed to court")
    CAUTIONED = "cautioned", _("Suspect cautioned")
    COMMUNITY_RESOLUTION = "community_resolution", _("Community resolution")
    CIVIL_OUTCOME = (
        "civil_outcome",
        _("Civil outcome (for example an injunction or a civil behaviour order)"),
    )
    INFORMAL_OUTCOME = (
        "informal_outcome",
        _("Informal outcome (for example restorative justice, mediation or words of advice)"),
    )


# Decisions that say how the case was dealt with (charge, summons, caution, community
# resolution, civil or informal outcomes), as against steps of the investigation.
OUTCOME_DECISIONS = frozenset(
    {
        DecisionKind.CHARGED.value,
        DecisionKind.SUMMONSED.value,
        DecisionKind.CAUTIONED.value,
        DecisionKind.COMMUNITY_RESOLUTION.value,
        DecisionKind.CIVIL_OUTCOME.value,
        DecisionKind.INFORMAL_OUTCOME.value,
    }
)


class Decision(models.Model):
    """A key decision in the investigation (Victims' Code Right 6): the victim must be told,
    with reasons, within the Right 6 clock."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="decisions")
    kind = models.CharField(max_length=32, choices=DecisionKind.choices)
    reasons = EncryptedTextField(blank=True, default="")
    decided_at = models.DateTimeField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    victim_told_at = models.DateTimeField(null=True, blank=True)
    victim_told_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    victim_told_how = models.CharField(max_length=16, choices=ContactMethod.choices, blank=True)

    class Meta:
        ordering = ["decided_at", "pk"]

    def __str__(self) -> str:
        return f"decision {self.pk} of case {self.case_id}"


class VictimUpdate(models.Model):
    """An update given to the victim; one the officer shares also shows on 'track my report'."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="updates")
    text = EncryptedTextField()
    method = models.CharField(max_length=16, choices=ContactMethod.choices)
    given_at = models.DateTimeField()
    shared_at = models.DateTimeField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["given_at", "pk"]

    def __str__(self) -> str:
        return f"victimupdate {self.pk} of case {self.case_id}"


class HearingKind(models.TextChoices):
    FIRST_HEARING = "first_hearing", _("First hearing")
    TRIAL = "trial", _("Trial")
    SENTENCING = "sentencing", _("Sentencing hearing")
    OTHER = "other", _("Other hearing")


class HearingResult(models.TextChoices):
    ADJOURNED = "adjourned", _("Adjourned to another date")
    GUILTY_PLEA = "guilty_plea", _("Guilty plea")
    CONVICTED = "convicted", _("Found guilty")
    ACQUITTED = "acquitted", _("Found not guilty")
    STOPPED = "stopped", _("Case stopped (discontinued, withdrawn or dismissed)")
    SENTENCED = "sentenced", _("Sentenced")


class SentenceUplift(models.TextChoices):
    """Sentencing Act 2020 s.66: did the court increase the sentence for hostility?"""

    APPLIED = "applied", _("Yes: the sentence was increased for hostility")
    NOT_APPLIED = "not_applied", _("No")
    NOT_KNOWN = "not_known", _("Not known")


class CourtDate(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="court_dates")
    hearing_on = models.DateField()
    # Hearings recorded before these were asked read "other hearing", at no named court.
    kind = models.CharField(max_length=16, choices=HearingKind.choices, default=HearingKind.OTHER)
    # A public place, not personal data: the victim sees it on tracking.
    court_name = models.CharField(max_length=200, blank=True, default="")
    starts_at = models.TimeField(null=True, blank=True)
    # What the hearing is, as the officer wrote it: free text, so encrypted like the rest.
    description = EncryptedTextField()
    result = models.CharField(max_length=16, choices=HearingResult.choices, blank=True)
    # Recorded with the sentence only (blank for any other result).
    sentence_uplift = models.CharField(max_length=16, choices=SentenceUplift.choices, blank=True)
    # The sentence, or anything else about the result, in the officer's words.
    outcome = EncryptedTextField(blank=True, default="")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["hearing_on", "pk"]

    def __str__(self) -> str:
        return f"courtdate {self.pk} of case {self.case_id}"


class CaseMove(models.Model):
    """A move of the case to another area's queue, with the reason given (free text staff type:
    encrypted, docs/adr/0440): the receiving team reads why it came to them."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="moves")
    from_area = models.ForeignKey("core.Area", on_delete=models.PROTECT, related_name="+")
    to_area = models.ForeignKey("core.Area", on_delete=models.PROTECT, related_name="+")
    reason = EncryptedTextField()
    moved_at = models.DateTimeField()
    moved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["moved_at", "pk"]

    def __str__(self) -> str:
        return f"move {self.pk} of case {self.case_id}"
