"""Support organisations, the victim's consent to be referred to each, and the referrals."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from hatecrime.core.fields import EncryptedJSONField, EncryptedTextField


class SupportOrganisation(models.Model):
    name = models.CharField(max_length=200, unique=True)
    description = models.TextField(blank=True)
    services = models.JSONField(default=list, blank=True)
    languages = models.JSONField(default=list, blank=True)
    communities = models.JSONField(default=list, blank=True)
    areas = models.ManyToManyField("core.Area", blank=True, related_name="support_organisations")
    covers_all_areas = models.BooleanField(default=False)
    how_to_refer = models.TextField(blank=True)
    phone = models.CharField(max_length=32, blank=True)
    website = models.URLField(blank=True)
    is_active = models.BooleanField(default=True)
    # The general victim service (e.g. Victim Support): offered by default to every victim who
    # may be contacted and agreed to a referral when reporting. At most one (the administrator
    # chooses it on the directory page).
    offered_by_default = models.BooleanField(default=False)
    # Partner caseworkers who see the referrals sent to this organisation.
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="support_organisations"
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class SharedField(models.TextChoices):
    """What a victim may agree to share with an organisation. Nothing else ever leaves."""

    NAME = "name", _("Name")
    PHONE = "phone", _("Phone number")
    EMAIL = "email", _("Email address")
    ADDRESS = "address", _("Address")
    LANGUAGE = "language", _("Language and interpreter needs")
    ACCESSIBILITY = "accessibility", _("Accessibility needs")
    SAFE_CONTACT = "safe_contact", _("How and when it is safe to contact them")
    SUMMARY = "summary", _("What happened, in their words")
    STRANDS = "strands", _("What the hostility was about")
    NEEDS = (
        "needs",
        _("What they want: police action, worries about reprisals, updates, statements"),
    )
    EVIDENCE = "evidence", _("Evidence they gave (photos, screenshots, documents)")


class Consent(models.Model):
    """The victim's consent to a referral to one organisation, with what they agreed to share.
    It can be withdrawn; a withdrawn consent is kept (when and by whom), never deleted."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="consents")
    organisation = models.ForeignKey(
        SupportOrganisation, on_delete=models.PROTECT, related_name="consents"
    )
    shared_fields = models.JSONField(default=list)
    given_at = models.DateTimeField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["given_at", "pk"]

    def __str__(self) -> str:
        return f"consent {self.pk} to {self.organisation_id}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None


class ReferralStatus(models.TextChoices):
    SENT = "sent", _("Sent")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn (consent withdrawn)")


class Referral(models.Model):
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="referrals")
    organisation = models.ForeignKey(
        SupportOrganisation, on_delete=models.PROTECT, related_name="referrals"
    )
    consent = models.ForeignKey(Consent, on_delete=models.PROTECT, related_name="referrals")
    status = models.CharField(
        max_length=16, choices=ReferralStatus.choices, default=ReferralStatus.SENT, db_index=True
    )
    # A copy of exactly what was shared, taken when the referral is sent (the partner's view).
    shared = EncryptedJSONField(default=dict)
    sent_at = models.DateTimeField()
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    responded_at = models.DateTimeField(null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-sent_at", "pk"]

    def __str__(self) -> str:
        return f"referral {self.pk} ({self.status})"


class DefaultReferralAnswer(models.TextChoices):
    SENT = "sent", "Referral sent"
    DECLINED = "declined", "Declined by the victim"


class DefaultReferral(models.Model):
    """What became of the referral to the general victim service that a case offers by default
    (docs/withdrawal-risk.md): sent, or declined by the victim with the reason. Until it is
    answered the case carries a running default-referral clock."""

    case = models.OneToOneField(
        "cases.Case", on_delete=models.CASCADE, related_name="default_referral"
    )
    organisation = models.ForeignKey(
        SupportOrganisation, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    answer = models.CharField(max_length=16, choices=DefaultReferralAnswer.choices)
    referral = models.ForeignKey(
        Referral, null=True, blank=True, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    declined_reason = EncryptedTextField(blank=True, default="")
    answered_at = models.DateTimeField()
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", db_index=False
    )

    def __str__(self) -> str:
        return f"default referral of case {self.case_id}: {self.answer}"
