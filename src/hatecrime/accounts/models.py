"""Staff accounts. What a person may see is decided by their role and their areas."""

from typing import Any, ClassVar

from django.contrib.auth.models import AbstractUser, UserManager
from django.contrib.auth.password_validation import validate_password
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
    # A third-party reporting centre (Stop Hate UK, Tell MAMA...): an API token, no staff pages.
    REPORTING_CENTRE = "reporting_centre", _("Reporting centre")


class StaffManager(UserManager["User"]):
    def create_superuser(
        self, username: str, email: str | None = None, password: str | None = None, **extra: Any
    ) -> "User":
        """`hatecrime createsuperuser` makes an administrator: the role, not `is_superuser`,
        decides which pages a member of staff sees. Its password follows the password rules
        even with `--no-input` (DJANGO_SUPERUSER_PASSWORD), which Django's command does not
        check; a ValidationError here is the command's error message."""
        extra.setdefault("role", Role.ADMINISTRATOR)
        if password is not None:
            validate_password(password, self.model(username=username, email=email or ""))
        return super().create_superuser(username, email, password, **extra)


class User(AbstractUser):
    role = models.CharField(max_length=32, choices=Role.choices, default=Role.OFFICER)
    must_change_password = models.BooleanField(
        default=False,
        help_text=_("Set when an administrator issues a temporary password: it works once."),
    )
    areas = models.ManyToManyField("core.Area", blank=True, related_name="staff")
    direct_phone = models.CharField(
        max_length=32, blank=True, help_text=_("Shown to the victim once the case is assigned.")
    )
    # The person's identifier at the force's identity provider (OpenID Connect), set by an
    # administrator: sign-in through the provider finds the account by it, never creates one.
    oidc_subject = models.CharField(max_length=255, unique=True, null=True, blank=True)

    objects: ClassVar[StaffManager] = StaffManager()

    class Meta:
        ordering = ["username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class SignInFailure(models.Model):
    """One failed sign-in, keyed by a blind hash of the username or of the client address (never
    the value itself), so that lockout works per account and per address."""

    key = models.CharField(max_length=64, db_index=True)
    occurred_at = models.DateTimeField(db_index=True)

    class Meta:
        indexes = [models.Index(fields=["key", "occurred_at"])]

    def __str__(self) -> str:
        return f"failure {self.key[:8]} at {self.occurred_at}"


class SignInLockout(models.Model):
    """A username or address that may not sign in until `locked_until`."""

    key = models.CharField(max_length=64, unique=True)
    scope = models.CharField(max_length=16)  # "username" or "address"
    locked_until = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.scope} {self.key[:8]} locked until {self.locked_until}"


class KnownSignInAddress(models.Model):
    """An address (as a blind hash) from which a member of staff has signed in. While that
    address is locked, they are slowed down there rather than refused."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="known_addresses")
    address_key = models.CharField(max_length=64)
    last_signed_in_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "address_key"], name="one_known_address_row")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} from {self.address_key[:8]}"


class ApiToken(models.Model):
    """An API token of a member of staff or a reporting centre. Only a SHA-256 digest of it is
    kept (the token is shown once); it expires, can be revoked, and a staff token also ends
    after a session's idle time without use (docs/adr/0552-api-tokens.md)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    digest = models.CharField(max_length=64, unique=True)
    # The first characters, to tell tokens apart on the administrator page; not enough to use.
    prefix = models.CharField(max_length=12)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.prefix}... of {self.user_id}"
