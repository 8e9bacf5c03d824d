"""Staff accounts. What a person may see is decided by their role and their areas."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CALL_HANDLER = "call_handler", _("Call handler")
    OFFICER = "officer", _("CSU officer")
    SUPERVISOR = "supervisor", _("CSU supervisor")
    ANALYST = "analyst", _("Analyst")
    COMMAND = "command", _("Command")
    PARTNER = "partner", _("Partner caseworker")
    ADMINISTRATOR = "administrator", _("Administrator")


class User(AbstractUser):
    role = models.CharField(max_length=32, choices=Role.choices, default=Role.OFFICER)
    areas = models.ManyToManyField("core.Area", blank=True, related_name="staff")
    direct_phone = models.CharField(
        max_length=32, blank=True, help_text=_("Shown to the victim once the case is assigned.")
    )

    class Meta:
        ordering = ["username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username
