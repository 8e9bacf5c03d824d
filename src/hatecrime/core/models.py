"""The shared base model and the areas (boroughs) that Community Safety Units cover."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class BaseModel(models.Model):
    """Created and modified, by whom and when, on every record of the service."""

    created_on = models.DateTimeField(auto_now_add=True, db_index=True)
    modified_on = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    modified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        abstract = True


class Area(models.Model):
    """An area a Community Safety Unit covers: for the Met, a London borough. Areas are data.

    The special area `unknown` is the central triage queue for reports whose place is not known.
    """

    UNKNOWN = "unknown"

    slug = models.SlugField(max_length=64, unique=True)
    name = models.CharField(max_length=128)
    is_active = models.BooleanField(default=True)
    is_triage = models.BooleanField(
        default=False, help_text=_("The central triage queue for reports with no known area.")
    )
    # The Community Safety Unit's team number and when it answers: shown on 'track my report'
    # before an officer is assigned, so a victim always has someone to call.
    csu_phone = models.CharField(max_length=32, blank=True)
    csu_hours = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["is_triage", "name"]

    def __str__(self) -> str:
        return self.name


class ScheduledJob(models.Model):
    """When each periodic sweep last ran and is next due (see core.scheduler)."""

    name = models.CharField(max_length=100, unique=True)
    last_run_at = models.DateTimeField(null=True, blank=True)
    next_run_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.name


class DemoStepLoaded(models.Model):
    """A demo data step that has run, so that `hatecrime demo` never loads it twice."""

    name = models.CharField(max_length=200, unique=True)
    loaded_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.name
